package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// frame is what every screen has: its widgets, built once. A screen that
// embeds it has content(), and a reset() that forgets nothing; a screen that
// holds something of the document overrides reset.
type frame struct{ box fyne.CanvasObject }

func (f *frame) content() fyne.CanvasObject { return f.box }

func (f *frame) reset() {}

// heading is a screen's title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// subheading titles a part of a screen.
func subheading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// cell is a one-line label cut with an ellipsis when it does not fit: a
// table's cell or header, a name in a list. text sets its width in a
// template.
func cell(text string, style fyne.TextStyle) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// labelHeaders gives t a header row of bold labels, each shown by show; a
// column show knows nothing of (false) has a blank header.
func labelHeaders(t *widget.Table, show func(col int, l *widget.Label) bool) {
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return cell("Header", fyne.TextStyle{Bold: true}) }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if l := o.(*widget.Label); id.Col < 0 || !show(id.Col, l) {
			l.SetText("")
		}
	}
}

// setCell shows text in l, a cell of a table or list, in the alignment,
// style and importance given, and redraws it only when one of them
// changed: a table or list updates every visible cell at each edit, and
// shaping text that had not changed was a third of a weight step at 100,000
// partners.
func setCell(l *widget.Label, text string, align fyne.TextAlign, style fyne.TextStyle, importance widget.Importance) {
	if l.Text == text && l.Alignment == align && l.TextStyle == style && l.Importance == importance {
		return
	}
	l.Alignment, l.TextStyle, l.Importance = align, style, importance
	l.SetText(text)
}

// listOf is a list of what items gives, each row made by template and
// filled by fill. A row past the end of the items, which the list can ask
// for when they shrank since it was last drawn, is left as it is.
func listOf[T any](items func() []T, template func() fyne.CanvasObject, fill func(item T, row *fyne.Container)) *widget.List {
	return widget.NewList(
		func() int { return len(items()) },
		template,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if all := items(); id < len(all) {
				fill(all[id], o.(*fyne.Container))
			}
		})
}

// note is a line of explanation in a quieter colour, wrapped.
func note(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// tight is o with a little less than a label's own padding above and
// below, so that lines of text sit close together.
func tight(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(-4, -4, 0, 0), o)
}

// lines stacks objects with no space between them: the lines of a tile or
// of a list item.
func lines(objects ...fyne.CanvasObject) *fyne.Container {
	box := container.New(layout.NewCustomPaddedVBoxLayout(0))
	for _, o := range objects {
		if _, ok := o.(*widget.Label); ok {
			o = tight(o)
		}
		box.Add(o)
	}
	return box
}

// lineLabel is the label on line k of box, made by lines.
func lineLabel(box *fyne.Container, k int) *widget.Label {
	return box.Objects[k].(*fyne.Container).Objects[0].(*widget.Label)
}

// panel frames a part of a screen on a slightly different background.
func panel(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(newBackdrop(theme.ColorNameInputBackground), container.NewPadded(content))
}

// backdrop is a rounded rectangle in a theme colour that follows the theme
// when the system switches between light and dark.
type backdrop struct {
	widget.BaseWidget
	colour fyne.ThemeColorName
	rect   *canvas.Rectangle
}

func newBackdrop(c fyne.ThemeColorName) *backdrop {
	b := &backdrop{colour: c, rect: canvas.NewRectangle(theme.Color(c))}
	b.rect.CornerRadius = theme.InputRadiusSize()
	b.ExtendBaseWidget(b)
	return b
}

func (b *backdrop) CreateRenderer() fyne.WidgetRenderer { return &backdropRenderer{b} }

type backdropRenderer struct{ b *backdrop }

func (r *backdropRenderer) Layout(s fyne.Size)           { r.b.rect.Resize(s) }
func (r *backdropRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (r *backdropRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.rect} }
func (r *backdropRenderer) Destroy()                     {}
func (r *backdropRenderer) Refresh() {
	r.b.rect.FillColor = r.b.Theme().Color(r.b.colour, fyne.CurrentApp().Settings().ThemeVariant())
	r.b.rect.Refresh()
}

