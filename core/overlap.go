package core

import (
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// MatchKind says how two accounts were found to be the same company.
type MatchKind string

// The kinds of match, from the surest to the least sure.
const (
	MatchDomain MatchKind = "domain" // the same registrable domain
	MatchName   MatchKind = "name"   // the same normalised name
	MatchFuzzy  MatchKind = "fuzzy"  // names alike, not equal: needs the user's eye
)

// Confidence of each kind of match. A fuzzy match's confidence is its
// similarity scaled into 0.60–0.80, or 0.60–0.75 for names that only share
// a distinctive word (SharedWordConfidence), below any exact match.
const (
	DomainConfidence = 0.99
	NameConfidence   = 0.90
)

// Decision is the user's verdict on a fuzzy match.
type Decision int

// A fuzzy match is Pending until the user accepts or rejects it. Pending
// matches count in the overlap; rejected ones do not.
const (
	Pending Decision = iota
	Accepted
	Rejected
)

// String names the decision as the workbook writes it.
func (d Decision) String() string {
	switch d {
	case Accepted:
		return "Accepted"
	case Rejected:
		return "Rejected"
	}
	return "Pending"
}

// Decisions holds the user's verdicts on fuzzy matches, keyed by FuzzyKey, so
// that they survive a re-import of the same lists.
type Decisions map[string]Decision

// FuzzyKey identifies a fuzzy match by the two normalised names.
func FuzzyKey(ours, theirs string) string {
	return NormaliseName(ours) + "\x1f" + NormaliseName(theirs)
}

// Match pairs one of our accounts with one of a partner's.
type Match struct {
	// Ours and Theirs are positions in the two lists: on our side, the row
	// whose domain or name matched (a duplicate row of a company can be it).
	Ours, Theirs int
	Kind         MatchKind
	Key          string  // the domain or normalised name that matched
	Similarity   float64 // for fuzzy matches
	Confidence   float64
	Decision     Decision // fuzzy matches only
	Population   OverlapPopulation
	theirPop     Population // the partner company's best population
	// sharedWord marks a fuzzy match on a distinctive word the names start
	// with (Key), rather than on the same words (see findSharedWord).
	sharedWord bool
}

// Reason says in words why the two accounts were matched.
func (m Match) Reason(ours, theirs []Account) string {
	// Written without fmt: every match of a million-account overlap is
	// explained, and Sprintf was a tenth of that work.
	switch m.Kind {
	case MatchDomain:
		return "Same website domain " + m.Key
	case MatchName:
		const same = "Same company name once case, accents, punctuation and legal forms are set aside ("
		if plainQuoted(m.Key) {
			return same + `"` + m.Key + `")` // one allocation, where Quote made three
		}
		return same + strconv.Quote(m.Key) + ")"
	}
	names := quote(ours[m.Ours].Name) + " and " + quote(theirs[m.Theirs].Name)
	if m.sharedWord {
		what, it := "word", "it"
		if strings.Contains(m.Key, " ") {
			what, it = "words", "them"
		}
		return names + " share the distinctive " + what + " " + quote(m.Key) + " (no other name on either list starts with " + it + "): check and accept or reject"
	}
	return "Similar names " + names + " (similarity " + strconv.FormatFloat(m.Similarity, 'f', 2, 64) + "): check and accept or reject"
}

// quote is strconv.Quote, without its byte-by-byte work for the names most
// lists hold, which need no escape (plainQuoted).
func quote(s string) string {
	if plainQuoted(s) {
		return `"` + s + `"`
	}
	return strconv.Quote(s)
}

// plainQuoted says whether strconv.Quote(s) is s between two double quotes:
// s is printable ASCII without a quote or a backslash.
func plainQuoted(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// OverlapPopulation is where a shared account stands on both sides.
type OverlapPopulation int

// The four populations of account mapping. An open opportunity counts on the
// prospect side: it is not a customer yet.
const (
	BothCustomers            OverlapPopulation = iota
	OurCustomerTheirProspect                   // they can expand into our base
	TheirCustomerOurProspect                   // ask them for an introduction
	BothProspects
)

// OverlapPopulations lists the populations in the order of the matrix.
var OverlapPopulations = []OverlapPopulation{BothCustomers, OurCustomerTheirProspect, TheirCustomerOurProspect, BothProspects}

// String names a population as the overlap matrix heads it.
func (p OverlapPopulation) String() string {
	switch p {
	case BothCustomers:
		return "Both customers"
	case OurCustomerTheirProspect:
		return "Our customer, their prospect"
	case TheirCustomerOurProspect:
		return "Their customer, our prospect (ask for an introduction)"
	}
	return "Both prospects"
}

func populationOf(ours, theirs Population) OverlapPopulation {
	oc, tc := ours == Customer, theirs == Customer
	switch {
	case oc && tc:
		return BothCustomers
	case oc:
		return OurCustomerTheirProspect
	case tc:
		return TheirCustomerOurProspect
	}
	return BothProspects
}

// Overlap is what one partner's account list shares with ours.
type Overlap struct {
	Partner string
	// Companies is the number of distinct companies on the partner's list;
	// Customers how many of them are its customers.
	Companies, Customers int
	Counts               [4]int // by OverlapPopulation
	// Pipeline is the value of our open opportunities among the shared accounts.
	Pipeline float64
	ByKind   map[MatchKind]int
	// Method says how the overlap was computed when not from both lists on
	// this computer: "" for plain matching, a sentence starting "computed
	// privately" for a private overlap (FinishPrivateOverlap), whose
	// matches are exact only and whose partner names are unknown.
	Method string
	// Matches are the matches found, rejected fuzzy ones included (they are
	// kept so the user can change their mind) but not counted. They point
	// into the lists matched, and are nil when the overlap was reopened
	// from a workbook: Shared holds them then.
	Matches []Match
	// Shared is every match written out in full (names, populations,
	// reason), as the Overlap sheet holds it. Filled by Explain, or by the
	// reopen. It is never changed in place, so clones may share it.
	Shared []SharedAccount
}

// SharedCompanies is the number of shared companies, all populations together.
func (o Overlap) SharedCompanies() int { return o.Counts[0] + o.Counts[1] + o.Counts[2] + o.Counts[3] }

// SharedAccount is one match written out: who is on each side, how they
// stand, why they were matched and what the user decided.
type SharedAccount struct {
	Ours, Theirs     string // the names as each list writes them
	OurDomain        string // the first domain of each side, "" when none
	TheirDomain      string
	OurRow, TheirRow int // rows in the files, 0 when unknown
	OurPopulation    Population
	TheirPopulation  Population
	Population       OverlapPopulation
	Kind             MatchKind
	Key              string // the domain, name or loose key that matched
	Similarity       float64
	Confidence       float64
	Decision         Decision
	Amount           float64 // our open opportunity's value, 0 when none
	Reason           string
}

// Counted says whether the match counts in the overlap: all but rejected
// fuzzy matches.
func (s SharedAccount) Counted() bool { return !(s.Kind == MatchFuzzy && s.Decision == Rejected) }

// DecisionKey is the key of the match's decision in Decisions.
func (s SharedAccount) DecisionKey() string { return FuzzyKey(s.Ours, s.Theirs) }

// OverlapWith matches a partner's list against ours (the index), first on
// domain, then on normalised name; what is left then on a loose name key
// confirmed by a similarity of at least FuzzySimilarity, and what is still
// left on a distinctive word both names start with (findSharedWord). Each
// of our companies counts at most once, each of theirs too, and an exact
// match always wins over a fuzzy one. Rejected fuzzy matches are kept in
// Matches but not counted.
func (ix *AccountIndex) OverlapWith(partner string, accounts []Account, decisions Decisions) Overlap {
	return ix.OverlapIndexed(partner, PrepareAccounts(accounts), decisions)
}

// OverlapIndexed is OverlapWith over a list already prepared. Matches are in
// the order of the partner's list.
func (ix *AccountIndex) OverlapIndexed(partner string, theirs *AccountIndex, decisions Decisions) Overlap {
	return ix.overlapIndexed(partner, theirs, decisions, &matchScratch{})
}

// matchScratch is what matching one list uses and drops, kept by
// matchLists for the next list: the matches before they are explained,
// their companies left for the fuzzy passes, and our companies already
// matched. Grown afresh for each of two hundred lists, they were a tenth of
// what the overlap allocated.
type matchScratch struct {
	matches []Match
	left    []int
	used    map[int32]bool
}

// overlapIndexed is OverlapIndexed with its matches appended to
// scratch.matches[:0]: the caller drops them once explained.
func (ix *AccountIndex) overlapIndexed(partner string, theirs *AccountIndex, decisions Decisions, scratch *matchScratch) Overlap {
	o := Overlap{Partner: partner, ByKind: map[MatchKind]int{}, Matches: scratch.matches[:0]}
	if scratch.used == nil {
		scratch.used = make(map[int32]bool)
	}
	used := scratch.used
	clear(used)
	defer func() { scratch.matches = o.Matches }()
	keep := func(m Match) {
		c := ix.canon[m.Ours]
		op := ix.pop[c]
		m.theirPop = theirs.pop[m.Theirs]
		m.Population = populationOf(op, m.theirPop)
		o.Matches = append(o.Matches, m)
		if m.Kind == MatchFuzzy && m.Decision == Rejected {
			return
		}
		used[c] = true
		o.Counts[m.Population]++
		if op == Opportunity {
			o.Pipeline += ix.amt[c]
		}
		o.ByKind[m.Kind]++
	}
	left := scratch.left[:0] // their companies with no exact match, for the fuzzy passes
	defer func() { scratch.left = left }()
	const ahead = 32 // accounts whose slots are read ahead together
	var touched uint32
	for i := range theirs.Accounts {
		if i%ahead == 0 && theirs.exact != nil {
			touched += ix.touchExact(theirs.exact[i:min(i+ahead, len(theirs.Accounts))])
		}
		if int(theirs.canon[i]) != i {
			continue // a duplicate on their list
		}
		o.Companies++
		if theirs.pop[i] == Customer {
			o.Customers++
		}
		m, ok := ix.findExact(theirs, i)
		switch {
		case !ok:
			left = append(left, i)
		case !used[ix.canon[m.Ours]]:
			keep(m)
		}
	}
	exact := len(o.Matches)
	// The fuzzy passes read ahead as the exact one does: a batch's keys
	// are hashed, their first slots read together, then looked up.
	n := 0
	var keys [2 * ahead]uint64
	for b := 0; b < len(left); b += ahead {
		batch := left[b:min(b+ahead, len(left))]
		for k, i := range batch {
			keys[k] = theirLooseKey(theirs, i)
		}
		touched += ix.byLoose.touch(keys[:len(batch)])
		for k, i := range batch {
			m, ok := ix.findLoose(theirs, i, keys[k], decisions)
			switch {
			case !ok:
				left[n] = i // n ≤ b+k: a place already read
				n++
			case !used[ix.canon[m.Ours]]:
				keep(m)
			}
		}
	}
	for b := 0; b < n; b += ahead {
		batch := left[b:min(b+ahead, n)]
		if theirs.lead != nil {
			for k, i := range batch {
				keys[2*k], keys[2*k+1] = theirs.lead[i][0], theirs.lead[i][1]
			}
			touched += ix.byLead.touch(keys[:2*len(batch)])
		}
		for _, i := range batch {
			if m, ok := ix.findSharedWord(theirs, i, used, decisions); ok {
				keep(m)
			}
		}
	}
	runtime.KeepAlive(touched)
	if len(o.Matches) > exact {
		sort.Slice(o.Matches, func(a, b int) bool { return o.Matches[a].Theirs < o.Matches[b].Theirs })
	}
	return o
}

// Explain fills o.Shared from o.Matches; theirs is the partner's list that
// was matched.
func (ix *AccountIndex) Explain(o *Overlap, theirs []Account) {
	o.Shared = make([]SharedAccount, len(o.Matches))
	// Their names and domains are copied: what Shared holds must not keep
	// their list's text, which a caller that matches a list as it reads it
	// (MatchRead) drops once matched; a name kept in place would keep its
	// whole block.
	var arena TextArena
	for k, m := range o.Matches {
		a, b := &ix.Accounts[m.Ours], &theirs[m.Theirs]
		c := ix.canon[m.Ours]
		s := SharedAccount{
			Ours: a.Name, Theirs: arena.Keep(b.Name), OurRow: a.Row, TheirRow: b.Row,
			OurPopulation: ix.pop[c], TheirPopulation: m.theirPop, Population: m.Population,
			Kind: m.Kind, Key: m.Key, Similarity: m.Similarity, Confidence: m.Confidence,
			Decision: m.Decision, Reason: m.Reason(ix.Accounts, theirs),
		}
		if len(a.Domains) > 0 {
			s.OurDomain = a.Domains[0]
		}
		if len(b.Domains) > 0 {
			s.TheirDomain = arena.Keep(b.Domains[0])
		}
		if s.OurPopulation == Opportunity {
			s.Amount = ix.amt[c]
		}
		o.Shared[k] = s
	}
}

// Recount sets the counts, kinds and pipeline of o from o.Shared, after a
// decision changed; Companies and Customers stay.
func (o *Overlap) Recount() {
	o.Counts, o.Pipeline = [4]int{}, 0
	o.ByKind = map[MatchKind]int{}
	for _, s := range o.Shared {
		if !s.Counted() {
			continue
		}
		o.Counts[s.Population]++
		o.ByKind[s.Kind]++
		o.Pipeline += s.Amount
	}
}

// round3 rounds to three decimals, so a figure written to a workbook reads
// back the same.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// OverlapScore turns an overlap into a value for the customer overlap
// criterion, 1–5, from the share of the partner's customers that are our
// customers or prospects:
//
//	none → 1, under 5 % → 2, 5–15 % → 3, 15–30 % → 4, 30 % or more → 5.
//
// A partner whose list has no customers scores on the share of its
// companies instead.
func OverlapScore(o Overlap) float64 {
	base := o.Customers
	shared := o.Counts[BothCustomers] + o.Counts[TheirCustomerOurProspect]
	if base == 0 {
		base = o.Companies
		shared = o.SharedCompanies()
	}
	if base == 0 || shared == 0 {
		return 1
	}
	r := float64(shared) / float64(base)
	switch {
	case r < 0.05:
		return 2
	case r < 0.15:
		return 3
	case r < 0.30:
		return 4
	}
	return 5
}
