//go:build ci

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNoGUIUnderCI(t *testing.T) {
	if status, _, _ := runCmd(); status != 1 {
		t.Errorf("with no argument under the ci tag, status = %d, want 1", status)
	}
}

// TestOpensFiles: what a file manager passes (existing files, or paths
// named like spreadsheets even when missing) opens the window; a mistyped
// command does not. Before, only a single existing file opened it, so
// "Open with" on two files, or on a file since moved, said "unknown
// command" in a terminal nobody sees.
func TestOpensFiles(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan")
	if err := os.WriteFile(plan, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{plan}, true},
		{[]string{plan, filepath.Join(dir, "gone.xlsx")}, true},
		{[]string{filepath.Join(dir, "Partners.CSV")}, true},
		{[]string{"plna"}, false},
		{[]string{plan, "plna"}, false},
		{[]string{dir}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := opensFiles(tt.args); got != tt.want {
			t.Errorf("opensFiles(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
	// Under the ci tag the window is a stand-in that says so: status 1,
	// not "unknown command".
	if status, _, stderr := runCmd(filepath.Join(dir, "gone.xlsx")); status != 1 || strings.Contains(stderr, "unknown command") {
		t.Errorf("partneratlas gone.xlsx = %d, %q; want the window (its ci stand-in)", status, stderr)
	}
}
