package importers

import (
	"bytes"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The cells of a worksheet's rows, read by sheetReader from the sheet XML:
// row and cell tags and the spans of their values (cellvalues.go turns the
// spans into the strings excelize gives).

// rowTag is a row's start tag, read ahead of the row.
type rowTag struct {
	from    int // where the reader looked for it
	at, end int // absolute offsets of '<' and past '>'
	empty   bool
	name    []byte // copied: the window's bytes move
	n       int
}

// markup finds the next markup from absolute offset p, past blanks and
// comments, filling the window as needed (bytes from keep on are kept). It
// returns its absolute offset, or -1 at the end of the part, and why the
// reader cannot go on (text or markup it does not handle there).
func (r *sheetReader) markup(p int) (int, string) {
	for {
		b := r.w.buf
		i := p - r.w.base
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i+4 <= len(b) || i+1 < len(b) && b[i+1] != '!' {
			if b[i] != '<' {
				return 0, "text between rows"
			}
			if b[i+1] != '!' {
				return r.w.base + i, ""
			}
			if !bytes.HasPrefix(b[i:], []byte("<!--")) {
				return 0, "markup between rows"
			}
			j, s := skipComment(b, i)
			if s == scanBad {
				return 0, "a comment that does not parse"
			}
			if s == scanOK {
				r.unsure("a comment between rows")
				p = r.w.base + j
				continue
			}
		}
		p = r.w.base + i
		if !r.w.fill() {
			if r.w.err != nil {
				return 0, "the sheet cannot be unpacked"
			}
			if p < r.w.end() {
				return 0, "the sheet ends inside markup"
			}
			return -1, ""
		}
	}
}

// startTag reads the start tag at absolute offset p into t, filling the
// window as needed.
func (r *sheetReader) startTag(p int, t *xmlTag) scan {
	for {
		s := readStartTag(r.w.buf, p-r.w.base, t)
		if s != scanShort {
			return s
		}
		if !r.w.fill() {
			return scanBad
		}
	}
}

// rowTagAt reads the row start tag at absolute offset p, numbering the row
// after the one numbered last.
func (r *sheetReader) rowTagAt(p, last int) (rowTag, string) {
	tag := &r.tag
	if r.startTag(p, tag) != scanOK {
		return rowTag{}, "a syntax error between rows"
	}
	if string(tag.local) != "row" {
		return rowTag{}, "an element other than a row in the rows"
	}
	n, why := rowNumber(tag, last)
	if why != "" {
		return rowTag{}, why
	}
	if !bytes.Equal(tag.name, r.rowName) {
		r.rowName = append([]byte(nil), tag.name...) // copied: the window's bytes move
		r.rowEnd = append([]byte("</"), tag.name...)
	}
	return rowTag{at: p, end: r.w.base + tag.end, empty: tag.empty, name: r.rowName, n: n}, ""
}

// readRow reads the next <row> into r.row. It returns false at the end of
// the rows, and why it cannot go on when it must fall back.
func (r *sheetReader) readRow() (ok bool, why string) {
	r.w.keep = r.pos
	rt := r.ahead
	if rt.from != r.pos || rt.name == nil {
		at, why := r.markup(r.pos)
		switch {
		case why != "":
			return false, why
		case at < 0:
			return false, "the sheet ends inside its rows"
		}
		r.w.keep = at
		b := r.w.buf
		if i := at - r.w.base; i+1 < len(b) && b[i+1] == '/' {
			for {
				j, s := readEndTag(r.w.buf, at-r.w.base, r.data)
				if s == scanOK {
					r.pos, r.ended = r.w.base+j, true
					if !r.afterSheetData() {
						return false, "a row after </sheetData>"
					}
					return false, ""
				}
				if s == scanBad || !r.w.fill() {
					return false, "an end tag other than </sheetData> in the rows"
				}
			}
		}
		if rt, why = r.rowTagAt(at, r.last); why != "" {
			return false, why
		}
	}
	r.ahead = rowTag{}
	r.w.keep = rt.at
	if r.rowsRead == 0 {
		r.rowsFrom = rt.at
	}
	r.rowsRead++
	if rt.n > excelize.TotalRows {
		r.err = excelize.ErrMaxRows
		return false, ""
	}
	// The row's end tag.
	contentFrom, contentTo, after := rt.end, rt.end, rt.end
	if !rt.empty {
		end := r.rowEnd // made by rowTagAt with rt's name, unless another came since
		if len(end) < 2 || !bytes.Equal(end[2:], rt.name) {
			end = append([]byte("</"), rt.name...)
		}
		from := contentFrom
		for found := false; !found; {
			b := r.w.buf
			k := bytes.Index(b[from-r.w.base:], end)
			if k >= 0 {
				at := from - r.w.base + k
				j, s := readEndTag(b, at, rt.name)
				switch s {
				case scanOK:
					contentTo, after, found = r.w.base+at, r.w.base+j, true
					continue
				case scanBad:
					from = r.w.base + at + 1
					continue
				}
			}
			from = max(from, r.w.end()-len(end)-16)
			if !r.w.fill() {
				return false, "the sheet ends inside a row"
			}
		}
	}
	// Read the next row's start tag: excelize would add the cells of a row
	// numbered as this one or lower to this one, and stop this one with
	// ErrMaxRows when the next is past Excel's last row.
	r.row.maxErr = false
	if at, why := r.markup(after); why == "" && at >= 0 {
		if b := r.w.buf; at+1-r.w.base < len(b) && b[at+1-r.w.base] != '/' && b[at+1-r.w.base] != '?' {
			next, why := r.rowTagAt(at, rt.n)
			if why != "" {
				return false, why
			}
			next.from = after
			r.ahead = next
			r.row.maxErr = next.n > excelize.TotalRows
		}
	}
	b := r.w.buf[contentFrom-r.w.base : contentTo-r.w.base]
	if why := r.readCells(b); why != "" {
		return false, why
	}
	r.row.n, r.row.bytes = rt.n, b
	r.last, r.pos = rt.n, after
	return true, ""
}

// rowNumber reads a row's number as excelize does: its last r attribute, or
// the row after the last one read.
func rowNumber(t *xmlTag, last int) (int, string) {
	n := last + 1
	for _, a := range t.attrs {
		if string(a.local) != "r" {
			continue
		}
		if a.amp {
			return 0, "a row number with an entity"
		}
		v, ok := smallInt(a.value)
		if !ok {
			var err error
			if v, err = strconv.Atoi(string(a.value)); err != nil {
				return 0, "a row number that does not parse"
			}
		}
		if v <= 0 {
			return 0, "a row number that does not parse"
		}
		n = v
	}
	if n <= last {
		return 0, "rows out of order"
	}
	return n, ""
}

// smallInt parses up to 9 decimal digits without allocating.
func smallInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// formulaAttrs are the attributes of <f> excelize decodes into booleans and
// numbers.
var formulaAttrs = map[string]byte{"aca": 'b', "dt2D": 'b', "dtr": 'b', "del1": 'b', "del2": 'b', "ca": 'b', "si": 'i'}

// readCells reads the <c> elements of a row's content b.
func (r *sheetReader) readCells(b []byte) string {
	row := &r.row
	row.cells, row.arena = row.cells[:0], row.arena[:0]
	tag := &r.tag
	col := 0
	i := 0
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return ""
		}
		if b[i] != '<' || i+1 == len(b) {
			return "text inside a row"
		}
		if b[i+1] == '!' {
			if !bytes.HasPrefix(b[i:], []byte("<!--")) {
				return "markup inside a row"
			}
			j, s := skipComment(b, i)
			if s != scanOK {
				return "a comment inside a row"
			}
			r.unsure("a comment inside a row")
			i = j
			continue
		}
		if readStartTag(b, i, tag) != scanOK {
			return "a syntax error inside a row"
		}
		if string(tag.local) != "c" {
			return "an element other than a cell in a row"
		}
		c := xmlCell{kind: 'n'}
		var ref []byte
		hasRef := false
		for _, a := range tag.attrs {
			switch string(a.local) {
			case "r":
				if a.amp {
					return "a cell reference with an entity"
				}
				ref, hasRef = a.value, true
			case "s":
				v, ok := smallInt(a.value)
				if !ok {
					x, err := strconv.ParseInt(string(a.value), 10, 64)
					if a.amp || err != nil {
						return "a style that does not parse"
					}
					v = int(x)
				}
				c.style = v
			case "t":
				if a.amp {
					return "a cell type with an entity"
				}
				switch string(a.value) {
				case "s":
					c.kind = 's'
				case "str":
					c.kind = 't'
				case "inlineStr":
					c.kind = 'i'
				case "b":
					c.kind = 'b'
				case "d":
					c.kind = 'd'
				default:
					c.kind = 'n'
				}
			}
		}
		col++
		if hasRef && len(ref) > 0 {
			k, ok := cellColumn(ref)
			if !ok {
				return "a cell reference that does not parse"
			}
			col = k
		}
		c.col = col
		i = tag.end
		if !tag.empty {
			j, why := r.readCellContent(b, i, &c)
			if why != "" {
				return why
			}
			i = j
		}
		row.cells = append(row.cells, c)
	}
}

