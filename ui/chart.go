package ui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one bar of a chart.
type bar struct {
	label  string
	value  int
	colour color.Color
}

// barChart draws bars with their values and labels, in the app, so a chart
// reads at a glance without a chart library. Vertical bars stand on the
// labels; horizontal bars run from them.
type barChart struct {
	widget.BaseWidget
	bars       []bar
	horizontal bool
}

func newBarChart(horizontal bool) *barChart {
	c := &barChart{horizontal: horizontal}
	c.ExtendBaseWidget(c)
	return c
}

// set shows new bars.
func (c *barChart) set(bars []bar) {
	c.bars = bars
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.rebuild()
	return r
}

type chartRenderer struct {
	c       *barChart
	rects   []*canvas.Rectangle
	values  []*canvas.Text
	labels  []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *chartRenderer) rebuild() {
	fg := r.c.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
	size := r.c.Theme().Size(theme.SizeNameText)
	r.rects, r.values, r.labels, r.objects = nil, nil, nil, nil
	for _, b := range r.c.bars {
		rect := canvas.NewRectangle(b.colour)
		rect.CornerRadius = 3
		v := canvas.NewText(fmt.Sprint(b.value), fg)
		v.TextStyle.Bold = true
		v.TextSize = size
		l := canvas.NewText(b.label, fg)
		l.TextSize = size - 1
		r.rects = append(r.rects, rect)
		r.values = append(r.values, v)
		r.labels = append(r.labels, l)
		r.objects = append(r.objects, rect, v, l)
	}
}

func (r *chartRenderer) maxValue() int {
	m := 1
	for _, b := range r.c.bars {
		m = max(m, b.value)
	}
	return m
}

func (r *chartRenderer) Layout(size fyne.Size) {
	n := len(r.c.bars)
	if n == 0 {
		return
	}
	top := r.maxValue()
	pad := theme.Padding()
	if r.c.horizontal {
		labelW := float32(0)
		valueW := float32(0)
		for i := range r.c.bars {
			labelW = max(labelW, r.labels[i].MinSize().Width)
			valueW = max(valueW, r.values[i].MinSize().Width)
		}
		rowH := size.Height / float32(n)
		barH := min(rowH*0.7, 28)
		span := size.Width - labelW - valueW - 3*pad
		for i, b := range r.c.bars {
			y := float32(i) * rowH
			lh := r.labels[i].MinSize().Height
			r.labels[i].Move(fyne.NewPos(0, y+(rowH-lh)/2))
			r.labels[i].Resize(fyne.NewSize(labelW, lh))
			w := max(span*float32(b.value)/float32(top), 2)
			r.rects[i].Move(fyne.NewPos(labelW+pad, y+(rowH-barH)/2))
			r.rects[i].Resize(fyne.NewSize(w, barH))
			vs := r.values[i].MinSize()
			r.values[i].Move(fyne.NewPos(labelW+2*pad+w, y+(rowH-vs.Height)/2))
			r.values[i].Resize(vs)
		}
		return
	}
	labelH := r.labels[0].MinSize().Height
	valueH := r.values[0].MinSize().Height
	colW := size.Width / float32(n)
	barW := min(colW*0.7, 72)
	span := size.Height - labelH - valueH - 2*pad
	for i, b := range r.c.bars {
		x := float32(i) * colW
		h := max(span*float32(b.value)/float32(top), 2)
		r.rects[i].Move(fyne.NewPos(x+(colW-barW)/2, size.Height-labelH-pad-h))
		r.rects[i].Resize(fyne.NewSize(barW, h))
		vs := r.values[i].MinSize()
		r.values[i].Move(fyne.NewPos(x+(colW-vs.Width)/2, size.Height-labelH-pad-h-vs.Height))
		r.values[i].Resize(vs)
		ls := r.labels[i].MinSize()
		r.labels[i].Move(fyne.NewPos(x+(colW-ls.Width)/2, size.Height-labelH))
		r.labels[i].Resize(ls)
	}
}

func (r *chartRenderer) MinSize() fyne.Size {
	if r.c.horizontal {
		return fyne.NewSize(220, float32(max(len(r.c.bars), 1))*26)
	}
	return fyne.NewSize(float32(max(len(r.c.bars), 1))*22, 160)
}

func (r *chartRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}
