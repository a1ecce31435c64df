package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// previewList writes text to a file called name in a folder of its own and
// imports it into w, returning the file's path once the preview shows it.
func previewList(t testing.TB, w *MainWindow, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	wait(t, w.Import(path))
	return path
}

// tapImport taps Import in the open preview and returns when the merge is
// shown.
func tapImport(t testing.TB, w *MainWindow) <-chan struct{} {
	t.Helper()
	p := w.preview
	if p == nil || !p.open || p.importOK.Disabled() {
		t.Fatal("no preview ready to import")
	}
	test.Tap(p.importOK)
	return p.merged
}

func TestDiscoverPreviewMappingThenRemoveSource(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "agencies.csv")
	os.WriteFile(list, []byte("Partner Name;Website;Gut feel;Partner Type\n"+
		"Cobalt CRM;cobaltcrm.io;5;Technology\n"+ // also in the sample
		"Nimbus Agency;nimbus.example;4;Agency\n"+
		"Orbit Studio;orbit.example;x;Agency\n"), 0o644)

	// The sample gives way only to a first import into an untouched sample;
	// edit it so the list merges.
	w.edit("", func(e *core.Ecosystem) error { e.Partners[0].Owner = "Me"; return nil })
	wait(t, w.Import(list))
	p := w.preview
	if p == nil || !p.open {
		t.Fatal("no preview before the merge")
	}
	if got, want := p.selects[2].Selected, importers.FieldLabel(importers.FieldExtra); got != want {
		t.Fatalf("Gut feel maps to %q, want %q at first", got, want)
	}
	if len(p.res.Sample) != 3 || p.res.Sample[1][0] != "Nimbus Agency" {
		t.Errorf("sample rows = %v", p.res.Sample)
	}
	// Fix the mapping: Gut feel is the Shared ICP criterion.
	p.selects[2].SetSelected(criterionPrefix + "Shared ICP")
	wait(t, p.read)
	if c := p.res.Columns[2]; c.Field != importers.FieldCriterion || c.Criterion != core.SharedICP {
		t.Fatalf("column C after the change = %+v, want the Shared ICP criterion", c)
	}
	if !strings.Contains(p.problems.Text, "Orbit Studio") && !strings.Contains(p.problems.Text, `"x"`) {
		t.Errorf("problems = %q, want the bad value of row 4", p.problems.Text)
	}
	wait(t, tapImport(t, w))

	e := w.doc.Ecosystem
	if n := len(e.Partners); n != 42 {
		t.Fatalf("%d partners after the merge, want 42 (40 + 2 new)", n)
	}
	nimbus := e.Partners[partnerIndex(t, w, "Nimbus Agency")]
	if v, ok := nimbus.Value(core.SharedICP); !ok || v != 4 {
		t.Errorf("Nimbus shared ICP = %v, %v; want 4", v, ok)
	}
	d := w.screens[stepDiscover].(*discoverScreen)
	w.Show(stepDiscover)
	if len(d.sources) != 2 || d.sources[1].File != "agencies.csv" || d.sources[1].Rows != 3 {
		t.Fatalf("sources = %+v, want the sample and agencies.csv with 3 rows", d.sources)
	}
	d.removeSource("agencies.csv")
	if n := len(w.doc.Ecosystem.Partners); n != 40 {
		t.Errorf("%d partners after removing agencies.csv, want 40", n)
	}
	cobalt := w.doc.Ecosystem.Partners[partnerIndex(t, w, "Cobalt CRM")]
	if len(cobalt.Sources) != 1 || cobalt.Sources[0].File != "sample-partners.csv" {
		t.Errorf("Cobalt CRM sources = %v, want only the sample", cobalt.Sources)
	}
}

