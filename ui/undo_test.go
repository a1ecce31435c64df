package ui

import (
	"testing"

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
