package core

import (
	"fmt"
	"sort"
	"strings"
)

// Category is where a deal counts in the ecosystem's totals: each deal in
// exactly one, so sourced + influenced only + no partner = all deals.
type Category int

// The categories of a deal.
const (
	NoPartner Category = iota
	SourcedDeal
	InfluencedOnly
)

// String names the category as the Deals sheet writes it.
func (c Category) String() string {
	switch c {
	case SourcedDeal:
		return "Sourced"
	case InfluencedOnly:
		return "Influenced only"
	}
	return "No partner"
}

// Credit is one partner attached to a deal and what it is credited with.
type Credit struct {
	// Name is the partner as the export names it; Partner is its index in
	// the ecosystem's partners, -1 when the name matches no partner.
	Name    string
	Partner int
	Sourced bool // the sourcing partner; else an influencer
	// Share is the part of the deal the partner is credited with under the
	// model: 1 for the whole amount.
	Share float64
}

// Attribution is a deal's partners, resolved: who sourced it, who
// influenced it, and the category it counts in.
type Attribution struct {
	Category Category
	Credits  []Credit // the sourcing partner first, when there is one
}

// attributor resolves the partner names of deals: each name once, however
// many deals carry it (an export names a few hundred partners across a
// million deals).
type attributor struct {
	e       *Ecosystem
	model   CreditModel
	byName  map[string]int // NormaliseName → partner
	byDmn   map[string]int // registrable domain → partner
	aliases map[string]string
	seen    map[string]int // a name as written → partner or -1
	slab    []Credit
	scratch []Credit
}

func newAttributor(e *Ecosystem) *attributor {
	a := &attributor{e: e, byName: make(map[string]int, len(e.Partners)), byDmn: map[string]int{}, seen: map[string]int{}}
	for i, p := range e.Partners {
		if n := NormaliseName(p.Name); n != "" {
			if _, dup := a.byName[n]; !dup {
				a.byName[n] = i
			}
		}
		if p.Domain != "" {
			if _, dup := a.byDmn[p.Domain]; !dup {
				a.byDmn[p.Domain] = i
			}
		}
	}
	if e.Deals != nil {
		a.model, a.aliases = e.Deals.Model, e.Deals.Aliases
	}
	return a
}

// partner returns the partner a name as written means, or -1: a fix the
// user made, the same name once normalised, else the same website domain
// when the name is one ("acme.com").
func (a *attributor) partner(name string) int {
	if i, ok := a.seen[name]; ok {
		return i
	}
	i := -1
	n := NormaliseName(name)
	if to, ok := a.aliases[n]; ok {
		n = NormaliseName(to)
	}
	if j, ok := a.byName[n]; ok {
		i = j
	} else if strings.Contains(name, ".") {
		if j, ok := a.byDmn[RegistrableDomain(name)]; ok {
			i = j
		}
	}
	a.seen[name] = i
	return i
}

// attribute resolves deal d. A deal is sourced by its sourcing partner, or,
// when it names none but its lead source says partner and one partner is
// attached, by that one; every other partner attached influences it. A
// partner named twice counts once.
func (a *attributor) attribute(d *Deal) Attribution {
	sourced, infl := strings.TrimSpace(d.Sourced), d.Influencers
	if sourced == "" && len(infl) == 1 && partnerLead(d.LeadSource) {
		sourced, infl = strings.TrimSpace(infl[0]), nil
	}
	at := Attribution{Credits: a.scratch[:0]}
	add := func(name string, isSourced bool) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		p := a.partner(name)
		for _, c := range at.Credits {
			if c.Name == name || (p >= 0 && c.Partner == p) {
				return
			}
		}
		at.Credits = append(at.Credits, Credit{Name: name, Partner: p, Sourced: isSourced})
	}
	add(sourced, true)
	for _, n := range infl {
		add(n, false)
	}
	switch {
	case len(at.Credits) > 0 && at.Credits[0].Sourced:
		at.Category = SourcedDeal
	case len(at.Credits) > 0:
		at.Category = InfluencedOnly
	}
	a.share(d, &at)
	a.scratch = at.Credits
	return at
}

