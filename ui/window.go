// Package ui is the Partner Atlas window: Fyne screens over core, importers
// and exporters, one file per step of the workflow. It holds no business
// rule: every number it shows comes from core. It never imports
// fyne.io/fyne/v2/app; cmd/partneratlas does.
package ui

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// Title is the window's title.
const Title = "Partner Atlas"

// confidenceDelay is how long the window waits after the last edit before it
// works out tier confidence again, so that dragging a slider does not start
// a computation per pixel.
const confidenceDelay = 250 * time.Millisecond

// confidenceInline works out confidence at once, on the UI goroutine: the
// test driver runs fyne.Do on the calling goroutine, so tests that do not
// wait for the background work set it.
var confidenceInline = false

// MainWindow is the app's window: a toolbar, the sidebar of steps, the chosen
// step's screen and a status bar, over the current document.
type MainWindow struct {
	Window fyne.Window

	app fyne.App
	doc *Document
	ev  evaluation
	// now is the clock; tests fix it so dates do not move.
	now func() time.Time

	history undoHistory

	screens [numSteps]screen
	current step
	pane    *fyne.Container
	sidebar *widget.List
	hint    *fyne.Container // the first-start hint, above the screen

	importButton, saveButton, exportButton *widget.Button
	undoButton, redoButton                 *widget.Button
	search                                 *widget.Entry
	message                                *widget.Label

	file, count, review *widget.Label
	statusBar           *fyne.Container

	busy       bool          // an import, open or save is running
	folder     fyne.URI      // where the last file came from or went
	problems   dialog.Dialog // the last problems dialog, for tests
	preview    *importPreview
	recentMenu *fyne.Menu
	// edits counts the changes to the document, so a save knows whether
	// the user edited while it wrote.
	edits          int
	unsavedDialog  dialog.Dialog         // the last Save / Don't save / Cancel dialog, for tests
	unsavedButtons []*widget.Button      // its Cancel, Don't save and Save buttons
	lastProblem    string                // the text of the last problem dialog, for tests
	replaceDialog  *dialog.ConfirmDialog // the last "replace an imported list?" dialog, for tests

	// confidence is the generation of the last confidence run asked for;
	// an older result that arrives late is dropped.
	confidenceGen   int
	confidenceTimer *time.Timer
	confidenceMu    sync.Mutex
	confidenceDone  func() // tests wait on it
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
	protectFilesFromSaveDialogs()
	w := &MainWindow{Window: a.NewWindow(Title), app: a, now: now}
	w.Window.SetIcon(Icon())
	w.Window.SetContent(w.build())
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.Window.SetMainMenu(w.mainMenu())
	w.addShortcuts()
	w.Window.SetCloseIntercept(w.confirmClose)
	w.Window.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { w.PreviewImport(uris...) })
	w.setDocument(doc)
	w.sidebar.Select(int(stepDiscover))
	return w
}

// ShowAndRun shows the window and runs the app until it closes.
func (w *MainWindow) ShowAndRun() { w.Window.ShowAndRun() }

// Document is the document the window shows.
func (w *MainWindow) Document() *Document { return w.doc }

func (w *MainWindow) build() fyne.CanvasObject {
	w.importButton = widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), w.showImportDialog)
	w.importButton.Importance = widget.HighImportance
	w.saveButton = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { w.Save(nil) })
	w.exportButton = widget.NewButtonWithIcon("Export CSV…", theme.DownloadIcon(), w.showExportCSVDialog)
	w.undoButton = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), w.Undo)
	w.redoButton = widget.NewButtonWithIcon("Redo", theme.ContentRedoIcon(), w.Redo)
	w.message = widget.NewLabel("")
	w.message.Truncation = fyne.TextTruncateEllipsis
	w.message.Importance = widget.LowImportance
	w.search = widget.NewEntry()
	w.search.SetPlaceHolder("Search partners (Ctrl+F)")
	w.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	w.search.OnChanged = func(string) { w.screens[w.current].refresh() }
	search := container.NewGridWrap(fyne.NewSize(300, w.search.MinSize().Height), w.search)
	toolbar := container.NewBorder(nil, nil,
		container.NewHBox(w.importButton, w.saveButton, w.exportButton, widget.NewSeparator(), w.undoButton, w.redoButton),
		search, w.message)

	w.screens = [numSteps]screen{
		stepDiscover:   newDiscoverScreen(w),
		stepSegment:    newSegmentScreen(w),
		stepEvaluate:   newEvaluateScreen(w),
		stepPrioritize: newPrioritizeScreen(w),
		stepDesign:     newDesignScreen(w),
		stepActivate:   newActivateScreen(w),
		stepMaturity:   newMaturityScreen(w),
	}
	w.pane = container.NewStack(w.screens[stepDiscover].content())
	w.sidebar = w.newSidebar()
	w.hint = container.NewVBox()

	w.file = widget.NewLabel("")
	w.file.TextStyle.Bold = true
	w.count = widget.NewLabel("")
	w.review = widget.NewLabel("")
	w.statusBar = container.NewHBox(w.file, widget.NewSeparator(), w.count, widget.NewSeparator(), w.review)

	top := container.NewVBox(container.NewPadded(toolbar), widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), w.statusBar)
	side := container.NewBorder(nil, nil, nil, widget.NewSeparator(), w.sidebar)
	main := container.NewBorder(w.hint, nil, nil, nil, container.NewPadded(w.pane))
	split := container.NewBorder(nil, nil, container.New(&fixedWidth{width: 250}, side), nil, main)
	return container.NewBorder(top, bottom, nil, nil, split)
}

