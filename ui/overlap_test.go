package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

func TestOverlapView(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	e := doc.Ecosystem
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
	w := newMainWindow(a, doc, func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) })
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
