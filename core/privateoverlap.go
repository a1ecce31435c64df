package core

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"math/big"
	"sync/atomic"
	"time"

	"github.com/cloudflare/circl/group"
)

// Private overlap: two companies learn what their account lists share
// without handing them over, by commutative blinding on Ristretto255.
//
// We hash each of our account keys to the group (RFC 9380 hash to element,
// with privateOverlapTag) and multiply it by a secret scalar a; the partner
// multiplies those by its own secret b and sends them back with its own
// keys multiplied by b; we multiply those by a, and a key both lists hold
// gives the same element a·b·H(key) on both sides. The keys of an account
// are the keys plain exact matching uses (its registrable domains and its
// normalised name), so a private overlap counts what OverlapWith counts by
// domain and by name. Fuzzy matching compares names letter by letter, which
// blinded keys cannot do: a private overlap has exact matches only.

// privateOverlapTag is the domain-separation tag of hash to element: fixed,
// app-specific and versioned, so that a blinded key of Partner Atlas is
// never the blinded key of another protocol, nor of another format version.
// Both sides must read keys alike: a change to NormaliseName or
// RegistrableDomain that changes a key bumps PrivateOverlapFormat and this
// tag, so two versions refuse each other's files instead of missing matches.
const privateOverlapTag = "PartnerAtlas-PrivateOverlap-v1-ristretto255_XMD:SHA-512_R255MAP_RO_"

// PrivateOverlapFormat is the version of the .pao files and state this
// build writes and reads.
const PrivateOverlapFormat = 1

// ElementSize is the size of a blinded key in a .pao file: a Ristretto255
// element in its canonical 32-byte encoding.
const ElementSize = 32

// MaxKeysPerAccount bounds the keys one company brings to a private
// overlap: a partner's company its name and up to seven websites; one of
// ours the names and websites of all its rows, its first row's first, up to
// eight. Plain matching looks at them all; on the real lists tested a
// handful of companies of many rows have more.
const MaxKeysPerAccount = 8

// DefaultMaxEntries is the largest request answered unless the user says
// otherwise: a request is one entry per company, and a list of a million
// companies from a partner with a few hundred customers is a fishing
// expedition, not account mapping.
const DefaultMaxEntries = 200_000

// PrivateMode is what the side that makes a request learns.
type PrivateMode string

// The modes of a private overlap.
const (
	// PrivateCounts: the partner shuffles our blinded keys before it blinds
	// them again, so we learn how many of our companies it has, per
	// population, and nothing about which.
	PrivateCounts PrivateMode = "counts"
	// PrivateMatches: we learn which of our companies the partner has, never
	// the partner's companies we do not have.
	PrivateMatches PrivateMode = "matches"
)

// ParsePrivateMode reads a mode as the command line and the files write it.
func ParsePrivateMode(s string) (PrivateMode, error) {
	switch PrivateMode(s) {
	case PrivateCounts, PrivateMatches:
		return PrivateMode(s), nil
	}
	return "", privateError(PrivateRefused, nil, "%q is not a mode of private overlap: choose counts (how many accounts you share, per population) or matches (which of your accounts the partner has)", s)
}

// Reveals says in one sentence what a file of this mode tells the other
// side and what the requester learns, for the file's header and for the
// screen before anything is written.
func (m PrivateMode) Reveals(populations bool) string {
	pops := "The answering side learns how many of the requesting side's companies are customers, open opportunities and prospects, not which."
	if !populations {
		pops = "The requesting side's populations are not sent."
	}
	if m == PrivateMatches {
		pops = "The requesting side's populations are not sent."
	}
	switch m {
	case PrivateCounts:
		return "Counts only: the answering side learns how many companies the requesting side's list holds and nothing else about them; " +
			"the requesting side learns how many of its companies the answering side has, per population, not which ones, and how many companies the answering side's list holds. " + pops
	case PrivateMatches:
		return "Our matches: the answering side learns how many companies the requesting side's list holds and nothing else about them; " +
			"the requesting side learns which of its companies the answering side has, never the answering side's companies it does not have, and how many companies the answering side's list holds. " + pops
	}
	return ""
}

// PrivateTag is the population an entry of a .pao file carries, when the
// side that owns the entry shares it.
type PrivateTag byte

