package exporters

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"partneratlas/core"
)

// exchange is a private overlap between two folders, up to the answer
// written: us requested, them answered.
type exchange struct {
	us, them         PrivateFolder
	st               *core.PrivateState
	request, answer  string // the files' paths
	requestID, other string // other: a folder of neither side
}

// newExchange makes a request of ours in mode matches, its secret kept in
// our folder or, with inPlan, for the plan, and their answer to it.
func newExchange(t *testing.T, inPlan bool) exchange {
	t.Helper()
	ours := []core.Account{{Name: "Acme", Domains: []string{"acme.com"}}, {Name: "Initech", Domains: []string{"initech.com"}}, {Name: "Hooli"}}
	theirs := []core.Account{{Name: "Acme Corp", Domains: []string{"acme.com"}}, {Name: "Globex"}, {Name: "Hooli"}}
	us, req, st := requestIn(t, ours, core.PrivateMatches, "Us")
	x := exchange{us: us, st: st, request: filepath.Join(t.TempDir(), "request.pao"), answer: filepath.Join(t.TempDir(), "answer.pao"),
		requestID: req.Header.RequestID, other: t.TempDir()}
	if _, err := us.SendRequest(x.request, req, st, inPlan); err != nil {
		t.Fatal(err)
	}
	var err error
	if x.them, err = OpenPrivateFolder(filepath.Join(t.TempDir(), "private")); err != nil {
		t.Fatal(err)
	}
	ans, ast, err := core.AnswerPrivateRequest(context.Background(), req, theirs, core.PrivateAnswerOptions{From: "Them", SharePopulations: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.them.SendAnswer(x.answer, ans, ast, "theirs.csv", x.request, time.Now()); err != nil {
		t.Fatal(err)
	}
	return x
}

// TestOpenAnswer: an answer opens with the secret in our folder or in the
// plan, and with its request where it was written or beside the answer; a
// lost request and an answer to a request made elsewhere are refused,
// saying so.
func TestOpenAnswer(t *testing.T) {
	tests := []struct {
		name   string
		inPlan bool
		change func(t *testing.T, x *exchange) (folder PrivateFolder, kept []*core.PrivateState)
		want   string // "" for opened; else what the error says
		absent bool   // the error wraps fs.ErrNotExist
	}{
		{"secret in our folder", false, func(t *testing.T, x *exchange) (PrivateFolder, []*core.PrivateState) { return x.us, nil }, "", false},
		{"secret in the plan", true, func(t *testing.T, x *exchange) (PrivateFolder, []*core.PrivateState) {
			return x.us, []*core.PrivateState{x.st}
		}, "", false},
		{"request moved beside the answer", false, func(t *testing.T, x *exchange) (PrivateFolder, []*core.PrivateState) {
			if err := os.Rename(x.request, filepath.Join(filepath.Dir(x.answer), "sent.pao")); err != nil {
				t.Fatal(err)
			}
			return x.us, nil
		}, "", false},
		{"request lost", false, func(t *testing.T, x *exchange) (PrivateFolder, []*core.PrivateState) {
			if err := os.Remove(x.request); err != nil {
				t.Fatal(err)
			}
			return x.us, nil
		}, "put it back where it was written, or beside the answer", true},
		{"request made elsewhere", false, func(t *testing.T, x *exchange) (PrivateFolder, []*core.PrivateState) {
			return PrivateFolder{Dir: x.other}, nil
		}, "which was not made on this computer", true},
		{"secret for the plan, plan not given", true, func(t *testing.T, x *exchange) (PrivateFolder, []*core.PrivateState) {
			return x.us, nil
		}, "which was not made on this computer", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newExchange(t, tt.inPlan)
			folder, kept := tt.change(t, &x)
			got, err := folder.OpenAnswer(context.Background(), x.answer, kept, nil, time.Now())
			if refused(t, "OpenAnswer", err, tt.want, tt.absent) {
				return
			}
			if got.Overlap.SharedCompanies() != 2 || got.From != "Them" || got.State == nil || got.State.RequestID != x.requestID || got.InPlan != tt.inPlan || got.Result == nil {
				t.Errorf("OpenAnswer = %d shared, from %q, in plan %v, result %v; want 2 (Acme, Hooli), from Them, in plan %v, a result",
					got.Overlap.SharedCompanies(), got.From, got.InPlan, got.Result != nil, tt.inPlan)
			}
		})
	}
}

// refused checks err, what call returned, and says whether the call was
// to be refused: then err must say want, and wrap fs.ErrNotExist just when
// absent; else there must be no error.
func refused(t *testing.T, call string, err error, want string, absent bool) bool {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("%s: %v", call, err)
		}
		return false
	}
	if err == nil || !strings.Contains(err.Error(), want) || errors.Is(err, fs.ErrNotExist) != absent {
		t.Fatalf("%s = %v; want it to say %q (fs.ErrNotExist %v)", call, err, want, absent)
	}
	return true
}

