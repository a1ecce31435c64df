package ui

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// tierColour is a tier's one colour, core.Tier.Colour, the same in chips,
// charts and the exported workbook; transparent for no tier.
func tierColour(t core.Tier) color.NRGBA {
	if !t.Valid() {
		return color.NRGBA{}
	}
	return hexColour(t.Colour())
}

// roleColour is a role's colour, core.Role.Colour, the same in the charts
// and the exported workbook.
func roleColour(r core.Role) color.NRGBA { return hexColour(r.Colour()) }

// hexColour reads "#RRGGBB".
func hexColour(s string) color.NRGBA {
	v, _ := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}
}

// cellKind is what a table cell holds.
type cellKind int

const (
	cellText  cellKind = iota
	cellTier           // a tier chip
	cellInput          // an entry the user types a value into
)

// tableColumn is one column of a partner table.
type tableColumn struct {
	title string
	// width is the most the column takes when its content is longer than
	// wideColumn; the column is otherwise as wide as its header and content.
	width   float32
	numeric bool // right-aligned, sorted from the highest first
	// names marks the column of the partner's name: it and the columns
	// before it stay in view when the table scrolls right.
	names bool
	kind  cellKind
	// text is what the cell of partner i shows.
	text func(i int) string
	// compare orders two partners for this column; nil compares text.
	compare func(a, b int) int
	// italic marks a cell, e.g. a score that lacks a value.
	italic func(i int) bool
	// tier is the tier a cellTier column shows.
	tier func(i int) core.Tier
	// edit takes what the user typed into a cellEntry cell of partner i.
	edit func(i int, text string)
}

// partnerTable is a sortable, searchable table of partners with a count of
// what it shows. Every screen's partner table is one.
type partnerTable struct {
	src   tableSource
	cols  []tableColumn
	table *widget.Table
	// view is the table as a screen shows it, laid out by tableFit.
	view  *fyne.Container
	count *widget.Label
	// filter keeps a partner in the table; nil keeps all.
	filter func(i int) bool
	// first pins partners to the top whatever the sort, e.g. those without
	// a role on the Segment screen.
	first func(i int) bool
	// onSelect is called with the partner index the user selects.
	onSelect func(i int)

	rows     []int // indexes into the ecosystem's partners, in the order shown
	sortCol  int
	sortDesc bool
	selected int // partner index, -1 when none
	// chosen is the selected partner itself, so that the selection follows
	// it when the rows are sorted or filtered again, or partners are added.
	chosen *core.Partner
	// shownRow is the row the table highlights, -1 when none.
	shownRow int
	// fitted is the width fitColumns gave each column.
	fitted   map[int]float32
	updating bool
	// keyText and keyLower are the sort keys sortKeys keeps, by partner.
	keyText, keyLower []string
}

func newPartnerTable(src tableSource, cols []tableColumn, sortCol int) *partnerTable {
	t := &partnerTable{src: src, selected: -1, shownRow: -1, sortCol: sortCol}
	t.count = widget.NewLabel("")
	t.count.Alignment = fyne.TextAlignTrailing
	t.table = widget.NewTable(
		func() (int, int) { return len(t.rows), len(t.cols) + t.endColumns() },
		t.newCell,
		t.updateCell,
	)
	t.view = container.New(&tableFit{t}, t.table, newTableWheel(t.table))
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject { return newHeaderCell(t.sortBy) }
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = func(id widget.TableCellID) {
		if t.updating || id.Row < 0 || id.Row >= len(t.rows) {
			return
		}
		t.selected = t.rows[id.Row]
		t.shownRow = id.Row
		if e := t.src.ecosystem(); e != nil && t.selected < len(e.Partners) {
			t.chosen = e.Partners[t.selected]
		}
		if t.onSelect != nil {
			t.onSelect(t.selected)
		}
	}
	t.setColumns(cols)
	if sortCol >= 0 && sortCol < len(cols) {
		t.sortDesc = cols[sortCol].numeric
	}
	return t
}

