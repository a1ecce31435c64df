package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// heldColour fills the stage a dimension holds; its frame marks a stage the
// user rated.
var (
	heldColour  = color.NRGBA{R: 0x1B, G: 0x7F, B: 0x5F, A: 0x38}
	ratedBorder = color.NRGBA{R: 0x1B, G: 0x7F, B: 0x5F, A: 0xFF}
)

// maturityScreen is the 5 × 3 maturity matrix: a tap on a cell rates the
// dimension at that stage (a second tap takes the rating back); beside each
// dimension, the stage the data supports, its evidence and the next step.
type maturityScreen struct {
	ws workspace
	frame
	grid  *fyne.Container // the matrix
	cells map[core.Dimension][]*stageCell
	side  map[core.Dimension]*widget.Label
}

func newMaturityScreen(ws workspace) *maturityScreen {
	s := &maturityScreen{ws: ws, cells: map[core.Dimension][]*stageCell{}, side: map[core.Dimension]*widget.Label{}}
	grid := container.New(&matrixLayout{})
	s.grid = grid
	grid.Add(widget.NewLabelWithStyle("Dimension", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, st := range core.Stages {
		grid.Add(widget.NewLabelWithStyle(st.String(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	grid.Add(widget.NewLabelWithStyle("From the data, and the next step", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, d := range core.Dimensions {
		d := d
		grid.Add(widget.NewLabelWithStyle(string(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, st := range core.Stages {
			st := st
			c := newStageCell(d.StageText(st), func() { s.rate(d, st) })
			s.cells[d] = append(s.cells[d], c)
			grid.Add(c)
		}
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		s.side[d] = l
		grid.Add(l)
	}
	s.box = screenLayout("Maturity matrix",
		"Tap the cell that describes your practice today; tap it again to take the rating back. The shaded cell is the stage held: your rating, else the stage the data supports.",
		nil, newWheelScroll(grid))
	return s
}

func (s *maturityScreen) refresh() {
	for _, a := range s.ws.ecosystem().AssessMaturity(*s.ws.evaluation()) {
		for i, c := range s.cells[a.Dimension] {
			st := core.Stages[i]
			c.set(st == a.Held(), st == a.Rated, st == a.Proposed)
		}
		text := "Proposed: " + a.Proposed.String() + ". " + a.Evidence + "\nNext step: " + a.NextStep
		if a.Rated.Valid() {
			text = "You rated " + a.Rated.String() + ". " + text
		}
		s.side[a.Dimension].SetText(text)
	}
}

// rate records the user's stage for a dimension, or takes it back when the
// cell is the one already rated.
func (s *maturityScreen) rate(d core.Dimension, st core.Stage) {
	s.ws.edit("", func(e *core.Ecosystem) error {
		if e.Maturity.Ratings[d] == st {
			e.Maturity.Rate(d, core.Unrated)
		} else {
			e.Maturity.Rate(d, st)
		}
		return nil
	})
}

// stageCell is one cell of the matrix: the stage's description, shaded when
// held, framed when rated, tagged when it is what the data proposes.
type stageCell struct {
	widget.BaseWidget
	text     *widget.Label
	tag      *widget.Label
	bg       *canvas.Rectangle
	onTapped func()
	held     bool
	rated    bool
}

func newStageCell(text string, tapped func()) *stageCell {
	c := &stageCell{text: widget.NewLabel(text), tag: widget.NewLabel("Proposed from the data"), onTapped: tapped,
		bg: canvas.NewRectangle(color.Transparent)}
	c.text.Wrapping = fyne.TextWrapWord
	c.tag.Importance = widget.SuccessImportance
	c.tag.TextStyle.Italic = true
	c.tag.Hide()
	c.bg.CornerRadius = 6
	c.bg.StrokeWidth = 2
	c.ExtendBaseWidget(c)
	return c
}

func (c *stageCell) set(held, rated, proposed bool) {
	c.held, c.rated = held, rated
	c.bg.FillColor = color.Transparent
	c.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	c.bg.StrokeWidth = 1
	if held {
		c.bg.FillColor = heldColour
	}
	if rated {
		c.bg.StrokeColor = ratedBorder
		c.bg.StrokeWidth = 3
	}
	c.text.TextStyle.Bold = held
	if proposed {
		c.tag.Show()
	} else {
		c.tag.Hide()
	}
	c.bg.Refresh()
	c.text.Refresh()
}

func (c *stageCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewVBox(c.text, layout.NewSpacer(), c.tag)))
}

// Tapped rates the dimension at this stage.
func (c *stageCell) Tapped(*fyne.PointEvent) {
	if c.onTapped != nil {
		c.onTapped()
	}
}

// Cursor shows that a cell can be clicked.
func (c *stageCell) Cursor() desktop.Cursor { return desktop.PointerCursor }

// matrixLayout lays the matrix out in five columns: the dimension, the three
// stages and the proposal, each row as tall as its tallest cell at the
// widths given.
type matrixLayout struct{}

const matrixColumns = 5

// widths gives the columns their share of the width. The first column is
// as wide as the longest dimension's name, so that no name runs into the
// first stage; the others share what is left.
func (matrixLayout) widths(total float32) []float32 {
	gap := theme.Padding()
	avail := total - gap*float32(matrixColumns-1)
	first := avail * 0.12
	for _, d := range core.Dimensions {
		w := fyne.MeasureText(string(d), theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
		first = max(first, float32(math.Ceil(float64(w))))
	}
	out := []float32{first}
	for _, s := range []float32{0.2, 0.2, 0.2, 0.28} {
		out = append(out, (avail-first)*s/0.88)
	}
	return out
}

func (l *matrixLayout) rowHeights(objects []fyne.CanvasObject, width float32) []float32 {
	ws := l.widths(width)
	var hs []float32
	for i := 0; i < len(objects); i += matrixColumns {
		h := float32(0)
		for j := 0; j < matrixColumns && i+j < len(objects); j++ {
			o := objects[i+j]
			o.Resize(fyne.NewSize(ws[j], o.Size().Height)) // wrapped text sizes itself to its width
			h = max(h, o.MinSize().Height)
		}
		hs = append(hs, h)
	}
	return hs
}

func (l *matrixLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	ws := l.widths(size.Width)
	hs := l.rowHeights(objects, size.Width)
	gap := theme.Padding()
	y := float32(0)
	for r, h := range hs {
		x := float32(0)
		for j := 0; j < matrixColumns; j++ {
			i := r*matrixColumns + j
			if i >= len(objects) {
				break
			}
			objects[i].Move(fyne.NewPos(x, y))
			objects[i].Resize(fyne.NewSize(ws[j], h))
			x += ws[j] + gap
		}
		y += h + gap
	}
}

func (l *matrixLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := float32(900)
	if len(objects) > 0 && objects[0].Size().Width > 0 {
		// The width the layout last gave: the sum of a row's cells.
		width = 0
		for j := 0; j < matrixColumns && j < len(objects); j++ {
			width += objects[j].Size().Width
		}
		width += theme.Padding() * float32(matrixColumns-1)
	}
	h := float32(0)
	for _, rh := range l.rowHeights(objects, width) {
		h += rh + theme.Padding()
	}
	return fyne.NewSize(600, h)
}
