package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// confirmNotSource runs write at once, unless path is a list the user
// imported: then it asks first.
func (w *MainWindow) confirmNotSource(path string, write func()) {
	if !w.isSource(path) {
		write()
		return
	}
	askToReplace(w.Window, path, filepath.Base(path)+" is one of the lists you imported.\nSaving here replaces your original list with the plan workbook.\n\nReplace it anyway?", write)
}

// confirmReplace asks over win whether to replace the file at path, which
// exists, and runs replace on yes.
func confirmReplace(win fyne.Window, path string, replace func()) {
	askToReplace(win, path, filepath.Base(path)+" already exists in "+filepath.Dir(path)+".\nReplace it?", replace)
}

// askToReplace asks over win, saying why, whether to replace the file at
// path, and runs replace on yes.
func askToReplace(win fyne.Window, path, why string, replace func()) {
	d := dialog.NewConfirm("Replace "+filepath.Base(path)+"?", why,
		func(ok bool) {
			if ok {
				replace()
			}
		}, win)
	d.SetConfirmText("Replace")
	d.SetDismissText("Cancel")
	d.Show()
}
