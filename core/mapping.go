package core

import (
	"fmt"
	"maps"
	"runtime"
	"strings"
	"sync"
)

// AccountMap is the account mapping of an ecosystem: our account list, the
// partners' lists, the overlaps found, the user's verdicts on fuzzy matches
// and the tech-stack survey.
//
// The account lists themselves are not saved in the workbook (they may be
// confidential and large): after a reopen Ours and Lists are empty, Results
// hold the overlaps as the Overlap sheet recorded them, and matching again
// needs the lists imported again.
type AccountMap struct {
	Ours  *AccountList  // our accounts; nil until imported in this session
	Lists []AccountList // the partners' lists; Partner names the partner
	// Results are the overlaps, one per partner list, in the order of
	// Lists (or of the Overlap sheet after a reopen).
	Results   []Overlap
	Decisions Decisions
	// HideAccountNames writes counts only in the workbook: no account
	// names, no match list, no decisions (their keys are names).
	HideAccountNames bool
	// Derived says which partners keep the customer overlap the user typed
	// instead of the score from the account lists.
	Derived
	Survey *Survey
}

// Clone returns a copy whose maps and slices can be changed without
// touching m. Account lists and each overlap's Shared rows are never changed
// in place, so the copy shares them.
func (m *AccountMap) Clone() *AccountMap {
	if m == nil {
		return nil
	}
	c := *m
	c.Lists = append([]AccountList(nil), m.Lists...)
	c.Results = make([]Overlap, len(m.Results))
	for i, o := range m.Results {
		o.ByKind = maps.Clone(o.ByKind)
		c.Results[i] = o
	}
	c.Decisions = maps.Clone(m.Decisions)
	c.Derived = m.Derived.Clone()
	if m.Survey != nil {
		s := *m.Survey
		s.Tools = append([]ToolReach(nil), m.Survey.Tools...)
		c.Survey = &s
	}
	return &c
}

// accountMap returns e.Accounts, creating it when nil.
func (e *Ecosystem) accountMap() *AccountMap {
	if e.Accounts == nil {
		e.Accounts = &AccountMap{}
	}
	return e.Accounts
}

// FindPartner returns the partner named name: as written, else with case,
// punctuation and legal forms set aside; nil when none.
func (e *Ecosystem) FindPartner(name string) *Partner {
	n := NormaliseName(name)
	if n == "" {
		return nil
	}
	// The name as written first, then with Group and Holdings kept, so
	// "Sterling Holdings" is not "Sterling Company" when both are partners.
	for _, same := range []func(string) bool{
		func(s string) bool { return s == name },
		func(s string) bool { return PartnerName(s) == PartnerName(name) },
		func(s string) bool { return NormaliseName(s) == n },
	} {
		for _, p := range e.Partners {
			if same(p.Name) {
				return p
			}
		}
	}
	return nil
}

// SetOurAccounts sets our account list.
func (e *Ecosystem) SetOurAccounts(l AccountList) {
	l.Partner = ""
	e.accountMap().Ours = &l
}

// SetPartnerAccounts ties an account list to the partner named l.Partner
// (matched with NormaliseName), replacing the list that partner had. It
// returns an error naming the partners when there is no such partner.
func (e *Ecosystem) SetPartnerAccounts(l AccountList) error {
	p := e.FindPartner(l.Partner)
	if p == nil {
		return fmt.Errorf("%q is not a partner of this ecosystem, so its account list cannot be tied to it. Add the partner first, or check the spelling (partners: %s)", l.Partner, partnerNames(e, 8))
	}
	l.Partner = p.Name
	m := e.accountMap()
	key := NormaliseName(p.Name)
	for i := range m.Lists {
		if NormaliseName(m.Lists[i].Partner) == key {
			m.Lists[i] = l
			return nil
		}
	}
	m.Lists = append(m.Lists, l)
	return nil
}

// partnerNames lists up to n partner names for a message.
func partnerNames(e *Ecosystem, n int) string {
	var names []string
	for i, p := range e.Partners {
		if i == n {
			names = append(names, fmt.Sprintf("and %d more", len(e.Partners)-n))
			break
		}
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		return "none yet"
	}
	return strings.Join(names, ", ")
}

// MatchAccounts matches every partner list against ours, keeps the results
// with every match explained, and sets the customer overlap criterion of
// the partners that have a list (see ApplyOverlap). It does nothing and
// returns false when our list or the partners' lists are missing.
func (e *Ecosystem) MatchAccounts() bool {
	m := e.Accounts
	if m == nil || m.Ours == nil || len(m.Lists) == 0 {
		return false
	}
	e.SetOverlapResults(MatchLists(m.Ours, m.Lists, m.Decisions))
	return true
}

