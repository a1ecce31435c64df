package ui

import "partneratlas/core"

// edit changes the document as one step the user can undo: see workspace.
func (w *MainWindow) edit(key string, change func(e *core.Ecosystem) error) error {
	return w.change(key, false, change)
}

// editStructure is edit for a change of structure: see workspace.
func (w *MainWindow) editStructure(key string, change func(e *core.Ecosystem) error) error {
	return w.change(key, true, change)
}

func (w *MainWindow) change(key string, rebuild bool, change func(e *core.Ecosystem) error) error {
	joins := w.history.joins(key)
	var before *core.Ecosystem
	if !joins {
		before = w.copyForUndo()
	}
	if err := change(w.doc.Ecosystem); err != nil {
		return err
	}
	if joins {
		w.history.changedInPlace()
		w.history.redos = nil
	} else {
		w.history.record(key, before)
	}
	w.doc.Unsaved = true
	w.edits++
	w.documentChanged(rebuild, false)
	return nil
}

// Undo takes back the last edit.
func (w *MainWindow) Undo() { w.travel(w.history.undo, "Undone.") }

// Redo makes the last undone edit again.
func (w *MainWindow) Redo() { w.travel(w.history.redo, "Redone.") }

// travel moves the document one step through its undo history.
func (w *MainWindow) travel(step func(*core.Ecosystem) (*core.Ecosystem, bool), message string) {
	if e, ok := step(w.doc.Ecosystem); ok {
		if e == w.confidence.reading {
			e = e.Clone() // a worker reads it: the document to change must be another copy
		}
		w.doc.Ecosystem = e
		w.doc.Unsaved = !w.history.atSaved()
		w.edits++
		w.documentChanged(true, false)
		w.say("%s", message)
	}
}
