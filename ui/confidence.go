package ui

import (
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
		fyne.Do(func() {
			if gen != c.gen {
				return
			}
			snapshot := w.doc.Ecosystem.Clone()
			w.env.background(func() {
				conf := snapshot.TierConfidence()
				fyne.Do(func() {
					if gen != c.gen || len(conf) != len(w.doc.Ecosystem.Partners) {
						return
					}
					w.ev.Confidence, c.shown = conf, gen
					w.screens[w.current].refresh()
				})
			})
		})
	})
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
