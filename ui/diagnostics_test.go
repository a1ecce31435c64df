package ui

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/test"

	"partneratlas/exporters"
	"partneratlas/importers"
	"partneratlas/internal/fixtures"
	"partneratlas/resources"
)

// TestLogHoldsNoPartnerData goes through an import (with a cell that
// cannot be read), a merge, a save, an export, a reopening and an import
// that fails, then reads the log: it says what was done to which file and
// how long it took, and holds no partner name and no cell value.
func TestLogHoldsNoPartnerData(t *testing.T) {
	dir := t.TempDir()
	secrets := []string{"Quillfeather Analytics", "Zanzibar Robotics", "Marrowind Partners", "Vexillum"}
	list := filepath.Join(dir, "partners.csv")
	os.WriteFile(list, []byte("Partner Name,Website,Shared ICP\n"+
		"Quillfeather Analytics,quillfeather.example,5\n"+
		"Zanzibar Robotics,zanzibar.example,Vexillum\n"), 0o644) // a score that is no number
	noNames := filepath.Join(dir, "no-names.csv")
	os.WriteFile(noNames, []byte("Vendor,Notes\nMarrowind Partners,ours\n"), 0o644)

	var log logBuffer
	e := testEnv()
	e.Log = log.logger()
	a := test.NewTempApp(t)
	w := newMainWindow(a, nil, e)
	defer w.Window.Close()

	// The sample, saved: its partners are partner data too.
	w.openSample()
	sampleNames := sampleNames(t)
	plan := filepath.Join(dir, "plan.xlsx")
	wait(t, w.SaveTo(plan))

	wait(t, w.Import(list))
	wait(t, tapImport(t, w))
	wait(t, w.SaveTo(plan))
	wait(t, w.ExportCSV(filepath.Join(dir, "partners-out.csv")))
	wait(t, w.Import(noNames)) // no column of names: the preview says so
	if p := w.preview; p != nil && p.open {
		test.Tap(p.cancel)
	}
	w2 := newMainWindow(a, nil, e)
	defer w2.Window.Close()
	wait(t, w2.OpenPath(plan))
	wait(t, w2.OpenPath(filepath.Join(dir, "gone.xlsx")))

	got := log.String()
	for _, want := range []string{"msg=save", "msg=\"import read\"", "msg=\"import merge\"", "msg=\"export csv\"", "msg=open ",
		"file=" + plan, "file=" + list, "took=", "bad value", "msg=\"open failed\"", "gone.xlsx"} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
	for _, name := range append(secrets, sampleNames...) {
		if strings.Contains(strings.ToLower(got), strings.ToLower(name)) {
			t.Errorf("the log holds %q", name)
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("the log:\n%s", got)
	}
}

// sampleNames reads the sample's partner names from its CSV.
func sampleNames(t testing.TB) []string {
	t.Helper()
	rows := fixtures.CSVData(t, resources.SampleFileName, resources.SamplePartnersCSV)
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[0])
	}
	return names
}

func TestDescribeError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"an import error, its message and header left out",
			&importers.Error{Problem: importers.Problem{Kind: importers.BadValue, File: "p.xlsx", Sheet: "Partners", Row: 12,
				Column: `C "Initech"`, Message: `"Globex" is not a number`},
				Err: &strconv.NumError{Func: "ParseFloat", Num: "Globex", Err: strconv.ErrSyntax}},
			"import error: bad value, file p.xlsx, sheet Partners, row 12, column C ← ParseFloat: invalid syntax"},
		{"a save error down to the system's",
			&exporters.SaveError{Kind: exporters.DiskFull, Path: "/x/plan.xlsx",
				Err: &fs.PathError{Op: "write", Path: "/x/.plan.xlsx-1.tmp", Err: syscall.ENOSPC}},
			"save error: disk full, file /x/plan.xlsx ← write /x/.plan.xlsx-1.tmp ← " + syscall.ENOSPC.Error()},
		{"a wrapped zip error", fmt.Errorf("read: %w", zip.ErrFormat), "*fmt.wrapError ← zip: not a valid zip file"},
		{"an error that names partners", fmt.Errorf("%q is not a partner (partners: %s)", "Initech", "Acme, Globex"),
			"*errors.errorString"},
		{"joined errors", errors.Join(os.ErrNotExist, errors.New("Acme")),
			"*errors.joinError [file does not exist; *errors.errorString]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeError(tt.err); got != tt.want {
				t.Errorf("describeError = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDescribePanic(t *testing.T) {
	var runtimeErr any
	func() {
		defer func() { runtimeErr = recover() }()
		var m map[string]int
		m["Acme"] = 1 // a nil map
	}()
	tests := []struct {
		v    any
		want string
	}{
		{runtimeErr, "assignment to entry in nil map"},
		{"Acme Corp is odd", "a value of type string"},
		{fmt.Errorf("wrapped: %w", zip.ErrChecksum), "*fmt.wrapError ← zip: checksum error"},
	}
	for _, tt := range tests {
		if got := describePanic(tt.v); got != tt.want {
			t.Errorf("describePanic(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
