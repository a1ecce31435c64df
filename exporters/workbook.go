package exporters

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// Options tunes an export.
type Options struct {
	// Today dates the export and decides whether the review is overdue on
	// the Summary sheet; zero means time.Now().
	Today time.Time
}

// SaveWorkbook writes the plan workbook to path atomically: a temporary file
// in the same folder is written, synced and renamed over path, so a failed
// save leaves the old file as it was.
func SaveWorkbook(path string, e *core.Ecosystem, opt Options) error {
	return saveAtomic(path, func(w io.Writer) error { return WriteWorkbook(w, e, opt) })
}

// WriteWorkbook writes the plan workbook of e to w.
func WriteWorkbook(w io.Writer, e *core.Ecosystem, opt Options) error {
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	b, err := newBook(e, opt)
	if err != nil {
		return err
	}
	defer b.f.Close()
	for _, step := range []func() error{
		b.prepare, b.writeSummary, b.writePartners, b.writeScorecard,
		b.writePlan, b.writePlays, b.writeMaturity, b.writeAbout,
		b.writeHistory, b.writeOverlap,
	} {
		if err := step(); err != nil {
			return fmt.Errorf("write workbook: %w", err)
		}
	}
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := writeFixed(w, buf.Bytes()); err != nil {
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
	conf []float64
	cols partnerColumns
	// rows is the number of data rows of the Partners table (at least 1, as
	// a table needs a row below its header).
	rows int
}

func newBook(e *core.Ecosystem, opt Options) (*book, error) {
	b := &book{e: e, opt: opt, f: excelize.NewFile()}
	b.ev = e.Evaluate()
	b.conf = e.TierConfidence()
	b.cols = layoutPartnerColumns(e)
	b.rows = max(1, len(e.Partners))
	var err error
	if b.st, err = newStyles(b.f); err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

// prepare creates the sheets in order and adds what must exist before a
// sheet is streamed: data validations and charts.
func (b *book) prepare() error {
	if err := b.f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	for _, s := range []string{SheetPartners, SheetScorecard, SheetPlan, SheetPlays, SheetMaturity, SheetAbout} {
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

// col returns the letter of the 0-based column i.
func col(i int) string {
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

func cell(c, r int) string { return fmt.Sprintf("%s%d", col(c), r) }

// streamSheet writes a sheet row by row.
type streamSheet struct {
	sw  *excelize.StreamWriter
	row int
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
	return &streamSheet{sw: sw}, nil
}

// add writes the next row, from column A.
func (s *streamSheet) add(cells ...any) error {
	s.row++
	return s.sw.SetRow(cell(0, s.row), cells)
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

// --- Scorecard -------------------------------------------------------------

// The Scorecard sheet's layout: the criteria table's header on row 4, its
// rows from row 5, columns Key, Criterion, Description, Weight, Share, Min,
// Max; below it a Total row, a blank row, the "Tier thresholds" heading, a
// header row and one row per tier with its minimum score in column B.
const (
	scHeaderRow = 4
	scFirstRow  = 5
	scWeightCol = "D"
	scMinCol    = "F"
	scMaxCol    = "G"
)

func (b *book) criterionRow(i int) int { return scFirstRow + i }
func (b *book) lastCriterionRow() int  { return scFirstRow + max(len(b.e.Scorecard.Criteria), 1) - 1 }

// thresholdRow is the Scorecard row holding the minimum score of tier t.
func (b *book) thresholdRow(t core.Tier) int {
	return b.lastCriterionRow() + 5 + t.Rank()
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

func (b *book) writeScorecard() error {
	s, err := b.stream(SheetScorecard, 22, 24, 70, 10, 10, 8, 8)
	if err != nil {
		return err
	}
	st := b.st
	sc := b.e.Scorecard
	first, last := scFirstRow, b.lastCriterionRow()
	sum := fmt.Sprintf("SUM($%s$%d:$%s$%d)", scWeightCol, first, scWeightCol, last)
	rows := [][]any{
		{styled(st.title, "Scorecard")},
		{styled(st.note, "Edit a weight, a scale or a threshold here: every score and tier on the Partners sheet follows when the workbook recalculates.")},
		nil,
		{styled(st.header, "Key"), styled(st.header, "Criterion"), styled(st.header, "Description"),
			styled(st.header, "Weight"), styled(st.header, "Share"), styled(st.header, "Min"), styled(st.header, "Max")},
	}
	total := sc.TotalWeight()
	for i, c := range sc.Criteria {
		r := b.criterionRow(i)
		share := 0.0
		if total > 0 {
			share = c.Weight / total
		}
		rows = append(rows, []any{c.Key, c.Name, styled(st.wrap, text(c.Description)), c.Weight,
			excelize.Cell{StyleID: st.share, Formula: fmt.Sprintf("IF(%s>0,%s%d/%s,0)", sum, scWeightCol, r, sum), Value: share},
			c.Min, c.Max})
	}
	if len(sc.Criteria) == 0 {
		rows = append(rows, nil)
	}
	rows = append(rows,
		[]any{nil, styled(st.label, "Total"), nil, excelize.Cell{StyleID: st.label, Formula: sum, Value: total}},
		nil,
		[]any{styled(st.section, "Tier thresholds")},
		[]any{styled(st.header, "Tier"), styled(st.header, "Minimum score"), styled(st.header, "Meaning")},
	)
	for _, t := range core.Tiers {
		var min any = b.e.Thresholds.Of(t)
		if t == core.Monitor {
			min = styled(st.note, "below Tier 3")
		}
		rows = append(rows, []any{styled(st.tierCell[t], string(t)), min, t.Description()})
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	return s.sw.Flush()
}

// --- Partners --------------------------------------------------------------

// scoreFormula is the live formula of the Score cell of row r, core's score
// step by step: each criterion's value (a blank or text counting as the
// minimum) clamped to its scale, normalised to 0–1, times its weight; the
// terms summed; times 100, divided by the sum of the weights, rounded to two
// decimals:
//
//	ROUND(100*SUM((MAX(min,MIN(max,IF(ISNUMBER(v),v,min)))-min)/(max-min)*w, …)/SUM(weights),2)
//
// Each term is its own SUM argument and starts with its function call: the
// shape excelize's calculator evaluates correctly (it mis-evaluates a
// function call that follows an operator inside parentheses, see
// qax-os/excelize#2084), and the one whose floating-point steps match core's.
func (b *book) scoreFormula(r int) string {
	crit := b.e.Scorecard.Criteria
	if len(crit) == 0 {
		return "0"
	}
	terms := make([]string, len(crit))
	for i := range crit {
		cr := b.criterionRow(i)
		w := abs(SheetScorecard, scWeightCol, cr)
		lo := abs(SheetScorecard, scMinCol, cr)
		hi := abs(SheetScorecard, scMaxCol, cr)
		v := cell(b.cols.criteria+i, r)
		terms[i] = fmt.Sprintf("(MAX(%s,MIN(%s,IF(ISNUMBER(%s),%s,%s)))-%s)/(%s-%s)*%s", lo, hi, v, v, lo, lo, hi, lo, w)
	}
	sum := fmt.Sprintf("SUM(%s:$%s$%d)", abs(SheetScorecard, scWeightCol, scFirstRow), scWeightCol, b.lastCriterionRow())
	return fmt.Sprintf("ROUND(100*SUM(%s)/%s,2)", strings.Join(terms, ","), sum)
}

// tierFormula is the live formula of the Tier cell of row r: the override
// when there is one, else the highest tier whose threshold the score reaches.
// LEN(override)>0 rather than override<>"": excelize's calculator does not
// see a blank cell as equal to "".
func (b *book) tierFormula(r int) string {
	score := cell(b.cols.index(colScore), r)
	ov := cell(b.cols.index(colOverride), r)
	th := func(t core.Tier) string { return abs(SheetScorecard, "B", b.thresholdRow(t)) }
	return fmt.Sprintf(`IF(LEN(%s)>0,%s,IF(%s>=%s,"Tier 1",IF(%s>=%s,"Tier 2",IF(%s>=%s,"Tier 3","Monitor"))))`,
		ov, ov, score, th(core.Tier1), score, th(core.Tier2), score, th(core.Tier3))
}

func (b *book) partnerValidations() error {
	last := b.rows + 1
	list := func(column int, items []string, strict bool) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col(column), col(column), last)
		if err := dv.SetDropList(items); err != nil {
			return err
		}
		if strict {
			dv.SetError(excelize.DataValidationErrorStyleStop, "Not in the list", "Pick a value from the list.")
		} else {
			dv.ShowErrorMessage = false
		}
		return b.f.AddDataValidation(SheetPartners, dv)
	}
	if err := list(b.cols.index(colPrimary), roleLabels(), true); err != nil {
		return err
	}
	if err := list(b.cols.index(colOverride), tierLabels(), true); err != nil {
		return err
	}
	if err := list(b.cols.index(colFormal), []string{"Yes", "No"}, true); err != nil {
		return err
	}
	// The rated stage accepts what the list offers and also "3" or
	// "Strategic" typed by hand, so its list does not reject other input.
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("E%d:E%d", matHeaderRow+1, matHeaderRow+len(core.Dimensions))
	stages := make([]string, len(core.Stages))
	for i, s := range core.Stages {
		stages[i] = s.String()
	}
	if err := dv.SetDropList(stages); err != nil {
		return err
	}
	dv.ShowErrorMessage = false
	return b.f.AddDataValidation(SheetMaturity, dv)
}

func (b *book) writePartners() error {
	pc := b.cols
	widths := make([]float64, len(pc.headers))
	for i, h := range pc.headers {
		widths[i] = max(10, min(40, float64(len([]rune(h)))+4))
	}
	for h, w := range map[string]float64{colPartner: 28, colWebsite: 26, colDomain: 20, colPrimary: 14, colOtherRoles: 18,
		colFormal: 10, colOwner: 16, colRegion: 12, colSources: 40, colScore: 9, colTier: 10, colOverride: 13, colReason: 30,
		colConfidence: 12, colRank: 7} {
		if i := pc.index(h); i >= 0 {
			widths[i] = w
		}
	}
	s, err := b.stream(SheetPartners, widths...)
	if err != nil {
		return err
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	head := make([]any, len(pc.headers))
	for i, h := range pc.headers {
		head[i] = h
	}
	if err := s.add(head...); err != nil {
		return err
	}
	iScore, iTier := pc.index(colScore), pc.index(colTier)
	row := make([]any, len(pc.headers))
	for i, p := range b.e.Partners {
		r := i + 2
		res := b.ev.Results[i]
		clear(row)
		row[0] = text(p.Name)
		row[1] = text(p.Website)
		row[2] = text(p.Domain)
		row[3] = text(p.PrimaryRole().Label())
		row[4] = text(core.FormatRoles(p.OtherRoles()))
		row[5] = yesNo(p.Formal)
		row[6] = text(p.Owner)
		row[7] = text(p.Region)
		row[8] = text(sourcesText(p.Sources))
		for j, c := range b.e.Scorecard.Criteria {
			if v, ok := p.Values[c.Key]; ok {
				row[pc.criteria+j] = v
			}
		}
		row[iScore] = excelize.Cell{StyleID: b.st.score, Formula: b.scoreFormula(r), Value: res.Score}
		row[iTier] = excelize.Cell{Formula: b.tierFormula(r), Value: string(res.Tier)}
		row[iTier+1] = text(string(p.Override))
		row[iTier+2] = text(p.OverrideReason)
		row[iTier+3] = excelize.Cell{StyleID: b.st.percent, Value: b.conf[i]}
		row[iTier+4] = res.Rank
		for j, h := range pc.extraCols {
			if v, ok := p.Extra(h); ok {
				row[pc.extras+j] = text(v)
			}
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	if len(b.e.Partners) == 0 {
		if err := s.add(); err != nil {
			return err
		}
	}
	err = s.sw.AddTable(&excelize.Table{
		Range:          fmt.Sprintf("A1:%s", cell(len(pc.headers)-1, b.rows+1)),
		Name:           "Partners",
		StyleName:      "TableStyleMedium2",
		ShowRowStripes: boolPtr(true),
	})
	if err != nil {
		return err
	}
	return s.sw.Flush()
}

func boolPtr(b bool) *bool { return &b }

// partnersColumn is a whole column of the Partners sheet, for COUNTIFS.
func (b *book) partnersColumn(header string) string {
	c := col(b.cols.index(header))
	return fmt.Sprintf("%s!$%s:$%s", SheetPartners, c, c)
}

// --- Tiered plan -----------------------------------------------------------

func (b *book) writePlan() error {
	s, err := b.stream(SheetPlan, 36, 16, 40, 24, 34, 34)
	if err != nil {
		return err
	}
	st := b.st
	if err := s.addAll([][]any{
		{styled(st.title, "Tiered plan")},
		{styled(st.note, "For each tier and segment: its partners and the plays that run for them. Tiers are those at export; edit plays on the Plays sheet.")},
	}); err != nil {
		return err
	}
	type key struct {
		t core.Tier
		r core.Role
	}
	groups := map[key][]int{}
	for i, p := range b.e.Partners {
		k := key{b.ev.Results[i].Tier, p.PrimaryRole()}
		groups[k] = append(groups[k], i)
	}
	roles := append(append([]core.Role(nil), core.Roles...), "")
	for _, t := range core.Tiers {
		for _, r := range roles {
			idx := groups[key{t, r}]
			if len(idx) == 0 {
				continue
			}
			sort.SliceStable(idx, func(a, c int) bool { return b.ev.Results[idx[a]].Score > b.ev.Results[idx[c]].Score })
			seg := r.Label()
			if r == "" {
				seg = "No role yet"
			}
			n := fmt.Sprintf("%d partners", len(idx))
			if len(idx) == 1 {
				n = "1 partner"
			}
			blk := st.tierBlock[t]
			if err := s.addAll([][]any{
				nil,
				{styled(blk, fmt.Sprintf("%s · %s", t, seg)), styled(blk, n), styled(blk, t.Description()), styled(blk, nil), styled(blk, nil), styled(blk, nil)},
				{styled(st.header, "Partner"), styled(st.header, "Score"), styled(st.header, "Owner"), styled(st.header, "Region")},
			}); err != nil {
				return err
			}
			for _, i := range idx {
				p := b.e.Partners[i]
				if err := s.add(text(p.Name), styled(st.score, b.ev.Results[i].Score), text(p.Owner), text(p.Region)); err != nil {
					return err
				}
			}
			if err := s.add(styled(st.header, "Play"), styled(st.header, "Type"), styled(st.header, "Owner"),
				styled(st.header, "Cadence"), styled(st.header, "KPI")); err != nil {
				return err
			}
			plays := core.PlaysFor(b.e.Plays, r, t)
			if len(plays) == 0 {
				if err := s.add(styled(st.note, "No plays for this segment and tier yet: add them on the Plays sheet.")); err != nil {
					return err
				}
			}
			for _, pl := range plays {
				if err := s.add(styled(st.wrap, pl.Name), string(pl.Type), text(pl.Owner), text(pl.Cadence), styled(st.wrap, text(pl.KPI))); err != nil {
					return err
				}
			}
		}
	}
	return s.sw.Flush()
}

// --- Plays -----------------------------------------------------------------

func (b *book) writePlays() error {
	s, err := b.stream(SheetPlays, 14, 10, 14, 50, 22, 22, 40)
	if err != nil {
		return err
	}
	if err := s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := s.add("Segment", "Tier", "Type", "Play", "Owner", "Cadence", "KPI"); err != nil {
		return err
	}
	for _, p := range b.e.Plays {
		if err := s.add(text(p.Role.Label()), text(string(p.Tier)), text(string(p.Type)), text(p.Name),
			text(p.Owner), text(p.Cadence), text(p.KPI)); err != nil {
			return err
		}
	}
	if len(b.e.Plays) == 0 {
		if err := s.add(); err != nil {
			return err
		}
	}
	if err := s.sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:G%d", max(1, len(b.e.Plays))+1),
		Name: "Plays", StyleName: "TableStyleMedium2", ShowRowStripes: boolPtr(true)}); err != nil {
		return err
	}
	return s.sw.Flush()
}

// --- Maturity matrix -------------------------------------------------------

// matHeaderRow is the header row of the maturity matrix; the five dimensions
// follow it.
const matHeaderRow = 4

func (b *book) writeMaturity() error {
	s, err := b.stream(SheetMaturity, 20, 40, 40, 40, 22, 22, 50, 50)
	if err != nil {
		return err
	}
	st := b.st
	rows := [][]any{
		{styled(st.title, "Maturity matrix")},
		{styled(st.note, "The framed cell of each row is the stage held: your rating, else the stage the data supports. Type a stage (1, 2, 3 or its name) under Rated stage to rate a dimension.")},
		nil,
	}
	head := []any{styled(st.header, "Dimension")}
	for _, stg := range core.Stages {
		head = append(head, styled(st.header, stg.String()))
	}
	head = append(head, styled(st.header, "Rated stage"), styled(st.header, "Proposed stage"), styled(st.header, "Evidence"), styled(st.header, "Next step"))
	rows = append(rows, head)
	for _, a := range b.e.AssessMaturity(b.ev) {
		row := []any{styled(st.label, string(a.Dimension))}
		for _, stg := range core.Stages {
			style := st.wrap
			if stg == a.Held() {
				style = st.held
			}
			row = append(row, styled(style, a.Dimension.StageText(stg)))
		}
		var rated any
		if a.Rated.Valid() {
			rated = a.Rated.String()
		}
		row = append(row, styled(st.wrap, rated), styled(st.wrap, a.Proposed.String()), styled(st.wrap, a.Evidence), styled(st.wrap, a.NextStep))
		rows = append(rows, row)
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	return s.sw.Flush()
}

// --- About -----------------------------------------------------------------

// writeAbout writes the hidden sheet by which the app recognises its own
// workbook. A sheet survives Excel, LibreOffice and Google Sheets, where
// custom document properties and defined names are not always kept.
func (b *book) writeAbout() error {
	s, err := b.stream(SheetAbout, 24, 60)
	if err != nil {
		return err
	}
	if err := s.addAll([][]any{
		{Marker},
		{"Format version", FormatVersion},
		{"Ecosystem", b.e.Name},
		{"Exported", styled(b.st.date, core.Date(b.opt.Today))},
		nil,
		{"Partner Atlas reads this sheet to recognise and reopen the workbook. Please leave it in place."},
	}); err != nil {
		return err
	}
	return s.sw.Flush()
}
