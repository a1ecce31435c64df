// Package ui is the Partner Atlas window: Fyne screens over core, importers
// and exporters, one file per step of the workflow and one per dialog. It
// holds no business rule: every number it shows comes from core. It never
// imports fyne.io/fyne/v2/app; cmd/partneratlas does.
package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// Title is the window's title.
const Title = "Partner Atlas"

// MainWindow is the app's window: a toolbar, the sidebar of steps, the chosen
// step's screen and a status bar, over the current document.
type MainWindow struct {
	Window fyne.Window

	app fyne.App
	env env
	doc *Document
	ev  core.Evaluation
	// history is the undo history; edits counts the changes to the
	// document, so a save knows whether the user edited while it wrote.
	history undoHistory
	edits   int

	screens [numSteps]screen
	current step
	pane    *fyne.Container
	sidebar *widget.List
	hint    *fyne.Container // the first-start hint, above the screen
	toolbar toolbar
	status  statusBar

	busy       bool     // an import, open or save is running
	folder     fyne.URI // where the last file came from or went
	preview    *importPreview
	recentMenu *fyne.Menu
	confidence confidenceRun
	recovery   *recovery
	offer      *recoveryOffer // the last offer to restore unsaved work
	about      *aboutDialog   // Help › About, once shown
}

// toolbar is the row across the top: the actions, the search box and a line
// saying what the last action did.
type toolbar struct {
	importButton, dealsButton *widget.Button
	saveButton, exportButton  *widget.Button
	undoButton, redoButton    *widget.Button
	search                    *widget.Entry
	message                   *messageLine
}

// statusBar is the row across the bottom: the file with its unsaved marker,
// the partner count and the next review.
type statusBar struct {
	file, count, review *widget.Label
	box                 *fyne.Container
}

// Options is what the app tells the window about itself and the computer
// it runs on. The zero value is a window that logs nothing and keeps no
// recovery file.
type Options struct {
	// Version and Build identify the binary, for Help › About.
	Version, Build string
	// Log receives the diagnostics (see logDone); nil discards them.
	Log *slog.Logger
	// LogFile is where Log writes, for Help › About; "" when nowhere.
	LogFile string
	// RecoveryFolder is the folder of the recovery files, in the user's
	// config folder; "" keeps none.
	RecoveryFolder string
}

// NewMainWindow builds the window over doc (an empty document when nil).
// Show it with Window.Show or ShowAndRun, and call Start.
func NewMainWindow(a fyne.App, doc *Document, opt Options) *MainWindow {
	return newMainWindow(a, doc, desktopEnv(opt))
}

func newMainWindow(a fyne.App, doc *Document, env env) *MainWindow {
	if doc == nil {
		doc = NewDocument(env.now())
	}
	if env.Log == nil {
		env.Log = slog.New(slog.DiscardHandler)
	}
	protectFilesFromSaveDialogs()
	a.Settings().SetTheme(readable(a.Settings().Theme()))
	w := &MainWindow{Window: a.NewWindow(Title), app: a, env: env}
	w.recovery = newRecovery(env.RecoveryFolder, env.now())
	w.Window.SetIcon(Icon())
	w.Window.SetContent(w.build())
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.Window.SetMainMenu(w.mainMenu())
	w.addShortcuts()
	w.Window.SetCloseIntercept(w.confirmClose)
	w.Window.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { w.PreviewImport(uris...) })
	w.setDocument(doc, nil)
	w.sidebar.Select(int(stepDiscover))
	return w
}

// ShowAndRun shows the window and runs the app until it closes.
func (w *MainWindow) ShowAndRun() { w.Window.ShowAndRun() }

// Document is the document the window shows.
func (w *MainWindow) Document() *Document { return w.doc }

