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
	return fmt.Sprintf("%s (%s) and %s (%s) may be one partner (%s). They were kept apart; merge them if they are one.", d.A, d.AAt, d.B, d.BAt, d.Reason)
}

// lookalikeIndex finds, for a row, the first partner it is the same as and
// the first partners it looks like, by maps from each key to the first
// partner with it: one pass over a million rows.
type lookalikeIndex struct {
	byName, byLoose, byHost, byDomain map[string]int32 // key → entry
	entries                           []indexed
}

// indexed is a partner in the index, with its keys.
type indexed struct {
	p    *Partner
	keys partnerKeys
}

func newLookalikeIndex(n int) *lookalikeIndex {
	return &lookalikeIndex{byName: make(map[string]int32, n), byLoose: make(map[string]int32, n),
		byHost: make(map[string]int32, n), byDomain: make(map[string]int32, n/2), entries: make([]indexed, 0, n)}
}

// partnerKeys are the keys of a partner: its PartnerName, its
// NormaliseName, the host of its website (its domain when the website has
// none) and its registrable domain.
type partnerKeys struct{ name, loose, host, domain string }

func keysOf(p *Partner) partnerKeys {
	k := partnerKeys{name: PartnerName(p.Name), domain: p.Domain}
	k.loose = k.name
	if w := k.name[strings.LastIndexByte(k.name, ' ')+1:]; groupWords[w] {
		k.loose = NormaliseName(p.Name) // only a group word at the end tells them apart
	}
	if k.host = Host(p.Website); k.host == "" {
		k.host = k.domain
	}
	return k
}

// add makes p the partner of its keys that have none yet.
func (ix *lookalikeIndex) add(p *Partner, k partnerKeys) {
	i := int32(len(ix.entries))
	ix.entries = append(ix.entries, indexed{p, k})
	for _, m := range []struct {
		m   map[string]int32
		key string
	}{{ix.byName, k.name}, {ix.byLoose, k.loose}, {ix.byHost, k.host}, {ix.byDomain, k.domain}} {
		if m.key == "" {
			continue
		}
		if _, ok := m.m[m.key]; !ok {
			m.m[m.key] = i
		}
	}
}

// rekey gives the partner of entry i its keys again: it gained a website
// from a row merged into it.
func (ix *lookalikeIndex) rekey(i int32) {
	e := &ix.entries[i]
	e.keys = keysOf(e.p)
	for _, m := range []struct {
		m   map[string]int32
		key string
	}{{ix.byHost, e.keys.host}, {ix.byDomain, e.keys.domain}} {
		if _, ok := m.m[m.key]; !ok && m.key != "" {
			m.m[m.key] = i
		}
	}
}

// at is the entry of key in m, -1 when none.
func (ix *lookalikeIndex) at(m map[string]int32, key string) int32 {
	if key == "" {
		return -1
	}
	if i, ok := m[key]; ok {
		return i
	}
	return -1
}

// sameAs is the entry of the partner row is the same as, beyond doubt or
// by the user's verdict, and why; -1 when none.
func (ix *lookalikeIndex) sameAs(row *Partner, k partnerKeys, same SamePartners) (int32, string) {
	if i, ok := ix.byName[k.name]; ok && k.name != "" {
		if p := ix.entries[i].p; p.Domain == "" || row.Domain == "" || p.Domain == row.Domain {
			return i, "the same name once case, punctuation and legal forms are set aside"
		}
	}
	if i, ok := ix.byHost[k.host]; ok && k.host != "" && namesAgree(k.name, ix.entries[i].keys.name) {
		return i, fmt.Sprintf("the same website (%s) and names that agree", k.host)
	}
	if len(same) == 0 {
		return -1, ""
	}
	for _, l := range ix.lookalikes(row, k) {
		if same[PairKey(ix.entries[l.i].p.Name, row.Name)] {
			return l.i, "you decided they are one partner (" + l.reason + ")"
		}
	}
	return -1, ""
}

type lookalike struct {
	i      int32 // the entry
	reason string
}

// lookalikes are the partners row looks like without being the same
// beyond doubt, each with the reason.
func (ix *lookalikeIndex) lookalikes(row *Partner, k partnerKeys) []lookalike {
	name, loose, host, domain := k.name, k.loose, k.host, k.domain
	var out []lookalike
	add := func(i int32, reason string) {
		if ix.entries[i].p == row {
			return
		}
		for _, l := range out {
			if l.i == i {
				return
			}
		}
		out = append(out, lookalike{i, reason})
	}
	if i := ix.at(ix.byName, name); i >= 0 {
		if d := ix.entries[i].p.Domain; d != "" && row.Domain != "" && d != row.Domain {
			add(i, fmt.Sprintf("the same name on two websites (%s, %s)", d, row.Domain))
		}
	}
	if i := ix.at(ix.byHost, host); i >= 0 && !namesAgree(name, ix.entries[i].keys.name) {
		add(i, fmt.Sprintf("the same website (%s) under names that differ", host))
	}
	if i := ix.at(ix.byDomain, domain); i >= 0 && ix.entries[i].keys.host != host {
		add(i, fmt.Sprintf("websites on one domain (%s, %s): a company and its division or subsidiary?", ix.entries[i].keys.host, host))
	}
	if i := ix.at(ix.byLoose, loose); i >= 0 && ix.entries[i].keys.name != name {
		add(i, "the same name once Group, Holdings or Company is set aside")
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
		k := keysOf(p)
		out = ix.possible(out, p, k, same)
		ix.add(p, k)
	}
	return out
}

// possible appends to out the partners p looks like, not decided on.
func (ix *lookalikeIndex) possible(out []PossibleDuplicate, p *Partner, k partnerKeys, same SamePartners) []PossibleDuplicate {
	for _, l := range ix.lookalikes(p, k) {
		a := ix.entries[l.i].p
		if _, decided := same[PairKey(a.Name, p.Name)]; decided {
			continue
		}
		out = append(out, PossibleDuplicate{A: a.Name, B: p.Name, AAt: firstSource(a), BAt: firstSource(p), Reason: l.reason})
	}
	return out
}

// firstSource is where p was first read: the row its values come from
// when rows of it disagree.
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