// MatchLists matches every partner list against ours and explains every
// match. It touches no ecosystem, so the app can run it, seconds long on a
// million accounts, away from the screen and then hand the results to
// SetOverlapResults. The lists are only read.
//
// Indexing our list ends in a part that runs on one core (each account
// joins the company of the first that shares a key with it); meanwhile the
// partners' lists are prepared in turn on another, up to half as many
// accounts as ours holds, so that what is held prepared stays small beside
// our index.
func MatchLists(ours *AccountList, lists []AccountList, decisions Decisions) []Overlap {
	_, results := IndexAndMatch(ours, lists, decisions)
	return results
}

// IndexAndMatch is MatchLists that also returns our list's index, for a
// caller that reports its counts (Companies).
func IndexAndMatch(ours *AccountList, lists []AccountList, decisions Decisions) (*AccountIndex, []Overlap) {
	ix, out, _ := matchRead(func() (AccountList, error) { return *ours, nil }, len(lists),
		func(i int) (AccountList, error) { return lists[i], nil }, decisions, len(ours.Accounts)/2)
	return ix, out
}

// MatchRead is IndexAndMatch for account lists read as they are matched, for
// a caller that keeps the overlaps and not the lists (the CLI): readOurs
// reads our list and read(i) the i-th of n partners' lists. While our list
// is read and indexed, the first partners' lists are read and prepared on
// another core, up to EarlyAccounts accounts; each of the others is read
// when a core is free to match it, and every list is dropped once matched
// and explained. Two hundred lists of 10,000 accounts are then never all
// held at once, as they were when read before matching: the CLI's peak was
// 900 MB for 1,000,000 accounts of ours.
//
// The functions are called on goroutines of MatchRead's, several at once,
// read(i) at most once for each i. The error returned is the first in the
// order of the lists, ours first: a list after one that failed is not read.
func MatchRead(readOurs func() (AccountList, error), n int, read func(i int) (AccountList, error), decisions Decisions) (*AccountIndex, []Overlap, error) {
	return matchRead(readOurs, n, read, decisions, EarlyAccounts)
}

// EarlyAccounts is how many partner accounts MatchRead holds, read and
// prepared, while our list is read and indexed.
const EarlyAccounts = 500_000

// matchRead is IndexAndMatch and MatchRead: the first lists are prepared,
// up to budget accounts, while ours is read and indexed.
func matchRead(readOurs func() (AccountList, error), n int, read func(int) (AccountList, error), decisions Decisions, budget int) (*AccountIndex, []Overlap, error) {
	var bad firstFailure
	var ix *AccountIndex
	var failed any
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		defer func() { failed = recover() }()
		ours, err := readOurs()
		if err != nil {
			bad.record(0, err)
			return
		}
		ix = IndexAccounts(ours.Accounts)
	}()
	early := make([]preparedList, n)
prepare:
	for i := 0; i < n && budget > 0 && !bad.any(); i++ {
		select {
		case <-indexed:
			break prepare
		default:
		}
		l, err := read(i)
		if err != nil {
			bad.record(i+1, err)
			break
		}
		early[i] = preparedList{l, PrepareAccounts(l.Accounts)}
		budget -= len(l.Accounts)
	}
	<-indexed
	if failed != nil {
		panic(failed) // on the caller's goroutine, where its recovery is
	}
	if ix == nil {
		return nil, nil, bad.err
	}
	out := ix.matchLists(n, early, read, decisions, &bad)
	if bad.err != nil {
		return nil, nil, bad.err
	}
	return ix, out, nil
}

// preparedList is a partner's list read and prepared before our index was
// ready.
type preparedList struct {
	list AccountList
	ix   *AccountIndex
}

// firstFailure is the first error of matchRead in the order of the lists,
// ours at 0, whichever goroutine met it first.
type firstFailure struct {
	mu  sync.Mutex
	at  int
	err error
}

// record keeps err, met at position at, if no list before it failed.
func (f *firstFailure) record(at int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil || at < f.at {
		f.at, f.err = at, err
	}
}

// any says whether a list failed.
func (f *firstFailure) any() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err != nil
}

// settles says whether a failure at or before position at is known: what
// is there need not be read, its error could not come first.
func (f *firstFailure) settles(at int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err != nil && f.at <= at
}

// matchLists reads (unless prepared early), matches and explains each list
// on a core of its own. A list's matches are dropped once explained: Shared
// holds them. Once a list failed, the others are only read, to find one
// that failed before it.
//
// A list matched hands its prepared index's slices and its scratch to the
// next list a core takes (see indexBuffers and matchScratch).
func (ix *AccountIndex) matchLists(n int, early []preparedList, read func(int) (AccountList, error), decisions Decisions, bad *firstFailure) []Overlap {
	out := make([]Overlap, n)
	type spare struct {
		buf     *indexBuffers
		scratch *matchScratch
	}
	spares := make(chan spare, runtime.GOMAXPROCS(0))
	inParallel(n, 1, func(i, _ int) { // a piece is one list
		l, theirs := early[i].list, early[i].ix
		early[i] = preparedList{}
		if theirs == nil {
			if bad.settles(i + 1) {
				return
			}
			var err error
			if l, err = read(i); err != nil {
				bad.record(i+1, err)
				return
			}
		}
		if bad.any() {
			return
		}
		s := spare{scratch: &matchScratch{}}
		select {
		case s = <-spares:
		default:
		}
		if theirs == nil {
			theirs = indexAccounts(l.Accounts, false, s.buf)
		}
		o := ix.overlapIndexed(l.Partner, theirs, decisions, s.scratch)
		ix.Explain(&o, l.Accounts)
		o.Matches = nil
		out[i] = o
		select {
		case spares <- spare{buf: theirs.buffers(), scratch: s.scratch}:
		default:
		}
	})
	return out
}

