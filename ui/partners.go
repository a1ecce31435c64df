package ui

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// tierColours gives each tier its one colour, the same in chips, charts and
// the exported workbook.
//
// TODO(core): move to a core.Tier.Colour method so exporters use the same values.
var tierColours = map[core.Tier]color.NRGBA{
	core.Tier1:   {R: 0x1B, G: 0x7F, B: 0x5F, A: 0xFF},
	core.Tier2:   {R: 0x2F, G: 0x6D, B: 0xB5, A: 0xFF},
	core.Tier3:   {R: 0xC7, G: 0x88, B: 0x2A, A: 0xFF},
	core.Monitor: {R: 0x8A, G: 0x8F, B: 0x98, A: 0xFF},
}

// The columns of the partners table.
const (
	colName = iota
	colPrimary
	colOthers
	colScore
	colTier
	colConfidence
	colOwner
	colRegion
	numColumns
)

// column describes one column of the partners table.
type column struct {
	title   string
	width   float32
	numeric bool // right-aligned, sorted from the highest first
}

var partnerColumns = [numColumns]column{
	colName:       {title: "Partner", width: 262},
	colPrimary:    {title: "Primary role", width: 130},
	colOthers:     {title: "Other roles", width: 158},
	colScore:      {title: "Score", width: 82, numeric: true},
	colTier:       {title: "Tier", width: 104},
	colConfidence: {title: "Confidence", width: 112, numeric: true},
	colOwner:      {title: "Owner", width: 170},
	colRegion:     {title: "Region", width: 150},
}

// partnersView is the partners table with its search box and count.
type partnersView struct {
	search *widget.Entry
	count  *widget.Label
	table  *widget.Table

	eco *core.Ecosystem
	ev  evaluation
	// rows holds the indexes into eco.Partners of the partners shown, in
	// the order shown.
	rows     []int
	sortCol  int
	sortDesc bool
}

func newPartnersView() *partnersView {
	v := &partnersView{sortCol: colScore, sortDesc: true}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder("Search name, owner or region")
	v.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	v.search.OnChanged = func(string) { v.refresh() }
	v.count = widget.NewLabel("")
	v.count.Alignment = fyne.TextAlignTrailing

	v.table = widget.NewTable(
		func() (int, int) { return len(v.rows), numColumns },
		newPartnerCell,
		v.updateCell,
	)
	v.table.ShowHeaderRow = true
	v.table.CreateHeader = func() fyne.CanvasObject { return newHeaderCell(v.sortBy) }
	v.table.UpdateHeader = v.updateHeader
	v.table.OnSelected = func(id widget.TableCellID) { v.table.UnselectAll() }
	for i, c := range partnerColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	return v
}

// set shows a new ecosystem and its evaluation.
func (v *partnersView) set(eco *core.Ecosystem, ev evaluation) {
	v.eco, v.ev = eco, ev
	v.refresh()
}

// refresh filters by the search text, sorts, and redraws.
func (v *partnersView) refresh() {
	v.rows = v.rows[:0]
	total := 0
	if v.eco != nil {
		total = len(v.eco.Partners)
		q := strings.ToLower(strings.TrimSpace(v.search.Text))
		for i, p := range v.eco.Partners {
			if q == "" || strings.Contains(strings.ToLower(p.Name), q) ||
				strings.Contains(strings.ToLower(p.Owner), q) ||
				strings.Contains(strings.ToLower(p.Region), q) {
				v.rows = append(v.rows, i)
			}
		}
	}
	v.sortRows()
	v.count.SetText(fmt.Sprintf("Showing %d of %d partners", len(v.rows), total))
	v.table.Refresh()
}

// sortBy sorts by column col: a second tap on the same column reverses the
// order; a new column starts with its natural order (highest scores first,
// names from A).
func (v *partnersView) sortBy(col int) {
	if col == v.sortCol {
		v.sortDesc = !v.sortDesc
	} else {
		v.sortCol, v.sortDesc = col, partnerColumns[col].numeric
	}
	v.refresh()
}

