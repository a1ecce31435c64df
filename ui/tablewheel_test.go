package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestTableWheel: a click of the wheel over a partner table moves it three
// lines, as panels move (Fyne's table alone moves 25 pixels, two thirds of a
// row); sideways clicks move it sideways; and a tap still reaches the table
// under the wheel's layer and selects its partner.
func TestTableWheel(t *testing.T) {
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height + theme.LineSpacing()
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.Show(stepEvaluate)
	tb := w.screens[stepEvaluate].(*evaluateScreen).table
	if len(tb.rows) < 30 {
		t.Fatalf("the sample shows %d partners, too few to scroll", len(tb.rows))
	}
	tb.table.ScrollToTop()
	tb.table.ScrollToLeading()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(tb.table).Add(fyne.NewPos(80, 120))

	test.Scroll(w.Window.Canvas(), at, 0, -25) // one click down
	off, ok := tableOffset(tb.table)
	if !ok {
		t.Fatal("the table's offset cannot be read: has Fyne moved it? (see tableOffset)")
	}
	if off.Y < 2.5*line || off.Y > 3.5*line {
		t.Errorf("one click down scrolled the table %v px, want about three lines (%v px)", off.Y, 3*line)
	}
	test.Scroll(w.Window.Canvas(), at, 0, 25) // and back up
	if off, _ = tableOffset(tb.table); off.Y != 0 {
		t.Errorf("one click up left the table at %v px, want 0", off.Y)
	}
	test.Scroll(w.Window.Canvas(), at, 0, 25) // past the top: stays
	if off, _ = tableOffset(tb.table); off.Y != 0 {
		t.Errorf("scrolling up at the top moved the table to %v px", off.Y)
	}
	test.Scroll(w.Window.Canvas(), at, -25, 0) // one click sideways
	if off, _ = tableOffset(tb.table); off.X < 2.5*line {
		t.Errorf("one click sideways scrolled the table %v px, want about three lines", off.X)
	}
	tb.table.ScrollToLeading()

	// A tap goes through to the table.
	tb.table.ScrollToTop()
	cell := at.Add(fyne.NewPos(0, 0))
	test.TapCanvas(w.Window.Canvas(), cell)
	if tb.selected < 0 {
		t.Error("a tap on the table selected no partner: the wheel's layer took it")
	}
}

// TestTableOffsetReadable fails when a Fyne upgrade moves the table's
// offset or cell sizes, which the wheel reads.
func TestTableOffsetReadable(t *testing.T) {
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.Show(stepEvaluate)
	tb := w.screens[stepEvaluate].(*evaluateScreen).table
	tb.table.ScrollToOffset(fyne.NewPos(0, 40))
	if off, ok := tableOffset(tb.table); !ok || off.Y != 40 {
		t.Errorf("tableOffset = %v, %v after scrolling to 40 px", off, ok)
	}
	for _, f := range []string{"cellSize", "headerSize"} {
		if s, ok := tableSize(tb.table, f); !ok || s.Height <= 0 {
			t.Errorf("the table's %s reads %v, %v", f, s, ok)
		}
	}
}
