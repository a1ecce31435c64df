package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// askToSave runs then once the document's unsaved changes are dealt with:
// saved, dropped, or, on Cancel, then does not run.
func (w *MainWindow) askToSave(then func()) { w.askToSaveOr(then, nil) }

// askToSaveOr is askToSave that runs cancelled, when not nil, on Cancel.
func (w *MainWindow) askToSaveOr(then, cancelled func()) {
	if !w.doc.Unsaved || (w.doc.Sample && !w.history.canUndo()) {
		then()
		return
	}
	msg := widget.NewLabel("Save the changes to " + w.doc.displayName() + " first?\nIf you don't, they are lost.")
	var d *dialog.CustomDialog
	save := widget.NewButton("Save", func() {
		d.Hide()
		w.Save(then)
	})
	save.Importance = widget.HighImportance
	drop := widget.NewButton("Don't save", func() {
		d.Hide()
		then()
	})
	cancel := widget.NewButton("Cancel", func() {
		d.Hide()
		if cancelled != nil {
			cancelled()
		}
	})
	d = dialog.NewCustomWithoutButtons("Unsaved changes", msg, w.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, drop, save})
	d.Show()
}

// confirmClose closes the window once unsaved changes are dealt with.
func (w *MainWindow) confirmClose() {
	w.askToSave(func() {
		w.stopConfidence()
		w.quitRecovery()
		w.env.Log.Info("quit")
		w.Window.Close()
	})
}
