package planbook

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/exporters/planbook/planbooktest"
	"partneratlas/importers"
)

// dealEcosystem is the sample with its deal book.
func dealEcosystem() *core.Ecosystem {
	return planbooktest.WithDeals(planbooktest.Ecosystem(testToday))
}

// figureKey names a row of figures on the Measurement sheet: its section
// and its first cell.
type figureKey struct{ section, label string }

// measurementCells reads the rows of figures of a Measurement sheet, by
// section and label, as raw cell text from the second column on.
func measurementCells(t *testing.T, f *excelize.File) map[figureKey][]string {
	t.Helper()
	rows, err := f.GetRows(SheetMeasurement, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{"Totals": true, "By tier": true, "By role (primary role)": true, "Per partner": true,
		"Revenue per quarter": true, "Partners against the baseline": true, "Does the scorecard predict what partners bring?": true}
	out := map[figureKey][]string{}
	section := ""
	for _, r := range rows {
		if len(r) == 0 || r[0] == "" {
			continue
		}
		if sections[r[0]] {
			section = r[0]
			continue
		}
		if section != "" {
			out[figureKey{section, r[0]}] = r[1:]
		}
	}
	return out
}

// wantFigures is what core says a row of figures holds, NaN for a blank.
func wantFigures(f core.Figures) []float64 {
	return []float64{float64(f.Deals), float64(f.Won), float64(f.Lost), float64(f.Open), f.Pipeline, f.Revenue,
		f.WinRate, f.MedianCycleDays, f.AverageWonDeal, f.ACV}
}

// expectedRows are the rows of figures core's impact m says the sheet
// holds, by section and label.
func expectedRows(e *core.Ecosystem, ev core.Evaluation, m *core.Impact) map[figureKey][]float64 {
	out := map[figureKey][]float64{
		{"Totals", "All deals"}:                          wantFigures(m.All),
		{"Totals", "Sourced"}:                            wantFigures(m.Sourced),
		{"Totals", "Influenced only"}:                    wantFigures(m.InfluencedOnly),
		{"Totals", "No partner"}:                         wantFigures(m.NoPartner),
		{"Partners against the baseline", "Attach rate"}: {m.AttachRate},
		{"Partners against the baseline", "Win rate with partners ÷ without"}:                         {m.Lift.WinRate},
		{"Partners against the baseline", "Won deal size with partners ÷ without"}:                    {m.Lift.DealSize},
		{"Partners against the baseline", "Days shorter with partners"}:                               {m.Lift.CycleDays},
		{"Does the scorecard predict what partners bring?", "Rank correlation of score with revenue"}: {m.Backtest.RankCorrelation},
	}
	twofold := func(tf *core.Twofold) []float64 {
		if tf == nil {
			tf = &core.Twofold{}
			tf.Sourced.WinRate, tf.Sourced.MedianCycleDays, tf.Sourced.AverageWonDeal, tf.Sourced.ACV = math.NaN(), math.NaN(), math.NaN(), math.NaN()
			tf.Influenced = tf.Sourced
		}
		return append(wantFigures(tf.Sourced), wantFigures(tf.Influenced)...)
	}
	for _, t := range core.Tiers {
		y := m.Backtest.Tiers[t]
		out[figureKey{"By tier", string(t)}] = append(twofold(m.Tiers[t]), y.Revenue, y.WinRate)
	}
	for _, r := range core.Roles {
		out[figureKey{"By role (primary role)", r.Label()}] = twofold(m.Roles[r])
	}
	// The ranks RANK.AVG gives, ties sharing their average rank, worked
	// out here by counting.
	scores, revenue := make([]float64, len(e.Partners)), make([]float64, len(e.Partners))
	for i := range e.Partners {
		scores[i] = ev.Results[i].Score
		revenue[i] = m.Partners[i].Sourced.Revenue + m.Partners[i].Influenced.Revenue
	}
	scoreRanks, revenueRanks := countedRanks(scores), countedRanks(revenue)
	for i, p := range e.Partners {
		row := []float64{ev.Results[i].Score}
		tf := m.Partners[i]
		row = append(row, twofold(&tf)...)
		out[figureKey{"Per partner", p.Name}] = append(row, tf.Sourced.Revenue+tf.Influenced.Revenue, scoreRanks[i], revenueRanks[i])
	}
	for _, q := range m.Quarters {
		out[figureKey{"Revenue per quarter", q.Label}] = []float64{q.Sourced, q.InfluencedOnly, q.NoPartner}
	}
	return out
}

// countedRanks ranks each value from 1, ascending, ties their average
// rank: the number below it plus the middle of those equal to it.
func countedRanks(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		below, same := 0, 0
		for _, y := range v {
			if y < x {
				below++
			} else if y == x {
				same++
			}
		}
		out[i] = float64(below) + float64(same+1)/2
	}
	return out
}

