package core

import (
	"hash/maphash"
)

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
	nameHash, looseHash := ix.normalise(loose)
	domains := 0
	for i := range accounts {
		domains += len(accounts[i].Domains)
	}
	ix.byDomain.init(domains)
	ix.byName.init(n)
	if loose {
		ix.byLoose.init(n)
	}
	for i := range accounts {
		ix.add(i, nameHash[i], looseHash)
	}
	return ix
}

// normalise normalises every name and hashes it, and its loose key when
// loose is set. It is most of the work and needs nothing shared: it is
// split over the cores when the list is big enough to repay the goroutines.
func (ix *AccountIndex) normalise(loose bool) (nameHash, looseHash []uint64) {
	n := len(ix.Accounts)
	nameHash = make([]uint64, n)
	if loose {
		looseHash = make([]uint64, n)
	}
	inParallel(n, perCore(n, 50_000), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			name := NormaliseName(ix.Accounts[i].Name)
			ix.norm[i] = name
			if name != "" {
				nameHash[i] = maphash.String(hashSeed, name)
				if loose {
					looseHash[i], _ = looseKeyHash(name)
				}
			}
		}
	})
	return nameHash, looseHash
}

// add puts account i in the index: the company it belongs to (the first
// account that shares a domain or the name with it, else itself), that
// company's best population and largest amount, and the keys new to the
// tables. Each key is looked up once: the owners found decide the company
// and which keys are new. looseHash is nil for a list without loose keys.
func (ix *AccountIndex) add(i int, nameHash uint64, looseHash []uint64) {
	var domainHash [4]uint64
	var domainOwner [4]int32
	a := &ix.Accounts[i]
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
		nameOwner = ix.nameOwner(name, nameHash)
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
			ix.byName.put(nameHash, int32(i))
		}
		if looseHash != nil && looseHash[i] != 0 && ix.looseOwner(name, looseHash[i]) < 0 {
			ix.byLoose.put(looseHash[i], int32(i))
		}
	}
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
