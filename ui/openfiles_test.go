package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
)

// samplePlan writes the sample, with its first criterion's weight set to
// weight, as a plan workbook named name in dir, and returns its path.
func samplePlan(t testing.TB, dir, name string, weight float64) string {
	t.Helper()
	doc, err := SampleDocument(today)
	if err != nil {
		t.Fatal(err)
	}
	doc.Ecosystem.Scorecard.Criteria[0].Weight = weight
	path := filepath.Join(dir, name)
	if err := exporters.SaveWorkbook(path, doc.Ecosystem, planbook.Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	return path
}

// agencyList writes a small partner list as CSV and returns its path.
func agencyList(t testing.TB, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	data := "Partner Name,Website,Partner Type\nNimbus Agency,nimbus.example,Agency\nOrbit Studio,orbit.example,Agency\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOpenFilesAsADoubleClickDoes opens files as `partneratlas FILE…`
// does at start: a plan workbook becomes the document, any other
// spreadsheet opens in the import preview, a missing or unreadable file
// gets the dialog File › Open gives it.
func TestOpenFilesAsADoubleClickDoes(t *testing.T) {
	dir := t.TempDir()
	plan := samplePlan(t, dir, "plan.xlsx", 55)
	second := samplePlan(t, dir, "second-plan.xlsx", 20)
	list := agencyList(t, dir, "agencies.csv")
	missing := filepath.Join(dir, "gone.xlsx")
	broken := filepath.Join(dir, "broken.xlsx")
	os.WriteFile(broken, []byte("PK\x03\x04 this is no workbook"), 0o644)

	// What File › Open says of the missing and the broken file.
	openSays := map[string]string{}
	for _, p := range []string{missing, broken} {
		w := newMainWindow(test.NewTempApp(t), nil, testEnv())
		wait(t, w.OpenPath(p))
		openSays[p] = dialogText(w)
		if openSays[p] == "" {
			t.Fatalf("File › Open of %s shows no dialog", filepath.Base(p))
		}
		w.Window.Close()
	}

	tests := []struct {
		name    string
		files   []string
		doc     string   // the document's path, "" for a new plan
		weight  float64  // its first weight, when a plan opened
		preview []string // the files previewed, in order
		dialog  string   // the file whose dialog shows
	}{
		{"a plan", []string{plan}, plan, 55, nil, ""},
		{"a partner list", []string{list}, "", 0, []string{"agencies.csv"}, ""},
		{"a plan and a list", []string{plan, list}, plan, 55, []string{"agencies.csv"}, ""},
		{"a list then a plan", []string{list, plan}, plan, 55, []string{"agencies.csv"}, ""},
		{"two plans", []string{plan, second}, plan, 55, []string{"second-plan.xlsx"}, ""},
		{"a missing file", []string{missing}, "", 0, nil, missing},
		{"a damaged workbook", []string{broken}, "", 0, nil, broken},
		{"a missing file and a plan", []string{missing, plan}, plan, 55, nil, missing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			w := newMainWindow(a, nil, testEnv())
			defer w.Window.Close()
			wait(t, w.Start(tt.files))
			if w.doc.Path != tt.doc {
				t.Errorf("document = %q, want %q", w.doc.Path, tt.doc)
			}
			if tt.doc != "" {
				if got := w.doc.Ecosystem.Scorecard.Criteria[0].Weight; got != tt.weight {
					t.Errorf("first weight = %v, want %v", got, tt.weight)
				}
				if w.doc.Unsaved {
					t.Error("a plan opened with unsaved changes")
				}
			}
			var previewed []string
			if p := w.preview; p != nil && p.open {
				previewed = append(previewed, p.uri.Name())
				for _, q := range p.queue {
					previewed = append(previewed, q.uri.Name())
				}
			}
			if strings.Join(previewed, ",") != strings.Join(tt.preview, ",") {
				t.Errorf("previewed %v, want %v", previewed, tt.preview)
			}
			if tt.dialog != "" {
				found := false
				for _, o := range w.Window.Canvas().Overlays().List() {
					if strings.Contains(labelsOf(o), openSays[tt.dialog]) {
						found = true
					}
				}
				if !found {
					t.Errorf("no dialog says what File › Open says:\n%s", openSays[tt.dialog])
				}
			}
		})
	}
}

// TestStartWithOnlyMissingFilesStartsAsUsual: a double-clicked file that
// is gone shows its dialog over the plan saved last.
func TestStartWithOnlyMissingFilesStartsAsUsual(t *testing.T) {
	dir := t.TempDir()
	plan := samplePlan(t, dir, "plan.xlsx", 45)
	a := test.NewTempApp(t)
	a.Preferences().SetStringList(recentKey, []string{plan})
	w := newMainWindow(a, nil, testEnv())
	defer w.Window.Close()
	wait(t, w.Start([]string{filepath.Join(dir, "gone.csv")}))
	if w.doc.Path != plan {
		t.Errorf("document = %q, want the plan saved last", w.doc.Path)
	}
	found := false
	for _, o := range w.Window.Canvas().Overlays().List() {
		found = found || strings.Contains(labelsOf(o), "gone.csv")
	}
	if !found {
		t.Error("no dialog names the missing file")
	}
}

// TestStartAsRunGUIDoes starts windows the way runGUI does: NewMainWindow
// with the app's env (work on goroutines of their own, real timers), Start
// called on the UI goroutine when the app has started. It runs on a uiLoop,
// so under -race any widget touched off the UI goroutine fails the test:
// the class of bug that killed the app on 2 of 10 starts.
func TestStartAsRunGUIDoes(t *testing.T) {
	dir := t.TempDir()
	plan := samplePlan(t, dir, "plan.xlsx", 60)
	list := agencyList(t, dir, "agencies.csv")
	tests := []struct {
		name  string
		files []string
		ready func(w *MainWindow) bool
	}{
		{"reopening the plan saved last", nil, func(w *MainWindow) bool { return w.doc.Path == plan }},
		{"a plan and a list given", []string{plan, list}, func(w *MainWindow) bool {
			return w.doc.Path == plan && w.preview != nil && w.preview.open && w.preview.res != nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newUILoop(t)
			l.Preferences().SetStringList(recentKey, []string{plan})
			var log logBuffer
			w := NewMainWindow(l, nil, Options{Log: log.logger(),
				RecoveryFolder: t.TempDir()})
			defer w.Window.Close()
			defer w.stopConfidence()
			// The edit below arms a recovery write 30 s on: it would run in a
			// later test's loop, into this test's removed folder.
			defer w.recovery.disarm()
			var started <-chan struct{}
			l.driver.queue <- func() { started = w.Start(tt.files) }
			l.runUntil(t, w, "the start", func() bool { return started != nil })
			l.run(t, w, started)
			l.runUntil(t, w, "what opens", func() bool { return tt.ready(w) })
			l.runUntil(t, w, "tier confidence", func() bool { return w.confidence.current() })
			if got := w.doc.Ecosystem.Scorecard.Criteria[0].Weight; got != 60 {
				t.Errorf("first weight = %v, want the plan's 60", got)
			}
			// An edit on the UI goroutine, as a user's, goes on safely too.
			w.edit("", func(e *core.Ecosystem) error { e.Scorecard.Criteria[1].Weight = 11; return nil })
			l.runUntil(t, w, "tier confidence after an edit", func() bool { return w.confidence.current() })
		})
	}
}
