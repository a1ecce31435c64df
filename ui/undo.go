package ui

import "partneratlas/core"

// maxUndo is how many edits can be undone; older ones are forgotten.
const maxUndo = 100

// maxUndoPartners is how many partners the undo history may hold in all,
// counted over its copies of the document: each is a copy of every partner
// (about 340 bytes each), so a list of 100,000 keeps its last 10 edits
// (about 340 MB) rather than 100 (3.4 GB). The last edit can always be
// undone.
const maxUndoPartners = 1_000_000

// undoHistory holds the ecosystem as it was before each edit, for Undo, and
// as it was before each undo, for Redo.
type undoHistory struct {
	undos, redos []*core.Ecosystem
	// lastKey names the last edit; a new edit of the same thing joins it.
	lastKey string
	// saved says the document as saved is still reachable by undo or redo,
	// at savedAt steps of undo history, so undoing back to it clears the
	// unsaved marker.
	saved   bool
	savedAt int
}

// markSaved records that the document as it stands is the saved one. The
// next edit starts a new undo step, so it cannot join and change the state
// the file holds.
func (h *undoHistory) markSaved() {
	h.saved, h.savedAt, h.lastKey = true, len(h.undos), ""
}

// atSaved says whether the document is, step for step, the one last saved.
func (h *undoHistory) atSaved() bool { return h.saved && len(h.undos) == h.savedAt }

// changedInPlace notes an edit that joined the last step: if that step was
// the saved state, the saved state is gone.
func (h *undoHistory) changedInPlace() {
	if h.atSaved() {
		h.saved = false
	}
}

// joins says whether an edit named key continues the last edit, so that it
// needs no undo step of its own.
func (h *undoHistory) joins(key string) bool {
	return key != "" && key == h.lastKey && len(h.undos) > 0
}

// record keeps before, the ecosystem as it was before an edit named key.
func (h *undoHistory) record(key string, before *core.Ecosystem) {
	if h.saved && h.savedAt > len(h.undos) {
		h.saved = false // the saved state was among the redos, now dropped
	}
	h.redos = nil
	h.lastKey = key
	h.undos = append(h.undos, before)
	if n := h.overBudget(); n > 0 {
		h.undos = append(h.undos[:0:0], h.undos[n:]...)
		if h.savedAt -= n; h.savedAt < 0 {
			h.saved = false
		}
	}
}

// overBudget is how many of the oldest undo steps go: those beyond maxUndo,
// and those beyond maxUndoPartners partners counting from the newest, the
// newest step kept whatever its size.
func (h *undoHistory) overBudget() int {
	keep, partners := 0, 0
	for i := len(h.undos) - 1; i >= 0 && keep < maxUndo; i-- {
		if partners += len(h.undos[i].Partners); partners > maxUndoPartners && keep > 0 {
			break
		}
		keep++
	}
	return len(h.undos) - keep
}

// undo takes the last state off the undo stack; current goes to the redos.
func (h *undoHistory) undo(current *core.Ecosystem) (*core.Ecosystem, bool) {
	return h.step(&h.undos, &h.redos, current)
}

// redo takes the last undone state back; current goes to the undos.
func (h *undoHistory) redo(current *core.Ecosystem) (*core.Ecosystem, bool) {
	return h.step(&h.redos, &h.undos, current)
}

// step pops a state from one stack and pushes current on the other.
func (h *undoHistory) step(from, to *[]*core.Ecosystem, current *core.Ecosystem) (*core.Ecosystem, bool) {
	if len(*from) == 0 {
		return nil, false
	}
	e := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, current)
	h.lastKey = ""
	return e, true
}

func (h *undoHistory) clear() { *h = undoHistory{} }

func (h *undoHistory) canUndo() bool { return len(h.undos) > 0 }
func (h *undoHistory) canRedo() bool { return len(h.redos) > 0 }