func TestPreviewHeaderRowAndSheet(t *testing.T) {
	w := newTestWindow(t)
	list := filepath.Join(t.TempDir(), "titled.csv")
	os.WriteFile(list, []byte("Partner list 2026\n\nPartner Name,Owner\nAcme,Dana\nGlobex,Lee\n"), 0o644)
	wait(t, w.Import(list))
	p := w.preview
	if p.res.HeaderRow != 3 {
		t.Fatalf("header row found = %d, want 3", p.res.HeaderRow)
	}
	p.header.SetText("4")
	p.header.OnSubmitted(p.header.Text)
	wait(t, p.read)
	if p.res.HeaderRow != 4 || p.header.Text != "4" {
		t.Errorf("after typing 4: header row %d, entry %q", p.res.HeaderRow, p.header.Text)
	}
	test.Tap(p.cancel)
	if n := len(w.doc.Ecosystem.Partners); n != 40 {
		t.Errorf("Cancel in the preview changed the plan: %d partners", n)
	}
}

func TestSegmentSetsRoles(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepSegment)
	s := w.screens[stepSegment].(*segmentScreen)
	i := partnerIndex(t, w, "Cobalt CRM")
	selectPartner(t, s.table, i)
	if s.selected.Text != "Cobalt CRM" {
		t.Fatalf("editor shows %q", s.selected.Text)
	}
	s.primary.SetSelected("Marketplace")
	s.others.SetSelected([]string{"Technology", "Channel"})
	p := w.doc.Ecosystem.Partners[i]
	if got, want := core.FormatRoles(p.Roles), "Marketplace; Technology; Channel"; got != want {
		t.Errorf("roles = %q, want %q", got, want)
	}
	s.primary.SetSelected(noRole)
	if len(p.Roles) != 0 {
		t.Fatalf("roles = %v, want none", p.Roles)
	}
	if s.table.rows[0] != i {
		t.Error("the partner without a role is not listed first")
	}
	if got, want := s.table.cellText(0, s.table.column("Primary role")), "— none —"; got != want {
		t.Errorf("first row's role = %q, want %q", got, want)
	}
	s.filter.SetSelected(withoutRole)
	if len(s.table.rows) != 1 || s.table.count.Text != "Showing 1 of 40 partners" {
		t.Errorf("filter without a role shows %d rows (%q)", len(s.table.rows), s.table.count.Text)
	}
	s.filter.SetSelected("Influencer")
	want := 0
	for _, p := range w.doc.Ecosystem.Partners {
		if p.HasRole(core.Influencer) {
			want++
		}
	}
	if len(s.table.rows) != want {
		t.Errorf("filter Influencer shows %d rows, want %d", len(s.table.rows), want)
	}
	if got, _ := w.stepStatus(stepSegment); got != "40 partners · 1 without a role" {
		t.Errorf("sidebar status = %q", got)
	}
}