// TestOpenResult: the result sent back opens on the answering side with
// the record SendAnswer kept; a request given as a result, a result for an
// answer made elsewhere and a lost answer are refused, saying so.
func TestOpenResult(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, x *exchange, result string) (folder PrivateFolder, path string)
		want   string
		absent bool
	}{
		{"as sent back", func(t *testing.T, x *exchange, result string) (PrivateFolder, string) { return x.them, result }, "", false},
		{"a request given as the result", func(t *testing.T, x *exchange, result string) (PrivateFolder, string) {
			return x.them, x.request
		}, "not a result", false},
		{"answered elsewhere", func(t *testing.T, x *exchange, result string) (PrivateFolder, string) {
			return PrivateFolder{Dir: x.other}, result
		}, "which was not answered on this computer", true},
		{"answer lost", func(t *testing.T, x *exchange, result string) (PrivateFolder, string) {
			if err := os.Remove(x.answer); err != nil {
				t.Fatal(err)
			}
			return x.them, result
		}, "put it back where it was written", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newExchange(t, false)
			opened, err := x.us.OpenAnswer(context.Background(), x.answer, nil, nil, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			result := filepath.Join(t.TempDir(), "result.pao")
			if err := WritePrivateFile(result, opened.Result); err != nil {
				t.Fatal(err)
			}
			folder, path := tt.change(t, &x, result)
			got, err := folder.OpenResult(path)
			if refused(t, "OpenResult", err, tt.want, tt.absent) {
				return
			}
			if got.Overlap.SharedCompanies() != 2 || got.From != "Us" || got.State != nil || got.Result != nil {
				t.Errorf("OpenResult = %d shared, from %q, state %v, result %v; want 2, from Us, neither", got.Overlap.SharedCompanies(), got.From, got.State, got.Result)
			}
		})
	}
}

// TestReadRequest: a request is read to be answered within what the user
// accepts; one too large, one that reveals more than counts when only
// counts are accepted, and one answered before are refused, with the
// request still returned to say who sent it.
func TestReadRequest(t *testing.T) {
	accounts := []core.Account{{Name: "Acme", Domains: []string{"acme.com"}}, {Name: "Initech"}, {Name: "Hooli"}}
	tests := []struct {
		name     string
		accept   core.PrivateAnswerOptions
		answered bool
		missing  bool
		want     string
	}{
		{"within what is accepted", core.PrivateAnswerOptions{MaxEntries: 10}, false, false, ""},
		{"too large", core.PrivateAnswerOptions{MaxEntries: 2}, false, false, "more than the 2 you accept"},
		{"matches when counts only are accepted", core.PrivateAnswerOptions{MaxEntries: 10, CountsOnly: true}, false, false, "you accept counts only"},
		{"answered before", core.PrivateAnswerOptions{MaxEntries: 10}, true, false, "a request is answered once"},
		{"missing", core.PrivateAnswerOptions{MaxEntries: 10}, false, true, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, req, _ := requestIn(t, accounts, core.PrivateMatches, "Them")
			path := filepath.Join(t.TempDir(), "request.pao")
			if !tt.missing {
				if err := WritePrivateFile(path, req); err != nil {
					t.Fatal(err)
				}
			}
			if tt.answered {
				if err := f.recordAnswered(req.Header.RequestID, path, time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			got, err := f.ReadRequest(path, tt.accept)
			if refused(t, "ReadRequest", err, tt.want, tt.missing) {
				if !tt.missing && (got == nil || got.Header.From != "Them") {
					t.Errorf("a refused request comes back as %v, want who sent it", got)
				}
				return
			}
			if got.Header.RequestID != req.Header.RequestID {
				t.Errorf("ReadRequest read request %s, want %s", got.Header.RequestID, req.Header.RequestID)
			}
		})
	}
}