// checkFigures compares a Measurement sheet with core's figures: every
// number within a billionth (spreadsheets add in their own order), every
// NaN a blank.
func checkFigures(t *testing.T, who string, got map[figureKey][]string, want map[figureKey][]float64) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: no row %s / %s", who, k.section, k.label)
			continue
		}
		offset := 0
		if k.section == "Per partner" {
			offset = 2 // role and tier come before the score
		}
		for i, x := range w {
			cell := ""
			if offset+i < len(g) {
				cell = g[offset+i]
			}
			if math.IsNaN(x) {
				if cell != "" {
					t.Errorf("%s: %s / %s figure %d = %q, want blank", who, k.section, k.label, i+1, cell)
				}
				continue
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil || math.Abs(v-x) > 1e-9*math.Max(1, math.Abs(x)) {
				t.Errorf("%s: %s / %s figure %d = %q, want %v", who, k.section, k.label, i+1, cell, x)
			}
		}
	}
}

// TestMeasurementCachedValues checks the values the workbook caches for
// its formulas (what a reader that does not recalculate shows) against
// core, for each credit model.
func TestMeasurementCachedValues(t *testing.T) {
	for _, model := range core.CreditModels {
		t.Run(model.String(), func(t *testing.T) {
			e := dealEcosystem()
			e.Deals.Model = model
			_, f := export(t, e)
			ev := e.Evaluate()
			checkFigures(t, "cached", measurementCells(t, f), expectedRows(e, ev, e.Measure(ev, testToday)))
		})
	}
}

// TestDealsRoundTrip exports the deal book, reopens it and finds the same
// rules, window, fixes and figures; a second export writes the same Deals
// and Measurement sheets.
func TestDealsRoundTrip(t *testing.T) {
	want := dealEcosystem()
	want.Deals.Model = core.ExportShares
	want.Deals.Revenue = []core.AccountRevenue{
		{Account: "Account 01", Date: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), ARR: 100_000},
		{Account: "Account 01", Date: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), ARR: 120_000},
		{Account: "Account 07", Date: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), ARR: 50_000},
		{Website: "account08.example.com", Date: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), ARR: 20_000},
	}
	want.SetRevenueFromDeals(true, testToday)
	want.UseTypedRevenue(want.Partners[0].Name, true, testToday)
	first, _ := export(t, want)
	got := reopenData(t, first)
	gb, wb := got.Deals, want.Deals
	if gb == nil {
		t.Fatal("no deal book after reopening")
	}
	if gb.Model != wb.Model || gb.Window != wb.Window || !reflect.DeepEqual(gb.Aliases, wb.Aliases) ||
		!reflect.DeepEqual(gb.Files, wb.Files) || gb.RevenueFromDeals != wb.RevenueFromDeals {
		t.Errorf("rules: got model %v window %+v aliases %v files %q revenue from deals %v\nwant model %v window %+v aliases %v files %q revenue from deals %v",
			gb.Model, gb.Window, gb.Aliases, gb.Files, gb.RevenueFromDeals, wb.Model, wb.Window, wb.Aliases, wb.Files, wb.RevenueFromDeals)
	}
	if !reflect.DeepEqual(gb.RevenuePotential, wb.RevenuePotential) {
		t.Errorf("revenue potential: got %+v, want %+v", gb.RevenuePotential, wb.RevenuePotential)
	}
	if !reflect.DeepEqual(gb.Revenue, wb.Revenue) {
		t.Errorf("account revenue: got %+v, want %+v", gb.Revenue, wb.Revenue)
	}
	if len(gb.Deals) != len(wb.Deals) {
		t.Fatalf("%d deals, want %d", len(gb.Deals), len(wb.Deals))
	}
	for i := range wb.Deals {
		g, w := gb.Deals[i], wb.Deals[i]
		if g.ID != w.ID || g.Name != w.Name || g.Account != w.Account || g.Website != w.Website || g.Stage != w.Stage ||
			g.Outcome != w.Outcome || !g.Created.Equal(w.Created) || !g.Closed.Equal(w.Closed) || g.Amount != w.Amount ||
			g.Currency != w.Currency || g.Type != w.Type || g.TermMonths != w.TermMonths || g.Source != w.Source {
			t.Errorf("deal %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	gev, wev := got.Evaluate(), want.Evaluate()
	gm, wm := got.Measure(gev, testToday), want.Measure(wev, testToday)
	if a, b := impactText(gm), impactText(wm); a != b {
		t.Errorf("the figures differ after reopening:\n got %s\nwant %s", a, b)
	}
	second, _ := export(t, got)
	for _, sheet := range []string{SheetDeals, SheetMeasurement, SheetRevenue} {
		r1, r2 := rowsOf(t, first, sheet), rowsOf(t, second, sheet)
		if !reflect.DeepEqual(r1, r2) {
			for i := range max(len(r1), len(r2)) {
				var a, b []string
				if i < len(r1) {
					a = r1[i]
				}
				if i < len(r2) {
					b = r2[i]
				}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("%s row %d differs between the exports:\n first %q\nsecond %q", sheet, i+1, a, b)
					break
				}
			}
		}
	}
}

// TestWindowRoundTrip: every kind of window reopens as it was saved, and
// without a problem: a blank date (a window open at that end) is blank, not
// the note written beside it ("Blank: from the first deal." was read as a
// date that could not be read).
func TestWindowRoundTrip(t *testing.T) {
	since, until := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		window core.Window
	}{
		{"all deals", core.Window{Kind: core.AllTime}},
		{"this year", core.Window{Kind: core.ThisYear}},
		{"last 12 months", core.Window{Kind: core.Last12Months}},
		{"custom", core.Window{Kind: core.Custom, Since: since, Until: until}},
		{"custom from a date on", core.Window{Kind: core.Custom, Since: since}},
		{"custom up to a date", core.Window{Kind: core.Custom, Until: until}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := dealEcosystem()
			e.Deals.Window = tt.window
			data, _ := export(t, e)
			got := reopenData(t, data) // fails on any problem
			if got.Deals == nil || got.Deals.Window != tt.window {
				t.Errorf("the window reopens as %+v, want %+v", got.Deals, tt.window)
			}
		})
	}
}

