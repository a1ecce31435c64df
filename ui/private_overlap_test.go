package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// privateLists are our accounts and a partner's: Acme shared by domain,
// Initech by name, Umbrella and Hooli on one side only.
func privateLists() (ours, theirs []core.Account) {
	ours = []core.Account{
		{Name: "Acme Corp", Domains: []string{"acme.com"}, Population: core.Customer},
		{Name: "Initech", Domains: []string{"initech.io"}, Population: core.Opportunity, Amount: 5000},
		{Name: "Umbrella", Population: core.Customer},
	}
	theirs = []core.Account{
		{Name: "ACME Inc.", Domains: []string{"acme.com"}, Population: core.Customer},
		{Name: "Initech LLC", Population: core.Customer},
		{Name: "Hooli", Domains: []string{"hooli.xyz"}, Population: core.Prospect},
	}
	return ours, theirs
}

// answerAs plays the partner: it reads the request at req and writes its
// answer at ans.
func answerAs(t *testing.T, req, ans string, theirs []core.Account) {
	t.Helper()
	b, err := os.ReadFile(req)
	if err != nil {
		t.Fatal(err)
	}
	f, err := core.ReadPrivateFile(bytes.NewReader(b), core.PrivateLimits{MaxEntries: core.DefaultMaxEntries})
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := core.AnswerPrivateRequest(context.Background(), f, theirs, core.PrivateAnswerOptions{From: "Globex Corporation", SharePopulations: true})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := a.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ans, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPrivateOverlapDialog runs the three steps through the dialog, in
// both modes: the request is written with its secret kept 0600, the answer
// opens to the counts plain matching finds exactly, and applying it sets
// the partner's overlap and customer overlap criterion as one undo step.
func TestPrivateOverlapDialog(t *testing.T) {
	for _, tt := range []struct {
		choice  string
		shared  int // accounts written out
		explain string
	}{
		{privateCountsChoice, 0, "Counts only"},
		{privateMatchesChoice, 2, "Our matches"},
	} {
		t.Run(tt.choice, func(t *testing.T) {
			a := test.NewTempApp(t)
			doc := NewDocument(today)
			e := doc.Ecosystem
			e.Partners = []*core.Partner{{Name: "Globex", Formal: true}}
			ours, theirs := privateLists()
			e.SetOurAccounts(core.AccountList{File: "ours.csv", Accounts: ours})
			w := newMainWindow(a, doc, testEnv())
			redrawn := 0
			p := newPrivateOverlap(w, a.NewWindow("private overlap"), func() { redrawn++ })
			p.dir = t.TempDir()
			p.mode.SetSelected(tt.choice)
			if !strings.Contains(p.reveals.Text, tt.explain) {
				t.Errorf("before anything is written, the dialog says %q, want it to explain %q", p.reveals.Text, tt.explain)
			}
			dir := t.TempDir()
			req, ans := filepath.Join(dir, "request.pao"), filepath.Join(dir, "answer.pao")
			wait(t, p.makeRequest(req))
			states, _ := filepath.Glob(filepath.Join(p.dir, "request-*.json"))
			if len(states) != 1 {
				t.Fatalf("states = %v (status %q), want one", states, p.status.Text)
			}
			if fi, err := os.Stat(states[0]); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("the state's mode = %v, want 0600", fi.Mode().Perm())
			}
			if !strings.Contains(p.sent.Text, req) {
				t.Errorf("step 2 does not say where the request is: %q", p.sent.Text)
			}

			answerAs(t, req, ans, theirs)
			wait(t, p.openAnswer(ans))
			if p.finished == nil {
				t.Fatalf("no result; status %q", p.status.Text)
			}
			o := *p.finished
			if o.SharedCompanies() != 2 || o.Counts[core.BothCustomers] != 1 || o.Counts[core.TheirCustomerOurProspect] != 1 ||
				o.ByKind[core.MatchDomain] != 1 || o.ByKind[core.MatchName] != 1 || len(o.Shared) != tt.shared {
				t.Errorf("result = %+v", o)
			}
			if !strings.Contains(p.result.Text, "computed privately") || !strings.Contains(p.result.Text, "fuzzy") {
				t.Errorf("the result does not say how it was computed: %q", p.result.Text)
			}
			if p.partner.Text != "Globex" {
				t.Errorf("proposed partner = %q, want Globex (the answer is from %q)", p.partner.Text, "Globex Corporation")
			}
			if p.sendBack.Disabled() {
				t.Fatal("once the answer is open, no result can be written for the partner")
			}
			resPath := filepath.Join(dir, "result.pao")
			p.writeResult(resPath)
			if res, err := exporters.ReadPrivateFile(resPath, core.PrivateLimits{}); err != nil || res.Header.File != core.FileResult || res.Header.Entries != len(theirs) {
				t.Errorf("the result for the partner: %+v, %v; status %q", res, err, p.status.Text)
			}

			test.Tap(p.apply)
			got := w.doc.Ecosystem.OverlapOf("Globex")
			if got == nil || got.SharedCompanies() != 2 || redrawn != 1 {
				t.Fatalf("after apply: overlap %+v, redrawn %d", got, redrawn)
			}
			if v, ok := w.doc.Ecosystem.FindPartner("Globex").Value(core.CustomerOverlap); !ok || v != core.OverlapScore(o) {
				t.Errorf("customer overlap = %v, want %v", v, core.OverlapScore(o))
			}
			b, _ := os.ReadFile(states[0])
			if strings.Contains(string(b), `"secret"`) {
				t.Error("the request's secret is still kept after the result was used")
			}
			wait(t, p.openAnswer(ans))
			if !strings.Contains(p.status.Text, "finished once") {
				t.Errorf("opening the answer twice says %q, want it refused", p.status.Text)
			}
			w.Undo()
			if w.doc.Ecosystem.OverlapOf("Globex") != nil {
				t.Error("undo left the private overlap in place")
			}
		})
	}
}

