package importers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxOptions are the limits every workbook is opened with: 512 MB unzipped
// in all, and worksheets above 128 MB unzipped are streamed from a temporary
// file instead of memory.
var xlsxOptions = excelize.Options{UnzipSizeLimit: 512 << 20, UnzipXMLSizeLimit: 128 << 20}

// readXLSX imports an .xlsx workbook. A plan workbook written by Partner
// Atlas is restored whole; any other workbook is read as a partner table
// from the sheet that holds one (or the sheet the user named).
//
// Cells are read as the spreadsheet shows them (number formats applied), so
// a date reads "2026-03-01" rather than 46082 and extras survive as the user
// saw them; formulas give their cached values. Hidden rows are read like any
// other: a filter that hides rows does not remove partners.
//
// Formatting has a price: on the 100,000-row benchmark sheet about half the
// time goes to excelize formatting the date column (raw values read in
// 2.7 s, formatted ones in 4.7 s). Raw values would show dates as serial
// numbers and percentages as fractions, so the import pays it.
func readXLSX(file string, data []byte, opt Options) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fail(BadFile, file, fmt.Errorf("panic: %v", r),
				"Partner Atlas could not read this workbook: it looks damaged. Open it in Excel or LibreOffice, save it again as .xlsx (Excel Workbook), then import that file.")
		}
	}()
	xo := xlsxOptions
	xo.Password = opt.Password
	f, err := excelize.OpenReader(bytes.NewReader(data), xo)
	if err != nil {
		if opt.Password != "" {
			return nil, passwordError(file, err)
		}
		return nil, openError(file, err)
	}
	defer f.Close()
	if isPlanWorkbook(f) {
		return readPlanWorkbook(f, file, opt)
	}
	res = &Result{File: file}
	var visible []string
	for _, s := range f.GetSheetList() {
		res.Sheets = append(res.Sheets, s)
		if v, err := f.GetSheetVisible(s); err == nil && !v {
			res.HiddenSheets = append(res.HiddenSheets, s)
		} else {
			visible = append(visible, s)
		}
	}
	if len(res.Sheets) == 0 {
		return nil, fail(Empty, file, nil, "the workbook has no sheets.")
	}

	// Candidates: the sheet the user named, else every visible sheet.
	var candidates []string
	if opt.Sheet != "" {
		name := ""
		for _, s := range res.Sheets {
			if s == opt.Sheet || (name == "" && strings.EqualFold(s, opt.Sheet)) {
				name = s
			}
		}
		if name == "" {
			quoted := make([]string, len(res.Sheets))
			for i, s := range res.Sheets {
				quoted[i] = quote(s)
			}
			return nil, fail(NoSheet, file, nil, "the workbook has no sheet called %s. Its sheets are: %s.", quote(opt.Sheet), strings.Join(quoted, ", "))
		}
		candidates = []string{name}
	} else {
		candidates = visible
	}

	type scanned struct {
		sheet string
		rows  *sheetRows
		head  []rawRow
		fit   headerFit
	}
	var best *scanned
	for _, s := range candidates {
		sr, err := openSheet(f, s)
		if err != nil {
			return nil, sheetError(file, s, err)
		}
		head, err := scanHead(sr, opt.HeaderRow)
		if err != nil {
			sr.close()
			return nil, sheetError(file, s, err)
		}
		sc := &scanned{sheet: s, rows: sr, head: head}
		if len(head) > 0 {
			_, sc.fit = findHeader(head, opt.Scorecard)
		}
		switch {
		case best == nil,
			len(best.head) == 0 && len(head) > 0,
			len(head) > 0 && sc.fit.better(best.fit):
			if best != nil {
				best.rows.close()
			}
			best = sc
		default:
			sr.close()
		}
	}
	if best == nil {
		return nil, fail(Empty, file, nil, "every sheet of the workbook is hidden (%s). Unhide the sheet with the partners in Excel, or choose it in the import preview.", strings.Join(res.HiddenSheets, ", "))
	}
	defer best.rows.close()
	res.Sheet = best.sheet
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		best.rows.date1904 = *props.Date1904
	}
	if len(best.head) == 0 {
		e := fail(Empty, file, nil, "the sheet is empty: there is no row to import.")
		if len(candidates) > 1 {
			e.Message = fmt.Sprintf("every visible sheet is empty (%s): there is no row to import.", strings.Join(candidates, ", "))
		} else {
			e.Sheet = best.sheet
		}
		if opt.Sheet == "" && len(res.HiddenSheets) > 0 {
			e.Message += fmt.Sprintf(" Hidden sheets (%s) were not read: unhide the one with the partners, or choose it in the import preview.", strings.Join(res.HiddenSheets, ", "))
		}
		return nil, e
	}
	facts := scanSheet(data, best.sheet)
	if facts.err != nil {
		return nil, sheetError(file, best.sheet, facts.err)
	}
	if err := checkDimension(file, best.sheet, facts.dimension); err != nil {
		return nil, err
	}
	if len(best.head) > 0 {
		best.rows.chooseRaw(f, best.sheet, best.head)
	}
	what := "the sheet"
	out, err := readTable(res, opt, best.head, best.rows, what, false, facts.merges)
	if err == nil && best.rows.err != nil {
		err = best.rows.err
	}
	if err != nil && KindOf(err) == "" {
		return nil, sheetError(file, best.sheet, err) // e.g. past Excel's last row: TooLarge
	}
	if out != nil {
		reportUncached(out, facts)
	}
	return out, err
}

