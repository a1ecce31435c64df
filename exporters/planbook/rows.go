package planbook

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// rowEncoder writes the <row> elements of a sheet, byte for byte as
// excelize's StreamWriter.SetRow writes them, without its cost: excelize
// builds a cell struct, a cell name and several strings for every cell and
// took 2 of the 5 seconds of saving 100,000 partners. It knows what the
// stream writer cannot write, shared formulas: a column whose every row holds
// the same formula moved to its row is written once, not 87,000 times (the
// Partners sheet's score formula is 700 characters).
//
// Every value type the workbook writes is encoded here; the differential test
// compares the bytes with excelize's on every kind of value.
type rowEncoder struct {
	buf []byte
	// shared is each shared formula's template, by identity, with where its
	// run starts and ends.
	shared map[*template]sharedRun
	nextSI int
	// letters caches the letters of the columns.
	letters []string
}

// sharedRun is one shared formula of a sheet: its index and its run of rows
// in one column.
type sharedRun struct {
	si, column, last int
}

// sharedCell is a formula cell of a column whose rows first…last all hold the
// formula of template t moved to their own row: written as a shared formula,
// the formula in full in the first row only.
type sharedCell struct {
	t     *template
	last  int
	style int
	value any
}

// errUnsupportedValue reports a value the encoder does not write.
type errUnsupportedValue struct{ v any }

func (e errUnsupportedValue) Error() string {
	return fmt.Sprintf("a cell value of type %T cannot be written", e.v)
}

func (e *rowEncoder) letter(i int) string {
	for len(e.letters) <= i {
		e.letters = append(e.letters, col(len(e.letters)))
	}
	return e.letters[i]
}

// cellParts is what writeCell writes of one cell.
type cellParts struct {
	style     int
	t         string
	space     bool // xml:space="preserve" on <c>
	formula   string
	fkind     int // 0 none, 1 plain, 2 shared master, 3 shared child
	sharedRef string
	si        int
	v         string // escaped when written
	inline    bool
	is        string // written raw, or escaped when escapeIS
	escapeIS  bool
	isSpace   bool
}

// row appends row r, whose cells start in column A.
func (e *rowEncoder) row(r int, cells []any) error {
	num := strconv.Itoa(r)
	e.buf = append(e.buf, `<row r="`...)
	e.buf = append(e.buf, num...)
	e.buf = append(e.buf, `">`...)
	for i, val := range cells {
		if val == nil {
			continue
		}
		var c cellParts
		switch v := val.(type) {
		case excelize.Cell:
			c.style, val = v.StyleID, v.Value
			formula(&c, v.Formula)
		case *excelize.Cell:
			if v != nil {
				c.style, val = v.StyleID, v.Value
				formula(&c, v.Formula)
			}
		case sharedCell:
			c.style, val = v.style, v.value
			e.sharedFormula(&c, v, i, r, num)
		}
		if c.style < 0 {
			c.style = 0
		}
		if err := setValue(&c, val); err != nil {
			e.buf = append(e.buf, `</row>`...)
			return err
		}
		e.writeCell(&c, i, num)
	}
	e.buf = append(e.buf, `</row>`...)
	return nil
}

// formula sets a plain formula. (Array formulas live on the Measurement
// sheet, whose rows excelize writes; assemble marks them.)
func formula(c *cellParts, f string) {
	if f != "" {
		c.t, c.formula, c.fkind = "str", f, 1
	}
}

func (e *rowEncoder) sharedFormula(c *cellParts, s sharedCell, column, r int, num string) {
	c.t = "str"
	run, ok := e.shared[s.t]
	switch {
	case !ok && r <= s.last:
		if e.shared == nil {
			e.shared = map[*template]sharedRun{}
		}
		run = sharedRun{si: e.nextSI, column: column, last: s.last}
		e.nextSI++
		e.shared[s.t] = run
		c.fkind, c.si = 2, run.si
		c.formula = s.t.at(num)
		c.sharedRef = e.letter(column) + num + ":" + e.letter(column) + strconv.Itoa(s.last)
	case ok && run.column == column && r <= run.last:
		c.fkind, c.si = 3, run.si
	default:
		// Outside its run: the formula in full.
		c.fkind, c.formula = 1, s.t.at(num)
	}
}

