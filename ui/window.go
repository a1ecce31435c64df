// Package ui is the Partner Atlas window: Fyne screens over core, importers
// and exporters. It holds no business rule: every number it shows comes from
// core. It never imports fyne.io/fyne/v2/app; cmd/partneratlas does.
package ui

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// Title is the window's title.
const Title = "Partner Atlas"

// MainWindow is the app's window: a toolbar, the partners table and a status
// bar, over the current document.
type MainWindow struct {
	Window fyne.Window

	app fyne.App
	doc *Document
	ev  evaluation
	// now is the clock; tests fix it so dates do not move.
	now func() time.Time

	importButton, exportButton, exportCSVButton *widget.Button
	message                                     *widget.Label
	tierCounts                                  *fyne.Container
	incomplete                                  *widget.Label
	partners                                    *partnersView

	file, count, band, review *widget.Label
	statusBar, titleRow       *fyne.Container

	busy     bool          // an import or export is running
	folder   fyne.URI      // where the last file came from or went
	problems dialog.Dialog // the last problems dialog, for tests
}

// NewMainWindow builds the window over doc (an empty document when nil).
// Show it with Window.Show or ShowAndRun.
func NewMainWindow(a fyne.App, doc *Document) *MainWindow {
	return newMainWindow(a, doc, time.Now)
}

func newMainWindow(a fyne.App, doc *Document, now func() time.Time) *MainWindow {
	if doc == nil {
		doc = NewDocument(now())
	}
	w := &MainWindow{Window: a.NewWindow(Title), app: a, now: now}
	w.Window.SetIcon(Icon())
	w.Window.SetContent(w.build())
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.addShortcuts()
	w.Window.SetCloseIntercept(w.confirmClose)
	w.setDocument(doc, evaluate(doc.Ecosystem))
	return w
}

// ShowAndRun shows the window and runs the app until it closes.
func (w *MainWindow) ShowAndRun() { w.Window.ShowAndRun() }

// Document is the document the window shows.
func (w *MainWindow) Document() *Document { return w.doc }

func (w *MainWindow) build() fyne.CanvasObject {
	w.importButton = widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), w.showImportDialog)
	w.importButton.Importance = widget.HighImportance
	w.exportButton = widget.NewButtonWithIcon("Export workbook…", theme.DocumentSaveIcon(), w.showExportWorkbookDialog)
	w.exportCSVButton = widget.NewButtonWithIcon("Export CSV…", theme.DownloadIcon(), w.showExportCSVDialog)
	w.message = widget.NewLabel("")
	w.message.Truncation = fyne.TextTruncateEllipsis
	w.message.Importance = widget.LowImportance

	w.partners = newPartnersView()
	search := container.NewGridWrap(fyne.NewSize(320, w.partners.search.MinSize().Height), w.partners.search)
	toolbar := container.NewBorder(nil, nil,
		container.NewHBox(w.importButton, w.exportButton, w.exportCSVButton),
		search, w.message)

	heading := widget.NewLabelWithStyle("Partners", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	w.tierCounts = container.NewHBox()
	w.incomplete = widget.NewLabel("")
	w.incomplete.Importance = widget.LowImportance
	w.incomplete.Truncation = fyne.TextTruncateEllipsis
	w.titleRow = container.NewBorder(nil, nil, container.NewHBox(heading, w.tierCounts), w.partners.count, w.incomplete)

	w.file = widget.NewLabel("")
	w.count = widget.NewLabel("")
	w.band = widget.NewLabel("")
	w.band.Truncation = fyne.TextTruncateEllipsis
	w.review = widget.NewLabel("")
	w.statusBar = container.NewBorder(nil, nil,
		container.NewHBox(w.file, widget.NewSeparator(), w.count, widget.NewSeparator()),
		container.NewHBox(widget.NewSeparator(), w.review),
		w.band)

	top := container.NewVBox(container.NewPadded(toolbar), widget.NewSeparator(), w.titleRow)
	bottom := container.NewVBox(widget.NewSeparator(), w.statusBar)
	return container.NewBorder(top, bottom, nil, nil, w.partners.table)
}

