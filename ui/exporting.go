package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"partneratlas/exporters"
)

// DefaultWorkbookName is the name Save As proposes for a new plan.
const DefaultWorkbookName = "partner-plan.xlsx"

// showSaveDialog asks where to write a file with extension ext and calls
// chosen with the path, the extension added when the user left it off.
func (w *MainWindow) showSaveDialog(title, confirm, name, ext string, chosen func(path string)) {
	if w.busy {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showProblem("Could not save the file", err.Error(), "Choose another folder or file name.")
			return
		}
		if wc == nil {
			return // the user closed the dialog
		}
		uri := wc.URI()
		wc.Close()
		if uri.Scheme() != "file" {
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

func (w *MainWindow) showExportCSVDialog() {
	name := strings.TrimSuffix(DefaultWorkbookName, ".xlsx") + ".csv"
	if w.doc.Path != "" {
		name = strings.TrimSuffix(filepath.Base(w.doc.Path), filepath.Ext(w.doc.Path)) + ".csv"
	}
	w.showSaveDialog("Export partners as CSV", "Export", name, ".csv", func(path string) {
		w.confirmNotSource(path, func() { w.ExportCSV(path) })
	})
}

// ExportCSV writes the partners as CSV to path off the UI goroutine, as the
// Export CSV dialog does. The channel closes when the result has been shown.
func (w *MainWindow) ExportCSV(path string) <-chan struct{} {
	snapshot := w.doc.Ecosystem.Clone() // the user may go on while it writes
	name := filepath.Base(path)
	w.folder = parentFolder(storage.NewFileURI(path))
	return w.startJob("Exporting", "Writing "+name+"…", func() func() {
		if err := exporters.SaveCSV(path, snapshot); err != nil {
			return func() { w.showSaveError(name, path, err) }
		}
		return func() { w.setMessage("Exported %s to %s.", partnerCount(len(snapshot.Partners)), path) }
	})
}

// showSaveError explains a save or export that failed, in plain words.
// A SaveError already names the file and says what happened; the
// suggestion follows its kind.
func (w *MainWindow) showSaveError(name, path string, err error) {
	message := fmt.Sprintf("Partner Atlas could not write %s: %v.", path, err)
	if exporters.SaveKindOf(err) != "" {
		message = err.Error()
	}
	w.showProblem("Could not save "+name, message, saveSuggestion(exporters.SaveKindOf(err)))
	w.setMessage("Could not save %s.", name)
}

// saveSuggestion says what the user can do about a failed save.
func saveSuggestion(k exporters.SaveKind) string {
	const open = "Your work is still open and unchanged. "
	switch k {
	case exporters.ReadOnly:
		return open + "Use Save As to save it in a folder you can write to, or under another name."
	case exporters.DiskFull:
		return open + "Free some space on the disk, or use Save As to save it on another drive."
	case exporters.InUse:
		return open + "Close the file in Excel or the other program that has it open, then save again."
	case exporters.NoFolder:
		return open + "The folder is gone (a drive unplugged or a folder renamed?). Use Save As to choose another."
	}
	return open + "Choose another folder with Save As, or close the file if it is open in another program, and save again."
}
