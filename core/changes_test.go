package core

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func reviewedEcosystem() *Ecosystem {
	e := NewEcosystem("Test", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
	add := func(name, domain string, v float64) {
		p := &Partner{Name: name, Domain: domain}
		for _, c := range e.Scorecard.Criteria {
			p.SetValue(c.Key, v)
		}
		e.Partners = append(e.Partners, p)
	}
	add("Acme", "acme.com", 5)
	add("Globex", "globex.com", 3)
	add("Initech", "", 2)
	e.MarkReviewed(time.Date(2026, 1, 10, 15, 0, 0, 0, time.UTC))
	return e
}

func TestMarkReviewedTakesSnapshot(t *testing.T) {
	e := reviewedEcosystem()
	if got, want := e.Review.Last, time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Review.Last = %v, want %v", got, want)
	}
	s := e.LastReview
	if s == nil || len(s.Partners) != 3 || len(s.Weights) != 4 {
		t.Fatalf("LastReview = %+v, want 3 partners and 4 weights", s)
	}
	if s.Partners[0].Tier != Tier1 || s.Partners[0].Score != 100 {
		t.Errorf("snapshot of Acme = %+v, want score 100 in Tier 1", s.Partners[0])
	}
	c := e.Clone()
	c.LastReview.Partners[0].Name = "changed"
	if e.LastReview.Partners[0].Name != "Acme" {
		t.Error("Clone shares the review snapshot")
	}
	if ch := e.ChangesSince(e.LastReview, e.Evaluate()); !ch.None() {
		t.Errorf("ChangesSince right after the review = %+v, want none", ch)
	}
}

func TestChangesSince(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(e *Ecosystem)
		check func(t *testing.T, c Changes)
		line  string
	}{
		{"partner added", func(e *Ecosystem) { e.Partners = append(e.Partners, &Partner{Name: "Hooli"}) },
			func(t *testing.T, c Changes) {
				if !slices.Equal(c.Added, []string{"Hooli"}) {
					t.Errorf("Added = %v, want [Hooli]", c.Added)
				}
			}, "1 partner added: Hooli."},
		{"partner removed", func(e *Ecosystem) { e.Partners = e.Partners[1:] },
			func(t *testing.T, c Changes) {
				if !slices.Equal(c.Removed, []string{"Acme"}) {
					t.Errorf("Removed = %v, want [Acme]", c.Removed)
				}
			}, "1 partner removed: Acme."},
		{"renamed partner with the same domain is the same partner", func(e *Ecosystem) { e.Partners[0].Name = "Acme Corp" },
			func(t *testing.T, c Changes) {
				if !c.None() {
					t.Errorf("changes = %+v, want none", c)
				}
			}, ""},
		{"tier move down", func(e *Ecosystem) { e.Partners[0].SetValue(SharedICP, 1) },
			func(t *testing.T, c Changes) {
				want := []TierMove{{Partner: "Acme", From: Tier1, To: Tier2}}
				if !slices.Equal(c.TierMoves, want) {
					t.Errorf("TierMoves = %v, want %v", c.TierMoves, want)
				}
				if len(c.ScoreChanges) != 1 || c.ScoreChanges[0].From != 100 || c.ScoreChanges[0].To != 65 {
					t.Errorf("ScoreChanges = %v, want Acme 100 → 65", c.ScoreChanges)
				}
			}, "Acme moved down: Tier 1 → Tier 2."},
		{"override moves a tier up", func(e *Ecosystem) { e.Partners[2].SetOverride(Tier1, "board decision") },
			func(t *testing.T, c Changes) {
				if len(c.TierMoves) != 1 || !c.TierMoves[0].Up() {
					t.Errorf("TierMoves = %v, want Initech up", c.TierMoves)
				}
			}, "Initech moved up: Monitor → Tier 1."},
		{"weight changed", func(e *Ecosystem) { e.Scorecard.Criteria[0].Weight = 40 },
			func(t *testing.T, c Changes) {
				want := []WeightChange{{Criterion: "Shared ICP", From: 35, To: 40}}
				if !slices.Equal(c.WeightChanges, want) {
					t.Errorf("WeightChanges = %v, want %v", c.WeightChanges, want)
				}
			}, "Weight of Shared ICP: 35 → 40."},
		{"criterion added and removed", func(e *Ecosystem) {
			e.Scorecard.RemoveCriterion(RevenuePotential)
			e.Scorecard.AddCriterion("Co-sell", 10)
		}, func(t *testing.T, c Changes) {
			if len(c.WeightChanges) != 2 || !c.WeightChanges[0].Added || !c.WeightChanges[1].Removed {
				t.Errorf("WeightChanges = %+v, want one added, one removed", c.WeightChanges)
			}
		}, "Criterion Revenue potential removed (its weight was 20)."},
		{"thresholds changed", func(e *Ecosystem) { e.Thresholds.Tier1 = 80 },
			func(t *testing.T, c Changes) {
				if !c.ThresholdChanged {
					t.Error("ThresholdChanged = false, want true")
				}
			}, "Tier thresholds: 75 / 55 / 35 → 80 / 55 / 35."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := reviewedEcosystem()
			tt.edit(e)
			c := e.ChangesSince(e.LastReview, e.Evaluate())
			tt.check(t, c)
			if tt.line != "" && !slices.Contains(c.Lines(10), tt.line) {
				t.Errorf("Lines() = %q, want it to hold %q", c.Lines(10), tt.line)
			}
		})
	}
}

func TestChangesLinesLimit(t *testing.T) {
	c := Changes{Added: []string{"A", "B", "C", "D"}}
	if got, want := strings.Join(c.Lines(2), "\n"), "4 partners added: A, B and 2 more."; got != want {
		t.Errorf("Lines(2) = %q, want %q", got, want)
	}
	var none *Ecosystem = reviewedEcosystem()
	if c := none.ChangesSince(nil, none.Evaluate()); !c.None() {
		t.Errorf("ChangesSince(nil) = %+v, want none", c)
	}
}
