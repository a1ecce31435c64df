package core

import (
	"fmt"
	"hash/maphash"
	"math"
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
//
// The lookups are open-addressing tables of 64-bit hashes rather than Go
// maps of strings: on our side they hold millions of keys, and a probe that
// touches one 8-byte slot instead of a map group and a key string is what
// keeps 2,000,000 partner accounts against 1,000,000 of ours within a second.
// A hash hit is always confirmed on the strings, so collisions cost time,
// never a wrong match.
type AccountIndex struct {
	Accounts []Account
	norm     []string // normalised name per account
	// canon maps each account to the first account of the same company in
	// the list (same domain or same normalised name), so duplicates count once.
	canon    []int32
	byDomain keyTable
	byName   keyTable
	byLoose  keyTable // ours only: the side that is searched
	// pop and amt hold, for each company's first row, the best population
	// and the largest amount among its rows.
	pop []Population
	amt []float64
}

var hashSeed = maphash.MakeSeed()

// IndexAccounts prepares our list for matching. Accounts that share a domain
// or a normalised name are one company: the first keeps the highest
// population of them (customer over open opportunity over prospect) and the
// largest amount. Names are normalised on every core.
func IndexAccounts(accounts []Account) *AccountIndex { return indexAccounts(accounts, true) }

// PrepareAccounts prepares a partner's list for OverlapIndexed: like
// IndexAccounts, without the loose-name lookup only our side needs.
func PrepareAccounts(accounts []Account) *AccountIndex { return indexAccounts(accounts, false) }

func indexAccounts(accounts []Account, loose bool) *AccountIndex {
	n := len(accounts)
	ix := &AccountIndex{
		Accounts: accounts,
		norm:     make([]string, n),
		canon:    make([]int32, n),
		pop:      make([]Population, n),
		amt:      make([]float64, n),
	}
	nameHash := make([]uint64, n)
	var looseHash []uint64
	if loose {
		looseHash = make([]uint64, n)
	}
	// Normalising is most of the work and needs nothing shared: split it
	// over the cores when the list is big enough to repay the goroutines.
	work := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			name := NormaliseName(accounts[i].Name)
			ix.norm[i] = name
			if name != "" {
				nameHash[i] = maphash.String(hashSeed, name)
				if loose {
					looseHash[i], _ = looseKeyHash(name)
				}
			}
		}
	}
	parallel(n, 50_000, work)

	domains := 0
	for i := range accounts {
		domains += len(accounts[i].Domains)
	}
	ix.byDomain.init(domains)
	ix.byName.init(n)
	if loose {
		ix.byLoose.init(n)
	}
	// Each key is looked up once: the owners found decide the company and
	// which keys are new to the tables.
	var domainHash [4]uint64
	var domainOwner [4]int32
	for i := range accounts {
		a := &accounts[i]
		name := ix.norm[i]
		c := int32(-1)
		for k, d := range a.Domains {
			h := maphash.String(hashSeed, d)
			j := ix.domainOwner(d, h)
			if k < len(domainHash) {
				domainHash[k], domainOwner[k] = h, j
			}
			if c < 0 && j >= 0 {
				c = ix.canon[j]
			}
		}
		nameOwner := int32(-1)
		if name != "" {
			nameOwner = ix.nameOwner(name, nameHash[i])
			if c < 0 && nameOwner >= 0 {
				c = ix.canon[nameOwner]
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
		for k, d := range a.Domains {
			if k >= len(domainHash) {
				// rare: an account with many domains; look the rest up again
				if h := maphash.String(hashSeed, d); ix.domainOwner(d, h) < 0 {
					ix.byDomain.put(h, int32(i))
				}
				continue
			}
			if domainOwner[k] < 0 {
				ix.byDomain.put(domainHash[k], int32(i))
			}
		}
		if name != "" {
			if nameOwner < 0 {
				ix.byName.put(nameHash[i], int32(i))
			}
			if loose && looseHash[i] != 0 && ix.looseOwner(name, looseHash[i]) < 0 {
				ix.byLoose.put(looseHash[i], int32(i))
			}
		}
	}
	return ix
}

// parallel runs work over [0, n) in one chunk per core, or in one call when
// n is below minChunk.
func parallel(n, minChunk int, work func(lo, hi int)) {
	procs := runtime.GOMAXPROCS(0)
	if n < minChunk || procs < 2 {
		work(0, n)
		return
	}
	var wg sync.WaitGroup
	step := (n + procs - 1) / procs
	for lo := 0; lo < n; lo += step {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			work(lo, hi)
		}(lo, min(n, lo+step))
	}
	wg.Wait()
}

