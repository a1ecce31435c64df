package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// RecoveryInterval is the most editing a crash can lose: the first unsaved
// change waits this long before the document is written to its recovery
// file, and two writes are at least this far apart.
const RecoveryInterval = 30 * time.Second

// recovery keeps the document's unsaved changes in a recovery file, so that
// a crash, a kill or a power cut loses at most RecoveryInterval of work.
//
// Each window is a session with files of its own in the recovery folder:
// SESSION.xlsx, the document as a plan workbook, written atomically as a save
// is; SESSION.json, what the offer to restore it says (recoveryNote); and
// SESSION.lock, locked for as long as the session's process lives (the
// operating system lets go of the lock when the process ends, however it
// ends). A session whose files are there and whose lock can be taken ended
// without cleaning up: its work is offered at the next start. So two
// windows of the app at once (a file double-clicked while the app runs
// starts a second one) never offer or remove each other's work.
//
// Its fields are the UI goroutine's, except those under mu: the files are
// written and removed on workers, each operation numbered when asked on the
// UI goroutine, so that one asked earlier never undoes one asked later.
type recovery struct {
	folder  string // "" keeps no recovery file
	session string

	stop    func()   // stops the armed write; nil when none is armed
	armed   int      // numbers the armed writes, so a stale one does nothing
	written struct { // what the last write asked held
		doc   *Document
		edits int
	}
	held  bool // files of this session may exist
	asked int  // numbers the operations asked

	mu      sync.Mutex
	applied int      // the last operation done
	lock    *os.File // this session's lock, once taken
}

// sessions counts the windows of this process, so two windows opened in
// the same second get sessions of their own.
var sessions atomic.Int64

func newRecovery(folder string, now time.Time) *recovery {
	return &recovery{folder: folder,
		session: fmt.Sprintf("%s-%d-%d", now.Format("20060102-150405"), os.Getpid(), sessions.Add(1))}
}

func (r *recovery) file(session, ext string) string { return filepath.Join(r.folder, session+ext) }

// recoveryNote is what a recovery file holds besides the document: when it
// was written and where the document lives, so the offer can say so and a
// restored document is saved to the right place.
type recoveryNote struct {
	Written time.Time `json:"written"`
	// Path is the plan workbook the document was opened from or saved to;
	// "" for a plan never saved.
	Path string `json:"path,omitempty"`
	// Name is what the window called the document.
	Name string `json:"name"`
	// Sample says it was the sample ecosystem, changed.
	Sample bool `json:"sample,omitempty"`
	// Imported are the files imported into it, which a save never writes
	// over unasked.
	Imported []string `json:"imported,omitempty"`
}

// keepRecovery follows the document after a change: while it has unsaved
// changes a write of the recovery file is armed (one at a time, so at most
// one write per interval); once it has none (saved, undone back to the
// saved state, or replaced by another document), the files are removed.
func (w *MainWindow) keepRecovery() {
	r := w.recovery
	if r.folder == "" {
		return
	}
	if !w.doc.Unsaved {
		r.disarm()
		if r.held {
			w.removeRecovery()
		}
		return
	}
	if r.stop == nil {
		r.armed++
		armed := r.armed
		r.stop = w.env.after(w.env.recoveryDelay, func() {
			if armed == r.armed {
				r.stop = nil
				w.writeRecovery()
			}
		})
	}
}

func (r *recovery) disarm() {
	if r.stop != nil {
		r.stop()
		r.stop = nil
		r.armed++
	}
}

// writeRecovery writes the document, as it stands, to this session's
// recovery file: the ecosystem is copied here, on the UI goroutine, and
// written on a worker.
func (w *MainWindow) writeRecovery() {
	r := w.recovery
	if !w.doc.Unsaved || (r.held && r.written.doc == w.doc && r.written.edits == w.edits) {
		return // nothing new since the last write
	}
	doc := w.doc
	snapshot := doc.Ecosystem.Clone()
	note := recoveryNote{Written: w.env.now(), Path: doc.Path, Name: doc.Name, Sample: doc.Sample,
		Imported: slices.Clone(doc.Imported)}
	if doc.origin != "" && doc.Path == "" {
		note.Path = doc.origin
	}
	r.written.doc, r.written.edits, r.held = doc, w.edits, true
	r.asked++
	op := r.asked
	w.env.background(func() {
		start := time.Now()
		err := r.write(op, snapshot, note)
		w.logDone("recovery write", r.file(r.session, ".xlsx"), start, err,
			"partners", len(snapshot.Partners), "deals", dealsIn(snapshot))
	})
}

func dealsIn(e *core.Ecosystem) int {
	if e.Deals == nil {
		return 0
	}
	return len(e.Deals.Deals)
}

// write writes the recovery files of operation op, on a worker.
func (r *recovery) write(op int, e *core.Ecosystem, note recoveryNote) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if op < r.applied {
		return nil // a later operation ran first
	}
	r.applied = op
	if err := r.takeLock(); err != nil {
		return err
	}
	if err := exporters.SaveWorkbook(r.file(r.session, ".xlsx"), e, planbook.Options{Today: note.Written}); err != nil {
		return err
	}
	return writeNote(r.file(r.session, ".json"), note)
}

// takeLock creates the folder and takes this session's lock, once.
func (r *recovery) takeLock() error {
	if r.lock != nil {
		return nil
	}
	if err := os.MkdirAll(r.folder, 0o700); err != nil {
		return err
	}
	f, err := lockFile(r.file(r.session, ".lock"))
	if err != nil {
		return err
	}
	r.lock = f
	return nil
}

