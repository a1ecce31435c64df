package core

import (
	"fmt"
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

// Merge folds rows that describe the same partner (same registrable domain,
// else same normalised name) into one partner whose sources name every file
// and row. The first row's values win; every disagreement is reported.
// Partners are returned in the order they first appear. Rows with neither a
// domain nor a name are kept as they are.
func Merge(rows []*Partner) ([]*Partner, []Conflict) {
	var out []*Partner
	var conflicts []Conflict
	byKey := map[string]*Partner{}
	byName := map[string]*Partner{}
	for _, row := range rows {
		key := MatchKey(row)
		into := byKey[key]
		if into == nil && key != "" {
			// A row without a website joins the partner of the same name.
			into = byName[NormaliseName(row.Name)]
			if into != nil && row.Domain != "" && into.Domain != "" {
				into = nil // same name, different companies' domains
			}
		}
		if into == nil || key == "" {
			p := row.Clone()
			out = append(out, p)
			if key != "" {
				byKey[key] = p
			}
			if n := NormaliseName(p.Name); n != "" && byName[n] == nil {
				byName[n] = p
			}
			continue
		}
		conflicts = mergeInto(into, row, conflicts)
		if row.Domain != "" && into.Domain == "" {
			into.Domain, into.Website = row.Domain, row.Website
			byKey[MatchKey(into)] = into
		}
	}
	return out, conflicts
}

// mergeInto adds row's facts to p, recording disagreements.
func mergeInto(p, row *Partner, conflicts []Conflict) []Conflict {
	first := Source{}
	if len(p.Sources) > 0 {
		first = p.Sources[0]
	}
	at := Source{}
	if len(row.Sources) > 0 {
		at = row.Sources[0]
	}
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
	} else if row.Website != "" && RegistrableDomain(p.Website) != RegistrableDomain(row.Website) {
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
	for k, v := range row.Values {
		if old, ok := p.Values[k]; !ok {
			p.SetValue(k, v)
		} else if old != v {
			report(strings.ReplaceAll(k, "_", " "), strconv.FormatFloat(old, 'f', -1, 64), strconv.FormatFloat(v, 'f', -1, 64))
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

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
