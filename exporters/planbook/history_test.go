package planbook_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/exporters/planbook/planbooktest"
)

// TestHistoryRoundTrip marks a review, changes the plan, saves and reopens:
// the History sheet brings back the snapshot, and what changed since the
// review reads the same before and after.
func TestHistoryRoundTrip(t *testing.T) {
	e := planbooktest.Ecosystem(today)
	e.MarkReviewed(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	e.Scorecard.Criteria[0].Weight = 45
	e.Partners[1].SetValue(core.SharedICP, 1)
	e.Partners = e.Partners[:len(e.Partners)-1]
	e.Partners = append(e.Partners, &core.Partner{Name: "New Since Review", Roles: []core.Role{core.Channel}})

	path := save(t, e, "history.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(f.GetSheetList(), planbook.SheetHistory) {
		t.Errorf("sheets = %v, want a %s sheet", f.GetSheetList(), planbook.SheetHistory)
	}
	f.Close()

	got, res := reopen(t, path)
	for _, p := range res.Problems {
		t.Errorf("problem on reopen: %s", p)
	}
	if !reflect.DeepEqual(got.LastReview, e.LastReview) {
		t.Errorf("LastReview after reopen =\n %+v\nwant\n %+v", got.LastReview, e.LastReview)
	}
	want := e.ChangesSince(e.LastReview, e.Evaluate())
	if want.None() {
		t.Fatal("the test's edits changed nothing since the review")
	}
	if g := got.ChangesSince(got.LastReview, got.Evaluate()); !reflect.DeepEqual(g.Lines(0), want.Lines(0)) {
		t.Errorf("changes after reopen = %q, want %q", g.Lines(0), want.Lines(0))
	}
}

// TestNoHistoryWithoutReview: a plan never marked as reviewed has no History
// sheet and reopens without a snapshot.
func TestNoHistoryWithoutReview(t *testing.T) {
	e := planbooktest.Ecosystem(today)
	e.LastReview = nil
	path := save(t, e, "nohistory.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if slices.Contains(f.GetSheetList(), planbook.SheetHistory) {
		t.Errorf("sheets = %v, want no %s sheet", f.GetSheetList(), planbook.SheetHistory)
	}
	if got, _ := reopen(t, path); got.LastReview != nil {
		t.Errorf("LastReview = %+v, want nil", got.LastReview)
	}
}