// readCellContent reads the children of a <c> whose start tag r.tag was
// just read, up to and past its end tag.
func (r *sheetReader) readCellContent(b []byte, i int, c *xmlCell) (int, string) {
	row := &r.row
	name := r.tag.name
	tag := &r.inner
	for {
		end, _, s := scanText(b, i)
		if s != scanOK {
			return 0, "a cell that does not parse"
		}
		if end > i && len(bytes.TrimLeft(b[i:end], " \t\r\n")) > 0 {
			return 0, "text inside a cell"
		}
		i = end
		if i+1 >= len(b) {
			return 0, "a cell that does not end"
		}
		switch b[i+1] {
		case '/':
			j, s := readEndTag(b, i, name)
			if s != scanOK {
				return 0, "a cell that does not end"
			}
			return j, ""
		case '!':
			if !bytes.HasPrefix(b[i:], []byte("<!--")) {
				return 0, "markup inside a cell"
			}
			j, s := skipComment(b, i)
			if s != scanOK {
				return 0, "a comment inside a cell"
			}
			r.unsure("a comment inside a cell")
			i = j
			continue
		case '?':
			return 0, "a processing instruction inside a cell"
		}
		if readStartTag(b, i, tag) != scanOK {
			return 0, "a syntax error inside a cell"
		}
		switch string(tag.local) {
		case "v":
			c.hasV = true
			if tag.empty {
				c.v = span{}
				i = tag.end
				continue
			}
			end, flags, s := scanText(b, tag.end)
			if s != scanOK {
				return 0, "a value that does not parse"
			}
			j, s := readEndTag(b, end, tag.name)
			if s != scanOK {
				return 0, "markup inside a value"
			}
			if flags&textDecode != 0 {
				if mentionsFacts(b[tag.end:end]) {
					r.unsure("a CDATA section holding tags the facts' scan reads")
				}
				from := len(row.arena)
				var ok bool
				if row.arena, ok = appendXMLText(row.arena, b[tag.end:end], true); !ok {
					return 0, "a value that does not decode"
				}
				c.v = span{int32(from), int32(len(row.arena)), true}
			} else {
				c.v = span{int32(tag.end), int32(end), false}
			}
			i = j
		case "f":
			if !typedAttrs(tag, formulaAttrs) {
				return 0, "a formula attribute that does not parse"
			}
			j, s := skipElement(b, tag.end, tag, nil, &r.scratch.skip)
			if s != scanOK {
				return 0, "a formula that does not parse"
			}
			c.hasF = true
			r.unsure("a formula")
			i = j
		case "is":
			if c.hasI {
				return 0, "two inline strings in a cell"
			}
			if from, to, j, ok := plainInlineString(b, tag, &r.scratch.item); ok {
				c.hasI, c.is = true, span{int32(from), int32(to), false}
				i = j
				continue
			}
			from := len(row.arena)
			var j int
			var ok bool
			if row.arena, j, ok = appendSI(row.arena, b, tag, &r.scratch); !ok {
				return 0, "an inline string that does not parse"
			}
			if mentionsFacts(b[i+1 : j]) { // past its own '<'
				r.unsure("an inline string holding tags the facts' scan reads")
			}
			c.hasI, c.is = true, span{int32(from), int32(len(row.arena)), true}
			i = j
		default:
			return 0, "an element other than v, f and is in a cell"
		}
	}
}

