package importers

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"unsafe"
)

// sharedStrings is a workbook's shared string table, decoded once from
// xl/sharedStrings.xml by the byte-level scanner: the strings a worksheet's
// cells of type "s" point at by index. The text of every string is one
// allocation (arena); each string is a part of it.
type sharedStrings struct {
	list []string
}

// at returns string i, and false for an index outside the table (excelize
// then reads the cell as empty).
func (s *sharedStrings) at(i int) (string, bool) {
	if s == nil || i < 0 || i >= len(s.list) {
		return "", false
	}
	return s.list[i], true
}

// spreadsheetML is the namespace of the sst root element excelize requires,
// and its Strict OOXML twin, which excelize translates to it.
const (
	spreadsheetML       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	spreadsheetMLStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
)

// readSharedStrings decodes the shared string table data as excelize's
// sharedStringsReader does (encoding/xml into its xlsxSST): every <si>
// child of the root, its <t> (the last when there are several) followed by
// the <t> of each rich text run <r>, phonetic runs <rPh> left out, and
// "_xHHHH_" escapes decoded. It returns false where excelize would fail to
// decode the part, or where this reader cannot be sure to read it alike.
func readSharedStrings(data []byte) (*sharedStrings, bool) {
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		return nil, false // excelize rewrites Strict namespaces everywhere in the part, text included
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var root xml.StartElement
	for {
		tok, err := d.RawToken()
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			root = t
		case xml.ProcInst:
			if t.Target == "xml" && !utf8Declared(t.Inst) {
				return nil, false
			}
			continue
		case xml.Directive:
			return nil, false
		default:
			continue
		}
		break
	}
	if root.Name.Local != "sst" || !rootInSpreadsheetML(root) {
		return nil, false
	}
	for _, a := range root.Attr {
		if (a.Name.Local == "count" || a.Name.Local == "uniqueCount") && !typedAttr(xmlAttr{value: []byte(a.Value)}, 'i') {
			return nil, false
		}
	}
	i := int(d.InputOffset())
	if i >= 2 && data[i-2] == '/' { // <sst/>
		return &sharedStrings{}, true
	}
	var (
		arena   []byte
		ends    []int
		fixed   = map[int]string{} // strings whose _xHHHH_ escapes changed them
		scratch = &xmlScratch{}
		tag     xmlTag
		rootNm  = []byte(qualified(root.Name))
	)
	arena = make([]byte, 0, len(data)*3/4) // the text is most of a table's bytes
	for {
		end, _, s := scanText(data, i)
		if s != scanOK {
			return nil, false
		}
		i = end
		if i+1 >= len(data) {
			return nil, false
		}
		switch data[i+1] {
		case '/':
			if _, s := readEndTag(data, i, rootNm); s != scanOK {
				return nil, false
			}
			text := unsafe.String(unsafe.SliceData(arena), len(arena))
			out := &sharedStrings{list: make([]string, len(ends))}
			from := 0
			for k, to := range ends {
				out.list[k] = text[from:to]
				from = to
				if v, ok := fixed[k]; ok {
					out.list[k] = v
				}
			}
			return out, true
		case '!':
			if !bytes.HasPrefix(data[i:], []byte("<!--")) {
				return nil, false
			}
			j, s := skipComment(data, i)
			if s != scanOK {
				return nil, false
			}
			i = j
			continue
		case '?':
			return nil, false
		}
		if s := readStartTag(data, i, &tag); s != scanOK {
			return nil, false
		}
		if string(tag.local) != "si" {
			j, s := skipElement(data, tag.end, &tag, nil, &scratch.skip)
			if s != scanOK {
				return nil, false
			}
			i = j
			continue
		}
		from := len(arena)
		var j int
		var ok bool
		arena, j, ok = appendSI(arena, data, &tag, scratch)
		if !ok {
			return nil, false
		}
		if bytes.Contains(arena[from:], []byte("_x")) {
			s := string(arena[from:])
			if u := bstrUnmarshal(s); u != s {
				fixed[len(ends)] = u
			}
		}
		ends = append(ends, len(arena))
		i = j
	}
}

