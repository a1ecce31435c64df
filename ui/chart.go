package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one bar of a chart of counts.
type bar struct {
	label  string
	value  int
	colour color.Color
}

// barChart is a chart of counts (partners per tier, say): a stacked chart
// whose bars have one part.
type barChart struct{ *stackedChart }

func newBarChart(horizontal bool) *barChart {
	return &barChart{newStackedChart(horizontal, func(v float64) string { return fmt.Sprint(int(v)) })}
}

// set shows new bars.
func (c *barChart) set(bars []bar) {
	stacks := make([]stack, len(bars))
	for i, b := range bars {
		stacks[i] = stack{label: b.label, parts: []float64{float64(b.value)}, colours: []color.Color{b.colour}}
	}
	c.stackedChart.set(stacks)
}

// stack is one bar of a stacked chart: its label and its parts, each in its
// colour (sourced and influenced revenue, say).
type stack struct {
	label   string
	parts   []float64
	colours []color.Color
}

// total is the bar's length: the sum of its parts.
func (s stack) total() float64 {
	t := 0.0
	for _, p := range s.parts {
		t += p
	}
	return t
}

// stackedChart draws bars made of parts, each part in its colour, with the
// bar's total written beside it, in the app, so a chart reads at a glance
// without a chart library. Vertical bars stand on their labels and
// horizontal bars run from them. Labels that do not fit
// under vertical bars are shown for every second or third bar only.
type stackedChart struct {
	widget.BaseWidget
	bars       []stack
	horizontal bool
	format     func(float64) string
	// empty is what the chart says when it has no bar.
	empty string
}

func newStackedChart(horizontal bool, format func(float64) string) *stackedChart {
	c := &stackedChart{horizontal: horizontal, format: format}
	c.ExtendBaseWidget(c)
	return c
}

// set shows new bars.
func (c *stackedChart) set(bars []stack) {
	c.bars = bars
	c.Refresh()
}

func (c *stackedChart) CreateRenderer() fyne.WidgetRenderer {
	r := &stackedRenderer{c: c}
	r.rebuild()
	return r
}

type stackedRenderer struct {
	c       *stackedChart
	rects   [][]*canvas.Rectangle
	values  []*canvas.Text
	labels  []*canvas.Text
	empty   *canvas.Text
	objects []fyne.CanvasObject
}

// maxLabel is the longest label a horizontal bar shows, in characters;
// a longer one is cut with an ellipsis.
const maxLabel = 24

func (r *stackedRenderer) rebuild() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	size := th.Size(theme.SizeNameText)
	r.rects, r.values, r.labels, r.objects = nil, nil, nil, nil
	for _, b := range r.c.bars {
		var rects []*canvas.Rectangle
		for k := range b.parts {
			rect := canvas.NewRectangle(b.colours[k%len(b.colours)])
			rects = append(rects, rect)
			r.objects = append(r.objects, rect)
		}
		val := canvas.NewText(r.c.format(b.total()), fg)
		val.TextStyle.Bold = true
		val.TextSize = size - 1
		label := b.label
		if rs := []rune(label); r.c.horizontal && len(rs) > maxLabel {
			label = string(rs[:maxLabel-1]) + "…"
		}
		l := canvas.NewText(label, fg)
		l.TextSize = size - 1
		r.rects = append(r.rects, rects)
		r.values = append(r.values, val)
		r.labels = append(r.labels, l)
		r.objects = append(r.objects, val, l)
	}
	r.empty = canvas.NewText(r.c.empty, th.Color(theme.ColorNamePlaceHolder, v))
	r.empty.TextSize = size
	if len(r.c.bars) == 0 {
		r.objects = append(r.objects, r.empty)
	}
}

func (r *stackedRenderer) top() float64 {
	m := 0.0
	for _, b := range r.c.bars {
		m = max(m, b.total())
	}
	if m <= 0 {
		return 1
	}
	return m
}