// The tags of an entry. A partner's entry is Customer or Prospect (an open
// opportunity is not a customer, and nothing more is needed); ours, in
// counts mode, any of the three.
const (
	TagWithheld    PrivateTag = 0
	TagCustomer    PrivateTag = 1
	TagOpportunity PrivateTag = 2
	TagProspect    PrivateTag = 3
)

// tagOf is the tag that carries population p.
func tagOf(p Population) PrivateTag {
	switch p {
	case Customer:
		return TagCustomer
	case Opportunity:
		return TagOpportunity
	}
	return TagProspect
}

// population reads a tag back; a withheld population reads as a prospect,
// the side with the least claim.
func (t PrivateTag) population() Population {
	switch t {
	case TagCustomer:
		return Customer
	case TagOpportunity:
		return Opportunity
	}
	return Prospect
}

// BlindedAccount is one company in a .pao file: its keys, blinded, and the
// population tag its owner chose to share.
type BlindedAccount struct {
	Tag  PrivateTag
	Keys [][ElementSize]byte
}

// PrivateProgress is told, now and then, how much of a step is done: done
// out of total blinded keys. It is called from worker goroutines.
type PrivateProgress func(done, total int)

// privateKey is one key of one of our companies, kept in the state to
// explain a match: the kind, the domain or normalised name, and the row
// of our list that first had it.
type privateKey struct {
	Kind   MatchKind `json:"kind"`
	Key    string    `json:"key"`
	Name   string    `json:"name"`
	Domain string    `json:"domain,omitempty"`
	Row    int       `json:"row,omitempty"`
}

// privateCompany is one of our companies as the state keeps it for a
// request of mode matches: its population, its open opportunity's value and
// its keys in the order of the request.
type privateCompany struct {
	Population Population   `json:"population"`
	Amount     float64      `json:"amount,omitempty"`
	Keys       []privateKey `json:"keys"`
}

// PrivateState is what the requesting side keeps on its own computer
// between request and finish: the secret scalar, and what finishing needs
// to explain a match. It never goes to the partner.
type PrivateState struct {
	Format          int         `json:"format"`
	RequestID       string      `json:"request_id"`
	RequestChecksum string      `json:"request_checksum"`
	Mode            PrivateMode `json:"mode"`
	From            string      `json:"from"`
	List            string      `json:"list,omitempty"`
	// RequestFile is where the request was written, so the app can find it
	// again when the answer comes back days later.
	RequestFile string    `json:"request_file,omitempty"`
	Made        time.Time `json:"made"`
	// Secret is the scalar a, hex; empty once the request is finished.
	Secret string `json:"secret,omitempty"`
	// Companies counts our companies; Width is the keys per entry of a
	// counts request (padded with random elements).
	Companies int `json:"companies"`
	Width     int `json:"width,omitempty"`
	// Truncated counts our companies with more keys than a counts entry
	// holds, matched on their first Width keys (see MaxCountsWidth).
	Truncated int `json:"truncated,omitempty"`
	// Accounts are our companies in request order, for mode matches only:
	// a counts request keeps nothing of the list.
	Accounts []privateCompany `json:"accounts,omitempty"`
	// Finished is when the answer was opened; a request is finished once.
	Finished time.Time `json:"finished,omitzero"`
}

// PrivateRequestOptions are the choices of the side that makes a request.
type PrivateRequestOptions struct {
	Mode PrivateMode
	From string // who makes the request, as the header says it
	List string // our list's file name, kept in the state only
	// SharePopulations sends our population with each entry of a counts
	// request, so the counts come per population; matches requests never
	// send them (we know which accounts matched).
	SharePopulations bool
	Now              time.Time
	Progress         PrivateProgress
}

// PrivateAnswerOptions are the choices of the side that answers.
type PrivateAnswerOptions struct {
	From string
	// MaxEntries refuses a request of more entries (0: DefaultMaxEntries).
	MaxEntries int
	// CountsOnly refuses a request of mode matches.
	CountsOnly bool
	// SharePopulations tags each of our entries customer or prospect.
	SharePopulations bool
	Now              time.Time
	Progress         PrivateProgress
}

// ristretto is the group every element of a private overlap is in.
var ristretto = group.Ristretto255

