package ui

import (
	"partneratlas/core"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// confidenceRun is the tier confidence being worked out off the UI
// goroutine. gen numbers the runs asked for; a result that arrives after a
// newer run was asked for is dropped. shown is the run whose result the
// window shows: when it is gen, the confidence is the document's as it
// stands, not that of an edit ago.
type confidenceRun struct {
	gen   int
	shown int
	mu    sync.Mutex // guards timer, which fires on a goroutine of its own
	timer *time.Timer
	// copied is the copy of the document the last run made while the user
	// paused, kept for the next edit's undo step (see copyForUndo); of and
	// edits say which document it copies, and at which edit. reading is the
	// copy a worker is reading, which Undo must not hand out to be changed
	// (see travel).
	copied, of, reading *core.Ecosystem
	edits               int
}

// scheduleConfidence works out tier confidence off the UI goroutine once
// the edits pause: it costs tens of milliseconds at 10,000 partners, too
// much to run on each keystroke. The result is shown through fyne.Do.
func (w *MainWindow) scheduleConfidence() {
	c := &w.confidence
	c.gen++
	gen := c.gen
	if w.env.confidenceDelay == 0 {
		w.ev.Confidence = w.doc.Ecosystem.TierConfidence()
		c.shown = gen
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil {
		c.timer.Stop()
	}
	c.timer = time.AfterFunc(w.env.confidenceDelay, func() {
		fyne.Do(func() { w.confidenceAfterPause(gen) })
	})
}

// confidenceAfterPause copies the document, on the UI goroutine, and works
// out the copy's tier confidence on a worker. The copy is kept for the next
// edit's undo step, which then needs no copy of its own: at 100,000
// partners a copy takes 20–60 ms, which the edit would otherwise wait for.
func (w *MainWindow) confidenceAfterPause(gen int) {
	c := &w.confidence
	if gen != c.gen {
		return
	}
	snapshot := w.doc.Ecosystem.Clone()
	c.copied, c.of, c.edits, c.reading = snapshot, w.doc.Ecosystem, w.edits, snapshot
	w.env.background(func() {
		conf := snapshot.TierConfidence()
		fyne.Do(func() {
			if c.reading == snapshot {
				c.reading = nil
			}
			if gen != c.gen || len(conf) != len(w.doc.Ecosystem.Partners) {
				return
			}
			w.ev.Confidence, c.shown = conf, gen
			w.screens[w.current].refresh()
		})
	})
}

// copyForUndo is a copy of the document as it stands, for an undo step: the
// one made after the last pause when nothing has changed since, else a new
// one. Nothing changes it after (Undo hands out another copy while a
// worker still reads it: see travel).
func (w *MainWindow) copyForUndo() *core.Ecosystem {
	c := &w.confidence
	copied, of, edits := c.copied, c.of, c.edits
	c.copied, c.of = nil, nil
	if copied != nil && of == w.doc.Ecosystem && edits == w.edits {
		return copied
	}
	return w.doc.Ecosystem.Clone()
}

// stopConfidence stops a run that has not started yet, as when the window
// closes.
func (w *MainWindow) stopConfidence() {
	c := &w.confidence
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timer != nil {
		c.timer.Stop()
	}
}

// current says whether the confidence shown is that of the document as it
// stands.
func (c *confidenceRun) current() bool { return c.shown == c.gen }