func (r *stackedRenderer) Layout(size fyne.Size) {
	n := len(r.c.bars)
	if n == 0 {
		r.empty.Move(fyne.NewPos(0, 0))
		r.empty.Resize(r.empty.MinSize())
		return
	}
	top := r.top()
	pad := theme.Padding()
	if r.c.horizontal {
		labelW, valueW := float32(0), float32(0)
		for i := range r.c.bars {
			labelW = max(labelW, r.labels[i].MinSize().Width)
			valueW = max(valueW, r.values[i].MinSize().Width)
		}
		labelW = min(labelW, size.Width*0.45)
		rowH := size.Height / float32(n)
		barH := min(rowH*0.7, 24)
		span := max(size.Width-labelW-valueW-3*pad, 1)
		for i, b := range r.c.bars {
			y := float32(i) * rowH
			lh := r.labels[i].MinSize().Height
			r.labels[i].Move(fyne.NewPos(0, y+(rowH-lh)/2))
			r.labels[i].Resize(fyne.NewSize(labelW, lh))
			x := labelW + pad
			for k, p := range b.parts {
				w := span * float32(max(p, 0)/top)
				r.rects[i][k].Move(fyne.NewPos(x, y+(rowH-barH)/2))
				r.rects[i][k].Resize(fyne.NewSize(w, barH))
				x += w
			}
			vs := r.values[i].MinSize()
			r.values[i].Move(fyne.NewPos(x+pad, y+(rowH-vs.Height)/2))
			r.values[i].Resize(vs)
		}
		return
	}
	labelH := r.labels[0].MinSize().Height
	valueH := r.values[0].MinSize().Height
	colW := size.Width / float32(n)
	barW := min(colW*0.7, 64)
	// Show every k-th label when the labels are wider than the columns.
	labelW := float32(0)
	for _, l := range r.labels {
		labelW = max(labelW, l.MinSize().Width)
	}
	every := 1
	for float32(every)*colW < labelW+pad && every < n {
		every++
	}
	span := max(size.Height-labelH-valueH-2*pad, 1)
	for i, b := range r.c.bars {
		x := float32(i) * colW
		y := size.Height - labelH - pad
		for k, p := range b.parts {
			h := span * float32(max(p, 0)/top)
			y -= h
			r.rects[i][k].Move(fyne.NewPos(x+(colW-barW)/2, y))
			r.rects[i][k].Resize(fyne.NewSize(barW, h))
		}
		vs := r.values[i].MinSize()
		r.values[i].Move(fyne.NewPos(x+(colW-vs.Width)/2, y-vs.Height))
		r.values[i].Resize(vs)
		// A value wider than the columns it may use would run into its
		// neighbours': values show where the labels do.
		if i%every == 0 && vs.Width <= float32(every)*colW {
			r.values[i].Show()
		} else {
			r.values[i].Hide()
		}
		ls := r.labels[i].MinSize()
		r.labels[i].Move(fyne.NewPos(x+(colW-ls.Width)/2, size.Height-labelH))
		r.labels[i].Resize(ls)
		if i%every == 0 {
			r.labels[i].Show()
		} else {
			r.labels[i].Hide()
		}
	}
}

func (r *stackedRenderer) MinSize() fyne.Size {
	if r.c.horizontal {
		return fyne.NewSize(220, float32(max(len(r.c.bars), 1))*24)
	}
	return fyne.NewSize(float32(max(len(r.c.bars), 1))*16, 160)
}

func (r *stackedRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *stackedRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *stackedRenderer) Destroy()                     {}

// legendItem is one colour of a chart and what it stands for.
type legendItem struct {
	colour color.Color
	text   string
}

// legend lists a chart's colours in a row: a swatch and a word each.
func legend(items ...legendItem) fyne.CanvasObject {
	row := container.NewHBox()
	for _, it := range items {
		swatch := canvas.NewRectangle(it.colour)
		swatch.CornerRadius = 2
		l := widget.NewLabel(it.text)
		l.SizeName = theme.SizeNameCaptionText
		row.Add(container.NewCenter(container.NewGridWrap(fyne.NewSize(12, 12), swatch)))
		row.Add(l)
	}
	return row
}

// tint lightens a colour towards white by amount (0–1): the influenced
// part of a bar beside the sourced part in the full colour.
func tint(c color.Color, amount float64) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	mix := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*amount + 0.5) }
	return color.NRGBA{R: mix(n.R), G: mix(n.G), B: mix(n.B), A: 0xFF}
}
