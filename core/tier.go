package core

import "fmt"

// Tier is how much attention a partner gets.
type Tier string

// The four tiers, from most to least strategic.
const (
	Tier1   Tier = "Tier 1"
	Tier2   Tier = "Tier 2"
	Tier3   Tier = "Tier 3"
	Monitor Tier = "Monitor"
)

// Tiers lists the tiers from the top.
var Tiers = []Tier{Tier1, Tier2, Tier3, Monitor}

// Valid says whether t is one of the four tiers.
func (t Tier) Valid() bool {
	return t == Tier1 || t == Tier2 || t == Tier3 || t == Monitor
}

// Rank is the tier's position from the top: 0 for Tier 1, 3 for Monitor.
func (t Tier) Rank() int {
	for i, x := range Tiers {
		if x == t {
			return i
		}
	}
	return len(Tiers)
}

// Description says what a tier means for the partner team.
func (t Tier) Description() string {
	switch t {
	case Tier1:
		return "Strategic: joint plan, executive sponsor, co-sell"
	case Tier2:
		return "Growth: regular enablement and co-marketing"
	case Tier3:
		return "Scale: self-serve programs and light touch"
	case Monitor:
		return "Watch: review at the next cycle"
	}
	return ""
}

// ParseTier reads a tier as people write it: "Tier 1", "tier1", "T1", "1", "monitor".
func ParseTier(s string) (Tier, bool) {
	switch foldWord(s) {
	case "tier1", "t1", "1", "strategic":
		return Tier1, true
	case "tier2", "t2", "2":
		return Tier2, true
	case "tier3", "t3", "3":
		return Tier3, true
	case "monitor", "watch", "tier4", "t4", "4":
		return Monitor, true
	}
	return "", false
}

// Thresholds are the lowest scores that reach Tier 1, 2 and 3; anything
// below Tier3 is Monitor.
type Thresholds struct {
	Tier1, Tier2, Tier3 float64
}

// DefaultThresholds are the thresholds of a new ecosystem.
func DefaultThresholds() Thresholds { return Thresholds{Tier1: 75, Tier2: 55, Tier3: 35} }

// Validate says what is wrong with the thresholds, in words for the user.
func (th Thresholds) Validate() error {
	if !(th.Tier1 > th.Tier2 && th.Tier2 > th.Tier3) {
		return fmt.Errorf("tier thresholds must fall from Tier 1 to Tier 3 (they are %g, %g, %g)", th.Tier1, th.Tier2, th.Tier3)
	}
	if th.Tier3 < 0 || th.Tier1 > 100 {
		return fmt.Errorf("tier thresholds must lie between 0 and 100")
	}
	return nil
}

// With returns the thresholds with tier t's set to v (Monitor has none and
// changes nothing). It does not validate: see Validate.
func (th Thresholds) With(t Tier, v float64) Thresholds {
	switch t {
	case Tier1:
		th.Tier1 = v
	case Tier2:
		th.Tier2 = v
	case Tier3:
		th.Tier3 = v
	}
	return th
}

// For returns the highest tier whose threshold the score reaches.
func (th Thresholds) For(score float64) Tier {
	switch {
	case score >= th.Tier1:
		return Tier1
	case score >= th.Tier2:
		return Tier2
	case score >= th.Tier3:
		return Tier3
	}
	return Monitor
}

// Of returns the threshold of a tier (0 for Monitor).
func (th Thresholds) Of(t Tier) float64 {
	switch t {
	case Tier1:
		return th.Tier1
	case Tier2:
		return th.Tier2
	case Tier3:
		return th.Tier3
	}
	return 0
}

// TopTierBand is the number of partners a well-defined ecosystem keeps in
// Tier 1 and Tier 2 together.
const (
	TopTierMin = 10
	TopTierMax = 20
)

// BandCheck says whether Tier 1 + Tier 2 hold 10–20 partners and, when not,
// what to do about it.
type BandCheck struct {
	Top     int // partners in Tier 1 and Tier 2
	InBand  bool
	Message string
}

// CheckBand looks at the tier counts.
func CheckBand(counts map[Tier]int) BandCheck {
	top := counts[Tier1] + counts[Tier2]
	b := BandCheck{Top: top, InBand: top >= TopTierMin && top <= TopTierMax}
	switch {
	case top < TopTierMin:
		b.Message = fmt.Sprintf("Tier 1 and Tier 2 hold %s partners, fewer than %d: too few high-fit partners to build the ecosystem on. Lower the thresholds or find more partners.", Thousands(top), TopTierMin)
	case top > TopTierMax:
		b.Message = fmt.Sprintf("Tier 1 and Tier 2 hold %s partners, more than %d: too many to serve well. Raise the thresholds or sharpen the scorecard.", Thousands(top), TopTierMax)
	default:
		b.Message = fmt.Sprintf("Tier 1 and Tier 2 hold %s partners, within the %d–%d band.", Thousands(top), TopTierMin, TopTierMax)
	}
	return b
}

// Colour is the tier's colour as a hex RGB string ("#1B7F5F"), the same in
// the app's chips and charts and in the exported workbook; "" for no tier.
func (t Tier) Colour() string {
	switch t {
	case Tier1:
		return "#1B7F5F"
	case Tier2:
		return "#2F6DB5"
	case Tier3:
		return "#C7882A"
	case Monitor:
		return "#8A8F98"
	}
	return ""
}