// setColumns changes the columns, as when a criterion is added. The
// partner's name and the columns before it stick to the left.
func (t *partnerTable) setColumns(cols []tableColumn) {
	t.cols = cols
	if t.sortCol >= len(cols) {
		t.sortCol = 0
	}
	t.table.StickyColumnCount = 0
	t.fitted = map[int]float32{}
	for i, c := range cols {
		if c.names {
			t.table.StickyColumnCount = i + 1
		}
		t.fitted[i] = columnWidth(c, 0) // the content is measured by refresh
		t.table.SetColumnWidth(i, t.fitted[i])
	}
	t.fitEnd()
}

// Column widths: every column is as wide as its header and its widest
// cell, so that no header and no short value is cut; a long free text
// stops at wideColumn (or the column's own width, when larger) and ends
// with an ellipsis.
const (
	wideColumn = 300
	// measuredRows is how many partners the widths are taken from: enough
	// for any real list, few enough for a drag of a weight over 10,000
	// partners to stay smooth.
	measuredRows = 300
)

// fitColumns sets each column's width from its header and its content.
// The widths come from the first measuredRows partners of the whole list,
// not of the rows shown, so that typing into the search box does not make
// the columns jump.
func (t *partnerTable) fitColumns() {
	e := t.src.ecosystem()
	n := 0
	if e != nil {
		n = min(len(e.Partners), measuredRows)
	}
	for i, c := range t.cols {
		if w := columnWidth(c, n); w != t.fitted[i] {
			t.fitted[i] = w
			t.table.SetColumnWidth(i, w)
		}
	}
	t.fitEnd()
}

// endColumns is the number of empty columns after the last: one when
// columns stick to the left. Once scrolled, Fyne's table (2.8) lays the
// scrolling columns out from the place of the column as many to the left as
// there are sticky ones, so the wheel stopped short of the last column by
// up to the width of the sticky columns (the "Revenue p…" that only
// the scrollbar reached). An empty column that wide at the end lets the
// wheel reach the last column, with some empty room after it.
func (t *partnerTable) endColumns() int {
	if t.table.StickyColumnCount > 0 {
		return 1
	}
	return 0
}

// fitEnd sizes the empty column of endColumns:
// the narrowest that lets the wheel reach the last column at the table's
// present width.
func (t *partnerTable) fitEnd() {
	if t.endColumns() == 0 {
		return
	}
	widths := make([]float32, len(t.cols))
	for i := range widths {
		widths[i] = t.fitted[i]
	}
	w := endWidth(widths, t.table.StickyColumnCount, theme.Padding(), t.table.Size().Width)
	if old, ok := t.fitted[len(t.cols)]; !ok || old != w {
		end := len(t.cols)
		t.fitted[end] = w
		t.table.SetColumnWidth(end, w)
	}
}

// endWidth is the width of the empty end column (see endColumns) that lets
// the wheel bring the last of columns of widths fully into a table view
// wide, the first stick of them sticky, pad between columns. It follows
// Fyne's table (2.8): the wheel scrolls as far as the widths of the
// columns that do not stick, and once scrolled to offset o, the column
// drawn first is stick columns after the one o falls in, at that column's
// place.
func endWidth(widths []float32, stick int, pad, view float32) float32 {
	var stuck, rest float32
	for j, w := range widths {
		if j < stick {
			stuck += w + pad
		} else {
			rest += w + pad
		}
	}
	viewport := view - stuck
	if stick == 0 || viewport <= 0 {
		return 0
	}
	for end := float32(0); end < stuck; end++ {
		o := rest + end - viewport // the furthest the wheel goes
		if o <= 0 {
			return end // no scrolling: every column shows
		}
		// The column o falls in, and where it starts.
		first, at := 0, float32(0)
		for x := float32(0); first < len(widths) && x+widths[first]+pad <= o; first++ {
			x += widths[first] + pad
			at = x
		}
		// Where the last column ends, drawn from there.
		last := at - pad
		for j := first + stick; j < len(widths); j++ {
			last += widths[j] + pad
		}
		if last <= o+viewport {
			return end
		}
	}
	return stuck - pad
}

// tableFit lays a partner table out at the size it is given, and fits its
// end column to its new width.
type tableFit struct{ t *partnerTable }

func (f *tableFit) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (f *tableFit) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects { // the table, and the wheel over it
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	f.t.fitEnd()
}

