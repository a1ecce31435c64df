package exporters

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"partneratlas/core"
)

// TestPrivateFolder: a request's secret is kept readable by the user only and
// read back; a request made elsewhere is said to be missing; an answered
// request is remembered; requests and answers are written and read whole.
func TestPrivateFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "private")
	f, err := OpenPrivateFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dir); err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o700) {
		t.Errorf("folder %v, %v; want made with mode 0700", st, err)
	}
	accounts := []core.Account{{Name: "Acme", Domains: []string{"acme.com"}}, {Name: "Initech"}}
	req, st, err := core.MakePrivateRequest(context.Background(), accounts, core.PrivateRequestOptions{Mode: core.PrivateMatches, From: "Us"})
	if err != nil {
		t.Fatal(err)
	}
	path, err := f.saveState(st)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != 0o600) {
		t.Errorf("secret %s: %v, %v; want mode 0600", path, info, err)
	}
	back, err := f.LoadState(st.RequestID)
	if err != nil || back.RequestID != st.RequestID {
		t.Errorf("LoadState = %+v, %v", back, err)
	}
	if _, err := f.LoadState("0123456789abcdef"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a request made elsewhere: %v, want fs.ErrNotExist", err)
	}

	if _, ok := f.answeredOn(st.RequestID); ok {
		t.Error("a request not answered yet is said answered")
	}
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	if err := f.recordAnswered(st.RequestID, "/x/request.pao", now); err != nil {
		t.Fatal(err)
	}
	if when, ok := f.answeredOn(st.RequestID); !ok || when != "2026-12-03T07:00:00Z" {
		t.Errorf("answeredOn = %q, %v", when, ok)
	}

	out := filepath.Join(t.TempDir(), "request.pao")
	if err := WritePrivateFile(out, req); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPrivateFile(out, core.PrivateLimits{})
	if err != nil || got.Header.RequestID != req.Header.RequestID || len(got.Ours) != len(req.Ours) {
		t.Errorf("ReadPrivateFile = %+v, %v", got, err)
	}
	if _, err := ReadPrivateFile(filepath.Join(t.TempDir(), "missing.pao"), core.PrivateLimits{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestSendRequest: a request is written with its secret kept in the folder,
// or for the plan; a request that cannot be written leaves no secret behind.
func TestSendRequest(t *testing.T) {
	accounts := []core.Account{{Name: "Acme", Domains: []string{"acme.com"}}, {Name: "Initech"}}
	tests := []struct {
		name      string
		inPlan    bool
		unwritten bool // the request's folder does not exist
	}{
		{"kept in the folder", false, false},
		{"kept in the plan", true, false},
		{"not written", false, true},
		{"not written, for the plan", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, req, st := requestIn(t, accounts, core.PrivateCounts, "Us")
			out := paoPath(t, "request.pao", tt.unwritten)
			state, err := f.SendRequest(out, req, st, tt.inPlan)
			_, loadErr := f.LoadState(st.RequestID)
			switch {
			case tt.unwritten:
				if err == nil || !errors.Is(loadErr, fs.ErrNotExist) {
					t.Errorf("SendRequest = %v; the secret: %v; want an error and no secret", err, loadErr)
				}
			case err != nil:
				t.Fatal(err)
			case tt.inPlan && (state != "" || !errors.Is(loadErr, fs.ErrNotExist)):
				t.Errorf("for the plan, the secret was kept in the folder: %q, %v", state, loadErr)
			case !tt.inPlan && (state != f.StatePath(st.RequestID) || loadErr != nil):
				t.Errorf("the secret: %q, %v; want it kept at %s", state, loadErr, f.StatePath(st.RequestID))
			}
			if !tt.unwritten {
				if got, err := ReadPrivateFile(out, core.PrivateLimits{}); err != nil || got.Header.RequestID != st.RequestID {
					t.Errorf("the request written: %v", err)
				}
				if st.RequestFile != out || !filepath.IsAbs(st.RequestFile) {
					t.Errorf("RequestFile = %q, want %s", st.RequestFile, out)
				}
			}
		})
	}
}

// requestIn is a private folder of its own and a request made of accounts
// in mode, from who.
func requestIn(t *testing.T, accounts []core.Account, mode core.PrivateMode, who string) (PrivateFolder, *core.PrivateFile, *core.PrivateState) {
	t.Helper()
	f, err := OpenPrivateFolder(filepath.Join(t.TempDir(), "private"))
	if err != nil {
		t.Fatal(err)
	}
	req, st, err := core.MakePrivateRequest(context.Background(), accounts, core.PrivateRequestOptions{Mode: mode, From: who})
	if err != nil {
		t.Fatal(err)
	}
	return f, req, st
}

// paoPath is where to write the file name: in a folder of its own, or in
// a folder that does not exist when missing.
func paoPath(t *testing.T, name string, missing bool) string {
	if missing {
		return filepath.Join(t.TempDir(), "missing", name)
	}
	return filepath.Join(t.TempDir(), name)
}

// TestSendAnswer: an answer is written with its record and the request
// noted as answered; a record that cannot be kept is said, not fatal; an
// answer that cannot be written records nothing.
func TestSendAnswer(t *testing.T) {
	ours := []core.Account{{Name: "Acme", Domains: []string{"acme.com"}}, {Name: "Initech"}}
	theirs := []core.Account{{Name: "Acme Corp", Domains: []string{"acme.com"}}, {Name: "Globex"}}
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		noRecord  bool // the record's file is taken by a folder
		unwritten bool
	}{
		{"all kept", false, false},
		{"record not kept", true, false},
		{"answer not written", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, req, _ := requestIn(t, ours, core.PrivateMatches, "Them")
			ans, ast, err := core.AnswerPrivateRequest(context.Background(), req, theirs, core.PrivateAnswerOptions{From: "Us", SharePopulations: true})
			if err != nil {
				t.Fatal(err)
			}
			if tt.noRecord {
				if err := os.Mkdir(f.answerStatePath(req.Header.RequestID), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			out := paoPath(t, "answer.pao", tt.unwritten)
			not, err := f.SendAnswer(out, ans, ast, "our-list.csv", "/x/request.pao", now)
			_, answered := f.answeredOn(req.Header.RequestID)
			if tt.unwritten {
				if err == nil || answered {
					t.Errorf("SendAnswer = %v, answered %v; want an error and nothing recorded", err, answered)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !answered || not.Answered != nil {
				t.Errorf("the request was not recorded as answered: %v", not.Answered)
			}
			back, loadErr := f.LoadAnswerState(req.Header.RequestID)
			switch {
			case tt.noRecord && not.Record == nil:
				t.Error("a record that could not be kept is not said")
			case !tt.noRecord && (not.Record != nil || loadErr != nil || back.List != "our-list.csv" || back.AnswerFile != out):
				t.Errorf("the record: %+v, %v, %v; want our list and %s", back, not.Record, loadErr, out)
			}
			if got, err := ReadPrivateFile(out, core.PrivateLimits{}); err != nil || got.Header.File != core.FileAnswer {
				t.Errorf("the answer written: %v", err)
			}
		})
	}
}