// TestPrivateOverlapDialogRefusesAStranger checks that an answer to a
// request made elsewhere is refused with a message, and nothing changes.
func TestPrivateOverlapDialogRefusesAStranger(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(today)
	w := newMainWindow(a, doc, testEnv())
	p := newPrivateOverlap(w, a.NewWindow("private overlap"), nil)
	p.dir = t.TempDir()
	if !p.request.Disabled() {
		t.Error("a request can be made with no account list")
	}
	ours, theirs := privateLists()
	dir := t.TempDir()
	req, ans := filepath.Join(dir, "request.pao"), filepath.Join(dir, "answer.pao")
	r, _, err := core.MakePrivateRequest(context.Background(), ours, core.PrivateRequestOptions{Mode: core.PrivateCounts})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r.WriteTo(&b)
	os.WriteFile(req, b.Bytes(), 0o644)
	answerAs(t, req, ans, theirs)
	wait(t, p.openAnswer(ans))
	if p.finished != nil || !strings.Contains(p.status.Text, "not made on this computer") {
		t.Errorf("status = %q, want a refusal", p.status.Text)
	}
}

// TestShowPrivateOverlap checks that the overlap screen's entry point opens
// the dialog over the window, at step 1 with counts only chosen.
func TestShowPrivateOverlap(t *testing.T) {
	a := test.NewTempApp(t)
	w := newMainWindow(a, NewDocument(today), testEnv())
	win := a.NewWindow("overlap")
	p := showPrivateOverlap(w, win, nil)
	if p.dialog == nil || p.chosenMode() != core.PrivateCounts || p.apply.Disabled() == false {
		t.Errorf("dialog %v, mode %v, apply enabled %v", p.dialog != nil, p.chosenMode(), !p.apply.Disabled())
	}
	p.dialog.Hide()
}

