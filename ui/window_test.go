package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
	"partneratlas/internal/fixtures"
	"partneratlas/resources"
)

// newTestWindow is a window on the sample document.
func newTestWindow(t testing.TB) *MainWindow {
	return newSampleWindow(t, func(*Document) {})
}

// newSampleWindow is a window on the sample document as change leaves it.
func newSampleWindow(t testing.TB, change func(*Document)) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	doc, err := SampleDocument(today)
	if err != nil {
		t.Fatalf("SampleDocument: %v", err)
	}
	change(doc)
	w := newMainWindow(a, doc, testEnv())
	t.Cleanup(w.Window.Close)
	return w
}

// sampleDealRows counts the rows of the sample's deal export, read as
// plain CSV.
func sampleDealRows(t testing.TB) int {
	t.Helper()
	return len(fixtures.CSVData(t, resources.SampleDealsFileName, resources.SampleDealsCSV)) - 1
}

// wait waits for a job or a read to be shown.
func wait(t testing.TB, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(20 * time.Second):
		t.Fatal("timed out waiting for the window")
	}
}

// eventually waits until cond, checked on the UI goroutine, holds.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ok := false
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// waitConfidence waits until tier confidence has arrived for every partner.
func waitConfidence(t testing.TB, w *MainWindow) {
	eventually(t, "tier confidence", func() bool { return len(w.ev.Confidence) == len(w.doc.Ecosystem.Partners) })
}

// partnerIndex finds a partner of the document by name.
func partnerIndex(t testing.TB, w *MainWindow, name string) int {
	t.Helper()
	i := slices.IndexFunc(w.doc.Ecosystem.Partners, func(p *core.Partner) bool { return p.Name == name })
	if i < 0 {
		t.Fatalf("no partner %q", name)
	}
	return i
}

// selectPartner selects a partner's row in a table, as a click does.
func selectPartner(t testing.TB, pt *partnerTable, i int) {
	t.Helper()
	row := pt.row(i)
	if row < 0 {
		t.Fatalf("partner %d is not shown in the table", i)
	}
	pt.table.Select(widget.TableCellID{Row: row, Col: 0})
}

func TestSidebarShowsEachStepWithItsStatus(t *testing.T) {
	w := newTestWindow(t)
	deals := sampleDealRows(t)
	tests := []struct {
		step   step
		status string
	}{
		{stepDiscover, "40 partners · 1 source"},
		{stepSegment, "40 partners · 0 without a role"},
		{stepEvaluate, "4 criteria · 3 not fully scored"},
		{stepPrioritize, "Tier 1 + 2: 15 · in the 10–20 band"},
		{stepDesign, "65 plays · 20 segments"},
		{stepActivate, fmt.Sprintf("%d deals · review 25 May 2027", deals)},
		{stepMaturity, "0 of 5 dimensions rated"},
	}
	for _, tt := range tests {
		t.Run(stepTitles[tt.step], func(t *testing.T) {
			w.sidebar.Select(int(tt.step))
			if w.current != tt.step {
				t.Fatalf("current = %d, want %d", w.current, tt.step)
			}
			if got := w.pane.Objects[0]; got != w.screens[tt.step].content() {
				t.Error("the main pane does not show the chosen step")
			}
			if got, _ := w.stepStatus(tt.step); got != tt.status {
				t.Errorf("status = %q, want %q", got, tt.status)
			}
		})
	}
}

func TestStatusBarAndTitle(t *testing.T) {
	w := newTestWindow(t)
	if got, want := w.Window.Title(), "sample-partners.csv (sample) — Partner Atlas"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := w.status.count.Text, fmt.Sprintf("40 partners · %d deals", sampleDealRows(t)); got != want {
		t.Errorf("count = %q, want %q", got, want)
	}
	if got, want := w.status.review.Text, "Next review 25 May 2027"; got != want {
		t.Errorf("review = %q, want %q", got, want)
	}
	w.edit("", func(e *core.Ecosystem) error { e.Review.Next = today.AddDate(0, 0, -1); return nil })
	if !strings.HasPrefix(w.Window.Title(), "• ") {
		t.Errorf("title = %q, want the unsaved marker", w.Window.Title())
	}
	if w.status.review.Importance != widget.DangerImportance || !strings.Contains(w.status.review.Text, "overdue") {
		t.Errorf("review = %q (importance %v), want it highlighted as overdue", w.status.review.Text, w.status.review.Importance)
	}
}

