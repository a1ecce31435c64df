package core

import (
	"reflect"
	"testing"
)

func TestTierConfidence(t *testing.T) {
	e := NewEcosystem("Test", today)
	far := scored("Far from every threshold", 5) // 100
	onEdge := &Partner{Name: "On the Tier 1 threshold", Values: Values{{SharedICP, 5}, {CustomerOverlap, 5}, {ProductAlignment, 3}, {RevenuePotential, 2}}}
	// 35 + 25 + 10 + 5 = 75 exactly: about half the perturbations push it under.
	mixed := &Partner{Name: "Mixed", Values: Values{{SharedICP, 5}, {CustomerOverlap, 5}, {ProductAlignment, 1}, {RevenuePotential, 1}}}
	// 60: Tier 2; perturbations move it by a few points only.
	e.Partners = []*Partner{far, onEdge, mixed, {Name: "Empty"}}
	got := e.TierConfidence()
	if got[0] != 1 {
		t.Errorf("confidence of a 100 score = %v, want 1", got[0])
	}
	if got[1] < 0.2 || got[1] > 0.8 {
		t.Errorf("confidence on the threshold = %v, want near 0.5", got[1])
	}
	if got[2] <= 0.5 || got[2] > 1 {
		t.Errorf("confidence of 60 = %v, want high", got[2])
	}
	if got[3] != 1 {
		t.Errorf("confidence of a partner with no values = %v, want 1 (0 stays 0)", got[3])
	}
	if again := e.TierConfidence(); !reflect.DeepEqual(got, again) {
		t.Errorf("TierConfidence is not reproducible: %v then %v", got, again)
	}
}

func TestTierConfidenceEqualWeightsOnScoreOfAllEqualValues(t *testing.T) {
	// A partner with all values equal has the same score under any weights:
	// confidence 1 even on a threshold.
	e := NewEcosystem("Test", today)
	e.Partners = []*Partner{scored("Flat", 4)}
	e.Thresholds.Tier1 = 75
	if got := e.TierConfidence(); got[0] != 1 {
		t.Errorf("confidence = %v, want 1", got[0])
	}
}

// TestTierConfidenceOfAlikePartners: partners rated alike are worked out
// once; the result is the one each partner gets on its own (here, alone in
// an ecosystem of one), with missing and fractional values and overrides.
func TestTierConfidenceOfAlikePartners(t *testing.T) {
	e := randomEcosystem(600)
	for i, p := range e.Partners {
		switch i % 7 {
		case 0:
			p.ClearValue(SharedICP)
		case 1:
			p.SetValue(CustomerOverlap, 2.5)
		case 2:
			p.Override = Tier1
		}
	}
	e.Partners = append(e.Partners, e.Partners[:50]...) // exact repeats
	got := e.TierConfidence()
	for i, p := range e.Partners {
		alone := *e
		alone.Partners = []*Partner{p}
		if want := alone.TierConfidence()[0]; got[i] != want {
			t.Fatalf("%s: %v among all, %v alone", p.Name, got[i], want)
		}
	}
}

// BenchmarkTierConfidence10k: 1,000 perturbations over 10,000 partners.
// Target ≤ 200 ms.
func BenchmarkTierConfidence10k(b *testing.B) {
	e := randomEcosystem(10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = e.TierConfidence()
	}
}
