package importers

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// HeaderScanRows is how many non-blank rows from the top of a sheet are
// searched for the header row, so title and note rows above it are skipped.
const HeaderScanRows = 30

// SampleRows is how many data rows a Table keeps as written, for the import
// preview.
const SampleRows = 20

// rowSource yields the rows of a sheet or a text file. cells may be reused by
// the next call; the strings in it may be kept. row is 1-based as a
// spreadsheet numbers it. At the end it returns io.EOF.
type rowSource interface {
	next() (cells []string, row int, err error)
}

// rawRow is a row kept for header detection and the preview.
type rawRow struct {
	row   int
	cells []string
}

// headerFit says how well a row serves as the header of the table a reader
// looks for: whether a cell names the column that identifies a row (the
// partner's or the company's name), and how many distinct fields its cells
// name.
type headerFit struct {
	name   bool
	fields int
}

func (a headerFit) better(b headerFit) bool {
	if a.name != b.name {
		return a.name
	}
	return a.fields > b.fields
}

// fitFunc rates a row as the header of one kind of table.
type fitFunc func(cells []string) headerFit

// found is the table a reader found in a file: the sheet, the header row
// (its cells joined when it is merged over several rows), the rows read
// ahead of it that lie below it, and the source of the rest.
type found struct {
	f      *File
	sheet  string // "" for a text file
	header rawRow
	fit    headerFit
	rest   []rawRow
	src    rowSource
	parts  *bookParts // what the workbook's sheet readers share
	facts  sheetFacts // a worksheet's merges, dimension and formulas without a result
	// ahead holds the rows of a worksheet read below its head while its
	// facts were scanned; each gives them after rest.
	ahead *prefetch
	// early is the reader of a big worksheet whose rows are read before
	// its facts are known: facts holds those of its head until the rows
	// are read (see settle), and late is where the facts go when they
	// change the table.
	early *sheetReader
	late  *factsLate
	// what names the sheet or file in messages: "the sheet", "the file".
	what string
	// rows is a guess of the number of rows, to size what is read (0:
	// unknown).
	rows int
}

// claimedRows is the number of rows below the header that a worksheet's
// dimension claims (checkDimension has refused any past Excel's last row),
// else, for a sheet without one (excelize's stream writer writes none), the
// rows read ahead when they reached the end, else a guess from the bytes of
// the rows read so far and the part's size, else rows. A file may lie: a
// reader sizes with it only what costs little when left unused, such as a
// slice of a million accounts whose pages are never touched.
func (t *found) claimedRows() int {
	_, last, _ := strings.Cut(t.facts.dimension, ":")
	if _, row, err := excelize.SplitCellName(strings.ReplaceAll(last, "$", "")); err == nil && row <= excelize.TotalRows {
		return max(row-t.header.row, 0)
	}
	if t.ahead.ended() {
		return len(t.rest) + t.ahead.count() // every row is read already
	}
	if s, ok := t.src.(*sheetRows); ok {
		if r, ok := s.rows.(*sheetReader); ok {
			if n := r.rowsAhead(t.facts.size); n > 0 {
				return n + len(t.rest) + t.ahead.count()
			}
		}
	}
	return t.rows
}

// dateLayout is the layout in which the sheet reader wrote the date cells
// of column col, "" when the column holds no date cells or the table is
// not a workbook's: a reader can then parse them exactly instead of
// guessing their order.
func (t *found) dateLayout(col int) string {
	if s, ok := t.src.(*sheetRows); ok && s.raw {
		return s.dates[col]
	}
	return ""
}

// locate finds the table of one kind in f: the sheet the user named, else
// the visible sheet whose best header row fits best; the header row the
// user chose, else the row that fits best among the first HeaderScanRows
// (see findHeader). It is the part every reader shares: partner lists,
// account lists, surveys. what names the rows looked for ("partners"), for
// messages.
//
// On a header row the user chose that is empty, it returns the table found
// so far with an *Error of Kind NoHeader, so the preview can still show the
// sheet.
func (f *File) locate(opt Options, fit fitFunc, what string) (*found, error) {
	var t *found
	var err error
	if f.book == nil {
		t = f.locateText(opt)
	} else if t, err = f.locateSheet(opt, fit, what); err != nil {
		return nil, err
	}
	head := t.rest
	if len(head) == 0 {
		e := fail(Empty, f.Name, nil, "%s is empty: there is no row to import.", t.what)
		e.Sheet = t.sheet
		return nil, e
	}
	hi := -1
	if opt.HeaderRow > 0 {
		for i, r := range head {
			if r.row == opt.HeaderRow {
				hi = i
			}
		}
		if hi < 0 {
			e := fail(NoHeader, f.Name, nil, "row %d is empty, so it cannot be the header. Choose the row that holds the column names.", opt.HeaderRow)
			e.Sheet, e.Row = t.sheet, opt.HeaderRow
			t.rest = nil
			return t, e
		}
		t.fit = fit(head[hi].cells)
	} else {
		hi, t.fit = findHeader(head, fit)
	}
	t.header, t.rest = head[hi], head[hi+1:]
	if last := headerEnd(t.header.row, t.facts.merges); last > t.header.row {
		t.header = rawRow{row: t.header.row, cells: joinHeader(head, t.header.row, last, t.facts.merges)}
		for len(t.rest) > 0 && t.rest[0].row <= last {
			t.rest = t.rest[1:]
		}
	}
	return t, nil
}