func TestTableSortsByTappedHeaderAndSearches(t *testing.T) {
	w := newTestWindow(t)
	pt := w.screens[stepPrioritize].(*prioritizeScreen).table
	w.Show(stepPrioritize)
	score := pt.column("Score")
	h := newHeaderCell(pt.sortBy)
	pt.updateHeader(widget.TableCellID{Row: -1, Col: score}, h)
	test.Tap(h)
	res := w.ev.Results
	for r := 1; r < len(pt.rows); r++ {
		if res[pt.rows[r-1]].Score < res[pt.rows[r]].Score {
			t.Fatalf("after a tap on Score, row %d scores %v after %v", r, res[pt.rows[r]].Score, res[pt.rows[r-1]].Score)
		}
	}
	test.Tap(h)
	for r := 1; r < len(pt.rows); r++ {
		if res[pt.rows[r-1]].Score > res[pt.rows[r]].Score {
			t.Fatalf("after a second tap, row %d scores %v after %v", r, res[pt.rows[r]].Score, res[pt.rows[r-1]].Score)
		}
	}
	name := newHeaderCell(pt.sortBy)
	pt.updateHeader(widget.TableCellID{Row: -1, Col: pt.column("Partner")}, name)
	test.Tap(name)
	for r := 1; r < len(pt.rows); r++ {
		a, b := pt.cellText(r-1, pt.column("Partner")), pt.cellText(r, pt.column("Partner"))
		if strings.ToLower(a) > strings.ToLower(b) {
			t.Fatalf("sorted by name, %q comes before %q", a, b)
		}
	}

	for _, q := range []string{"lindqvist", "apac", "cobalt", "zzz-nothing"} {
		want := 0
		for _, p := range w.doc.Ecosystem.Partners {
			if matches(p, q) {
				want++
			}
		}
		w.toolbar.search.SetText("")
		test.Type(w.toolbar.search, q)
		if len(pt.rows) != want {
			t.Errorf("search %q shows %d rows, want %d", q, len(pt.rows), want)
		}
		if got := pt.count.Text; !strings.HasPrefix(got, "Showing ") || !strings.HasSuffix(got, " of 40 partners") {
			t.Errorf("count = %q", got)
		}
	}
}

func TestUndoRedoEveryEdit(t *testing.T) {
	tests := []struct {
		name string
		do   func(w *MainWindow)
		get  func(e *core.Ecosystem) any
	}{
		{"weight", func(w *MainWindow) {
			w.screens[stepEvaluate].(*evaluateScreen).refresh()
			w.screens[stepEvaluate].(*evaluateScreen).rows[0].weight.SetText("60")
		}, func(e *core.Ecosystem) any { return e.Scorecard.Criteria[0].Weight }},
		{"role", func(w *MainWindow) {
			w.edit("", func(e *core.Ecosystem) error { e.Partners[0].SetPrimaryRole(core.Influencer); return nil })
		}, func(e *core.Ecosystem) any { return e.Partners[0].PrimaryRole() }},
		{"maturity", func(w *MainWindow) {
			test.Tap(w.screens[stepMaturity].(*maturityScreen).cells[core.Measurement][1])
		}, func(e *core.Ecosystem) any { return e.Maturity.Ratings[core.Measurement] }},
		{"source removed", func(w *MainWindow) {
			w.screens[stepDiscover].(*discoverScreen).removeSource("sample-partners.csv")
		}, func(e *core.Ecosystem) any { return len(e.Partners) }},
		{"reviewed", func(w *MainWindow) {
			test.Tap(w.screens[stepActivate].(*activateScreen).mark)
		}, func(e *core.Ecosystem) any { return e.Review.Last }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newTestWindow(t)
			before := tt.get(w.doc.Ecosystem)
			tt.do(w)
			after := tt.get(w.doc.Ecosystem)
			if after == before {
				t.Fatalf("the edit changed nothing: %v", after)
			}
			if w.toolbar.undoButton.Disabled() {
				t.Error("Undo is disabled after an edit")
			}
			w.Undo()
			if got := tt.get(w.doc.Ecosystem); got != before {
				t.Errorf("after Undo: %v, want %v", got, before)
			}
			w.Redo()
			if got := tt.get(w.doc.Ecosystem); got != after {
				t.Errorf("after Redo: %v, want %v", got, after)
			}
		})
	}
}

