package ui

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// fakeClock is env.now for tests: it says what time it is until a test
// moves it on.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// fakeTimers is env.after for tests: it keeps what is armed, and the test
// fires it, as the clock moving on would.
type fakeTimers struct{ armed []*fakeTimer }

type fakeTimer struct {
	d       time.Duration
	f       func()
	stopped bool
}

func (ft *fakeTimers) after(d time.Duration, f func()) func() {
	t := &fakeTimer{d: d, f: f}
	ft.armed = append(ft.armed, t)
	return func() { t.stopped = true }
}

// pending lists the delays of the timers armed and not stopped.
func (ft *fakeTimers) pending() []time.Duration {
	var ds []time.Duration
	for _, t := range ft.armed {
		if !t.stopped {
			ds = append(ds, t.d)
		}
	}
	return ds
}

// fire runs the timers armed and not stopped.
func (ft *fakeTimers) fire() {
	armed := ft.armed
	ft.armed = nil
	for _, t := range armed {
		if !t.stopped {
			t.f()
		}
	}
}

// recoveryEnv is testEnv with recovery files in folder, the clock and the
// timers given.
func recoveryEnv(folder string, clock *fakeClock, timers *fakeTimers) env {
	e := testEnv()
	e.RecoveryFolder = folder
	e.now = clock.now
	e.after = timers.after
	e.recoveryDelay = RecoveryInterval
	return e
}

// recoveryFiles lists the recovery files in folder, without the locks.
func recoveryFiles(t testing.TB, folder string) []string {
	t.Helper()
	entries, err := os.ReadDir(folder)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".lock") {
			names = append(names, e.Name())
		}
	}
	return names
}

// abandon lets go of a window's recovery files as a crash does: the lock
// is gone, the files stay.
func abandon(w *MainWindow) {
	r := w.recovery
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lock != nil {
		r.lock.Close()
		r.lock = nil
	}
}

// editedSample is a window whose recovery folder is folder, with the
// sample open, one weight changed and the change written to the folder:
// the work a crash would leave behind. It returns the window's timers for
// the writes to come.
func editedSample(t *testing.T, folder string, clock *fakeClock) (*MainWindow, *fakeTimers) {
	t.Helper()
	timers := &fakeTimers{}
	w := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, clock, timers))
	w.openSample()
	w.edit("", func(e *core.Ecosystem) error { e.Scorecard.Criteria[0].Weight = 12; return nil })
	timers.fire()
	return w, timers
}

// tapOffer taps a button of the offer to restore and waits until what
// follows is shown.
func tapOffer(t testing.TB, w *MainWindow, button string) {
	t.Helper()
	o := w.offer
	if o == nil || topDialog(w) == nil {
		t.Fatal("no offer to restore")
	}
	switch button {
	case "Restore":
		test.Tap(o.restore)
	case "Discard":
		test.Tap(o.discard)
	}
	wait(t, o.settled)
}

