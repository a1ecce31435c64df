package importers

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// The byte-level XML scanning shared by the worksheet reader (sheetxml.go)
// and the shared strings (sharedstrings.go). It reads the markup of a
// worksheet as encoding/xml would, so that what it gives is what excelize
// gives, but without a token, an interface value or a string for every tag.
// Where encoding/xml would stop with a syntax error, or where this scanner
// meets something it does not handle (a comment inside a value, a
// non-ASCII element name, a processing instruction inside the data), it
// says so by returning false, and the caller falls back to excelize: it
// never guesses.

// scan is the result of a scanning step over a window of bytes: done, or the
// window ends before the construct does (more bytes are needed), or the
// bytes are not what the scanner can be sure of.
type scan int8

const (
	scanOK scan = iota
	scanShort
	scanBad
)

// xmlTag is a start tag read by readStartTag. Its slices point into the
// scanned bytes.
type xmlTag struct {
	name  []byte // as written, with its prefix
	local []byte // without the prefix
	attrs []xmlAttr
	empty bool // <name/>
	end   int  // the index just past '>'
	buf   [6]xmlAttr
}

// xmlAttr is one attribute of a start tag; value is as written, between
// the quotes, and amp says it holds an entity to decode.
type xmlAttr struct {
	local []byte
	value []byte
	amp   bool
}

// attr returns the value of the last attribute whose local name is name
// (encoding/xml keeps every attribute; excelize's handlers let the last
// win), and whether there is one.
func (t *xmlTag) attr(name string) (xmlAttr, bool) {
	var a xmlAttr
	found := false
	for _, x := range t.attrs {
		if string(x.local) == name {
			a, found = x, true
		}
	}
	return a, found
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameStart(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == ':' || c == '.' || c == '-'
}

// readName reads an element or attribute name at b[i]: ASCII only (a
// non-ASCII name is left to encoding/xml), at most one colon, not at either
// end. It returns the name, its local part and the index after it.
func readName(b []byte, i int) (name, local []byte, next int, s scan) {
	if i >= len(b) {
		return nil, nil, i, scanShort
	}
	if !isNameStart(b[i]) {
		return nil, nil, i, scanBad
	}
	j := i + 1
	colon := -1
	if b[i] == ':' {
		colon = i
	}
	for j < len(b) && isNameByte(b[j]) {
		if b[j] == ':' {
			if colon >= 0 {
				return nil, nil, i, scanBad
			}
			colon = j
		}
		j++
	}
	if j == len(b) {
		return nil, nil, i, scanShort
	}
	if b[j] >= utf8.RuneSelf {
		return nil, nil, i, scanBad
	}
	name = b[i:j]
	local = name
	if colon >= 0 {
		if colon == i || colon == j-1 {
			return nil, nil, i, scanBad
		}
		local = b[colon+1 : j]
	}
	return name, local, j, scanOK
}

// readStartTag reads the start tag at b[i] ('<' then a name) into t,
// checking its attributes as encoding/xml does in strict mode: quoted
// values without '<', valid entities, characters XML allows.
func readStartTag(b []byte, i int, t *xmlTag) scan {
	if t.attrs == nil {
		t.attrs = t.buf[:0] // most tags have few attributes: no allocation
	}
	t.attrs = t.attrs[:0]
	t.empty = false
	name, local, j, s := readName(b, i+1)
	if s != scanOK {
		return s
	}
	t.name, t.local = name, local
	for {
		for j < len(b) && isSpace(b[j]) {
			j++
		}
		if j >= len(b) {
			return scanShort
		}
		switch b[j] {
		case '>':
			t.end = j + 1
			return scanOK
		case '/':
			if j+1 >= len(b) {
				return scanShort
			}
			if b[j+1] != '>' {
				return scanBad
			}
			t.empty, t.end = true, j+2
			return scanOK
		}
		_, alocal, k, s := readName(b, j)
		if s != scanOK {
			return s
		}
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return scanShort
		}
		if b[k] != '=' {
			return scanBad
		}
		k++
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return scanShort
		}
		q := b[k]
		if q != '"' && q != '\'' {
			return scanBad
		}
		end := bytes.IndexByte(b[k+1:], q)
		if end < 0 {
			return scanShort
		}
		v := b[k+1 : k+1+end]
		amp, ok := checkAttrValue(v)
		if !ok {
			return scanBad
		}
		t.attrs = append(t.attrs, xmlAttr{local: alocal, value: v, amp: amp})
		j = k + 2 + end
	}
}

// checkAttrValue checks an attribute's value as encoding/xml reads it; amp
// says it holds entities.
func checkAttrValue(v []byte) (amp, ok bool) {
	plain := true
	for _, c := range v {
		if c < 0x20 || c >= utf8.RuneSelf || c == '&' || c == '<' || c == ']' {
			plain = false
			break
		}
	}
	if plain {
		return false, true
	}
	if bytes.IndexByte(v, '<') >= 0 {
		return false, false
	}
	amp = bytes.IndexByte(v, '&') >= 0
	if amp {
		_, ok = appendXMLText(nil, v, false)
		return true, ok
	}
	return false, validXMLChars(v)
}

