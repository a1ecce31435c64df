package exporters

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"time"

	"partneratlas/core"
)

// OpenedPrivate is an answer or a result opened: the overlap it gives, who
// sent it, and, for an answer, the secret it was opened with and the
// result the partner may be sent back.
type OpenedPrivate struct {
	Overlap core.Overlap
	From    string
	State   *core.PrivateState // nil for a result
	InPlan  bool               // State is one the plan keeps, not the folder
	Result  *core.PrivateFile  // nil for a result
}

// ReadRequest reads a partner's request at path to answer it, within what
// accept takes: at most accept.MaxEntries entries, and counts only when
// accept.CountsOnly. A request answered from this folder before is refused:
// a request is answered once. The request is returned even when refused,
// when it could be read, so that a front end can say who sent it.
func (f PrivateFolder) ReadRequest(path string, accept core.PrivateAnswerOptions) (*core.PrivateFile, error) {
	req, err := ReadPrivateFile(path, core.PrivateLimits{MaxEntries: accept.MaxEntries})
	if err != nil {
		return req, err
	}
	if when, ok := f.answeredOn(req.Header.RequestID); ok {
		return req, fmt.Errorf("you answered request %.8s on %s; a request is answered once: ask your partner for a new request", req.Header.RequestID, when)
	}
	if err := core.CheckPrivateRequest(req, accept); err != nil {
		return req, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return req, nil
}

// OpenAnswer reads the partner's answer at path, the secret of the request
// it answers (in the folder, else among kept, the secrets a plan keeps) and
// that request (where it was written, else a .pao beside the answer: a plan
// opened on another computer), and works out the overlap and the result
// the partner may be sent back. An answer to a request made elsewhere is
// refused with an error wrapping fs.ErrNotExist.
func (f PrivateFolder) OpenAnswer(ctx context.Context, path string, kept []*core.PrivateState, progress core.PrivateProgress, now time.Time) (OpenedPrivate, error) {
	ans, err := ReadPrivateFile(path, core.PrivateLimits{})
	if err != nil {
		return OpenedPrivate{}, err
	}
	st, err := f.LoadState(ans.Header.RequestID)
	inPlan := false
	if errors.Is(err, fs.ErrNotExist) {
		if i := slices.IndexFunc(kept, func(k *core.PrivateState) bool { return k.RequestID == ans.Header.RequestID }); i >= 0 {
			st, err, inPlan = kept[i], nil, true
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return OpenedPrivate{}, fmt.Errorf("%s answers request %.8s, which was not made on this computer (or its secret was deleted): only the computer that made a request can open its answer: %w", filepath.Base(path), ans.Header.RequestID, err)
	}
	if err != nil {
		return OpenedPrivate{}, err
	}
	req, err := findRequest(st, path)
	if err != nil {
		return OpenedPrivate{}, fmt.Errorf("the request this answer is for, %s, cannot be read; put it back where it was written, or beside the answer: %w", st.RequestFile, err)
	}
	o, res, err := core.FinishPrivateOverlapWithResult(ctx, st, req, ans, progress, now)
	return OpenedPrivate{Overlap: o, From: ans.Header.From, State: st, InPlan: inPlan, Result: res}, err
}

// findRequest reads the request st was kept for: where it was written, else
// a .pao beside the answer at answerPath that is that request.
func findRequest(st *core.PrivateState, answerPath string) (*core.PrivateFile, error) {
	req, err := ReadPrivateFile(st.RequestFile, core.PrivateLimits{})
	if err == nil {
		return req, nil
	}
	near, _ := filepath.Glob(filepath.Join(filepath.Dir(answerPath), "*.pao"))
	for _, p := range near {
		if r, rerr := ReadPrivateFile(p, core.PrivateLimits{}); rerr == nil && r.Header.File == core.FileRequest && r.Header.RequestID == st.RequestID {
			return r, nil
		}
	}
	return nil, err
}

// OpenResult reads the result at path that a partner sent back for our
// answer, the record of that answer (kept by SendAnswer) and the answer
// itself, and works out what the result reveals: what the partner learnt,
// seen from our side. A result for an answer made elsewhere is refused
// with an error wrapping fs.ErrNotExist.
func (f PrivateFolder) OpenResult(path string) (OpenedPrivate, error) {
	res, err := ReadPrivateFile(path, core.PrivateLimits{})
	if err != nil {
		return OpenedPrivate{}, err
	}
	if res.Header.File != core.FileResult {
		return OpenedPrivate{}, fmt.Errorf("%s is %s, not a result: open the result your partner sent back for your answer", filepath.Base(path), res.Header.File)
	}
	ast, err := f.LoadAnswerState(res.Header.RequestID)
	if errors.Is(err, fs.ErrNotExist) {
		return OpenedPrivate{}, fmt.Errorf("%s is the result of request %.8s, which was not answered on this computer: only the computer that answered can read its result: %w", filepath.Base(path), res.Header.RequestID, err)
	}
	if err != nil {
		return OpenedPrivate{}, err
	}
	ans, err := ReadPrivateFile(ast.AnswerFile, core.PrivateLimits{})
	if err != nil {
		return OpenedPrivate{}, fmt.Errorf("the answer this result is for, %s, cannot be read; put it back where it was written: %w", ast.AnswerFile, err)
	}
	o, err := core.ReadPrivateResult(ast, ans, res)
	return OpenedPrivate{Overlap: o, From: res.Header.From}, err
}