// removeRecovery removes this session's recovery files, on a worker.
func (w *MainWindow) removeRecovery() {
	r := w.recovery
	r.held = false
	r.asked++
	op := r.asked
	w.env.background(func() {
		start := time.Now()
		if r.remove(op) {
			w.logDone("recovery removed", r.file(r.session, ".xlsx"), start, nil)
		}
	})
}

// remove removes the files of operation op and lets go of the lock; it
// says whether it did.
func (r *recovery) remove(op int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if op < r.applied {
		return false
	}
	r.applied = op
	r.removeFiles()
	return true
}

func (r *recovery) removeFiles() {
	removeSession(r.folder, r.session, r.lock)
	r.lock = nil
}

// quitRecovery removes the recovery files as the window closes cleanly,
// at once: the app may end before a worker would run. It waits for a write
// under way.
func (w *MainWindow) quitRecovery() {
	r := w.recovery
	if r.folder == "" {
		return
	}
	r.disarm()
	held := r.held
	r.held = false
	r.asked++
	if r.remove(r.asked) && held {
		w.env.Log.Info("recovery removed on quit")
	}
}

// removeSession removes a session's files, its temporary files left by a
// write cut short, and its lock, given the lock file held (or nil).
func removeSession(folder, session string, lock *os.File) {
	for _, ext := range []string{".xlsx", ".json"} {
		os.Remove(filepath.Join(folder, session+ext))
	}
	if tmp, err := filepath.Glob(filepath.Join(folder, "."+session+".*.tmp")); err == nil {
		for _, t := range tmp {
			os.Remove(t)
		}
	}
	if lock != nil {
		lock.Close()
	}
	os.Remove(filepath.Join(folder, session+".lock"))
}

// writeNote writes a recovery note atomically: to a temporary file,
// synced, then renamed over the note.
func writeNote(path string, note recoveryNote) (err error) {
	data, err := json.MarshalIndent(note, "", "  ")
	if err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// crashedSession is the recovery file of a session that ended without
// cleaning up, found at start, whose lock this window now holds.
type crashedSession struct {
	session string
	lock    *os.File
	note    recoveryNote
}

// crashed finds the sessions that ended without cleaning up their recovery
// files, newest first, and takes their locks so that no other window offers
// them too. It runs at start, on the UI goroutine: it lists one small
// folder.
func (r *recovery) crashed() []*crashedSession {
	if r.folder == "" {
		return nil
	}
	entries, err := os.ReadDir(r.folder)
	if err != nil {
		return nil
	}
	var found []*crashedSession
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || e.IsDir() {
			continue
		}
		session, ext := strings.TrimSuffix(name, filepath.Ext(name)), filepath.Ext(name)
		if session == r.session || (ext != ".xlsx" && ext != ".lock") {
			continue
		}
		_, err := os.Stat(r.file(session, ".xlsx"))
		hasWork := err == nil
		if ext == ".lock" && hasWork {
			continue // met as its .xlsx
		}
		lock, err := lockFile(r.file(session, ".lock"))
		if err != nil {
			continue // its window is still open, or the lock cannot be had
		}
		if !hasWork {
			removeSession(r.folder, session, lock) // ended between its lock and its first write
			continue
		}
		found = append(found, &crashedSession{session: session, lock: lock, note: readNote(r.file(session, ".json"), e)})
	}
	slices.SortFunc(found, func(a, b *crashedSession) int { return b.note.Written.Compare(a.note.Written) })
	return found
}

// readNote reads a crashed session's note; without one (the app stopped
// between writing the workbook and its note), the workbook's time stands
// for it.
func readNote(path string, workbook os.DirEntry) recoveryNote {
	var note recoveryNote
	if data, err := os.ReadFile(path); err == nil && json.Unmarshal(data, &note) == nil {
		return note
	}
	note = recoveryNote{Name: "Untitled"}
	if fi, err := workbook.Info(); err == nil {
		note.Written = fi.ModTime()
	}
	return note
}

// read reads a crashed session's document, on a worker.
func (r *recovery) read(c *crashedSession, today time.Time) (*planbook.Assembly, error) {
	src, err := planbook.ReadFile(r.file(c.session, ".xlsx"), importers.Options{})
	if err != nil {
		return nil, err
	}
	if src.Plan == nil {
		return nil, errors.New("the recovery file is not a plan workbook")
	}
	return planbook.Assemble([]*planbook.Source{src}, today), nil
}

// discard removes a crashed session's files, on a worker.
func (r *recovery) discard(c *crashedSession) {
	removeSession(r.folder, c.session, c.lock)
}

// adopt makes a crashed session's files this session's, as its work is
// restored: the document is then protected as it was, without a write.
// It runs on a worker, as operation op.
func (r *recovery) adopt(op int, c *crashedSession) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer removeSession(r.folder, c.session, c.lock)
	if op < r.applied {
		return nil
	}
	r.applied = op
	if err := r.takeLock(); err != nil {
		return err
	}
	if err := os.Rename(r.file(c.session, ".xlsx"), r.file(r.session, ".xlsx")); err != nil {
		return err
	}
	return writeNote(r.file(r.session, ".json"), c.note)
}

// setAside moves a crashed session's files that could not be read into
// the "damaged" folder beside them, where they are offered no more but
// are not lost. It returns that folder.
func (r *recovery) setAside(c *crashedSession) string {
	dir := filepath.Join(r.folder, "damaged")
	if err := os.MkdirAll(dir, 0o700); err == nil {
		for _, ext := range []string{".xlsx", ".json"} {
			os.Rename(r.file(c.session, ext), filepath.Join(dir, c.session+ext))
		}
	}
	removeSession(r.folder, c.session, c.lock)
	return dir
}