// screenLayout is the common frame of a screen: a title with a line of
// explanation on top, then the body.
func screenLayout(title, explanation string, top fyne.CanvasObject, body fyne.CanvasObject) fyne.CanvasObject {
	head := container.NewVBox(heading(title), note(explanation))
	if top != nil {
		head.Add(top)
	}
	return container.NewBorder(head, nil, nil, nil, body)
}

// tableFrame puts a partner table under its count.
func tableFrame(t *partnerTable, left fyne.CanvasObject) fyne.CanvasObject {
	var bar fyne.CanvasObject = t.count
	if left != nil {
		bar = container.NewBorder(nil, nil, left, t.count)
	}
	return container.NewBorder(bar, nil, nil, nil, t.view)
}

// besideTable puts a table and the panel that works on its selection side
// by side, with a divider the user can drag: the panel takes its room from
// the table and never lies over it. Where the user leaves the divider is
// kept in the app's preferences under "split."+name and found again at the
// next start; offset is where it stands before the user moves it (the
// leading side's share of the width, 0 to 1).
func besideTable(name string, leading, trailing fyne.CanvasObject, offset float64) *container.Split {
	split := container.NewHSplit(leading, trailing)
	key := "split." + name
	prefs := fyne.CurrentApp().Preferences()
	split.Offset = prefs.FloatWithFallback(key, offset)
	split.Leading = container.New(&dividerWatch{split: split, key: key, saved: split.Offset}, leading)
	return split
}

// dividerWatch lays out the leading side of a split, which the split
// resizes whenever its divider moves, and keeps the divider's new place in
// the app's preferences.
type dividerWatch struct {
	split *container.Split
	key   string
	saved float64
}

func (d *dividerWatch) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (d *dividerWatch) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
	if off := d.split.Offset; off != d.saved {
		d.saved = off
		fyne.CurrentApp().Preferences().SetFloat(d.key, off)
	}
}

// wheelLines is how many lines of text a click of the mouse wheel scrolls a
// panel, as in other desktop apps.
const wheelLines = 3

// wheelScroll is a vertical scroll whose wheel click moves about wheelLines
// lines of text: Fyne's own moves a fixed 25 pixels on Linux and Windows,
// and 10 on macOS, under one line of a label, which made a long panel
// such as the scorecard a chore to scroll.
type wheelScroll struct {
	container.Scroll
}

func newWheelScroll(content fyne.CanvasObject) *wheelScroll {
	s := &wheelScroll{}
	s.Direction = container.ScrollVerticalOnly
	s.Content = content
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled scrolls by wheelLines lines for each click of the wheel.
func (s *wheelScroll) Scrolled(ev *fyne.ScrollEvent) {
	e := *ev
	e.Scrolled.DY = wheelDistance(ev.Scrolled.DY)
	s.Scroll.Scrolled(&e)
}

// wheelDistance turns what a driver reports for wheel clicks into the
// distance of wheelLines lines per click. Linux and Windows report 25 per
// click; a touchpad reports smaller steps, which scale alike.
func wheelDistance(dy float32) float32 {
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height + theme.LineSpacing()
	return dy / 25 * wheelLines * line
}

// numberEntry is an entry for a short number, such as a weight or the end
// of a scale, that lets the mouse wheel through to the panel or table
// around it (see passWheel).
func numberEntry() *widget.Entry {
	e := widget.NewEntry()
	passWheel(e)
	return e
}

// passWheel makes a one-line entry leave the mouse wheel to what holds it.
// A Fyne entry scrolls its own text sideways and so takes every wheel
// click over it, even when its text fits: a panel of entries, or a table
// whose cells are entries, would not scroll while the pointer is over one.
// It suits short values only: a text longer than the entry is cut.
func passWheel(e *widget.Entry) {
	e.Wrapping = fyne.TextWrapOff
	e.Scroll = fyne.ScrollNone
}
