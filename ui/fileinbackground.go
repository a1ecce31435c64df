package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// fileInBackground runs work on the file at path off the UI goroutine,
// writes to the log as op how long it took and its error, and then hands
// its result to show on the UI goroutine. Reading, answering and opening
// a file all take this one path, so that none is timed, logged or shown
// in its own way. The channel closes after show has run, for tests.
func fileInBackground[T any](ws workspace, op, path string, work func() (T, error), show func(T, error)) <-chan struct{} {
	done := make(chan struct{})
	ws.inBackground(func() {
		start := time.Now()
		v, err := work()
		ws.logDone(op, path, start, err)
		fyne.Do(func() {
			defer close(done)
			show(v, err)
		})
	})
	return done
}