func TestEvaluateEditsScorecardAndValues(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepEvaluate)
	s := w.screens[stepEvaluate].(*evaluateScreen)
	sc := func() core.Scorecard { return w.doc.Ecosystem.Scorecard }

	tests := []struct {
		name  string
		do    func()
		check func(t *testing.T)
	}{
		{"weight typed", func() { s.rows[0].weight.SetText("65") }, func(t *testing.T) {
			if got := sc().Criteria[0].Weight; got != 65 {
				t.Errorf("weight = %v, want 65", got)
			}
			if got, want := s.rows[0].share.Text, "50 %"; got != want { // 65 of 130
				t.Errorf("share = %q, want %q", got, want)
			}
			if s.rows[0].slider.Value != 65 {
				t.Errorf("slider = %v, want 65", s.rows[0].slider.Value)
			}
		}},
		{"weight dragged", func() { s.rows[1].slider.SetValue(5) }, func(t *testing.T) {
			if got := sc().Criteria[1].Weight; got != 5 {
				t.Errorf("weight = %v, want 5", got)
			}
			if s.rows[1].weight.Text != "5" {
				t.Errorf("entry = %q, want 5", s.rows[1].weight.Text)
			}
		}},
		{"scale", func() { s.rows[2].max.SetText("10") }, func(t *testing.T) {
			if got := sc().Criteria[2].Max; got != 10 {
				t.Errorf("max = %v, want 10", got)
			}
		}},
		{"rename", func() { s.rows[3].name.SetText("Pipeline potential") }, func(t *testing.T) {
			if got := sc().Criteria[3].Name; got != "Pipeline potential" {
				t.Errorf("name = %q", got)
			}
			if s.table.column("Pipeline potential") < 0 {
				t.Error("the table has no column for the renamed criterion")
			}
		}},
		{"add", func() {
			test.Type(s.newName, "Co-sell readiness")
			s.newName.OnSubmitted(s.newName.Text)
		}, func(t *testing.T) {
			if n := len(sc().Criteria); n != 5 || sc().Criteria[4].Name != "Co-sell readiness" {
				t.Fatalf("criteria = %+v", sc().Criteria)
			}
			if len(s.rows) != 5 || s.table.column("Co-sell readiness") < 0 {
				t.Error("no row or column for the new criterion")
			}
		}},
		{"remove", func() { test.Tap(s.rows[4].remove) }, func(t *testing.T) {
			if n := len(sc().Criteria); n != 4 {
				t.Errorf("%d criteria, want 4", n)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.do()
			tt.check(t)
		})
	}

	t.Run("value typed in the table", func(t *testing.T) {
		i := partnerIndex(t, w, "Appgrove")
		col := s.table.column("Shared ICP")
		cell := s.table.newCell()
		s.table.updateCell(widget.TableCellID{Row: s.table.row(i), Col: col}, cell)
		entry := cell.(*fyne.Container).Objects[2].(*cellEntry)
		before := w.ev.Results[i].Score
		w.Window.Canvas().Focus(entry)
		entry.SetText("")
		test.Type(entry, "5")
		p := w.doc.Ecosystem.Partners[i]
		if v, _ := p.Value(core.SharedICP); v != 5 {
			t.Fatalf("Shared ICP = %v, want 5", v)
		}
		want, _ := w.doc.Ecosystem.Scorecard.Score(p)
		if got := w.ev.Results[i].Score; got != want || got == before {
			t.Errorf("score = %v, want %v (was %v)", got, want, before)
		}
		if got := s.table.cellText(s.table.row(i), s.table.column("Score")); got != formatScore(want) {
			t.Errorf("score cell = %q, want %q", got, formatScore(want))
		}
		entry.SetText("")
		if _, ok := p.Value(core.SharedICP); ok {
			t.Error("clearing the cell kept the value")
		}
	})
}

func TestPrioritizeThresholdsOverrideAndTiers(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepPrioritize)
	s := w.screens[stepPrioritize].(*prioritizeScreen)

	s.thresholds[core.Tier1].SetText("90")
	if got := w.doc.Ecosystem.Thresholds.Tier1; got != 90 {
		t.Errorf("Tier 1 threshold = %v, want 90", got)
	}
	s.thresholds[core.Tier2].SetText("95")
	if got := w.doc.Ecosystem.Thresholds.Tier2; got != 55 || !s.thProblem.Visible() {
		t.Errorf("Tier 2 above Tier 1 was taken (%v) or not explained", got)
	}
	if s.band.Text != w.ev.Band.Message {
		t.Errorf("band = %q, want %q", s.band.Text, w.ev.Band.Message)
	}

	s.showTier(core.Tier1)
	if got := len(s.table.rows); got != w.ev.Counts[core.Tier1] {
		t.Errorf("the Tier 1 table shows %d rows, want %d", got, w.ev.Counts[core.Tier1])
	}
	s.showTier("")

	i := partnerIndex(t, w, "Appgrove")
	selectPartner(t, s.table, i)
	s.override.SetSelected(string(core.Tier1))
	s.reason.SetText("")
	test.Tap(s.apply)
	p := w.doc.Ecosystem.Partners[i]
	if p.Override != "" || s.overrideOK.Importance != widget.DangerImportance {
		t.Fatalf("an override without a reason was taken (%q) or not refused", p.Override)
	}
	test.Type(s.reason, "Launch partner for the new product")
	test.Tap(s.apply)
	if p.Override != core.Tier1 || p.OverrideReason != "Launch partner for the new product" {
		t.Fatalf("override = %q %q", p.Override, p.OverrideReason)
	}
	if got := s.table.cellText(s.table.row(i), s.table.column("Tier")); got != "Tier 1" {
		t.Errorf("tier cell = %q, want Tier 1", got)
	}
	waitConfidence(t, w)
	if got := s.table.cellText(s.table.row(i), s.table.column("Confidence")); !strings.HasSuffix(got, "%") {
		t.Errorf("confidence cell = %q, want a percentage", got)
	}
	// Ties are marked.
	tied := false
	for row := range s.table.rows {
		tied = tied || strings.HasPrefix(s.table.cellText(row, 0), "=")
	}
	if !tied {
		t.Error("no tie is marked in the sample, which has tied scores")
	}
}

