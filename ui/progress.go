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

// background runs f off the UI goroutine; f reports back through fyne.Do.
// Tests make it run f at once, on their own goroutine: fyne's test driver
// runs fyne.Do inline, on whichever goroutine calls it, so work left on
// another goroutine would touch widgets at the same time as the test.
var background = func(f func()) { go f() }

// startJob shows a progress dialog titled title, saying what runs, and runs
// work on a goroutine. work returns a function that finish runs on the UI
// goroutine unless the user cancelled. The returned channel closes when it
// is all over.
func (w *MainWindow) startJob(title, what string, work func() (finish func())) <-chan struct{} {
	j := &job{done: make(chan struct{})}
	bar := widget.NewProgressBarInfinite()
	label := widget.NewLabel(what)
	label.Wrapping = fyne.TextWrapWord
	cancel := widget.NewButton("Cancel", func() {
		j.cancelled = true
		j.dialog.Hide()
		w.setMessage("Cancelled: %s", what)
		w.setBusy(false)
	})
	j.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(label, bar), w.Window)
	j.dialog.SetButtons([]fyne.CanvasObject{cancel})
	j.dialog.Resize(fyne.NewSize(460, 160))
	w.setBusy(true)
	j.dialog.Show()
	background(func() {
		finish := w.safely(work)
		fyne.Do(func() {
			defer close(j.done)
			if j.cancelled {
				bar.Stop()
				return
			}
			bar.Stop()
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
	for _, b := range []*widget.Button{w.importButton, w.saveButton, w.exportButton} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// showProblem shows a plain-words dialog: what went wrong and what to do.
func (w *MainWindow) showProblem(title, message, suggestion string) {
	text := message
	if suggestion != "" {
		text += "\n\n" + suggestion
	}
	w.lastProblem = text
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", l, w.Window)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// safely runs work, turning a panic into a dialog, so that a bug met on
// some user's file never takes the app and the document down with it.
func (w *MainWindow) safely(work func() func()) (finish func()) {
	defer func() {
		if v := recover(); v != nil {
			finish = w.internalError(v)
		}
	}()
	return work()
}

func (w *MainWindow) internalError(v any) func() {
	return func() {
		w.showProblem("Something went wrong",
			fmt.Sprintf("Partner Atlas met an internal error and stopped this task: %v. Your document is unchanged.", v),
			"Please report this, with the file if you can share it.")
	}
}