// companyKeys lists, for each of our companies (in the order of their
// first rows), the keys plain matching finds it by: every domain and
// normalised name the company's rows were first to have, as OverlapWith's
// lookups own them. A key is in one company only.
func companyKeys(ix *AccountIndex) (firsts []int, keys [][]privateKey) {
	pos := make(map[int32]int)
	for i := range ix.Accounts {
		if int(ix.canon[i]) == i {
			pos[int32(i)] = len(firsts)
			firsts = append(firsts, i)
		}
	}
	keys = make([][]privateKey, len(firsts))
	for i := range ix.Accounts {
		a := &ix.Accounts[i]
		g := pos[ix.canon[i]]
		first := ""
		if len(a.Domains) > 0 {
			first = a.Domains[0]
		}
		var name []privateKey
		if n := ix.norm[i]; n != "" && ix.nameOwner(n, maphash.String(hashSeed, n)) == int32(i) {
			name = append(name, privateKey{Kind: MatchName, Key: n, Name: a.Name, Domain: first, Row: a.Row})
		}
		var doms []privateKey
		for _, d := range a.Domains {
			if ix.domainOwner(d, maphash.String(hashSeed, d)) == int32(i) {
				doms = append(doms, privateKey{Kind: MatchDomain, Key: d, Name: a.Name, Domain: first, Row: a.Row})
			}
		}
		keys[g] = append(append(keys[g], name...), doms...)
	}
	for g := range keys {
		if len(keys[g]) > MaxKeysPerAccount {
			keys[g] = keys[g][:MaxKeysPerAccount]
		}
	}
	return firsts, keys
}

// keyMessage is the message a key is hashed from: its kind and its text,
// so that a domain and a name that read alike never meet.
func keyMessage(kind MatchKind, key string) []byte {
	if kind == MatchDomain {
		return []byte("domain\x00" + key)
	}
	return []byte("name\x00" + key)
}

// job is one element to compute: hash msg (when set) or decode in, then
// multiply by the scalar, into out.
type job struct {
	msg []byte
	in  *[ElementSize]byte
	out *[ElementSize]byte
}

// blind computes every job on all cores, checking ctx between pieces. A
// received element that does not decode, or decodes to the identity, stops
// the work with an error of kind PrivateRefused.
func blind(ctx context.Context, s group.Scalar, jobs []job, progress PrivateProgress, done *atomic.Int64, total int) error {
	const piece = 512
	ctx, stop := context.WithCancel(ctx) // a refused element stops every worker
	defer stop()
	pieces := (len(jobs) + piece - 1) / piece
	errs := make([]error, pieces)
	inParallel(pieces, 1, func(first, last int) {
		e := ristretto.NewElement()
		r := ristretto.NewElement()
		for p := first; p < last; p++ {
			if err := ctx.Err(); err != nil {
				errs[p] = err
				return
			}
			if err := blindPiece(s, jobs, p*piece, min(len(jobs), (p+1)*piece), e, r); err != nil {
				errs[p] = err
				stop()
				return
			}
			if progress != nil {
				progress(int(done.Add(int64(min(len(jobs), (p+1)*piece)-p*piece))), total)
			}
		}
	})
	var failed error
	for _, err := range errs {
		if err != nil && (failed == nil || errors.Is(failed, context.Canceled)) {
			failed = err
		}
	}
	return failed
}

// blindPiece computes jobs[lo:hi], with e and r as scratch elements.
func blindPiece(s group.Scalar, jobs []job, lo, hi int, e, r group.Element) error {
	for k := lo; k < hi; k++ {
		j := jobs[k]
		if j.msg != nil {
			e = ristretto.HashToElement(j.msg, []byte(privateOverlapTag))
		} else if err := e.UnmarshalBinary(j.in[:]); err != nil {
			return privateError(PrivateRefused, err, "the file holds a value that is not a blinded key (key %d): it was damaged or not made by Partner Atlas", k+1)
		} else if e.IsIdentity() {
			return privateError(PrivateRefused, nil, "the file holds a neutral value where a blinded key belongs (key %d): such a value hides nothing, so the file is refused", k+1)
		}
		r.Mul(e, s)
		b, err := r.MarshalBinary()
		if err != nil {
			return fmt.Errorf("encode a blinded key: %w", err)
		}
		copy(j.out[:], b)
	}
	return nil
}

// MaxCountsWidth bounds the keys an entry of a counts request holds. Every
// entry is padded to the widest company's keys, so one company of many
// rows or websites would multiply the work for all: a company with more
// keys than this matches, in counts mode, on its first ones (its first
// row's name and websites come first). PrivateState.Truncated counts them.
const MaxCountsWidth = 4

