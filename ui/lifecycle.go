package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// Start opens what the app shows first. After a crash, it first offers to
// restore the work the app kept (see offerRecovery). Then: the files given
// on the command line, as a double-click on them opens them (OpenFiles),
// else the plan saved last, else, on first start, the embedded sample with
// a hint on how to import one's own list. It runs on the UI goroutine; the
// channel closes when what it opens first is shown.
func (w *MainWindow) Start(files []string) <-chan struct{} {
	w.env.Log.Info("window start", "files", len(files), "recent files", len(w.RecentFiles()))
	if found := w.recovery.crashed(); len(found) > 0 {
		return w.offerRecovery(found, func(restored bool) <-chan struct{} {
			switch {
			case !restored:
				return w.startWith(files)
			case len(files) > 0:
				return w.OpenFiles(files...)
			}
			return closed()
		})
	}
	return w.startWith(files)
}

// startWith opens files, or what the app opens without any.
func (w *MainWindow) startWith(files []string) <-chan struct{} {
	if len(files) > 0 {
		return w.openFiles(files, w.startWithout)
	}
	return w.startWithout()
}

// startWithout opens the plan saved last or, on first start, the sample
// with its hint.
func (w *MainWindow) startWithout() <-chan struct{} {
	for _, p := range w.RecentFiles() {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return w.OpenPath(p)
		}
	}
	w.openSample()
	w.showHint(true)
	return closed()
}

// closed is a channel closed already: what a method that waits for nothing
// returns.
func closed() <-chan struct{} {
	done := make(chan struct{})
	close(done)
	return done
}

// showHint shows or hides the first-start hint above the screen.
func (w *MainWindow) showHint(show bool) {
	w.hint.RemoveAll()
	if show {
		text := widget.NewLabel("This is a sample ecosystem of 40 invented partners and their deals, to look around. To work on your own, import your partner list (.xlsx or .csv) with Import… or drop the file on the window: the first import replaces the sample. Import deals… brings in your CRM's opportunity export.")
		text.Wrapping = fyne.TextWrapWord
		imp := widget.NewButtonWithIcon("Import my list…", theme.FolderOpenIcon(), w.showImportDialog)
		imp.Importance = widget.HighImportance
		closeHint := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { w.showHint(false) })
		closeHint.Importance = widget.LowImportance
		w.hint.Add(container.NewPadded(panel(container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()),
			container.NewHBox(imp, closeHint), text))))
	}
	w.hint.Refresh()
}

// New starts an empty plan.
func (w *MainWindow) New() {
	w.askToSave(func() {
		w.setDocument(NewDocument(w.env.now()), nil)
		w.Show(stepDiscover)
		w.say("A new, empty plan: import your partner lists to start.")
	})
}

// OpenSample opens the embedded sample ecosystem.
func (w *MainWindow) OpenSample() {
	w.askToSave(w.openSample)
}

func (w *MainWindow) openSample() {
	doc, err := SampleDocument(w.env.now())
	if err != nil {
		w.logFailure("sample", err)
		w.showProblem("Could not open the sample", err.Error(), "")
		return
	}
	w.setDocument(doc, nil)
}

// Open asks for a plan workbook and opens it.
func (w *MainWindow) Open() {
	if w.busy {
		return
	}
	w.askToSave(func() {
		w.showOpenDialog("Open a plan workbook", "Open", []string{".xlsx"}, func(uri fyne.URI) {
			if uri.Scheme() != "file" {
				w.env.Log.Warn("open refused: not a local file", "scheme", uri.Scheme(), "file", uri.Name())
				w.showProblem("Could not open "+uri.Name(), "Partner Atlas opens files in a folder on this computer.", "")
				return
			}
			w.openPath(uri.Path())
		})
	})
}

// OpenPath opens the plan workbook at path, once unsaved changes are dealt
// with. See openPath. It runs on the UI goroutine, as every caller does
// (a menu, the start): the job's dialog is built there, and only the
// reading runs off it.
func (w *MainWindow) OpenPath(path string) <-chan struct{} {
	done := make(chan struct{})
	w.askToSave(func() { relay(w.openPath(path), done) })
	return done
}

// relay closes to once from is closed. Its goroutine touches no widget.
func relay(from <-chan struct{}, to chan struct{}) {
	go func() {
		<-from
		close(to)
	}()
}

// openPath reads path off the UI goroutine. A plan workbook becomes the
// document, saved back to the same file. A plain partner list becomes a new
// plan with no file yet, so that Save never writes over the list.
func (w *MainWindow) openPath(path string) <-chan struct{} {
	name := filepath.Base(path)
	today := w.env.now()
	w.useFolder(storage.NewFileURI(path))
	return w.startJob("Opening", "Reading "+name+"…", func() func() {
		start := time.Now()
		src, err := planbook.ReadFile(path, importers.Options{})
		if err != nil {
			w.logDone("open", path, start, err)
			return func() { w.showImportError(name, err) }
		}
		doc := planbook.Assemble([]*planbook.Source{src}, today)
		w.logOpened(path, start, src, doc)
		return func() { w.showOpened(path, src, doc) }
	})
}