func TestRecoveryWriteThenRestoreAfterACrash(t *testing.T) {
	dir, folder := t.TempDir(), t.TempDir()
	plan := samplePlan(t, dir, "plan.xlsx", 40)
	clock := &fakeClock{time.Date(2026, time.December, 2, 18, 4, 0, 0, time.UTC)}
	timers := &fakeTimers{}

	a := test.NewTempApp(t)
	w1 := newMainWindow(a, nil, recoveryEnv(folder, clock, timers))
	defer w1.Window.Close()
	wait(t, w1.OpenPath(plan))
	if len(timers.pending()) != 0 || len(recoveryFiles(t, folder)) != 0 {
		t.Fatal("a plan just opened has a recovery file, or one armed")
	}

	// Two edits arm one write, RecoveryInterval away; nothing is written
	// before it.
	w1.edit("", func(e *core.Ecosystem) error { e.Scorecard.Criteria[0].Weight = 73; return nil })
	w1.edit("", func(e *core.Ecosystem) error { e.Thresholds.Tier3 = 21; return nil })
	if got := timers.pending(); !slices.Equal(got, []time.Duration{30 * time.Second}) {
		t.Fatalf("armed = %v, want one write in 30s", got)
	}
	if got := recoveryFiles(t, folder); len(got) != 0 {
		t.Fatalf("written before the interval: %v", got)
	}
	clock.t = clock.t.Add(30 * time.Second)
	timers.fire()
	session := w1.recovery.session
	if got, want := recoveryFiles(t, folder), []string{session + ".json", session + ".xlsx"}; !slices.Equal(got, want) {
		t.Fatalf("recovery files = %v, want %v", got, want)
	}
	src, err := planbook.ReadFile(filepath.Join(folder, session+".xlsx"), importers.Options{})
	if err != nil || src.Plan == nil {
		t.Fatalf("the recovery file is no plan workbook: %v", err)
	}
	if got := src.Plan.Scorecard.Criteria[0].Weight; got != 73 {
		t.Errorf("the recovery file holds weight %v, want 73", got)
	}
	// No edit since: nothing more is armed or written.
	if got := timers.pending(); len(got) != 0 {
		t.Errorf("armed after the write with no edit = %v", got)
	}

	// The app dies: the lock goes, the files stay. The next start, three
	// minutes later, offers them before anything else opens.
	abandon(w1)
	clock.t = time.Date(2026, time.December, 2, 18, 7, 30, 0, time.UTC)
	a2 := test.NewTempApp(t)
	a2.Preferences().SetStringList(recentKey, []string{plan})
	w2 := newMainWindow(a2, nil, recoveryEnv(folder, clock, &fakeTimers{}))
	defer w2.Window.Close()
	wait(t, w2.Start(nil))
	text := dialogText(w2)
	for _, want := range []string{w1.doc.Ecosystem.Name + ": 40 partners, " + dealCount(sampleDealRows(t)),
		"Changes to plan.xlsx, in " + dir, "Written 2 Dec 2026 at 18:04, 3 minutes ago."} {
		if !strings.Contains(text, want) {
			t.Errorf("the offer does not say %q:\n%s", want, text)
		}
	}
	if w2.doc.Path != "" {
		t.Errorf("%s opened behind the offer", w2.doc.Path)
	}

	tapOffer(t, w2, "Restore")
	if got := w2.doc.Ecosystem.Scorecard.Criteria[0].Weight; got != 73 {
		t.Errorf("restored weight = %v, want 73", got)
	}
	if got := w2.doc.Ecosystem.Thresholds.Tier3; got != 21 {
		t.Errorf("restored Tier 3 threshold = %v, want 21", got)
	}
	if !w2.doc.Unsaved || w2.doc.Path != "" {
		t.Errorf("restored: unsaved %v, path %q; want unsaved with no file", w2.doc.Unsaved, w2.doc.Path)
	}
	if got, want := w2.Window.Title(), "• plan (recovered) — Partner Atlas"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	// The crashed session's files are now the restoring window's.
	s2 := w2.recovery.session
	if got, want := recoveryFiles(t, folder), []string{s2 + ".json", s2 + ".xlsx"}; !slices.Equal(got, want) {
		t.Errorf("after restoring, recovery files = %v, want %v", got, want)
	}

	// Save asks where; saved, the recovery file goes.
	w2.Save(nil)
	if topDialog(w2) == nil {
		t.Fatal("Save of a restored document did not ask where")
	}
	topDialog(w2).Hide()
	wait(t, w2.SaveTo(plan))
	if got := recoveryFiles(t, folder); len(got) != 0 {
		t.Errorf("after saving, recovery files = %v", got)
	}

	// A third start offers nothing and reopens the plan.
	w3 := newMainWindow(a2, nil, recoveryEnv(folder, clock, &fakeTimers{}))
	defer w3.Window.Close()
	wait(t, w3.Start(nil))
	if w3.doc.Path != plan || w3.doc.Ecosystem.Scorecard.Criteria[0].Weight != 73 {
		t.Errorf("third start: %q with weight %v, want the saved plan with 73", w3.doc.Path, w3.doc.Ecosystem.Scorecard.Criteria[0].Weight)
	}
}

func TestRecoveryDiscardThenStartAsUsual(t *testing.T) {
	dir, folder := t.TempDir(), t.TempDir()
	plan := samplePlan(t, dir, "plan.xlsx", 40)
	clock := &fakeClock{today}
	w1, _ := editedSample(t, folder, clock)
	defer w1.Window.Close()
	abandon(w1)

	a := test.NewTempApp(t)
	a.Preferences().SetStringList(recentKey, []string{plan})
	w2 := newMainWindow(a, nil, recoveryEnv(folder, clock, &fakeTimers{}))
	defer w2.Window.Close()
	wait(t, w2.Start(nil))
	if text := dialogText(w2); !strings.Contains(text, "Changes to the sample ecosystem, never saved.") {
		t.Errorf("the offer does not name the sample:\n%s", text)
	}
	tapOffer(t, w2, "Discard")
	if got := recoveryFiles(t, folder); len(got) != 0 {
		t.Errorf("after Discard, recovery files = %v", got)
	}
	if w2.doc.Path != plan {
		t.Errorf("after Discard the start opened %q, want the plan saved last", w2.doc.Path)
	}
}

