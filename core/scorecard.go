package core

import (
	"fmt"
	"math"
	"strings"
)

// Criterion is one line of the weighted scorecard.
type Criterion struct {
	// Key names the criterion inside the app and the workbook; it does not
	// change when the criterion is renamed.
	Key         string
	Name        string
	Description string
	// Weight is relative: scores divide by the sum of all weights, so weights
	// read as percentages when they sum to 100.
	Weight float64
	Min    float64
	Max    float64
	// Aliases are other headers a list may give the criterion's column
	// ("ICP fit" for Shared ICP), so an import maps it instead of leaving
	// every partner at the minimum.
	Aliases []string
}

// Keys of the default criteria.
const (
	SharedICP        = "shared_icp"
	CustomerOverlap  = "customer_overlap"
	ProductAlignment = "product_alignment"
	RevenuePotential = "revenue_potential"
)

// Scorecard is the weighted list of criteria every partner is scored on.
type Scorecard struct {
	Criteria []Criterion
}

// DefaultScorecard is the scorecard a new ecosystem starts with: four criteria
// on 1–5 with unequal weights that sum to 100. Shared ICP weighs most because a
// partner whose customers are not ours cannot help whatever else it brings.
func DefaultScorecard() Scorecard {
	return Scorecard{Criteria: []Criterion{
		{Key: SharedICP, Name: "Shared ICP", Weight: 35, Min: 1, Max: 5,
			Description: "How closely the partner's customers match our ideal customer profile (1 = not at all, 5 = the same buyers).",
			Aliases: []string{"ICP", "ICP fit", "ICP match", "ICP score", "Shared ICP fit", "Customer fit", "Ideal customer fit",
				"Ideal customer profile", "Target customer fit", "Audience fit", "Buyer fit"}},
		{Key: CustomerOverlap, Name: "Customer overlap", Weight: 25, Min: 1, Max: 5,
			Description: "How many of our customers and prospects already use or buy from the partner (1 = none, 5 = most).",
			Aliases: []string{"Overlap", "Account overlap", "Customer base overlap", "Shared customers", "Common customers",
				"Overlap score", "Customer overlap score"}},
		{Key: ProductAlignment, Name: "Product alignment", Weight: 20, Min: 1, Max: 5,
			Description: "How well the partner's product or service fits ours in a customer's journey (1 = unrelated, 5 = essential together).",
			Aliases: []string{"Product fit", "Solution fit", "Technical fit", "Tech fit", "Integration fit", "Product synergy",
				"Product alignment score"}},
		{Key: RevenuePotential, Name: "Revenue potential", Weight: 20, Min: 1, Max: 5,
			Description: "Pipeline and revenue the partner can source or influence in the next year (1 = none, 5 = a major channel).",
			Aliases: []string{"Revenue opportunity", "Revenue potential score", "Potential revenue", "Sales potential",
				"Pipeline potential", "Deal potential", "Revenue impact"}},
	}}
}

// Clone returns a copy that can be edited without touching s.
func (s Scorecard) Clone() Scorecard {
	c := Scorecard{Criteria: append([]Criterion(nil), s.Criteria...)}
	for i := range c.Criteria {
		c.Criteria[i].Aliases = append([]string(nil), c.Criteria[i].Aliases...)
	}
	return c
}

// TotalWeight is the sum of the weights.
func (s Scorecard) TotalWeight() float64 {
	var t float64
	for _, c := range s.Criteria {
		t += c.Weight
	}
	return t
}

// Share is a criterion's weight as a share of the total, 0–1.
func (s Scorecard) Share(i int) float64 {
	t := s.TotalWeight()
	if t == 0 {
		return 0
	}
	return s.Criteria[i].Weight / t
}