// SetOverlapResults keeps the overlaps computed by MatchLists from the
// ecosystem's current lists and sets the customer overlap criterion of the
// partners that have a list (see ApplyOverlap).
func (e *Ecosystem) SetOverlapResults(results []Overlap) {
	e.accountMap().Results = results
	e.ApplyOverlap()
}

// OverlapOf returns the overlap of the named partner, or nil.
func (e *Ecosystem) OverlapOf(partner string) *Overlap {
	if e.Accounts == nil {
		return nil
	}
	n := NormaliseName(partner)
	for i := range e.Accounts.Results {
		if NormaliseName(e.Accounts.Results[i].Partner) == n {
			return &e.Accounts.Results[i]
		}
	}
	return nil
}

// UsesTypedOverlap says whether the partner's customer overlap is the value
// the user typed rather than the score from the account lists.
func (e *Ecosystem) UsesTypedOverlap(partner string) bool {
	return e.Accounts != nil && e.Accounts.UsesTyped(partner)
}

// ApplyOverlap sets the customer overlap criterion of every partner that has
// an overlap to OverlapScore, except the partners switched back to typed
// values. The value a partner had before is kept, to give back.
func (e *Ecosystem) ApplyOverlap() {
	m := e.Accounts
	if m == nil || e.Scorecard.Index(CustomerOverlap) < 0 {
		return
	}
	for _, o := range m.Results {
		if p := e.FindPartner(o.Partner); p != nil {
			m.set(p, CustomerOverlap, OverlapScore(o))
		}
	}
}

// UseTypedOverlap switches the partner between the value the user typed
// (typed true: the value from before the overlap comes back, or none) and
// the score from the account lists.
func (e *Ecosystem) UseTypedOverlap(partner string, typed bool) {
	p := e.FindPartner(partner)
	if p == nil {
		return
	}
	e.accountMap().keepTyped(p, CustomerOverlap, typed)
	if !typed {
		e.ApplyOverlap()
	}
}

// Decide records the user's verdict on a fuzzy match (by its DecisionKey),
// updates every overlap that holds the match and the customer overlap
// scores.
func (e *Ecosystem) Decide(key string, d Decision) {
	m := e.accountMap()
	if m.Decisions == nil {
		m.Decisions = Decisions{}
	}
	if d == Pending {
		delete(m.Decisions, key)
	} else {
		m.Decisions[key] = d
	}
	for i := range m.Results {
		o := &m.Results[i]
		var shared []SharedAccount
		for k, s := range o.Shared {
			if s.Kind != MatchFuzzy || s.DecisionKey() != key || s.Decision == d {
				continue
			}
			if shared == nil {
				shared = append([]SharedAccount(nil), o.Shared...) // copy on write: clones share o.Shared
			}
			shared[k].Decision = d
		}
		if shared != nil {
			o.Shared = shared
			o.Recount()
		}
	}
	e.ApplyOverlap()
}

// RemovePartnerAccounts drops the named partner's account list and its
// overlap, and gives the partner back the customer overlap value it had
// before the list replaced it (none, if it had none). It returns false when
// the partner has neither a list nor an overlap.
func (e *Ecosystem) RemovePartnerAccounts(partner string) bool {
	m := e.Accounts
	if m == nil {
		return false
	}
	key := NormaliseName(partner)
	lists, dropped := without(m.Lists, func(l AccountList) bool { return NormaliseName(l.Partner) == key })
	results, droppedResult := without(m.Results, func(o Overlap) bool { return NormaliseName(o.Partner) == key })
	if !dropped && !droppedResult {
		return false
	}
	m.Lists, m.Results = lists, results
	if p := e.FindPartner(partner); p != nil {
		m.forget(p, CustomerOverlap)
	}
	delete(m.FromData, key)
	delete(m.TypedValues, key)
	delete(m.Typed, key)
	return true
}

// without returns a new slice of the items of s that drop does not pick,
// and whether it picked any. s itself is not changed: clones share it.
func without[T any](s []T, drop func(T) bool) ([]T, bool) {
	out := s[:0:0]
	dropped := false
	for _, x := range s {
		if drop(x) {
			dropped = true
			continue
		}
		out = append(out, x)
	}
	return out, dropped
}