func TestTypingIsOneUndoStep(t *testing.T) {
	w := newTestWindow(t)
	w.Show(stepEvaluate)
	s := w.screens[stepEvaluate].(*evaluateScreen)
	e := s.rows[0].weight
	w.Window.Canvas().Focus(e)
	e.SetText("")
	test.Type(e, "52")
	for _, v := range []float64{10, 20, 30} {
		s.rows[0].slider.SetValue(v) // a drag on another control of the same weight
	}
	if got := w.doc.Ecosystem.Scorecard.Criteria[0].Weight; got != 30 {
		t.Fatalf("weight = %v, want 30", got)
	}
	w.Undo()
	if got := w.doc.Ecosystem.Scorecard.Criteria[0].Weight; got != 35 {
		t.Errorf("after one Undo weight = %v, want 35", got)
	}
	for i := 0; i < maxUndo+20; i++ {
		w.edit("", func(e *core.Ecosystem) error { e.Thresholds.Tier3 = float64(i % 30); return nil })
	}
	if n := len(w.history.undos); n != maxUndo {
		t.Errorf("undo history holds %d steps, want the cap %d", n, maxUndo)
	}
}

func TestNewAsksToSaveUnsavedChanges(t *testing.T) {
	w := newTestWindow(t)
	w.edit("", func(e *core.Ecosystem) error { e.Partners[0].Owner = "Changed"; return nil })
	w.New()
	if !strings.Contains(dialogText(w), "Save the changes to") || len(w.doc.Ecosystem.Partners) != 40 {
		t.Fatal("New with unsaved changes did not ask first")
	}
	test.Tap(findButton(t, topDialog(w), "Cancel"))
	if len(w.doc.Ecosystem.Partners) != 40 {
		t.Fatal("Cancel dropped the document")
	}
	w.New()
	test.Tap(findButton(t, topDialog(w), "Don't save"))
	if n := len(w.doc.Ecosystem.Partners); n != 0 || w.doc.Unsaved {
		t.Errorf("after Don't save: %d partners, unsaved %v; want a new empty plan", n, w.doc.Unsaved)
	}
}

func TestSaveNeverWritesOverAnInput(t *testing.T) {
	w := newTestWindow(t)
	list := previewList(t, w, "partners.csv", "Partner Name,Website\nAcme,acme.com\nGlobex,globex.com\n")
	dir := filepath.Dir(list)
	wait(t, tapImport(t, w))

	if w.doc.Path != "" {
		t.Fatalf("a plan made from a list has path %q, want none", w.doc.Path)
	}
	w.Save(nil)
	if w.Window.Canvas().Overlays().Top() == nil {
		t.Error("Save of a plan with no file did not ask where (Save As)")
	}
	w.Window.Canvas().Overlays().Top().Hide()

	written := false
	w.confirmNotSource(list, func() { written = true })
	if written || !strings.Contains(dialogText(w), "is one of the lists you imported") {
		t.Fatal("saving onto an imported list did not ask first")
	}
	test.Tap(findButton(t, topDialog(w), "Cancel"))
	if written {
		t.Fatal("Cancel still wrote")
	}
	data, _ := os.ReadFile(list)
	if !strings.HasPrefix(string(data), "Partner Name") {
		t.Error("the imported list changed")
	}

	plan := filepath.Join(dir, "plan.xlsx")
	wait(t, w.SaveTo(plan))
	if w.doc.Path != plan || w.doc.Unsaved {
		t.Errorf("after SaveTo: path %q unsaved %v", w.doc.Path, w.doc.Unsaved)
	}
	if got, want := w.Window.Title(), "plan.xlsx — Partner Atlas"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := w.RecentFiles(); len(got) == 0 || got[0] != plan {
		t.Errorf("recent files = %v, want %s first", got, plan)
	}
}

