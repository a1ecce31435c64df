package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"partneratlas/importers"
)

// TestManyProblemsShownGrouped: an import with thousands of warnings shows
// them grouped, a few lines a person reads, and Copy all still copies every
// one.
func TestManyProblemsShownGrouped(t *testing.T) {
	for _, c := range []struct {
		name      string
		problems  int
		wantLines int
	}{
		{"a few, one a line", 3, 3},
		{"thousands, grouped", 1635 + 2000, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newTestWindow(t)
			var ps []importers.Problem
			for i := range c.problems {
				k, col := importers.Duplicate, ""
				if i%2 == 1 && c.problems > 10 {
					k, col = importers.BadValue, `C "Score"`
				}
				ps = append(ps, importers.Problem{Kind: k, File: "big.xlsx", Sheet: "Sheet1", Row: i + 2, Column: col, Message: fmt.Sprintf("problem %d.", i)})
			}
			w.showProblems("big.xlsx", "Opened big.xlsx.", ps)
			var list *widget.Label
			for _, o := range test.LaidOutObjects(w.Window.Canvas().Overlays().Top()) {
				if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "• ") {
					list = l
				}
			}
			if list == nil {
				t.Fatal("no list of problems in the dialog")
			}
			if n := strings.Count(list.Text, "• "); n != c.wantLines {
				t.Errorf("%d lines shown, want %d:\n%.500s", n, c.wantLines, list.Text)
			}
			if c.problems > maxProblemsShown && !strings.Contains(list.Text, "rows") && !strings.Contains(list.Text, "cells") {
				t.Errorf("the groups do not say what they count:\n%.500s", list.Text)
			}
			if c.problems > 1000 && !strings.Contains(dialogText(w), "3,635 warnings") {
				t.Errorf("the dialog does not count the warnings as a person writes them (3,635):\n%.300s", dialogText(w))
			}
			test.Tap(findButton(t, w.Window.Canvas().Overlays().Top(), "Copy all"))
			if got := strings.Count(w.app.Clipboard().Content(), "\n") + 1; got != c.problems {
				t.Errorf("Copy all copied %d lines, want %d", got, c.problems)
			}
		})
	}
}
