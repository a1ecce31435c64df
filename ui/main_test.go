package ui

import (
	"strings"
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
	var lines []string
	for _, x := range test.LaidOutObjects(top) {
		if l, ok := x.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	return strings.Join(lines, "\n")
}
