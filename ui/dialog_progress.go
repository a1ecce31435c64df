package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// job is work running off the UI goroutine with a progress dialog. Cancel
// does not stop the work (a file being read cannot be interrupted); it closes
// the dialog and the result is ignored when it comes. Every field is touched
// on the UI goroutine only.
type job struct {
	dialog    *dialog.CustomDialog
	cancelled bool
	done      chan struct{}
}

// startJob shows a progress dialog titled title, saying what runs, and runs
// work off the UI goroutine. work returns a function that runs on the UI
// goroutine when the work is done, unless the user cancelled. startJob
// itself runs on the UI goroutine, where the dialog is built; the returned
// channel closes when it is all over.
func (w *MainWindow) startJob(title, what string, work func() (finish func())) <-chan struct{} {
	j := &job{done: make(chan struct{})}
	bar := widget.NewProgressBarInfinite()
	label := widget.NewLabel(what)
	label.Wrapping = fyne.TextWrapWord
	cancel := widget.NewButton("Cancel", func() {
		j.cancelled = true
		j.dialog.Hide()
		w.say("Cancelled: %s", what)
		w.setBusy(false)
	})
	j.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(label, bar), w.Window)
	j.dialog.SetButtons([]fyne.CanvasObject{cancel})
	j.dialog.Resize(fyne.NewSize(460, 160))
	w.setBusy(true)
	j.dialog.Show()
	w.env.background(func() {
		finish := w.safely(work)
		fyne.Do(func() {
			defer close(j.done)
			bar.Stop()
			if j.cancelled {
				return
			}
			j.dialog.Hide()
			w.setBusy(false)
			finish()
		})
	})
	return j.done
}

// setBusy disables the actions that start a job while one runs.
func (w *MainWindow) setBusy(busy bool) {
	w.busy = busy
	tb := &w.toolbar
	for _, b := range []*widget.Button{tb.importButton, tb.dealsButton, tb.saveButton, tb.exportButton} {
		enable(b, !busy)
	}
}

// safely runs work, turning a panic into a dialog, so that a bug met on
// some user's file never takes the app and the document down with it.
func (w *MainWindow) safely(work func() func()) (finish func()) {
	defer func() {
		if v := recover(); v != nil {
			LogPanic(w.env.Log, v)
			finish = func() {
				w.showProblem("Something went wrong",
					fmt.Sprintf("Partner Atlas met an internal error and stopped this task: %v. Your document is unchanged.", v),
					"Please report this, with the file if you can share it.")
			}
		}
	}()
	return work()
}
