package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	confidenceInline = true
	os.Exit(m.Run())
}
