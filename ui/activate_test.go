package ui

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/resources"
)

// salesforceExport is a Salesforce opportunity report of 12 deals over the
// sample's partners. By hand, row by row (all dates in 2026, closed deals
// by their close date, open ones by their creation date):
//
//	A1 3M             won  120,000  closed 20 Mar  sourced by Keystone Resellers
//	A2 A. O. Smith    won   45,000  closed 15 Apr  influenced by Cobalt CRM and Helix Consulting
//	A3 Abbott         won   30,000  closed 31 Mar  sourced by Brightline Data (written "Brightline Data Inc."), influenced by Cobalt CRM
//	A4 AbbVie         lost  60,000  closed 30 May  no partner
//	A5 Accenture      open  80,000  created 1 Jun  sourced by Helix Consulting
//	A6 Adobe          won   50,000  closed 25 Jan  no partner (a renewal)
//	A7 AMD            won   90,000  closed 11 May  no partner
//	A8 AES            open  25,000  created 1 Jul  sourced by "Bluewater Channel Partners Ltd", which matches no partner ("Stalled": unknown, open)
//	A9 Aflac          lost  15,000  closed 1 Apr   sourced by Keystone Resellers
//	B1 Agilent        open  (blank) created 1 Sep  influenced by CloudBazaar Marketplace
//	B2 Air Products   won   70,000  closed 1 Jun   sourced by Data Leaders Circle (lead source "Partner Referral", the one partner named)
//	B3 Airbnb         a downgrade: counted in retention only
const salesforceExport = "salesforce-opportunities.csv"

// newDealsWindow is the sample's partners with the deals of the Salesforce
// export instead of the sample's own, imported through the preview.
func newDealsWindow(t testing.TB) *MainWindow {
	t.Helper()
	w := newWindowWithoutDeals(t)
	wait(t, w.ImportDeals(filepath.Join("testdata", salesforceExport)))
	wait(t, tapImport(t, w))
	return w
}

// newWindowWithoutDeals is the sample without its deals.
func newWindowWithoutDeals(t testing.TB) *MainWindow {
	t.Helper()
	return newSampleWindow(t, func(doc *Document) { doc.Ecosystem.RemoveDeals(resources.SampleDealsFileName) })
}

func activate(w *MainWindow) *activateScreen { return w.screens[stepActivate].(*activateScreen) }

// partnerCell is what the Partners tab shows of a partner in a column.
func partnerCell(t testing.TB, w *MainWindow, partner, column string) string {
	t.Helper()
	pt := activate(w).partners.table
	row, col := pt.row(partnerIndex(t, w, partner)), pt.column(column)
	if row < 0 || col < 0 {
		t.Fatalf("no row for %s (%d) or no column %q (%d)", partner, row, column, col)
	}
	return pt.cellText(row, col)
}

