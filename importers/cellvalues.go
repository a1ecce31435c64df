package importers

import (
	"strconv"
	"strings"
)

// The values of a row's cells, as excelize's getValueFrom gives them: the
// spans sheetcells.go read out of the sheet XML, turned into strings, raw or
// formatted by the cell's number format.

// text returns a span's bytes.
func (r *sheetReader) text(s span) []byte {
	if s.arena {
		return r.row.arena[s.from:s.to]
	}
	return r.row.bytes[s.from:s.to]
}

// convert turns the current row's cells into strings, raw or formatted,
// and places them by column as excelize does: an empty cell without a
// formula is left out, so a row ends at its last value.
func (r *sheetReader) convert(raw bool) ([]string, string) {
	sst, ok := r.parts.sharedStrings()
	if !ok {
		return nil, "shared strings this reader cannot decode"
	}
	n := 0
	for _, c := range r.row.cells {
		n = max(n, c.col)
	}
	var cells []string
	if r.reuse {
		cells = r.cells[:0]
	}
	r.cellTexts()
	for k := range r.row.cells {
		c := &r.row.cells[k]
		v, why := r.value(c, r.texts[k], sst, raw)
		if why != "" {
			return nil, why
		}
		if v == "" && !c.hasF {
			continue
		}
		if cells == nil {
			cells = make([]string, 0, n)
		}
		if r.reuse {
			r.cells = cells[:0]
		}
		for blank := c.col - len(cells); blank > 1; blank-- {
			cells = append(cells, "")
		}
		cells = append(cells, v)
	}
	return cells, ""
}

// cellTexts copies the texts of the current row's cells (see cellText) out
// of the window into the reader's arena, each cell's text a string of it:
// a few allocations a sheet rather than one a cell or a row, on sheets of
// a million rows. The texts stay valid after the row: rows read ahead are
// kept (prefetch), and readers keep cells as they are.
func (r *sheetReader) cellTexts() {
	r.texts = r.texts[:0]
	for k := range r.row.cells {
		r.texts = append(r.texts, r.textArena.KeepBytes(r.cellText(&r.row.cells[k])))
	}
}

// cellText is the text value reads of a cell: an inline string's, else
// its <v>'s; nil for a shared string, whose <v> is only an index.
func (r *sheetReader) cellText(c *xmlCell) []byte {
	switch {
	case c.kind == 's':
		return nil
	case c.kind == 'i' && c.hasI:
		return r.text(c.is)
	case c.hasV:
		return r.text(c.v)
	}
	return nil
}

// value is excelize's getValueFrom for one cell, whose cellText is text.
func (r *sheetReader) value(c *xmlCell, text string, sst *sharedStrings, raw bool) (string, string) {
	fm := r.parts.formats
	v := func() string {
		if !c.hasV {
			return ""
		}
		return text
	}
	var s string
	var ok bool
	switch c.kind {
	case 's':
		if !c.hasV || c.v.to == c.v.from {
			if raw {
				return "", ""
			}
			s, ok = fm.text("", c.style)
			break
		}
		i, small := smallInt(r.text(c.v))
		if !small {
			i, _ = strconv.Atoi(strings.TrimSpace(string(r.text(c.v))))
		}
		str, found := sst.at(i)
		if !found {
			return "", "" // excelize reads an index outside the table as empty
		}
		if raw {
			return str, ""
		}
		s, ok = fm.text(str, c.style)
	case 't':
		return v(), ""
	case 'i':
		str := v()
		if c.hasI {
			str = bstrUnmarshal(text)
		}
		if raw {
			return str, ""
		}
		s, ok = fm.text(str, c.style)
	case 'b':
		str := v()
		if raw {
			return str, ""
		}
		switch str {
		case "1":
			return "TRUE", ""
		case "0":
			return "FALSE", ""
		}
		s, ok = fm.text(str, c.style)
	case 'd':
		if raw {
			return v(), ""
		}
		return "", "a date cell (t=\"d\") to format"
	default:
		str := v()
		if raw {
			return str, ""
		}
		s, ok = fm.number(str, c.style)
	}
	if !ok {
		return "", "a number format this reader cannot apply"
	}
	return s, ""
}
