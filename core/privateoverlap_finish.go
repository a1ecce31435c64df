package core

import (
	"cmp"
	"context"
	"encoding/hex"
	"slices"
	"sync/atomic"
	"time"
)

// The third step of a private overlap: the requesting side finishes with
// the answer and learns what its mode promises.

// FinishPrivateOverlap opens the partner's answer to our request: it
// blinds the partner's keys by our secret, finds them among our keys
// blinded by both secrets, and counts the shared companies as OverlapWith
// counts its exact matches (each of our companies at most once, each of
// theirs too, a domain before a name). In matches mode the shared
// companies are written out (ours only: the partner's names never come);
// in counts mode only the counts are known, and the pipeline is not.
// The state must not be finished already.
func FinishPrivateOverlap(ctx context.Context, st *PrivateState, req, ans *PrivateFile, progress PrivateProgress) (Overlap, error) {
	o, _, err := finishPrivate(ctx, st, req, ans, progress)
	return o, err
}

// finishPrivate is FinishPrivateOverlap, returning also the answer's
// companies blinded by both secrets, in the answer's order: a result.
func finishPrivate(ctx context.Context, st *PrivateState, req, ans *PrivateFile, progress PrivateProgress) (Overlap, []BlindedAccount, error) {
	if err := CheckPrivatePairing(st, req, ans); err != nil {
		return Overlap{}, nil, err
	}
	raw, err := hex.DecodeString(st.Secret)
	if err != nil {
		return Overlap{}, nil, privateError(PrivateDamaged, err, "the saved secret of this request is damaged")
	}
	a, err := readSecret(raw)
	if err != nil {
		return Overlap{}, nil, privateError(PrivateDamaged, err, "the saved secret of this request is damaged")
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
		return Overlap{}, nil, err
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
	var companies []privateCompany
	if st.Mode == PrivateMatches {
		companies = st.Accounts
	}
	tallyPrivate(&o, best, ans.Ours, companies)
	return o, theirs, nil
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
	if err := cmp.Or(wantKind(req, FileRequest, "the first file is %s; give the request you made first, then the partner's answer"),
		wantKind(ans, FileAnswer, "the second file is %s, not the partner's answer")); err != nil {
		return err
	}
	reqSum := req.Checksum()
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

// wantKind refuses f, as a wrong pairing, unless it is of kind; message
// says what f is (%s) and what was wanted.
func wantKind(f *PrivateFile, kind PrivateFileKind, message string) error {
	if f.Header.File == kind {
		return nil
	}
	return privateError(PrivatePairing, nil, message, f.Header.File.article())
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

// PrivateRequest is the state of request id kept in the plan, or nil.
func (e *Ecosystem) PrivateRequest(id string) *PrivateState {
	for _, st := range e.PrivateRequests {
		if st.RequestID == id {
			return st
		}
	}
	return nil
}

// KeepPrivateRequest keeps st in the plan, replacing the state of the same
// request: the plan then holds the request's secret.
func (e *Ecosystem) KeepPrivateRequest(st *PrivateState) {
	e.PrivateRequests = slices.DeleteFunc(slices.Clone(e.PrivateRequests), func(k *PrivateState) bool { return k.RequestID == st.RequestID })
	e.PrivateRequests = append(e.PrivateRequests, st)
}
