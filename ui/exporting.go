package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

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
		path := uri.Path()
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			// The dialog created an empty file to hand over; the save
			// writes it whole, atomically, or not at all.
			os.Remove(path)
		}
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
func (w *MainWindow) showSaveError(name, path string, err error) {
	w.showProblem("Could not save "+name,
		fmt.Sprintf("Partner Atlas could not write %s: %v.", path, err),
		"Your work is still open and unchanged. Choose another folder, or close the file if it is open in Excel or another program, and save again.")
	w.setMessage("Could not save %s.", name)
}
