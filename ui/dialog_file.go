package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// DefaultWorkbookName is the name Save As proposes for a new plan.
const DefaultWorkbookName = "partner-plan.xlsx"

// importExtensions are the files the Import dialog offers.
var importExtensions = []string{".xlsx", ".csv", ".txt", ".tsv"}

// showOpenDialog asks for a file with one of exts, starting in the folder of
// the last file used, and calls chosen with it.
func (w *MainWindow) showOpenDialog(title, confirm string, exts []string, chosen func(fyne.URI)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if uri := w.fileChosen(r, err, "Could not open the file", ""); uri != nil {
			chosen(uri)
		}
	}, w.Window)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.SetConfirmText(confirm)
	d.SetTitleText(title)
	if dir := w.lastFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show()
	d.Resize(fyne.NewSize(960, 640)) // a file dialog can only be resized once shown
}

// fileChosen is the file a file dialog handed over, closed: nil when the
// user closed the dialog, or when it failed (then the problem is shown,
// titled title, with suggestion).
func (w *MainWindow) fileChosen(f interface {
	URI() fyne.URI
	Close() error
}, err error, title, suggestion string) fyne.URI {
	if err != nil {
		w.logFailure("file dialog", err)
		w.showProblem(title, err.Error(), suggestion)
		return nil
	}
	if f == nil {
		return nil // the user closed the dialog
	}
	uri := f.URI()
	f.Close()
	return uri
}

// showImportDialog asks for a file and previews its import.
func (w *MainWindow) showImportDialog() {
	if w.busy {
		return
	}
	w.showOpenDialog("Import a partner list (.xlsx, .csv, .tsv, .txt)", "Import", importExtensions,
		func(uri fyne.URI) { w.PreviewImport(uri) })
}

// dealExtensions are the files Import deals… offers: the CRM exports.
var dealExtensions = []string{".xlsx", ".csv"}

// showImportDealsDialog asks for a deal export and previews its import.
func (w *MainWindow) showImportDealsDialog() {
	if w.busy {
		return
	}
	w.showOpenDialog("Import deals: an opportunity or deal export (.xlsx, .csv)", "Import", dealExtensions,
		func(uri fyne.URI) { w.PreviewDeals(uri) })
}

// showSaveDialog asks where to write a file with extension ext and calls
// chosen with the path, the extension added when the user left it off.
func (w *MainWindow) showSaveDialog(title, confirm, name, ext string, chosen func(path string)) {
	if w.busy {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		uri := w.fileChosen(wc, err, "Could not save the file", "Choose another folder or file name.")
		if uri == nil {
			return
		}
		if uri.Scheme() != "file" {
			w.env.Log.Warn("save refused: not a local file", "scheme", uri.Scheme(), "file", uri.Name())
			w.showProblem("Could not save "+uri.Name(), "Partner Atlas can only save to a folder on this computer.", "")
			return
		}
		// Nothing was written through wc: the file, if it exists, is
		// untouched (see untouchedUntilWritten); the save replaces it
		// atomically or not at all.
		path := uri.Path()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		chosen(path)
	}, w.Window)
	d.SetFileName(name)
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if dir := w.lastFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show()
	d.Resize(fyne.NewSize(960, 640)) // a file dialog can only be resized once shown
	// Select the proposed name, as native save dialogs do, so that typing
	// replaces it instead of writing in front of it.
	if e, ok := w.Window.Canvas().Focused().(*widget.Entry); ok {
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// lastFolder is the folder of the last file imported, opened or saved, so
// the next file dialog opens there.
func (w *MainWindow) lastFolder() fyne.ListableURI {
	if w.folder == nil {
		return nil
	}
	l, err := storage.ListerForURI(w.folder)
	if err != nil {
		return nil
	}
	return l
}

func parentFolder(uri fyne.URI) fyne.URI {
	p, err := storage.Parent(uri)
	if err != nil {
		return nil
	}
	return p
}
