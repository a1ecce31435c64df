package planbook_test

import (
	"reflect"
	"testing"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/exporters/planbook/planbooktest"
)

// overlapSample is the sample with account lists matched for two partners,
// a fuzzy match rejected, one partner switched back to its typed value and
// a tech-stack survey.
func overlapSample(t *testing.T, hide bool) *core.Ecosystem {
	t.Helper()
	e := planbooktest.Ecosystem(today)
	acct := func(name, domains string, pop core.Population, amount float64, row int) core.Account {
		return core.Account{Name: name, Domains: core.ParseDomains(domains), Population: pop, Amount: amount, Row: row}
	}
	e.SetOurAccounts(core.AccountList{File: "ours.csv", Accounts: []core.Account{
		acct("Acme Corporation", "acme.com", core.Customer, 0, 2),
		acct("Globex", "", core.Opportunity, 12500.5, 3),
		acct("Stark Industries International", "", core.Opportunity, 20000, 4),
		acct("Wayne Enterprises", "wayne.com", core.Prospect, 0, 5),
		acct("Umbrella \"Health\" & Co", "", core.Customer, 0, 6),
	}})
	for _, l := range []core.AccountList{
		{Partner: "Salesforce", File: "sf.csv", Accounts: []core.Account{
			acct("ACME", "https://shop.acme.com", core.Customer, 0, 2),
			acct("The Globex Company", "", core.Customer, 0, 3),
			acct("Stark Industries Intl", "", core.Prospect, 0, 4),
			acct("Nobody Else", "", core.Customer, 0, 5),
		}},
		{Partner: "AWS Marketplace", File: "aws.xlsx", Sheet: "Accounts", Accounts: []core.Account{
			acct("Wayne Enterprises Inc", "", core.Customer, 0, 2),
			acct("Umbrella Health", "", core.Prospect, 0, 3),
		}},
	} {
		if err := e.SetPartnerAccounts(l); err != nil {
			t.Fatal(err)
		}
	}
	e.MatchAccounts()
	e.Decide(core.FuzzyKey("Stark Industries International", "Stark Industries Intl"), core.Rejected)
	e.UseTypedOverlap("AWS Marketplace", true)
	e.Accounts.HideAccountNames = hide
	e.SetSurvey(core.NewSurvey("survey.csv", []core.SurveyResponse{
		{Customer: "Acme", Tools: []string{"Salesforce", "Slack"}},
		{Customer: "Globex", Tools: []string{"Slack"}},
		{Customer: "Initech", Tools: []string{"Zendesk"}},
	}))
	return e
}

// TestOverlapReopen exports the account mapping, reopens it, and exports and
// reopens again: the overlaps, the match list with its decisions, the
// settings and the survey come back, and the second round changes nothing.
func TestOverlapReopen(t *testing.T) {
	for _, hide := range []bool{false, true} {
		want := overlapSample(t, hide)
		if sf := want.OverlapOf("Salesforce"); sf == nil || sf.SharedCompanies() != 2 || len(sf.Shared) != 3 {
			t.Fatalf("Salesforce overlap = %+v", sf)
		}
		got, res := reopen(t, save(t, want, "plan.xlsx"))
		for _, p := range res.Problems {
			t.Errorf("problem: %s", p)
		}
		equalPlans(t, got, want)
		g, w := got.Accounts, want.Accounts.Clone()
		if g == nil {
			t.Fatal("no account map after the reopen")
		}
		if g.Ours != nil || len(g.Lists) != 0 {
			t.Error("account lists came back from the workbook; they are not stored")
		}
		w.Ours, w.Lists = nil, nil
		for i := range w.Results {
			w.Results[i].Matches = nil
			if hide {
				w.Results[i].Shared = nil
			}
		}
		if hide {
			w.Decisions = nil
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("hide=%v: account map\n got %+v\nwant %+v", hide, *g, *w)
			for i := range w.Results {
				if i < len(g.Results) && !reflect.DeepEqual(g.Results[i], w.Results[i]) {
					t.Errorf("result %d\n got %+v\nwant %+v", i, g.Results[i], w.Results[i])
				}
			}
		}
		again, _ := reopen(t, save(t, got, "again.xlsx"))
		equalPlans(t, again, got)
		if !reflect.DeepEqual(again.Accounts, got.Accounts) {
			t.Errorf("hide=%v: the second round changed the account map", hide)
		}
		// After the reopen, a decision still moves the counts.
		if !hide {
			got.Decide(core.FuzzyKey("Stark Industries International", "Stark Industries Intl"), core.Accepted)
			if sf := got.OverlapOf("Salesforce"); sf.SharedCompanies() != 3 || sf.Pipeline != 32500.5 {
				t.Errorf("after accepting: %d shared, pipeline %v", sf.SharedCompanies(), sf.Pipeline)
			}
		}
	}
}

// TestPrivateOverlapNoted: an overlap computed privately is said so under
// the Overlap sheet's table, and the table still reads back.
func TestPrivateOverlapNoted(t *testing.T) {
	e := overlapSample(t, false)
	const method = "computed privately (exact matches only)"
	e.OverlapOf("Salesforce").Method = method
	path := save(t, e, "plan.xlsx")
	rows := planbooktest.FileRows(t, path, planbook.SheetOverlap)
	found := false
	for _, r := range rows {
		if len(r) > 0 && r[0] == "Salesforce: overlap "+method+"." {
			found = true
		}
	}
	if !found {
		t.Errorf("no note on the Overlap sheet saying Salesforce's overlap was %s", method)
	}
	got, res := reopen(t, path)
	for _, p := range res.Problems {
		t.Errorf("problem: %s", p)
	}
	if g := got.OverlapOf("Salesforce"); g == nil || g.SharedCompanies() != e.OverlapOf("Salesforce").SharedCompanies() {
		t.Errorf("Salesforce's overlap reads back as %+v", g)
	}
}
