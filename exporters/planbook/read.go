package planbook

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// ErrVersion is the cause of a refusal to read a plan workbook written by a
// newer Partner Atlas, whose format this version does not know: the reader
// says so by name rather than misread it, as archive/zip does with
// zip.ErrFormat.
var ErrVersion = errors.New("planbook: the workbook's format is newer than this version reads")

// Is says whether f is a plan workbook written by Partner Atlas: its
// (normally hidden) About sheet starts with the marker. A workbook whose
// About sheet was deleted is still recognised when it has a Partners sheet
// and a Scorecard sheet with the scorecard's header (Key, Weight, Min, Max).
func Is(f *importers.File) bool {
	if len(f.Sheets) == 0 {
		return false // a text file
	}
	// The sheets are read with the importers' reader, not excelize, so that
	// telling a big partner list from a plan does not unpack its big sheet.
	first := func(sheet string, limit int) [][]string {
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil
		}
		out, _ := firstRows(rows, limit)
		return out
	}
	return isPlan(f.Sheets, first)
}

// isPlan is Is over a workbook's sheets, whose first rows first reads.
func isPlan(sheets []string, first func(sheet string, limit int) [][]string) bool {
	if about := namedIn(sheets, SheetAbout); about != "" {
		for _, r := range first(about, 10) {
			for _, c := range r {
				if strings.EqualFold(strings.TrimSpace(c), Marker) {
					return true
				}
			}
		}
	}
	sc, ps := namedIn(sheets, SheetScorecard), namedIn(sheets, SheetPartners)
	if sc == "" || ps == "" {
		return false
	}
	_, ok := findLabels(first(sc, headerScan), scorecardLabels...)
	return ok
}

// Read restores the whole ecosystem from the plan workbook f (see Is):
// scorecard, thresholds, partners with their values, overrides, sources and
// unmapped columns, plays, maturity ratings, review dates, name, the last
// review's snapshot and the account mapping. Scores, tiers, confidence and
// ranks are derived and not read. Cells that cannot be read are skipped and
// reported as problems; a workbook of a newer format is refused with an
// error of Kind Unsupported that wraps ErrVersion.
func Read(f *importers.File) (res *Source, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &importers.Error{Problem: importers.Problem{Kind: importers.BadFile, File: f.Name,
				Message: "Partner Atlas could not reopen this plan workbook: it looks damaged. Open it in Excel or LibreOffice, save it again as .xlsx, then open that file."},
				Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	return readPlan(f)
}

// readPlan reads the plan workbook book with the importers' streaming
// reader, every sheet of it: excelize never holds the big sheets (Partners,
// the Import log), which it would unpack to temporary files first, most of
// a second on a plan of 100,000 partners.
func readPlan(book *importers.File) (*Source, error) {
	pr := &reader{file: book.Name, book: book, sheets: book.Sheets}
	e := core.NewEcosystem("", time.Now())
	e.Review = core.Review{}
	pr.e = e
	res := &Source{Plan: e}
	res.File, res.Sheet = book.Name, SheetPartners
	res.Sheets, res.HiddenSheets = slices.Clone(book.Sheets), slices.Clone(book.HiddenSheets)
	if err := pr.readAbout(); err != nil {
		return nil, err
	}
	if err := pr.readScorecard(); err != nil {
		return nil, err
	}
	if err := pr.readPartners(res); err != nil {
		return nil, err
	}
	pr.readPlays()
	pr.readMaturity()
	pr.readSummary()
	pr.readHistory()
	pr.readOverlap()
	pr.readDealBook()
	res.Partners = e.Partners
	res.Problems = pr.problems
	return res, nil
}

// reader holds a reopen in progress.
type reader struct {
	book     *importers.File
	sheets   []string // the workbook's sheets, in order
	file     string
	e        *core.Ecosystem
	problems []importers.Problem
	// exported is the day the workbook was written (About), zero when not
	// known.
	exported time.Time
}

// rows opens the rows of a sheet.
func (pr *reader) rows(sheet string) (importers.Rows, error) { return pr.book.Rows(sheet) }

// readDealBook restores the deal book: the rules from the Measurement
// sheet, the deals from the Deals sheet, the account revenue rows.
func (pr *reader) readDealBook() {
	b := pr.readMeasurement(pr.exported)
	if b == nil {
		if pr.sheetNamed(SheetDeals) == "" {
			return
		}
		b = &core.DealBook{}
	}
	pr.readDeals(b)
	pr.readRevenue(b)
	pr.e.Deals = b
}

func (pr *reader) problem(kind importers.Kind, sheet string, row int, column, format string, args ...any) {
	pr.problems = append(pr.problems, importers.Problem{Kind: kind, File: pr.file, Sheet: sheet, Row: row, Column: column,
		Message: fmt.Sprintf(format, args...)})
}

// fail is an error that stops the reopen, with the place it happened.
func (pr *reader) fail(kind importers.Kind, cause error, format string, args ...any) error {
	return &importers.Error{Problem: importers.Problem{Kind: kind, File: pr.file, Message: fmt.Sprintf(format, args...)}, Err: cause}
}

// headerScan is how many rows the reopen looks through for a header.
const headerScan = 30

// sheetNamed returns the workbook's name of sheet, matched
// case-insensitively, or "".
func (pr *reader) sheetNamed(sheet string) string { return namedIn(pr.sheets, sheet) }

// namedIn is the sheet of sheets named sheet, but for case and spaces
// around; "" when there is none.
func namedIn(sheets []string, sheet string) string {
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), sheet) {
			return s
		}
	}
	return ""
}

