package core

import "testing"

func TestMaturityTextsComplete(t *testing.T) {
	for _, d := range Dimensions {
		for _, s := range Stages {
			if d.StageText(s) == "" || d.NextStep(s) == "" {
				t.Errorf("%s at %s lacks text", d, s)
			}
		}
	}
	if ParseStageMust(t, "Strategic") != Strategic || ParseStageMust(t, "2") != Emerging || ParseStageMust(t, "1 Undefined") != Undefined {
		t.Errorf("ParseStage failed")
	}
}

func ParseStageMust(t *testing.T, s string) Stage {
	st, ok := ParseStage(s)
	if !ok {
		t.Errorf("ParseStage(%q) failed", s)
	}
	return st
}

func TestAssessMaturity(t *testing.T) {
	empty := NewEcosystem("Empty", today)
	full := randomEcosystem(15)
	for i, p := range full.Partners {
		for _, c := range full.Scorecard.Criteria {
			p.SetValue(c.Key, float64(3+i%3)) // complete; scores 50, 75, 100
		}
		p.Formal = i%5 != 0
	}
	tests := []struct {
		name string
		e    *Ecosystem
		want map[Dimension]Stage
	}{
		{"empty", empty, map[Dimension]Stage{Clarity: Undefined, Segmentation: Undefined, Prioritization: Undefined, ProgramDesign: Undefined, Measurement: Undefined}},
		{"fifteen scored partners", full, map[Dimension]Stage{Clarity: Strategic, Segmentation: Strategic, Prioritization: Strategic, ProgramDesign: Strategic, Measurement: Undefined}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.e.AssessMaturity(tt.e.Evaluate())
			if len(got) != len(Dimensions) {
				t.Fatalf("got %d assessments", len(got))
			}
			for _, a := range got {
				if a.Proposed != tt.want[a.Dimension] {
					t.Errorf("%s proposed %s, want %s (evidence: %s)", a.Dimension, a.Proposed, tt.want[a.Dimension], a.Evidence)
				}
				if a.Evidence == "" || a.NextStep == "" {
					t.Errorf("%s lacks evidence or next step", a.Dimension)
				}
			}
		})
	}
}

func TestMaturityHeldPrefersRating(t *testing.T) {
	e := randomEcosystem(3)
	e.Maturity.Rate(Measurement, Emerging)
	for _, a := range e.AssessMaturity(e.Evaluate()) {
		if a.Dimension == Measurement {
			if a.Held() != Emerging || a.Proposed != Undefined || a.NextStep != Measurement.NextStep(Emerging) {
				t.Errorf("Measurement = %+v", a)
			}
		}
	}
	e.Maturity.Rate(Measurement, Unrated)
	if _, ok := e.Maturity.Ratings[Measurement]; ok {
		t.Errorf("Rate(Unrated) kept the rating")
	}
}
