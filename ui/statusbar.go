package ui

import (
	"fmt"
	"path/filepath"
	"time"

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
	return fmt.Sprintf("%d partners", n)
}