// countsWidth is the width of a counts request's entries: the most keys a
// company has, at least 2 and at most MaxCountsWidth.
func countsWidth(keys [][]privateKey) int {
	w := 2
	for _, k := range keys {
		w = max(w, len(k))
	}
	return min(w, MaxCountsWidth)
}

// paddingMessage is the message of a padding element: random, so its
// element is no key and unlike every other.
func paddingMessage() ([]byte, error) {
	m := make([]byte, len("padding\x00")+32)
	copy(m, "padding\x00")
	if _, err := rand.Read(m[len("padding\x00"):]); err != nil {
		return nil, fmt.Errorf("make a padding value: %w", err)
	}
	return m, nil
}

// MakePrivateRequest blinds our account list into a request, and returns
// it with the state that must stay on this computer to finish it.
func MakePrivateRequest(ctx context.Context, accounts []Account, opt PrivateRequestOptions) (*PrivateFile, *PrivateState, error) {
	if opt.Mode != PrivateCounts && opt.Mode != PrivateMatches {
		return nil, nil, privateError(PrivateRefused, nil, "choose a mode: counts or matches")
	}
	ix := IndexAccounts(accounts)
	firsts, keys := companyKeys(ix)
	a := ristretto.RandomNonZeroScalar(rand.Reader)
	secret, err := a.MarshalBinary()
	if err != nil {
		return nil, nil, fmt.Errorf("make the secret: %w", err)
	}
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, nil, fmt.Errorf("make the request id: %w", err)
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	st := &PrivateState{Format: PrivateOverlapFormat, RequestID: hex.EncodeToString(id[:]), Mode: opt.Mode,
		From: opt.From, List: opt.List, Made: now.UTC().Truncate(time.Second), Secret: hex.EncodeToString(secret),
		Companies: len(firsts)}
	pops := opt.SharePopulations && opt.Mode == PrivateCounts
	f := &PrivateFile{Header: PrivateHeader{Format: PrivateOverlapFormat, File: FileRequest, RequestID: st.RequestID,
		From: opt.From, Made: st.Made, Mode: opt.Mode, Entries: len(firsts), Populations: pops,
		Reveals: opt.Mode.Reveals(pops)}}
	f.Ours = make([]BlindedAccount, len(firsts))
	var jobs []job
	if opt.Mode == PrivateCounts {
		// Every entry the same width, the missing keys random elements the
		// partner cannot tell from keys: after its shuffle, an entry's
		// shape says nothing of which company it was.
		w := countsWidth(keys)
		st.Width = w
		for g, ks := range keys {
			b := &f.Ours[g]
			b.Keys = make([][ElementSize]byte, w)
			if pops {
				b.Tag = tagOf(ix.pop[firsts[g]])
			}
			if len(ks) > w {
				st.Truncated++
				ks = ks[:w]
			}
			for s, k := range ks {
				jobs = append(jobs, job{msg: keyMessage(k.Kind, k.Key), out: &b.Keys[s]})
			}
			for s := len(ks); s < w; s++ {
				m, err := paddingMessage()
				if err != nil {
					return nil, nil, err
				}
				jobs = append(jobs, job{msg: m, out: &b.Keys[s]})
			}
		}
	} else {
		st.Accounts = make([]privateCompany, len(firsts))
		for g, ks := range keys {
			c := firsts[g]
			st.Accounts[g] = privateCompany{Population: ix.pop[c], Keys: ks}
			if ix.pop[c] == Opportunity {
				st.Accounts[g].Amount = ix.amt[c]
			}
			b := &f.Ours[g]
			b.Keys = make([][ElementSize]byte, len(ks))
			for s, k := range ks {
				jobs = append(jobs, job{msg: keyMessage(k.Kind, k.Key), out: &b.Keys[s]})
			}
		}
	}
	var done atomic.Int64
	if err := blind(ctx, a, jobs, opt.Progress, &done, len(jobs)); err != nil {
		return nil, nil, err
	}
	sum, err := f.Checksum()
	if err != nil {
		return nil, nil, err
	}
	st.RequestChecksum = sum
	return f, st, nil
}

