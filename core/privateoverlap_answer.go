package core

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"slices"
	"sync/atomic"
	"time"
)

// The second step of a private overlap: the partner answers a request.

// AnswerPrivateRequest answers a partner's request with our account list:
// its entries blinded again by our secret (shuffled in counts mode, in
// request order in matches mode), and our companies blinded by the same
// secret, shuffled. The secret is forgotten when it returns. The state
// returned holds no secret: it is what reading the partner's result, if
// one comes back, needs (our companies in the answer's order).
func AnswerPrivateRequest(ctx context.Context, req *PrivateFile, accounts []Account, opt PrivateAnswerOptions) (*PrivateFile, *PrivateAnswerState, error) {
	if err := CheckPrivateRequest(req, opt); err != nil {
		return nil, nil, err
	}
	prep, err := PrepareAnswer(ctx, accounts, opt)
	if err != nil {
		return nil, nil, err
	}
	return prep.Answer(ctx, req, opt)
}

// PreparedAnswer is our half of an answer made before the request is
// accepted: our companies blinded by a fresh secret, which does not depend
// on the request. The app makes it while the user reads who sent the
// request and what answering reveals, so that answering is then half the
// work. It answers one request, and is forgotten with its secret when the
// user declines.
type PreparedAnswer struct {
	b      *secretScalar
	theirs []BlindedAccount // our companies, blinded, in a random order
	// companies are our companies in the same order, for a matches request.
	companies []privateCompany
	used      bool
}

// PrepareAnswer blinds our companies, as plain matching reads a partner's
// list (each once, by the domains and the name of its first row), in a
// random order, by a fresh secret.
func PrepareAnswer(ctx context.Context, accounts []Account, opt PrivateAnswerOptions) (*PreparedAnswer, error) {
	b, err := newSecret()
	if err != nil {
		return nil, err
	}
	ix := PrepareAccounts(accounts)
	var firsts []int
	for i := range ix.Accounts {
		if int(ix.canon[i]) == i {
			firsts = append(firsts, i)
		}
	}
	if err := shuffle(firsts); err != nil {
		return nil, err
	}
	prep := &PreparedAnswer{b: b, theirs: make([]BlindedAccount, len(firsts)), companies: make([]privateCompany, len(firsts))}
	var jobs []job
	for k, i := range firsts {
		a, e := &ix.Accounts[i], &prep.theirs[k]
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
		name := keyMessage(MatchName, ix.norm[i])
		if ix.norm[i] == "" {
			if name, err = paddingMessage(); err != nil {
				return nil, err
			}
		}
		jobs = append(jobs, job{msg: name, out: &e.Keys[0]})
		for s := 1; s < len(e.Keys); s++ {
			jobs = append(jobs, job{msg: keyMessage(MatchDomain, a.Domains[s-1]), out: &e.Keys[s]})
		}
		prep.companies[k] = answeredCompany(ix, i, len(e.Keys))
	}
	var done atomic.Int64
	if err := blind(ctx, b, jobs, opt.Progress, &done, len(jobs)); err != nil {
		return nil, err
	}
	return prep, nil
}

// Answer completes the answer to req: its entries blinded by the prepared
// secret, which is then forgotten. A prepared answer answers once.
func (prep *PreparedAnswer) Answer(ctx context.Context, req *PrivateFile, opt PrivateAnswerOptions) (*PrivateFile, *PrivateAnswerState, error) {
	if prep.used {
		return nil, nil, privateError(PrivateReplayed, nil, "this prepared answer has answered a request already: prepare another")
	}
	if err := CheckPrivateRequest(req, opt); err != nil {
		return nil, nil, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	ans := &PrivateFile{Header: PrivateHeader{Format: PrivateOverlapFormat, File: FileAnswer, RequestID: req.Header.RequestID,
		RequestChecksum: req.Checksum(), From: opt.From, Made: now.UTC().Truncate(time.Second), Mode: req.Header.Mode,
		Entries: len(req.Ours), TheirEntries: len(prep.theirs), Populations: opt.SharePopulations,
		Reveals: req.Header.Mode.Reveals(req.Header.Populations)}, Theirs: prep.theirs}
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
	var done atomic.Int64
	if err := blind(ctx, prep.b, jobs, opt.Progress, &done, len(jobs)); err != nil {
		return nil, nil, err
	}
	prep.used, prep.b = true, nil // the secret is forgotten
	if req.Header.Mode == PrivateCounts {
		if err := shuffle(ans.Ours); err != nil {
			return nil, nil, err
		}
	}
	ast := &PrivateAnswerState{Format: PrivateOverlapFormat, RequestID: req.Header.RequestID, Mode: req.Header.Mode,
		From: opt.From, Partner: req.Header.From, Made: ans.Header.Made, AnswerChecksum: ans.Checksum()}
	if req.Header.Mode == PrivateMatches {
		ast.Companies = prep.companies
	}
	return ans, ast, nil
}

// answeredCompany is company i as the answer state keeps it: its
// population and its keys in the slots of its answer entry (the name in
// slot 0, then its websites), to explain a match a result reveals.
func answeredCompany(ix *AccountIndex, i, slots int) privateCompany {
	a := &ix.Accounts[i]
	first := ""
	if len(a.Domains) > 0 {
		first = a.Domains[0]
	}
	c := privateCompany{Population: ix.pop[i], Keys: make([]privateKey, slots)}
	if ix.pop[i] == Opportunity {
		c.Amount = ix.amt[i]
	}
	c.Keys[0] = privateKey{Kind: MatchName, Key: ix.norm[i], Name: a.Name, Domain: first, Row: a.Row}
	for s := 1; s < slots; s++ {
		c.Keys[s] = privateKey{Kind: MatchDomain, Key: a.Domains[s-1], Name: a.Name, Domain: first, Row: a.Row}
	}
	return c
}

// shuffle puts s in a random order drawn from crypto/rand (Fisher–Yates).
func shuffle[T any](s []T) error {
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

// shuffleTogether puts firsts and keys in one random order.
func shuffleTogether(firsts []int, keys [][]privateKey) error {
	order := make([]int, len(firsts))
	for i := range order {
		order[i] = i
	}
	if err := shuffle(order); err != nil {
		return err
	}
	f, k := slices.Clone(firsts), slices.Clone(keys)
	for i, o := range order {
		firsts[i], keys[i] = f[o], k[o]
	}
	return nil
}