// rawRows reads up to limit rows (all when limit is 0) of sheet as raw
// cell text: numbers as stored, not as formatted.
func (pr *reader) rawRows(sheet string, limit int) ([][]string, error) {
	rows, err := pr.rows(sheet)
	if err != nil {
		return nil, err
	}
	return firstRows(rows, limit)
}

// firstRows reads up to limit rows of rows (all when limit is 0) as raw
// cell text, and closes them.
func firstRows(rows importers.Rows, limit int) ([][]string, error) {
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		if limit > 0 && len(out) >= limit {
			break
		}
		r, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, rows.Error()
}

// fold reduces a label for comparison: trimmed, lower case, inner spaces
// collapsed.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// findLabels finds the first row holding every label (folded) and returns
// its 0-based index. Every table of the workbook is found by its header
// labels, never by fixed cells, so a user who inserts rows or moves columns
// in Excel does not break the reopen.
func findLabels(rows [][]string, labels ...string) (int, bool) {
	for i, r := range rows {
		have := map[string]bool{}
		for _, c := range r {
			have[fold(c)] = true
		}
		ok := true
		for _, l := range labels {
			if !have[fold(l)] {
				ok = false
				break
			}
		}
		if ok {
			return i, true
		}
	}
	return 0, false
}

// header is a table's header row: each folded label and its column.
type header map[string]int

// indexHeader maps each folded label of a row to its first column.
func indexHeader(row []string) header {
	idx := header{}
	for i, h := range row {
		if f := fold(h); f != "" {
			if _, dup := idx[f]; !dup {
				idx[f] = i
			}
		}
	}
	return idx
}

// cell returns the trimmed text of r under the header label, or "" when
// there is no such column.
func (idx header) cell(r []string, label string) string {
	i, ok := idx[fold(label)]
	if !ok {
		return ""
	}
	return strings.TrimSpace(importers.Cell(r, i))
}

// column names the column under label as problems do: `C "Weight"`.
func (idx header) column(label string) string {
	return importers.Column{Letter: importers.ColumnLetter(idx[fold(label)]), Header: label}.String()
}

// table reads the table of the sheet name: it finds the sheet, reads its
// rows and finds the first row holding every label, which h gives (0-based)
// and idx maps. It reports missing when the sheet is absent (nothing when
// missing is ""), unreadable (a format given the error) when the sheet
// cannot be read and noHeader when no row holds the labels; then ok is
// false.
func (pr *reader) table(name, missing, unreadable, noHeader string, labels ...string) (sheet string, rows [][]string, h int, idx header, ok bool) {
	sheet = pr.sheetNamed(name)
	if sheet == "" {
		if missing != "" {
			pr.problem(importers.MissingColumn, name, 0, "", "%s", missing)
		}
		return "", nil, 0, nil, false
	}
	rows, err := pr.rawRows(sheet, 0)
	if err != nil {
		pr.problem(importers.BadFile, sheet, 0, "", unreadable, err)
		return "", nil, 0, nil, false
	}
	h, ok = findLabels(rows, labels...)
	if !ok {
		pr.problem(importers.NoHeader, sheet, 0, "", "%s", noHeader)
		return "", nil, 0, nil, false
	}
	return sheet, rows, h, indexHeader(rows[h]), true
}

// number reads a cell as a number: as stored, or as a person typed it in
// Excel ("1,234", "60 %").
func number(s string) (float64, bool) { return importers.ParseNumber(s) }

// labelled returns the cell beside a cell reading label, where the
// workbook writes a setting's value, "" when it is blank: a note may
// follow it ("Blank: from the first deal."), and is no value. ok is false
// when no cell reads label.
func labelled(rows [][]string, label string) (string, bool) {
	label = fold(label)
	for _, r := range rows {
		for j, c := range r {
			if fold(c) == label {
				return strings.TrimSpace(importers.Cell(r, j+1)), true
			}
		}
	}
	return "", false
}

// date reads a date cell: an Excel date serial, an ISO date, or a word
// ("Never", "Not set") meaning none.
func date(s string) (time.Time, bool) {
	if s == "" || fold(s) == "never" || fold(s) == "not set" {
		return time.Time{}, true
	}
	if v, ok := number(s); ok {
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return time.Time{}, false
		}
		return core.Date(t.Add(time.Minute)), true // a minute absorbs float error below midnight
	}
	for _, layout := range []string{"2006-01-02", "2 January 2006", "02/01/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return core.Date(t), true
		}
	}
	return time.Time{}, false
}