// CheckPrivateRequest says whether a request may be answered under opt:
// its size, its mode, the shape of its entries. The answering side calls
// it, through AnswerPrivateRequest, before it blinds anything.
func CheckPrivateRequest(req *PrivateFile, opt PrivateAnswerOptions) error {
	h := req.Header
	if h.File != FileRequest {
		return privateError(PrivateRefused, nil, "this is %s, not a request: answer the file your partner made with request", h.File.article())
	}
	limit := opt.MaxEntries
	if limit <= 0 {
		limit = DefaultMaxEntries
	}
	if h.Entries > limit {
		return privateError(PrivateTooLarge, nil, "the request holds %d entries, more than the %d you accept: a list that long can probe for accounts rather than map shared ones; ask your partner why, or raise the limit you accept", h.Entries, limit)
	}
	if opt.CountsOnly && h.Mode != PrivateCounts {
		return privateError(PrivateRefused, nil, "the request asks to learn which of its accounts you have (mode %s), and you accept counts only", h.Mode)
	}
	if h.Mode == PrivateCounts {
		w := -1
		for i, b := range req.Ours {
			if w < 0 {
				w = len(b.Keys)
			}
			if len(b.Keys) != w {
				return privateError(PrivateRefused, nil, "entry %d of the counts request has %d keys where the others have %d: entries of unequal shape could be told apart after the shuffle, so the request is refused", i+1, len(b.Keys), w)
			}
			if b.Tag > TagProspect || (!h.Populations && b.Tag != TagWithheld) {
				return privateError(PrivateRefused, nil, "entry %d of the counts request carries a tag other than a population: it could single the entry out, so the request is refused", i+1)
			}
		}
	} else {
		for i, b := range req.Ours {
			if b.Tag != TagWithheld {
				return privateError(PrivateRefused, nil, "entry %d of the matches request carries a tag: a matches request sends none", i+1)
			}
		}
	}
	return nil
}

// AnswerPrivateRequest answers a partner's request with our account list:
// its entries blinded again by our secret (shuffled in counts mode, in
// request order in matches mode), and our companies blinded by the same
// secret, shuffled. The secret is forgotten when it returns.
func AnswerPrivateRequest(ctx context.Context, req *PrivateFile, accounts []Account, opt PrivateAnswerOptions) (*PrivateFile, error) {
	if err := CheckPrivateRequest(req, opt); err != nil {
		return nil, err
	}
	reqSum, err := req.Checksum()
	if err != nil {
		return nil, err
	}
	b := ristretto.RandomNonZeroScalar(rand.Reader)
	ix := PrepareAccounts(accounts)
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	ans := &PrivateFile{Header: PrivateHeader{Format: PrivateOverlapFormat, File: FileAnswer, RequestID: req.Header.RequestID,
		RequestChecksum: reqSum, From: opt.From, Made: now.UTC().Truncate(time.Second), Mode: req.Header.Mode,
		Entries: len(req.Ours), Populations: opt.SharePopulations, Reveals: req.Header.Mode.Reveals(req.Header.Populations)}}
	var jobs []job
	ans.Ours = make([]BlindedAccount, len(req.Ours))
	for g, in := range req.Ours {
		out := &ans.Ours[g]
		out.Tag = in.Tag
		out.Keys = make([][ElementSize]byte, len(in.Keys))
		for s := range in.Keys {
			jobs = append(jobs, job{in: &in.Keys[s], out: &out.Keys[s]})
		}
	}
	// Our companies, as plain matching reads a partner's list: each once,
	// by the domains and the name of its first row.
	for i := range ix.Accounts {
		if int(ix.canon[i]) != i {
			continue
		}
		a := &ix.Accounts[i]
		var e BlindedAccount
		if opt.SharePopulations {
			e.Tag = TagProspect
			if ix.pop[i] == Customer {
				e.Tag = TagCustomer
			}
		}
		// Slot 0 is the name (or, for a company without one, padding), the
		// others its websites: the requesting side reads the kind of a
		// match from the slot.
		e.Keys = make([][ElementSize]byte, 1+min(len(a.Domains), MaxKeysPerAccount-1))
		ans.Theirs = append(ans.Theirs, e)
	}
	k := 0
	for i := range ix.Accounts {
		if int(ix.canon[i]) != i {
			continue
		}
		a, e := &ix.Accounts[i], &ans.Theirs[k]
		name := keyMessage(MatchName, ix.norm[i])
		if ix.norm[i] == "" {
			var err error
			if name, err = paddingMessage(); err != nil {
				return nil, err
			}
		}
		jobs = append(jobs, job{msg: name, out: &e.Keys[0]})
		for s := 1; s < len(e.Keys); s++ {
			jobs = append(jobs, job{msg: keyMessage(MatchDomain, a.Domains[s-1]), out: &e.Keys[s]})
		}
		k++
	}
	ans.Header.TheirEntries = len(ans.Theirs)
	var done atomic.Int64
	if err := blind(ctx, b, jobs, opt.Progress, &done, len(jobs)); err != nil {
		return nil, err
	}
	if err := shuffle(ans.Theirs); err != nil {
		return nil, err
	}
	if req.Header.Mode == PrivateCounts {
		if err := shuffle(ans.Ours); err != nil {
			return nil, err
		}
	}
	return ans, nil
}