// logOpened writes an opened file to the log, with what it holds.
func (w *MainWindow) logOpened(path string, start time.Time, src *planbook.Source, doc *planbook.Assembly) {
	w.logDone("open", path, start, nil, "plan workbook", src.Plan != nil,
		"partners", len(doc.Ecosystem.Partners), "deals", dealsIn(doc.Ecosystem), "problems", problemKinds(doc.Problems))
}

// showOpened makes a file read by openPath the document: a plan workbook
// as itself, any other spreadsheet as a new plan with no file yet. It runs
// on the UI goroutine.
func (w *MainWindow) showOpened(path string, src *planbook.Source, doc *planbook.Assembly) {
	// How long the first screen takes once the file is read: the log says
	// it beside the read's time (issue 10 asks for under a second).
	defer w.logDone("show", path, time.Now(), nil, "partners", len(doc.Ecosystem.Partners))
	name := filepath.Base(path)
	d := &Document{Ecosystem: doc.Ecosystem, Path: path, Name: name}
	if src.Plan == nil {
		d.Path, d.Unsaved, d.Imported = "", true, []string{path}
	} else {
		w.addRecent(path)
	}
	w.useFolder(storage.NewFileURI(path))
	w.setDocument(d, &doc.Evaluation)
	if src.Plan == nil {
		w.say("%s is a partner list, not a plan: it was imported into a new plan (%s). Save asks where to keep the plan.", name, partnerCount(len(d.Ecosystem.Partners)))
	} else {
		w.say("Opened %s: %s.", name, partnerCount(len(d.Ecosystem.Partners)))
	}
	if len(doc.Problems) > 0 {
		w.showProblems(name, "Opened "+name+".", doc.Problems)
	}
}

// Save writes the plan workbook where the document lives; a document with
// no plan workbook yet (the sample, or one made from partner lists) asks
// where, as Save As does. then, when not nil, runs after a save that worked.
func (w *MainWindow) Save(then func()) {
	if w.doc.Path == "" {
		w.SaveAs(then)
		return
	}
	w.saveTo(w.doc.Path, then)
}

// SaveAs asks where to write the plan workbook, then writes it there.
func (w *MainWindow) SaveAs(then func()) {
	name := DefaultWorkbookName
	switch {
	case w.doc.Path != "":
		name = filepath.Base(w.doc.Path)
	case w.doc.origin != "":
		name = filepath.Base(w.doc.origin)
	}
	w.showSaveDialog("Save the plan workbook", "Save", name, ".xlsx", func(path string) {
		w.confirmNotSource(path, func() { w.saveTo(path, then) })
	})
}

// isSource says whether path is one of the files imported into the
// document: saving there would replace the user's own list.
func (w *MainWindow) isSource(path string) bool {
	clean := filepath.Clean(path)
	if slices.ContainsFunc(w.doc.Imported, func(p string) bool { return filepath.Clean(p) == clean }) {
		return true
	}
	if _, err := os.Stat(path); err != nil {
		return false
	}
	base := filepath.Base(path)
	for _, s := range w.doc.Ecosystem.SourceFiles() {
		if strings.EqualFold(s.File, base) && path != w.doc.Path {
			return true
		}
	}
	return false
}

// SaveTo writes the plan workbook to path off the UI goroutine; the
// document then lives there. The channel closes when the result has been
// shown.
func (w *MainWindow) SaveTo(path string) <-chan struct{} { return w.saveTo(path, nil) }

func (w *MainWindow) saveTo(path string, then func()) <-chan struct{} {
	doc := w.doc
	snapshot := doc.Ecosystem.Clone() // the user may go on while it writes
	mark := w.edits
	opt := planbook.Options{Today: w.env.now()}
	if ev := w.ev; w.confidence.current() && len(ev.Confidence) == len(snapshot.Partners) {
		opt.Evaluation = &ev
	}
	name := filepath.Base(path)
	w.useFolder(storage.NewFileURI(path))
	return w.startJob("Saving", "Writing "+name+"…", func() func() {
		start := time.Now()
		err := exporters.SaveWorkbook(path, snapshot, opt)
		w.logDone("save", path, start, err, "partners", len(snapshot.Partners), "deals", dealsIn(snapshot))
		if err != nil {
			return func() { w.showSaveError(name, path, err) }
		}
		return func() {
			if w.doc == doc {
				doc.Path, doc.Name, doc.Sample, doc.origin = path, name, false, ""
				// Edits made while it wrote are not in the file.
				doc.Unsaved = w.edits != mark
				if !doc.Unsaved {
					w.history.markSaved()
				}
				w.refreshStatus()
				w.keepRecovery()
			}
			w.addRecent(path)
			w.say("Saved %s to %s.", partnerCount(len(snapshot.Partners)), path)
			if then != nil {
				then()
			}
		}
	})
}