// setValue sets the type and value of c as excelize's setCellValFunc does.
func setValue(c *cellParts, val any) error {
	switch v := val.(type) {
	case int:
		c.t, c.v = "", strconv.FormatInt(int64(v), 10)
	case int8:
		c.t, c.v = "", strconv.FormatInt(int64(v), 10)
	case int16:
		c.t, c.v = "", strconv.FormatInt(int64(v), 10)
	case int32:
		c.t, c.v = "", strconv.FormatInt(int64(v), 10)
	case int64:
		c.t, c.v = "", strconv.FormatInt(v, 10)
	case uint:
		c.t, c.v = "", strconv.FormatUint(uint64(v), 10)
	case uint8:
		c.t, c.v = "", strconv.FormatUint(uint64(v), 10)
	case uint16:
		c.t, c.v = "", strconv.FormatUint(uint64(v), 10)
	case uint32:
		c.t, c.v = "", strconv.FormatUint(uint64(v), 10)
	case uint64:
		c.t, c.v = "", strconv.FormatUint(v, 10)
	case float32:
		setFloat(c, float64(v), 32)
	case float64:
		setFloat(c, v, 64)
	case string:
		setString(c, v)
	case []byte:
		setString(c, string(v))
	case bool:
		c.t, c.v = "b", "0"
		if v {
			c.v = "1"
		}
	case time.Time:
		// excelize gives an unstyled date a style of its own, which this
		// encoder cannot: every date of the workbook is styled.
		if c.style == 0 {
			return errUnsupportedValue{v}
		}
		_, offset := v.In(v.Location()).Zone()
		v = v.Add(time.Duration(offset) * time.Second)
		serial := excelTime(v)
		if serial > 0 {
			c.t, c.v, c.inline = "", strconv.FormatFloat(serial, 'f', -1, 64), false
		} else {
			s := v.Format(time.RFC3339Nano)
			setInline(c, s)
			c.is, c.escapeIS = s, false
		}
	case nil:
	case time.Duration, []excelize.RichTextRun:
		return errUnsupportedValue{v}
	default:
		setString(c, fmt.Sprint(v))
	}
	return nil
}

func setFloat(c *cellParts, v float64, bits int) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		setInline(c, fmt.Sprint(v))
		return
	}
	c.t, c.v, c.inline = "", formatCellFloat(v, bits), false
}

// setString is excelize's setCellValue: a formula's string result, or an
// inline string.
func setString(c *cellParts, s string) {
	if c.fkind != 0 {
		c.t, c.inline = "str", false
		c.v, c.space = trimCell(s, false)
		return
	}
	setInline(c, s)
}

func setInline(c *cellParts, s string) {
	c.t, c.v, c.inline = "inlineStr", "", true
	if strings.Contains(s, "_x") {
		c.is, c.isSpace = trimCell(s, true)
		return
	}
	// The common case, escaped when written rather than into a string of
	// its own: the same bytes as trimCell's.
	c.is, c.isSpace = trimCell(s, false)
	c.escapeIS = true
}

// writeCell appends c as excelize's writeCell does.
func (e *rowEncoder) writeCell(c *cellParts, column int, num string) {
	b := e.buf
	b = append(b, `<c`...)
	if c.space {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, ` r="`...)
	b = append(b, e.letter(column)...)
	b = append(b, num...)
	b = append(b, '"')
	if c.style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(c.style), 10)
		b = append(b, '"')
	}
	if c.t != "" {
		b = append(b, ` t="`...)
		b = append(b, c.t...)
		b = append(b, '"')
	}
	b = append(b, '>')
	switch c.fkind {
	case 1:
		b = append(b, `<f>`...)
		b = appendEscaped(b, c.formula)
		b = append(b, `</f>`...)
	case 2:
		b = append(b, `<f t="shared" ref="`...)
		b = append(b, c.sharedRef...)
		b = append(b, `" si="`...)
		b = strconv.AppendInt(b, int64(c.si), 10)
		b = append(b, `">`...)
		b = appendEscaped(b, c.formula)
		b = append(b, `</f>`...)
	case 3:
		b = append(b, `<f t="shared" si="`...)
		b = strconv.AppendInt(b, int64(c.si), 10)
		b = append(b, `"/>`...)
	}
	if c.v != "" {
		b = append(b, `<v>`...)
		b = appendEscaped(b, c.v)
		b = append(b, `</v>`...)
	}
	if c.inline {
		b = append(b, `<is><t`...)
		if c.isSpace {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		if c.escapeIS {
			b = appendEscapedText(b, c.is, true)
		} else {
			b = append(b, c.is...)
		}
		b = append(b, `</t></is>`...)
	}
	e.buf = append(b, `</c>`...)
}