// Index returns the position of the criterion with key, or -1.
func (s Scorecard) Index(key string) int {
	for i, c := range s.Criteria {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// Find returns the criterion whose name or key matches name, else one of
// whose aliases does, ignoring case and punctuation, as importers match a
// column header to a criterion.
func (s Scorecard) Find(name string) (Criterion, bool) {
	f := foldWord(name)
	if f == "" {
		return Criterion{}, false
	}
	for _, c := range s.Criteria {
		if foldWord(c.Name) == f || foldWord(c.Key) == f {
			return c, true
		}
	}
	for _, c := range s.Criteria {
		for _, a := range c.Aliases {
			if foldWord(a) == f {
				return c, true
			}
		}
	}
	return Criterion{}, false
}

// Validate says what is wrong with the scorecard, in words for the user.
func (s Scorecard) Validate() error {
	if len(s.Criteria) == 0 {
		return fmt.Errorf("the scorecard has no criteria")
	}
	keys := map[string]bool{}
	for _, c := range s.Criteria {
		if strings.TrimSpace(c.Key) == "" || strings.TrimSpace(c.Name) == "" {
			return fmt.Errorf("every criterion needs a name")
		}
		if keys[c.Key] {
			return fmt.Errorf("two criteria are both called %q", c.Name)
		}
		keys[c.Key] = true
		if c.Weight < 0 || math.IsNaN(c.Weight) || math.IsInf(c.Weight, 0) {
			return fmt.Errorf("the weight of %q must be zero or more", c.Name)
		}
		if !(c.Max > c.Min) {
			return fmt.Errorf("the scale of %q must go from a lower to a higher number (it is %g to %g)", c.Name, c.Min, c.Max)
		}
	}
	if s.TotalWeight() <= 0 {
		return fmt.Errorf("at least one criterion needs a weight above zero")
	}
	return nil
}

// AddCriterion appends a criterion named name on a 1–5 scale with the given
// weight and returns it. Its key is derived from the name and made unique.
func (s *Scorecard) AddCriterion(name string, weight float64) Criterion {
	base := criterionKey(name)
	key := base
	for n := 2; s.Index(key) >= 0; n++ {
		key = fmt.Sprintf("%s_%d", base, n)
	}
	c := Criterion{Key: key, Name: strings.TrimSpace(name), Weight: weight, Min: 1, Max: 5}
	s.Criteria = append(s.Criteria, c)
	return c
}

// RemoveCriterion drops the criterion with key. Partner values for it are
// kept, so undoing the removal restores them.
func (s *Scorecard) RemoveCriterion(key string) {
	if i := s.Index(key); i >= 0 {
		s.Criteria = append(s.Criteria[:i:i], s.Criteria[i+1:]...)
	}
}

// criterionKey turns a name into a key: "Co-sell readiness" → "co_sell_readiness".
func criterionKey(name string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	k := strings.TrimSuffix(b.String(), "_")
	if k == "" {
		k = "criterion"
	}
	return k
}

// Score computes a partner's score on 0–100, rounded to two decimals exactly
// as the workbook's ROUND formula does, and whether every criterion had a
// value. A missing value counts as the criterion's minimum; a value outside
// the scale is clamped to it.
//
//	score = 100 · Σ wᵢ·(vᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ
func (s Scorecard) Score(p *Partner) (score float64, complete bool) {
	return s.score(p, nil)
}

// score is Score, counting in missing (one count per criterion, when
// given) the criteria p has no value for: Evaluate learns what
// MissingCriteria says in the same pass over the values.
func (s Scorecard) score(p *Partner, missing []int) (score float64, complete bool) {
	total := 0.0
	sum := 0.0
	complete = true
	for i, c := range s.Criteria {
		total += c.Weight
		v, ok := p.Value(c.Key)
		if !ok {
			complete = false
			if missing != nil {
				missing[i]++
			}
			continue
		}
		sum += c.Weight * c.normalise(v)
	}
	if total <= 0 {
		return 0, complete
	}
	return Round2(100 * sum / total), complete
}

// normalise maps v onto 0–1 along the criterion's scale.
func (c Criterion) normalise(v float64) float64 {
	if c.Max <= c.Min {
		return 0
	}
	if v < c.Min {
		v = c.Min
	}
	if v > c.Max {
		v = c.Max
	}
	return (v - c.Min) / (c.Max - c.Min)
}

// Round2 rounds half away from zero to two decimals, as Excel's ROUND(x, 2).
func Round2(x float64) float64 {
	// Add a little below the float's own precision so that 12.345 stored as
	// 12.34499999… rounds like Excel, which rounds the decimal it shows.
	r := math.Round(x*100 + math.Copysign(1e-9, x))
	return r / 100
}
