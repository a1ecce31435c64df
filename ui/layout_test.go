package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// laptopSizes are the window sizes the screens are laid out for: a common
// laptop and the most common screen.
var laptopSizes = []fyne.Size{{Width: 1280, Height: 800}, {Width: 1366, Height: 768}}

// partnerTables are the partner tables of the screens, each shown on its
// step.
func partnerTables(w *MainWindow) []struct {
	name  string
	step  step
	table *partnerTable
	show  func()
} {
	a := activate(w)
	return []struct {
		name  string
		step  step
		table *partnerTable
		show  func()
	}{
		{"Discover", stepDiscover, w.screens[stepDiscover].(*discoverScreen).table, nil},
		{"Segment", stepSegment, w.screens[stepSegment].(*segmentScreen).table, nil},
		{"Evaluate", stepEvaluate, w.screens[stepEvaluate].(*evaluateScreen).table, nil},
		{"Prioritize", stepPrioritize, w.screens[stepPrioritize].(*prioritizeScreen).table, nil},
		{"Activate partners", stepActivate, a.partners.table, func() {
			a.tabs.SelectIndex(1)
			a.partners.every.SetChecked(true) // also without deals, as the imported list is
		}},
	}
}

// importedList is a 40-partner list as people keep them: a title above the
// header, long names, long headers, a sheet with a long name.
var importedList = filepath.Join("testdata", "partners-master-2026.xlsx")

// newImportedWindow is a window over importedList, imported as a user
// does, through the preview, into the sample, which it replaces.
func newImportedWindow(t *testing.T) *MainWindow {
	t.Helper()
	w := newTestWindow(t)
	wait(t, w.Import(importedList))
	wait(t, tapImport(t, w))
	if n := len(w.doc.Ecosystem.Partners); n != 40 || w.doc.Ecosystem.Partners[0].Name != "Liberty's Delightful Events" {
		t.Fatalf("%d partners after the import, want the 40 of %s", n, importedList)
	}
	waitConfidence(t, w)
	return w
}

// layoutWindows make the windows the layout tests look at: the sample with
// its deals, and a 40-partner list imported. Each makes an app of its own,
// the current one: make one, test it, then make the next.
var layoutWindows = []struct {
	name string
	make func(t *testing.T) *MainWindow
}{
	{"sample", func(t *testing.T) *MainWindow { return newDealsWindow(t) }},
	{"imported", newImportedWindow},
}

// TestNameStaysInViewScrolledToTheLastColumn scrolls every partner table
// with the wheel as far right as it goes, at both laptop sizes, over the
// sample and over an imported list: the partner's name must still show in
// the table, and the last column's header must show in full.
func TestNameStaysInViewScrolledToTheLastColumn(t *testing.T) {
	for _, doc := range layoutWindows {
		t.Run(doc.name, func(t *testing.T) { nameStaysInView(t, doc.make(t)) })
	}
}

func nameStaysInView(t *testing.T, w *MainWindow) {
	for _, size := range laptopSizes {
		w.Window.Resize(size)
		for _, pt := range partnerTables(w) {
			t.Run(fmt.Sprintf("%s at %v×%v", pt.name, size.Width, size.Height), func(t *testing.T) {
				w.Show(pt.step)
				if pt.show != nil {
					pt.show()
				}
				tb := pt.table
				if tb.table.StickyColumnCount <= tb.column("Partner") {
					t.Errorf("StickyColumnCount = %d, want the name column %d kept in view", tb.table.StickyColumnCount, tb.column("Partner"))
				}
				tb.table.ScrollToTop()
				// The wheel, sideways, as far as it goes.
				at := fyne.CurrentApp().Driver().AbsolutePositionForObject(tb.table).Add(fyne.NewPos(tb.table.Size().Width-60, 80))
				for range 100 {
					test.Scroll(w.Window.Canvas(), at, -25, 0)
				}
				if len(tb.rows) == 0 {
					t.Fatal("the table shows no partner")
				}
				name := tb.cellText(0, tb.column("Partner"))
				if !textShownIn(t, w, tb.table, name) {
					t.Errorf("scrolled to the last column, the name %q of the first row is not in view", name)
				}
				last := tb.cols[len(tb.cols)-1].title
				if !textShownIn(t, w, tb.table, last) {
					t.Errorf("scrolled to the last column, its header %q is not in view", last)
				}
				tb.table.ScrollToLeading()
			})
		}
	}
}

