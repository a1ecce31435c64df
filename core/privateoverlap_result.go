package core

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// The optional fourth step of a private overlap: the requesting side sends
// a result back, so that the answering side learns what the requester
// learnt, and no more. The requester has, after finishing, each of the
// answering side's keys blinded by both secrets, a·b·H(k); the answering
// side holds, in the answer it wrote, each of the requester's keys blinded
// by both, b·a·H(k'). A result is the former, in the answer's order in
// matches mode (the answering side learns which of its companies the
// requester has) and shuffled in counts mode (it learns how many). The
// answering side intersects them itself: a result can leave matches out,
// never invent one, for it takes both secrets to make a·b·H(k).

// PrivateAnswerState is what the answering side keeps to read a result:
// no secret (b is forgotten once the answer is made), the answer's
// checksum, and in matches mode its companies in the answer's order.
type PrivateAnswerState struct {
	Format         int         `json:"format"`
	RequestID      string      `json:"request_id"`
	AnswerChecksum string      `json:"answer_checksum"`
	Mode           PrivateMode `json:"mode"`
	From           string      `json:"from"`    // who answered: us
	Partner        string      `json:"partner"` // who made the request
	List           string      `json:"list,omitempty"`
	// AnswerFile is where the answer was written: reading a result needs
	// it again.
	AnswerFile string    `json:"answer_file,omitempty"`
	Made       time.Time `json:"made"`
	// Companies are our companies in the answer's order, for mode matches
	// only: slot 0 of each is its name, the others its websites.
	Companies []privateCompany `json:"companies,omitempty"`
}

// WriteTo writes the answer state as JSON.
func (ast *PrivateAnswerState) WriteTo(w io.Writer) (int64, error) {
	return writeRecord(w, ast, "answer state")
}

// ReadPrivateAnswerState reads an answer state written by WriteTo.
func ReadPrivateAnswerState(r io.Reader) (*PrivateAnswerState, error) {
	return readRecord[PrivateAnswerState](r, "the saved record of this answer", "the result cannot be read without it")
}

// resultReveals is the Reveals line of a result of mode m.
func resultReveals(m PrivateMode) string {
	if m == PrivateMatches {
		return "Result: the answering side learns which of its companies the requesting side has (what the requesting side learnt of its own), never the requesting side's companies it does not have."
	}
	return "Result: the answering side learns how many of its companies the requesting side has, per population, not which ones (what the requesting side learnt of its own)."
}