// TestRecoveryOfAnOpenWindowIsNotOffered: a second window of the app (a
// file double-clicked while it runs) leaves the first one's work alone.
func TestRecoveryOfAnOpenWindowIsNotOffered(t *testing.T) {
	folder := t.TempDir()
	w1, _ := editedSample(t, folder, &fakeClock{today})
	defer w1.Window.Close()

	w2 := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, &fakeClock{today}, &fakeTimers{}))
	defer w2.Window.Close()
	wait(t, w2.Start(nil))
	if w2.offer != nil {
		t.Error("the work of a window still open was offered")
	}
	if got := recoveryFiles(t, folder); len(got) != 2 {
		t.Errorf("recovery files = %v, want the first window's two", got)
	}
}

// TestRecoveryFileFollowsTheUnsavedMarker: the recovery file goes when the
// document has no unsaved changes left, whichever way.
func TestRecoveryFileFollowsTheUnsavedMarker(t *testing.T) {
	dir := t.TempDir()
	plan := samplePlan(t, dir, "plan.xlsx", 40)
	tap := func(t *testing.T, w *MainWindow, button string) {
		t.Helper()
		if topDialog(w) == nil {
			t.Fatal("no dialog asks to save")
		}
		test.Tap(findButton(t, topDialog(w), button))
	}
	tests := []struct {
		name   string
		do     func(t *testing.T, w *MainWindow)
		closes bool // do closes the window
	}{
		{"saved", func(t *testing.T, w *MainWindow) { wait(t, w.SaveTo(filepath.Join(dir, "saved.xlsx"))) }, false},
		{"undone back to the saved state", func(t *testing.T, w *MainWindow) { w.Undo() }, false},
		{"discarded for a new plan", func(t *testing.T, w *MainWindow) { w.New(); tap(t, w, "Don't save") }, false},
		{"discarded on quitting", func(t *testing.T, w *MainWindow) { w.confirmClose(); tap(t, w, "Don't save") }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			folder := t.TempDir()
			timers := &fakeTimers{}
			w := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, &fakeClock{today}, timers))
			if !tt.closes {
				defer w.Window.Close()
			}
			wait(t, w.OpenPath(plan))
			w.edit("", func(e *core.Ecosystem) error { e.Scorecard.Criteria[0].Weight = 12; return nil })
			timers.fire()
			if got := recoveryFiles(t, folder); len(got) != 2 {
				t.Fatalf("recovery files after an edit = %v, want 2", got)
			}
			tt.do(t, w)
			if got := recoveryFiles(t, folder); len(got) != 0 {
				t.Errorf("recovery files = %v, want none", got)
			}
			if _, err := os.Stat(filepath.Join(folder, w.recovery.session+".lock")); !os.IsNotExist(err) {
				t.Errorf("the lock file stays: %v", err)
			}
			if got := timers.pending(); len(got) != 0 {
				t.Errorf("a write is still armed: %v", got)
			}
		})
	}
}

// TestRecoveryOfAnImportNeverOverwritesItSilently: a plan made from a list
// and restored still knows the list, so Save As asks before writing over
// it.
func TestRecoveryOfAnImportNeverOverwritesItSilently(t *testing.T) {
	dir, folder := t.TempDir(), t.TempDir()
	list := agencyList(t, dir, "agencies.csv")
	timers := &fakeTimers{}
	w1 := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, &fakeClock{today}, timers))
	defer w1.Window.Close()
	wait(t, w1.Import(list))
	wait(t, tapImport(t, w1))
	timers.fire()
	abandon(w1)

	w2 := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, &fakeClock{today}, &fakeTimers{}))
	defer w2.Window.Close()
	wait(t, w2.Start(nil))
	if text := dialogText(w2); !strings.Contains(text, "A new plan made from agencies.csv, never saved.") {
		t.Errorf("the offer does not name the list:\n%s", text)
	}
	tapOffer(t, w2, "Restore")
	if n := len(w2.doc.Ecosystem.Partners); n != 2 {
		t.Errorf("restored %d partners, want 2", n)
	}
	if !w2.isSource(list) {
		t.Error("the restored plan forgot the list it was made from: Save As would write over it unasked")
	}
}