// domainOwner returns the account that first had domain d, or -1.
func (ix *AccountIndex) domainOwner(d string, h uint64) int32 {
	return ix.byDomain.get(h, func(j int32) bool {
		for _, x := range ix.Accounts[j].Domains {
			if x == d {
				return true
			}
		}
		return false
	})
}

// nameOwner returns the account that first had normalised name name, or -1.
func (ix *AccountIndex) nameOwner(name string, h uint64) int32 {
	return ix.byName.get(h, func(j int32) bool { return ix.norm[j] == name })
}

// looseOwner returns the account that first had the loose key of the
// normalised name name, or -1. The key is only built when a slot's tag
// agrees, which is rare.
func (ix *AccountIndex) looseOwner(name string, h uint64) int32 {
	k := ""
	return ix.byLoose.get(h, func(j int32) bool {
		if k == "" {
			k = looseKey(name)
		}
		return looseKey(ix.norm[j]) == k
	})
}

// keyTable is an open-addressing hash table (linear probing) from a key's
// 64-bit hash to the first account that had the key. Each slot holds the
// hash's high 32 bits, to skip most wrong slots without touching the
// accounts, and the account's position plus one (0 marks an empty slot).
type keyTable struct {
	slots []keySlot
	mask  uint64
}

type keySlot struct {
	tag uint32
	idx int32
}

// init sizes the table for n keys at a load of at most one half.
func (t *keyTable) init(n int) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	t.slots = make([]keySlot, size)
	t.mask = uint64(size - 1)
}

// get returns the first account whose slot has h's tag and for which same
// confirms the key, or -1.
func (t *keyTable) get(h uint64, same func(int32) bool) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	tag := uint32(h >> 32)
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		s := t.slots[p]
		if s.idx == 0 {
			return -1
		}
		if s.tag == tag && same(s.idx-1) {
			return s.idx - 1
		}
	}
}

// put adds account i under h; the caller has checked the key is not there.
func (t *keyTable) put(h uint64, i int32) {
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		if t.slots[p].idx == 0 {
			t.slots[p] = keySlot{tag: uint32(h >> 32), idx: i + 1}
			return
		}
	}
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
// domain, then on normalised name, then on a loose name key confirmed by a
// similarity of at least FuzzySimilarity. Each of our companies counts at
// most once, each of theirs too. Rejected fuzzy matches are kept in Matches
// but not counted.
func (ix *AccountIndex) OverlapWith(partner string, accounts []Account, decisions Decisions) Overlap {
	return ix.OverlapIndexed(partner, PrepareAccounts(accounts), decisions)
}

// OverlapIndexed is OverlapWith over a list already prepared.
func (ix *AccountIndex) OverlapIndexed(partner string, theirs *AccountIndex, decisions Decisions) Overlap {
	o := Overlap{Partner: partner, ByKind: map[MatchKind]int{}}
	used := make(map[int32]bool)
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
		if !ok {
			continue
		}
		c := ix.canon[m.Ours]
		if used[c] {
			continue
		}
		op := ix.pop[c]
		m.Population, m.theirPop = populationOf(op, tp), tp
		o.Matches = append(o.Matches, m)
		if m.Kind == MatchFuzzy && m.Decision == Rejected {
			continue
		}
		used[c] = true
		o.Counts[m.Population]++
		if op == Opportunity {
			o.Pipeline += ix.amt[c]
		}
		o.ByKind[m.Kind]++
	}
	return o
}

