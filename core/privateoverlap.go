package core

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"sync/atomic"
	"time"
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
func blind(ctx context.Context, s *secretScalar, jobs []job, progress PrivateProgress, done *atomic.Int64, total int) error {
	const piece = 512
	ctx, stop := context.WithCancel(ctx) // a refused element stops every worker
	defer stop()
	pieces := (len(jobs) + piece - 1) / piece
	errs := make([]error, pieces)
	inParallel(pieces, 1, func(first, last int) {
		e, r := new(blindedElement), new(blindedElement)
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
func blindPiece(s *secretScalar, jobs []job, lo, hi int, e, r *blindedElement) error {
	for k := lo; k < hi; k++ {
		j := jobs[k]
		if j.msg != nil {
			hashToElement(e, j.msg)
		} else if err := decodeElement(e, j.in); errors.Is(err, errNeutralElement) {
			return privateError(PrivateRefused, nil, "the file holds a neutral value where a blinded key belongs (key %d): such a value hides nothing, so the file is refused", k+1)
		} else if err != nil {
			return privateError(PrivateRefused, err, "the file holds a value that is not a blinded key (key %d): it was damaged or not made by Partner Atlas", k+1)
		}
		multiplyInto(j.out, s, e, r)
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
	if opt.Mode == PrivateMatches {
		// In our list's order, a result sent back would tell the partner
		// where in our list each shared company stands.
		if err := shuffleTogether(firsts, keys); err != nil {
			return nil, nil, err
		}
	}
	a, err := newSecret()
	if err != nil {
		return nil, nil, fmt.Errorf("make the secret: %w", err)
	}
	secret := secretBytes(a)
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
	st.RequestChecksum = f.Checksum()
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
