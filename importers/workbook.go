package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"partneratlas/core"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// xlsxOptions are the limits every workbook is opened with: 512 MB unzipped
// in all; worksheets (and shared strings) above 16 MB unzipped are left out
// of memory: excelize keeps them in a temporary file, and the sheet reader
// unpacks them again from the workbook as it reads, so a 100 MB sheet never
// sits in memory whole.
var xlsxOptions = excelize.Options{UnzipSizeLimit: 512 << 20, UnzipXMLSizeLimit: 16 << 20}

// openWorkbook opens an .xlsx workbook (decrypting it with opt.Password)
// and lists its sheets.
func openWorkbook(file string, data []byte, opt Options) (*File, error) {
	xo := xlsxOptions
	xo.Password = opt.Password
	lean, withheld := withoutBigSheets(data)
	if lean == nil {
		lean = data
	}
	book, err := excelize.OpenReader(bytes.NewReader(lean), xo)
	if err != nil {
		if opt.Password != "" {
			return nil, passwordError(file, err)
		}
		return nil, openError(file, err)
	}
	f := &File{Name: file, book: book, data: data, withheld: withheld}
	for _, s := range book.GetSheetList() {
		f.Sheets = append(f.Sheets, s)
		if v, err := book.GetSheetVisible(s); err == nil && !v {
			f.HiddenSheets = append(f.HiddenSheets, s)
		}
	}
	if props, err := book.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		f.date1904 = *props.Date1904
	}
	if len(f.Sheets) == 0 {
		book.Close()
		return nil, fail(Empty, file, nil, "the workbook has no sheets.")
	}
	return f, nil
}

// bigSheet is the unpacked size from which a worksheet is not given to
// excelize: the sheet reader streams it from the file's zip, while excelize
// would unpack it whole when the workbook opens (a 1,000,000-row sheet is
// 285 MB, unpacked to a temporary file in 0.7 s, then never read there).
var bigSheet int64 = 4 << 20

// withoutBigSheets returns the workbook data without its big worksheets
// (see bigSheet), and their part names; nil, nil when it has none, and for
// anything but a plain zip that excelize takes as it is (an encrypted
// workbook, a zip over the unpacked size limit, which excelize refuses, or
// one that holds a part twice, of which excelize keeps the last).
func withoutBigSheets(data []byte) ([]byte, map[string]bool) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil
	}
	var withheld map[string]bool
	seen := map[string]bool{}
	var total int64
	for _, zf := range zr.File {
		name, size := strings.ReplaceAll(zf.Name, "\\", "/"), zf.FileInfo().Size()
		total += size
		if size < 0 || size > xlsxOptions.UnzipSizeLimit || total > xlsxOptions.UnzipSizeLimit || seen[name] {
			return nil, nil
		}
		seen[name] = true
		if size >= bigSheet && strings.HasPrefix(strings.ToLower(name), "xl/worksheets/sheet") && !zf.FileInfo().IsDir() {
			if withheld == nil {
				withheld = map[string]bool{}
			}
			withheld[name] = true
		}
	}
	if withheld == nil {
		return nil, nil
	}
	var lean bytes.Buffer
	zw := zip.NewWriter(&lean)
	for _, zf := range zr.File {
		if withheld[strings.ReplaceAll(zf.Name, "\\", "/")] {
			continue
		}
		if zw.Copy(zf) != nil {
			return nil, nil
		}
	}
	if zw.Close() != nil {
		return nil, nil
	}
	return lean.Bytes(), withheld
}

// whole gives excelize the worksheets withheld from it when the workbook
// was opened (see withoutBigSheets), before anything reads a sheet through
// excelize: the odd sheet the sheet reader leaves to it, or a caller of
// Workbook. The workbook as first opened stays open until Close, for the
// readers that hold its styles.
func (f *File) whole() error {
	if f.withheld == nil {
		return nil
	}
	book, err := excelize.OpenReader(bytes.NewReader(f.data), xlsxOptions) // never encrypted: see withoutBigSheets
	if err != nil {
		return openError(f.Name, err)
	}
	f.lean, f.book, f.withheld = f.book, book, nil
	return nil
}

// excelizeRows opens sheet's rows with excelize, the workbook made whole.
func (f *File) excelizeRows(sheet string) (*excelize.Rows, error) {
	if err := f.whole(); err != nil {
		return nil, err
	}
	return f.book.Rows(sheet)
}

// visibleSheets are the sheets a reader looks through when the user named
// none.
func (f *File) visibleSheets() []string {
	var out []string
	for _, s := range f.Sheets {
		if !slices.Contains(f.HiddenSheets, s) {
			out = append(out, s)
		}
	}
	return out
}