// maxCellChars is the most UTF-16 units a cell holds (excelize.TotalCellChars).
const maxCellChars = excelize.TotalCellChars

// trimCell is excelize's trimCellValue: the value cut to what a cell holds,
// whether its spaces must be preserved, escaped for an inline string when
// escape is set, and with its _xHHHH_ sequences escaped.
func trimCell(s string, escape bool) (string, bool) {
	if len(s) > maxCellChars && countUTF16(s) > maxCellChars {
		s = truncateUTF16(s, maxCellChars)
	}
	space := false
	if s != "" {
		first, last := s[0], s[len(s)-1]
		for _, b := range []byte{9, 10, 13, 32} {
			if first == b || last == b {
				space = true
				break
			}
		}
		if escape && needsEscape(s) {
			s = string(appendEscapedText(nil, s, true))
		}
	}
	if strings.Contains(s, "_x") {
		s = bstrMarshal(s)
	}
	return s, space
}

func countUTF16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func truncateUTF16(s string, length int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > length {
			return s[:i]
		}
	}
	return s
}

// needsEscape says xml.EscapeText would change s.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' || c >= 0x80 {
			if c >= 0x80 {
				return !plainUTF8(s[i:])
			}
			return true
		}
	}
	return false
}

// plainUTF8 says s is valid UTF-8 with no character xml.EscapeText replaces
// or escapes.
func plainUTF8(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\'' || r == '&' || r == '<' || r == '>' || r == utf8.RuneError || !inCharacterRange(r) {
			return false
		}
	}
	return true
}

// appendEscaped appends s escaped as encoding/xml's EscapeText escapes it.
func appendEscaped(b []byte, s string) []byte { return appendEscapedText(b, s, false) }

// appendEscapedText appends s escaped as encoding/xml's EscapeText escapes
// it, with line feeds kept as they are when keepLF is set (as excelize writes
// inline strings).
func appendEscapedText(b []byte, s string, keepLF bool) []byte {
	if !needsEscape(s) {
		return append(b, s...)
	}
	last := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, the most of a formula or a message: by table.
			i++
			esc := asciiEscapes[c]
			if esc == "" || c == '\n' && keepLF {
				continue
			}
			b = append(b, s[last:i-1]...)
			b = append(b, esc...)
			last = i
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			if keepLF {
				continue
			}
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !inCharacterRange(r) || (r == 0xFFFD && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, esc...)
		last = i
	}
	return append(b, s[last:]...)
}

// asciiEscapes is what EscapeText writes for each ASCII character it
// changes: the five markup characters, tab, line feed and carriage return as
// references, and the other control characters, which XML does not allow,
// as U+FFFD.
var asciiEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range 0x20 {
		t[c] = "\uFFFD"
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	return t
}()

// inCharacterRange is XML's Char production, as encoding/xml decides it.
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's: a literal _xHHHH_ in a value gets its underscore
// escaped as _x005F_, so that a reader does not take it for an escaped
// character. (excelize, BSD 3-Clause licence.)
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// formatCellFloat is excelize's: the shortest decimal form, cut to Excel's
// 15 significant digits.
func formatCellFloat(value float64, bitSize int) string {
	str := strconv.FormatFloat(value, 'f', -1, bitSize)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

var (
	excelMinTime1900      = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelBuggyPeriodStart = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

// excelTime is excelize's serial of t (its wall clock already moved to UTC)
// in the 1900 date system, the one the workbook uses: days since 1899-12-31,
// plus Excel's 29 February 1900; 0 before 1900.
func excelTime(t time.Time) float64 {
	const day = 24 * time.Hour
	const maxDuration = 290 * 364 * day
	if t.Before(excelMinTime1900) {
		return 0
	}
	tt, diff, result := t, t.Sub(excelMinTime1900), 0.0
	for diff >= maxDuration {
		result += float64(maxDuration / day)
		tt = tt.Add(-maxDuration)
		diff = tt.Sub(excelMinTime1900)
	}
	rem := diff % day
	result += float64(diff-rem)/float64(day) + float64(rem)/float64(day)
	if t.After(excelBuggyPeriodStart) {
		result++
	}
	return result
}
