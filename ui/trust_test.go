package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// importGutFeel imports a list whose only criterion column, "Gut feel",
// maps to no criterion, into the (edited) sample, and returns the preview
// before the import is confirmed.
func importGutFeel(t *testing.T, w *MainWindow, rows string) *importPreview {
	t.Helper()
	list := filepath.Join(t.TempDir(), "agencies.csv")
	if err := os.WriteFile(list, []byte("Partner Name,Website,Gut feel\n"+rows), 0o644); err != nil {
		t.Fatal(err)
	}
	w.edit("", func(e *core.Ecosystem) error { e.Partners[0].Owner = "Me"; return nil })
	wait(t, w.Import(list))
	p := w.preview
	if p == nil || !p.open {
		t.Fatal("no preview")
	}
	return p
}

// TestPreviewSaysMissingCriterionFirst: a list with no column for the
// scorecard's criteria says so first in the preview, with the criterion's
// weight; mapping the column takes that line away. Before, the preview
// said "None: every row reads cleanly" and every partner counted the
// minimum without a word.
func TestPreviewSaysMissingCriterionFirst(t *testing.T) {
	w := newTestWindow(t)
	p := importGutFeel(t, w, "Nimbus Agency,nimbus.example,4\nOrbit Studio,orbit.example,5\n")
	first := strings.SplitN(p.problems.Text, "\n", 2)[0]
	if want := "• No column holds Shared ICP (35% of the score), Customer overlap (25% of the score), Product alignment (20% of the score) and Revenue potential (20% of the score): each of the 2 partners counts the minimum on them"; !strings.HasPrefix(first, want) {
		t.Errorf("first problem = %q, want it to start %q", first, want)
	}
	p.selects[2].SetSelected(criterionPrefix + "Shared ICP")
	wait(t, p.read)
	if want := "• No column holds Customer overlap (25% of the score), Product alignment (20% of the score) and Revenue potential (20% of the score): each of the 2 partners"; !strings.HasPrefix(p.problems.Text, want) {
		t.Errorf("problems after mapping Gut feel to Shared ICP = %q, want it to start %q", p.problems.Text, want)
	}
}

// TestEvaluateSaysCriterionWithNoColumn: a criterion no partner has a
// value for is said first on Evaluate, with its weight and what to do.
func TestEvaluateSaysCriterionWithNoColumn(t *testing.T) {
	w := newTestWindow(t)
	w.edit("", func(e *core.Ecosystem) error {
		for _, p := range e.Partners {
			p.ClearValue(core.SharedICP)
		}
		return nil
	})
	w.Show(stepEvaluate)
	ev := w.screens[stepEvaluate].(*evaluateScreen)
	if !strings.HasPrefix(ev.missing.Text, "No column holds Shared ICP (35% of the score): each of the 40 partners counts the minimum on it") || ev.missing.Importance != widget.DangerImportance {
		t.Errorf("Evaluate says %q (%v), want Shared ICP missing for all 40 first, in red", ev.missing.Text, ev.missing.Importance)
	}
}

