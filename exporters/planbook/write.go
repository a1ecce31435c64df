package planbook

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// Options tunes the writing of a plan workbook.
type Options struct {
	// Today dates the export and decides whether the review is overdue on
	// the Summary sheet; zero means time.Now().
	Today time.Time
	// Evaluation is the ecosystem's evaluation when the caller has it
	// already, with its Confidence; nil, or a Confidence that does not fit
	// the partners, and Write works it out. Tier confidence costs far more
	// than the rest of the evaluation, so the app and the command line pass
	// the one they computed instead of having it computed twice.
	Evaluation *core.Evaluation
	// Impact is what the deals measure, when the caller has it already for
	// the same ecosystem, evaluation and day; nil and Write measures.
	Impact *core.Impact
	// Problems are what the import that made the ecosystem met: written one
	// a row on the Import log sheet, so that a summary can group them and
	// nothing is hidden. None: no sheet.
	Problems []importers.Problem
}

// Write writes the plan workbook of e to w: every sheet of the format, the
// scores and tiers as live formulas with core's values cached.
func Write(w io.Writer, e *core.Ecosystem, opt Options) error {
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	b, err := newBook(e, opt)
	if err != nil {
		return err
	}
	defer b.f.Close()
	defer b.deflater.wait()
	for _, step := range []func() error{
		b.prepare, b.writeSummary, b.writePartners, b.writeScorecard,
		b.writePlan, b.writePlays, b.writeMaturity, b.writeAbout,
		b.writeHistory, b.writeOverlap, b.writeDealBook, b.writeImportLog,
	} {
		if err := step(); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
	}
	b.deflater.wait()
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := assemble(w, buf.Bytes(), []string{SheetSummary, SheetMeasurement}, b.arrays, b.parts, b.deflater); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// book is one workbook being written.
type book struct {
	f    *excelize.File
	e    *core.Ecosystem
	opt  Options
	st   *styles
	ev   core.Evaluation
	cols PartnerColumns
	// rows is the number of data rows of the Partners table (at least 1, as
	// a table needs a row below its header).
	rows int
	// formulas says the Measurement sheet's figures are formulas over the
	// Deals sheet; false when the deal rows are left out.
	formulas bool
	// arrays are the cells of each sheet that hold array formulas.
	arrays map[string][]string
	// deflater deflates the rows of the sheets as they are written, and
	// parts holds them by sheet name until the workbook is assembled.
	deflater *deflater
	parts    map[string]*deflatedPart
}

func newBook(e *core.Ecosystem, opt Options) (*book, error) {
	b := &book{e: e, opt: opt, f: excelize.NewFile(), arrays: map[string][]string{},
		deflater: newDeflater(), parts: map[string]*deflatedPart{}}
	b.ev = Evaluate(e, opt.Evaluation)
	b.cols = LayoutPartnerColumns(e)
	b.rows = max(1, len(e.Partners))
	var err error
	if b.st, err = newStyles(b.f); err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

// Evaluate returns ev when it is e's evaluation with its confidence, else
// works it out: what a writer of the partner table needs.
func Evaluate(e *core.Ecosystem, ev *core.Evaluation) core.Evaluation {
	if ev != nil && len(ev.Results) == len(e.Partners) && len(ev.Confidence) == len(e.Partners) {
		return *ev
	}
	out := e.Evaluate()
	out.Confidence = e.TierConfidence()
	return out
}

// prepare creates the sheets in order and adds what must exist before a
// sheet is streamed: data validations and charts.
func (b *book) prepare() error {
	if err := b.f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	for _, s := range b.sheets() {
		if _, err := b.f.NewSheet(s); err != nil {
			return err
		}
	}
	b.f.SetActiveSheet(0)
	// Hide About now: SetSheetVisible reads every worksheet, which would
	// parse the streamed sheets back into memory if it ran after them.
	if err := b.f.SetSheetVisible(SheetAbout, false); err != nil {
		return err
	}
	// Ask every spreadsheet to recalculate on opening: the cached values are
	// core's, but a tool that edits cells without recalculating (a script,
	// excelize itself) leaves them stale, and LibreOffice otherwise trusts
	// them.
	if err := b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: boolPtr(true)}); err != nil {
		return err
	}
	return b.partnerValidations()
}

// sheets are the sheets created first, in order; the sheets of history and
// account mapping follow them.
func (b *book) sheets() []string {
	out := []string{SheetPartners, SheetScorecard, SheetPlan, SheetPlays, SheetMaturity}
	if db := b.e.Deals; db != nil {
		out = append(out, SheetMeasurement)
		if b.dealRows() {
			out = append(out, SheetDeals)
		}
		if len(db.Revenue) > 0 {
			out = append(out, SheetRevenue)
		}
	}
	return append(out, SheetAbout)
}