// makePrivateResult is the result of a finished request: theirs are the
// answer's companies blinded by both secrets, in the answer's order.
func makePrivateResult(st *PrivateState, ans *PrivateFile, theirs []BlindedAccount, now time.Time) (*PrivateFile, error) {
	sum := ans.Checksum()
	if now.IsZero() {
		now = time.Now()
	}
	res := &PrivateFile{Header: PrivateHeader{Format: PrivateOverlapFormat, File: FileResult, RequestID: st.RequestID,
		AnswerChecksum: sum, From: st.From, Made: now.UTC().Truncate(time.Second), Mode: st.Mode,
		Entries: len(theirs), Populations: ans.Header.Populations, Reveals: resultReveals(st.Mode)},
		Ours: slices.Clone(theirs)}
	if st.Mode == PrivateCounts {
		if err := shuffle(res.Ours); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// CheckPrivateResult says whether res completes ans, the answer ast was
// kept for: the request id and the answer's checksum bind them, and the
// result has one entry of the same width for each company answered.
func CheckPrivateResult(ast *PrivateAnswerState, ans, res *PrivateFile) error {
	if err := cmp.Or(wantKind(res, FileResult, "this is %s, not a result: open the result your partner sent back"),
		wantKind(ans, FileAnswer, "the answer you wrote is needed with the result; this is %s")); err != nil {
		return err
	}
	id, sum := ans.Header.RequestID, ans.Checksum()
	switch {
	case res.Header.RequestID != id || res.Header.AnswerChecksum != sum:
		return privateError(PrivatePairing, nil, "this result completes another exchange (request %s), not your answer to request %s", short(res.Header.RequestID), short(id))
	case ast == nil || ast.RequestID != id || ast.AnswerChecksum != sum:
		return privateError(PrivatePairing, nil, "the answer to request %s was not made on this computer, or was changed since: only the computer that answered can read its result", short(id))
	case res.Header.Mode != ans.Header.Mode || len(res.Ours) != len(ans.Theirs):
		return privateError(PrivatePairing, nil, "the result has %d entries where your answer had %d companies: it was not made from your answer", len(res.Ours), len(ans.Theirs))
	case ast.Mode == PrivateMatches && len(ast.Companies) != len(ans.Theirs):
		return privateError(PrivateDamaged, nil, "the saved record of this answer holds %d companies where the answer has %d", len(ast.Companies), len(ans.Theirs))
	}
	for i, e := range res.Ours {
		if ast.Mode == PrivateMatches && len(e.Keys) != len(ans.Theirs[i].Keys) {
			return privateError(PrivatePairing, nil, "entry %d of the result has %d keys where your answer had %d: it was not made from your answer", i+1, len(e.Keys), len(ans.Theirs[i].Keys))
		}
	}
	return nil
}

// ReadPrivateResult is what the answering side learns from a result: the
// overlap seen from its side, its own companies the requester has (which
// ones in matches mode, how many in counts mode).
func ReadPrivateResult(ast *PrivateAnswerState, ans, res *PrivateFile) (Overlap, error) {
	if err := CheckPrivateResult(ast, ans, res); err != nil {
		return Overlap{}, err
	}
	type slot struct{ entry, key int32 }
	ours := make(map[[ElementSize]byte]slot, len(res.Ours)*2)
	for i, e := range res.Ours {
		for s, k := range e.Keys {
			ours[k] = slot{int32(i), int32(s)}
		}
	}
	o := Overlap{Partner: ast.Partner, ByKind: map[MatchKind]int{}, Method: "computed privately from the partner's result: " + string(ast.Mode) +
		", exact matches (domain and name); fuzzy matching cannot work on blinded keys"}
	best := make([]candidate, len(res.Ours))
	for _, e := range ans.Ours { // the requester's companies, blinded by both
		o.Companies++
		if e.Tag == TagCustomer {
			o.Customers++
		}
		var c candidate
		entry := -1
		for _, k := range e.Keys {
			hit, ok := ours[k]
			if !ok {
				continue
			}
			d := candidate{found: true, key: int(hit.key), theirPop: e.Tag.population(), kind: MatchDomain}
			if hit.key == 0 {
				d.kind = MatchName
			}
			if entry < 0 || (d.kind == MatchDomain && c.kind != MatchDomain) {
				c, entry = d, int(hit.entry)
			}
		}
		if entry >= 0 && c.better(best[entry]) {
			best[entry] = c
		}
	}
	var companies []privateCompany
	if ast.Mode == PrivateMatches {
		companies = ast.Companies
	}
	tallyPrivate(&o, best, res.Ours, companies)
	return o, nil
}

// tallyPrivate counts into o the best match of each of our entries, by
// population and by kind; our population is the entry's tag, or, when
// companies are known (matches mode), the company's, and each match is
// then written out, with our open pipeline among them.
func tallyPrivate(o *Overlap, best []candidate, entries []BlindedAccount, companies []privateCompany) {
	for i, c := range best {
		if !c.found {
			continue
		}
		ourPop := entries[i].Tag.population()
		if companies != nil {
			acc := companies[i]
			ourPop = acc.Population
			o.Shared = append(o.Shared, privateShared(acc, c, ourPop))
			if ourPop == Opportunity {
				o.Pipeline += acc.Amount
			}
		}
		o.Counts[populationOf(ourPop, c.theirPop)]++
		o.ByKind[c.kind]++
	}
	sortSharedByRow(o.Shared)
}

// privateShared writes out a match a private overlap found on our company
// acc: our row, name and website, the key both sides hold.
func privateShared(acc privateCompany, c candidate, ourPop Population) SharedAccount {
	pk := acc.Keys[c.key]
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
	}
	return s
}

// sortSharedByRow puts matches in the order of our list's rows, as plain
// matching lists them (then by name, for rows not known): requests and
// answers travel shuffled.
func sortSharedByRow(s []SharedAccount) {
	slices.SortFunc(s, func(a, b SharedAccount) int {
		return cmp.Or(a.OurRow-b.OurRow, strings.Compare(a.Ours, b.Ours))
	})
}

// FinishPrivateOverlapWithResult finishes a request as FinishPrivateOverlap
// does and also returns the result to send back to the partner, should
// the user choose to.
func FinishPrivateOverlapWithResult(ctx context.Context, st *PrivateState, req, ans *PrivateFile, progress PrivateProgress, now time.Time) (Overlap, *PrivateFile, error) {
	o, theirs, err := finishPrivate(ctx, st, req, ans, progress)
	if err != nil {
		return Overlap{}, nil, err
	}
	res, err := makePrivateResult(st, ans, theirs, now)
	if err != nil {
		return Overlap{}, nil, err
	}
	return o, res, nil
}