func TestImportDealsThroughThePreview(t *testing.T) {
	w := newWindowWithoutDeals(t)
	w.Show(stepActivate)
	s := activate(w)
	if s.impactBody.Objects[0] != s.empty || !s.partnersTab.Disabled() || s.controls.Visible() {
		t.Fatal("without deals the Impact tab does not show the empty state, or the deal tabs are open")
	}
	findButton(t, s.empty, "Import deals…")

	wait(t, w.ImportDeals(filepath.Join("testdata", salesforceExport)))
	p := w.preview
	if p == nil || !p.open || !p.deals {
		t.Fatal("no deal preview")
	}
	if n := len(p.dealRes.Deals); n != 12 {
		t.Errorf("the preview read %d deals, want 12", n)
	}
	if got, want := p.selects[11].Selected, dealFieldLabels["sourced by"]; got != want {
		t.Errorf("column L (Primary Partner) maps to %q, want %q", got, want)
	}
	for _, want := range []string{`"Stalled"`, "no amount"} {
		if !strings.Contains(p.problems.Text, want) {
			t.Errorf("problems = %q, want them to name %s", p.problems.Text, want)
		}
	}
	if p.importOK.Text != "Import 12 deals" {
		t.Errorf("import button = %q", p.importOK.Text)
	}
	wait(t, tapImport(t, w))

	e := w.doc.Ecosystem
	if w.current != stepActivate || !w.doc.Unsaved || !slices.Equal(e.Deals.Files, []string{salesforceExport}) || len(e.Deals.Deals) != 12 {
		t.Fatalf("after the import: step %d, unsaved %v, files %v, %d deals", w.current, w.doc.Unsaved, e.Deals.Files, len(e.Deals.Deals))
	}
	if s.impactBody.Objects[0] != s.dash.box || s.partnersTab.Disabled() {
		t.Error("the dashboard is not shown after the import")
	}
	tiles := &s.dash.tiles
	for _, tt := range []struct {
		name string
		tile *kpiTile
		want string
	}{
		{"sourced pipeline", tiles.sourcedPipeline, "105 k"},    // A5 + A8
		{"influenced pipeline", tiles.influencedPipeline, "0"},  // B1, blank
		{"sourced revenue", tiles.sourcedRevenue, "220 k"},      // A1 + A3 + B2
		{"influenced revenue", tiles.influencedRevenue, "45 k"}, // A2
	} {
		if tt.tile.value.Text != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.tile.value.Text, tt.want)
		}
	}
	// Win rates: sourced 3 of 4 closed, influenced only 1 of 1, so with
	// partners 4 of 5; no partner 2 of 3. 80% ÷ 66.7% = 1.20.
	if got, want := tiles.winRate.value.Text, "80% vs 67%"; got != want {
		t.Errorf("win rate = %q, want %q", got, want)
	}
	if got, want := tiles.winRate.line.Text, "With partners vs without: 1.20× as often · sourced 75% · influenced 100%"; got != want {
		t.Errorf("win rate line = %q, want %q", got, want)
	}
	if !strings.HasPrefix(s.summary.Text, "The figures rest on 11 of 12 deals") {
		t.Errorf("summary = %q, want 11 of 12 deals (the downgrade counts in retention only)", s.summary.Text)
	}

	// The same export again replaces its deals.
	wait(t, w.ImportDeals(filepath.Join("testdata", salesforceExport)))
	if !strings.Contains(w.preview.summary.Text, "was imported before") {
		t.Errorf("the preview of the same export does not say it replaces: %q", w.preview.summary.Text)
	}
	wait(t, tapImport(t, w))
	if n, files := len(w.doc.Ecosystem.Deals.Deals), w.doc.Ecosystem.Deals.Files; n != 12 || len(files) != 1 {
		t.Errorf("after importing it again: %d deals from %v, want 12 from one export", n, files)
	}

	// Removing the export leaves no deals: the empty state again; undo
	// brings the deals back.
	s.deals.removeExport(salesforceExport)
	if len(w.doc.Ecosystem.Deals.Deals) != 0 || s.impactBody.Objects[0] != s.empty {
		t.Fatal("the export's deals are still there after removing it")
	}
	w.Undo()
	if len(w.doc.Ecosystem.Deals.Deals) != 12 || tiles.sourcedRevenue.value.Text != "220 k" {
		t.Errorf("undo did not bring the deals back: %d deals, sourced revenue %q", len(w.doc.Ecosystem.Deals.Deals), tiles.sourcedRevenue.value.Text)
	}
}