// reportUncached warns of the formula cells, below the header, whose result
// was never saved: they read as empty, and the user should know why.
func reportUncached(res *Result, facts sheetFacts) {
	n := 0
	for _, c := range facts.uncached {
		if c.row <= res.HeaderRow {
			continue
		}
		col := Column{Index: c.col, Letter: columnLetter(c.col)}
		if c.col < len(res.Columns) {
			col = res.Columns[c.col]
		}
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet, Row: c.row, Column: col.String(),
			Message: "this cell holds a formula whose result was never saved, so it reads as empty. Open the workbook in Excel or LibreOffice, let it calculate, save it, and import it again."})
		n++
	}
	if facts.uncachedMore > 0 && n > 0 {
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet,
			Message: fmt.Sprintf("%d more formula cells have no saved result and read as empty.", facts.uncachedMore)})
	}
}

// sheetRows yields the rows of one worksheet through excelize's streaming
// Rows iterator, so a big sheet is never held as a [][]string.
type sheetRows struct {
	rows *excelize.Rows
	row  int
	err  error
	// raw asks excelize for raw values, which is about twice as fast as
	// formatted ones; dates then names the date columns and their layout,
	// and the reader formats them itself, in the workbook's date system.
	raw      bool
	dates    map[int]string
	date1904 bool
}

func openSheet(f *excelize.File, sheet string) (*sheetRows, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return &sheetRows{rows: rows}, nil
}

func (s *sheetRows) next() ([]string, int, error) {
	if s.err != nil || !s.rows.Next() {
		if s.err == nil {
			s.err = s.rows.Error()
		}
		if s.err != nil {
			return nil, 0, s.err
		}
		return nil, 0, io.EOF
	}
	s.row++
	if s.row > excelize.TotalRows {
		s.err = excelize.ErrMaxRows // rows with no number go on past Excel's last row
		return nil, 0, s.err
	}
	var cells []string
	var err error
	if s.raw {
		cells, err = s.rows.Columns(excelize.Options{RawCellValue: true})
	} else {
		cells, err = s.rows.Columns()
	}
	if err != nil {
		s.err = err
		return nil, 0, err
	}
	if s.raw {
		for c, v := range cells {
			cells[c] = generalNumber(v)
		}
	}
	for c, layout := range s.dates {
		if c < len(cells) {
			if v, ok := formatSerial(cells[c], layout, s.date1904); ok {
				cells[c] = v
			}
		}
	}
	return cells, s.row, nil
}

