package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// withGlobexOverlap gives e one partner, Globex, and our account list and
// Globex's matched: Acme by its domain, Stark Industries by a similar name
// (a fuzzy match, to decide).
func withGlobexOverlap(t *testing.T, e *core.Ecosystem) {
	t.Helper()
	e.Partners = []*core.Partner{{Name: "Globex", Formal: true}}
	e.SetOurAccounts(core.AccountList{Accounts: []core.Account{
		{Name: "Stark Industries International", Population: core.Opportunity, Amount: 100},
		{Name: "Acme", Domains: []string{"acme.com"}, Population: core.Customer},
	}})
	if err := e.SetPartnerAccounts(core.AccountList{Partner: "Globex", Accounts: []core.Account{
		{Name: "Stark Industries Intl", Population: core.Customer},
		{Name: "ACME Inc", Domains: []string{"acme.com"}, Population: core.Customer},
	}}); err != nil {
		t.Fatal(err)
	}
	e.MatchAccounts()
}

func TestOverlapView(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	withGlobexOverlap(t, doc.Ecosystem)
	env := testEnv()
	env.now = func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }
	w := newMainWindow(a, doc, env)
	win := a.NewWindow("overlap")
	if o := w.doc.Ecosystem.OverlapOf("Globex"); o == nil || o.SharedCompanies() != 2 {
		t.Fatalf("overlap = %+v", o)
	}
	// Rejecting the fuzzy match through the view takes it out of the count
	// and lowers nothing else; undo brings it back.
	view := newOverlap(w, win)
	view.matrix.Select(widget.TableCellID{Row: 1, Col: 0})
	if view.selected != 0 || len(view.shared()) != 2 || view.matches.Length() != 2 {
		t.Fatalf("selecting Globex shows %d matches", len(view.shared()))
	}
	view.decide(core.FuzzyKey("Stark Industries International", "Stark Industries Intl"), core.Rejected)
	if o := w.doc.Ecosystem.OverlapOf("Globex"); o.SharedCompanies() != 1 || o.Pipeline != 0 {
		t.Errorf("after rejecting: %d shared, pipeline %v", o.SharedCompanies(), o.Pipeline)
	}
	w.Undo()
	if o := w.doc.Ecosystem.OverlapOf("Globex"); o.SharedCompanies() != 2 {
		t.Errorf("after undo: %d shared", o.SharedCompanies())
	}
}

// TestOverlapViewImportsListsInTheBackground reads our list and a partner's
// from files as the file dialogs would hand them over: reading and matching
// run off the UI goroutine, and the list plus its results are one undo step.
func TestOverlapViewImportsListsInTheBackground(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(today)
	doc.Ecosystem.Partners = []*core.Partner{{Name: "Globex", Formal: true}}
	w := newMainWindow(a, doc, testEnv())
	view := newOverlap(w, a.NewWindow("overlap"))
	dir := t.TempDir()
	ours := filepath.Join(dir, "ours.csv")
	theirs := filepath.Join(dir, "globex.csv")
	os.WriteFile(ours, []byte("Account Name,Website,Status\nAcme Corp,acme.com,Customer\nInitech,initech.io,Prospect\nUmbrella,,Customer\n"), 0o644)
	os.WriteFile(theirs, []byte("Company,Domain,Type\nACME Inc.,https://www.acme.com/x,Customer\nInitech LLC,,Customer\nHooli,hooli.xyz,Prospect\n"), 0o644)

	wait(t, view.readList("", ours))
	if m := w.doc.Ecosystem.Accounts; m == nil || m.Ours == nil || len(m.Ours.Accounts) != 3 {
		t.Fatalf("our list not read: %+v", m)
	}
	wait(t, view.readList("Globex", theirs))
	o := w.doc.Ecosystem.OverlapOf("Globex")
	if o == nil {
		t.Fatal("no overlap for Globex after reading its list")
	}
	// Acme by domain (both customers), Initech by name (their customer, our prospect).
	if o.SharedCompanies() != 2 || o.Counts[core.BothCustomers] != 1 || o.Counts[core.TheirCustomerOurProspect] != 1 {
		t.Errorf("overlap = %d shared, counts %v", o.SharedCompanies(), o.Counts)
	}
	if v, ok := w.doc.Ecosystem.Partners[0].Value(core.CustomerOverlap); !ok || v != core.OverlapScore(*o) {
		t.Errorf("customer overlap of Globex = %v, %v; want %v from the lists", v, ok, core.OverlapScore(*o))
	}
	// Removing the partner's list takes its overlap out; undo brings it back.
	view.matrix.Select(widget.TableCellID{Row: 1, Col: 0})
	test.Tap(view.remove)
	if w.doc.Ecosystem.OverlapOf("Globex") != nil {
		t.Error("the removed list still has an overlap")
	}
	if _, ok := w.doc.Ecosystem.Partners[0].Value(core.CustomerOverlap); ok {
		t.Error("Globex keeps a customer overlap it only had from its list")
	}
	w.Undo()
	if w.doc.Ecosystem.OverlapOf("Globex") == nil {
		t.Fatal("undo did not bring the removed list back")
	}
	// One undo takes back the partner's list and its results together.
	w.Undo()
	if m := w.doc.Ecosystem.Accounts; m == nil || m.Ours == nil || len(m.Lists) != 0 || len(m.Results) != 0 {
		t.Errorf("after one undo: %+v; want our list alone", m)
	}
}