func TestModelAndWindowChangeTheFigures(t *testing.T) {
	w := newDealsWindow(t)
	s := activate(w)
	sourcedRevenue := func() string { return s.dash.tiles.sourcedRevenue.value.Text }

	// Cobalt CRM influenced A2 (45,000) and A3 (30,000), each with one other
	// partner: the whole amount credits it 75,000, split evenly 37,500.
	if got := partnerCell(t, w, "Cobalt CRM", "Influenced revenue"); got != "75,000" {
		t.Fatalf("Cobalt CRM's influenced revenue = %q, want 75,000 under the whole amount", got)
	}
	if !strings.Contains(s.partners.credit.Text, "add up to more than the deals' total") {
		t.Errorf("the partners' table does not say its figures can add up to more: %q", s.partners.credit.Text)
	}
	w.doc.Unsaved = false
	s.model.SetSelected(core.SplitEvenly.String())
	if got := partnerCell(t, w, "Cobalt CRM", "Influenced revenue"); got != "37,500" {
		t.Errorf("Cobalt CRM's influenced revenue = %q, want 37,500 split evenly", got)
	}
	if w.doc.Ecosystem.Deals.Model != core.SplitEvenly || !w.doc.Unsaved {
		t.Errorf("model %v, unsaved %v after choosing split evenly", w.doc.Ecosystem.Deals.Model, w.doc.Unsaved)
	}
	if sourcedRevenue() != "220 k" {
		t.Errorf("sourced revenue = %q: the totals count each deal once, whatever the model", sourcedRevenue())
	}

	// A custom window from 1 April 2026 leaves out A1, A3 and A6 (closed
	// before): sourced revenue is B2's 70,000, on 8 of the 12 deals.
	s.window.SetSelected(core.Custom.String())
	if !s.custom.Visible() {
		t.Fatal("a custom window shows no dates")
	}
	since := time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)
	s.since.SetDate(&since)
	if got := w.doc.Ecosystem.Deals.Window; got.Kind != core.Custom || !got.Since.Equal(since) {
		t.Fatalf("window = %+v, want custom from 1 April 2026", got)
	}
	if sourcedRevenue() != "70 k" || !strings.HasPrefix(s.summary.Text, "The figures rest on 8 of 12 deals") {
		t.Errorf("from 1 April: sourced revenue %q, summary %q; want 70 k on 8 of 12 deals", sourcedRevenue(), s.summary.Text)
	}

	// Undo takes each change back, in turn.
	for _, want := range []struct {
		revenue, window, model string
	}{
		{"220 k", core.Custom.String(), core.SplitEvenly.String()}, // the date, then the window
		{"220 k", core.AllTime.String(), core.SplitEvenly.String()},
		{"220 k", core.AllTime.String(), core.WholeAmount.String()},
	} {
		w.Undo()
		if sourcedRevenue() != want.revenue || s.window.Selected != want.window || s.model.Selected != want.model {
			t.Errorf("after undo: revenue %q, window %q, model %q; want %q, %q, %q",
				sourcedRevenue(), s.window.Selected, s.model.Selected, want.revenue, want.window, want.model)
		}
	}
	if got := partnerCell(t, w, "Cobalt CRM", "Influenced revenue"); got != "75,000" {
		t.Errorf("after undoing the model: Cobalt CRM's influenced revenue = %q, want 75,000", got)
	}
}

func TestFixAnUnmatchedPartnerName(t *testing.T) {
	w := newDealsWindow(t)
	s := activate(w)
	v := s.deals
	um := v.unmatched()
	if len(um) != 1 || um[0].Name != "Bluewater Channel Partners Ltd" || um[0].Deals != 1 || um[0].Suggestion != "Bluewater Channel" {
		t.Fatalf("unmatched = %+v, want Bluewater Channel Partners Ltd on 1 deal, did you mean Bluewater Channel", um)
	}
	if v.names.Length() != 1 || v.noNames.Visible() {
		t.Error("the list of names to fix does not show it")
	}
	if got := partnerCell(t, w, "Keystone Resellers", "Sourced deals"); got != "2" {
		t.Errorf("Keystone Resellers sourced %q deals, want 2", got)
	}

	v.fix(um[0])
	f := v.fixing
	if f == nil || f.choice.Selected != "Bluewater Channel" {
		t.Fatal("the Fix dialog does not offer the suggestion first")
	}
	// Typing narrows the partners; one left is chosen.
	f.filter.SetText("harborv")
	if !slices.Equal(f.choice.Options, []string{"Harborview Identity"}) || f.choice.Selected != "Harborview Identity" {
		t.Errorf("narrowed to %v, chosen %q", f.choice.Options, f.choice.Selected)
	}
	f.filter.SetText("bluewater")
	f.choice.SetSelected("Bluewater Channel")
	f.dialog.Submit()

	if n := len(v.unmatched()); n != 0 || !v.noNames.Visible() {
		t.Errorf("%d names left to fix after mapping the only one", n)
	}
	if got := partnerCell(t, w, "Bluewater Channel", "Sourced pipeline"); got != "25,000" {
		t.Errorf("Bluewater Channel's sourced pipeline = %q, want A8's 25,000", got)
	}
	if !strings.Contains(s.rulesMD, "“bluewater channel partners” → Bluewater Channel") {
		t.Errorf("the rules do not list the fix: %q", s.rulesMD)
	}
	w.Undo()
	if n := len(v.unmatched()); n != 1 {
		t.Errorf("%d names to fix after undo, want 1", n)
	}
}

