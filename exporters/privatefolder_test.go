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
	path, err := f.SaveState(st)
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

	if _, ok := f.AnsweredOn(st.RequestID); ok {
		t.Error("a request not answered yet is said answered")
	}
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	if err := f.RecordAnswered(st.RequestID, "/x/request.pao", now); err != nil {
		t.Fatal(err)
	}
	if when, ok := f.AnsweredOn(st.RequestID); !ok || when != "2026-12-03T07:00:00Z" {
		t.Errorf("AnsweredOn = %q, %v", when, ok)
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