// shuffle puts s in a random order drawn from crypto/rand (Fisher–Yates).
func shuffle(s []BlindedAccount) error {
	for i := len(s) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return fmt.Errorf("shuffle: %w", err)
		}
		k := int(j.Int64())
		s[i], s[k] = s[k], s[i]
	}
	return nil
}

// FinishPrivateOverlap opens the partner's answer to our request: it
// blinds the partner's keys by our secret, finds them among our keys
// blinded by both secrets, and counts the shared companies as OverlapWith
// counts its exact matches (each of our companies at most once, each of
// theirs too, a domain before a name). In matches mode the shared
// companies are written out (ours only: the partner's names never come);
// in counts mode only the counts are known, and the pipeline is not.
// The state must not be finished already.
func FinishPrivateOverlap(ctx context.Context, st *PrivateState, req, ans *PrivateFile, progress PrivateProgress) (Overlap, error) {
	if err := CheckPrivatePairing(st, req, ans); err != nil {
		return Overlap{}, err
	}
	raw, err := hex.DecodeString(st.Secret)
	if err != nil {
		return Overlap{}, privateError(PrivateDamaged, err, "the saved secret of this request is damaged")
	}
	a := ristretto.NewScalar()
	if err := a.UnmarshalBinary(raw); err != nil || a.IsZero() {
		return Overlap{}, privateError(PrivateDamaged, err, "the saved secret of this request is damaged")
	}
	// Their keys, blinded by our secret too.
	theirs := make([]BlindedAccount, len(ans.Theirs))
	var jobs []job
	for g, in := range ans.Theirs {
		theirs[g].Tag = in.Tag
		theirs[g].Keys = make([][ElementSize]byte, len(in.Keys))
		for s := range in.Keys {
			jobs = append(jobs, job{in: &ans.Theirs[g].Keys[s], out: &theirs[g].Keys[s]})
		}
	}
	var done atomic.Int64
	if err := blind(ctx, a, jobs, progress, &done, len(jobs)); err != nil {
		return Overlap{}, err
	}
	type slot struct{ entry, key int32 }
	ours := make(map[[ElementSize]byte]slot, len(ans.Ours)*2)
	for g, e := range ans.Ours {
		for s, k := range e.Keys {
			ours[k] = slot{int32(g), int32(s)}
		}
	}
	method := "computed privately: counts only, exact matches (domain and name); fuzzy matching cannot work on blinded keys"
	if st.Mode == PrivateMatches {
		method = "computed privately: our matches, exact matches (domain and name); fuzzy matching cannot work on blinded keys"
	}
	o := Overlap{Partner: ans.Header.From, ByKind: map[MatchKind]int{}, Method: method}
	// Each of their companies reaches at most one of ours: by its first key
	// found, as plain matching stops at its first lookup that succeeds.
	// When several of theirs reach the same one of ours, plain matching
	// counts the first in their list; the partner's order never travels, so
	// here the surest counts: by domain before by name, a customer before a
	// prospect. The number shared is the same either way.
	best := make([]candidate, len(ans.Ours))
	for _, e := range theirs {
		o.Companies++
		if e.Tag == TagCustomer {
			o.Customers++
		}
		// Their websites first, then their name, as plain matching looks
		// a partner's company up.
		for n := range e.Keys {
			s := (n + 1) % len(e.Keys)
			hit, ok := ours[e.Keys[s]]
			if !ok {
				continue
			}
			c := candidate{found: true, key: int(hit.key), theirPop: e.Tag.population(), kind: MatchDomain}
			if s == 0 {
				c.kind = MatchName
			}
			if c.better(best[hit.entry]) {
				best[hit.entry] = c
			}
			break
		}
	}
	for g, c := range best {
		if !c.found {
			continue
		}
		var ourPop Population
		if st.Mode == PrivateCounts {
			ourPop = ans.Ours[g].Tag.population()
		} else {
			acc := st.Accounts[g]
			pk := acc.Keys[c.key]
			ourPop = acc.Population
			s := SharedAccount{Ours: pk.Name, OurDomain: pk.Domain, OurRow: pk.Row,
				OurPopulation: ourPop, TheirPopulation: c.theirPop, Population: populationOf(ourPop, c.theirPop),
				Kind: c.kind, Key: pk.Key, Confidence: NameConfidence}
			if c.kind == MatchDomain {
				s.Confidence = DomainConfidence
				s.Reason = fmt.Sprintf("Same website domain %s (matched privately: the partner's name for it is not shared)", pk.Key)
			} else {
				s.Reason = fmt.Sprintf("Same company name once case, accents, punctuation and legal forms are set aside (%q; matched privately: the partner's name for it is not shared)", pk.Key)
			}
			if ourPop == Opportunity {
				s.Amount = acc.Amount
				o.Pipeline += acc.Amount
			}
			o.Shared = append(o.Shared, s)
		}
		o.Counts[populationOf(ourPop, c.theirPop)]++
		o.ByKind[c.kind]++
	}
	return o, nil
}

