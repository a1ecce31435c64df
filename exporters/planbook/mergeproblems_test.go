package planbook

import (
	"fmt"
	"testing"

	"partneratlas/core"
	"partneratlas/importers"
)

// TestMergeProblemsAsFmtWrote holds mergeProblems, which writes its
// messages into one buffer, to the Sprintf sentences it replaced, on names
// and values that quote, escape and break.
func TestMergeProblemsAsFmtWrote(t *testing.T) {
	texts := []string{"", "Acme", `Say "hi"`, "tab\there", "new\nline", "Zürich AG", "bad \xff byte", "back\\slash", "100%", "%s %d", "emoji 🚀"}
	sources := []core.Source{{}, {File: "partners.csv", Row: 2}, {File: "book.xlsx", Sheet: "Partners", Row: 1_048_576}, {File: "x.xlsx", Sheet: "Ünïcode sheet", Row: -1}}
	var c core.Combined
	c.Base, c.ExtraPlans = "plan.xlsx", []string{"second.xlsx", ""}
	for i, a := range texts {
		b, r := texts[(i+3)%len(texts)], texts[(i+5)%len(texts)]
		at, to := sources[i%len(sources)], sources[(i+1)%len(sources)]
		c.Merged = append(c.Merged, core.MergedRow{Name: a, Row: at, Partner: b, Into: to, Reason: r})
		c.Possible = append(c.Possible, core.PossibleDuplicate{A: a, B: b, AAt: at, BAt: to, Reason: r})
		c.Conflicts = append(c.Conflicts, core.Conflict{Partner: a, Field: r, Kept: b, KeptAt: at, Other: texts[(i+7)%len(texts)], OtherAt: to})
	}
	var want []importers.Problem
	for _, file := range c.ExtraPlans {
		want = append(want, importers.Problem{Kind: importers.Conflict, File: file, Message: fmt.Sprintf(
			"this is a second plan workbook: its partners were added, but the scorecard, tier thresholds, plays, maturity and review dates of %s were kept.", c.Base)})
	}
	for _, m := range c.Merged {
		want = append(want, importers.Problem{Kind: importers.Merged, File: m.Row.File, Sheet: m.Row.Sheet, Row: m.Row.Row,
			Message: fmt.Sprintf("%q is the same partner as %s in %s (%s); its values were merged into it.", m.Name, m.Partner, m.Into, m.Reason)})
	}
	for _, d := range c.Possible {
		want = append(want, importers.Problem{Kind: importers.Duplicate, File: d.BAt.File, Sheet: d.BAt.Sheet, Row: d.BAt.Row,
			Message: fmt.Sprintf("%q may be the same partner as %s in %s (%s). Both were kept; merge them in Discover, or with --same on the command line, if they are one.", d.B, d.A, d.AAt, d.Reason)})
	}
	for _, x := range c.Conflicts {
		want = append(want, importers.Problem{Kind: importers.Conflict, File: x.OtherAt.File, Sheet: x.OtherAt.Sheet, Row: x.OtherAt.Row,
			Message: fmt.Sprintf("%s has %s \"%s\" here but \"%s\" in %s; \"%s\" was kept. Correct the one that is wrong and import again.",
				x.Partner, x.Field, x.Other, x.Kept, x.KeptAt, x.Kept)})
	}
	got := mergeProblems(c)
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if got := mergeProblems(core.Combined{}); got != nil {
		t.Errorf("nothing merged gave %v, want nil", got)
	}
}
