package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
)

// The app's log: diagnostics a user can send (see ui's logDone), in the
// user's config folder, small and rotated.
const (
	// logFileName is the log's name; rotated logs add .1 (the newest) to
	// .oldLogs.
	logFileName = "partneratlas.log"
	// maxLogSize is the size past which the log is rotated.
	maxLogSize = 1 << 20
	// oldLogs is how many rotated logs are kept besides the current one.
	oldLogs = 3
)

// logFile is a log file that rotates itself: a write that would take it
// past max first renames it to NAME.1 (NAME.1 to NAME.2, and so on, the
// oldest of keep dropped) and starts a new one. Writes are whole: a line is
// never split between two files. It is safe for concurrent use.
type logFile struct {
	mu    sync.Mutex
	path  string
	max   int64
	keep  int
	f     *os.File
	size  int64
	crash bool // the runtime's crash report goes to the file too
}

// openLogFile opens (or creates) the log at path, appending.
func openLogFile(path string, max int64, keep int) (*logFile, error) {
	l := &logFile{path: path, max: max, keep: keep}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *logFile) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open the log: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open the log: %w", err)
	}
	l.f, l.size = f, st.Size()
	if l.crash {
		_ = debug.SetCrashOutput(f, debug.CrashOptions{})
	}
	return nil
}

// Write appends p, rotating the log first when p would take it past max.
func (l *logFile) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	if l.size > 0 && l.size+int64(len(p)) > l.max {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := l.f.Write(p)
	l.size += int64(n)
	return n, err
}

// rotate shifts the old logs up by one, dropping the oldest, and starts a
// new log. The file is closed before it is renamed, as Windows wants.
func (l *logFile) rotate() error {
	l.f.Close()
	l.f = nil
	name := func(i int) string {
		if i == 0 {
			return l.path
		}
		return fmt.Sprintf("%s.%d", l.path, i)
	}
	os.Remove(name(l.keep))
	for i := l.keep - 1; i >= 0; i-- {
		if err := os.Rename(name(i), name(i+1)); err != nil && !os.IsNotExist(err) {
			break // the log goes on growing rather than losing lines
		}
	}
	return l.open()
}

// reportCrashes sends the runtime's report of a crash it cannot recover
// from (a fatal error such as concurrent map writes, or an unrecovered
// panic on any goroutine) to the log as well as to standard error.
func (l *logFile) reportCrashes() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.crash = true
	if l.f != nil {
		_ = debug.SetCrashOutput(l.f, debug.CrashOptions{})
	}
}

// Close closes the log.
func (l *logFile) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// startLog opens the app's log in folder and returns a logger writing to
// it as text lines, and the log (nil when it cannot be opened: the app then
// runs without one, its logger discarding). Close the log when done.
func startLog(folder string) (*slog.Logger, *logFile) {
	var l *logFile
	err := os.MkdirAll(folder, 0o700)
	if err == nil {
		l, err = openLogFile(filepath.Join(folder, logFileName), maxLogSize, oldLogs)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "partneratlas: no log: %v\n", err)
		return slog.New(slog.NewTextHandler(io.Discard, nil)), nil
	}
	return slog.New(slog.NewTextHandler(l, nil)), l
}
