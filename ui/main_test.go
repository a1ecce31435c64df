package ui

import (
	"os"
	"testing"
)

// TestMain runs background work at once, on the test's goroutine (see
// background), and confidence inline, so that no goroutine of the app's
// touches widgets while a test does.
func TestMain(m *testing.M) {
	confidenceInline = true
	background = func(f func()) { f() }
	os.Exit(m.Run())
}
