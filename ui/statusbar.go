package ui

import (
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// refreshStatus redraws the title, the sidebar, the toolbar's state and the
// status bar.
func (w *MainWindow) refreshStatus() {
	doc := w.doc
	name := doc.displayName()
	title := name + " — " + Title
	if doc.Unsaved {
		title = "• " + title
		name = "• " + name
	}
	w.Window.SetTitle(title)
	sb := &w.status
	sb.file.SetText(name)
	count := partnerCount(len(doc.Ecosystem.Partners))
	if b := doc.Ecosystem.Deals; b != nil && len(b.Deals) > 0 {
		count += " · " + dealCount(len(b.Deals))
	}
	sb.count.SetText(count)

	rv := doc.Ecosystem.Review
	switch {
	case rv.Next.IsZero():
		sb.review.SetText("No review planned")
		sb.review.Importance = widget.MediumImportance
	case rv.Overdue(w.env.now()):
		sb.review.SetText("Review overdue since " + formatDate(rv.Next))
		sb.review.Importance = widget.DangerImportance
	default:
		sb.review.SetText("Next review " + formatDate(rv.Next))
		sb.review.Importance = widget.MediumImportance
	}
	sb.review.TextStyle.Bold = sb.review.Importance == widget.DangerImportance
	sb.review.Refresh()
	sb.box.Refresh()
	enable(w.toolbar.undoButton, w.history.canUndo())
	enable(w.toolbar.redoButton, w.history.canRedo())
	w.sidebar.Refresh()
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func formatDate(t time.Time) string { return t.Format("2 Jan 2006") }

// displayName is what the title and status bar call the document.
func (d *Document) displayName() string {
	name := d.Name
	if d.Path != "" {
		name = filepath.Base(d.Path)
	}
	if name == "" {
		name = "Untitled"
	}
	if d.Sample {
		name += " (sample)"
	}
	return name
}

func partnerCount(n int) string {
	if n == 1 {
		return "1 partner"
	}
	return formatCount(n) + " partners"
}

// messageLine is the toolbar's line saying what the last action did. It
// keeps to one line, cut with an ellipsis, so the toolbar does not grow; a
// click shows the whole message, wrapped, just below it.
type messageLine struct {
	widget.Label
	full *widget.PopUp // the whole message, while shown
}

func newMessageLine() *messageLine {
	m := &messageLine{}
	m.Truncation = fyne.TextTruncateEllipsis
	m.ExtendBaseWidget(m)
	return m
}

// Tapped shows the whole message below the line.
func (m *messageLine) Tapped(*fyne.PointEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(m)
	if m.Text == "" || c == nil {
		return
	}
	text := widget.NewLabel(m.Text)
	text.Wrapping = fyne.TextWrapWord
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(m).AddXY(0, m.Size().Height)
	width := min(max(m.Size().Width, 480), c.Size().Width-at.X-theme.Padding())
	text.Resize(fyne.NewSize(width, text.MinSize().Height))
	m.full = widget.NewPopUp(text, c)
	m.full.ShowAtPosition(at)
	m.full.Resize(fyne.NewSize(width, text.MinSize().Height).AddWidthHeight(2*theme.Padding(), 2*theme.Padding()))
}

// Cursor shows that the line can be clicked.
func (m *messageLine) Cursor() desktop.Cursor { return desktop.PointerCursor }
