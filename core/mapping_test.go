package core

import (
	"testing"
	"time"
)

func TestNormaliseNameLegalForms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acme Inc", "acme"}, {"Acme Incorporated", "acme"}, {"Acme Corp.", "acme"},
		{"Acme Corporation", "acme"}, {"Acme Co", "acme"}, {"Acme, LLC", "acme"},
		{"Acme Ltd.", "acme"}, {"Acme Limited", "acme"}, {"Acme PLC", "acme"},
		{"Acme GmbH", "acme"}, {"Acme AG", "acme"}, {"Acme SA", "acme"}, {"Acme S.A.", "acme"},
		{"Acme SAS", "acme"}, {"Acme B.V.", "acme"}, {"Acme N.V.", "acme"}, {"Acme Pty Ltd", "acme"},
		{"Acme K.K.", "acme"}, {"Acme Oy", "acme"}, {"Acme AB (publ)", "acme"}, {"Acme S.p.A.", "acme"},
		{"Acme S.r.l.", "acme"}, {"Acme A/S", "acme"}, {"Acme Co., Ltd.", "acme"},
		{"JPMorgan Chase & Co.", "jpmorgan chase"}, {"Eastern Company (The)", "eastern"},
		{"Alphabet Inc. - Class A Common Stock", "alphabet"}, {"Fox Corporation Class B", "fox"},
		{"Grupo Bimbo, S.A.B. de C.V.", "grupo bimbo"}, {"Nestlé S.A.", "nestle"},
		{"Procter & Gamble", "procter and gamble"}, {"AT&amp;T Inc.", "at and t"},
	}
	for _, tt := range tests {
		if got := NormaliseName(tt.in); got != tt.want {
			t.Errorf("NormaliseName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// mappingEcosystem has two partners, our list and one partner list with a
// fuzzy match.
func mappingEcosystem(t *testing.T) *Ecosystem {
	t.Helper()
	e := NewEcosystem("Test", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	e.Partners = []*Partner{{Name: "Globex Inc", Formal: true}, {Name: "Hooli", Formal: true}}
	e.Partners[0].SetValue(CustomerOverlap, 2)
	e.SetOurAccounts(AccountList{File: "ours.csv", Accounts: []Account{
		acct("Acme", "acme.com", Customer, 0),
		acct("Stark Industries International", "", Opportunity, 5000),
		acct("Initech", "", Customer, 0),
	}})
	if err := e.SetPartnerAccounts(AccountList{Partner: "globex", File: "globex.csv", Accounts: []Account{
		acct("ACME Corp", "www.acme.com", Customer, 0),
		acct("Stark Industries Intl", "", Customer, 0),
		acct("Someone Else", "", Customer, 0),
	}}); err != nil {
		t.Fatal(err)
	}
	if err := e.SetPartnerAccounts(AccountList{Partner: "Nobody", Accounts: nil}); err == nil {
		t.Error("SetPartnerAccounts(Nobody) = nil, want an error")
	}
	if !e.MatchAccounts() {
		t.Fatal("MatchAccounts = false")
	}
	return e
}

func TestMatchAccountsAndTypedValues(t *testing.T) {
	e := mappingEcosystem(t)
	o := e.OverlapOf("Globex")
	if o == nil || o.SharedCompanies() != 2 || o.Pipeline != 5000 || len(o.Shared) != 2 {
		t.Fatalf("overlap = %+v", o)
	}
	// 2 of their 3 customers are ours or our prospects: 67 % → 5.
	if v, _ := e.Partners[0].Value(CustomerOverlap); v != 5 {
		t.Errorf("customer overlap = %v, want 5 from the lists", v)
	}
	if _, ok := e.Partners[1].Value(CustomerOverlap); ok {
		t.Error("Hooli has no list but got a customer overlap")
	}
	c := e.Clone()
	e.UseTypedOverlap("Globex Inc", true)
	if v, _ := e.Partners[0].Value(CustomerOverlap); v != 2 {
		t.Errorf("after switching back: %v, want the typed 2", v)
	}
	if v, _ := c.Partners[0].Value(CustomerOverlap); v != 5 || c.UsesTypedOverlap("Globex") {
		t.Errorf("the clone changed: %v", v)
	}
	e.UseTypedOverlap("Globex Inc", false)
	if v, _ := e.Partners[0].Value(CustomerOverlap); v != 5 {
		t.Errorf("after switching to the lists again: %v, want 5", v)
	}
	// Rejecting the fuzzy match takes it out of the counts, not the list.
	var key string
	for _, s := range o.Shared {
		if s.Kind == MatchFuzzy {
			key = s.DecisionKey()
		}
		if s.Reason == "" {
			t.Errorf("match %+v has no reason", s)
		}
	}
	e.Decide(key, Rejected)
	o = e.OverlapOf("Globex")
	if o.SharedCompanies() != 1 || o.Pipeline != 0 || len(o.Shared) != 2 {
		t.Errorf("after rejecting: %d shared, pipeline %v, %d rows", o.SharedCompanies(), o.Pipeline, len(o.Shared))
	}
	if c.OverlapOf("Globex").SharedCompanies() != 2 {
		t.Error("rejecting changed the clone")
	}
	// The decision holds when the lists are matched again.
	e.MatchAccounts()
	if o := e.OverlapOf("Globex"); o.SharedCompanies() != 1 || len(o.Shared) != 2 {
		t.Errorf("after matching again: %d shared, %d rows", o.SharedCompanies(), len(o.Shared))
	}
}

func TestSurvey(t *testing.T) {
	e := NewEcosystem("Test", time.Now())
	e.Partners = []*Partner{{Name: "HubSpot, Inc.", Formal: true}}
	s := NewSurvey("survey.csv", []SurveyResponse{
		{Customer: "Acme", Tools: []string{"Hubspot", "Slack"}},
		{Customer: "ACME Inc", Tools: []string{"Slack"}}, // the same customer again
		{Customer: "Globex", Tools: []string{"HubSpot"}},
		{Customer: "Initech", Tools: []string{"Zendesk"}},
		{Customer: "Umbrella"},
	})
	if s.Customers != 4 {
		t.Fatalf("customers = %d, want 4", s.Customers)
	}
	want := []ToolReach{{"Hubspot", 2, 0.5, ""}, {"Slack", 1, 0.25, ""}, {"Zendesk", 1, 0.25, ""}}
	for i, w := range want {
		if s.Tools[i] != w {
			t.Errorf("tool %d = %+v, want %+v", i, s.Tools[i], w)
		}
	}
	e.SetSurvey(s)
	if s.Tools[0].Partner != "HubSpot, Inc." {
		t.Errorf("HubSpot not tied to its partner: %+v", s.Tools[0])
	}
	added := e.AddProposedPartners(0.2)
	if len(added) != 2 || added[0].Formal || added[0].Name != "Slack" {
		t.Fatalf("proposed = %+v", added)
	}
	segs := e.Segments()
	if segs[0].Influence != High || segs[1].Influence != Medium {
		t.Errorf("influence = %v, %v; want High (50 %%), Medium (25 %%)", segs[0].Influence, segs[1].Influence)
	}
}

func TestRemovePartnerAccounts(t *testing.T) {
	e := NewEcosystem("Test", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	typed := &Partner{Name: "Globex", Values: Values{{CustomerOverlap, 4}}}
	fresh := &Partner{Name: "Initech"}
	e.Partners = []*Partner{typed, fresh}
	e.SetOurAccounts(AccountList{Accounts: []Account{{Name: "Acme", Domains: []string{"acme.com"}, Population: Customer}}})
	for _, p := range []string{"Globex", "Initech"} {
		if err := e.SetPartnerAccounts(AccountList{Partner: p, Accounts: []Account{{Name: "Acme Inc", Domains: []string{"acme.com"}, Population: Customer}}}); err != nil {
			t.Fatal(err)
		}
	}
	e.MatchAccounts()
	if v, _ := typed.Value(CustomerOverlap); v != 5 {
		t.Fatalf("Globex overlap from the lists = %v, want 5", v)
	}
	if !e.RemovePartnerAccounts("globex") {
		t.Fatal("RemovePartnerAccounts(globex) = false")
	}
	if v, ok := typed.Value(CustomerOverlap); !ok || v != 4 {
		t.Errorf("Globex overlap after removing its list = %v, %v; want its typed 4 back", v, ok)
	}
	if e.OverlapOf("Globex") != nil || len(e.Accounts.Lists) != 1 || e.OverlapOf("Initech") == nil {
		t.Errorf("lists %d, overlaps %v; want only Initech's left", len(e.Accounts.Lists), e.Accounts.Results)
	}
	e.RemovePartnerAccounts("Initech")
	if _, ok := fresh.Value(CustomerOverlap); ok {
		t.Error("Initech keeps a customer overlap it only had from its list")
	}
	if e.RemovePartnerAccounts("Initech") {
		t.Error("removing twice reports a removal")
	}
}