// columnWidth is how wide column c must be to show its header and the
// cells of partners 0 to n-1 in full, within its limit.
func columnWidth(c tableColumn, n int) float32 {
	size := theme.TextSize()
	pad := 2*theme.InnerPadding() + 2*theme.Padding()
	head := fyne.MeasureText(c.title, size, fyne.TextStyle{Bold: true}).Width + pad
	head += theme.IconInlineSize() + theme.Padding() // the sort arrow
	var body float32
	switch c.kind {
	case cellTier:
		body = tierChipWidth + 2*theme.Padding()
	case cellInput:
		body = fyne.MeasureText("00000", size, fyne.TextStyle{}).Width + pad + 2*theme.InputBorderSize()
	default:
		if c.text != nil {
			for i := range n {
				style := fyne.TextStyle{Italic: c.italic != nil && c.italic(i)}
				body = max(body, fyne.MeasureText(c.text(i), size, style).Width+pad)
			}
		}
		body = min(body, max(c.width, wideColumn))
	}
	return float32(math.Ceil(float64(max(head, body))))
}

// refresh filters by the screen's filter and the search box, sorts, and
// redraws. While the user types into one of the table's entries, the rows
// keep their order, so the row being typed into does not move away.
func (t *partnerTable) refresh() {
	e := t.src.ecosystem()
	if e == nil {
		return
	}
	if t.editing() && len(t.rows) > 0 && t.rows[len(t.rows)-1] < len(e.Partners) {
		t.table.Refresh()
		return
	}
	t.rows = t.rows[:0]
	q := strings.ToLower(strings.TrimSpace(t.src.query()))
	for i, p := range e.Partners {
		if t.filter != nil && !t.filter(i) {
			continue
		}
		if q != "" && !matches(p, q) {
			continue
		}
		t.rows = append(t.rows, i)
	}
	t.sortRows()
	t.fitColumns()
	t.count.SetText("Showing " + formatCount(len(t.rows)) + " of " + partnerCount(len(e.Partners)))
	t.follow(e)
	t.table.Refresh()
}

// follow keeps the selection on the partner the user chose: after a sort,
// a filter, or an edit that moves the partner to another row, the row
// highlighted is the partner's new row, and the screen's panel goes on
// showing that partner. A partner the filter hides stays chosen, with no
// row highlighted, until it shows again; a partner no longer in the plan
// (removed, or an undo that brought back an earlier copy with another
// name) is forgotten.
func (t *partnerTable) follow(e *core.Ecosystem) {
	if t.chosen != nil {
		t.selected = slices.Index(e.Partners, t.chosen)
		if t.selected < 0 { // an undo replaces the partners with copies
			name := t.chosen.Name
			t.selected = slices.IndexFunc(e.Partners, func(p *core.Partner) bool { return p.Name == name })
		}
		if t.selected >= 0 {
			t.chosen = e.Partners[t.selected]
		} else {
			t.chosen = nil
		}
	} else if t.selected >= len(e.Partners) {
		t.selected = -1
	}
	row := -1
	if t.selected >= 0 {
		row = t.row(t.selected)
	}
	if row == t.shownRow {
		return
	}
	t.updating = true
	defer func() { t.updating = false }()
	t.shownRow = row
	if row < 0 {
		t.table.UnselectAll()
		return
	}
	t.table.Select(widget.TableCellID{Row: row, Col: max(t.table.StickyColumnCount-1, 0)})
}

// editing says whether one of the table's entries has the focus.
func (t *partnerTable) editing() bool {
	f, ok := t.src.window().Canvas().Focused().(*cellEntry)
	return ok && f.table == t
}

