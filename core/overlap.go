package core

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
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
// similarity scaled into 0.60–0.80, below any exact match.
const (
	DomainConfidence = 0.99
	NameConfidence   = 0.90
)

// FuzzySimilarity is the lowest FuzzyScore (the Dice coefficient over letter
// pairs of the two names after expandName, 0–1) at which two names that
// share a loose key count as a fuzzy match. Names only become candidates when
// they have the same words once abbreviations, plurals, small words and word
// order are set aside ("Stark Industries Intl" and "Stark Industries
// International" score 1.0, "University of Leeds" and "Leeds University"
// 0.92); the threshold keeps out the rare candidates whose keys only agree
// because words were joined differently.
const FuzzySimilarity = 0.80

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
	Ours, Theirs int // positions in the two lists
	Kind         MatchKind
	Key          string  // the domain or normalised name that matched
	Similarity   float64 // for fuzzy matches
	Confidence   float64
	Decision     Decision // fuzzy matches only
	Population   OverlapPopulation
}

// Reason says in words why the two accounts were matched.
func (m Match) Reason(ours, theirs []Account) string {
	switch m.Kind {
	case MatchDomain:
		return fmt.Sprintf("Same website domain %s", m.Key)
	case MatchName:
		return fmt.Sprintf("Same company name once case, accents, punctuation and legal forms are set aside (%q)", m.Key)
	}
	return fmt.Sprintf("Similar names %q and %q (similarity %.2f): check and accept or reject",
		ours[m.Ours].Name, theirs[m.Theirs].Name, m.Similarity)
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

// AccountIndex is an account list prepared for matching: duplicates folded,
// names normalised once, lookups by domain, name and loose name.
type AccountIndex struct {
	Accounts []Account
	norm     []string // normalised name per account
	// canon maps each account to the first account of the same company in
	// the list (same domain or same normalised name), so duplicates count once.
	canon    []int32
	byDomain map[string]int32
	byName   map[string]int32
	byLoose  map[string]int32
	// pop and amt hold, for each company's first row, the best population
	// and the largest amount among its rows.
	pop []Population
	amt []float64
}

// IndexAccounts prepares a list for matching. Accounts that share a domain
// or a normalised name are one company: the first keeps the highest
// population of them (customer over open opportunity over prospect) and the
// largest amount.
func IndexAccounts(accounts []Account) *AccountIndex { return indexAccounts(accounts, true) }

// indexAccounts builds the index; the loose-name lookup is only needed on
// our side, the side that is searched.
func indexAccounts(accounts []Account, loose bool) *AccountIndex {
	n := len(accounts)
	ix := &AccountIndex{
		Accounts: accounts,
		norm:     make([]string, n),
		canon:    make([]int32, n),
		byDomain: make(map[string]int32, n),
		byName:   make(map[string]int32, n),
	}
	if loose {
		ix.byLoose = make(map[string]int32, n)
	}
	ix.pop = make([]Population, n)
	ix.amt = make([]float64, n)
	for i := range accounts {
		a := &accounts[i]
		name := NormaliseName(a.Name)
		ix.norm[i] = name
		c := int32(-1)
		for _, d := range a.Domains {
			if j, ok := ix.byDomain[d]; ok {
				c = j
				break
			}
		}
		if c < 0 && name != "" {
			if j, ok := ix.byName[name]; ok {
				c = j
			}
		}
		if c < 0 {
			c = int32(i)
			ix.pop[c], ix.amt[c] = a.Population, a.Amount
		} else {
			ix.pop[c] = min(ix.pop[c], a.Population) // Customer < Opportunity < Prospect
			ix.amt[c] = max(ix.amt[c], a.Amount)
		}
		ix.canon[i] = c
		for _, d := range a.Domains {
			if _, ok := ix.byDomain[d]; !ok {
				ix.byDomain[d] = c
			}
		}
		if name != "" {
			if _, ok := ix.byName[name]; !ok {
				ix.byName[name] = c
			}
			if k := looseKey(name); loose && k != "" {
				if _, ok := ix.byLoose[k]; !ok {
					ix.byLoose[k] = c
				}
			}
		}
	}
	return ix
}

// Companies counts the distinct companies in the list.
func (ix *AccountIndex) Companies() int {
	n := 0
	for i, c := range ix.canon {
		if int(c) == i {
			n++
		}
	}
	return n
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
	Matches  []Match
}

// Shared is the number of shared companies, all populations together.
func (o Overlap) Shared() int { return o.Counts[0] + o.Counts[1] + o.Counts[2] + o.Counts[3] }

// OverlapWith matches a partner's list against ours (the index), first on
// domain, then on normalised name, then on a loose name key confirmed by a
// similarity of at least FuzzySimilarity. Each of our companies counts at
// most once, each of theirs too. Rejected fuzzy matches are left out.
func (ix *AccountIndex) OverlapWith(partner string, accounts []Account, decisions Decisions) Overlap {
	theirs := indexAccounts(accounts, false)
	o := Overlap{Partner: partner, ByKind: map[MatchKind]int{}}
	usedOurs := make(map[int32]bool)
	for i := range theirs.Accounts {
		if int(theirs.canon[i]) != i {
			continue // a duplicate on their list
		}
		o.Companies++
		tp := theirs.pop[i]
		if tp == Customer {
			o.Customers++
		}
		m, ok := ix.find(theirs, i, decisions)
		if !ok || usedOurs[int32(m.Ours)] {
			continue
		}
		usedOurs[int32(m.Ours)] = true
		op := ix.pop[m.Ours]
		m.Population = populationOf(op, tp)
		o.Counts[m.Population]++
		if op == Opportunity {
			o.Pipeline += ix.amt[m.Ours]
		}
		o.ByKind[m.Kind]++
		o.Matches = append(o.Matches, m)
	}
	return o
}

// OverlapAll matches every partner list against ours, the lists shared out
// over the machine's cores, and returns the overlaps in the lists' order.
func (ix *AccountIndex) OverlapAll(lists []AccountList, decisions Decisions) []Overlap {
	out := make([]Overlap, len(lists))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = ix.OverlapWith(lists[i].Partner, lists[i].Accounts, decisions)
			}
		}()
	}
	for i := range lists {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// find looks for their account i among ours.
func (ix *AccountIndex) find(theirs *AccountIndex, i int, decisions Decisions) (Match, bool) {
	a := &theirs.Accounts[i]
	for _, d := range a.Domains {
		if c, ok := ix.byDomain[d]; ok {
			return Match{Ours: int(c), Theirs: i, Kind: MatchDomain, Key: d, Confidence: DomainConfidence}, true
		}
	}
	name := theirs.norm[i]
	if name == "" {
		return Match{}, false
	}
	if c, ok := ix.byName[name]; ok {
		return Match{Ours: int(c), Theirs: i, Kind: MatchName, Key: name, Confidence: NameConfidence}, true
	}
	k := looseKey(name)
	if k == "" {
		return Match{}, false
	}
	c, ok := ix.byLoose[k]
	if !ok {
		return Match{}, false
	}
	sim := FuzzyScore(ix.norm[c], name)
	if sim < FuzzySimilarity {
		return Match{}, false
	}
	m := Match{Ours: int(c), Theirs: i, Kind: MatchFuzzy, Key: k, Similarity: sim,
		Confidence: 0.60 + 0.20*(sim-FuzzySimilarity)/(1-FuzzySimilarity)}
	m.Decision = decisions[ix.norm[c]+"\x1f"+name]
	if m.Decision == Rejected {
		return Match{}, false
	}
	return m, true
}

// abbreviations expands the short forms company lists use.
var abbreviations = map[string]string{
	"intl": "international", "int": "international", "tech": "technology", "technologies": "technology",
	"univ": "university", "mfg": "manufacturing", "svcs": "services", "svc": "service",
	"assoc": "association", "natl": "national", "sys": "systems", "labs": "laboratories",
	"lab": "laboratories", "ctr": "center", "centre": "center", "dept": "department",
	"grp": "group", "hldgs": "holdings", "mgmt": "management", "pharma": "pharmaceuticals",
	"bros": "brothers", "st": "saint", "mt": "mount", "fin": "financial", "ins": "insurance",
}

// expandName reduces a normalised name further, for fuzzy matching:
// abbreviations expanded ("intl" → "international"), a plural s dropped,
// "of", "and", "the" and similar small words removed. It appends the words
// to dst, which lets looseKey keep them on the stack.
func expandName(dst []string, norm string) []string {
	for len(norm) > 0 {
		i := strings.IndexByte(norm, ' ')
		w := norm
		if i >= 0 {
			w, norm = norm[:i], norm[i+1:]
		} else {
			norm = ""
		}
		if w == "" || smallWords[w] {
			continue
		}
		if full, ok := abbreviations[w]; ok {
			w = full
		}
		if len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
			w = w[:len(w)-1]
		}
		dst = append(dst, w)
	}
	return dst
}

