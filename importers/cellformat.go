package importers

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellFormats gives the sheet reader's cells the text excelize shows for
// them when asked for formatted values (what the head of a sheet is read
// as, and every row of a sheet whose columns keep excelize's formatting; see
// chooseRaw). It reads each style's number format from the styles excelize
// parsed (the same ones its own formatting uses) and decides:
//
//   - a cell without a style, or whose style has no number format excelize
//     knows, shows its value;
//   - text under a format without a text section shows as it is;
//   - a number in the General format shows as excelize's General does
//     (more than 11 digits: 10 significant ones);
//   - anything else (dates, currencies, percentages, text sections) is
//     formatted by excelize itself, on a one-cell scratch workbook that
//     holds the same format: exactly excelize's text, at its cost, once
//     for each distinct value and format (a date column has a few thousand
//     dates, so formatting 100,000 of them costs a few thousand calls).
//
// A format the scratch workbook cannot take makes the reader fall back to
// excelize's Rows.
type cellFormats struct {
	book     *excelize.File
	date1904 bool
	styles   map[int]*styleFormat
	scratch  *excelize.File
	onA1     int // the scratch style the scratch cell A1 has
	memo     int // values remembered in all
}

// styleFormat is what cellFormats knows of one style of the workbook.
type styleFormat struct {
	none     bool // values show as they are stored
	general  bool // the General format
	textSame bool // text shows as it is
	scratch  int  // the scratch workbook's style with the same format
	// numbers and texts remember what excelize made of each value.
	numbers, texts map[string]string
}

// maxFormatMemo caps the remembered formatted values.
const maxFormatMemo = 1 << 16

// scratchSheet is the scratch workbook's one sheet.
const scratchSheet = "Sheet1"

func newCellFormats(book *excelize.File, date1904 bool) *cellFormats {
	return &cellFormats{book: book, date1904: date1904, styles: map[int]*styleFormat{}}
}

func (cf *cellFormats) close() {
	if cf != nil && cf.scratch != nil {
		_ = cf.scratch.Close()
		cf.scratch = nil
	}
}

var noFormat = &styleFormat{none: true, textSame: true}

// builtInFormat says whether excelize has a format for a built-in number
// format ID (its builtInNumFmt; the language-dependent IDs have none under
// the culture the app opens workbooks with).
func builtInFormat(id int) bool {
	return 0 <= id && id <= 4 || 9 <= id && id <= 22 || 37 <= id && id <= 49
}

// style returns what is known of style s, false when the reader cannot be
// sure to format it as excelize does.
func (cf *cellFormats) style(s int) (*styleFormat, bool) {
	if s == 0 {
		return noFormat, true
	}
	if sf, ok := cf.styles[s]; ok {
		return sf, sf != nil
	}
	sf, ok := cf.newStyle(s)
	if !ok {
		sf = nil
	}
	cf.styles[s] = sf
	return sf, ok
}

func (cf *cellFormats) newStyle(s int) (*styleFormat, bool) {
	ss := cf.book.Styles // parsed by excelize: see warmStyles
	if ss == nil || ss.CellXfs == nil || s < 0 || s >= len(ss.CellXfs.Xf) {
		return noFormat, true
	}
	id := 0
	if p := ss.CellXfs.Xf[s].NumFmtID; p != nil {
		id = *p
	}
	code, custom := "", false
	if ss.NumFmts != nil {
		for _, nf := range ss.NumFmts.NumFmt {
			if nf != nil && nf.NumFmtID == id {
				code, custom = nf.FormatCode, true
				if nf.FormatCode16 != "" {
					code = nf.FormatCode16
				}
				break
			}
		}
	}
	var style excelize.Style
	switch {
	case custom && code == "":
		return noFormat, true // an empty format leaves values as they are
	case custom && code == "General", !custom && id == 0:
		return &styleFormat{general: true, textSame: true}, true
	case custom:
		style.CustomNumFmt = &code
	case builtInFormat(id):
		style.NumFmt = id
	default:
		return noFormat, true
	}
	if cf.scratch == nil {
		cf.scratch = excelize.NewFile()
		if cf.date1904 {
			yes := true
			if err := cf.scratch.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
				return nil, false
			}
		}
	}
	id, err := cf.scratch.NewStyle(&style)
	if err != nil || id == 0 {
		return nil, false
	}
	sf := &styleFormat{scratch: id, numbers: map[string]string{}, texts: map[string]string{}}
	const probe = "Partner Atlas probe"
	shown, ok := cf.delegate(sf, probe, true)
	if !ok {
		return nil, false
	}
	sf.textSame = shown == probe
	return sf, true
}

// warmStyles has excelize parse the workbook's styles, as it does for the
// first formatted cell, before any cell is read: cellFormats reads what it
// parsed.
func warmStyles(book *excelize.File) {
	_, _ = book.GetStyle(0)
}