func (v *partnersView) sortRows() {
	if v.eco == nil {
		return
	}
	key := func(i int) string { return strings.ToLower(v.text(i, v.sortCol)) }
	slices.SortStableFunc(v.rows, func(a, b int) int {
		var c int
		switch v.sortCol {
		case colScore:
			c = cmp.Compare(v.ev.Results[a].Score, v.ev.Results[b].Score)
		case colConfidence:
			c = cmp.Compare(v.confidence(a), v.confidence(b))
		case colTier:
			// Tier 1 sorts highest, as a higher score does.
			c = cmp.Compare(v.ev.Results[b].Tier.Rank(), v.ev.Results[a].Tier.Rank())
			if c == 0 {
				c = cmp.Compare(v.ev.Results[a].Score, v.ev.Results[b].Score)
			}
		default:
			c = strings.Compare(key(a), key(b))
		}
		if v.sortDesc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(v.ev.Results[a].Rank, v.ev.Results[b].Rank)
		}
		return c
	})
}

func (v *partnersView) confidence(i int) float64 {
	if i < len(v.ev.Confidence) {
		return v.ev.Confidence[i]
	}
	return -1
}

// text is what a cell shows for partner i.
func (v *partnersView) text(i, col int) string {
	p := v.eco.Partners[i]
	r := v.ev.Results[i]
	switch col {
	case colName:
		return p.Name
	case colPrimary:
		return p.PrimaryRole().Label()
	case colOthers:
		return core.FormatRoles(p.OtherRoles())
	case colScore:
		return formatScore(r.Score)
	case colTier:
		return string(r.Tier)
	case colConfidence:
		if c := v.confidence(i); c >= 0 {
			return fmt.Sprintf("%.0f%%", 100*c)
		}
		return ""
	case colOwner:
		return p.Owner
	case colRegion:
		return p.Region
	}
	return ""
}

// formatScore writes a score with two decimals, as the workbook shows it, so
// that right-aligned scores line up on the decimal point: 80.00, 76.25.
func formatScore(s float64) string {
	return strconv.FormatFloat(s, 'f', 2, 64)
}

// partnerCell is the template of a table cell: a label, or a tier chip.
func newPartnerCell() fyne.CanvasObject {
	l := widget.NewLabel("Template partner name")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(l, newTierChip())
}

func (v *partnersView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*fyne.Container)
	l := cell.Objects[0].(*widget.Label)
	chip := cell.Objects[1].(*tierChip)
	if id.Row < 0 || id.Row >= len(v.rows) {
		l.SetText("")
		chip.Hide()
		return
	}
	i := v.rows[id.Row]
	if id.Col == colTier {
		l.Hide()
		chip.set(v.ev.Results[i].Tier)
		chip.Show()
		return
	}
	chip.Hide()
	l.Show()
	if partnerColumns[id.Col].numeric {
		l.Alignment = fyne.TextAlignTrailing
	} else {
		l.Alignment = fyne.TextAlignLeading
	}
	l.TextStyle.Italic = id.Col == colScore && !v.ev.Results[i].Complete
	l.SetText(v.text(i, id.Col))
}

func (v *partnersView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*headerCell)
	if id.Col < 0 || id.Col >= numColumns {
		h.set(-1, "", false, false, false)
		return
	}
	c := partnerColumns[id.Col]
	h.set(id.Col, c.title, c.numeric, id.Col == v.sortCol, v.sortDesc)
}

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
	col, ok := tierColours[t]
	if !ok {
		col = color.NRGBA{A: 0}
	}
	c.bg.FillColor = col
	c.text.Text = string(t)
	c.Refresh()
}

func (c *tierChip) CreateRenderer() fyne.WidgetRenderer {
	c.text.TextSize = theme.TextSize() - 1
	chip := container.NewStack(c.bg, container.NewCenter(c.text))
	size := fyne.NewSize(84, 22)
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