// generalNumber shows a raw number as excelize shows a number in the General
// format: a stored "0.282000000000000" or "0.28200000000000003" reads
// "0.282". Only a value with a decimal point or an exponent and 15
// significant digits or more is touched: that is how programs store
// floating-point numbers, and never how people type text ("0123", "2.0" and
// a 16-digit account ID stay as they are).
func generalNumber(v string) string {
	if len(v) < 16 || !strings.ContainsAny(v, ".eE") {
		return v
	}
	digits := 0
	for _, r := range strings.TrimLeft(v, "+-0.") {
		if r >= '0' && r <= '9' {
			digits++
		} else if r == 'e' || r == 'E' {
			break
		} else if r != '.' {
			return v
		}
	}
	if digits < 15 {
		return v
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	plain := strconv.FormatFloat(x, 'f', -1, 64)
	if len(plain)-strings.Count(plain, ".") > 15 {
		return strconv.FormatFloat(x, 'G', 15, 64)
	}
	return plain
}

// chooseRaw decides how the rows below the head (which ended at row last)
// are read. It reads the head again as raw values and compares: when every
// cell whose shown text differs from its raw value is a date this reader can
// write itself, the rest is read raw and the dates formatted here. That is
// faster, and right in the 1904 date system, where excelize's own
// formatting of custom date formats is a day off. A column formatted any
// other way (currency, percentage, thousands) keeps excelize's formatting,
// so extras read as the user saw them.
//
// A 1904 workbook's head is also corrected: its date cells are rewritten from
// their raw serial numbers.
func (s *sheetRows) chooseRaw(f *excelize.File, sheet string, head []rawRow) {
	if len(head) == 0 {
		return
	}
	last := head[len(head)-1].row
	rows, err := f.Rows(sheet)
	if err != nil {
		return
	}
	defer rows.Close()
	raw := map[int][]string{}
	for n := 1; n <= last && rows.Next(); n++ {
		r, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return
		}
		raw[n] = r
	}
	dates := map[int]string{}
	other := false
	for _, h := range head {
		r := raw[h.row]
		for c, shown := range h.cells {
			v := generalNumber(cell(r, c))
			if v == shown {
				continue
			}
			layout := dates[c]
			if layout == "" || !s.dateMatches(v, shown, layout) {
				layout = ""
				for _, l := range dateLayouts {
					if s.dateMatches(v, shown, l) {
						layout = l
						break
					}
				}
			}
			if layout == "" {
				other = true
				continue
			}
			dates[c] = layout
		}
	}
	if s.date1904 {
		for i, h := range head {
			r := raw[h.row]
			for c, layout := range dates {
				if c < len(h.cells) {
					if v, ok := formatSerial(cell(r, c), layout, true); ok {
						head[i].cells[c] = v
					}
				}
			}
		}
	}
	if len(dates) > 0 {
		s.dates = dates
	}
	s.raw = !other
	if other {
		s.dates = nil // excelize formats every cell
	}
}

// dateMatches says whether shown is how excelize shows the serial raw in
// layout. In a 1904 workbook, where excelize's value is not trusted, it is
// enough that shown reads in layout.
func (s *sheetRows) dateMatches(raw, shown, layout string) bool {
	if s.date1904 {
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			return false
		}
		_, err := time.Parse(layout, shown)
		return err == nil
	}
	v, ok := formatSerial(raw, layout, false)
	return ok && v == shown
}

// dateLayouts are the ways excelize shows dates and times, as Go layouts.
var dateLayouts = []string{
	"2006-01-02", "1/2/2006", "01/02/2006", "1/2/06", "01-02-06", "2-Jan-06", "02-Jan-06", "Jan-06",
	"2-Jan", "02.01.2006", "2.1.2006", "2006/01/02", "2006/1/2", "January 2, 2006",
	"1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/06 15:04", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM", "15:04:05", "15:04", "3:04:05 PM", "3:04 PM",
}

