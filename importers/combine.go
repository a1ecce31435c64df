package importers

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"partneratlas/core"
)

// Combine merges several results into one ecosystem. When a result holds a
// Plan, that plan is the base (its scorecard, thresholds, plays, maturity and
// review) and its partners come first; else the base is
// a new ecosystem named after the first file. Rows of every result are
// merged with core.Merge (same registrable domain, else same normalised
// name), so a partner found in two files has two sources. Each disagreement
// core.Merge reports becomes a Problem of Kind Conflict, placed at the row
// whose value was not kept. Each Result keeps its own Problems; Combine
// returns only what the merge found.
func Combine(results []*Result, today time.Time) (*core.Ecosystem, []Problem) {
	var eco *core.Ecosystem
	var base *Result
	var problems []Problem
	for _, r := range results {
		if r == nil || r.Plan == nil {
			continue
		}
		if base == nil {
			base, eco = r, r.Plan.Clone()
			continue
		}
		problems = append(problems, Problem{Kind: Conflict, File: r.File, Message: fmt.Sprintf(
			"this is a second plan workbook: its partners were added, but the scorecard, tier thresholds, plays, maturity and review dates of %s were kept.", base.File)})
	}
	if eco == nil {
		eco = core.NewEcosystem(ecosystemName(results), today)
	}
	var rows []*core.Partner
	if base != nil {
		rows = append(rows, base.Plan.Partners...)
	}
	for _, r := range results {
		if r == nil || r == base {
			continue
		}
		if r.Plan != nil {
			rows = append(rows, r.Plan.Partners...)
		} else {
			rows = append(rows, r.Partners...)
		}
	}
	merged, conflicts := core.Merge(rows)
	eco.Partners = merged
	for _, c := range conflicts {
		field := c.Field
		if crit, ok := eco.Scorecard.Find(c.Field); ok {
			field = crit.Name // a criterion, named as the scorecard names it
		}
		problems = append(problems, Problem{
			Kind: Conflict, File: c.OtherAt.File, Sheet: c.OtherAt.Sheet, Row: c.OtherAt.Row,
			Message: fmt.Sprintf("%s has %s %s here but %s in %s; %s was kept. Correct the one that is wrong and import again.",
				c.Partner, field, quote(c.Other), quote(c.Kept), c.KeptAt, quote(c.Kept)),
		})
	}
	return eco, problems
}

// ecosystemName names a new ecosystem after the first file it is built
// from, "partners-2026.xlsx" giving "partners-2026", so the workbook's title
// says what it came from.
func ecosystemName(results []*Result) string {
	for _, r := range results {
		if r != nil && r.File != "" {
			base := filepath.Base(r.File)
			if name := strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base))); name != "" {
				return name
			}
		}
	}
	return "Partner ecosystem"
}