// matches says whether a partner matches the search text q (lower case).
func matches(p *core.Partner, q string) bool {
	for _, s := range []string{p.Name, p.Owner, p.Region, p.Domain, string(p.PrimaryRole())} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// sortBy sorts by column col: a second tap on the same column reverses the
// order; a new column starts with its natural order (highest numbers first,
// names from A).
func (t *partnerTable) sortBy(col int) {
	if col == t.sortCol {
		t.sortDesc = !t.sortDesc
	} else {
		t.sortCol, t.sortDesc = col, t.cols[col].numeric
	}
	t.refresh()
}

func (t *partnerTable) sortRows() {
	if t.sortCol < 0 || t.sortCol >= len(t.cols) {
		return
	}
	c := t.cols[t.sortCol]
	results := t.src.evaluation().Results
	var keys []string
	if e := t.src.ecosystem(); e != nil && c.compare == nil && c.text != nil {
		keys = t.sortKeys(c, len(e.Partners))
	}
	slices.SortStableFunc(t.rows, func(a, b int) int {
		if t.first != nil {
			if fa, fb := t.first(a), t.first(b); fa != fb {
				if fa {
					return -1
				}
				return 1
			}
		}
		var r int
		if c.compare != nil {
			r = c.compare(a, b)
		} else if keys != nil {
			r = strings.Compare(keys[a], keys[b])
		}
		if t.sortDesc {
			r = -r
		}
		if r == 0 && a < len(results) && b < len(results) {
			r = cmp.Compare(results[a].Rank, results[b].Rank)
		}
		return r
	})
}

// sortKeys are a text column's keys for the rows, lower-cased once rather
// than at every comparison (100,000 names took 3 million conversions to
// sort), and kept between sorts: a weight step re-sorts names that have
// not changed, and lower-casing them all again was a tenth of the step at
// 100,000 partners. A key is made again when its text differs from the
// text it was made from, whatever the column.
func (t *partnerTable) sortKeys(c tableColumn, partners int) []string {
	if len(t.keyText) != partners { // rows index the partners
		t.keyText, t.keyLower = make([]string, partners), make([]string, partners)
	}
	for _, i := range t.rows {
		if text := c.text(i); text != t.keyText[i] {
			t.keyText[i], t.keyLower[i] = text, strings.ToLower(text)
		}
	}
	return t.keyLower
}

// The cell template: a label, a tier chip and an entry, one of them shown.
func (t *partnerTable) newCell() fyne.CanvasObject {
	l := cell("Template partner name", fyne.TextStyle{})
	e := newCellEntry(t)
	return container.NewStack(l, newTierChip(), e)
}

func (t *partnerTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*fyne.Container)
	l := cell.Objects[0].(*widget.Label)
	chip := cell.Objects[1].(*tierChip)
	entry := cell.Objects[2].(*cellEntry)
	if id.Row < 0 || id.Row >= len(t.rows) || id.Col < 0 || id.Col >= len(t.cols) {
		l.SetText("")
		chip.Hide()
		entry.Hide()
		return
	}
	i := t.rows[id.Row]
	c := t.cols[id.Col]
	switch c.kind {
	case cellTier:
		l.Hide()
		entry.Hide()
		chip.set(c.tier(i))
		chip.Show()
	case cellInput:
		l.Hide()
		chip.Hide()
		entry.bind(i, id.Col, c.text(i))
		entry.Show()
	default:
		chip.Hide()
		entry.Hide()
		l.Show()
		align := fyne.TextAlignLeading
		if c.numeric {
			align = fyne.TextAlignTrailing
		}
		style := l.TextStyle
		style.Italic = c.italic != nil && c.italic(i)
		setCell(l, c.text(i), align, style, l.Importance)
	}
}

func (t *partnerTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*headerCell)
	if id.Col < 0 || id.Col >= len(t.cols) {
		h.set(-1, "", false, false, false)
		return
	}
	c := t.cols[id.Col]
	h.set(id.Col, c.title, c.numeric, id.Col == t.sortCol, t.sortDesc)
}

// cellText renders the cell of row and col into a fresh template and
// returns the text it shows; tests use it.
func (t *partnerTable) cellText(row, col int) string {
	o := t.newCell()
	t.updateCell(widget.TableCellID{Row: row, Col: col}, o)
	cell := o.(*fyne.Container)
	switch {
	case cell.Objects[1].Visible():
		return cell.Objects[1].(*tierChip).text.Text
	case cell.Objects[2].Visible():
		return cell.Objects[2].(*cellEntry).Text
	}
	return cell.Objects[0].(*widget.Label).Text
}

// column returns the index of the column titled title, or -1.
func (t *partnerTable) column(title string) int {
	for i, c := range t.cols {
		if c.title == title {
			return i
		}
	}
	return -1
}

// row returns the row showing partner i, or -1.
func (t *partnerTable) row(i int) int { return slices.Index(t.rows, i) }
