package ui

import (
	"net/url"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// uiLoop stands in for the real driver's UI goroutine in a test. Fyne's
// test driver runs fyne.Do at once, on whichever goroutine calls it, so a
// window whose work runs on goroutines of its own (as in the app) would
// touch its widgets from those goroutines in a test, and a test could not
// tell that from a bug. With uiLoop, fyne.Do queues its function, as the
// real driver does, and the test's goroutine runs the queue, drawing the
// window out between functions and while it waits, as the real UI
// goroutine lays it out between events. Then a widget touched from any other goroutine is touched at the
// same time as the drawing, which the race detector reports (and which,
// without it, can die with "concurrent map writes" as the app did).
type uiLoop struct {
	fyne.App
	driver *loopDriver
	mu     sync.Mutex
	opened []*url.URL
}

type loopDriver struct {
	fyne.Driver
	queue chan func()
}

// newUILoop returns a test app whose fyne.Do queues onto the loop.
func newUILoop(t testing.TB) *uiLoop {
	a := test.NewTempApp(t)
	l := &uiLoop{App: a, driver: &loopDriver{Driver: a.Driver(), queue: make(chan func(), 4096)}}
	fyne.SetCurrentApp(l)
	return l
}

func (l *uiLoop) Driver() fyne.Driver { return l.driver }

// OpenURL records the URLs the app asks to open.
func (l *uiLoop) OpenURL(u *url.URL) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.opened = append(l.opened, u)
	return nil
}

func (d *loopDriver) DoFromGoroutine(f func(), wait bool) {
	if !wait {
		d.queue <- f
		return
	}
	done := make(chan struct{})
	d.queue <- func() {
		defer close(done)
		f()
	}
	<-done
}

// run runs the queue on the calling goroutine, drawing w's canvas after
// each function, until until closes.
func (l *uiLoop) run(t testing.TB, w *MainWindow, until <-chan struct{}) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	layOut(w)
	for {
		select {
		case f := <-l.driver.queue:
			f()
			layOut(w)
		case <-until:
			return
		case <-timeout:
			t.Fatal("timed out running the UI loop")
		}
	}
}

// runUntil runs the queue until cond, checked on the loop, holds.
func (l *uiLoop) runUntil(t testing.TB, w *MainWindow, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case f := <-l.driver.queue:
			f()
		case <-time.After(5 * time.Millisecond):
		}
		layOut(w)
	}
}

// layOut does on the loop what the UI goroutine does between events: it
// lays out the window's content and its dialogs, reaching every widget's
// renderer, as drawing a frame does.
func layOut(w *MainWindow) {
	c := w.Window.Canvas()
	test.LaidOutObjects(c.Content())
	for _, o := range c.Overlays().List() {
		test.LaidOutObjects(o)
	}
}
