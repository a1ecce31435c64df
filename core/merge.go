package core

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Conflict is a field on which two rows of the same partner disagree. The
// merge keeps the first value and reports the other.
type Conflict struct {
	Partner string
	Field   string
	Kept    string
	KeptAt  Source
	Other   string
	OtherAt Source
}

// String says what disagreed, where, and which value was kept.
func (c Conflict) String() string {
	return fmt.Sprintf("%s: %s is %q in %s but %q in %s; kept %q.",
		c.Partner, c.Field, c.Kept, c.KeptAt, c.Other, c.OtherAt, c.Kept)
}

// MatchKey is what makes two rows the same partner: the registrable domain
// when there is one, else the normalised name.
func MatchKey(p *Partner) string {
	if p.Domain != "" {
		return "domain:" + p.Domain
	}
	if n := NormaliseName(p.Name); n != "" {
		return "name:" + n
	}
	return ""
}

// MergedRow says that a row was folded into the partner of an earlier row,
// and why: no row of an input disappears without a line that names it.
type MergedRow struct {
	Name    string // the row's name
	Row     Source
	Partner string // the partner it joined
	Into    Source // that partner's first row
	Reason  string
}

// String says it in a sentence.
func (m MergedRow) String() string {
	return fmt.Sprintf("%s (%s) is the same partner as %s (%s): %s; its values were merged into it.", m.Name, m.Row, m.Partner, m.Into, m.Reason)
}

// Merged is rows folded into partners, and the partners kept apart that
// look alike.
type Merged struct {
	Partners  []*Partner
	Conflicts []Conflict
	Rows      []MergedRow
	Possible  []PossibleDuplicate
}

// Merge folds rows that are the same partner beyond doubt into one partner
// whose sources name every file and row: the same name (PartnerName: case,
// accents, punctuation and legal forms aside, but Group, Holdings and
// Company kept) on no website or websites of one domain, or the same
// website host with names that agree (one's words start the other's). Rows
// the user decided are one partner (same) are folded too. Everything else
// that looks alike is kept apart, for the user to review (LookAlike). The
// first row's values win; every disagreement is reported, and every row
// folded into another is listed. Partners are returned in the order they
// first appear; rows with neither a domain nor a name are kept as they are.
// Rows are not changed: the partners returned are copies.
func Merge(rows []*Partner, same SamePartners) Merged {
	return mergeRows(cloneEvery(rows), same)
}

// cloneEvery clones partners on every core.
func cloneEvery(ps []*Partner) []*Partner {
	copies := make([]*Partner, len(ps))
	inParallel(len(ps), perCore(len(ps), 2048), func(lo, hi int) {
		copy(copies[lo:hi], cloneAll(ps[lo:hi]))
	})
	return copies
}

// mergeRows is Merge on rows it may change: the partners it returns are
// rows, those that others were merged into changed.
func mergeRows(rows []*Partner, same SamePartners) Merged {
	var m Merged
	ix := newLookalikeIndex(len(rows))
	// Each row's keys, on every core; the merge itself is one pass, in
	// order.
	keys := make([]partnerKeys, len(rows))
	inParallel(len(rows), perCore(len(rows), 2048), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = keysOf(rows[i])
		}
	})
	// The disagreements, in blocks joined once at the end: a list grown by
	// doubling copied 140,000 of them over and over (half a second).
	var blocks [][]Conflict
	conflicts := make([]Conflict, 0, 64)
	for r, row := range rows {
		k := keys[r]
		i, reason := ix.sameAs(row, k, same)
		if i < 0 {
			m.Partners = append(m.Partners, row)
			m.Possible = ix.possible(m.Possible, row, k, same)
			ix.add(row, k)
			continue
		}
		into := ix.entries[i].p
		at, first := firstSource(row), firstSource(into)
		if at != first { // the same list imported twice says nothing
			m.Rows = append(m.Rows, MergedRow{Name: row.Name, Row: at, Partner: into.Name, Into: first, Reason: reason})
		}
		conflicts = mergeInto(into, row, conflicts)
		if len(conflicts) >= conflictBlock {
			blocks = append(blocks, conflicts)
			conflicts = make([]Conflict, 0, conflictBlock+16)
		}
		if row.Domain != "" && into.Domain == "" {
			into.Domain, into.Website = row.Domain, row.Website
			ix.rekey(i)
		}
	}
	if len(blocks) == 0 {
		m.Conflicts = conflicts
	} else {
		m.Conflicts = slices.Concat(append(blocks, conflicts)...)
	}
	if len(m.Conflicts) == 0 {
		m.Conflicts = nil
	}
	return m
}

// conflictBlock is how many disagreements Merge gathers before starting a
// new block.
const conflictBlock = 4096

// mergeInto adds row's facts to p, recording disagreements.
func mergeInto(p, row *Partner, conflicts []Conflict) []Conflict {
	first, at := firstSource(p), firstSource(row)
	report := func(field, kept, other string) {
		conflicts = append(conflicts, Conflict{Partner: p.Name, Field: field, Kept: kept, KeptAt: first, Other: other, OtherAt: at})
	}
	text := func(field string, dst *string, v string) {
		switch {
		case v == "":
		case *dst == "":
			*dst = v
		case *dst != v:
			report(field, *dst, v)
		}
	}
	if NormaliseName(p.Name) != NormaliseName(row.Name) && row.Name != "" {
		report("name", p.Name, row.Name)
	}
	if p.Website == "" {
		p.Website = row.Website
	} else if row.Website != "" && p.Domain != row.Domain {
		report("website", p.Website, row.Website)
	}
	text("owner", &p.Owner, row.Owner)
	text("region", &p.Region, row.Region)
	if p.Formal != row.Formal {
		report("formal partner", yesNo(p.Formal), yesNo(row.Formal))
	}
	for _, r := range row.Roles {
		if !p.HasRole(r) {
			p.Roles = append(p.Roles, r)
		}
	}
	for _, v := range row.Values {
		if old, ok := p.Value(v.Key); !ok {
			p.SetValue(v.Key, v.Value)
		} else if old != v.Value {
			report(criterionField(v.Key), strconv.FormatFloat(old, 'f', -1, 64), strconv.FormatFloat(v.Value, 'f', -1, 64))
		}
	}
	if row.Override != "" {
		if p.Override == "" {
			p.Override, p.OverrideReason = row.Override, row.OverrideReason
		} else if p.Override != row.Override {
			report("tier override", string(p.Override), string(row.Override))
		}
	}
	for _, x := range row.Extras {
		if old, ok := p.Extra(x.Column); !ok {
			p.Extras = append(p.Extras, x)
		} else if old != x.Value && x.Value != "" {
			if old == "" {
				p.Extras = slices.Clone(p.Extras) // shared with copies of p (see Partner)
				for i := range p.Extras {
					if strings.EqualFold(p.Extras[i].Column, x.Column) {
						p.Extras[i].Value = x.Value
					}
				}
			} else {
				report(x.Column, old, x.Value)
			}
		}
	}
	p.Sources = append(p.Sources, row.Sources...)
	return conflicts
}

// criterionField names a criterion in a conflict before Combine names it
// as the scorecard does: its key in words.
func criterionField(key string) string { return strings.ReplaceAll(key, "_", " ") }

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