// share sets each credit's share of the deal under the model.
func (a *attributor) share(d *Deal, at *Attribution) {
	n := len(at.Credits)
	if n == 0 {
		return
	}
	switch a.model {
	case WholeAmount:
		for k := range at.Credits {
			at.Credits[k].Share = 1
		}
	case SplitEvenly:
		for k := range at.Credits {
			at.Credits[k].Share = 1 / float64(n)
		}
	case ExportShares:
		given, without := 0.0, 0
		for k, c := range at.Credits {
			if s, ok := d.Shares[c.Name]; ok {
				at.Credits[k].Share = s
				given += s
			} else {
				at.Credits[k].Share = -1
				without++
			}
		}
		rest := 0.0
		if without > 0 {
			rest = max(0, 1-given) / float64(without)
		}
		for k := range at.Credits {
			if at.Credits[k].Share < 0 {
				at.Credits[k].Share = rest
			}
		}
	}
}

// Attribute resolves the partners of every deal of e, in the order of
// e.Deals.Deals: who sourced it, who influenced it, what each is credited
// with under the book's model.
func (e *Ecosystem) Attribute() []Attribution {
	if e.Deals == nil {
		return nil
	}
	a := newAttributor(e)
	out := make([]Attribution, len(e.Deals.Deals))
	for i := range e.Deals.Deals {
		out[i] = a.attribute(&e.Deals.Deals[i])
		if n := len(out[i].Credits); n > 0 {
			// Carve the credits from one slab: a million deals, a few
			// large allocations.
			if len(a.slab)+n > cap(a.slab) {
				a.slab = make([]Credit, 0, max(n, 4096))
			}
			start := len(a.slab)
			a.slab = append(a.slab, out[i].Credits...)
			out[i].Credits = a.slab[start : start+n : start+n]
		}
	}
	return out
}

// Explain says in words how a deal is attributed: "Sourced by Acme
// (credited 100%); influenced by Globex (credited 100%)." Partners named by
// the export that match no partner are marked so.
func (e *Ecosystem) Explain(at Attribution) string {
	if len(at.Credits) == 0 {
		return "No partner: the export names no partner on this deal."
	}
	var parts []string
	for _, c := range at.Credits {
		name := c.Name
		if c.Partner >= 0 {
			name = e.Partners[c.Partner].Name
		} else {
			name += " (matches no partner yet)"
		}
		verb := "influenced by"
		if c.Sourced {
			verb = "sourced by"
		}
		parts = append(parts, fmt.Sprintf("%s %s, credited %.0f%%", verb, name, 100*c.Share))
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// Unmatched is a partner name on deals that matches no partner of the
// ecosystem: how many deals carry it, and the partner it most likely means.
type Unmatched struct {
	Name  string // as the export writes it
	Deals int
	// Suggestion is the partner the name most likely means ("" when none is
	// close): the name it contains or is contained in, else the most
	// similar once abbreviations and legal forms are set aside.
	Suggestion string
}

// UnmatchedPartners lists the partner names on deals that match no partner,
// the most frequent first, each with a "did you mean" when one is close. A
// deal carrying such a name is kept and counted: it has a partner, just not
// one of the ecosystem's yet.
func (e *Ecosystem) UnmatchedPartners(atts []Attribution) []Unmatched {
	counts := map[string]int{}
	for _, at := range atts {
		for _, c := range at.Credits {
			if c.Partner < 0 {
				counts[c.Name]++
			}
		}
	}
	out := make([]Unmatched, 0, len(counts))
	for name, n := range counts {
		out = append(out, Unmatched{Name: name, Deals: n, Suggestion: e.didYouMean(name)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Deals != out[j].Deals {
			return out[i].Deals > out[j].Deals
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// didYouMean is the partner a name most likely means, or "".
func (e *Ecosystem) didYouMean(name string) string {
	n := NormaliseName(name)
	if n == "" {
		return ""
	}
	best, bestScore := "", 0.0
	for _, p := range e.Partners {
		pn := NormaliseName(p.Name)
		if pn == "" {
			continue
		}
		score := FuzzyScore(n, pn)
		if strings.HasPrefix(pn, n+" ") || strings.HasPrefix(n, pn+" ") {
			score = max(score, 0.9) // "Acme" for "Acme Cloud Partners"
		}
		if score > bestScore {
			best, bestScore = p.Name, score
		}
	}
	if bestScore < 0.6 {
		return ""
	}
	return best
}