// TestRecoveryFileUnreadableIsSetAside: a recovery file that cannot be
// read is said so and moved aside, never deleted.
func TestRecoveryFileUnreadableIsSetAside(t *testing.T) {
	folder := t.TempDir()
	os.WriteFile(filepath.Join(folder, "20261202-180400-1-1.xlsx"), []byte("PK\x03\x04 cut short"), 0o600)
	w := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, &fakeClock{today}, &fakeTimers{}))
	defer w.Window.Close()
	wait(t, w.Start(nil))
	var text string
	for _, o := range w.Window.Canvas().Overlays().List() {
		text += labelsOf(o)
	}
	if !strings.Contains(text, "cannot read them back") {
		t.Errorf("no dialog says the recovery file cannot be read:\n%s", text)
	}
	if _, err := os.Stat(filepath.Join(folder, "damaged", "20261202-180400-1-1.xlsx")); err != nil {
		t.Errorf("the unreadable file was not set aside: %v", err)
	}
	if !w.doc.Sample {
		t.Error("the start did not go on to the sample")
	}
}

// recoveryHelperEnv names the folder of the helper process's recovery
// files; TestRecoveryAfterKill sets it.
const recoveryHelperEnv = "PARTNERATLAS_TEST_RECOVERY_FOLDER"

// TestRecoveryHelperProcess is the app that TestRecoveryAfterKill kills:
// a window over the sample whose first weight is changed, with the app's
// timers and workers, that says "ready" once its recovery file is written
// and then waits to be killed.
func TestRecoveryHelperProcess(t *testing.T) {
	folder := os.Getenv(recoveryHelperEnv)
	if folder == "" {
		return // run only by TestRecoveryAfterKill
	}
	e := desktopEnv(Options{RecoveryFolder: folder})
	e.recoveryDelay = 50 * time.Millisecond
	doc, err := SampleDocument(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	l := newUILoop(t) // its timers and workers report to a UI goroutine, as in the app
	w := newMainWindow(l, doc, e)
	l.driver.queue <- func() {
		w.edit("", func(e *core.Ecosystem) error { e.Scorecard.Criteria[0].Weight = 73; return nil })
	}
	l.runUntil(t, w, "the recovery file", func() bool {
		_, err := os.Stat(filepath.Join(folder, w.recovery.session+".json"))
		return err == nil
	})
	fmt.Println("ready")
	l.run(t, w, nil) // until killed, or the loop's time runs out
}

// TestRecoveryAfterKill kills, with SIGKILL, a process holding unsaved
// work in its window, then starts a window that offers and restores it.
func TestRecoveryAfterKill(t *testing.T) {
	folder := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRecoveryHelperProcess$")
	cmd.Env = append(os.Environ(), recoveryHelperEnv+"="+folder)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	ready := make(chan bool)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			if s.Text() == "ready" {
				ready <- true
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("the helper process ended before its recovery file was written")
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the helper process did not write its recovery file")
	}

	// Alive, its work is not offered.
	alive := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, &fakeClock{time.Now()}, &fakeTimers{}))
	defer alive.Window.Close()
	wait(t, alive.Start(nil))
	if alive.offer != nil {
		t.Fatal("the work of a live process was offered")
	}

	if err := cmd.Process.Kill(); err != nil { // SIGKILL: nothing is cleaned up
		t.Fatal(err)
	}
	cmd.Wait()

	w := newMainWindow(test.NewTempApp(t), nil, recoveryEnv(folder, &fakeClock{time.Now()}, &fakeTimers{}))
	defer w.Window.Close()
	wait(t, w.Start(nil))
	if text := dialogText(w); !strings.Contains(text, "Changes to the sample ecosystem, never saved.") || !strings.Contains(text, "just now") {
		t.Errorf("the offer after the kill says:\n%s", text)
	}
	tapOffer(t, w, "Restore")
	if got := w.doc.Ecosystem.Scorecard.Criteria[0].Weight; got != 73 {
		t.Errorf("restored weight = %v, want the killed process's 73", got)
	}
	if !w.doc.Unsaved {
		t.Error("the restored work is not marked unsaved")
	}
}

// TestRecoveryFollowsTheDocument: a document that takes the place of one
// already written (a list imported into a new plan, say) is written in
// its turn, with no edit of its own.
func TestRecoveryFollowsTheDocument(t *testing.T) {
	folder := t.TempDir()
	w, timers := editedSample(t, folder, &fakeClock{today})
	defer w.Window.Close()

	other := NewDocument(today)
	other.Name, other.Unsaved = "agencies.csv", true
	other.Ecosystem.Name = "Agencies"
	w.setDocument(other, nil)
	if got := timers.pending(); len(got) != 1 {
		t.Fatalf("armed after the new document = %v, want one write", got)
	}
	timers.fire()
	src, err := planbook.ReadFile(filepath.Join(folder, w.recovery.session+".xlsx"), importers.Options{})
	if err != nil || src.Plan == nil {
		t.Fatalf("no plan in the recovery file: %v", err)
	}
	if src.Plan.Name != "Agencies" {
		t.Errorf("the recovery file holds %q, want the new document, Agencies", src.Plan.Name)
	}
}