func TestDealsListFiltersAndExplains(t *testing.T) {
	w := newDealsWindow(t)
	v := activate(w).deals
	tests := []struct {
		name                    string
		category, partner, text string
		want                    []string // the accounts listed, in the export's order
	}{
		{"all", anyCategory, anyPartner, "", []string{"3M", "A. O. Smith", "Abbott", "AbbVie", "Accenture", "Adobe",
			"Advanced Micro Devices", "AES Corporation", "Aflac", "Agilent Technologies", "Air Products", "Airbnb"}},
		{"sourced", core.SourcedDeal.String(), anyPartner, "", []string{"3M", "Abbott", "Accenture", "AES Corporation", "Aflac", "Air Products"}},
		{"influenced only", core.InfluencedOnly.String(), anyPartner, "", []string{"A. O. Smith", "Agilent Technologies"}},
		{"no partner", core.NoPartner.String(), anyPartner, "", []string{"AbbVie", "Adobe", "Advanced Micro Devices", "Airbnb"}},
		{"a partner", anyCategory, "Cobalt CRM", "", []string{"A. O. Smith", "Abbott"}},
		{"text", anyCategory, anyPartner, "AIR", []string{"Air Products", "Airbnb"}},
		{"a partner as written", anyCategory, anyPartner, "bluewater", []string{"AES Corporation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v.category.SetSelected(tt.category)
			v.partner.SetSelected(tt.partner)
			v.text.SetText(tt.text)
			var got []string
			for row := range v.rows {
				got = append(got, v.cellText(row, 0))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("listed %v, want %v", got, tt.want)
			}
			if want := fmt.Sprintf("Showing %d of 12 deals", len(tt.want)); v.count.Text != want {
				t.Errorf("count = %q, want %q", v.count.Text, want)
			}
		})
	}

	v.category.SetSelected(anyCategory)
	v.partner.SetSelected(anyPartner)
	v.text.SetText("Abbott")
	v.table.Select(widget.TableCellID{Row: 0, Col: 0})
	for _, want := range []string{"Abbott — Abbott - Expansion (0065g00000A3)", "Closed Won", "30,000 USD", "Sourced by Brightline Data",
		"Brightline Data", "Cobalt CRM", "salesforce-opportunities.csv, row 4"} {
		if !strings.Contains(v.explain.Text, want) {
			t.Errorf("explanation = %q, want it to hold %q", v.explain.Text, want)
		}
	}
	if got := v.cellText(0, 5); got != "Brightline Data (sourced), Cobalt CRM" {
		t.Errorf("partners cell = %q", got)
	}
}

func TestRevenuePotentialFromDeals(t *testing.T) {
	w := newDealsWindow(t)
	w.Show(stepActivate)
	v := activate(w).partners
	value := func(name string) float64 {
		x, _ := w.doc.Ecosystem.Partners[partnerIndex(t, w, name)].Value(core.RevenuePotential)
		return x
	}
	// The typed values of the sample.
	typed := map[string]float64{"Keystone Resellers": 4, "Cobalt CRM": 4, "Data Leaders Circle": 4,
		"Helix Consulting": 4, "Brightline Data": 4, "CloudBazaar Marketplace": 3, "Bluewater Channel": 2}
	for name, want := range typed {
		if got := value(name); got != want {
			t.Fatalf("%s's typed revenue potential = %v, want %v", name, got, want)
		}
	}

	test.Tap(v.loop)
	// Revenue, sourced and influenced, whole amounts: Brightline 30,000,
	// Helix 45,000, Data Leaders Circle 70,000, Cobalt 75,000, Keystone
	// 120,000: the lowest quarter of the five 2, the highest 5. CloudBazaar's
	// one deal has no amount: 1. Bluewater's deal names it as no partner.
	measuredValues := map[string]float64{"Keystone Resellers": 5, "Cobalt CRM": 4, "Data Leaders Circle": 3,
		"Helix Consulting": 2, "Brightline Data": 2, "CloudBazaar Marketplace": 1, "Bluewater Channel": 2}
	for name, want := range measuredValues {
		if got := value(name); got != want {
			t.Errorf("%s's revenue potential from deals = %v, want %v", name, got, want)
		}
	}
	if got := partnerCell(t, w, "Keystone Resellers", "Potential from"); got != "Deals" {
		t.Errorf("Keystone Resellers' potential from %q, want Deals", got)
	}

	// Keep Keystone's typed value.
	selectPartner(t, v.table, partnerIndex(t, w, "Keystone Resellers"))
	if v.typed.Disabled() {
		t.Fatal("the switch to keep the typed value is disabled")
	}
	test.Tap(v.typed)
	if got := value("Keystone Resellers"); got != 4 || partnerCell(t, w, "Keystone Resellers", "Potential from") != "Typed, kept" {
		t.Errorf("Keystone Resellers kept typed: %v from %q", got, partnerCell(t, w, "Keystone Resellers", "Potential from"))
	}

	// Off: every typed value comes back.
	test.Tap(v.loop)
	for name, want := range typed {
		if got := value(name); got != want {
			t.Errorf("%s's revenue potential after switching off = %v, want the typed %v", name, got, want)
		}
	}
	if !strings.Contains(v.backtest.Text, "Tier 1:") {
		t.Errorf("backtest = %q, want the tiers in words", v.backtest.Text)
	}
}