func TestDesignAddEditRemovePlay(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepDesign)
	s := w.screens[stepDesign].(*designScreen)
	n := len(w.doc.Ecosystem.Plays)
	s.choose(core.Channel, core.Tier2)
	if got := len(s.plays); got != 4 {
		t.Fatalf("Channel Tier 2 has %d plays, want 4", got)
	}
	s.edit(-1)
	s.kind.SetSelected(string(core.CoMarketing))
	test.Type(s.name, "Joint webinar series")
	test.Type(s.owner, "Field marketing")
	test.Type(s.cadence, "Quarterly")
	test.Type(s.kpi, "Webinar leads")
	test.Tap(s.save)
	plays := w.doc.Ecosystem.Plays
	if len(plays) != n+1 {
		t.Fatalf("%d plays, want %d", len(plays), n+1)
	}
	want := core.Play{Role: core.Channel, Tier: core.Tier2, Type: core.CoMarketing, Name: "Joint webinar series",
		Owner: "Field marketing", Cadence: "Quarterly", KPI: "Webinar leads"}
	if plays[n] != want {
		t.Errorf("new play = %+v, want %+v", plays[n], want)
	}
	selectPlay(t, s, n)
	s.owner.SetText("Partner marketing")
	test.Tap(s.save)
	if got := w.doc.Ecosystem.Plays[n].Owner; got != "Partner marketing" {
		t.Errorf("owner = %q after the edit", got)
	}
	s.name.SetText("")
	test.Tap(s.save)
	if s.problem.Text == "" || w.doc.Ecosystem.Plays[n].Name == "" {
		t.Error("a play without a name was saved")
	}
	selectPlay(t, s, n)
	test.Tap(s.remove)
	if len(w.doc.Ecosystem.Plays) != n {
		t.Errorf("%d plays after the removal, want %d", len(w.doc.Ecosystem.Plays), n)
	}
}

// selectPlay selects play i in the Design screen's table, as a click does.
func selectPlay(t *testing.T, s *designScreen, i int) {
	t.Helper()
	row := slices.Index(s.plays, i)
	if row < 0 {
		t.Fatalf("play %d is not in the table", i)
	}
	s.table.Select(widget.TableCellID{Row: row, Col: 0})
}

