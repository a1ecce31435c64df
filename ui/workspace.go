package ui

import (
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"partneratlas/core"
)

// workspace is what a screen needs of the window, and all it sees of it: the
// document and how it scores, a way to change the document as one step the
// user can undo, the search query, the clock, a line of feedback, a way to
// run work off the UI goroutine, and the window its dialogs open over.
// Screens hold no *MainWindow, so each is built and tested over this and
// nothing else.
type workspace interface {
	tableSource
	// edit changes the document as one step the user can undo. key names
	// what is edited ("weight shared_icp"): consecutive edits of the same
	// thing, such as typing into one entry or dragging one slider, make a
	// single undo step; "" always makes a new one. When change returns an
	// error nothing is recorded and the error is returned.
	edit(key string, change func(e *core.Ecosystem) error) error
	// editStructure is edit for a change of structure (criteria or
	// partners added or removed): every screen rebuilds.
	editStructure(key string, change func(e *core.Ecosystem) error) error
	today() time.Time
	// say shows what the last action did, in the toolbar.
	say(format string, args ...any)
	// inBackground runs work off the UI goroutine; the work reports back
	// through fyne.Do.
	inBackground(work func())
	// version counts the changes to the document (edits, undos, redos), so
	// a screen that works something out from it knows when to work it out
	// again.
	version() int
	// logFailure writes a failure the screen shows the user to the log,
	// without the user's data (see describeError).
	logFailure(what string, err error)
	// logDone writes a file operation to the log, with how long it took
	// since start and its error.
	logDone(op, file string, start time.Time, err error, attrs ...any)
	// askToOpen asks over win for a file with one of exts, by its path or
	// with the file dialog, and calls chosen with its path.
	askToOpen(win fyne.Window, title, confirm string, exts []string, chosen func(path string))
	// askWhereToSave asks over win where to write a file with extension ext,
	// proposing name, and calls chosen with the path, ext added when left off.
	askWhereToSave(win fyne.Window, title, confirm, name, ext string, chosen func(path string))
}

// tableSource is what a partner table needs: the partners, their scores,
// the search query and the window whose focus it watches.
type tableSource interface {
	ecosystem() *core.Ecosystem
	evaluation() *core.Evaluation
	query() string
	window() fyne.Window
}

// env is what the window takes from its surroundings, so that tests can give
// their own: what the app tells it (Options: the log, where recovery files
// go), the clock, how work runs off the UI goroutine, how a delay is
// waited for, and how long tier confidence waits for edits to pause.
type env struct {
	Options
	now func() time.Time
	// background runs work off the UI goroutine. The app runs it on a
	// goroutine of its own. Tests run it at once, on their own goroutine:
	// fyne's test driver runs fyne.Do inline, on whichever goroutine calls
	// it, so work left on another goroutine would touch widgets at the same
	// time as the test.
	background func(func())
	// confidenceDelay is how long tier confidence waits after the last edit,
	// so that dragging a slider does not start a computation per pixel; 0
	// works it out at once, on the UI goroutine.
	confidenceDelay time.Duration
	// after runs f on the UI goroutine once d has passed, unless stop is
	// called first: the wait before a recovery file is written.
	after func(d time.Duration, f func()) (stop func())
	// recoveryDelay is how long the first unsaved change waits before the
	// recovery file is written, and so the least time between two writes.
	recoveryDelay time.Duration
}

// desktopEnv is the env of the real app. Work off the UI goroutine that
// panics is logged, with its stack, before the panic ends the app.
func desktopEnv(opt Options) env {
	log := opt.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return env{
		Options: opt,
		now:     time.Now,
		background: func(f func()) {
			go func() {
				defer func() {
					if v := recover(); v != nil {
						LogPanic(log, v)
						panic(v)
					}
				}()
				f()
			}()
		},
		confidenceDelay: 250 * time.Millisecond,
		after: func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { fyne.Do(f) })
			return func() { t.Stop() }
		},
		recoveryDelay: RecoveryInterval,
	}
}

// The window is the workspace of its screens.

func (w *MainWindow) ecosystem() *core.Ecosystem   { return w.doc.Ecosystem }
func (w *MainWindow) evaluation() *core.Evaluation { return &w.ev }
func (w *MainWindow) query() string                { return w.toolbar.search.Text }
func (w *MainWindow) window() fyne.Window          { return w.Window }
func (w *MainWindow) today() time.Time             { return w.env.now() }
func (w *MainWindow) inBackground(work func())     { w.env.background(work) }
func (w *MainWindow) version() int                 { return w.edits }

func (w *MainWindow) say(format string, args ...any) {
	w.toolbar.message.SetText(fmt.Sprintf(format, args...))
}
