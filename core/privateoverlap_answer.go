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
	reqSum := req.Checksum()
	b, err := newSecret()
	if err != nil {
		return nil, nil, err
	}
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
	// by the domains and the name of its first row, in a random order.
	var firsts []int
	for i := range ix.Accounts {
		if int(ix.canon[i]) == i {
			firsts = append(firsts, i)
		}
	}
	if err := shuffle(firsts); err != nil {
		return nil, nil, err
	}
	for _, i := range firsts {
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
	ast := &PrivateAnswerState{Format: PrivateOverlapFormat, RequestID: req.Header.RequestID, Mode: req.Header.Mode,
		From: opt.From, Partner: req.Header.From, Made: ans.Header.Made}
	if req.Header.Mode == PrivateMatches {
		ast.Companies = make([]privateCompany, len(firsts))
	}
	for k, i := range firsts {
		a, e := &ix.Accounts[i], &ans.Theirs[k]
		name := keyMessage(MatchName, ix.norm[i])
		if ix.norm[i] == "" {
			var err error
			if name, err = paddingMessage(); err != nil {
				return nil, nil, err
			}
		}
		jobs = append(jobs, job{msg: name, out: &e.Keys[0]})
		for s := 1; s < len(e.Keys); s++ {
			jobs = append(jobs, job{msg: keyMessage(MatchDomain, a.Domains[s-1]), out: &e.Keys[s]})
		}
		if ast.Companies != nil {
			ast.Companies[k] = answeredCompany(ix, i, len(e.Keys))
		}
	}
	ans.Header.TheirEntries = len(ans.Theirs)
	var done atomic.Int64
	if err := blind(ctx, b, jobs, opt.Progress, &done, len(jobs)); err != nil {
		return nil, nil, err
	}
	if req.Header.Mode == PrivateCounts {
		if err := shuffle(ans.Ours); err != nil {
			return nil, nil, err
		}
	}
	ast.AnswerChecksum = ans.Checksum()
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