// TestDesignPlaysSortAndShowEverySegment sorts the plays table by a column
// and lists every segment's plays.
func TestDesignPlaysSortAndShowEverySegment(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepDesign)
	s := w.screens[stepDesign].(*designScreen)
	s.every.SetChecked(true)
	if got, want := len(s.plays), len(w.doc.Ecosystem.Plays); got != want {
		t.Fatalf("every segment shows %d plays, want %d", got, want)
	}
	name := 0 // the Play column
	s.sortBy(name)
	for r := 1; r < len(s.plays); r++ {
		a, b := s.cols[name].text(s.plays[r-1]), s.cols[name].text(s.plays[r])
		if strings.ToLower(a) > strings.ToLower(b) {
			t.Fatalf("row %d %q sorts before row %d %q", r-1, a, r, b)
		}
	}
	s.sortBy(name)
	if first := s.cols[name].text(s.plays[0]); strings.ToLower(first) < strings.ToLower(s.cols[name].text(s.plays[len(s.plays)-1])) {
		t.Errorf("a second tap did not reverse the order: %q first", first)
	}
	// A chosen play stays selected whatever the order.
	selectPlay(t, s, s.plays[5])
	chosen := s.chosen
	s.sortBy(6) // by tier
	if s.name.Text != w.doc.Ecosystem.Plays[chosen].Name || s.chosen != chosen {
		t.Errorf("after sorting, the editor holds %q, want play %d", s.name.Text, chosen)
	}
	for i, c := range s.cols {
		head := fyne.MeasureText(c.title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		if s.fitted[i] < head {
			t.Errorf("column %q is %v wide, narrower than its header", c.title, s.fitted[i])
		}
	}
}

func TestActivateChartsReviewAndChanges(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepActivate)
	s := w.screens[stepActivate].(*activateScreen)
	for i, tier := range core.Tiers {
		if b := s.tiers.bars[i]; b.total() != float64(w.ev.Counts[tier]) || b.colours[0] != tierColour(tier) {
			t.Errorf("bar %s = %+v, want %d in the tier colour", tier, b, w.ev.Counts[tier])
		}
	}
	total := 0.0
	for _, b := range s.score.bars {
		total += b.total()
	}
	if total != 40 {
		t.Errorf("the score distribution counts %v partners, want 40", total)
	}
	if !strings.Contains(s.changes.Text, "No review") {
		t.Errorf("changes = %q before any review", s.changes.Text)
	}
	test.Tap(s.mark)
	e := w.doc.Ecosystem
	if !e.Review.Last.Equal(today) || e.LastReview == nil {
		t.Fatalf("review = %+v, snapshot %v", e.Review, e.LastReview != nil)
	}
	if s.changes.Text != "Nothing has changed since then." {
		t.Errorf("changes right after the review = %q", s.changes.Text)
	}
	w.edit("", func(e *core.Ecosystem) error { e.Scorecard.Criteria[0].Weight = 50; return nil })
	if !strings.Contains(s.changes.Text, "Weight of Shared ICP: 35 → 50.") {
		t.Errorf("changes = %q, want the weight change", s.changes.Text)
	}
}

func TestMaturityTapSetsStage(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepMaturity)
	s := w.screens[stepMaturity].(*maturityScreen)
	tests := []struct {
		dim   core.Dimension
		stage int // 0-based column
		want  core.Stage
	}{
		{core.Clarity, 1, core.Emerging},
		{core.Measurement, 0, core.Undefined},
		{core.Clarity, 1, core.Unrated}, // a second tap takes it back
		{core.Segmentation, 2, core.Strategic},
	}
	for _, tt := range tests {
		test.Tap(s.cells[tt.dim][tt.stage])
		if got := w.doc.Ecosystem.Maturity.Ratings[tt.dim]; got != tt.want {
			t.Errorf("after a tap on %s, stage %d: %v, want %v", tt.dim, tt.stage+1, got, tt.want)
		}
	}
	if !s.cells[core.Segmentation][2].rated || !s.cells[core.Segmentation][2].held {
		t.Error("the rated cell is not framed and shaded")
	}
	// The sample has attributed deals: Measurement is proposed above stage 1.
	if m := s.side[core.Measurement].Text; !strings.Contains(m, "Proposed: ") || strings.Contains(m, "Proposed: 1 Undefined") {
		t.Errorf("beside Measurement: %q, want a stage above 1 proposed from the sample's deals", m)
	}
}