// start locates the table of f as locate does, for a reader whose result
// holds tab: it describes the table into tab and adds f's own problems to
// tab's, so that no reader can leave them out. On an error the table is
// closed and nil comes back; otherwise the caller closes it.
func (f *File) start(opt Options, fit fitFunc, what string, tab *Table) (*found, error) {
	t, err := f.locate(opt, fit, what)
	if err != nil {
		if t != nil {
			t.close()
		}
		return nil, err
	}
	t.describe(tab)
	tab.Problems = append(tab.Problems, f.Problems...)
	return t, nil
}

// locateText reads the head of a text file: its first rows, less the
// comment lines (starting with #) above the header.
func (f *File) locateText(opt Options) *found {
	src := newRecords(f.text, f.Delimiter)
	head, _ := scanHead(src, opt.HeaderRow)
	for len(head) > 0 && len(head[0].cells) > 0 && strings.HasPrefix(strings.TrimSpace(head[0].cells[0]), "#") {
		head = head[1:]
	}
	return &found{f: f, rest: head, src: src, what: "the file", rows: strings.Count(f.text, "\n") + 1}
}

// locateSheet chooses the sheet: the one the user named, else the visible
// sheet whose best header fits best. It reads the chosen sheet's head and
// the facts of its XML, refuses a sheet past Excel's limits, and decides
// whether the rest is read raw (see chooseRaw). While the facts are still
// being scanned, the rows below the head are read ahead (see prefetch).
func (f *File) locateSheet(opt Options, fit fitFunc, what string) (*found, error) {
	var candidates []string
	if opt.Sheet != "" {
		name, err := f.sheetNamed(opt.Sheet)
		if err != nil {
			return nil, err
		}
		candidates = []string{name}
	} else {
		candidates = f.visibleSheets()
	}
	type scanned struct {
		sheet string
		rows  *sheetRows
		head  []rawRow
		fit   headerFit
		facts *factsScan // found while the head is read
	}
	var best *scanned
	parts := newBookParts(f)
	release := func(err error) (*found, error) {
		if best != nil {
			best.rows.close()
			best.facts.cancel()
		}
		parts.close()
		return nil, err
	}
	for _, s := range candidates {
		var facts *factsScan
		if k := opt.known; k != nil && k.sheet == s {
			facts = factsKnown(k.facts)
		} else {
			facts = startScanSheet(f.data, s)
		}
		sr, err := f.openSheet(s, parts)
		if err != nil {
			facts.cancel()
			return release(sheetError(f.Name, s, err))
		}
		head, err := scanHead(sr, opt.HeaderRow)
		if err != nil {
			sr.close()
			facts.cancel()
			return release(sheetError(f.Name, s, err))
		}
		sc := &scanned{sheet: s, rows: sr, head: head, facts: facts}
		if len(head) > 0 {
			_, sc.fit = findHeader(head, fit)
		}
		switch {
		case best == nil,
			len(best.head) == 0 && len(head) > 0,
			len(head) > 0 && sc.fit.better(best.fit):
			if best != nil {
				best.rows.close()
				best.facts.cancel()
			}
			best = sc
		default:
			sr.close()
			facts.cancel()
		}
	}
	if best == nil {
		return release(fail(Empty, f.Name, nil, "every sheet of the workbook is hidden (%s). Unhide the sheet with the %s in Excel, or choose it in the import preview.", strings.Join(f.HiddenSheets, ", "), what))
	}
	if len(best.head) == 0 {
		e := fail(Empty, f.Name, nil, "the sheet is empty: there is no row to import.")
		if len(candidates) > 1 {
			e.Message = fmt.Sprintf("every visible sheet is empty (%s): there is no row to import.", strings.Join(candidates, ", "))
		} else {
			e.Sheet = best.sheet
		}
		if opt.Sheet == "" && len(f.HiddenSheets) > 0 {
			e.Message += fmt.Sprintf(" Hidden sheets (%s) were not read: unhide the one with the %s, or choose it in the import preview.", strings.Join(f.HiddenSheets, ", "), what)
		}
		return release(e)
	}
	t := &found{f: f, sheet: best.sheet, rest: best.head, src: best.rows, parts: parts, what: "the sheet"}
	best.rows.chooseRaw(func() (cellRows, error) { return f.openRows(best.sheet, parts) }, best.head)
	if r, ok := best.rows.rows.(*sheetReader); ok && opt.late != nil && opt.known == nil && r.readEarly() {
		best.facts.cancel()
		t.facts, t.early, t.late = r.headFacts, r, opt.late
	} else {
		t.ahead = startPrefetch(best.rows, best.facts.done)
		t.facts = best.facts.wait()
		t.ahead.wait()
	}
	if t.facts.err != nil {
		return release(sheetError(f.Name, best.sheet, t.facts.err))
	}
	if err := checkDimension(f.Name, best.sheet, t.facts.dimension); err != nil {
		return release(err)
	}
	return t, nil
}

