package core

import (
	"maps"
	"math"
	"slices"
	"testing"
)

// partnerWith is a partner with the values given, set in key order.
func partnerWith(values map[string]float64) *Partner {
	p := &Partner{Name: "Test"}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		p.SetValue(k, values[k])
	}
	return p
}

func TestScore(t *testing.T) {
	sc := DefaultScorecard()
	tests := []struct {
		name     string
		values   map[string]float64
		want     float64
		complete bool
	}{
		{"all max", map[string]float64{SharedICP: 5, CustomerOverlap: 5, ProductAlignment: 5, RevenuePotential: 5}, 100, true},
		{"all min", map[string]float64{SharedICP: 1, CustomerOverlap: 1, ProductAlignment: 1, RevenuePotential: 1}, 0, true},
		{"mixed", map[string]float64{SharedICP: 4, CustomerOverlap: 3, ProductAlignment: 5, RevenuePotential: 2}, 63.75, true},
		// 35·0.75 + 25·0.5 + 20·1 + 20·0.25 = 26.25 + 12.5 + 20 + 5
		{"missing counts as minimum", map[string]float64{SharedICP: 5, CustomerOverlap: 5, ProductAlignment: 5}, 80, false},
		{"no values", nil, 0, false},
		{"clamped above scale", map[string]float64{SharedICP: 9, CustomerOverlap: 5, ProductAlignment: 5, RevenuePotential: 5}, 100, true},
		{"clamped below scale", map[string]float64{SharedICP: -3, CustomerOverlap: 1, ProductAlignment: 1, RevenuePotential: 1}, 0, true},
		{"fractional", map[string]float64{SharedICP: 3.5, CustomerOverlap: 1, ProductAlignment: 1, RevenuePotential: 1}, 21.88, true},
		// 35·0.625 = 21.875 → 21.88, half away from zero as Excel's ROUND
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, complete := sc.Score(partnerWith(tt.values))
			if got != tt.want || complete != tt.complete {
				t.Errorf("Score(%v) = %v, %v; want %v, %v", tt.values, got, complete, tt.want, tt.complete)
			}
		})
	}
}

func TestScoreUsesWeightSumNotHundred(t *testing.T) {
	sc := Scorecard{Criteria: []Criterion{
		{Key: "a", Name: "A", Weight: 1, Min: 0, Max: 10},
		{Key: "b", Name: "B", Weight: 3, Min: 0, Max: 10},
	}}
	got, _ := sc.Score(partnerWith(map[string]float64{"a": 10, "b": 0}))
	if got != 25 {
		t.Errorf("Score = %v, want 25", got)
	}
}

func TestDefaultScorecard(t *testing.T) {
	sc := DefaultScorecard()
	if len(sc.Criteria) != 4 {
		t.Fatalf("default criteria = %d, want 4", len(sc.Criteria))
	}
	if sc.TotalWeight() != 100 {
		t.Errorf("default weights sum to %v, want 100", sc.TotalWeight())
	}
	seen := map[float64]bool{}
	for _, c := range sc.Criteria {
		seen[c.Weight] = true
		if c.Min != 1 || c.Max != 5 {
			t.Errorf("%s scale = %v–%v, want 1–5", c.Name, c.Min, c.Max)
		}
	}
	if len(seen) < 2 {
		t.Errorf("default weights are all equal; the design asks for unequal weights")
	}
	if err := sc.Validate(); err != nil {
		t.Errorf("default scorecard invalid: %v", err)
	}
}

func TestScorecardValidate(t *testing.T) {
	bad := []Scorecard{
		{},
		{Criteria: []Criterion{{Key: "a", Name: "A", Weight: -1, Min: 1, Max: 5}}},
		{Criteria: []Criterion{{Key: "a", Name: "A", Weight: 1, Min: 5, Max: 5}}},
		{Criteria: []Criterion{{Key: "a", Name: "A", Weight: 0, Min: 1, Max: 5}}},
		{Criteria: []Criterion{{Key: "a", Name: "A", Weight: 1, Min: 1, Max: 5}, {Key: "a", Name: "B", Weight: 1, Min: 1, Max: 5}}},
		{Criteria: []Criterion{{Key: "a", Name: "", Weight: 1, Min: 1, Max: 5}}},
	}
	for i, sc := range bad {
		if err := sc.Validate(); err == nil {
			t.Errorf("case %d: Validate() = nil, want an error", i)
		}
	}
}

func TestAddAndFindCriterion(t *testing.T) {
	sc := DefaultScorecard()
	c := sc.AddCriterion("Co-sell readiness", 10)
	if c.Key != "co_sell_readiness" || sc.TotalWeight() != 110 {
		t.Errorf("AddCriterion key = %q, total = %v", c.Key, sc.TotalWeight())
	}
	c2 := sc.AddCriterion("Co-sell readiness!", 5)
	if c2.Key != "co_sell_readiness_2" {
		t.Errorf("second key = %q, want co_sell_readiness_2", c2.Key)
	}
	for _, header := range []string{"Shared ICP", "shared-icp", "SHARED_ICP", "Customer Overlap"} {
		if _, ok := sc.Find(header); !ok {
			t.Errorf("Find(%q) found nothing", header)
		}
	}
	sc.RemoveCriterion("co_sell_readiness")
	if sc.Index("co_sell_readiness") >= 0 || len(sc.Criteria) != 5 {
		t.Errorf("RemoveCriterion left %d criteria", len(sc.Criteria))
	}
}

func TestRound2(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{1.005, 1.01}, {2.675, 2.68}, {21.875, 21.88}, {-1.005, -1.01}, {63.749999, 63.75}, {0, 0}, {99.994, 99.99},
	}
	for _, tt := range tests {
		if got := Round2(tt.in); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Round2(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
