package core

import (
	"strings"
	"testing"
)

func TestThresholdsFor(t *testing.T) {
	th := DefaultThresholds()
	tests := []struct {
		score float64
		want  Tier
	}{
		{100, Tier1}, {75, Tier1}, {74.99, Tier2}, {55, Tier2}, {54.99, Tier3}, {35, Tier3}, {34.99, Monitor}, {0, Monitor},
	}
	for _, tt := range tests {
		if got := th.For(tt.score); got != tt.want {
			t.Errorf("For(%v) = %v, want %v", tt.score, got, tt.want)
		}
	}
}

func TestThresholdsValidate(t *testing.T) {
	if err := DefaultThresholds().Validate(); err != nil {
		t.Errorf("default thresholds invalid: %v", err)
	}
	for _, th := range []Thresholds{{50, 60, 30}, {80, 60, 60}, {120, 60, 30}, {80, 60, -1}} {
		if th.Validate() == nil {
			t.Errorf("Validate(%v) = nil, want an error", th)
		}
	}
}

func TestCheckBand(t *testing.T) {
	tests := []struct {
		t1, t2 int
		inBand bool
		word   string
	}{
		{2, 3, false, "fewer"}, {4, 6, true, "within"}, {5, 15, true, "within"}, {8, 13, false, "more"},
	}
	for _, tt := range tests {
		b := CheckBand(map[Tier]int{Tier1: tt.t1, Tier2: tt.t2, Tier3: 40})
		if b.InBand != tt.inBand || b.Top != tt.t1+tt.t2 || !strings.Contains(b.Message, tt.word) {
			t.Errorf("CheckBand(%d+%d) = %+v, want inBand %v and %q", tt.t1, tt.t2, b, tt.inBand, tt.word)
		}
	}
}

func TestParseTier(t *testing.T) {
	for in, want := range map[string]Tier{"Tier 1": Tier1, "tier1": Tier1, "T2": Tier2, "3": Tier3, "monitor": Monitor, "MONITOR": Monitor} {
		if got, ok := ParseTier(in); !ok || got != want {
			t.Errorf("ParseTier(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := ParseTier("gold"); ok {
		t.Errorf("ParseTier(gold) succeeded")
	}
}

func TestSetOverrideNeedsReason(t *testing.T) {
	p := &Partner{Name: "Acme"}
	if err := p.SetOverride(Tier1, "  "); err == nil {
		t.Errorf("SetOverride without a reason succeeded")
	}
	if err := p.SetOverride(Tier("Gold"), "x"); err == nil {
		t.Errorf("SetOverride to an unknown tier succeeded")
	}
	if err := p.SetOverride(Tier1, "Strategic bet of the CEO"); err != nil || p.Override != Tier1 {
		t.Errorf("SetOverride = %v, override %v", err, p.Override)
	}
	if err := p.SetOverride("", ""); err != nil || p.Override != "" || p.OverrideReason != "" {
		t.Errorf("clearing the override left %q %q", p.Override, p.OverrideReason)
	}
}