// textShownIn says whether a visible text or label reading s lies wholly
// inside o on the window's canvas.
func textShownIn(t *testing.T, w *MainWindow, o fyne.CanvasObject, s string) bool {
	d := fyne.CurrentApp().Driver()
	box := d.AbsolutePositionForObject(o)
	end := box.Add(o.Size())
	found := false
	walkVisible(t, w.Window.Canvas().Content(), func(c fyne.CanvasObject) {
		var text string
		switch v := c.(type) {
		case *canvas.Text:
			text = v.Text
		default:
			return
		}
		if text != s {
			return
		}
		p := d.AbsolutePositionForObject(c)
		q := p.Add(c.Size())
		if p.X >= box.X-1 && p.Y >= box.Y-1 && q.X <= end.X+1 && q.Y <= end.Y+1 {
			found = true
		}
	})
	return found
}

// walkVisible calls f on every visible object under o, widgets' renderers
// included.
func walkVisible(t *testing.T, o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walkVisible(t, c, f)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, v).Objects() {
			walkVisible(t, c, f)
		}
	}
}

// TestColumnsShowTheirWholeHeader checks that each column of every
// partner table is at least as wide as its header, and that numbers are
// right-aligned.
func TestColumnsShowTheirWholeHeader(t *testing.T) {
	w := newDealsWindow(t)
	for _, pt := range partnerTables(w) {
		w.Show(pt.step)
		for i, c := range pt.table.cols {
			head := fyne.MeasureText(c.title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
			if got := pt.table.fitted[i]; got < head {
				t.Errorf("%s: column %q is %v wide, want at least %v for its header", pt.name, c.title, got, head)
			}
			if !c.numeric || c.kind != cellText || len(pt.table.rows) == 0 {
				continue
			}
			o := pt.table.newCell()
			pt.table.updateCell(widget.TableCellID{Row: 0, Col: i}, o)
			if l := o.(*fyne.Container).Objects[0].(*widget.Label); l.Alignment != fyne.TextAlignTrailing {
				t.Errorf("%s: numbers of %q are not right-aligned", pt.name, c.title)
			}
		}
	}
}

func TestColumnWidth(t *testing.T) {
	long := "Redwood Implementation Partners of the Northern Hemisphere and Beyond"
	tests := []struct {
		name     string
		col      tableColumn
		rows     int
		atLeast  float32
		atMost   float32
		wantHead bool
	}{
		{"header only", tableColumn{title: "Revenue potential"}, 0, 100, 220, true},
		{"short content keeps the header", tableColumn{title: "Customer overlap", text: func(int) string { return "4" }}, 3, 100, 220, true},
		{"long text stops at the widest column", tableColumn{title: "Notes", text: func(int) string { return long }}, 1, wideColumn, wideColumn + 1, false},
		{"a wider limit lets a column grow", tableColumn{title: "Notes", width: 400, text: func(int) string { return long }}, 1, 400, 401, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := columnWidth(tt.col, tt.rows)
			if got < tt.atLeast || got > tt.atMost {
				t.Errorf("columnWidth(%q) = %v, want between %v and %v", tt.col.title, got, tt.atLeast, tt.atMost)
			}
		})
	}
}

// TestSelectionFollowsItsPartner selects a partner, then re-sorts and
// filters the table and changes the partner's role so that it moves: the
// highlighted row stays on that partner, and the editor edits it.
func TestSelectionFollowsItsPartner(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepSegment)
	s := w.screens[stepSegment].(*segmentScreen)
	var highlighted int // the row the table itself highlights
	onSelected := s.table.table.OnSelected
	s.table.table.OnSelected = func(id widget.TableCellID) {
		highlighted = id.Row
		onSelected(id)
	}
	s.table.table.OnUnselected = func(widget.TableCellID) { highlighted = -1 }
	i := partnerIndex(t, w, "Appgrove")
	selectPartner(t, s.table, i)

	check := func(t *testing.T) {
		t.Helper()
		if r := s.table.row(i); highlighted != r {
			t.Errorf("the table highlights row %d, the partner is on row %d", highlighted, r)
		}
		if s.table.selected != i || s.selected.Text != "Appgrove" {
			t.Errorf("the editor shows %q (partner %d), want Appgrove (%d)", s.selected.Text, s.table.selected, i)
		}
	}
	steps := []struct {
		name string
		do   func()
	}{
		{"sorted by score", func() { s.table.sortBy(s.table.column("Score")) }},
		{"sorted the other way", func() { s.table.sortBy(s.table.column("Score")) }},
		{"role changed", func() { s.primary.SetSelected(core.Influencer.Label()) }},
		{"role removed, listed first", func() { s.primary.SetSelected(noRole) }},
		{"filtered", func() { s.filter.SetSelected(withoutRole) }},
		{"searched", func() { s.filter.SetSelected(allRoles); test.Type(w.toolbar.search, "app") }},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			check(t)
		})
	}
	t.Run("hidden by the filter", func(t *testing.T) {
		s.filter.SetSelected(core.Technology.Label())
		if highlighted != -1 {
			t.Errorf("row %d is highlighted, want none while the partner is filtered out", highlighted)
		}
		s.filter.SetSelected(allRoles)
		check(t)
	})
	t.Run("after an undo", func(t *testing.T) {
		w.Undo() // the partners are copies now
		check(t)
	})
}