// TestMaturityNamesClearTheCells lays the matrix out at both laptop sizes:
// each dimension's name fits its column and ends before the first cell.
func TestMaturityNamesClearTheCells(t *testing.T) {
	w := newTestWindow(t)
	for _, size := range laptopSizes {
		w.Window.Resize(size)
		w.Show(stepMaturity)
		s := w.screens[stepMaturity].(*maturityScreen)
		for _, d := range core.Dimensions {
			cell := s.cells[d][0]
			var name *widget.Label
			for _, o := range s.grid.Objects {
				if l, ok := o.(*widget.Label); ok && l.Text == string(d) {
					name = l
				}
			}
			if name == nil {
				t.Fatalf("no label for %s", d)
			}
			text := fyne.MeasureText(string(d), theme.TextSize(), fyne.TextStyle{Bold: true}).Width
			if end := name.Position().X + theme.InnerPadding() + text; end > cell.Position().X {
				t.Errorf("at %v, %q ends at %v, past its first cell at %v", size, d, end, cell.Position().X)
			}
		}
	}
}

// TestPreviewShowsTheWholeSheetNameAndManyRows imports a workbook whose
// sheets have long names, at a laptop's size: the sheet selector shows the
// name in full, and the preview shows more than a handful of rows.
func TestPreviewShowsTheWholeSheetNameAndManyRows(t *testing.T) {
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1366, 768))
	f := excelize.NewFile()
	long := "partners-master-list-2026"
	f.SetSheetName("Sheet1", "notes")
	f.NewSheet(long)
	f.SetActiveSheet(1)
	f.SetSheetRow(long, "A1", &[]any{"Partner Name", "Website"})
	for i := range 30 {
		f.SetSheetRow(long, fmt.Sprintf("A%d", i+2), &[]any{fmt.Sprintf("Partner %02d", i), fmt.Sprintf("p%02d.example", i)})
	}
	name := "Liberty's Delightful Events"
	f.SetSheetRow(long, "A2", &[]any{name, "liberty.example"})
	path := filepath.Join(t.TempDir(), "master.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	wait(t, w.Import(path))
	p := w.preview
	if p.res == nil || p.res.Sheet != long {
		t.Fatalf("read sheet %v, want %s", p.res, long)
	}
	text := fyne.MeasureText(long, theme.TextSize(), fyne.TextStyle{}).Width
	if got := p.sheet.Size().Width; got < text+2*theme.InnerPadding()+theme.IconInlineSize() {
		t.Errorf("the sheet selector is %v wide, too narrow for %q (%v)", got, long, text)
	}
	if got, want := p.sampleWidths[0], fyne.MeasureText(name, theme.TextSize(), fyne.TextStyle{}).Width; got < want {
		t.Errorf("the preview's first column is %v wide, too narrow for %q (%v)", got, name, want)
	}
	rowHeight := p.sample.MinSize().Height
	if rows := p.sample.Size().Height / (theme.TextSize() * 2.5); rows < 8 {
		t.Errorf("the preview shows about %.0f rows (%v px high, rows of %v)", rows, p.sample.Size().Height, rowHeight)
	}
	test.Tap(p.cancel)
}

func TestPreviewAsksForThePasswordOfAnEncryptedWorkbook(t *testing.T) {
	w := newTestWindow(t)
	f := excelize.NewFile()
	for i, row := range [][]any{{"Partner Name", "Website"}, {"Acme", "acme.com"}, {"Globex", "globex.io"}} {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row)
	}
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	wait(t, w.Import(path))
	p := w.preview
	if p.password == nil || p.res != nil {
		t.Fatalf("no password asked for an encrypted workbook (result %v)", p.res)
	}
	for _, try := range []struct {
		password string
		opens    bool
	}{{"wrong", false}, {"s3cret", true}} {
		asked := p.password
		p.passwordEntry.SetText(try.password)
		p.read = nil
		asked.Submit()
		eventually(t, "the read with the password", func() bool { return p.read != nil })
		wait(t, p.read)
		if opened := p.res != nil && len(p.res.Partners) == 2; opened != try.opens {
			t.Errorf("password %q: opened = %v, want %v", try.password, opened, try.opens)
		}
		if !try.opens && p.password == asked {
			t.Errorf("a wrong password did not ask again")
		}
	}
}