// TestPrivateOverlapDialogAnswers plays the partner through the dialog: it
// answers a request with the document's list, once; the requesting side
// then finds what plain matching finds exactly.
func TestPrivateOverlapDialogAnswers(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(today)
	ours, theirs := privateLists()
	doc.Ecosystem.SetOurAccounts(core.AccountList{File: "globex.csv", Accounts: theirs})
	w := newMainWindow(a, doc, testEnv())
	p := newPrivateOverlap(w, a.NewWindow("private overlap"), nil)
	p.dir = t.TempDir()
	p.from.SetText("Globex")
	dir := t.TempDir()
	reqPath, ansPath := filepath.Join(dir, "request.pao"), filepath.Join(dir, "answer.pao")
	r, st, err := core.MakePrivateRequest(context.Background(), ours, core.PrivateRequestOptions{Mode: core.PrivateMatches, From: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r.WriteTo(&b)
	os.WriteFile(reqPath, b.Bytes(), 0o644)

	req, err := checkAccepted(p, reqPath)
	if err != nil {
		t.Fatal(err)
	}
	if msg := p.describeRequest(req); !strings.Contains(msg, "From Acme") || !strings.Contains(msg, "3 entries") || !strings.Contains(msg, "Our matches") {
		t.Errorf("before answering, the dialog says %q", msg)
	}
	p.prepareAnswer(req.Header.RequestID) // as the confirmation does, while the user reads it
	prepared := p.prepared
	wait(t, p.answerRequest(req, reqPath, ansPath))
	if !strings.Contains(p.status.Text, "Send it back to Acme") {
		t.Fatalf("status = %q", p.status.Text)
	}
	if prepared == nil || prepared.prep == nil || p.prepared != nil {
		t.Fatalf("no half was prepared (%+v), or it stayed (%+v)", prepared, p.prepared)
	}
	if _, _, err := prepared.prep.Answer(context.Background(), req, core.PrivateAnswerOptions{}); core.PrivateErrorKindOf(err) != core.PrivateReplayed {
		t.Errorf("the half prepared for the request was not the one used: it answers again (%v)", err)
	}
	if _, err := checkAccepted(p, reqPath); err == nil || !strings.Contains(err.Error(), "answered once") {
		t.Errorf("answering twice: %v, want a refusal", err)
	}
	ans, err := exporters.ReadPrivateFile(ansPath, core.PrivateLimits{})
	if err != nil {
		t.Fatal(err)
	}
	o, res, err := core.FinishPrivateOverlapWithResult(context.Background(), st, req, ans, nil, today)
	if err != nil || o.Partner != "Globex" || o.SharedCompanies() != 2 || o.Counts[core.TheirCustomerOurProspect] != 1 {
		t.Errorf("finished: %+v, %v", o, err)
	}

	// Acme sends a result back: the dialog reads it with the answer it
	// made and shows which of Globex's accounts Acme has.
	resPath := filepath.Join(dir, "result.pao")
	if err := exporters.WritePrivateFile(resPath, res); err != nil {
		t.Fatal(err)
	}
	wait(t, p.readResult(resPath))
	if p.finished == nil {
		t.Fatalf("the result was not read: %q", p.status.Text)
	}
	got := *p.finished
	var names []string
	for _, s := range got.Shared {
		names = append(names, s.Ours)
	}
	if got.SharedCompanies() != 2 || got.Companies != 3 || strings.Join(names, ", ") != "ACME Inc., Initech LLC" || p.partner.Text != "Acme" {
		t.Errorf("from the result: %d shared of %d (%v), partner %q; status %q", got.SharedCompanies(), got.Companies, names, p.partner.Text, p.status.Text)
	}
	wait(t, p.readResult(ansPath))
	if !strings.Contains(p.status.Text, "not a result") {
		t.Errorf("opening the answer as a result says %q, want a refusal", p.status.Text)
	}
}

// TestPrivateOverlapSecretInPlan keeps a request's secret in the plan, not
// the private folder: the plan's workbook carries it to another computer
// (another folder, the request moved beside the answer), where the answer
// opens; finishing replaces it there by a record without the secret, in
// the same undoable step.
func TestPrivateOverlapSecretInPlan(t *testing.T) {
	a := test.NewTempApp(t)
	doc := NewDocument(today)
	doc.Ecosystem.Partners = []*core.Partner{{Name: "Globex", Formal: true}}
	ours, theirs := privateLists()
	doc.Ecosystem.SetOurAccounts(core.AccountList{File: "ours.csv", Accounts: ours})
	w := newMainWindow(a, doc, testEnv())
	p := newPrivateOverlap(w, a.NewWindow("private overlap"), nil)
	p.dir = t.TempDir()
	p.mode.SetSelected(privateMatchesChoice)
	p.inPlan.SetChecked(true)
	dir := t.TempDir()
	req := filepath.Join(dir, "request.pao")
	wait(t, p.makeRequest(req))
	if states, _ := filepath.Glob(filepath.Join(p.dir, "*.json")); len(states) != 0 {
		t.Errorf("the secret was written to the private folder too: %v", states)
	}
	kept := w.doc.Ecosystem.PrivateRequests
	if len(kept) != 1 || kept[0].Secret == "" || !strings.Contains(p.status.Text, "save the plan") {
		t.Fatalf("kept in the plan: %+v; status %q", kept, p.status.Text)
	}

	// Another computer: the plan's workbook, an empty private folder, the
	// request and the answer in a folder of their own.
	plan := filepath.Join(t.TempDir(), "plan.xlsx")
	if err := exporters.SaveWorkbook(plan, w.doc.Ecosystem, planbook.Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	elsewhere := t.TempDir()
	moved, ans := filepath.Join(elsewhere, "our request.pao"), filepath.Join(elsewhere, "answer.pao")
	if err := os.Rename(req, moved); err != nil {
		t.Fatal(err)
	}
	answerAs(t, moved, ans, theirs)
	reopened, err := planbook.ReadFile(plan, importers.Options{})
	if err != nil || reopened.Plan == nil || len(reopened.Plan.PrivateRequests) != 1 {
		t.Fatalf("the plan's workbook: %v", err)
	}
	doc2 := NewDocument(today)
	doc2.Ecosystem = reopened.Plan
	w2 := newMainWindow(a, doc2, testEnv())
	p2 := newPrivateOverlap(w2, a.NewWindow("private overlap"), nil)
	p2.dir = t.TempDir()
	wait(t, p2.openAnswer(ans))
	if p2.finished == nil || p2.finished.SharedCompanies() != 2 || !p2.stateInPlan {
		t.Fatalf("the answer did not open from the plan's secret: %q", p2.status.Text)
	}
	p2.partner.SetText("Globex")
	test.Tap(p2.apply)
	if st := w2.doc.Ecosystem.PrivateRequest(kept[0].RequestID); st == nil || st.Secret != "" || st.Finished.IsZero() {
		t.Errorf("after finishing, the plan keeps %+v, want a record without the secret", st)
	}
	wait(t, p2.openAnswer(ans))
	if !strings.Contains(p2.status.Text, "finished once") {
		t.Errorf("opening the answer twice says %q, want it refused", p2.status.Text)
	}
	w2.Undo()
	if st := w2.doc.Ecosystem.PrivateRequest(kept[0].RequestID); st == nil || st.Secret == "" {
		t.Error("undo did not give the plan its secret back")
	}
}

// TestPrivateOverlapDialogLimits checks that the answering side's limits
// are the user's: the largest request accepted and counts only.
func TestPrivateOverlapDialogLimits(t *testing.T) {
	a := test.NewTempApp(t)
	w := newMainWindow(a, NewDocument(today), testEnv())
	ours, _ := privateLists()
	dir := t.TempDir()
	reqPath := filepath.Join(dir, "request.pao")
	r, _, err := core.MakePrivateRequest(context.Background(), ours, core.PrivateRequestOptions{Mode: core.PrivateMatches, From: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	if err := exporters.WritePrivateFile(reqPath, r); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		max        string
		countsOnly bool
		refusal    string // "" when the request is accepted
	}{
		{"200,000", false, ""},
		{"3", false, ""},
		{"2", false, "more than the 2 you accept"},
		{"3", true, "you accept counts only"},
		{"none", false, "whole number of entries"},
	}
	for _, tt := range tests {
		p := newPrivateOverlap(w, a.NewWindow("private overlap"), nil)
		p.dir = t.TempDir()
		p.maxEntries.SetText(tt.max)
		p.countsOnly.SetChecked(tt.countsOnly)
		_, err := checkAccepted(p, reqPath)
		switch {
		case tt.refusal == "" && err != nil:
			t.Errorf("max %s, counts only %v: refused: %v", tt.max, tt.countsOnly, err)
		case tt.refusal != "" && (err == nil || !strings.Contains(err.Error(), tt.refusal)):
			t.Errorf("max %s, counts only %v: %v, want a refusal saying %q", tt.max, tt.countsOnly, err, tt.refusal)
		}
	}
}

// checkAccepted checks the request at path within what p's fields accept,
// as choosing a request to answer does.
func checkAccepted(p *privateOverlap, path string) (*core.PrivateFile, error) {
	accept, err := p.accepted()
	if err != nil {
		return nil, err
	}
	return p.checkRequest(path, accept)
}