func (w *MainWindow) build() fyne.CanvasObject {
	w.screens = [numSteps]screen{
		stepDiscover: newDiscoverScreen(w, discoverActions{
			importList: w.showImportDialog, openPlan: w.Open, accountOverlap: w.showOverlap}),
		stepSegment:    newSegmentScreen(w),
		stepEvaluate:   newEvaluateScreen(w),
		stepPrioritize: newPrioritizeScreen(w),
		stepDesign:     newDesignScreen(w),
		stepActivate:   newActivateScreen(w, w.showImportDealsDialog),
		stepMaturity:   newMaturityScreen(w),
	}
	w.pane = container.NewStack(w.screens[stepDiscover].content())
	w.sidebar = w.newSidebar()
	w.hint = container.NewVBox()

	top := container.NewVBox(container.NewPadded(w.buildToolbar()), widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), w.buildStatusBar())
	side := container.NewBorder(nil, nil, nil, widget.NewSeparator(), w.sidebar)
	main := container.NewBorder(w.hint, nil, nil, nil, container.NewPadded(w.pane))
	split := container.NewBorder(nil, nil, container.New(&fixedWidth{width: 250}, side), nil, main)
	return container.NewBorder(top, bottom, nil, nil, split)
}

func (w *MainWindow) buildToolbar() fyne.CanvasObject {
	tb := &w.toolbar
	tb.importButton = widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), w.showImportDialog)
	tb.importButton.Importance = widget.HighImportance
	tb.dealsButton = widget.NewButtonWithIcon("Import deals…", theme.FolderOpenIcon(), w.showImportDealsDialog)
	tb.saveButton = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { w.Save(nil) })
	tb.exportButton = widget.NewButtonWithIcon("Export CSV…", theme.DownloadIcon(), w.showExportCSVDialog)
	tb.undoButton = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), w.Undo)
	tb.redoButton = widget.NewButtonWithIcon("Redo", theme.ContentRedoIcon(), w.Redo)
	tb.message = newMessageLine()
	tb.search = widget.NewEntry()
	tb.search.SetPlaceHolder("Search partners (Ctrl+F)")
	tb.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	tb.search.OnChanged = func(string) { w.screens[w.current].refresh() }
	search := container.NewGridWrap(fyne.NewSize(300, tb.search.MinSize().Height), tb.search)
	return container.NewBorder(nil, nil,
		container.NewHBox(tb.importButton, tb.dealsButton, tb.saveButton, tb.exportButton, widget.NewSeparator(), tb.undoButton, tb.redoButton),
		search, tb.message)
}

func (w *MainWindow) buildStatusBar() fyne.CanvasObject {
	sb := &w.status
	sb.file = widget.NewLabel("")
	sb.file.TextStyle.Bold = true
	sb.count = widget.NewLabel("")
	sb.review = widget.NewLabel("")
	sb.box = container.NewHBox(sb.file, widget.NewSeparator(), sb.count, widget.NewSeparator(), sb.review)
	return sb.box
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
// ev, when not nil, is doc's evaluation with its confidence, worked out with
// the document off the UI goroutine. It runs on the UI goroutine.
func (w *MainWindow) setDocument(doc *Document, ev *core.Evaluation) {
	w.doc = doc
	w.history.clear()
	if !doc.Unsaved && doc.Path != "" {
		w.history.markSaved() // a plan opened from its file
	}
	if ev != nil && len(ev.Confidence) == len(doc.Ecosystem.Partners) {
		w.ev = *ev
		w.confidence.gen++
		w.confidence.shown = w.confidence.gen
		w.documentChanged(true, true)
	} else {
		w.documentChanged(true, false)
	}
	w.showHint(false)
}

// documentChanged re-scores the document and redraws what shows it: the
// current screen, the sidebar, the status bar. The other screens redraw when
// they are shown. rebuild says that the document or its structure (the
// criteria, the partners) changed, not only values; confident that w.ev
// already holds the document's confidence.
func (w *MainWindow) documentChanged(rebuild, confident bool) {
	conf := w.ev.Confidence
	w.ev = w.doc.Ecosystem.Evaluate()
	switch {
	case confident:
		w.ev.Confidence = conf
	case !rebuild && len(conf) == len(w.doc.Ecosystem.Partners):
		w.ev.Confidence = conf // the old figures show until the new arrive
	}
	if rebuild {
		for _, s := range w.screens {
			s.reset()
		}
	}
	w.screens[w.current].refresh()
	w.refreshStatus()
	if !confident {
		w.scheduleConfidence()
	}
	w.keepRecovery()
}