func TestFirstStartOpensSampleWithHintThenReopensLastPlan(t *testing.T) {
	a := test.NewTempApp(t)
	w := newMainWindow(a, nil, testEnv())
	defer w.Window.Close()
	w.Start(nil)
	if !w.doc.Sample || len(w.hint.Objects) == 0 {
		t.Fatalf("first start: sample %v, hint shown %v; want the sample with a hint", w.doc.Sample, len(w.hint.Objects) > 0)
	}
	plan := filepath.Join(t.TempDir(), "plan.xlsx")
	wait(t, w.SaveTo(plan))

	w2 := newMainWindow(a, nil, testEnv())
	defer w2.Window.Close()
	wait(t, w2.Start(nil))
	if w2.doc.Path != plan {
		t.Fatalf("the second start opened %q, want %s", w2.doc.Path, plan)
	}
	if n := len(w2.doc.Ecosystem.Partners); n != 40 {
		t.Errorf("reopened %d partners, want 40", n)
	}
	if len(w2.hint.Objects) != 0 {
		t.Error("the first-start hint shows on a later start")
	}
}

func TestCancelIgnoresResult(t *testing.T) {
	// The job must still run when Cancel is tapped: on a goroutine, as in the app.
	w := newTestWindow(t)
	w.env.background = func(f func()) { go f() }
	release := make(chan struct{})
	done := w.startJob("Working", "Testing…", func() func() {
		<-release
		return func() { t.Error("the result of a cancelled job was shown") }
	})
	if !w.toolbar.importButton.Disabled() {
		t.Error("Import is enabled while a job runs")
	}
	// The dialog's Cancel button is the only button of its overlay.
	test.Tap(findButton(t, topDialog(w), "Cancel"))
	close(release)
	wait(t, done)
	if w.toolbar.importButton.Disabled() {
		t.Error("Import stays disabled after Cancel")
	}
}

func TestUndoBackToTheSavedStateClearsTheMarker(t *testing.T) {
	w := newTestWindow(t)
	setTier3 := func(v float64) {
		w.edit("", func(e *core.Ecosystem) error { e.Thresholds.Tier3 = v; return nil })
	}
	setTier3(30)
	wait(t, w.SaveTo(filepath.Join(t.TempDir(), "plan.xlsx")))
	steps := []struct {
		what    string
		do      func()
		unsaved bool
	}{
		{"right after saving", func() {}, false},
		{"an edit after saving", func() { setTier3(31) }, true},
		{"undoing back to the saved state", w.Undo, false},
		{"undoing past the saved state", w.Undo, true},
		{"redoing back to the saved state", w.Redo, false},
		// A new edit after undoing below the saved state makes it
		// unreachable.
		{"an edit below the saved state", func() { w.Undo(); setTier3(20) }, true},
		{"undoing that edit", w.Undo, true},
	}
	for _, s := range steps {
		s.do()
		if w.doc.Unsaved != s.unsaved {
			t.Errorf("after %s: unsaved = %v, want %v", s.what, w.doc.Unsaved, s.unsaved)
		}
	}
}

func TestSaveIntoAMissingFolderExplainsAndKeepsTheWork(t *testing.T) {
	w := newTestWindow(t)
	w.edit("", func(e *core.Ecosystem) error { e.Thresholds.Tier3 = 30; return nil })
	path := filepath.Join(t.TempDir(), "unplugged drive", "plan.xlsx")
	wait(t, w.SaveTo(path))
	if shown := dialogText(w); !strings.Contains(shown, "plan.xlsx") || !strings.Contains(shown, "folder is gone") {
		t.Errorf("problem shown = %q, want the file named and the missing folder explained", shown)
	}
	if !w.doc.Unsaved || w.doc.Ecosystem.Thresholds.Tier3 != 30 {
		t.Errorf("after a failed save: unsaved %v, Tier 3 threshold %v; want the work kept", w.doc.Unsaved, w.doc.Ecosystem.Thresholds.Tier3)
	}
}