// smallWords carry no identity in a company name.
var smallWords = map[string]bool{"of": true, "and": true, "the": true, "de": true, "du": true, "la": true, "for": true}

// looseKey is the expanded name's words sorted and joined, so one lookup
// finds "Leeds University" for "University of Leeds" and "Stark Industries
// International" for "Stark Industries Intl".
func looseKey(norm string) string {
	var stack [12]string
	words := expandName(stack[:0], norm)
	// insertion sort: names have few words
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && words[j] < words[j-1]; j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
	n := 0
	for _, w := range words {
		n += len(w)
	}
	if n < 4 {
		return "" // too short to compare loosely
	}
	var b strings.Builder
	b.Grow(n)
	for _, w := range words {
		b.WriteString(w)
	}
	return b.String()
}

// FuzzyScore is the similarity of two normalised names once expanded:
// letter pairs compared in the words' own order, so a changed word order
// costs a little and an expanded abbreviation nothing.
func FuzzyScore(a, b string) float64 {
	return Similarity(strings.Join(expandName(nil, a), " "), strings.Join(expandName(nil, b), " "))
}

// Similarity is the Dice coefficient of the two strings' letter pairs
// (spaces ignored): 1 for the same letters in the same pairs, 0 for nothing
// in common.
func Similarity(a, b string) float64 {
	pa, pb := letterPairs(a), letterPairs(b)
	if len(pa) == 0 || len(pb) == 0 {
		if a == b {
			return 1
		}
		return 0
	}
	sort.Slice(pa, func(i, j int) bool { return pa[i] < pa[j] })
	sort.Slice(pb, func(i, j int) bool { return pb[i] < pb[j] })
	common := 0
	for i, j := 0, 0; i < len(pa) && j < len(pb); {
		switch {
		case pa[i] == pb[j]:
			common++
			i++
			j++
		case pa[i] < pb[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(pa)+len(pb))
}

func letterPairs(s string) []uint64 {
	var rs []rune
	for _, r := range s {
		if r != ' ' {
			rs = append(rs, r)
		}
	}
	if len(rs) < 2 {
		return nil
	}
	out := make([]uint64, len(rs)-1)
	for i := range out {
		out[i] = uint64(rs[i])<<32 | uint64(rs[i+1])
	}
	return out
}

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
		shared = o.Shared()
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