// impactText writes what the figures of an impact say, pointers followed
// and NaN as text, to compare two impacts.
func impactText(m *core.Impact) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%+v %+v %+v %+v\n", m.All, m.Sourced, m.InfluencedOnly, m.NoPartner)
	fmt.Fprintf(&b, "%+v\n", m.Partners)
	for _, r := range append(append([]core.Role(nil), core.Roles...), "") {
		if tf := m.Roles[r]; tf != nil {
			fmt.Fprintf(&b, "role %s %+v\n", r, *tf)
		}
	}
	for _, t := range core.Tiers {
		if tf := m.Tiers[t]; tf != nil {
			fmt.Fprintf(&b, "tier %s %+v\n", t, *tf)
		}
	}
	fmt.Fprintf(&b, "%v %+v %+v %+v %+v %+v %d %d %d %d", m.AttachRate, m.Lift, m.Retention, m.Quarters, m.Unmatched, m.Backtest,
		m.Deals, m.Outside, m.Undated, m.NotSales)
	return b.String()
}

func reopenData(t *testing.T, data []byte) *core.Ecosystem {
	t.Helper()
	src, err := ReadData("plan.xlsx", data, importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if src.Plan == nil {
		t.Fatal("not read as a plan workbook")
	}
	for _, p := range src.Problems {
		t.Errorf("problem: %v", p)
	}
	return src.Plan
}

func rowsOf(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	return planbooktest.Rows(t, data, sheet)
}

// TestLeaveDealsOut: with the deal rows left out the workbook has no Deals
// sheet, its figures are core's values, and reopening keeps the rules but
// no deals.
func TestLeaveDealsOut(t *testing.T) {
	e := dealEcosystem()
	e.Deals.LeaveDealsOut = true
	data, f := export(t, e)
	if idx, _ := f.GetSheetIndex(SheetDeals); idx >= 0 {
		t.Error("the Deals sheet was written")
	}
	ev := e.Evaluate()
	checkFigures(t, "values", measurementCells(t, f), expectedRows(e, ev, e.Measure(ev, testToday)))
	for name, x := range zipFiles(t, data) {
		if strings.HasPrefix(name, "xl/worksheets/") && strings.Contains(x, dealsTable+"[") {
			t.Errorf("%s refers to the Deals table", name)
		}
	}
	got := reopenData(t, data)
	if got.Deals == nil || len(got.Deals.Deals) != 0 || !got.Deals.LeaveDealsOut || !reflect.DeepEqual(got.Deals.Aliases, e.Deals.Aliases) {
		t.Errorf("reopened deal book: %+v", got.Deals)
	}
	// Saved again, it keeps its rules.
	again := reopenData(t, mustExport(t, got))
	if again.Deals == nil || again.Deals.Window != e.Deals.Window || !again.Deals.LeaveDealsOut {
		t.Errorf("the rules of a deal book without deals were lost: %+v", again.Deals)
	}
}

func mustExport(t *testing.T, e *core.Ecosystem) []byte {
	t.Helper()
	data, _ := export(t, e)
	return data
}

// TestLibreOfficeRecalculatesMeasurement converts workbooks with deals with
// LibreOffice, recalculating every formula, after edits a user makes in a
// spreadsheet: another credit model, another window, a deal's partner and
// stage changed, a stage's outcome changed. LibreOffice's figures must be
// core's for the ecosystem edited the same way.
func TestLibreOfficeRecalculatesMeasurement(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	dir := t.TempDir()
	profile := recalculatingProfile(t, dir)
	base := dealEcosystem()
	// A partner whose name holds the characters COUNTIFS and MATCH read as
	// wildcards, with deals of its own.
	wild := &core.Partner{Name: "Who? *Star~ Partners", Roles: []core.Role{core.Channel}, Formal: true}
	wild.SetValue(core.SharedICP, 5)
	base.Partners = append(base.Partners, wild)
	base.Deals.Deals[0].Sourced, base.Deals.Deals[0].Influencers = wild.Name, nil
	base.Deals.Deals[2].Influencers = []string{wild.Name, "Who Star Partners"}
	row := func(e *core.Ecosystem, id string) int {
		for i, d := range e.Deals.Deals {
			if d.ID == id {
				return i
			}
		}
		t.Fatalf("no deal %s", id)
		return 0
	}
	tests := []struct {
		name string
		edit func(t *testing.T, f *excelize.File, e *core.Ecosystem)
	}{
		{"as exported", nil},
		{"split evenly", func(t *testing.T, f *excelize.File, e *core.Ecosystem) {
			setLabelled(t, f, ruleModel, core.SplitEvenly.String())
			e.Deals.Model = core.SplitEvenly
		}},
		{"the export's percentages and all deals", func(t *testing.T, f *excelize.File, e *core.Ecosystem) {
			setLabelled(t, f, ruleModel, core.ExportShares.String())
			setLabelled(t, f, ruleSince, "")
			setLabelled(t, f, ruleUntil, "")
			e.Deals.Model = core.ExportShares
			e.Deals.Window = core.Window{}
		}},
		{"a deal's partner and stage changed", func(t *testing.T, f *excelize.File, e *core.Ecosystem) {
			i := row(e, "S2")
			name := e.Partners[7].Name
			setDeal(t, f, i, dealSourcedBy, name)
			setDeal(t, f, i, dealStage, "Closed Lost")
			e.Deals.Deals[i].Sourced = name
			e.Deals.Deals[i].Stage, e.Deals.Deals[i].Outcome = "Closed Lost", core.Lost
		}},
		{"a stage's outcome changed", func(t *testing.T, f *excelize.File, e *core.Ecosystem) {
			rows, _ := f.GetRows(SheetMeasurement)
			h, _ := findLabels(rows, stageHeader, stageOutcome)
			for k, r := range rows[h+1:] {
				if len(r) > 0 && r[0] == "Negotiation/Review" {
					if err := f.SetCellValue(SheetMeasurement, fmt.Sprintf("B%d", h+k+2), "Won"); err != nil {
						t.Fatal(err)
					}
				}
			}
			for i := range e.Deals.Deals {
				if e.Deals.Deals[i].Stage == "Negotiation/Review" {
					e.Deals.Deals[i].Outcome = core.Won
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := base.Clone()
			data, f := export(t, e)
			src := filepath.Join(dir, strings.NewReplacer(" ", "_", "'", "").Replace(tc.name)+".xlsx")
			if tc.edit == nil {
				if err := os.WriteFile(src, data, 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				tc.edit(t, f, e)
				if err := f.SaveAs(src); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, "lo-"+filepath.Base(src))
			lo := resaveInLibreOffice(t, soffice, profile, src, out)
			ev := e.Evaluate()
			checkFigures(t, "LibreOffice", measurementCells(t, lo), expectedRows(e, ev, e.Measure(ev, testToday)))
			if tc.edit == nil {
				if n := countCharts(t, filepath.Join(out, filepath.Base(src))); n < 6 {
					t.Errorf("LibreOffice kept %d charts, want 6 (3 on the Summary, 3 on Measurement)", n)
				}
			}
		})
	}
}

// setLabelled sets the cell right of a Measurement rule's label.
func setLabelled(t *testing.T, f *excelize.File, label, value string) {
	t.Helper()
	rows, err := f.GetRows(SheetMeasurement)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			var v any = value
			if value == "" {
				v = nil
			}
			if err := f.SetCellValue(SheetMeasurement, fmt.Sprintf("B%d", i+1), v); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no rule %q", label)
}

// setDeal sets column h of the i-th deal on the Deals sheet.
func setDeal(t *testing.T, f *excelize.File, i int, h, value string) {
	t.Helper()
	head, err := f.GetRows(SheetDeals)
	if err != nil {
		t.Fatal(err)
	}
	for c, x := range head[0] {
		if x == h {
			if err := f.SetCellValue(SheetDeals, cell(c, i+2), value); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no column %q", h)
}
