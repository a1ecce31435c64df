package core

import (
	"hash/maphash"
	"runtime"
	"strings"
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
	// byLead holds the lead keys of the names (their first word, and their
	// first two read as one: see leadKeys) and, for each, the one company
	// whose name starts with it, or a mark that several do: a distinctive
	// word is one that starts one company's name and no other's.
	byLead keyTable
	// lead holds each name's lead-key hashes on a partner's list, whose
	// names are looked up by them (nil on ours, where they would cost 16
	// bytes a name for nothing).
	lead [][2]uint64
	// exact holds, on a partner's list, the hashes of each account's first
	// domain and of its name, which findExact looks up (nil on ours).
	exact []exactHashes
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
func IndexAccounts(accounts []Account) *AccountIndex { return indexAccounts(accounts, true, nil) }

// PrepareAccounts prepares a partner's list for OverlapIndexed: like
// IndexAccounts, without the loose-name lookup only our side needs.
func PrepareAccounts(accounts []Account) *AccountIndex { return indexAccounts(accounts, false, nil) }

// indexBuffers are the slices of a partner's list prepared for matching,
// handed on by matchLists from a list matched to the next one to prepare:
// two hundred lists of 10,000 accounts otherwise allocate 2 MB each, most
// of it hash tables, and on a machine where fresh memory is slow that was a
// tenth of the overlap's time. A name's normalised text is not among them:
// it lives in an arena whose strings may outlast the list.
type indexBuffers struct {
	norm                     []string
	canon                    []int32
	pop                      []Population
	amt                      []float64
	exact                    []exactHashes
	lead                     [][2]uint64
	byDomain, byName, byLead []keySlot
}

// buffers gives up the slices of a partner's prepared list for the next
// one; ix must not be used after.
func (ix *AccountIndex) buffers() *indexBuffers {
	return &indexBuffers{norm: ix.norm, canon: ix.canon, pop: ix.pop, amt: ix.amt, exact: ix.exact, lead: ix.lead,
		byDomain: ix.byDomain.slots, byName: ix.byName.slots, byLead: ix.byLead.slots}
}

// cleared is s as n zero values, in its own array when it has room.
func cleared[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// indexAccounts prepares accounts, in buf's slices where they have room
// (buf may be nil).
func indexAccounts(accounts []Account, loose bool, buf *indexBuffers) *AccountIndex {
	if buf == nil {
		buf = &indexBuffers{}
	}
	n := len(accounts)
	ix := &AccountIndex{
		Accounts: accounts,
		norm:     cleared(buf.norm, n),
		canon:    cleared(buf.canon, n),
		pop:      cleared(buf.pop, n),
		amt:      cleared(buf.amt, n),
	}
	keys, looseHash, leadHash := ix.normalise(loose, buf)
	domains, leads := 0, 0
	for i := range accounts {
		domains += len(accounts[i].Domains)
		if leadHash[i][0] != 0 {
			leads++
		}
		if leadHash[i][1] != 0 {
			leads++
		}
	}
	ix.byDomain.init(domains, buf.byDomain)
	ix.byName.init(n, buf.byName)
	ix.byLead.init(leads, buf.byLead)
	if loose {
		ix.byLoose.init(n, nil)
	} else {
		ix.exact = keys
	}
	// What add probes first is read ahead, as in OverlapIndexed (see
	// touchExact): on our million accounts the tables are far larger than
	// the processor's caches, and this loop is the part of indexing that
	// runs on one core.
	const ahead = 32
	var touched uint32
	for i := range accounts {
		if i%ahead == 0 {
			hi := min(i+ahead, n)
			touched += ix.touchExact(keys[i:hi])
			if looseHash != nil {
				touched += ix.byLoose.touch(looseHash[i:hi])
			}
		}
		ix.add(i, keys[i], looseHash)
		for _, h := range leadHash[i] {
			if h != 0 {
				ix.addLead(h, int32(i))
			}
		}
	}
	if !loose {
		ix.lead = leadHash
	}
	runtime.KeepAlive(touched)
	return ix
}

// normalise normalises every name and hashes it, its lead keys, and its
// loose key when loose is set, and hashes each account's first domain. It
// is most of the work and needs nothing shared: it is split over the cores
// when the list is big enough to repay the goroutines.
func (ix *AccountIndex) normalise(loose bool, buf *indexBuffers) (keys []exactHashes, looseHash []uint64, leadHash [][2]uint64) {
	n := len(ix.Accounts)
	keys = cleared(buf.exact, n)
	leadHash = cleared(buf.lead, n)
	if loose {
		looseHash = make([]uint64, n)
	}
	inParallel(n, perCore(n, 50_000), func(lo, hi int) {
		// The names are kept in an arena of the worker's: a million names
		// are then a few hundred allocations, not a million.
		var arena TextArena
		var stack [128]byte
		for i := lo; i < hi; i++ {
			if d := ix.Accounts[i].Domains; len(d) > 0 {
				keys[i].domain = maphash.String(hashSeed, d[0])
			}
			name := arena.KeepBytes(appendNormalised(stack[:0], ix.Accounts[i].Name, false))
			ix.norm[i] = name
			if name != "" {
				keys[i].name = maphash.String(hashSeed, name)
				if loose {
					looseHash[i], leadHash[i][0], leadHash[i][1] = nameKeyHashes(name)
				} else {
					leadHash[i][0], leadHash[i][1] = leadKeyHashes(name)
				}
			}
		}
	})
	return keys, looseHash, leadHash
}

// add puts account i in the index: the company it belongs to (the first
// account that shares a domain or the name with it, else itself), that
// company's best population and largest amount, and the keys new to the
// tables. Each key is looked up once: the owners found decide the company
// and which keys are new. keys holds the hashes of its first domain and its
// name; looseHash is nil for a list without loose keys.
func (ix *AccountIndex) add(i int, keys exactHashes, looseHash []uint64) {
	nameHash := keys.name
	var domainHash [4]uint64
	var domainOwner [4]int32
	a := &ix.Accounts[i]
	name := ix.norm[i]
	c := int32(-1)
	for k, d := range a.Domains {
		h := keys.domain
		if k > 0 {
			h = maphash.String(hashSeed, d)
		}
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
		// A name met before has its loose key in the table already, put
		// there with the name or before it: only a new name is looked up.
		if nameOwner < 0 && looseHash != nil && looseHash[i] != 0 && ix.looseOwner(name, looseHash[i]) < 0 {
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
// normalised name name, or -1. The keys are only built when a slot's tag
// agrees and the names differ, which is rare.
func (ix *AccountIndex) looseOwner(name string, h uint64) int32 {
	k := ""
	return ix.byLoose.get(h, func(j int32) bool {
		if ix.norm[j] == name {
			return true
		}
		if k == "" {
			k = looseKey(name)
		}
		return looseKey(ix.norm[j]) == k
	})
}

// addLead records that account i's name starts with the lead key of hash
// h. The first company with the key keeps the slot; a second company marks
// it shared (a negative position), and from then on the key finds nobody.
// Lead keys are compared on their hashes only, not confirmed on the
// strings as the other keys are: most names of a long list repeat a first
// word, and confirming each repeat would mean expanding two names again. A
// collision can only make a key look shared, losing a fuzzy match;
// sharedWord confirms every match on the names.
func (ix *AccountIndex) addLead(h uint64, i int32) {
	t := &ix.byLead
	tag := uint32(h >> 32)
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		s := &t.slots[p]
		if s.idx == 0 {
			*s = keySlot{tag: tag, idx: i + 1}
			return
		}
		if s.tag == tag {
			if s.idx > 0 && ix.canon[s.idx-1] != ix.canon[i] {
				s.idx = -s.idx
			}
			return
		}
	}
}

// leadOwner returns the first account of the one company whose name starts
// with the lead key of hash h, or -1 when none or several do.
func (ix *AccountIndex) leadOwner(h uint64) int32 {
	return max(ix.byLead.get(h, anyAccount), -1) // a shared key's slot holds a negative position
}

// anyAccount confirms every account: lead keys are compared on their
// hashes only (see addLead).
func anyAccount(int32) bool { return true }

// keyTable is an open-addressing hash table (linear probing) from a key's
// 64-bit hash to the first account that had the key. Each slot holds the
// hash's high 32 bits, to skip most wrong slots without touching the
// accounts, and the account's position plus one (0 marks an empty slot;
// byLead marks a key several companies share by a negative position).
type keyTable struct {
	slots []keySlot
	mask  uint64
}

type keySlot struct {
	tag uint32
	idx int32
}

// init sizes the table for n keys at a load of at most one half, in
// slots' array when it has room.
func (t *keyTable) init(n int, slots []keySlot) {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	t.slots = cleared(slots, size)
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

// slotAt reads the first slot a lookup of h probes.
func (t *keyTable) slotAt(h uint64) uint32 {
	if len(t.slots) == 0 {
		return 0
	}
	return t.slots[h&t.mask].tag
}

// touch reads the first slots of the lookups of hashes, for read-ahead (see
// touchExact); a zero hash, no key, is read all the same.
func (t *keyTable) touch(hashes []uint64) uint32 {
	var sum uint32
	for _, h := range hashes {
		sum += t.slotAt(h)
	}
	return sum
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

// exactHashes are the hashes of an account's first domain and name.
type exactHashes struct{ domain, name uint64 }

// touchExact reads the slots of the domain and name tables that the next
// lookups of keys will probe first, one after the other: the reads do not
// wait on one another, so the processor fetches them from memory together,
// and the lookups (findExact on a partner's list, add on ours) then find
// them in its cache. Our tables hold millions of keys: each probe is
// otherwise a wait on memory. On 100 lists of 10,000 against 1,000,000
// accounts, matching took 0.77 s instead of 0.93 s (the mean of four runs
// each); indexing our 1,000,000, 0.60 s instead of 0.85 s. The sum returned
// keeps the reads from being dropped as unused.
func (ix *AccountIndex) touchExact(keys []exactHashes) uint32 {
	var sum uint32
	for _, k := range keys {
		sum += ix.byDomain.slotAt(k.domain) + ix.byName.slotAt(k.name)
	}
	return sum
}

// findExact looks for their account i among ours by domain, then by
// normalised name.
func (ix *AccountIndex) findExact(theirs *AccountIndex, i int) (Match, bool) {
	a := &theirs.Accounts[i]
	for k, d := range a.Domains {
		h := uint64(0)
		if k == 0 && theirs.exact != nil {
			h = theirs.exact[i].domain
		} else {
			h = maphash.String(hashSeed, d)
		}
		if j := ix.domainOwner(d, h); j >= 0 {
			// The key is our copy of the domain (see the name's below).
			key := d
			for _, x := range ix.Accounts[j].Domains {
				if x == d {
					key = x
					break
				}
			}
			return Match{Ours: int(j), Theirs: i, Kind: MatchDomain, Key: key, Confidence: DomainConfidence}, true
		}
	}
	name := theirs.norm[i]
	if name == "" {
		return Match{}, false
	}
	h := uint64(0)
	if theirs.exact != nil {
		h = theirs.exact[i].name
	} else {
		h = maphash.String(hashSeed, name)
	}
	if j := ix.nameOwner(name, h); j >= 0 {
		// The key is our copy of the name, equal to theirs: a match kept
		// must not keep their list's normalised names, which are dropped
		// with their index once it is matched (a block of them per name).
		return Match{Ours: int(j), Theirs: i, Kind: MatchName, Key: ix.norm[j], Confidence: NameConfidence}, true
	}
	return Match{}, false
}

// theirLooseKey is the hash of the loose key of their account i's name, or
// 0 when it has none (see looseKeyHash).
func theirLooseKey(theirs *AccountIndex, i int) uint64 {
	if name := theirs.norm[i]; name != "" {
		if h, ok := looseKeyHash(name); ok {
			return h
		}
	}
	return 0
}

// findLoose looks for their account i among ours by the loose key of its
// name, of hash h (theirLooseKey; 0 for none), confirmed by a FuzzyScore of
// at least FuzzySimilarity.
func (ix *AccountIndex) findLoose(theirs *AccountIndex, i int, h uint64, decisions Decisions) (Match, bool) {
	if h == 0 {
		return Match{}, false
	}
	name := theirs.norm[i]
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

// findSharedWord looks for their account i among ours by a distinctive
// word the two names start with (see commonWord): a key of its name that
// starts no other company's name on their list, and one company's on ours,
// not already matched (used).
func (ix *AccountIndex) findSharedWord(theirs *AccountIndex, i int, used map[int32]bool, decisions Decisions) (Match, bool) {
	name := theirs.norm[i]
	if name == "" {
		return Match{}, false
	}
	var hs [2]uint64 // most names find nothing: no key strings built for them
	if theirs.lead != nil {
		hs = theirs.lead[i]
	} else { // a list indexed as ours
		hs[0], hs[1] = leadKeyHashes(name)
	}
	for k, h := range hs {
		if h == 0 {
			continue
		}
		if o := theirs.leadOwner(h); o < 0 || int(theirs.canon[o]) != i {
			continue // another of their companies starts with it too
		}
		j := ix.leadOwner(h)
		if j < 0 || used[ix.canon[j]] {
			continue
		}
		one, two := leadKeys(name)
		key := one
		if k == 1 {
			key = two
		}
		shared, conf, ok := sharedWord(ix.norm[j], name, key,
			writtenInFull(ix.Accounts[j].Name), writtenInFull(theirs.Accounts[i].Name))
		if !ok {
			continue
		}
		m := Match{Ours: int(j), Theirs: i, Kind: MatchFuzzy, Key: strings.Clone(shared), Confidence: round3(conf), // not their names' block (see findExact)
			Similarity: round3(FuzzyScore(ix.norm[j], name)), sharedWord: true}
		if len(decisions) > 0 {
			m.Decision = decisions[ix.norm[j]+"\x1f"+name]
		}
		return m, true
	}
	return Match{}, false
}