// text shows a text cell (shared string, inline string, boolean other than
// 0 and 1, a non-numeric number cell) of style s.
func (cf *cellFormats) text(v string, s int) (string, bool) {
	if s == 0 {
		return v, true
	}
	sf, ok := cf.style(s)
	if !ok {
		return "", false
	}
	if sf.none || sf.textSame {
		return v, true
	}
	return cf.delegate(sf, v, true)
}

// number shows a number cell (type "n", "e" or none) holding v, of style
// s.
func (cf *cellFormats) number(v string, s int) (string, bool) {
	digits, plain := canonicalNumber(v)
	shown := v
	if !plain {
		shown = cellDefault(v)
	}
	if s == 0 {
		return shown, true
	}
	sf, ok := cf.style(s)
	if !ok {
		return "", false
	}
	if sf.none {
		return shown, true
	}
	isNum := plain
	if !plain {
		isNum, digits, _ = isNumeric(shown)
	}
	switch {
	case !isNum:
		return cf.text(shown, s)
	case sf.general:
		if digits > 11 {
			x, _ := strconv.ParseFloat(shown, 64)
			return strconv.FormatFloat(x, 'G', 10, 64), true
		}
		return shown, true
	}
	return cf.delegate(sf, v, false)
}

// canonicalNumber says whether v is a number excelize writes back unchanged
// (cellDefault): an optional minus, digits without a leading zero, a
// fraction without a trailing zero, no exponent, at most 15 characters
// besides the point (so at most 15 significant digits, which a float64
// holds exactly). digits counts them as isNumeric does.
func canonicalNumber(v string) (digits int, ok bool) {
	i := 0
	if i < len(v) && v[i] == '-' {
		i++
	}
	intFrom := i
	for i < len(v) && '0' <= v[i] && v[i] <= '9' {
		i++
	}
	if i == intFrom || i-intFrom > 1 && v[intFrom] == '0' {
		return 0, false
	}
	digits = len(v)
	if i < len(v) {
		if v[i] != '.' {
			return 0, false
		}
		i++
		fracFrom := i
		for i < len(v) && '0' <= v[i] && v[i] <= '9' {
			i++
		}
		if i != len(v) || i == fracFrom || v[i-1] == '0' {
			return 0, false
		}
		digits--
	}
	if digits > 15 {
		return 0, false
	}
	return digits, true
}

// delegate has excelize format v in the scratch workbook: as text (a shared
// string) or as a number cell holding v.
func (cf *cellFormats) delegate(sf *styleFormat, v string, text bool) (string, bool) {
	memo := sf.numbers
	if text {
		memo = sf.texts
	}
	if r, ok := memo[v]; ok {
		return r, true
	}
	if len(v) > excelize.TotalCellChars {
		return "", false // excelize would cut it
	}
	if cf.onA1 != sf.scratch {
		if err := cf.scratch.SetCellStyle(scratchSheet, "A1", "A1", sf.scratch); err != nil {
			return "", false
		}
		cf.onA1 = sf.scratch
	}
	// The scratch cell's text goes through excelize's "_xHHHH_" decoding
	// once more: escape the underscores that start one.
	esc := strings.ReplaceAll(v, "_x", "_x005F_x")
	var err error
	switch isNum, _, _ := isNumeric(v); {
	case !text && isNum:
		err = cf.scratch.SetCellDefault(scratchSheet, "A1", v)
	case text && isNum:
		err = cf.scratch.SetCellStr(scratchSheet, "A1", esc)
	default: // an inline string: a text cell to excelize's formatting
		err = cf.scratch.SetCellDefault(scratchSheet, "A1", esc)
	}
	if err != nil {
		return "", false
	}
	r, err := cf.scratch.GetCellValue(scratchSheet, "A1")
	if err != nil {
		return "", false
	}
	if cf.memo < maxFormatMemo {
		memo[v] = r
		cf.memo++
	}
	return r, true
}

// isNumeric is excelize's test of a number: it parses as a float and holds
// no underscore; digits counts its digits written out in full.
func isNumeric(s string) (bool, int, float64) {
	if strings.Contains(s, "_") {
		return false, 0, 0
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return false, 0, 0
	}
	full := strconv.FormatFloat(x, 'f', -1, 64)
	return true, len(full) - strings.Count(full, "."), x
}

// cellDefault is how excelize writes a stored number before formatting it:
// in full, or in 15 significant digits when it has more (unless they are
// zeros filling an integer).
func cellDefault(v string) string {
	isNum, digits, x := isNumeric(v)
	if !isNum {
		return v
	}
	if digits > 15 && !integerWithinPrecision(v) {
		return strconv.FormatFloat(x, 'G', 15, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// integerWithinPrecision is excelize's isNumWithinPrecision.
func integerWithinPrecision(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}