// Explain fills o.Shared from o.Matches; theirs is the partner's list that
// was matched.
func (ix *AccountIndex) Explain(o *Overlap, theirs []Account) {
	o.Shared = make([]SharedAccount, len(o.Matches))
	for k, m := range o.Matches {
		a, b := &ix.Accounts[m.Ours], &theirs[m.Theirs]
		c := ix.canon[m.Ours]
		s := SharedAccount{
			Ours: a.Name, Theirs: b.Name, OurRow: a.Row, TheirRow: b.Row,
			OurPopulation: ix.pop[c], TheirPopulation: m.theirPop, Population: m.Population,
			Kind: m.Kind, Key: m.Key, Similarity: m.Similarity, Confidence: m.Confidence,
			Decision: m.Decision, Reason: m.Reason(ix.Accounts, theirs),
		}
		if len(a.Domains) > 0 {
			s.OurDomain = a.Domains[0]
		}
		if len(b.Domains) > 0 {
			s.TheirDomain = b.Domains[0]
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

// OverlapAll matches every partner list against ours, the lists shared out
// over the machine's cores, and returns the overlaps in the lists' order.
func (ix *AccountIndex) OverlapAll(lists []AccountList, decisions Decisions) []Overlap {
	out := make([]Overlap, len(lists))
	eachParallel(len(lists), func(i int) {
		out[i] = ix.OverlapWith(lists[i].Partner, lists[i].Accounts, decisions)
	})
	return out
}

// eachParallel calls f(0) … f(n-1) on one goroutine per core.
func eachParallel(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// find looks for their account i among ours.
func (ix *AccountIndex) find(theirs *AccountIndex, i int, decisions Decisions) (Match, bool) {
	a := &theirs.Accounts[i]
	for _, d := range a.Domains {
		if j := ix.domainOwner(d, maphash.String(hashSeed, d)); j >= 0 {
			return Match{Ours: int(j), Theirs: i, Kind: MatchDomain, Key: d, Confidence: DomainConfidence}, true
		}
	}
	name := theirs.norm[i]
	if name == "" {
		return Match{}, false
	}
	if j := ix.nameOwner(name, maphash.String(hashSeed, name)); j >= 0 {
		return Match{Ours: int(j), Theirs: i, Kind: MatchName, Key: name, Confidence: NameConfidence}, true
	}
	h, ok := looseKeyHash(name)
	if !ok {
		return Match{}, false
	}
	j := ix.looseOwner(name, h)
	if j < 0 {
		return Match{}, false
	}
	sim := FuzzyScore(ix.norm[j], name)
	if sim < FuzzySimilarity {
		return Match{}, false
	}
	m := Match{Ours: int(j), Theirs: i, Kind: MatchFuzzy, Key: looseKey(name), Similarity: round3(sim),
		Confidence: round3(0.60 + 0.20*(sim-FuzzySimilarity)/(1-FuzzySimilarity))}
	if len(decisions) > 0 {
		m.Decision = decisions[ix.norm[j]+"\x1f"+name]
	}
	return m, true
}

// round3 rounds to three decimals, so a figure written to a workbook reads
// back the same.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// abbreviation expands the short forms company lists use. A switch, not a
// map: it runs for every word of millions of names.
func abbreviation(w string) (string, bool) {
	switch w {
	case "intl", "int":
		return "international", true
	case "tech", "technologies":
		return "technology", true
	case "univ":
		return "university", true
	case "mfg":
		return "manufacturing", true
	case "svcs":
		return "services", true
	case "svc":
		return "service", true
	case "assoc":
		return "association", true
	case "natl":
		return "national", true
	case "sys":
		return "systems", true
	case "labs", "lab":
		return "laboratories", true
	case "ctr", "centre":
		return "center", true
	case "dept":
		return "department", true
	case "grp":
		return "group", true
	case "hldgs":
		return "holdings", true
	case "mgmt":
		return "management", true
	case "pharma":
		return "pharmaceuticals", true
	case "bros":
		return "brothers", true
	case "st":
		return "saint", true
	case "mt":
		return "mount", true
	case "fin":
		return "financial", true
	case "ins":
		return "insurance", true
	}
	return w, false
}

// isSmallWord says whether w carries no identity in a company name.
func isSmallWord(w string) bool {
	switch w {
	case "of", "and", "the", "de", "du", "la", "for":
		return true
	}
	return false
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
		if w == "" || len(w) <= 3 && isSmallWord(w) {
			continue
		}
		if len(w) <= 12 {
			w, _ = abbreviation(w)
		}
		if len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
			w = w[:len(w)-1]
		}
		dst = append(dst, w)
	}
	return dst
}

// looseKey is the expanded name's words sorted and joined, so one lookup
// finds "Leeds University" for "University of Leeds" and "Stark Industries
// International" for "Stark Industries Intl".
func looseKey(norm string) string {
	var stack [12]string
	words, n := looseWords(stack[:0], norm)
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

// looseWords appends the expanded name's words to dst, sorted, and returns
// them with their total length: what looseKey joins and looseKeyHash hashes.
func looseWords(dst []string, norm string) ([]string, int) {
	words := expandName(dst, norm)
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
	return words, n
}

// looseKeyHash is the hash of looseKey(norm) without building the key;
// false when the key is too short to compare loosely.
func looseKeyHash(norm string) (uint64, bool) {
	var stack [12]string
	words, n := looseWords(stack[:0], norm)
	if n < 4 {
		return 0, false
	}
	var h maphash.Hash
	h.SetSeed(hashSeed)
	for _, w := range words {
		h.WriteString(w)
	}
	return h.Sum64() | 1, true // never 0, which marks "no key"
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
