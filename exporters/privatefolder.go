package exporters

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"partneratlas/core"
)

// PrivateFolder is where a private overlap keeps what must stay on this
// computer: the secret of each request made here (request-ID.json, readable by
// the user only) and the record of the requests answered from here
// (answered.txt, so that none is answered twice). The command line and the
// app share it, so a request made in one can be finished in the other.
type PrivateFolder struct{ Dir string }

// OpenPrivateFolder opens the folder dir, or partneratlas/private in the
// user's configuration folder when dir is empty, making it when missing.
func OpenPrivateFolder(dir string) (PrivateFolder, error) {
	if dir == "" {
		conf, err := os.UserConfigDir()
		if err != nil {
			return PrivateFolder{}, fmt.Errorf("find your configuration folder to keep the request's secret in: %w", err)
		}
		dir = filepath.Join(conf, "partneratlas", "private")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return PrivateFolder{}, fmt.Errorf("make %s to keep the request's secret in: %w", dir, err)
	}
	return PrivateFolder{Dir: dir}, nil
}

// StatePath is where the secret of request id is kept.
func (f PrivateFolder) StatePath(id string) string {
	return filepath.Join(f.Dir, "request-"+id+".json")
}

// saveState writes st, readable by the user only, and returns its path.
func (f PrivateFolder) saveState(st *core.PrivateState) (string, error) {
	return saveRecord(f.StatePath(st.RequestID), st)
}

// saveRecord writes a record that stays on this computer, readable by the
// user only, and returns its path.
func saveRecord(path string, rec io.WriterTo) (string, error) {
	return path, writeFileAtomic(path, 0o600, func(w io.Writer) error { _, err := rec.WriteTo(w); return err })
}

// LoadState reads the secret of request id; an error wrapping
// fs.ErrNotExist when the request was not made here, or its secret was
// deleted.
func (f PrivateFolder) LoadState(id string) (*core.PrivateState, error) {
	return loadRecord(f.StatePath(id), core.ReadPrivateState)
}

// loadRecord reads the record at path with read, naming the path in an
// error.
func loadRecord[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	file, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer file.Close()
	rec, err := read(bufio.NewReader(file))
	if err != nil {
		return rec, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

// answerStatePath is where the record of our answer to request id is kept.
func (f PrivateFolder) answerStatePath(id string) string {
	return filepath.Join(f.Dir, "answer-"+id+".json")
}

// saveAnswerState writes the record of an answer, readable by the user
// only (it names the companies of our list), and returns its path.
func (f PrivateFolder) saveAnswerState(ast *core.PrivateAnswerState) (string, error) {
	return saveRecord(f.answerStatePath(ast.RequestID), ast)
}

// LoadAnswerState reads the record of our answer to request id; an error
// wrapping fs.ErrNotExist when it was not answered here.
func (f PrivateFolder) LoadAnswerState(id string) (*core.PrivateAnswerState, error) {
	return loadRecord(f.answerStatePath(id), core.ReadPrivateAnswerState)
}

// answeredPath is the record of the requests answered from the folder.
func (f PrivateFolder) answeredPath() string { return filepath.Join(f.Dir, "answered.txt") }

// answeredOn returns when request id was answered from this folder, or false.
func (f PrivateFolder) answeredOn(id string) (string, bool) {
	b, err := os.ReadFile(f.answeredPath())
	if err != nil {
		return "", false
	}
	for _, l := range strings.Split(string(b), "\n") {
		if fields := strings.Fields(l); len(fields) >= 2 && fields[0] == id {
			return fields[1], true
		}
	}
	return "", false
}

// recordAnswered notes that request id, read from the file named from, was
// answered at now.
func (f PrivateFolder) recordAnswered(id, from string, now time.Time) error {
	rec, err := os.OpenFile(f.answeredPath(), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(rec, "%s %s %s\n", id, now.UTC().Format(time.RFC3339), filepath.Base(from))
	if cerr := rec.Close(); err == nil {
		err = cerr
	}
	return err
}

// SendRequest writes the request req to path, for the partner, and keeps
// st, its secret, in the folder, unless inPlan: the caller keeps it in the
// plan workbook then. The secret is kept first and taken back when the
// request cannot be written, so that no secret stays whose request was
// never sent. st.RequestFile becomes path made absolute, where the answer
// looks for its request. It returns where the secret is kept, "" when it
// is for the plan. The app and the command line both send requests so.
func (f PrivateFolder) SendRequest(path string, req *core.PrivateFile, st *core.PrivateState, inPlan bool) (string, error) {
	st.RequestFile = absolute(path)
	if inPlan {
		return "", WritePrivateFile(path, req)
	}
	state, err := f.saveState(st)
	if err != nil {
		return "", err
	}
	if err := WritePrivateFile(path, req); err != nil {
		os.Remove(state)
		return "", err
	}
	return state, nil
}

// ForgetSecret replaces the secret of the finished request st with its
// record (core.PrivateState.Forget, at now), so that the answer cannot be
// opened a second time, and returns the file's path to name when it could
// not be written.
func (f PrivateFolder) ForgetSecret(st *core.PrivateState, now time.Time) (string, error) {
	return f.saveState(st.Forget(now))
}

// AnswerNotKept says what SendAnswer wrote the answer without. Neither
// takes the answer back: the user is told, and the front end words it.
type AnswerNotKept struct {
	// Record is why the answer's record was not kept: a result the
	// partner sends back cannot be read without it.
	Record error
	// Answered is why the request was not recorded as answered: nothing
	// then stops answering it a second time.
	Answered error
}

// SendAnswer writes our answer ans to path, for the partner, then keeps its
// record ast, naming our list, so that a result sent back can be read, and
// records that the request, read from requestPath, was answered at now, so
// that it is not answered twice. The app and the command line both send
// answers so.
func (f PrivateFolder) SendAnswer(path string, ans *core.PrivateFile, ast *core.PrivateAnswerState, list, requestPath string, now time.Time) (AnswerNotKept, error) {
	if err := WritePrivateFile(path, ans); err != nil {
		return AnswerNotKept{}, err
	}
	ast.List, ast.AnswerFile = list, absolute(path)
	var not AnswerNotKept
	_, not.Record = f.saveAnswerState(ast)
	not.Answered = f.recordAnswered(ast.RequestID, requestPath, now)
	return not, nil
}

// absolute is path made absolute, or path when the working folder is not
// known.
func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// WritePrivateFile writes a request or an answer to path: files meant to be
// sent, so readable like any document.
func WritePrivateFile(path string, pf *core.PrivateFile) error {
	return writeFileAtomic(path, 0o644, func(w io.Writer) error { _, err := pf.WriteTo(w); return err })
}

// ReadPrivateFile opens and reads a request or an answer, within lim.
func ReadPrivateFile(path string, lim core.PrivateLimits) (*core.PrivateFile, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer file.Close()
	pf, err := core.ReadPrivateFile(bufio.NewReader(file), lim)
	if err != nil {
		return pf, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return pf, nil
}

// writeFileAtomic writes path as every save does (saveAtomic), with mode
// perm when the file is new.
func writeFileAtomic(path string, perm fs.FileMode, write func(io.Writer) error) error {
	return saveAtomicMode(path, perm, write)
}