// fixedWidth lays its one object out at a fixed width and the full height.
type fixedWidth struct{ width float32 }

func (f *fixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.width, h)
}

func (f *fixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(f.width, size.Height))
	}
}

// Show switches the main pane to a step of the workflow.
func (w *MainWindow) Show(s step) {
	if s < 0 || s >= numSteps {
		return
	}
	w.current = s
	w.pane.Objects = []fyne.CanvasObject{w.screens[s].content()}
	w.screens[s].refresh()
	w.pane.Refresh()
	if w.sidebar != nil {
		w.sidebar.Select(int(s))
	}
}

// setDocument shows doc, as a new document: the undo history starts afresh.
// It runs on the UI goroutine.
func (w *MainWindow) setDocument(doc *Document) {
	w.doc = doc
	w.history.clear()
	if !doc.Unsaved && doc.Path != "" {
		w.history.markSaved() // a plan opened from its file
	}
	w.documentChanged(true)
	w.showHint(false)
}

// documentChanged re-scores the document and redraws what shows it: the
// current screen, the sidebar, the status bar. The other screens redraw when
// they are shown. rebuild says that the document or its structure (the
// criteria, the partners) changed, not only values.
func (w *MainWindow) documentChanged(rebuild bool) {
	ev := w.doc.Ecosystem.Evaluate()
	conf := w.ev.Confidence
	if rebuild || len(conf) != len(w.doc.Ecosystem.Partners) {
		conf = nil
	}
	w.ev = evaluation{Evaluation: ev, Confidence: conf}
	if rebuild {
		for _, s := range w.screens {
			s.reset()
		}
	}
	w.screens[w.current].refresh()
	w.refreshStatus()
	w.scheduleConfidence()
}

// scheduleConfidence works out tier confidence off the UI goroutine once
// the edits pause: it costs tens of milliseconds at 10,000 partners, too
// much to run on each keystroke. The result is shown through fyne.Do.
func (w *MainWindow) scheduleConfidence() {
	w.confidenceGen++
	gen := w.confidenceGen
	if confidenceInline {
		w.ev.Confidence = w.doc.Ecosystem.TierConfidence()
		return
	}
	w.confidenceMu.Lock()
	defer w.confidenceMu.Unlock()
	if w.confidenceTimer != nil {
		w.confidenceTimer.Stop()
	}
	w.confidenceTimer = time.AfterFunc(confidenceDelay, func() {
		fyne.Do(func() {
			if gen != w.confidenceGen {
				return
			}
			snapshot := w.doc.Ecosystem.Clone()
			background(func() {
				conf := snapshot.TierConfidence()
				fyne.Do(func() {
					if gen != w.confidenceGen || len(conf) != len(w.doc.Ecosystem.Partners) {
						return
					}
					w.ev.Confidence = conf
					w.screens[w.current].refresh()
					if w.confidenceDone != nil {
						w.confidenceDone()
					}
				})
			})
		})
	})
}

// edit changes the document as one step the user can undo. key names what
// is edited ("weight shared_icp"): consecutive edits of the same thing, such
// as typing into one entry or dragging one slider, make a single undo step;
// "" always makes a new one. When change returns an error nothing is
// recorded and the error is returned.
func (w *MainWindow) edit(key string, change func(e *core.Ecosystem) error) error {
	return w.change(key, false, change)
}

// editStructure is edit for a change of structure (criteria added or
// removed, partners added or removed): every screen rebuilds.
func (w *MainWindow) editStructure(key string, change func(e *core.Ecosystem) error) error {
	return w.change(key, true, change)
}

func (w *MainWindow) change(key string, rebuild bool, change func(e *core.Ecosystem) error) error {
	joins := w.history.joins(key)
	var before *core.Ecosystem
	if !joins {
		before = w.doc.Ecosystem.Clone()
	}
	if err := change(w.doc.Ecosystem); err != nil {
		return err
	}
	if joins {
		w.history.changedInPlace()
		w.history.redos = nil
	} else {
		w.history.record(key, before)
	}
	w.doc.Unsaved = true
	w.edits++
	w.documentChanged(rebuild)
	return nil
}

// Undo takes back the last edit.
func (w *MainWindow) Undo() { w.travel(w.history.undo, "Undone.") }

// Redo makes the last undone edit again.
func (w *MainWindow) Redo() { w.travel(w.history.redo, "Redone.") }

// travel moves the document one step through its undo history.
func (w *MainWindow) travel(step func(*core.Ecosystem) (*core.Ecosystem, bool), message string) {
	if e, ok := step(w.doc.Ecosystem); ok {
		w.doc.Ecosystem = e
		w.doc.Unsaved = !w.history.atSaved()
		w.edits++
		w.documentChanged(true)
		w.setMessage("%s", message)
	}
}

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
	w.file.SetText(name)
	w.count.SetText(partnerCount(len(doc.Ecosystem.Partners)))

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
	w.review.TextStyle.Bold = w.review.Importance == widget.DangerImportance
	w.review.Refresh()
	w.statusBar.Refresh()
	enable(w.undoButton, w.history.canUndo())
	enable(w.redoButton, w.history.canRedo())
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

// setMessage shows what the last action did, in the toolbar.
func (w *MainWindow) setMessage(format string, args ...any) {
	w.message.SetText(fmt.Sprintf(format, args...))
}

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