// close releases the sheet being read.
func (t *found) close() {
	t.settle() // a table left before its end: the facts still say whether it must be read again
	if sr, ok := t.src.(*sheetRows); ok {
		sr.close()
	}
	t.parts.close()
}

// each calls row for every data row below the header, in order: the rows
// read ahead, then the rest of the source. Cells that a merge running down
// over data rows covers take the merge's value; blank rows are skipped.
func (t *found) each(row func(cells []string, n int)) error {
	md := newMergedDown(t.facts.merges, t.header.row)
	emit := func(cells []string, n int) {
		cells = md.fill(cells, n)
		if !IsBlank(cells) {
			row(cells, n)
		}
	}
	for _, r := range t.rest {
		emit(r.cells, r.row)
	}
	if ended, err := t.ahead.each(emit); ended {
		return err
	}
	for {
		cells, n, err := t.src.next()
		if err == io.EOF {
			t.settle()
			return nil
		}
		if err != nil {
			return err
		}
		emit(cells, n)
	}
}

// sample keeps the first data rows as written, for the preview.
func (t *found) sample() [][]string {
	var out [][]string
	for _, r := range t.rest {
		if len(out) == SampleRows {
			break
		}
		out = append(out, r.cells)
	}
	return out
}

// describe fills what every reader's result says of where its table was.
func (t *found) describe(tb *Table) {
	tb.File, tb.Sheet = t.f.Name, t.sheet
	tb.Sheets, tb.HiddenSheets = t.f.Sheets, t.f.HiddenSheets
	tb.Encoding, tb.Delimiter = t.f.Encoding, t.f.Delimiter
	tb.HeaderRow = t.header.row
	tb.Sample = t.sample()
}

// scanHead reads rows until HeaderScanRows non-blank rows, or row upTo when
// the user chose a header row further down, have been seen.
func scanHead(src rowSource, upTo int) ([]rawRow, error) {
	var head []rawRow
	nonBlank := 0
	for nonBlank < HeaderScanRows || (upTo > 0 && (len(head) == 0 || head[len(head)-1].row < upTo)) {
		cells, row, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return head, err
		}
		if IsBlank(cells) {
			continue
		}
		nonBlank++
		head = append(head, rawRow{row: row, cells: append([]string(nil), cells...)})
	}
	return head, nil
}

// findHeader picks the header among the head rows: the row that maps a name
// column and the most other fields (the first of equals). When no row maps a
// name, the row that maps most fields (two at least); else, so that a table
// whose name column is called something else can still be mapped by hand,
// the first row at least two thirds as wide as the widest (a title or note
// row above a table is narrower). It returns the index into head and the
// row's fit.
func findHeader(head []rawRow, fit fitFunc) (int, headerFit) {
	best, bestFit := -1, headerFit{}
	for i, r := range head {
		if f := fit(r.cells); best < 0 || f.better(bestFit) {
			best, bestFit = i, f
		}
	}
	if best < 0 || bestFit.name || bestFit.fields >= 2 {
		return best, bestFit
	}
	width := 0
	for _, r := range head {
		width = max(width, filled(r.cells))
	}
	need := (2*width + 2) / 3
	for i, r := range head {
		if filled(r.cells) >= need {
			return i, fit(r.cells)
		}
	}
	return 0, fit(head[0].cells)
}

// isBlank says whether every cell is empty or spaces.
func IsBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// filled counts the non-empty cells.
func filled(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// looksLikeData says whether no cell of the row is words: a row of numbers
// and dates is data, not a header.
func looksLikeData(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if _, ok := ParseNumber(c); ok {
			continue
		}
		if strings.IndexFunc(c, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 &&
			strings.Trim(c, "0123456789/-.: ") == "" {
			continue // a date or time
		}
		return false
	}
	return true
}

// cell returns cells[i], or "" past the end of a short row.
func Cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}
