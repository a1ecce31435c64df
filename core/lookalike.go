package core

import (
	"fmt"
	"maps"
	"strings"
)

// SamePartners are the user's verdicts on partners that look alike: true
// when two are one partner (merge them), false when they are two (stop
// asking). Pairs are keyed by PairKey.
type SamePartners map[string]bool

// PairKey identifies two partners by their names, in either order.
func PairKey(a, b string) string {
	a, b = PartnerName(a), PartnerName(b)
	if b < a {
		a, b = b, a
	}
	return a + "\x00" + b
}

// Clone returns a copy that can be changed without touching s.
func (s SamePartners) Clone() SamePartners { return maps.Clone(s) }

// PossibleDuplicate is two partners kept apart that may be one: a company
// and its division on a subdomain, two companies whose names agree once
// Group or Holdings is set aside, one name on two websites. The user
// decides (Ecosystem.MergePartners, Ecosystem.KeepApart).
type PossibleDuplicate struct {
	A, B     string // the partners' names
	AAt, BAt Source // their first rows
	Reason   string
}

// String says it in a sentence.
func (d PossibleDuplicate) String() string {
	return fmt.Sprintf("%s (%s) and %s (%s) may be one partner: %s. They were kept apart; merge them if they are one.", d.A, d.AAt, d.B, d.BAt, d.Reason)
}

// lookalikeIndex finds, for a row, the first partner it is the same as and
// the first partners it looks like, by maps from each key to the first
// partner with it: one pass over a million rows.
type lookalikeIndex struct {
	byName, byLoose, byHost, byDomain map[string]*Partner
}

func newLookalikeIndex(n int) *lookalikeIndex {
	return &lookalikeIndex{byName: make(map[string]*Partner, n), byLoose: make(map[string]*Partner, n),
		byHost: make(map[string]*Partner, n), byDomain: make(map[string]*Partner, n)}
}

// keys are the keys of a partner: its PartnerName, its NormaliseName, the
// host of its website (its domain when the website has none) and its
// registrable domain.
func keys(p *Partner) (name, loose, host, domain string) {
	name, loose, domain = PartnerName(p.Name), NormaliseName(p.Name), p.Domain
	if host = Host(p.Website); host == "" {
		host = domain
	}
	return name, loose, host, domain
}

// add makes p the partner of its keys that have none yet.
func (ix *lookalikeIndex) add(p *Partner) {
	name, loose, host, domain := keys(p)
	for _, k := range []struct {
		m   map[string]*Partner
		key string
	}{{ix.byName, name}, {ix.byLoose, loose}, {ix.byHost, host}, {ix.byDomain, domain}} {
		if k.key != "" && k.m[k.key] == nil {
			k.m[k.key] = p
		}
	}
}

// sameAs is the partner row is the same as, beyond doubt or by the user's
// verdict, and why; nil when none.
func (ix *lookalikeIndex) sameAs(row *Partner, same SamePartners) (*Partner, string) {
	name, _, host, _ := keys(row)
	if p := ix.byName[name]; p != nil && name != "" && (p.Domain == "" || row.Domain == "" || p.Domain == row.Domain) {
		return p, "the same name once case, punctuation and legal forms are set aside"
	}
	if p := ix.byHost[host]; p != nil && host != "" && namesAgree(name, PartnerName(p.Name)) {
		return p, fmt.Sprintf("the same website (%s) and names that agree", host)
	}
	for _, l := range ix.lookalikes(row) {
		if same[PairKey(l.p.Name, row.Name)] {
			return l.p, "you decided they are one partner (" + l.reason + ")"
		}
	}
	return nil, ""
}

type lookalike struct {
	p      *Partner
	reason string
}

// lookalikes are the partners row looks like without being the same
// beyond doubt, each with the reason.
func (ix *lookalikeIndex) lookalikes(row *Partner) []lookalike {
	name, loose, host, domain := keys(row)
	var out []lookalike
	add := func(p *Partner, reason string) {
		if p == nil || p == row {
			return
		}
		for _, l := range out {
			if l.p == p {
				return
			}
		}
		out = append(out, lookalike{p, reason})
	}
	if p := ix.byName[name]; p != nil && name != "" && p.Domain != "" && row.Domain != "" && p.Domain != row.Domain {
		add(p, fmt.Sprintf("the same name on two websites (%s, %s)", p.Domain, row.Domain))
	}
	if p := ix.byHost[host]; p != nil && host != "" && !namesAgree(name, PartnerName(p.Name)) {
		add(p, fmt.Sprintf("the same website (%s) under names that differ", host))
	}
	if p := ix.byDomain[domain]; p != nil && domain != "" {
		if _, _, ph, _ := keys(p); ph != host {
			add(p, fmt.Sprintf("websites on one domain (%s, %s): a company and its division or subsidiary?", ph, host))
		}
	}
	if p := ix.byLoose[loose]; p != nil && loose != "" && PartnerName(p.Name) != name {
		add(p, "the same name once Group, Holdings or Company is set aside")
	}
	return out
}

// namesAgree says whether two partner names are one company's: equal, or
// the words of one starting the other's ("acme" and "acme cloud"). An
// empty name agrees with any.
func namesAgree(a, b string) bool {
	if a == "" || b == "" || a == b {
		return true
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a+" ")
}

// LookAlike lists the pairs of partners that look alike but were kept
// apart, each once with its reason, leaving out the pairs the user has
// decided on.
func LookAlike(partners []*Partner, same SamePartners) []PossibleDuplicate {
	ix := newLookalikeIndex(len(partners))
	var out []PossibleDuplicate
	for _, p := range partners {
		for _, l := range ix.lookalikes(p) {
			if _, decided := same[PairKey(l.p.Name, p.Name)]; decided {
				continue
			}
			out = append(out, PossibleDuplicate{A: l.p.Name, B: p.Name, AAt: firstSource(l.p), BAt: firstSource(p), Reason: l.reason})
		}
		ix.add(p)
	}
	return out
}

func firstSource(p *Partner) Source {
	if len(p.Sources) > 0 {
		return p.Sources[0]
	}
	return Source{}
}

// PossibleDuplicates are the partners of e that may be one, not decided
// yet.
func (e *Ecosystem) PossibleDuplicates() []PossibleDuplicate {
	return LookAlike(e.Partners, e.SamePartners)
}

// MergePartners folds the partner named other into the one named keep, and
// remembers the verdict, so an import of the same lists merges them again.
// It returns the disagreements, the first values kept.
func (e *Ecosystem) MergePartners(keep, other string) ([]Conflict, error) {
	k, o := e.FindPartner(keep), e.FindPartner(other)
	if k == nil || o == nil || k == o {
		return nil, fmt.Errorf("%q and %q are not two partners of this ecosystem", keep, other)
	}
	e.decide(keep, other, true)
	conflicts := mergeInto(k, o, nil)
	e.Partners, _ = without(e.Partners, func(p *Partner) bool { return p == o })
	return conflicts, nil
}

// KeepApart remembers that two partners that look alike are two, so they
// are not offered again.
func (e *Ecosystem) KeepApart(a, b string) { e.decide(a, b, false) }

func (e *Ecosystem) decide(a, b string, same bool) {
	if e.SamePartners == nil {
		e.SamePartners = SamePartners{}
	}
	e.SamePartners[PairKey(a, b)] = same
}
