package ui

import (
	"image/color"
	"reflect"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The mouse wheel over a partner table.

// tableWheel lies over a table and takes its mouse wheel, and nothing else
// (taps, hovers and drags go through to the table): Fyne's table scrolls a
// fixed 25 pixels a click, two thirds of a row, and has no setting for it.
// A click moves wheelLines lines, as panels do, from the offset the table
// holds.
type tableWheel struct {
	widget.BaseWidget
	table *widget.Table
}

func newTableWheel(t *widget.Table) *tableWheel {
	w := &tableWheel{table: t}
	w.ExtendBaseWidget(w)
	return w
}

func (w *tableWheel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Scrolled moves the table by wheelLines lines a click, down and up or, on
// a table that only scrolls sideways, left and right, as Fyne's own scroll
// turns the wheel.
func (w *tableWheel) Scrolled(ev *fyne.ScrollEvent) {
	off, ok := tableOffset(w.table)
	if !ok {
		return
	}
	dx, dy := ev.Scrolled.DX, ev.Scrolled.DY
	if dx == 0 && tableScrollsSidewaysOnly(w.table) {
		dx, dy = dy, 0
	}
	off.X -= wheelDistance(dx)
	off.Y -= wheelDistance(dy)
	w.table.ScrollToOffset(fyne.NewPos(max(off.X, 0), max(off.Y, 0)))
}

// tableScrollsSidewaysOnly says all the table's rows fit its height (so the
// wheel has nothing to move down), as Fyne's scroll decides before it turns
// the wheel sideways.
func tableScrollsSidewaysOnly(t *widget.Table) bool {
	cell, ok1 := tableSize(t, "cellSize")
	head, ok2 := tableSize(t, "headerSize")
	if !ok1 || !ok2 {
		return false
	}
	rows, _ := t.Length()
	pad := theme.Padding()
	return head.Height+pad+float32(rows)*(cell.Height+pad) <= t.Size().Height
}

// tableSize reads one of the table's unexported sizes (see tableOffset).
func tableSize(t *widget.Table, field string) (fyne.Size, bool) {
	f := reflect.ValueOf(t).Elem().FieldByName(field)
	if !f.IsValid() || f.Type() != reflect.TypeOf(fyne.Size{}) {
		return fyne.Size{}, false
	}
	return fyne.NewSize(float32(f.Field(0).Float()), float32(f.Field(1).Float())), true
}

// tableOffset is how far the table is scrolled. Fyne 2.8 keeps it in an
// unexported field and offers no getter; it is read here, never written
// (TestTableOffsetReadable fails if a Fyne upgrade moves it).
func tableOffset(t *widget.Table) (fyne.Position, bool) {
	f := reflect.ValueOf(t).Elem().FieldByName("offset")
	if !f.IsValid() || f.Type() != reflect.TypeOf(fyne.Position{}) {
		return fyne.Position{}, false
	}
	return fyne.NewPos(float32(f.Field(0).Float()), float32(f.Field(1).Float())), true
}