// TestIncompletePartnersNamed: after importing partners without criterion
// values, Evaluate says which criteria are missing for how many partners,
// Prioritize's confidence says "Incomplete" instead of a percentage, and a
// partner's detail names what it lacks. Before, the detail said only "Some
// criteria have no value" and confidence read 100%.
func TestIncompletePartnersNamed(t *testing.T) {
	w := newTestWindow(t)
	importGutFeel(t, w, "Nimbus Agency,nimbus.example,4\n")
	wait(t, tapImport(t, w))

	w.Show(stepEvaluate)
	ev := w.screens[stepEvaluate].(*evaluateScreen)
	if !ev.missing.Visible() || !strings.Contains(ev.missing.Text, "Missing values: Shared ICP (1 partner), Customer overlap (3 partners)") {
		t.Errorf("Evaluate says %q (shown %v), want Shared ICP missing for 1 partner and overlap for 3", ev.missing.Text, ev.missing.Visible())
	}

	w.Show(stepPrioritize)
	pr := w.screens[stepPrioritize].(*prioritizeScreen)
	i := partnerIndex(t, w, "Nimbus Agency")
	var conf tableColumn
	for _, c := range pr.table.cols {
		if c.title == "Confidence" {
			conf = c
		}
	}
	if conf.text == nil {
		t.Fatal("no Confidence column in Prioritize")
	}
	if got := conf.text(i); got != "Incomplete" {
		t.Errorf("Nimbus confidence = %q, want Incomplete", got)
	}
	if got := conf.text(partnerIndex(t, w, "Cobalt CRM")); !strings.HasSuffix(got, "%") && got != "…" {
		t.Errorf("Cobalt CRM confidence = %q, want a percentage", got)
	}
	pr.table.selected = i
	pr.showDetail()
	if want := "Incomplete: no Shared ICP, no Customer overlap"; !strings.Contains(pr.detail.Text, want) {
		t.Errorf("detail = %q, want it to contain %q", pr.detail.Text, want)
	}
	if strings.Contains(pr.detail.Text, "Confidence") {
		t.Errorf("detail = %q gives a confidence for an incomplete partner", pr.detail.Text)
	}
}

// TestDiscoverPossibleDuplicates: two partners that only look alike are
// listed in Discover; Merge makes them one (undoably) and remembers it,
// Keep apart takes the pair off the list.
func TestDiscoverPossibleDuplicates(t *testing.T) {
	tests := []struct {
		button   string
		partners int // after the click, of 43 (40 + 3)
		same     bool
	}{
		{"Merge", 42, true},
		{"Keep apart", 43, false},
	}
	for _, tt := range tests {
		t.Run(tt.button, func(t *testing.T) {
			w := newTestWindow(t)
			importGutFeel(t, w, "Nimbus Group,nimbus.example,4\nNimbus Holdings,nimbus-holdings.example,3\nOrbit Studio,orbit.example,5\n")
			wait(t, tapImport(t, w))
			if n := len(w.doc.Ecosystem.Partners); n != 43 {
				t.Fatalf("%d partners after the import, want 43: the look-alikes must be kept apart", n)
			}
			w.Show(stepDiscover)
			d := w.screens[stepDiscover].(*discoverScreen).dups
			if !d.banner.Visible() || len(d.pairs) != 1 || d.pairs[0].A != "Nimbus Group" || d.pairs[0].B != "Nimbus Holdings" {
				t.Fatalf("possible duplicates = %+v (shown %v), want Nimbus Group and Nimbus Holdings", d.pairs, d.banner.Visible())
			}
			if !strings.HasPrefix(d.text.Text, "1 pair of partners may be duplicates") {
				t.Errorf("banner = %q, want the count", d.text.Text)
			}
			test.Tap(findButton(t, d.banner, "Review…"))
			if !strings.Contains(labelsOf(d.rows), "Nimbus Group  and  Nimbus Holdings") {
				t.Fatalf("review lists %q, want the pair", labelsOf(d.rows))
			}
			test.Tap(findButton(t, d.rows, tt.button))
			e := w.doc.Ecosystem
			if n := len(e.Partners); n != tt.partners {
				t.Errorf("%d partners after %s, want %d", n, tt.button, tt.partners)
			}
			if same, ok := e.SamePartners[core.PairKey("Nimbus Group", "Nimbus Holdings")]; !ok || same != tt.same {
				t.Errorf("verdict = %v, %v; want %v recorded", same, ok, tt.same)
			}
			if d.banner.Visible() || len(d.pairs) != 0 || !strings.Contains(labelsOf(d.rows), "None left to decide") {
				t.Errorf("after %s the pair is still listed: %+v, %q", tt.button, d.pairs, labelsOf(d.rows))
			}
			w.Undo()
			if n := len(w.doc.Ecosystem.Partners); n != 43 || len(d.pairs) != 1 {
				t.Errorf("after Undo: %d partners, %d pairs; want 43 and the pair back", n, len(d.pairs))
			}
		})
	}
}