// candidate is the best of the partner's companies that reach one of ours.
type candidate struct {
	found    bool
	key      int // the slot of our entry that matched
	kind     MatchKind
	theirPop Population
}

// better says whether c is a surer match than d: found, by domain before
// by name, with a customer before a prospect.
func (c candidate) better(d candidate) bool {
	switch {
	case !d.found:
		return true
	case c.kind != d.kind:
		return c.kind == MatchDomain
	}
	return c.theirPop == Customer && d.theirPop != Customer
}

// CheckPrivatePairing says whether ans answers req, and req is the request
// st was kept for and has not been finished: the request id and the
// request's checksum bind the three together.
func CheckPrivatePairing(st *PrivateState, req, ans *PrivateFile) error {
	if req.Header.File != FileRequest {
		return privateError(PrivatePairing, nil, "the first file is %s; give the request you made first, then the partner's answer", req.Header.File.article())
	}
	if ans.Header.File != FileAnswer {
		return privateError(PrivatePairing, nil, "the second file is %s, not the partner's answer", ans.Header.File.article())
	}
	reqSum, err := req.Checksum()
	if err != nil {
		return err
	}
	if ans.Header.RequestID != req.Header.RequestID || ans.Header.RequestChecksum != reqSum {
		return privateError(PrivatePairing, nil, "this answer was made for another request (request %s), not for %s: open the answer to this request", short(ans.Header.RequestID), short(req.Header.RequestID))
	}
	if st == nil || st.RequestID != req.Header.RequestID || st.RequestChecksum != reqSum {
		return privateError(PrivatePairing, nil, "request %s was not made on this computer, or was changed since: only the computer that made a request can finish it", short(req.Header.RequestID))
	}
	if !st.Finished.IsZero() || st.Secret == "" {
		return privateError(PrivateReplayed, nil, "request %s was finished on %s; a request is finished once, and its secret was then deleted: make a new request to match again", short(req.Header.RequestID), st.Finished.Local().Format("2 January 2006 15:04"))
	}
	if ans.Header.Mode != st.Mode || len(ans.Ours) != len(req.Ours) {
		return privateError(PrivatePairing, nil, "the answer does not answer this request: it has %d of our entries where the request had %d", len(ans.Ours), len(req.Ours))
	}
	for g, e := range ans.Ours {
		want := len(req.Ours[g].Keys)
		if st.Mode == PrivateCounts {
			want = st.Width
		}
		if len(e.Keys) != want {
			return privateError(PrivatePairing, nil, "entry %d of the answer has %d keys where the request had %d: the answer was not made for this request", g+1, len(e.Keys), want)
		}
	}
	return nil
}

// Forget returns the state of a finished request: the secret and our
// accounts gone, the request id and the time kept, so that a second finish
// is refused by name rather than as a stranger.
func (st *PrivateState) Forget(now time.Time) *PrivateState {
	return &PrivateState{Format: st.Format, RequestID: st.RequestID, RequestChecksum: st.RequestChecksum,
		Mode: st.Mode, From: st.From, List: st.List, RequestFile: st.RequestFile, Made: st.Made, Companies: st.Companies, Width: st.Width,
		Finished: now.UTC().Truncate(time.Second)}
}

// short is the first eight characters of a request id, enough to tell
// requests apart in a message.
func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