// dealRows says the Deals sheet is written: there are deals, the user did
// not leave them out and they fit a sheet.
func (b *book) dealRows() bool {
	db := b.e.Deals
	return db != nil && len(db.Deals) > 0 && !db.LeaveDealsOut && dealRowsFit(len(db.Deals))
}

// writeDealBook writes the sheets of deals: Measurement, Deals and Account
// revenue.
func (b *book) writeDealBook() error {
	db := b.e.Deals
	if db == nil {
		return nil
	}
	m := b.opt.Impact
	if m == nil || len(m.Attributions) != len(db.Deals) {
		m = b.e.Measure(b.ev, b.opt.Today)
	}
	b.formulas = b.dealRows()
	influencers := 0
	if m != nil {
		for _, at := range m.Attributions {
			n := len(at.Credits)
			if n > 0 && at.Credits[0].Sourced {
				n--
			}
			influencers = max(influencers, n)
		}
	}
	l := newDealLayout(influencers, len(db.Deals))
	stages, outcome := stageOutcomes(db.Deals)
	if b.formulas {
		if err := b.writeDeals(m, l, outcome); err != nil {
			return err
		}
	}
	if err := b.writeMeasurement(m, l, stages, outcome); err != nil {
		return err
	}
	if len(db.Revenue) > 0 {
		return b.writeRevenue()
	}
	return nil
}

// col returns the letter of the 0-based column i.
func col(i int) string { return importers.ColumnLetter(i) }

func cell(c, r int) string { return fmt.Sprintf("%s%d", col(c), r) }

// streamSheet writes a sheet row by row. excelize's stream writer writes
// what surrounds the rows (columns, panes, tables, drawings) and the first
// rows; the body of a big sheet, from the row after its table's header on
// (excelize reads that header back to name the table's columns), is written
// by the row encoder and deflated as it comes; assemble puts them together.
type streamSheet struct {
	sw   *excelize.StreamWriter
	row  int
	name string
	b    *book
	// body says the rows go to the row encoder.
	body bool
	enc  rowEncoder
	part *deflatedPart
}

func (b *book) stream(sheet string, widths ...float64) (*streamSheet, error) {
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	// excelize puts each new column before the ones set already; going
	// from the right keeps <col> elements ascending, as Excel requires.
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return nil, err
		}
	}
	s := &streamSheet{sw: sw, name: sheet, b: b, part: &deflatedPart{}}
	return s, nil
}

// freeze keeps the header row in view as the sheet scrolls down and, with
// firstColumn, the first column as it scrolls right, so that a partner's or
// a deal's name stays beside its figures.
func (s *streamSheet) freeze(firstColumn bool) error {
	if !firstColumn {
		return s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	return s.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}})
}

// startBody sends the rows from here on to the row encoder: the body of a
// sheet that may hold a row for each partner, deal or problem.
func (s *streamSheet) startBody() {
	s.body = true
	s.enc.buf = s.b.deflater.buffer()
}

// titled opens sheet for streaming, with its title and a note on what it
// holds: the two rows most sheets of the workbook start with.
func (b *book) titled(sheet, title, note string, widths ...float64) (*streamSheet, error) {
	s, err := b.stream(sheet, widths...)
	if err != nil {
		return nil, err
	}
	return s, s.addAll([][]any{{styled(b.st.title, title)}, {styled(b.st.note, note)}})
}

// add writes the next row, from column A.
func (s *streamSheet) add(cells ...any) error {
	s.row++
	if !s.body {
		return s.sw.SetRow(cell(0, s.row), cells)
	}
	if err := s.enc.row(s.row, cells); err != nil {
		return fmt.Errorf("sheet %s, row %d: %w", s.name, s.row, err)
	}
	if len(s.enc.buf) >= chunkSize {
		s.b.deflater.add(s.part, s.enc.buf)
		s.enc.buf = s.b.deflater.buffer()
	}
	return nil
}

// flush ends the sheet.
func (s *streamSheet) flush() error {
	if s.body {
		s.b.deflater.add(s.part, s.enc.buf)
		s.enc.buf = nil
		s.b.parts[s.name] = s.part
	}
	return s.sw.Flush()
}

// addAll writes rows prepared in memory.
func (s *streamSheet) addAll(rows [][]any) error {
	for _, r := range rows {
		if err := s.add(r...); err != nil {
			return err
		}
	}
	return nil
}

// styled is a cell with a style.
func styled(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// text returns a string cell, or nil (no cell) for "".
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func abs(sheet, column string, row int) string {
	return fmt.Sprintf("%s!$%s$%d", quoteSheet(sheet), column, row)
}

func quoteSheet(s string) string {
	if strings.ContainsAny(s, " -'") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

func boolPtr(b bool) *bool { return &b }

// headerCells is a header row of cells in style.
func headerCells(style int, labels []string) []any {
	out := make([]any, len(labels))
	for i, l := range labels {
		out[i] = styled(style, l)
	}
	return out
}
