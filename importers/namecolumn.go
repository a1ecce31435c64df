package importers

import (
	"strings"
	"unicode"

	"partneratlas/core"
)

// likelyNameColumn proposes, when no header names the partners' column,
// the column whose sample cells look most like names: mostly filled, mostly
// distinct (a category repeats), text with letters, not numbers, dates,
// websites or e-mail addresses. It returns the column and two of its
// cells; ok is false when no column looks like names.
func likelyNameColumn(cols []Column, sample [][]string) (best Column, examples []string, ok bool) {
	bestScore := 0.0
	for _, c := range cols {
		var vals []string
		for _, r := range sample {
			if v := strings.TrimSpace(Cell(r, c.Index)); v != "" {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 || 10*len(vals) < 6*len(sample) {
			continue
		}
		distinct, named := map[string]bool{}, 0
		for _, v := range vals {
			distinct[strings.ToLower(v)] = true
			if looksLikeName(v) {
				named++
			}
		}
		nameShare := float64(named) / float64(len(vals))
		distinctShare := float64(len(distinct)) / float64(len(vals))
		if nameShare < 0.8 || (len(vals) > 3 && distinctShare < 0.8) {
			continue
		}
		score := nameShare * distinctShare * float64(len(vals)) / float64(len(sample))
		if score > bestScore {
			best, bestScore, ok = c, score, true
			examples = vals[:min(2, len(vals))]
		}
	}
	return best, examples, ok
}

// looksLikeName says whether a cell reads as a company's name: it has
// letters, and is not a number, a date, a yes/no, a website or an e-mail
// address.
func looksLikeName(v string) bool {
	if _, ok := ParseNumber(v); ok {
		return false
	}
	if _, ok := ParseDate(v, MonthFirst); ok {
		return false
	}
	if _, ok := ParseYesNo(v); ok {
		return false
	}
	if strings.ContainsAny(v, "@/") || (!strings.Contains(v, " ") && core.RegistrableDomain(v) != "") {
		return false
	}
	return strings.IndexFunc(v, unicode.IsLetter) >= 0
}