// TestMeasuringInTheBackground checks the real path: the deals are
// measured off the UI goroutine, and when two measures cross, the figures
// shown are those of the document as it stands, not of the older change.
// Run it with -race.
func TestMeasuringInTheBackground(t *testing.T) {
	w := newDealsWindow(t)
	s := activate(w)
	var works []func()
	w.env.background = func(f func()) { works = append(works, f) }
	// Two changes, each measured off the UI goroutine; the first one's
	// result arrives last.
	fyne.DoAndWait(func() {
		s.model.SetSelected(core.SplitEvenly.String())
		s.window.SetSelected(core.Custom.String())
		since := time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC)
		s.since.SetDate(&since)
	})
	var measures []func()
	fyne.DoAndWait(func() { measures, works = works, nil })
	if len(measures) < 2 {
		t.Fatalf("%d measures asked for, want one per change", len(measures))
	}
	slices.Reverse(measures)
	// Then the filtering of the deals list that the figures' arrival asks
	// for, which runs the same way, until nothing more is asked.
	for len(measures) > 0 {
		done := make(chan struct{})
		go func(fs []func()) {
			defer close(done)
			for _, f := range fs {
				f()
			}
		}(measures)
		wait(t, done)
		fyne.DoAndWait(func() { measures, works = works, nil })
	}
	if got := s.deals.count.Text; got != "Showing 9 of 12 deals" { // the 8 measured and B3, a downgrade closed 30 April
		t.Errorf("deals list: %q, want 9 of 12", got)
	}
	var revenue, summary string
	fyne.DoAndWait(func() { revenue, summary = s.dash.tiles.sourcedRevenue.value.Text, s.summary.Text })
	if revenue != "70 k" || !strings.HasPrefix(summary, "The figures rest on 8 of 12 deals") {
		t.Errorf("shown: sourced revenue %q, %q; want the last change's 70 k on 8 of 12 deals", revenue, summary)
	}
}

// TestSampleShowsTheDashboard checks the first start: the sample comes with
// its deals, every one of the export's rows.
func TestSampleShowsTheDashboard(t *testing.T) {
	rows := sampleDealRows(t)
	w := newTestWindow(t)
	w.Show(stepActivate)
	s := activate(w)
	if n := len(w.doc.Ecosystem.Deals.Deals); n != rows {
		t.Fatalf("the sample has %d deals, want the %d rows of %s", n, rows, resources.SampleDealsFileName)
	}
	if s.impactBody.Objects[0] != s.dash.box || s.m == nil {
		t.Fatal("the first start does not show the dashboard")
	}
	if s.dash.tiles.sourcedRevenue.value.Text == noFigure || len(s.dash.top.bars) == 0 || len(s.dash.quarters.bars) == 0 {
		t.Error("the sample's dashboard is empty")
	}
}

// TestSaveTotalsOnly: the check on the Deals tab leaves the deal rows out
// of the saved workbook, which keeps the Measurement sheet; undo takes it
// back.
func TestSaveTotalsOnly(t *testing.T) {
	w := newDealsWindow(t)
	v := activate(w).deals
	test.Tap(v.leaveOut)
	if !w.doc.Ecosystem.Deals.LeaveDealsOut || !w.doc.Unsaved {
		t.Fatal("the check did not change the document")
	}
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	wait(t, w.SaveTo(path))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := strings.Join(f.GetSheetList(), "|")
	if strings.Contains(sheets, "|Deals|") || !strings.Contains(sheets, "|Measurement|") {
		t.Errorf("sheets = %s, want Measurement without Deals", sheets)
	}
	w.Undo()
	if w.doc.Ecosystem.Deals.LeaveDealsOut || v.leaveOut.Checked {
		t.Error("undo did not put the deal rows back")
	}
}