// readEndTag reads the end tag at b[i] ("</") and checks that it closes the
// element named name. It returns the index after it.
func readEndTag(b []byte, i int, name []byte) (int, scan) {
	if i+1 >= len(b) {
		return 0, scanShort
	}
	if b[i] != '<' || b[i+1] != '/' {
		return 0, scanBad
	}
	j := i + 2
	if len(b)-j < len(name)+1 {
		if !bytes.HasPrefix(name, b[j:]) {
			return 0, scanBad
		}
		return 0, scanShort
	}
	if !bytes.Equal(b[j:j+len(name)], name) {
		return 0, scanBad
	}
	j += len(name)
	for j < len(b) && isSpace(b[j]) {
		j++
	}
	if j >= len(b) {
		return 0, scanShort
	}
	if b[j] != '>' {
		return 0, scanBad
	}
	return j + 1, scanOK
}

// skipComment skips the comment at b[i] ("<!--") as encoding/xml does: it
// ends at the first "--", which must be followed by '>'.
func skipComment(b []byte, i int) (int, scan) {
	k := bytes.Index(b[i+4:], []byte("--"))
	if k < 0 {
		return 0, scanShort
	}
	j := i + 4 + k + 2
	if j >= len(b) {
		return 0, scanShort
	}
	if b[j] != '>' {
		return 0, scanBad
	}
	return j + 1, scanOK
}

// textFlags say what a stretch of character data holds besides plain
// bytes: entities or CDATA sections or carriage returns to decode.
type textFlags uint8

const (
	textDecode textFlags = 1 << iota // '&', '\r' or CDATA: appendXMLText must decode it
)

// scanText reads character data from b[i] up to the next tag (a CDATA
// section is part of the data), checking its characters, and returns the
// index of the '<' that ends it. Comments and processing instructions
// inside data are not handled (scanBad).
func scanText(b []byte, i int) (end int, flags textFlags, s scan) {
	j := i
	for {
		for j < len(b) {
			c := b[j]
			if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != ']' {
				j++
				continue
			}
			break
		}
		if j >= len(b) {
			return 0, 0, scanShort
		}
		c := b[j]
		switch {
		case c == '<':
			if len(b)-j < 9 {
				if bytes.HasPrefix([]byte("<![CDATA["), b[j:]) {
					return 0, 0, scanShort
				}
				return j, flags, scanOK
			}
			if !bytes.HasPrefix(b[j:], []byte("<![CDATA[")) {
				return j, flags, scanOK
			}
			k := bytes.Index(b[j+9:], []byte("]]>"))
			if k < 0 {
				return 0, 0, scanShort
			}
			if !validXMLChars(b[j+9 : j+9+k]) {
				return 0, 0, scanBad
			}
			flags |= textDecode
			j += 9 + k + 3
		case c == '&':
			k := bytes.IndexByte(b[j:], ';')
			if k < 0 {
				if len(b)-j > 16 {
					return 0, 0, scanBad
				}
				return 0, 0, scanShort
			}
			if _, ok := appendEntity(nil, b[j:j+k+1]); !ok {
				return 0, 0, scanBad
			}
			flags |= textDecode
			j += k + 1
		case c == ']':
			if len(b)-j < 3 {
				return 0, 0, scanShort
			}
			if b[j+1] == ']' && b[j+2] == '>' {
				return 0, 0, scanBad // "]]>" outside CDATA: a syntax error
			}
			j++
		case c == '\r':
			flags |= textDecode
			j++
		case c == '\t' || c == '\n':
			j++
		case c < 0x20:
			return 0, 0, scanBad
		default: // a multi-byte character
			r, n := utf8.DecodeRune(b[j:])
			if r == utf8.RuneError && n == 1 {
				if !utf8.FullRune(b[j:]) {
					return 0, 0, scanShort
				}
				return 0, 0, scanBad
			}
			if !inXMLRange(r) {
				return 0, 0, scanBad
			}
			j += n
		}
	}
}

// appendXMLText appends the character data raw (as scanText found it, or an
// attribute value when cdata is false) decoded as encoding/xml decodes it:
// the five named entities and numeric ones, CDATA sections as they are,
// "\r\n" and a lone "\r" as "\n"; the result checked for characters XML
// does not allow. ok is false where encoding/xml would stop with an error.
func appendXMLText(dst, raw []byte, cdata bool) ([]byte, bool) {
	start := len(dst)
	i := 0
	for i < len(raw) {
		j := i
		for j < len(raw) && raw[j] != '&' && raw[j] != '\r' && raw[j] != '<' {
			j++
		}
		dst = append(dst, raw[i:j]...)
		if j == len(raw) {
			break
		}
		switch raw[j] {
		case '&':
			k := bytes.IndexByte(raw[j:], ';')
			if k < 0 {
				return dst, false
			}
			var ok bool
			if dst, ok = appendEntity(dst, raw[j:j+k+1]); !ok {
				return dst, false
			}
			i = j + k + 1
		case '\r':
			dst = append(dst, '\n')
			i = j + 1
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case '<':
			if !cdata || !bytes.HasPrefix(raw[j:], []byte("<![CDATA[")) {
				return dst, false
			}
			k := bytes.Index(raw[j+9:], []byte("]]>"))
			if k < 0 {
				return dst, false
			}
			body := raw[j+9 : j+9+k]
			for len(body) > 0 {
				r := bytes.IndexByte(body, '\r')
				if r < 0 {
					dst = append(dst, body...)
					break
				}
				dst = append(dst, body[:r]...)
				dst = append(dst, '\n')
				body = body[r+1:]
				if len(body) > 0 && body[0] == '\n' {
					body = body[1:]
				}
			}
			i = j + 9 + k + 3
		}
	}
	return dst, validXMLChars(dst[start:])
}