// utf8Declared says whether an XML declaration names no encoding or UTF-8:
// excelize transcodes any other, which this reader does not.
func utf8Declared(inst []byte) bool {
	s := string(inst)
	k := strings.Index(s, "encoding")
	if k < 0 {
		return true
	}
	s = strings.TrimLeft(s[k+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(s, "=") {
		return false
	}
	s = strings.TrimLeft(s[1:], " \t\r\n")
	if len(s) < 2 || (s[0] != '"' && s[0] != '\'') {
		return false
	}
	end := strings.IndexByte(s[1:], s[0])
	if end < 0 {
		return false
	}
	return strings.EqualFold(s[1:1+end], "utf-8")
}

// rootInSpreadsheetML says whether the root element (as read raw, its
// prefix unresolved) is in the SpreadsheetML namespace.
func rootInSpreadsheetML(root xml.StartElement) bool {
	want := "xmlns"
	if root.Name.Space != "" {
		want = "xmlns:" + root.Name.Space
	}
	for _, a := range root.Attr {
		if qualified(a.Name) == want {
			return a.Value == spreadsheetML || a.Value == spreadsheetMLStrict
		}
	}
	return false
}

// qualified writes a raw name with its prefix.
func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// The attributes excelize decodes into numbers and booleans inside a string
// item (xlsxRPr, xlsxColor, xlsxPhoneticRun, xlsxPhoneticPr): a value that
// does not parse makes its decoding fail.
var (
	runPropertyAttrs = map[string]map[string]byte{
		"charset": {"val": 'i'}, "family": {"val": 'i'},
		"b": {"val": 'b'}, "i": {"val": 'b'}, "strike": {"val": 'b'}, "outline": {"val": 'b'},
		"shadow": {"val": 'b'}, "condense": {"val": 'b'}, "extend": {"val": 'b'},
		"color": {"auto": 'b', "indexed": 'i', "theme": 'i', "tint": 'f'},
		"sz":    {"val": 'f'},
	}
	phoneticRunAttrs = map[string]byte{"sb": 'u', "eb": 'u'}
	phoneticPrAttrs  = map[string]byte{"fontId": 'i'}
)

// checkRunProperties checks the children of a run's <rPr> (depth 1: its
// own children).
func checkRunProperties(depth int, t *xmlTag) bool {
	if depth != 1 {
		return true // deeper elements are skipped by encoding/xml
	}
	if kinds, ok := runPropertyAttrs[string(t.local)]; ok {
		return typedAttrs(t, kinds)
	}
	return true
}

// appendSI reads the string item whose start tag t was read from b (<si> in
// the table, <is> in a cell) and appends its text to dst, not yet
// unescaped (see bstrUnmarshal). It returns the index after the item.
func appendSI(dst, b []byte, t *xmlTag, scratch *xmlScratch) ([]byte, int, bool) {
	from := len(dst)
	var runs []byte // the runs' text, after the item's own <t>
	end, ok := eachChild(b, t, &scratch.item, func(tag *xmlTag) (j int, ok bool) {
		switch string(tag.local) {
		case "t": // the last <t> of the item is its text
			dst, j, ok = appendT(dst[:from], b, tag)
			return j, ok
		case "r":
			runs, j, ok = appendRun(runs, b, tag, scratch)
			return j, ok
		case "rPh":
			if !typedAttrs(tag, phoneticRunAttrs) {
				return 0, false
			}
		case "phoneticPr":
			if !typedAttrs(tag, phoneticPrAttrs) {
				return 0, false
			}
		}
		return skipChild(b, tag, nil, scratch)
	})
	if !ok {
		return dst, 0, false
	}
	return append(dst, runs...), end, true
}

// eachChild reads the children of the element whose start tag t was read
// from b: it reads each child's start tag into tag and hands it to child,
// which reads the child and says where it ends. It returns the index after
// the element's end tag; anything malformed, or a child that is, is not ok.
func eachChild(b []byte, t, tag *xmlTag, child func(tag *xmlTag) (int, bool)) (int, bool) {
	if t.empty {
		return t.end, true
	}
	name := t.name
	i := t.end
	for {
		at, done, ok := nextChild(b, i, name, tag)
		switch {
		case !ok:
			return 0, false
		case done:
			return at, true
		}
		if i, ok = child(tag); !ok {
			return 0, false
		}
	}
}

// nextChild moves from i, inside the element name, past text and comments
// to its next child, whose start tag it reads into tag; or, done, past the
// element's end tag. Either way j is where to go on from. A processing
// instruction or anything malformed is not ok: the caller falls back to
// excelize's reader.
func nextChild(b []byte, i int, name []byte, tag *xmlTag) (j int, done, ok bool) {
	for {
		end, _, s := scanText(b, i)
		if s != scanOK || end+1 >= len(b) {
			return 0, false, false
		}
		i = end
		switch b[i+1] {
		case '/':
			j, s := readEndTag(b, i, name)
			return j, true, s == scanOK
		case '!':
			if !bytes.HasPrefix(b[i:], []byte("<!--")) {
				return 0, false, false
			}
			if i, s = skipComment(b, i); s != scanOK {
				return 0, false, false
			}
			continue
		case '?':
			return 0, false, false
		}
		return i, false, readStartTag(b, i, tag) == scanOK
	}
}

// appendRun reads a rich text run <r>: the text of its last <t>, its
// properties checked as excelize decodes them.
func appendRun(dst, b []byte, t *xmlTag, scratch *xmlScratch) ([]byte, int, bool) {
	from := len(dst)
	end, ok := eachChild(b, t, &scratch.run, func(tag *xmlTag) (j int, ok bool) {
		switch string(tag.local) {
		case "t":
			dst, j, ok = appendT(dst[:from], b, tag)
			return j, ok
		case "rPr":
			return skipChild(b, tag, checkRunProperties, scratch)
		}
		return skipChild(b, tag, nil, scratch)
	})
	return dst, end, ok
}

// skipChild skips the child whose start tag is tag, its descendants
// checked by check when it is not nil, and returns where it ends.
func skipChild(b []byte, tag *xmlTag, check func(int, *xmlTag) bool, scratch *xmlScratch) (int, bool) {
	j, s := skipElement(b, tag.end, tag, check, &scratch.skip)
	return j, s == scanOK
}

// appendT reads a <t> element's text. An element inside it is not handled.
func appendT(dst, b []byte, t *xmlTag) ([]byte, int, bool) {
	if t.empty {
		return dst, t.end, true
	}
	end, flags, s := scanText(b, t.end)
	if s != scanOK {
		return dst, 0, false
	}
	j, s := readEndTag(b, end, t.name)
	if s != scanOK {
		return dst, 0, false
	}
	raw := b[t.end:end]
	if flags&textDecode == 0 {
		return append(dst, raw...), j, true
	}
	dst, ok := appendXMLText(dst, raw, true)
	return dst, j, ok
}

// bstrUnmarshal decodes the "_xHHHH_" escapes of a string item, as excelize
// does: "_x005F_" is an underscore, another is the character it names, and
// a surrogate half is dropped.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	from := 0
	for i := 0; i+7 <= len(s); {
		k := strings.Index(s[i:], "_x")
		if k < 0 || i+k+7 > len(s) {
			break
		}
		k += i
		if !isHex4(s[k+2:k+6]) || s[k+6] != '_' {
			i = k + 1
			continue
		}
		b.WriteString(s[from:k])
		if s[k:k+7] == "_x005F_" {
			b.WriteByte('_')
		} else if v, err := strconv.Unquote(`"\u` + s[k+2:k+6] + `"`); err == nil {
			b.WriteString(v)
		}
		from = k + 7
		i = from
	}
	b.WriteString(s[from:])
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// readAllLimited reads r to the end, refusing more than limit bytes.
func readAllLimited(r io.Reader, size uint64, limit int64) ([]byte, bool) {
	if size > uint64(limit) {
		return nil, false
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+1))
	n, err := io.Copy(buf, io.LimitReader(r, limit+1))
	if err != nil || n > limit {
		return nil, false
	}
	return buf.Bytes(), true
}
