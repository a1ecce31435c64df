package ui

import (
	"testing"
	"time"

	"partneratlas/core"
)

// TestUndoHistoryKeepsItsCopiesSmall: the undo history keeps at most
// maxUndo steps, and beyond maxUndoPartners partners in all it forgets the
// oldest, but never the newest step; a saved state it forgets is no
// longer reachable.
func TestUndoHistoryKeepsItsCopiesSmall(t *testing.T) {
	for _, tt := range []struct {
		partners, edits, want int
	}{
		{40, 120, maxUndo},
		{10_000, 50, 50},
		{100_000, 11, 10},
		{10_000, 120, maxUndo},
		{100_000, 30, 10},
		{300_000, 5, 3},
		{2_000_000, 3, 1},
	} {
		var h undoHistory
		doc := &core.Ecosystem{Partners: make([]*core.Partner, tt.partners)}
		h.record("", doc)
		h.markSaved()
		for range tt.edits - 1 {
			h.record("", doc)
		}
		if len(h.undos) != tt.want {
			t.Errorf("%d partners, %d edits: %d steps kept, want %d", tt.partners, tt.edits, len(h.undos), tt.want)
		}
		// the state saved after the first edit is the oldest step's
		// successor: reachable while at most that first step is forgotten
		if reachable := tt.edits-tt.want <= 1; h.saved != reachable {
			t.Errorf("%d partners, %d edits: saved state reachable %v, want %v", tt.partners, tt.edits, h.saved, reachable)
		}
	}
}

// TestUndoStepUsesTheCopyMadeAtThePause: the copy of the document made for
// tier confidence while the user paused is the next edit's undo step, as
// long as nothing changed since; Undo while a worker still reads it hands
// out another copy, so the edits after it do not change what the worker
// reads; a copy made before an edit that joined the last step is not used.
func TestUndoStepUsesTheCopyMadeAtThePause(t *testing.T) {
	w := newTestWindow(t)
	var pending []func()
	w.env.confidenceDelay = time.Hour // the pause comes when the test says
	w.env.background = func(f func()) { pending = append(pending, f) }
	setOwner := func(key, owner string) {
		w.edit(key, func(e *core.Ecosystem) error { e.Partners[0].Owner = owner; return nil })
	}
	last := func() *core.Ecosystem { return w.history.undos[len(w.history.undos)-1] }

	setOwner("", "A")
	w.confidenceAfterPause(w.confidence.gen)
	copied := w.confidence.copied
	setOwner("", "B")
	if last() != copied {
		t.Error("the edit after a pause copied the document again")
	}
	w.Undo()
	if w.doc.Ecosystem == copied || w.doc.Ecosystem.Partners[0].Owner != "A" {
		t.Fatalf("after Undo the document is the copy a worker reads (%v), owner %q", w.doc.Ecosystem == copied, w.doc.Ecosystem.Partners[0].Owner)
	}
	setOwner("", "C")
	if copied.Partners[0].Owner != "A" {
		t.Errorf("an edit after Undo changed the copy a worker reads: owner %q", copied.Partners[0].Owner)
	}
	for _, f := range pending {
		f()
	}

	w.confidenceAfterPause(w.confidence.gen)
	setOwner("owner", "D") // a step of its own, on the copy
	w.confidenceAfterPause(w.confidence.gen)
	setOwner("owner", "E") // joins it: the copy just made is out of date
	setOwner("", "F")
	if got := last().Partners[0].Owner; got != "E" {
		t.Errorf("the step before F holds owner %q, want E: an out-of-date copy was used", got)
	}
	w.Undo()
	w.Undo()
	if got := w.doc.Ecosystem.Partners[0].Owner; got != "C" {
		t.Errorf("two Undos from F give owner %q, want C", got)
	}
}