// TestPreviewReadsTheEncodingChosen: a list saved in Mac Roman reads as
// valid Windows-1252, its accents wrong, and says so; choosing Mac Roman in
// the preview reads it again right. A workbook shows no encoding to choose.
func TestPreviewReadsTheEncodingChosen(t *testing.T) {
	w := newTestWindow(t)
	previewList(t, w, "mac.csv", "Partner Name,Website\nSoci\x8et\x8e G\x8en\x8erale,societegenerale.fr\n")
	p := w.preview
	if p == nil || !p.open || p.res == nil {
		t.Fatal("no preview of the list")
	}
	if !p.encoding.box.Visible() || p.encoding.sel.Selected != "Windows-1252 (Western European)" || p.res.Sample[0][0] != "SociŽtŽ GŽnŽrale" {
		t.Fatalf("first read: encoding shown %v, %q; name %q", p.encoding.box.Visible(), p.encoding.sel.Selected, p.res.Sample[0][0])
	}
	p.encoding.sel.SetSelected("Mac Roman")
	wait(t, p.read)
	if p.res.Encoding != "macintosh" || p.res.Sample[0][0] != "Société Générale" || p.encoding.sel.Selected != "Mac Roman" ||
		!strings.Contains(p.summary.Text, "Read as Mac Roman.") {
		t.Errorf("read again as %q: name %q, encoding shown %q, summary %q", p.res.Encoding, p.res.Sample[0][0], p.encoding.sel.Selected, p.summary.Text)
	}
	wait(t, tapImport(t, w))
	if got := w.doc.Ecosystem.Partners[0].Name; got != "Société Générale" {
		t.Errorf("imported %q", got)
	}

	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Partner Name", "Website"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"Acme", "acme.example"})
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	wait(t, w.Import(book))
	if p := w.preview; p == nil || p.res == nil || p.encoding.box.Visible() {
		t.Errorf("a workbook's preview offers an encoding")
	}
}

// TestCountsOnButtonsWithSeparators: the tier tabs of Prioritize and the
// segment buttons of Design write their partner counts as the sidebar and
// the band message do, "All · 12,500", not "All · 12500"; and Design, whose
// buttons are then wide, still fits a 1280-pixel screen (its plays' title
// used to push the window past it).
func TestCountsOnButtonsWithSeparators(t *testing.T) {
	w := newTestWindow(t)
	e := w.doc.Ecosystem
	base := e.Partners[0]
	for i := len(e.Partners); i < 12_500; i++ {
		p := *base
		p.Name = fmt.Sprintf("Partner %d", i)
		p.Website, p.Domain, p.Values = "", "", append([]core.CriterionValue(nil), base.Values...)
		e.Partners = append(e.Partners, &p)
	}
	w.documentChanged(true, false)
	buttons := func(c *fyne.Container) []string {
		var out []string
		for _, o := range c.Objects {
			if b, ok := o.(*widget.Button); ok {
				out = append(out, b.Text)
			}
		}
		return out
	}
	w.Show(stepPrioritize)
	tabs := buttons(w.screens[stepPrioritize].(*prioritizeScreen).tabs)
	if len(tabs) == 0 || tabs[0] != "All · 12,500" {
		t.Errorf("the tier tabs read %q, want All · 12,500 first", tabs)
	}
	w.Show(stepDesign)
	found := false
	for _, b := range buttons(w.screens[stepDesign].(*designScreen).matrix) {
		_, n, _ := strings.Cut(b, " · ")
		if strings.Contains(n, ",") {
			found = true
		}
		if len(n) > 3 && !strings.Contains(n, ",") {
			t.Errorf("a segment button reads %q: its count has no separator", b)
		}
	}
	if !found {
		t.Error("no segment button counts a thousand partners: the test shows nothing")
	}
	if min := w.Window.Content().MinSize().Width; min > laptopSizes[0].Width {
		t.Errorf("Design needs %v pixels of width, more than a %v-pixel screen", min, laptopSizes[0].Width)
	}
}
