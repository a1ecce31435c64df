package ui

import (
	"cmp"
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// The cells of a partner table: a value to type, a tier chip, a sortable
// column title.

// cellEntry is an entry inside a table cell, bound to the partner and
// column it shows.
type cellEntry struct {
	widget.Entry
	table   *partnerTable
	partner int
	col     int
	setting bool
}

func newCellEntry(t *partnerTable) *cellEntry {
	e := &cellEntry{table: t, partner: -1}
	passWheel(&e.Entry)
	e.ExtendBaseWidget(e)
	e.OnChanged = func(s string) {
		if e.setting || e.partner < 0 || e.col >= len(t.cols) || t.cols[e.col].edit == nil {
			return
		}
		t.cols[e.col].edit(e.partner, s)
	}
	return e
}

// bind shows partner i's value of column col, unless the user is typing in
// this very cell.
func (e *cellEntry) bind(i, col int, text string) {
	same := e.partner == i && e.col == col
	e.partner, e.col = i, col
	if same && e.table.src.window().Canvas().Focused() == e {
		return
	}
	if e.Text != text {
		e.setting = true
		e.SetText(text)
		e.setting = false
	}
}

// tierChipWidth is the width of a tier chip, which holds "Monitor".
const tierChipWidth = 84

// tierChip is a tier's name on its colour.
type tierChip struct {
	widget.BaseWidget
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newTierChip() *tierChip {
	c := &tierChip{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White)}
	c.bg.CornerRadius = 10
	c.text.TextStyle.Bold = true
	c.text.Alignment = fyne.TextAlignCenter
	c.ExtendBaseWidget(c)
	return c
}

func (c *tierChip) set(t core.Tier) {
	c.bg.FillColor = tierColour(t)
	c.text.Text = string(t)
	c.Refresh()
}

func (c *tierChip) CreateRenderer() fyne.WidgetRenderer {
	c.text.TextSize = theme.TextSize() - 1
	chip := container.NewStack(c.bg, container.NewCenter(c.text))
	size := fyne.NewSize(tierChipWidth, 22)
	box := container.NewHBox(container.NewCenter(container.NewGridWrap(size, chip)), layout.NewSpacer())
	return widget.NewSimpleRenderer(container.NewPadded(box))
}

// headerCell is a column title that sorts the table when tapped and shows
// the direction of the sort.
type headerCell struct {
	widget.BaseWidget
	col   int
	label *widget.Label
	icon  *widget.Icon
	onTap func(col int)
}

func newHeaderCell(onTap func(col int)) *headerCell {
	h := &headerCell{col: -1, label: widget.NewLabel("Confidence"), icon: widget.NewIcon(nil), onTap: onTap}
	h.label.TextStyle.Bold = true
	h.label.Truncation = fyne.TextTruncateEllipsis
	h.icon.Hide()
	h.ExtendBaseWidget(h)
	return h
}

func (h *headerCell) set(col int, title string, numeric, sorted, desc bool) {
	h.col = col
	h.label.Text = title
	if numeric {
		h.label.Alignment = fyne.TextAlignTrailing
	} else {
		h.label.Alignment = fyne.TextAlignLeading
	}
	switch {
	case !sorted:
		h.icon.Hide()
	case desc:
		h.icon.SetResource(theme.MenuDropDownIcon())
		h.icon.Show()
	default:
		h.icon.SetResource(theme.MenuDropUpIcon())
		h.icon.Show()
	}
	h.label.Refresh()
	h.Refresh()
}

func (h *headerCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, h.icon, h.label))
}

// Tapped sorts by the header's column.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.onTap != nil && h.col >= 0 {
		h.onTap(h.col)
	}
}

// Cursor shows a pointing hand over the header, which can be clicked.
func (h *headerCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

// formatScore writes a score with two decimals, as the workbook shows it, so
// that right-aligned scores line up on the decimal point: 80.00, 76.25.
func formatScore(s float64) string {
	return strconv.FormatFloat(s, 'f', 2, 64)
}

// formatNumber writes a value as typed: 4, 2.5.
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Columns many screens share.

func nameColumn(src tableSource) tableColumn {
	return tableColumn{title: "Partner", width: 320, names: true, text: func(i int) string { return src.ecosystem().Partners[i].Name }}
}

func scoreColumn(src tableSource) tableColumn {
	res := func(i int) core.Result { return src.evaluation().Results[i] }
	return tableColumn{title: "Score", width: 80, numeric: true,
		text:    func(i int) string { return formatScore(res(i).Score) },
		compare: func(a, b int) int { return cmp.Compare(res(a).Score, res(b).Score) },
		italic:  func(i int) bool { return !res(i).Complete }}
}

func tierColumn(src tableSource) tableColumn {
	res := func(i int) core.Result { return src.evaluation().Results[i] }
	return tableColumn{title: "Tier", width: 104, kind: cellTier,
		text: func(i int) string { return string(res(i).Tier) },
		tier: func(i int) core.Tier { return res(i).Tier },
		compare: func(a, b int) int {
			// Tier 1 sorts highest, as a higher score does.
			r := cmp.Compare(res(b).Tier.Rank(), res(a).Tier.Rank())
			if r == 0 {
				r = cmp.Compare(res(a).Score, res(b).Score)
			}
			return r
		}}
}

// confidenceColumn shows each partner's tier confidence, or "Incomplete"
// for a partner missing criterion values (the detail names them): its
// score rests on minimums, and a percentage would claim otherwise. It sorts
// below every percentage.
func confidenceColumn(src tableSource) tableColumn {
	incomplete := func(i int) bool {
		e := src.ecosystem()
		return len(e.MissingValues(e.Partners[i])) > 0
	}
	conf := func(i int) float64 {
		if incomplete(i) {
			return -0.5
		}
		if c, ok := src.evaluation().ConfidenceOf(i); ok {
			return c
		}
		return -1
	}
	return tableColumn{title: "Confidence", width: 112, numeric: true,
		text: func(i int) string {
			if incomplete(i) {
				return "Incomplete"
			}
			if c, ok := src.evaluation().ConfidenceOf(i); ok {
				return fmt.Sprintf("%.0f%%", 100*c)
			}
			return "…"
		},
		compare: func(a, b int) int { return cmp.Compare(conf(a), conf(b)) }}
}

func roleColumn(src tableSource) tableColumn {
	return tableColumn{title: "Primary role", width: 130, text: func(i int) string {
		if r := src.ecosystem().Partners[i].PrimaryRole(); r != "" {
			return r.Label()
		}
		return "— none —"
	}}
}

func otherRolesColumn(src tableSource) tableColumn {
	return tableColumn{title: "Other roles", width: 170, text: func(i int) string {
		return core.FormatRoles(src.ecosystem().Partners[i].OtherRoles())
	}}
}

func textColumn(title string, width float32, text func(i int) string) tableColumn {
	return tableColumn{title: title, width: width, text: text}
}
