package ui

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// today is the fixed date of every test, so review dates and the golden
// images do not move.
var today = time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)

// testEnv is the window's env in tests: a fixed clock; background work run
// at once, on the test's goroutine; confidence worked out at once. So no
// goroutine of the app's touches widgets while a test does.
func testEnv() env {
	return env{now: func() time.Time { return today }, background: func(f func()) { f() }}
}

// findButton finds a button by its text under o.
func findButton(t testing.TB, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// topDialog is the dialog on top of the window, or nil.
func topDialog(w *MainWindow) fyne.CanvasObject { return w.Window.Canvas().Overlays().Top() }

// dialogText is the text of every label of the dialog on top, one a line.
func dialogText(w *MainWindow) string {
	top := topDialog(w)
	if top == nil {
		return ""
	}
	return labelsOf(top)
}

// labelsOf is the text of every label under o, one a line.
func labelsOf(o fyne.CanvasObject) string {
	var lines []string
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	return strings.Join(lines, "\n")
}

// logBuffer is a log that a test reads back.
type logBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// logger is a logger writing to b, as the app's writes to its log file.
func (b *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(b, nil)) }