// TestSidePanelsNeverCoverTheTable lays Segment, Evaluate and Prioritize
// out at both laptop sizes, over the sample and an imported list: the side
// panel and the table lie side by side.
func TestSidePanelsNeverCoverTheTable(t *testing.T) {
	for _, doc := range layoutWindows {
		t.Run(doc.name, func(t *testing.T) { panelsBesideTables(t, doc.make(t)) })
	}
}

func panelsBesideTables(t *testing.T, w *MainWindow) {
	screens := []struct {
		step  step
		table *partnerTable
		split *container.Split
	}{
		{stepSegment, w.screens[stepSegment].(*segmentScreen).table, w.screens[stepSegment].(*segmentScreen).split},
		{stepEvaluate, w.screens[stepEvaluate].(*evaluateScreen).table, w.screens[stepEvaluate].(*evaluateScreen).split},
		{stepPrioritize, w.screens[stepPrioritize].(*prioritizeScreen).table, w.screens[stepPrioritize].(*prioritizeScreen).split},
	}
	d := fyne.CurrentApp().Driver()
	for _, size := range laptopSizes {
		w.Window.Resize(size)
		for _, sc := range screens {
			w.Show(sc.step)
			panel := sc.split.Trailing
			if sc.step == stepEvaluate {
				panel = sc.split.Leading
			}
			tp, ts := d.AbsolutePositionForObject(sc.table.table), sc.table.table.Size()
			pp, ps := d.AbsolutePositionForObject(panel), panel.Size()
			overlapX := min(tp.X+ts.Width, pp.X+ps.Width) - max(tp.X, pp.X)
			if overlapX > 0 {
				t.Errorf("step %d at %v: the panel (x %v–%v) covers %v px of the table (x %v–%v)",
					sc.step, size, pp.X, pp.X+ps.Width, overlapX, tp.X, tp.X+ts.Width)
			}
			if ts.Width < 400 {
				t.Errorf("step %d at %v: the table is %v wide", sc.step, size, ts.Width)
			}
		}
	}
}

// TestSidePanelDividerIsRemembered drags the Segment divider and opens a
// new window of the same app: the divider stands where it was left.
func TestSidePanelDividerIsRemembered(t *testing.T) {
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.Show(stepSegment)
	s := w.screens[stepSegment].(*segmentScreen)
	s.split.SetOffset(0.5)
	s.split.Refresh()
	w.Window.Canvas().Content().Refresh()
	if got := fyne.CurrentApp().Preferences().Float("split.segment"); got != 0.5 {
		t.Fatalf("preference split.segment = %v after the drag, want 0.5", got)
	}
	doc, _ := SampleDocument(today)
	again := newMainWindow(fyne.CurrentApp(), doc, testEnv())
	defer again.Window.Close()
	if got := again.screens[stepSegment].(*segmentScreen).split.Offset; got != 0.5 {
		t.Errorf("a new window's divider stands at %v, want 0.5", got)
	}
}

func TestWheelScrollsThreeLines(t *testing.T) {
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height + theme.LineSpacing()
	tests := []struct {
		dy   float32 // what the driver reports
		want float32
	}{
		{-25, -3 * line}, // one click down on Linux and Windows
		{25, 3 * line},
		{-50, -6 * line},
		{-5, -0.6 * line}, // a touchpad's small step
	}
	for _, tt := range tests {
		if got := wheelDistance(tt.dy); got < tt.want-0.01 || got > tt.want+0.01 {
			t.Errorf("wheelDistance(%v) = %v, want %v", tt.dy, got, tt.want)
		}
	}

	// On the scorecard panel.
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.Show(stepEvaluate)
	s := w.screens[stepEvaluate].(*evaluateScreen)
	scroll := s.panel
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(scroll).Add(fyne.NewPos(20, 20))
	test.Scroll(w.Window.Canvas(), at, 0, -25)
	if got := scroll.Offset.Y; got < 2.5*line {
		t.Errorf("one wheel click scrolls the scorecard %v px, want about 3 lines (%v)", got, 3*line)
	}
}