// sheetNamed returns the workbook's name of the sheet the user named: the
// same name, else the same but for case; an *Error of Kind NoSheet when
// there is none.
func (f *File) sheetNamed(name string) (string, error) {
	found := ""
	for _, s := range f.Sheets {
		if s == name || (found == "" && strings.EqualFold(s, name)) {
			found = s
		}
	}
	if found == "" {
		quoted := make([]string, len(f.Sheets))
		for i, s := range f.Sheets {
			quoted[i] = quote(s)
		}
		return "", fail(NoSheet, f.Name, nil, "the workbook has no sheet called %s. Its sheets are: %s.", quote(name), strings.Join(quoted, ", "))
	}
	return found, nil
}

// sheetRows yields the rows of one worksheet through a streaming iterator
// (sheetReader, or excelize's Rows where it cannot be sure), so a big sheet
// is never held as a [][]string.
type sheetRows struct {
	rows cellRows
	row  int
	err  error
	// raw asks for raw values, which is about twice as fast as formatted
	// ones; dates then names the date columns and their layout, and the
	// reader formats them itself, in the workbook's date system.
	raw      bool
	dates    map[int]string
	date1904 bool
}

// openRows opens an iterator over the rows of sheet: the sheet reader when
// parts is not nil and it can read the sheet, else excelize's Rows.
func (f *File) openRows(sheet string, parts *bookParts) (cellRows, error) {
	warmStyles(f.book)
	if parts != nil && fastSheets {
		if r, ok := openSheetReader(f, sheet, parts); ok {
			return r, nil
		}
	}
	return f.excelizeRows(sheet)
}

func (f *File) openSheet(sheet string, parts *bookParts) (*sheetRows, error) {
	rows, err := f.openRows(sheet, parts)
	if err != nil {
		return nil, err
	}
	if r, ok := rows.(*sheetReader); ok {
		r.reuse = true // a rowSource's cells may be reused (scanHead copies the head)
	}
	return &sheetRows{rows: rows, date1904: f.date1904}, nil
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
func (s *sheetRows) chooseRaw(open func() (cellRows, error), head []rawRow) {
	if len(head) == 0 {
		return
	}
	last := head[len(head)-1].row
	rows, err := open()
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
			v := generalNumber(Cell(r, c))
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
					if v, ok := formatSerial(Cell(r, c), layout, true); ok {
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

// passwordError is openError for a workbook opened with a password: a
// failure to decrypt means the password is wrong.
func passwordError(file string, err error) error {
	if errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
		return fail(Encrypted, file, err, "the password is not right, so the workbook cannot be opened. Type it again (passwords are case-sensitive).")
	}
	return openError(file, err)
}

// openError turns excelize's refusal to open a workbook into words.
func openError(file string, err error) error {
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
		ee := fail(TooLarge, file, err, "the sheet has more rows than Excel allows (%s). Split it into smaller sheets.", core.Thousands(excelize.TotalRows))
		ee.Sheet = sheet
		return ee
	}
	ee := fail(BadFile, file, err, "the sheet cannot be read: it looks damaged (%v). Open the workbook in Excel or LibreOffice and save it again as .xlsx, then import.", err)
	ee.Sheet = sheet
	return ee
}

// legacyXLSMessage refuses an Excel 97–2003 workbook and names the fix.
const legacyXLSMessage = "this is an old Excel 97–2003 workbook (.xls), which Partner Atlas cannot read. Open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or .csv, then import that file."

// encryptedMessage tells the user what to do with a password-protected
// workbook. The ui, on Kind Encrypted, asks for the password and reads again
// with Options.Password.
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
		e := fail(TooLarge, file, nil, "the sheet says it spans %s, past Excel's limits (%s rows, %s columns): the file was not written by a spreadsheet program or is damaged. Open it in Excel or LibreOffice, save it again as .xlsx, then import.", dim, core.Thousands(excelize.TotalRows), core.Thousands(excelize.MaxColumns))
		e.Sheet = sheet
		return e
	}
	return nil
}

// Rows is a worksheet's rows, as excelize's Rows iterator gives them.
type Rows = cellRows

// Rows opens the rows of sheet with the streaming sheet reader, which gives
// what excelize's Rows gives (cell for cell, formatted or raw) four to eight
// times as fast, and falls back to excelize on what it does not read itself:
// for a plan workbook's own big sheets when it is opened again.
func (f *File) Rows(sheet string) (Rows, error) {
	parts := newBookParts(f)
	rows, err := f.openRows(sheet, parts)
	if err != nil {
		parts.close()
		return nil, err
	}
	return &partRows{cellRows: rows, parts: parts}, nil
}

// partRows closes the shared parts with the rows.
type partRows struct {
	cellRows
	parts *bookParts
}

func (r *partRows) Close() error {
	err := r.cellRows.Close()
	r.parts.close()
	return err
}
