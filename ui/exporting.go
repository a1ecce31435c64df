package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"partneratlas/core"
	"partneratlas/exporters"
)

// DefaultWorkbookName is the name the Export workbook dialog proposes.
const DefaultWorkbookName = "partner-plan.xlsx"

// exportKind is what an export writes.
type exportKind struct {
	ext   string // ".xlsx" or ".csv"
	title string
	save  func(path string, e *core.Ecosystem, opt exporters.Options) error
}

var (
	workbookExport = exportKind{ext: ".xlsx", title: "Export the plan workbook", save: exporters.SaveWorkbook}
	csvExport      = exportKind{ext: ".csv", title: "Export partners as CSV",
		save: func(path string, e *core.Ecosystem, _ exporters.Options) error { return exporters.SaveCSV(path, e) }}
)

func (w *MainWindow) showExportWorkbookDialog() {
	name := DefaultWorkbookName
	if w.doc.Path != "" && strings.EqualFold(filepath.Ext(w.doc.Path), ".xlsx") {
		name = filepath.Base(w.doc.Path)
	}
	w.showExportDialog(workbookExport, name)
}

func (w *MainWindow) showExportCSVDialog() {
	w.showExportDialog(csvExport, strings.TrimSuffix(DefaultWorkbookName, ".xlsx")+".csv")
}

func (w *MainWindow) showExportDialog(k exportKind, name string) {
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
		if !strings.EqualFold(filepath.Ext(path), k.ext) {
			// The dialog created the file it was given; write where the
			// name says what the file is instead.
			if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
				os.Remove(path)
			}
			path += k.ext
		}
		w.export(k, path)
	}, w.Window)
	d.SetFileName(name)
	d.SetTitleText(k.title)
	d.SetConfirmText("Export")
	d.SetFilter(storage.NewExtensionFileFilter([]string{k.ext}))
	if dir := w.lastFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show()
	d.Resize(fyne.NewSize(960, 640)) // a file dialog can only be resized once shown
}

// ExportWorkbook writes the plan workbook to path off the UI goroutine, as
// the Export workbook dialog does; the document then lives there. The
// channel closes when the result has been shown.
func (w *MainWindow) ExportWorkbook(path string) <-chan struct{} {
	return w.export(workbookExport, path)
}

// ExportCSV writes the partners as CSV to path off the UI goroutine, as the
// Export CSV dialog does.
func (w *MainWindow) ExportCSV(path string) <-chan struct{} { return w.export(csvExport, path) }

func (w *MainWindow) export(k exportKind, path string) <-chan struct{} {
	doc := w.doc
	snapshot := doc.Ecosystem.Clone() // the user may go on while it writes
	opt := exporters.Options{Today: w.now()}
	name := filepath.Base(path)
	w.folder = parentFolder(storage.NewFileURI(path))
	return w.startJob("Exporting", "Writing "+name+"…", func() func() {
		if err := k.save(path, snapshot, opt); err != nil {
			return func() {
				w.showProblem("Could not save "+name,
					fmt.Sprintf("Partner Atlas could not write %s: %v.", path, err),
					"Choose another folder, or close the file if it is open in Excel or another program, and export again.")
				w.setMessage("Could not save %s.", name)
			}
		}
		return func() {
			if k.ext == ".xlsx" && w.doc == doc {
				doc.Path, doc.Name, doc.Sample, doc.Unsaved = path, name, false, false
				w.refreshStatus()
			}
			w.setMessage("Saved %s to %s.", partnerCount(len(snapshot.Partners)), path)
		}
	})
}
