package ui

import "partneratlas/core"

// maxUndo is how many edits can be undone; older ones are forgotten.
const maxUndo = 100

// undoHistory holds the ecosystem as it was before each edit, for Undo, and
// as it was before each undo, for Redo.
type undoHistory struct {
	undos, redos []*core.Ecosystem
	// lastKey names the last edit; a new edit of the same thing joins it.
	lastKey string
}

// joins says whether an edit named key continues the last edit, so that it
// needs no undo step of its own.
func (h *undoHistory) joins(key string) bool {
	return key != "" && key == h.lastKey && len(h.undos) > 0
}

// record keeps before, the ecosystem as it was before an edit named key.
func (h *undoHistory) record(key string, before *core.Ecosystem) {
	h.redos = nil
	h.lastKey = key
	h.undos = append(h.undos, before)
	if len(h.undos) > maxUndo {
		h.undos = append(h.undos[:0:0], h.undos[len(h.undos)-maxUndo:]...)
	}
}

func (h *undoHistory) undo(current *core.Ecosystem) (*core.Ecosystem, bool) {
	if len(h.undos) == 0 {
		return nil, false
	}
	e := h.undos[len(h.undos)-1]
	h.undos = h.undos[:len(h.undos)-1]
	h.redos = append(h.redos, current)
	h.lastKey = ""
	return e, true
}

func (h *undoHistory) redo(current *core.Ecosystem) (*core.Ecosystem, bool) {
	if len(h.redos) == 0 {
		return nil, false
	}
	e := h.redos[len(h.redos)-1]
	h.redos = h.redos[:len(h.redos)-1]
	h.undos = append(h.undos, current)
	h.lastKey = ""
	return e, true
}

func (h *undoHistory) clear() { *h = undoHistory{} }

func (h *undoHistory) canUndo() bool { return len(h.undos) > 0 }
func (h *undoHistory) canRedo() bool { return len(h.redos) > 0 }
