package core

import (
	"path/filepath"
	"strings"
	"time"
)

// Input is one file's part in an ecosystem being put together: a plan
// workbook restored whole, or the rows of a partner list.
type Input struct {
	File     string
	Plan     *Ecosystem // set when the file is a plan: its settings and partners
	Partners []*Partner // the rows of a partner list; unused when Plan is set
	// Take gives the input to Combine: its plan and partners become the
	// result's, changed where rows merge, instead of being copied. It is
	// for inputs read for this merge alone, as the app and the command line
	// read theirs; copying 100,000 partners was a third of the merge.
	Take bool
}

// Combined is an ecosystem put together from inputs, and what the merge met
// on the way.
type Combined struct {
	Ecosystem *Ecosystem
	// Base is the file of the plan whose settings the ecosystem has; "" when
	// no input was a plan and the ecosystem is new.
	Base string
	// Conflicts are the fields on which two rows of one partner disagree.
	// A criterion is named as the scorecard names it.
	Conflicts []Conflict
	// Merged are the rows folded into a partner of another row, and why;
	// Possible the partners that look alike but were kept apart.
	Merged   []MergedRow
	Possible []PossibleDuplicate
	// ExtraPlans are the files of the plans after the first: their partners
	// were added, their scorecard, thresholds, plays, maturity and review
	// were not.
	ExtraPlans []string
}

// Combine puts inputs together into one ecosystem. The first plan among them
// is the base: its scorecard, thresholds, plays, maturity and review, and its
// partners first; with no plan the ecosystem is new, named after the first
// file. The partners of every input are then merged by Merge (rows that are
// the same partner beyond doubt, or that the base plan's verdicts say are
// one), so a partner found in two files has two sources; partners that
// only look alike are kept apart and listed. Inputs are copied, never
// changed, unless they are given (Take).
//
// same are verdicts the caller adds to the base plan's (the command line's
// --same and --apart); they are kept in the ecosystem.
func Combine(inputs []Input, today time.Time, same SamePartners) Combined {
	var c Combined
	base := -1
	for i, in := range inputs {
		if in.Plan == nil {
			continue
		}
		if base < 0 {
			base, c.Base = i, in.File
			continue
		}
		c.ExtraPlans = append(c.ExtraPlans, in.File)
	}
	var rows []*Partner
	if base >= 0 {
		if in := inputs[base]; in.Take {
			c.Ecosystem = in.Plan
		} else {
			c.Ecosystem = in.Plan.Clone() // its partners are copies: rows to merge as they are
		}
		rows = append(rows, c.Ecosystem.Partners...)
	} else {
		c.Ecosystem = NewEcosystem(nameAfter(inputs), today)
	}
	for i, in := range inputs {
		if i == base {
			continue
		}
		partners := in.Partners
		if in.Plan != nil {
			partners = in.Plan.Partners
		}
		if !in.Take {
			partners = cloneEvery(partners)
		}
		rows = append(rows, partners...)
	}
	for k, v := range same {
		if c.Ecosystem.SamePartners == nil {
			c.Ecosystem.SamePartners = SamePartners{}
		}
		c.Ecosystem.SamePartners[k] = v
	}
	m := mergeRows(rows, c.Ecosystem.SamePartners)
	c.Ecosystem.Partners = m.Partners
	// A criterion disagreed on is named as the scorecard names it.
	names := map[string]string{}
	for _, crit := range c.Ecosystem.Scorecard.Criteria {
		names[criterionField(crit.Key)] = crit.Name
	}
	for k := range m.Conflicts {
		if n, ok := names[m.Conflicts[k].Field]; ok {
			m.Conflicts[k].Field = n
		}
	}
	c.Conflicts, c.Merged, c.Possible = m.Conflicts, m.Rows, m.Possible
	return c
}

// nameAfter names a new ecosystem after the first file it is built from,
// "partners-2026.xlsx" giving "partners-2026", so the workbook's title says
// what it came from.
func nameAfter(inputs []Input) string {
	for _, in := range inputs {
		if in.File == "" {
			continue
		}
		base := filepath.Base(in.File)
		if name := strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base))); name != "" {
			return name
		}
	}
	return "Partner ecosystem"
}
