package core

import (
	"fmt"
	"sort"
	"strings"
)

// MissingCriterion is a criterion of the scorecard some partners have no
// value for. A partner without a value counts the criterion's minimum, so a
// criterion no imported column held pulls every score down without a word
// unless it is said: the front ends say it first.
type MissingCriterion struct {
	Criterion Criterion
	Share     float64 // its weight as a share of the total, 0–1
	Partners  int     // partners without a value
	Of        int     // all partners
}

// NoColumn says no partner has a value: no column of the lists held it.
func (m MissingCriterion) NoColumn() bool { return m.Partners == m.Of }

// String says what is missing and what to do, in a sentence.
func (m MissingCriterion) String() string {
	what := fmt.Sprintf("%s (%.0f%% of the score)", m.Criterion.Name, 100*m.Share)
	if m.NoColumn() {
		return fmt.Sprintf("%s has no value for any of the %d partners: no column of the imported lists held it, so every partner counts the minimum (%g) on it and the tiers are lower than they should be. Map the column that holds it in the import preview (on the command line: --column \"HEADER=%s\"), or type the values in Evaluate.",
			what, m.Of, m.Criterion.Min, m.Criterion.Name)
	}
	return fmt.Sprintf("%s has no value for %d of the %d partners; they count the minimum (%g) on it. Fill them in Evaluate.", what, m.Partners, m.Of, m.Criterion.Min)
}

// MissingCriteria lists the criteria with partners that have no value for
// them: those no column held first, then by weight.
func (e *Ecosystem) MissingCriteria() []MissingCriterion {
	missing := make([]int, len(e.Scorecard.Criteria))
	for i, c := range e.Scorecard.Criteria {
		for _, p := range e.Partners {
			if _, ok := p.Value(c.Key); !ok {
				missing[i]++
			}
		}
	}
	return e.missingCriteria(missing)
}

// MissingCriteriaIn is MissingCriteria from the counts ev made while it
// scored: a screen that has just evaluated does not read every value again.
// An evaluation of another scorecard or list counts afresh.
func (e *Ecosystem) MissingCriteriaIn(ev Evaluation) []MissingCriterion {
	if len(ev.Missing) != len(e.Scorecard.Criteria) || len(ev.Results) != len(e.Partners) {
		return e.MissingCriteria()
	}
	return e.missingCriteria(ev.Missing)
}

// missingCriteria lists the weighted criteria of positive missing counts,
// those no column held first, then by weight.
func (e *Ecosystem) missingCriteria(missing []int) []MissingCriterion {
	if len(e.Partners) == 0 {
		return nil
	}
	var out []MissingCriterion
	for i, c := range e.Scorecard.Criteria {
		if n := missing[i]; n > 0 && c.Weight > 0 {
			out = append(out, MissingCriterion{Criterion: c, Share: e.Scorecard.Share(i), Partners: n, Of: len(e.Partners)})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].NoColumn() != out[b].NoColumn() {
			return out[a].NoColumn()
		}
		return out[a].Share > out[b].Share
	})
	return out
}

// MissingValues names the criteria partner p has no value for, in the
// scorecard's order: what "incomplete" means for it.
func (e *Ecosystem) MissingValues(p *Partner) []string {
	var out []string
	for _, c := range e.Scorecard.Criteria {
		if _, ok := p.Value(c.Key); !ok && c.Weight > 0 {
			out = append(out, c.Name)
		}
	}
	return out
}

// IncompleteText is what a partner's confidence says when it misses values
// (see MissingValues): "Incomplete: no Shared ICP". A percentage would claim
// a certainty its score does not have; the workbook, the CSV and the app
// all say this instead.
func IncompleteText(missing []string) string {
	return "Incomplete: no " + strings.Join(missing, ", no ")
}