// TestOverlapViewAsksForListsByPath imports our accounts from the overlap's
// own window as a user does: the dialog opens over that window with the
// location field of the main window's Import (these used to be Fyne's bare
// file dialogs: no path to type, opened in the home folder), and the folder
// is remembered for the next dialog.
func TestOverlapViewAsksForListsByPath(t *testing.T) {
	a := test.NewTempApp(t)
	w := newMainWindow(a, NewDocument(today), testEnv())
	win := a.NewWindow("overlap")
	view := newOverlap(w, win)
	dir := filepath.Join(t.TempDir(), "crm", "exports")
	os.MkdirAll(dir, 0o755)
	ours := filepath.Join(dir, "ours.csv")
	os.WriteFile(ours, []byte("Account Name,Website,Status\nAcme Corp,acme.com,Customer\n"), 0o644)

	view.importList("")
	entry, ok := win.Canvas().Focused().(*widget.Entry)
	if !ok {
		t.Fatal("no location field has the focus in the overlap's window")
	}
	entry.SetText("")
	test.Type(entry, ours)
	entry.OnSubmitted(entry.Text)
	eventually(t, "our accounts read from the typed path", func() bool {
		m := w.doc.Ecosystem.Accounts
		return m != nil && m.Ours != nil && len(m.Ours.Accounts) == 1
	})
	if got := w.lastFolder(); got == nil || filepath.Clean(got.Path()) != dir {
		t.Errorf("the last folder = %v, want %s", got, dir)
	}
}

// TestOverlapViewCountsWithSeparators shows a long list's size as a person
// writes it: "12,345 accounts", not "12345 accounts".
func TestOverlapViewCountsWithSeparators(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(today)
	doc.Ecosystem.SetOurAccounts(core.AccountList{File: "crm.csv", Accounts: make([]core.Account, 12_345)})
	w := newMainWindow(a, doc, testEnv())
	view := newOverlap(w, a.NewWindow("overlap"))
	if got := view.status.Text; !strings.Contains(got, "12,345 accounts") {
		t.Errorf("the overlap says %q, want 12,345 accounts", got)
	}
	o := core.Overlap{Partner: "Globex", Pipeline: 70_002_216.4}
	o.Counts[core.BothCustomers] = 1_234
	want := map[string]string{"Both customers": "1,234", "Overlapping pipeline": "70,002,216"}
	for _, c := range overlapColumns {
		if w, ok := want[c.title]; ok && c.value(doc.Ecosystem, o) != w {
			t.Errorf("%s shows %q, want %q", c.title, c.value(doc.Ecosystem, o), w)
		}
	}
}

// TestOverlapViewReadsASurveyWithItsWarnings reads a survey saved in
// Windows-1252, as the file dialog would hand it over: the survey is kept,
// and the user is told how the file was read before being offered its
// tools (the survey's warnings used to go unshown).
func TestOverlapViewReadsASurveyWithItsWarnings(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(today)
	doc.Ecosystem.Partners = []*core.Partner{{Name: "Slack", Formal: true}}
	w := newMainWindow(a, doc, testEnv())
	win := a.NewWindow("overlap")
	view := newOverlap(w, win)
	path := filepath.Join(t.TempDir(), "survey.csv")
	os.WriteFile(path, []byte("Customer,Tech Stack\nSoci\xe9t\xe9 G\xe9n\xe9rale,Slack; Zoom\nAcme,Slack\n"), 0o644)

	wait(t, view.readSurvey(path))
	if m := w.doc.Ecosystem.Accounts; m == nil || m.Survey == nil || m.Survey.Customers != 2 {
		t.Fatalf("survey kept: %+v, want 2 customers", m)
	}
	// The warnings on top, the offer of the tools beneath.
	var shown []string
	for _, o := range slices.Backward(win.Canvas().Overlays().List()) {
		shown = append(shown, labelsOf(o))
	}
	if len(shown) != 2 || !strings.Contains(shown[0], "read as Windows-1252") || !strings.Contains(shown[1], "These tools are not partners yet: Zoom") {
		t.Errorf("the dialogs shown, the top first: %q; want the warnings, then the tools to add", shown)
	}
}

// TestOverlapMatchRowsHoldTheirText: a row of the match list is as tall as
// its text, the match and the reason below it, at the width of the window:
// a list gives every row the height of its template, and a template of one
// line drew the reason through the row's separator.
func TestOverlapMatchRowsHoldTheirText(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(today)
	withGlobexOverlap(t, doc.Ecosystem)
	w := newMainWindow(a, doc, testEnv())
	view := newOverlap(w, a.NewWindow("overlap"))
	view.matrix.Select(widget.TableCellID{Row: 1, Col: 0})
	if view.matches.Length() != 2 {
		t.Fatalf("%d matches listed, want 2", view.matches.Length())
	}
	shared := view.shared()
	for _, width := range []float32{1100, 800} {
		height := view.matches.CreateItem().MinSize().Height
		for id := range view.matches.Length() {
			row := view.matches.CreateItem()
			view.matches.UpdateItem(id, row)
			row.Resize(fyne.NewSize(width, height))
			texts := labelsOf(row)
			if need := row.MinSize().Height; need > height {
				t.Errorf("at %v wide, row %d (%q) needs %v high, the list gives it %v", width, id, texts, need, height)
			}
			for _, want := range []string{shared[id].Ours, shared[id].Theirs, shared[id].Reason} {
				if !strings.Contains(texts, want) {
					t.Errorf("row %d shows %q, without %q", id, texts, want)
				}
			}
		}
	}
}
