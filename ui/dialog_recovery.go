package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"partneratlas/exporters/planbook"
)

// recoveryOffer is the dialog that offers the work of a session that ended
// without saving it; tests tap its buttons.
type recoveryOffer struct {
	dialog           *dialog.CustomDialog
	text             *widget.Label
	restore, discard *widget.Button
	// settled closes when every offer is decided and what follows is
	// shown.
	settled chan struct{}
}

// offerRecovery offers, one after the other, newest first, the work of the
// sessions that ended without saving it: each offer says what the
// recovery file holds and when it was written; Restore opens it as an
// unsaved document, Discard deletes it. The file is deleted (or, restored,
// becomes this window's recovery file) once the user decides. Then then
// runs, told whether a document was restored. The channel closes when the
// first offer is shown.
func (w *MainWindow) offerRecovery(found []*crashedSession, then func(restored bool) <-chan struct{}) <-chan struct{} {
	shown := make(chan struct{})
	settled := make(chan struct{})
	restored := false
	var offer func(i int)
	offer = func(i int) {
		if i == len(found) {
			relay(then(restored), settled)
			return
		}
		c := found[i]
		today := w.env.now()
		w.startJob("Restoring", "Reading the work Partner Atlas kept…", func() func() {
			start := time.Now()
			doc, err := w.recovery.read(c, today)
			if err != nil {
				w.logDone("recovery read", w.recovery.file(c.session, ".xlsx"), start, err)
				return func() {
					dir := w.recovery.setAside(c)
					w.showProblem("Could not restore unsaved work",
						fmt.Sprintf("Partner Atlas kept the unsaved changes to %s when it stopped, but cannot read them back. The copy was moved to %s.", c.note.Name, dir),
						"Try opening that copy with File › Open.")
					w.closeOnce(shown)
					offer(i + 1)
				}
			}
			w.logDone("recovery read", w.recovery.file(c.session, ".xlsx"), start, nil, "partners", len(doc.Ecosystem.Partners),
				"deals", dealsIn(doc.Ecosystem), "written", c.note.Written.Format(time.RFC3339))
			return func() {
				w.showRecoveryOffer(c, doc, func(r bool) {
					restored = restored || r
					offer(i + 1)
				}, settled)
				w.closeOnce(shown)
			}
		})
	}
	offer(0)
	return shown
}

// closeOnce closes ch unless it is closed already. It runs on the UI
// goroutine, the only one that closes ch.
func (w *MainWindow) closeOnce(ch chan struct{}) {
	select {
	case <-ch:
	default:
		close(ch)
	}
}

// showRecoveryOffer shows the offer of one crashed session's work, read
// as doc; decided runs with the user's choice once it is carried out.
func (w *MainWindow) showRecoveryOffer(c *crashedSession, doc *planbook.Assembly, decided func(restored bool), settled chan struct{}) {
	o := &recoveryOffer{settled: settled}
	w.offer = o
	o.text = widget.NewLabel(recoveryText(c.note, doc, w.env.now()))
	o.text.Wrapping = fyne.TextWrapWord
	o.discard = widget.NewButton("Discard", func() {
		o.dialog.Hide()
		w.env.Log.Info("recovery discarded", "session", c.session)
		w.env.background(func() { w.recovery.discard(c) })
		w.say("Discarded the unsaved changes kept from %s.", c.note.Name)
		decided(false)
	})
	o.restore = widget.NewButton("Restore", func() {
		o.dialog.Hide()
		w.askToSaveOr(func() {
			w.restoreRecovered(c, doc)
			decided(true)
		}, func() { o.dialog.Show() })
	})
	o.restore.Importance = widget.HighImportance
	o.dialog = dialog.NewCustomWithoutButtons("Restore unsaved work?", o.text, w.Window)
	o.dialog.SetButtons([]fyne.CanvasObject{o.discard, o.restore})
	// A wrapped label is as tall as its text at the width it has: give it
	// the dialog's before the dialog takes its height from it.
	o.text.Resize(fyne.NewSize(560, 0))
	o.dialog.Resize(fyne.NewSize(600, 1))
	o.dialog.Show()
}

// restoreRecovered opens a crashed session's work as an unsaved document
// with no file, so Save asks where (proposing the plan workbook it came
// from) and never writes over an imported list unasked. Its recovery file
// becomes this window's.
func (w *MainWindow) restoreRecovered(c *crashedSession, doc *planbook.Assembly) {
	name := c.note.Name
	if c.note.Path != "" {
		name = filepath.Base(c.note.Path)
	}
	name = strings.TrimSuffix(name, filepath.Ext(name)) + " (recovered)"
	d := &Document{Ecosystem: doc.Ecosystem, Name: name, Unsaved: true, Imported: c.note.Imported, origin: c.note.Path}
	if c.note.Path != "" {
		w.useFolder(storage.NewFileURI(c.note.Path))
	}
	r := w.recovery
	r.disarm()
	w.setDocument(d, &doc.Evaluation)
	// The restored document is protected by the file it came from, now
	// this window's: no write is needed until the next edit.
	r.disarm()
	r.written.doc, r.written.edits, r.held = d, w.edits, true
	r.asked++
	op := r.asked
	w.env.background(func() {
		start := time.Now()
		err := r.adopt(op, c)
		w.logDone("recovery restored", r.file(r.session, ".xlsx"), start, err, "from session", c.session)
	})
	w.say("Restored the unsaved changes to %s: %s. Save to keep them.", c.note.Name, partnerCount(len(d.Ecosystem.Partners)))
}

// recoveryText says what a recovery file holds and when it was written.
func recoveryText(note recoveryNote, doc *planbook.Assembly, now time.Time) string {
	e := doc.Ecosystem
	holds := e.Name + ": " + partnerCount(len(e.Partners))
	if n := dealsIn(e); n > 0 {
		holds += ", " + dealCount(n)
	}
	var from string
	switch {
	case note.Path != "":
		from = fmt.Sprintf("Changes to %s, in %s.", filepath.Base(note.Path), filepath.Dir(note.Path))
	case note.Sample:
		from = "Changes to the sample ecosystem, never saved."
	case len(note.Imported) > 0:
		names := make([]string, len(note.Imported))
		for i, p := range note.Imported {
			names[i] = filepath.Base(p)
		}
		from = "A new plan made from " + strings.Join(names, ", ") + ", never saved."
	default:
		from = "A new plan (" + note.Name + "), never saved."
	}
	return fmt.Sprintf("Partner Atlas stopped before these changes were saved, and kept a copy of them:\n\n%s\n%s\nWritten %s, %s.\n\n"+
		"Restore opens them as an unsaved plan: Save then asks where to keep it. Discard deletes the copy.",
		holds, from, note.Written.Format("2 Jan 2006 at 15:04"), ago(now.Sub(note.Written)))
}

// ago says how long ago something happened, in the largest unit that fits:
// "just now", "3 minutes ago", "2 hours ago", "5 days ago".
func ago(d time.Duration) string {
	unit := func(n float64, one string) string {
		k := int(math.Floor(n))
		if k == 1 {
			return "1 " + one + " ago"
		}
		return fmt.Sprintf("%d %ss ago", k, one)
	}
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return unit(d.Minutes(), "minute")
	case d < 48*time.Hour:
		return unit(d.Hours(), "hour")
	}
	return unit(d.Hours()/24, "day")
}
