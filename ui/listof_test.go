package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestListOf: a row is filled with its item; a row the list asks for after
// the items shrank is left as it was, not filled and not a panic.
func TestListOf(t *testing.T) {
	test.NewTempApp(t)
	items := []string{"Acme", "Globex", "Initech"}
	l := listOf(func() []string { return items },
		func() fyne.CanvasObject { return container.NewStack(widget.NewLabel("template")) },
		func(item string, row *fyne.Container) { row.Objects[0].(*widget.Label).SetText(item) })
	tests := []struct {
		name  string
		items []string
		id    int
		want  string
	}{
		{"first", items, 0, "Acme"},
		{"last", items, 2, "Initech"},
		{"gone after the list shrank", items[:1], 2, "template"},
		{"one past the end", items[:2], 2, "template"},
	}
	if n := l.Length(); n != 3 {
		t.Fatalf("Length = %d, want 3", n)
	}
	for _, tt := range tests {
		items = tt.items
		row := l.CreateItem()
		l.UpdateItem(tt.id, row)
		if got := row.(*fyne.Container).Objects[0].(*widget.Label).Text; got != tt.want {
			t.Errorf("%s: row %d shows %q, want %q", tt.name, tt.id, got, tt.want)
		}
	}
}
