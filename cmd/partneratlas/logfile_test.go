package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestLogFileRotates writes numbered lines through a log of 100 bytes that
// keeps 3 old logs, and reads the files back: each at most 100 bytes, no
// line split, the newest lines in the log itself, older ones in .1 to .3,
// the oldest dropped.
func TestLogFileRotates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "partneratlas.log")
	l, err := openLogFile(path, 100, 3)
	if err != nil {
		t.Fatal(err)
	}
	const lines = 40
	for i := range lines {
		fmt.Fprintf(l, "line %02d of the log\n", i) // 20 bytes: 5 lines a file
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	// 40 lines of 20 bytes, 5 to a file: the last 4 files hold lines
	// 20–39, the log itself the newest 5.
	want := map[string][2]int{path: {35, 39}, path + ".1": {30, 34}, path + ".2": {25, 29}, path + ".3": {20, 24}}
	for file, span := range want {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 100 {
			t.Errorf("%s holds %d bytes, past 100", filepath.Base(file), len(data))
		}
		var wantText strings.Builder
		for i := span[0]; i <= span[1]; i++ {
			fmt.Fprintf(&wantText, "line %02d of the log\n", i)
		}
		if string(data) != wantText.String() {
			t.Errorf("%s holds\n%s\nwant\n%s", filepath.Base(file), data, wantText.String())
		}
	}
	if _, err := os.Stat(path + ".4"); !os.IsNotExist(err) {
		t.Errorf("a fourth old log was kept: %v", err)
	}
}

// TestLogFileAppendsAcrossStarts: a second start goes on with the log of
// the first, and rotates when the two together pass the size.
func TestLogFileAppendsAcrossStarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "partneratlas.log")
	for run := range 2 {
		l, err := openLogFile(path, 100, 3)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(l, "start %d: 30 bytes of a line.\n", run)
		fmt.Fprintf(l, "start %d: 30 bytes of a line.\n", run)
		l.Close()
	}
	data, _ := os.ReadFile(path)
	old, _ := os.ReadFile(path + ".1")
	if got, want := string(old), "start 0: 30 bytes of a line.\nstart 0: 30 bytes of a line.\nstart 1: 30 bytes of a line.\n"; got != want {
		t.Errorf("old log = %q, want %q", got, want)
	}
	if got, want := string(data), "start 1: 30 bytes of a line.\n"; got != want {
		t.Errorf("log = %q, want %q", got, want)
	}
}

// TestLogFileWritesWholeLinesFromManyGoroutines: the ui's workers log at
// once; every line arrives whole, in one file or another.
func TestLogFileWritesWholeLinesFromManyGoroutines(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "partneratlas.log")
	l, err := openLogFile(path, 1000, 50)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				fmt.Fprintf(l, "goroutine %d line %02d\n", g, i)
			}
		})
	}
	wg.Wait()
	l.Close()
	files, _ := filepath.Glob(path + "*")
	seen := map[string]bool{}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			seen[line] = true
		}
	}
	for g := range 8 {
		for i := range 50 {
			if line := fmt.Sprintf("goroutine %d line %02d", g, i); !seen[line] {
				t.Errorf("%q is missing or cut", line)
			}
		}
	}
}

func TestStartLogWritesToTheConfigFolder(t *testing.T) {
	folder := filepath.Join(t.TempDir(), "fyne", "io.partneratlas.app") // not there yet
	log, l := startLog(folder)
	if l == nil {
		t.Fatal("no log")
	}
	log.Info("start", "version", "1.0.0")
	l.Close()
	if want := filepath.Join(folder, logFileName); l.path != want {
		t.Errorf("log path = %q, want %s", l.path, want)
	}
	data, err := os.ReadFile(l.path)
	if err != nil || !strings.Contains(string(data), "msg=start version=1.0.0") {
		t.Errorf("the log holds %q (%v)", data, err)
	}
}
