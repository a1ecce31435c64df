package main

import (
	"os"
	"os/exec"
	"partneratlas/internal/fixtures"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribeVersion(t *testing.T) {
	fyne := func(version string, replace *debug.Module) *debug.Module {
		return &debug.Module{Path: "fyne.io/fyne/v2", Version: version, Replace: replace}
	}
	other := &debug.Module{Path: "github.com/xuri/excelize/v2", Version: "v2.11.1"}
	for _, c := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"fyne listed", &debug.BuildInfo{Deps: []*debug.Module{other, fyne("v2.8.1", nil)}},
			"Partner Atlas 0.1.0 (build 1), go1.26.8, Fyne v2.8.1"},
		{"fyne replaced by a version", &debug.BuildInfo{Deps: []*debug.Module{fyne("v2.8.1", &debug.Module{Path: "example.org/fyne", Version: "v2.9.0-fix"})}},
			"Partner Atlas 0.1.0 (build 1), go1.26.8, Fyne v2.9.0-fix"},
		{"fyne replaced by a folder", &debug.BuildInfo{Deps: []*debug.Module{fyne("v2.8.1", &debug.Module{Path: "../fyne"})}},
			"Partner Atlas 0.1.0 (build 1), go1.26.8, Fyne (replaced by ../fyne)"},
		{"fyne not linked", &debug.BuildInfo{Deps: []*debug.Module{other}},
			"Partner Atlas 0.1.0 (build 1), go1.26.8, Fyne unknown"},
		{"no build information", nil,
			"Partner Atlas 0.1.0 (build 1), go1.26.8, Fyne unknown"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := describeVersion("0.1.0", "1", "go1.26.8", c.info); got != c.want {
				t.Errorf("describeVersion = %q, want %q", got, c.want)
			}
		})
	}
}

func TestVersionCommand(t *testing.T) {
	// A test binary built with the ci tag does not link Fyne, so its build
	// information may not name it; the real binary's does (see
	// TestVersionFromLdflags and scripts/dist.sh).
	fyne := []string{fixtures.GoModVersion(t, "fyne.io/fyne/v2"), "unknown"}
	for _, arg := range []string{"--version", "-version", "version"} {
		t.Run(arg, func(t *testing.T) {
			status, stdout, stderr := runCmd(arg)
			if status != 0 || stderr != "" {
				t.Fatalf("partneratlas %s: status %d, stderr %q", arg, status, stderr)
			}
			prefix := "Partner Atlas dev (build 0), " + runtime.Version() + ", Fyne "
			got, ok := strings.CutPrefix(stdout, prefix)
			if !ok || (got != fyne[0]+"\n" && got != fyne[1]+"\n") {
				t.Errorf("partneratlas %s printed %q, want %q followed by %q or %q", arg, stdout, prefix, fyne[0], fyne[1])
			}
		})
	}
	status, stdout, _ := runCmd("help")
	if status != 0 || !strings.Contains(stdout, "partneratlas version\n") {
		t.Errorf("help does not list the version command:\n%s", stdout)
	}
}

// TestVersionFromLdflags builds the command the way the Makefile does, with
// the version and build set by -ldflags, and runs --version on the binary.
func TestVersionFromLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	exe := filepath.Join(t.TempDir(), "partneratlas")
	cmd := exec.Command("go", "build", "-tags", "ci,migrated_fynedo",
		"-ldflags", "-X main.version=9.8.7 -X main.build=42", "-o", exe, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(exe, "--version").Output()
	if err != nil {
		t.Fatalf("partneratlas --version: %v", err)
	}
	want := "Partner Atlas 9.8.7 (build 42), " + runtime.Version() + ", Fyne "
	if !strings.HasPrefix(string(out), want) {
		t.Errorf("partneratlas --version printed %q, want it to start with %q", out, want)
	}
}
