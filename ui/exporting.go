package ui

import (
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2/storage"

	"partneratlas/exporters"
)

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
	var ev = w.ev
	current := w.confidence.current()
	name := filepath.Base(path)
	w.useFolder(storage.NewFileURI(path))
	return w.startJob("Exporting", "Writing "+name+"…", func() func() {
		evaluation := &ev
		if !current {
			evaluation = nil
		}
		start := time.Now()
		err := exporters.SaveCSV(path, snapshot, evaluation)
		w.logDone("export csv", path, start, err, "partners", len(snapshot.Partners))
		if err != nil {
			return func() { w.showSaveError(name, path, err) }
		}
		return func() { w.say("Exported %s to %s.", partnerCount(len(snapshot.Partners)), path) }
	})
}