func (w *MainWindow) addShortcuts() {
	c := w.Window.Canvas()
	mod := fyne.KeyModifierShortcutDefault
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: mod}, func(fyne.Shortcut) { w.showImportDialog() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: mod}, func(fyne.Shortcut) { w.showImportDialog() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: mod}, func(fyne.Shortcut) { w.showExportWorkbookDialog() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: mod}, func(fyne.Shortcut) { w.showExportWorkbookDialog() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: mod | fyne.KeyModifierShift}, func(fyne.Shortcut) { w.showExportCSVDialog() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, func(fyne.Shortcut) { c.Focus(w.partners.search) })
}

// setDocument shows doc. It runs on the UI goroutine.
func (w *MainWindow) setDocument(doc *Document, ev evaluation) {
	w.doc, w.ev = doc, ev
	w.partners.set(doc.Ecosystem, ev)
	w.refreshStatus()
}

// refreshStatus redraws the status bar and the tier counts.
func (w *MainWindow) refreshStatus() {
	doc := w.doc
	name := doc.Name
	if name == "" && doc.Path != "" {
		name = filepath.Base(doc.Path)
	}
	if doc.Sample {
		name += " (sample)"
	}
	if doc.Unsaved {
		name = "• " + name
	}
	w.file.SetText(name)
	title := Title
	if doc.Name != "" {
		title = doc.Name + " — " + Title
	}
	if doc.Unsaved {
		title = "• " + title
	}
	w.Window.SetTitle(title)

	n := len(doc.Ecosystem.Partners)
	if n == 1 {
		w.count.SetText("1 partner")
	} else {
		w.count.SetText(fmt.Sprintf("%d partners", n))
	}
	if n == 0 {
		w.band.SetText("No partners yet: import a partner list (Ctrl+I).")
		w.band.Importance = widget.MediumImportance
	} else {
		w.band.SetText(w.ev.Band.Message)
		if w.ev.Band.InBand {
			w.band.Importance = widget.MediumImportance
		} else {
			w.band.Importance = widget.WarningImportance
		}
	}
	w.band.Refresh()

	rv := doc.Ecosystem.Review
	switch {
	case rv.Next.IsZero():
		w.review.SetText("No review planned")
		w.review.Importance = widget.MediumImportance
	case rv.Overdue(w.now()):
		w.review.SetText("Review overdue since " + formatDate(rv.Next))
		w.review.Importance = widget.DangerImportance
	default:
		w.review.SetText("Next review " + formatDate(rv.Next))
		w.review.Importance = widget.MediumImportance
	}
	w.review.Refresh()

	w.tierCounts.RemoveAll()
	for _, t := range core.Tiers {
		w.tierCounts.Add(newTierCount(t, w.ev.Counts[t]))
	}
	w.tierCounts.Refresh()
	missing := 0
	for _, r := range w.ev.Results {
		if !r.Complete {
			missing++
		}
	}
	switch missing {
	case 0:
		w.incomplete.SetText("")
	case 1:
		w.incomplete.SetText("· 1 score in italics lacks a criterion value")
	default:
		w.incomplete.SetText(fmt.Sprintf("· %d scores in italics lack a criterion value", missing))
	}
	w.titleRow.Refresh()
	w.statusBar.Refresh()
}

// newTierCount is a tier's colour swatch and its number of partners.
func newTierCount(t core.Tier, n int) fyne.CanvasObject {
	swatch := canvas.NewRectangle(tierColours[t])
	swatch.CornerRadius = 3
	swatch.SetMinSize(fyne.NewSize(12, 12))
	l := widget.NewLabel(fmt.Sprintf("%s: %d", t, n))
	return container.NewHBox(container.NewCenter(swatch), container.New(layout.NewCustomPaddedLayout(0, 0, -4, 4), l))
}

func formatDate(t time.Time) string { return t.Format("2 Jan 2006") }

// setMessage shows what the last action did, in the toolbar.
func (w *MainWindow) setMessage(format string, args ...any) {
	w.message.SetText(fmt.Sprintf(format, args...))
}

func (w *MainWindow) confirmClose() {
	if !w.doc.Unsaved {
		w.Window.Close()
		return
	}
	dialog.ShowConfirm("Quit without exporting?",
		"The changes since the last exported workbook will be lost.\nExport the workbook first to keep them.",
		func(quit bool) {
			if quit {
				w.Window.Close()
			}
		}, w.Window)
}
