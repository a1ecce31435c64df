package core

import "testing"

func TestDefaultPlaysCoverEverySegmentAndTier(t *testing.T) {
	plays := DefaultPlays()
	for _, r := range Roles {
		for _, tier := range []Tier{Tier1, Tier2, Tier3} {
			types := map[PlayType]bool{}
			for _, p := range PlaysFor(plays, r, tier) {
				types[p.Type] = true
				if p.Owner == "" || p.Cadence == "" || p.KPI == "" || p.Name == "" {
					t.Errorf("play %+v lacks owner, cadence, KPI or name", p)
				}
				if err := p.Validate(); err != nil {
					t.Errorf("play %+v invalid: %v", p, err)
				}
			}
			for _, pt := range PlayTypes {
				if !types[pt] {
					t.Errorf("no %s play for %s in %s", pt, r, tier)
				}
			}
		}
		if len(PlaysFor(plays, r, Monitor)) == 0 {
			t.Errorf("no play for %s partners on the watch list", r)
		}
	}
}

func TestParsePlayType(t *testing.T) {
	for in, want := range map[string]PlayType{"Co-sell": CoSell, "co sell": CoSell, "Co-Marketing": CoMarketing, "enablement": Enablement, "Engagement": Engagement} {
		if got, ok := ParsePlayType(in); !ok || got != want {
			t.Errorf("ParsePlayType(%q) = %v, %v", in, got, ok)
		}
	}
}
