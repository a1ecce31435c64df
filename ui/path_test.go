package ui

import (
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// TestWholePath goes the way a new user goes, in the UI code: import a
// spreadsheet, fix a mapping in the preview, set a role, change a weight,
// override a tier with a reason, save, reopen, and compare.
func TestWholePath(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "partners.xlsx")
	f := excelize.NewFile()
	rows := [][]any{{"Partner Name", "Website", "Type", "Fit with our buyers", "Customer overlap", "Notes"}}
	for i := 0; i < 14; i++ {
		rows = append(rows, []any{fmt.Sprintf("Partner %02d", i), fmt.Sprintf("https://www.partner%02d.com", i),
			[]string{"Reseller", "Integration", "Agency", ""}[i%4], 1 + i%5, 1 + (i*3)%5, fmt.Sprintf("note %d", i)})
	}
	for r, row := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(list); err != nil {
		t.Fatal(err)
	}

	w := newTestWindow(t)
	// Import: the preview shows the column the app could not map.
	wait(t, w.Import(list))
	p := w.preview
	if got := p.selects[3].Selected; got != importers.FieldLabel(importers.FieldExtra) {
		t.Fatalf("“Fit with our buyers” maps to %q at first, want an extra column", got)
	}
	p.selects[3].SetSelected(criterionPrefix + "Shared ICP")
	wait(t, p.read)
	wait(t, tapImport(t, w))
	e := w.doc.Ecosystem
	if len(e.Partners) != 14 || w.doc.Sample {
		t.Fatalf("after the import: %d partners, sample %v; want 14 replacing the sample", len(e.Partners), w.doc.Sample)
	}

	// Set a role on the Segment screen.
	w.Show(stepSegment)
	seg := w.screens[stepSegment].(*segmentScreen)
	noRoleYet := partnerIndex(t, w, "Partner 03")
	if seg.table.rows[0] != noRoleYet && len(w.doc.Ecosystem.Partners[seg.table.rows[0]].Roles) != 0 {
		t.Error("partners without a role are not listed first")
	}
	selectPartner(t, seg.table, noRoleYet)
	seg.primary.SetSelected("Influencer")

	// Change a weight on the Evaluate screen.
	w.Show(stepEvaluate)
	ev := w.screens[stepEvaluate].(*evaluateScreen)
	ev.rows[0].weight.SetText("50")

	// Override a tier, with its reason, on the Prioritize screen.
	w.Show(stepPrioritize)
	pr := w.screens[stepPrioritize].(*prioritizeScreen)
	target := partnerIndex(t, w, "Partner 00")
	selectPartner(t, pr.table, target)
	pr.override.SetSelected(string(core.Tier1))
	test.Type(pr.reason, "Strategic launch partner")
	test.Tap(pr.apply)

	want := w.doc.Ecosystem.Clone()
	if want.Partners[noRoleYet].PrimaryRole() != core.Influencer || want.Scorecard.Criteria[0].Weight != 50 ||
		want.Partners[target].Override != core.Tier1 {
		t.Fatalf("the edits did not reach core: %v, %v, %q", want.Partners[noRoleYet].Roles, want.Scorecard.Criteria[0].Weight, want.Partners[target].Override)
	}

	// Save (a plan made from a list has no file yet, so Save asks where).
	w.Save(nil)
	if w.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("Save did not ask where to save")
	}
	w.Window.Canvas().Overlays().Top().Hide()
	plan := filepath.Join(dir, "partner-plan.xlsx")
	wait(t, w.SaveTo(plan))
	if w.doc.Unsaved || w.Window.Title() != "partner-plan.xlsx — Partner Atlas" {
		t.Fatalf("after saving: unsaved %v, title %q", w.doc.Unsaved, w.Window.Title())
	}

	// Reopen in a fresh window and compare.
	w2 := newTestWindow(t)
	wait(t, w2.OpenPath(plan))
	eventually(t, "the plan to open", func() bool { return w2.doc.Path == plan })
	got := w2.doc.Ecosystem
	if !reflect.DeepEqual(got.Scorecard, want.Scorecard) || got.Thresholds != want.Thresholds {
		t.Errorf("scorecard after reopening = %+v, want %+v", got.Scorecard, want.Scorecard)
	}
	if len(got.Partners) != len(want.Partners) {
		t.Fatalf("%d partners after reopening, want %d", len(got.Partners), len(want.Partners))
	}
	for i, wp := range want.Partners {
		if !reflect.DeepEqual(got.Partners[i], wp) {
			t.Errorf("partner %d after reopening:\n got %+v\nwant %+v", i, *got.Partners[i], *wp)
		}
	}
	if !reflect.DeepEqual(got.Evaluate().Results, want.Evaluate().Results) {
		t.Error("scores, tiers or ranks differ after reopening")
	}
}

// TestConfidenceArrivesInTheBackground checks the real path: confidence is
// worked out off the UI goroutine after the edits pause, and shown.
func TestConfidenceArrivesInTheBackground(t *testing.T) {
	// The window is built with confidence at once, so that no timer of its
	// runs while the test builds it; only the edit below takes the real path.
	// The work runs on a goroutine of its own, as in the app; the test
	// driver runs its fyne.Do there too, so the test waits for it to end
	// before it looks.
	w := newTestWindow(t)
	ran := make(chan struct{})
	w.env.confidenceDelay = 10 * time.Millisecond
	w.env.background = func(f func()) {
		go func() {
			f()
			close(ran)
		}()
	}
	fyne.DoAndWait(func() {
		w.edit("", func(e *core.Ecosystem) error { e.Scorecard.Criteria[0].Weight = 70; return nil })
	})
	wait(t, ran)
	if !w.confidence.current() {
		t.Fatal("the confidence shown is not that of the edited scorecard")
	}
	got := w.ev.Confidence
	if want := w.doc.Ecosystem.TierConfidence(); !reflect.DeepEqual(got, want) {
		t.Errorf("confidence = %v\nwant %v", got, want)
	}
}