// plainInlineString reads the inline string most files write,
// <is><t>text</t></is> with a text that needs no decoding, without copying
// it: the text's span in b and the index past </is>. Any other form (runs,
// several <t>, blanks or comments between the tags, entities) is not ok,
// and appendSI reads it; what both read, they read alike
// (TestSheetReaderGenerated, TestSheetReaderStreamed).
func plainInlineString(b []byte, is, t *xmlTag) (from, to, next int, ok bool) {
	if is.empty || is.end+1 >= len(b) || b[is.end] != '<' || b[is.end+1] == '/' || b[is.end+1] == '!' || b[is.end+1] == '?' {
		return 0, 0, 0, false
	}
	if readStartTag(b, is.end, t) != scanOK || string(t.local) != "t" || t.empty {
		return 0, 0, 0, false
	}
	end, flags, s := scanText(b, t.end)
	if s != scanOK || flags&textDecode != 0 {
		return 0, 0, 0, false
	}
	j, s := readEndTag(b, end, t.name)
	if s != scanOK {
		return 0, 0, 0, false
	}
	k, s := readEndTag(b, j, is.name)
	if s != scanOK {
		return 0, 0, 0, false
	}
	return t.end, end, k, true
}

// cellColumn returns the column of a cell reference, as
// excelize.CellNameToCoordinates reads it.
func cellColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for i < len(ref) && 'A' <= ref[i] && ref[i] <= 'Z' && i < 3 {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	fast := i > 0 && i < len(ref) && col <= excelize.MaxColumns && ref[i] != '0'
	row := 0
	for j := i; fast && j < len(ref); j++ {
		c := ref[j]
		if c < '0' || c > '9' {
			fast = false
			break
		}
		row = row*10 + int(c-'0')
		if row > excelize.TotalRows {
			fast = false
		}
	}
	if fast {
		return col, true
	}
	col, _, err := excelize.CellNameToCoordinates(string(ref))
	return col, err == nil
}

// rowsAhead guesses how many rows the sheet holds after those read so far,
// from the bytes they took and the part's unpacked size; 0 when it cannot
// tell. The guess errs high (by a tenth), and never passes Excel's last row.
func (r *sheetReader) rowsAhead(size uint64) int {
	read := r.pos - r.rowsFrom
	if r.rowsRead < 2 || read <= 0 || size == 0 {
		return 0
	}
	rest := float64(size) - float64(r.pos)
	return min(int(rest/float64(read)*float64(r.rowsRead)*1.1), excelize.TotalRows)
}
