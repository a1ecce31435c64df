package importers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

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
	f, err := excelize.OpenReader(bytes.NewReader(data), xlsxOptions)
	if err != nil {
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
	what := "the sheet"
	out, err := readTable(res, opt, best.head, best.rows, what, false)
	if err == nil && best.rows.err != nil {
		return out, sheetError(file, best.sheet, best.rows.err)
	}
	return out, err
}

// sheetRows yields the rows of one worksheet through excelize's streaming
// Rows iterator, so a big sheet is never held as a [][]string.
type sheetRows struct {
	rows *excelize.Rows
	row  int
	err  error
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
	cells, err := s.rows.Columns()
	if err != nil {
		s.err = err
		return nil, 0, err
	}
	return cells, s.row, nil
}

func (s *sheetRows) close() { _ = s.rows.Close() }

// openError turns excelize's refusal to open a workbook into words.
func openError(file string, err error) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return fail(BadFile, file, err, "this file is not a workbook Partner Atlas can read, or it is damaged. Open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), then import that file.")
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return fail(Encrypted, file, err, "this workbook is protected with a password; open it in Excel, remove the password (File › Info › Protect Workbook) and save it again, then import")
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