// TestSaveDialogLeavesTheChosenFileAlone: Fyne's save dialog opens the
// chosen file for writing before handing it over. That must not empty it:
// the save replaces it atomically, and a chosen input spreadsheet may yet be
// declined.
func TestSaveDialogLeavesTheChosenFileAlone(t *testing.T) {
	newTestWindow(t)
	path := filepath.Join(t.TempDir(), "partners.xlsx")
	os.WriteFile(path, []byte("the user's spreadsheet"), 0o644)
	wc, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	wc.Close()
	if b, _ := os.ReadFile(path); string(b) != "the user's spreadsheet" {
		t.Errorf("after the dialog's writer: %q, want the file untouched", b)
	}
	// Writing through it still writes.
	wc, _ = storage.Writer(storage.NewFileURI(path))
	wc.Write([]byte("new"))
	wc.Close()
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after writing: %q, want new", b)
	}
	fresh := filepath.Join(filepath.Dir(path), "fresh.xlsx")
	wc, _ = storage.Writer(storage.NewFileURI(fresh))
	wc.Close()
	if _, err := os.Stat(fresh); err == nil {
		t.Errorf("a writer closed unused created %s", fresh)
	}
}

// TestImportInPlaceOfTheSampleStartsANewDocument: the first import replaces
// the sample as opening a file would, so Undo cannot bring the sample's
// partners back under the imported file's name.
func TestImportInPlaceOfTheSampleStartsANewDocument(t *testing.T) {
	w := newTestWindow(t)
	list := filepath.Join(t.TempDir(), "our-partners.csv")
	os.WriteFile(list, []byte("Partner Name,Website\nAcme,acme.com\nGlobex,globex.io\n"), 0o644)
	wait(t, w.Import(list))
	wait(t, tapImport(t, w))
	if w.doc.Sample || w.doc.Name != "our-partners.csv" || len(w.doc.Ecosystem.Partners) != 2 || !w.doc.Unsaved {
		t.Fatalf("after the import: sample %v, name %q, %d partners, unsaved %v", w.doc.Sample, w.doc.Name, len(w.doc.Ecosystem.Partners), w.doc.Unsaved)
	}
	if w.history.canUndo() {
		t.Error("Undo could bring the sample back under the imported file's name")
	}
	if len(w.doc.Imported) != 1 || w.doc.Imported[0] != list {
		t.Errorf("imported = %v, want the list, so Save As asks before writing over it", w.doc.Imported)
	}
}

// TestImportIntoAPlanCountsWhatItAdds: a list added to a document says how
// many partners it brought, and Undo gives back the document as it was.
// The merge is given a copy of the document, which it changes; the count
// was read from that copy after the merge, and said none were new.
func TestImportIntoAPlanCountsWhatItAdds(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	first, second := filepath.Join(dir, "our-partners.csv"), filepath.Join(dir, "more.csv")
	os.WriteFile(first, []byte("Partner Name,Website\nAcme,acme.com\nGlobex,globex.io\n"), 0o644)
	os.WriteFile(second, []byte("Partner Name,Website\nACME Inc.,https://www.acme.com\nInitech,initech.com\n"), 0o644)
	wait(t, w.Import(first))
	wait(t, tapImport(t, w))
	wait(t, w.Import(second))
	wait(t, tapImport(t, w))
	if got, want := w.toolbar.message.Text, "Imported more.csv: 2 rows, 1 partner new, 3 partners in all."; got != want {
		t.Errorf("said %q, want %q", got, want)
	}
	if acme := w.doc.Ecosystem.FindPartner("Acme"); acme == nil || len(acme.Sources) != 2 {
		t.Fatalf("Acme after the second list: %+v, want it from both files", acme)
	}
	w.Undo()
	if n, acme := len(w.doc.Ecosystem.Partners), w.doc.Ecosystem.FindPartner("Acme"); n != 2 || acme == nil || len(acme.Sources) != 1 {
		t.Errorf("after Undo: %d partners, Acme %+v; want the 2 of the first list, Acme from it alone", n, acme)
	}
}