// appendEntity decodes one entity, "&amp;" or "&#38;", as encoding/xml does
// in strict mode.
func appendEntity(dst, ent []byte) ([]byte, bool) {
	body := ent[1 : len(ent)-1]
	if len(body) > 0 && body[0] == '#' {
		digits, base := body[1:], 10
		if len(digits) > 0 && digits[0] == 'x' {
			digits, base = digits[1:], 16
		}
		for _, c := range digits {
			if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
				return dst, false
			}
		}
		n, err := strconv.ParseUint(string(digits), base, 64)
		if err != nil || n > unicode.MaxRune {
			return dst, false
		}
		return utf8.AppendRune(dst, rune(n)), true
	}
	switch string(body) {
	case "lt":
		return append(dst, '<'), true
	case "gt":
		return append(dst, '>'), true
	case "amp":
		return append(dst, '&'), true
	case "apos":
		return append(dst, '\''), true
	case "quot":
		return append(dst, '"'), true
	}
	return dst, false
}

// validXMLChars says whether b is UTF-8 made of characters XML allows, as
// encoding/xml checks character data.
func validXMLChars(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c >= 0x20 && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 || !inXMLRange(r) {
			return false
		}
		i += n
	}
	return true
}

// inXMLRange is encoding/xml's isInCharacterRange.
func inXMLRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// xmlScratch are the tags the scanning functions read into, allocated once
// for a whole part.
type xmlScratch struct {
	item, run, skip xmlTag
}

// skipElement skips the content of the element whose start tag t was just
// read (b[i:] follows it) up to and past its end tag, checking what it
// skips; scratch holds the tags inside. It returns the index after the end tag. typed, when not nil, is
// called for every nested start tag, to check attributes that excelize
// decodes into numbers; it returns false for a value that would not
// decode.
func skipElement(b []byte, i int, t *xmlTag, typed func(depth int, t *xmlTag) bool, scratch *xmlTag) (int, scan) {
	if t.empty {
		return i, scanOK
	}
	var names [8][]byte
	stack := append(names[:0], t.name)
	tag := scratch
	for {
		end, _, s := scanText(b, i)
		if s != scanOK {
			return 0, s
		}
		i = end
		if i+1 >= len(b) {
			return 0, scanShort
		}
		switch b[i+1] {
		case '/':
			j, s := readEndTag(b, i, stack[len(stack)-1])
			if s != scanOK {
				return 0, s
			}
			stack = stack[:len(stack)-1]
			i = j
			if len(stack) == 0 {
				return i, scanOK
			}
		case '!':
			if len(b)-i < 4 {
				return 0, scanShort
			}
			if !bytes.HasPrefix(b[i:], []byte("<!--")) {
				return 0, scanBad
			}
			j, s := skipComment(b, i)
			if s != scanOK {
				return 0, s
			}
			i = j
		case '?':
			return 0, scanBad
		default:
			if s := readStartTag(b, i, tag); s != scanOK {
				return 0, s
			}
			if typed != nil && !typed(len(stack), tag) {
				return 0, scanBad
			}
			i = tag.end
			if !tag.empty {
				stack = append(stack, tag.name)
			}
		}
	}
}

// typedAttr says whether value decodes as encoding/xml decodes an attribute
// into a field of kind k ('b' bool, 'i' int, 'u' uint32, 'f' float64).
func typedAttr(a xmlAttr, k byte) bool {
	v := a.value
	if a.amp {
		var ok bool
		if v, ok = appendXMLText(nil, v, false); !ok {
			return false
		}
	}
	if len(v) == 0 {
		return true
	}
	s := string(bytes.TrimSpace(v))
	var err error
	switch k {
	case 'b':
		_, err = strconv.ParseBool(s)
	case 'i':
		_, err = strconv.ParseInt(s, 10, 64)
	case 'u':
		_, err = strconv.ParseUint(s, 10, 32)
	case 'f':
		_, err = strconv.ParseFloat(s, 64)
	}
	return err == nil
}

// typedAttrs checks every attribute of t named in kinds (name → kind, see
// typedAttr).
func typedAttrs(t *xmlTag, kinds map[string]byte) bool {
	for _, a := range t.attrs {
		if k, ok := kinds[string(a.local)]; ok && !typedAttr(a, k) {
			return false
		}
	}
	return true
}
