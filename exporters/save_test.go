package exporters

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/exporters/planbook/planbooktest"
)

// TestSaveErrors checks that each way a save can fail gives its kind, a
// message naming the file, and leaves the previous file and no temporary
// file behind.
func TestSaveErrors(t *testing.T) {
	e := planbooktest.Ecosystem(planbooktest.Today)
	dir := t.TempDir()
	ok := func(io.Writer) error { return nil }

	readOnly := filepath.Join(dir, "read-only.xlsx")
	if err := os.WriteFile(readOnly, []byte("before"), 0o444); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(dir, "full.xlsx")
	if err := os.WriteFile(full, []byte("before"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		save  func() error
		kind  SaveKind
		is    error
		file  string // the file that must be unchanged ("before")
		words string
	}{
		{"read-only file", func() error { return SaveWorkbook(readOnly, e, planbook.Options{}) }, ReadOnly, ErrReadOnly, readOnly, "read-only"},
		{"no folder", func() error { return SaveCSV(filepath.Join(dir, "gone", "plan.csv"), e, nil) }, NoFolder, ErrNoFolder, "", "does not exist"},
		{"a folder", func() error { return SaveWorkbook(dir, e, planbook.Options{}) }, NotAFile, nil, "", "folder"},
		{"disk full", func() error {
			return saveAtomic(full, func(w io.Writer) error {
				_, _ = w.Write([]byte("half"))
				return &os.PathError{Op: "write", Path: full, Err: syscall.ENOSPC}
			})
		}, DiskFull, ErrDiskFull, full, "disk is full"},
		{"in use", func() error {
			return saveAtomic(full, func(io.Writer) error { return &os.PathError{Op: "write", Path: full, Err: syscall.EBUSY} })
		}, InUse, ErrInUse, full, "open in another program"},
		{"other", func() error { return saveAtomic(full, func(io.Writer) error { return errors.New("boom") }) }, SaveOther, nil, full, "boom"},
		{"ok", func() error { return saveAtomic(filepath.Join(dir, "fine.csv"), ok) }, "", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.save()
			if SaveKindOf(err) != tt.kind {
				t.Fatalf("save = %v (kind %q), want kind %q", err, SaveKindOf(err), tt.kind)
			}
			if err == nil {
				return
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var se *SaveError
			if !errors.As(err, &se) || se.Path == "" || !strings.Contains(err.Error(), filepath.Base(se.Path)) || !strings.Contains(err.Error(), tt.words) {
				t.Errorf("message %q does not name the file or say %q", err, tt.words)
			}
			if tt.file != "" {
				if b, _ := os.ReadFile(tt.file); string(b) != "before" {
					t.Errorf("%s = %q after a failed save, want it unchanged", tt.file, b)
				}
			}
			if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
}

// TestSaveFullDisk saves to a 64 kB tmpfs, which needs root and mount; it
// is skipped elsewhere (TestSaveErrors covers the same path with an
// injected error).
func TestSaveFullDisk(t *testing.T) {
	dir := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).Run(); err != nil {
		t.Skip("cannot mount a small tmpfs:", err)
	}
	defer exec.Command("umount", dir).Run()
	path := filepath.Join(dir, "plan.xlsx")
	if err := os.WriteFile(path, []byte("before"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := SaveWorkbook(path, planbooktest.Big(2000, planbooktest.Today), planbook.Options{})
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("SaveWorkbook on a full disk = %v, want ErrDiskFull", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "before" {
		t.Errorf("plan.xlsx = %q after a failed save, want it unchanged", b)
	}
	t.Log(err)
	if err := exec.Command("mount", "-o", "remount,ro", dir).Run(); err == nil {
		err := SaveCSV(filepath.Join(dir, "plan.csv"), planbooktest.Ecosystem(planbooktest.Today), nil)
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("SaveCSV on a read-only disk = %v, want ErrReadOnly", err)
		}
		t.Log(err)
	}
}

// killEcosystem is the ecosystem saved in round i of the kill test: its
// partner count says which round wrote a file.
func killEcosystem(i int) *core.Ecosystem {
	return planbooktest.Big(200+i%7, planbooktest.Today)
}

// TestSaveKill saves over and over in a child process and kills it with
// SIGKILL at a random moment; the file on disk must then be a whole
// workbook (or CSV) from one of the saves, never a torn one. CI runs 20
// rounds; PARTNERATLAS_SAVEKILL_RUNS=100 runs more.
func TestSaveKill(t *testing.T) {
	if path := os.Getenv("PARTNERATLAS_SAVEKILL_CHILD"); path != "" {
		saveForever(path)
		return
	}
	if testing.Short() {
		t.Skip("kill test")
	}
	runs := 20
	if n, err := strconv.Atoi(os.Getenv("PARTNERATLAS_SAVEKILL_RUNS")); err == nil {
		runs = n
	}
	dir := t.TempDir()
	xlsx, csv := filepath.Join(dir, "plan.xlsx"), filepath.Join(dir, "plan.csv")
	if err := SaveWorkbook(xlsx, killEcosystem(0), planbook.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := SaveCSV(csv, killEcosystem(0), nil); err != nil {
		t.Fatal(err)
	}
	for run := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSaveKill$")
		cmd.Env = append(os.Environ(), "PARTNERATLAS_SAVEKILL_CHILD="+xlsx)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(30+rand.IntN(400)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		saves := strings.Count(out.String(), "saved")
		if err := checkWorkbook(xlsx); err != nil {
			t.Fatalf("run %d (after %d saves): %v", run, saves, err)
		}
		if err := checkCSV(csv); err != nil {
			t.Fatalf("run %d (after %d saves): %v", run, saves, err)
		}
		t.Logf("run %d: killed after %d saves; both files whole", run, saves)
	}
}

// saveForever is the child of TestSaveKill.
func saveForever(xlsx string) {
	csv := strings.TrimSuffix(xlsx, ".xlsx") + ".csv"
	for i := 1; ; i++ {
		e := killEcosystem(i)
		if err := SaveWorkbook(xlsx, e, planbook.Options{}); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		if err := SaveCSV(csv, e, nil); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("saved", i)
	}
}

// checkWorkbook opens a plan workbook and checks its Partners sheet holds one
// of the kill test's ecosystems whole.
func checkWorkbook(path string) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	rows, err := f.GetRows("Partners")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	n := 0
	for _, r := range rows[1:] {
		if len(r) > 0 && r[0] != "" {
			n++
		}
	}
	if n < 200 || n > 206 {
		return fmt.Errorf("%s has %d partners, want 200 to 206", path, n)
	}
	return nil
}

// checkCSV checks a CSV export is whole: its line count is one of the kill
// test's ecosystems' and it ends with a line end.
func checkCSV(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := bytes.Count(b, []byte("\r\n"))
	if lines < 201 || lines > 207 || !bytes.HasSuffix(b, []byte("\r\n")) {
		return fmt.Errorf("%s has %d lines, want 201 to 207, ending with CRLF", path, lines)
	}
	return nil
}

func TestSaveWorkbookAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := SaveWorkbook(path, planbooktest.Ecosystem(planbooktest.Today), planbook.Options{Today: planbooktest.Today}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only plan.xlsx (no temporary left)", len(entries))
	}
	// A save into a folder that does not exist fails and leaves nothing.
	if err := SaveWorkbook(filepath.Join(dir, "missing", "plan.xlsx"), planbooktest.Ecosystem(planbooktest.Today), planbook.Options{}); err == nil {
		t.Error("save into a missing folder succeeded")
	}
	// A failing write removes the temporary file and keeps the old content.
	if err := saveAtomic(path, func(w io.Writer) error { w.Write([]byte("half")); return io.ErrUnexpectedEOF }); err == nil {
		t.Error("saveAtomic hid the write error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary file left behind after a failed save")
	}
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("a failed save damaged the existing file")
	}
}