// formatSerial writes a spreadsheet date serial number in layout.
func formatSerial(raw, layout string, date1904 bool) (string, bool) {
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil || x < 0 || x > 2958465 { // 9999-12-31
		return "", false
	}
	t, err := excelize.ExcelDateToTime(x, date1904)
	if err != nil {
		return "", false
	}
	return t.Format(layout), true
}

func (s *sheetRows) close() { _ = s.rows.Close() }

// openError turns excelize's refusal to open a workbook into words.
// passwordError is openError for a workbook opened with a password: a
// failure to decrypt means the password is wrong.
func passwordError(file string, err error) error {
	if errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
		return fail(Encrypted, file, err, "the password is not right, so the workbook cannot be opened. Type it again (passwords are case-sensitive).")
	}
	return openError(file, err)
}

// withPassword, when true, says the workbook was opened with a password, so
// that a failure to decrypt reads as a wrong password.
func openError(file string, err error, withPassword ...bool) error {
	if len(withPassword) > 0 && withPassword[0] {
		return passwordError(file, err)
	}
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return fail(BadFile, file, err, "this file is not a workbook Partner Atlas can read, or it is damaged. Open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), then import that file.")
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return fail(Encrypted, file, err, encryptedMessage)
	case strings.Contains(err.Error(), "unzip size") || strings.Contains(err.Error(), "size limit"):
		return fail(TooLarge, file, err, "the workbook is too large to open: unpacked it exceeds %d MB. Split it into smaller files, or save the partner sheet alone as .csv.", xlsxOptions.UnzipSizeLimit>>20)
	}
	return fail(BadFile, file, err, "the workbook is damaged and cannot be opened (%v). Open it in Excel or LibreOffice and save it again as .xlsx, then import.", err)
}

// sheetError turns an error met while reading a sheet into words.
func sheetError(file, sheet string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, excelize.ErrMaxRows) {
		ee := fail(TooLarge, file, err, "the sheet has more rows than Excel allows (%s). Split it into smaller sheets.", thousands(excelize.TotalRows))
		ee.Sheet = sheet
		return ee
	}
	ee := fail(BadFile, file, err, "the sheet cannot be read: it looks damaged (%v). Open the workbook in Excel or LibreOffice and save it again as .xlsx, then import.", err)
	ee.Sheet = sheet
	return ee
}

// encryptedMessage tells the user what to do with a password-protected
// workbook. The ui, on Kind Encrypted, asks for the password and reads again
// with Options.Password.
// legacyXLSMessage refuses an Excel 97–2003 workbook and names the fix.
const legacyXLSMessage = "this is an old Excel 97–2003 workbook (.xls), which Partner Atlas cannot read. Open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or .csv, then import that file."

const encryptedMessage = "this workbook is protected with a password. Type its password to open it, or open it in Excel, remove the password (File › Info › Protect Workbook), save it and import it again."

// checkDimension refuses a sheet whose stated size is past Excel's limits:
// such a file was not written by a spreadsheet program and would only
// exhaust memory.
func checkDimension(file, sheet, dim string) error {
	if dim == "" {
		return nil
	}
	_, last, _ := strings.Cut(dim, ":")
	if last == "" {
		last = dim
	}
	col, row, err := excelize.SplitCellName(strings.ReplaceAll(last, "$", ""))
	if err != nil {
		return nil // an unreadable dimension says nothing; the rows will tell
	}
	c, cerr := excelize.ColumnNameToNumber(col)
	if row > excelize.TotalRows || cerr != nil || c > excelize.MaxColumns {
		e := fail(TooLarge, file, nil, "the sheet says it spans %s, past Excel's limits (%s rows, %s columns): the file was not written by a spreadsheet program or is damaged. Open it in Excel or LibreOffice, save it again as .xlsx, then import.", dim, thousands(excelize.TotalRows), thousands(excelize.MaxColumns))
		e.Sheet = sheet
		return e
	}
	return nil
}
