package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
)

// confirmNotSource runs write at once, unless path is a list the user
// imported: then it asks first.
func (w *MainWindow) confirmNotSource(path string, write func()) {
	if !w.isSource(path) {
		write()
		return
	}
	d := dialog.NewConfirm("Replace "+filepath.Base(path)+"?",
		filepath.Base(path)+" is one of the lists you imported.\nSaving here replaces your original list with the plan workbook.\n\nReplace it anyway?",
		func(ok bool) {
			if ok {
				write()
			}
		}, w.Window)
	d.SetConfirmText("Replace")
	d.SetDismissText("Cancel")
	d.Show()
}
