package core

import (
	"fmt"
	"testing"
	"time"
)

func TestCombine(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	row := func(file string, n int, name, site string, roles []Role, icp float64, owner string, extras ...Extra) *Partner {
		p := &Partner{Name: name, Website: site, Domain: RegistrableDomain(site), Roles: roles, Formal: true, Owner: owner,
			Sources: []Source{{File: file, Row: n}}, Extras: extras}
		p.SetValue(SharedICP, icp)
		return p
	}
	crm := []*Partner{
		row("crm.csv", 2, "Acme Analytics", "https://acme-analytics.com", []Role{Technology}, 4, "Dana"),
		row("crm.csv", 3, "Beta", "beta.io", []Role{Channel}, 3, "Sam"),
	}
	market := []*Partner{
		row("marketplace.xlsx", 2, "ACME Analytics, Inc.", "www.acme-analytics.com/apps", []Role{Marketplace}, 5, "Dana", Extra{Column: "Listing", Value: "gold"}),
		row("marketplace.xlsx", 3, "Gamma", "gamma.dev", []Role{Technology}, 2, ""),
	}
	c := Combine([]Input{{File: "crm.csv", Partners: crm}, {File: "marketplace.xlsx", Partners: market}}, today, nil)
	e := c.Ecosystem
	if len(e.Partners) != 3 {
		t.Fatalf("Combine partners = %d, want 3 (Acme merged)", len(e.Partners))
	}
	acme := e.Partners[0]
	if acme.Name != "Acme Analytics" || len(acme.Sources) != 2 || FormatRoles(acme.Roles) != "Technology; Marketplace" {
		t.Errorf("Acme = %q from %v with roles %v; want Acme Analytics from both files, Technology; Marketplace", acme.Name, acme.Sources, acme.Roles)
	}
	if v, _ := acme.Extra("Listing"); v != "gold" {
		t.Errorf("Acme listing = %q, want the second file's extra kept", v)
	}
	if len(c.Conflicts) != 1 || c.Conflicts[0].Field != "Shared ICP" || c.Conflicts[0].Other != "5" || c.Conflicts[0].OtherAt.File != "marketplace.xlsx" {
		t.Errorf("conflicts = %+v, want one on Shared ICP (named as the scorecard names it) at marketplace.xlsx", c.Conflicts)
	}
	if e.Name != "crm" || len(e.Scorecard.Criteria) != 4 || c.Base != "" {
		t.Errorf("ecosystem %q with %d criteria, base %q; want crm (the first file), the default scorecard, no base", e.Name, len(e.Scorecard.Criteria), c.Base)
	}

	// A plan's settings are the base, its partners first; a second plan
	// gives its partners only.
	plan := NewEcosystem("Our plan", today)
	plan.Thresholds = Thresholds{Tier1: 80, Tier2: 60, Tier3: 40}
	plan.Partners = []*Partner{{Name: "Beta Inc", Domain: "beta.io", Website: "beta.io", Formal: true, Sources: []Source{{File: "plan.xlsx", Sheet: "Partners", Row: 2}}}}
	other := NewEcosystem("Other plan", today)
	other.Partners = []*Partner{{Name: "Delta", Formal: true}}
	c = Combine([]Input{{File: "crm.csv", Partners: crm}, {File: "plan.xlsx", Plan: plan}, {File: "other.xlsx", Plan: other}}, today, nil)
	e = c.Ecosystem
	if e.Name != "Our plan" || e.Thresholds.Tier1 != 80 || e.Partners[0].Name != "Beta Inc" || len(e.Partners) != 3 || len(e.Partners[0].Sources) != 2 {
		t.Errorf("Combine with plan = %q, thresholds %v, partners %d first %q; want the plan as base, its partners first", e.Name, e.Thresholds, len(e.Partners), e.Partners[0].Name)
	}
	if c.Base != "plan.xlsx" || len(c.ExtraPlans) != 1 || c.ExtraPlans[0] != "other.xlsx" {
		t.Errorf("base %q, extra plans %v; want plan.xlsx and other.xlsx", c.Base, c.ExtraPlans)
	}
	if plan.Partners[0].Sources[0].File != "plan.xlsx" || len(plan.Partners[0].Sources) != 1 {
		t.Errorf("Combine changed the plan it was given: %v", plan.Partners[0].Sources)
	}
}

// TestCombineTakesWhatIsGiven: inputs given to Combine (Take) become the
// result, the base plan and the rows themselves, with the merge that
// copies would get; inputs not given are left as they were.
func TestCombineTakesWhatIsGiven(t *testing.T) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	inputs := func() []Input {
		plan := NewEcosystem("Our plan", today)
		plan.Partners = []*Partner{{Name: "Beta Inc", Domain: "beta.io", Website: "beta.io", Roles: []Role{Channel}, Sources: []Source{{File: "plan.xlsx", Sheet: "Partners", Row: 2}}}}
		list := []*Partner{
			{Name: "Beta", Website: "https://beta.io", Domain: "beta.io", Roles: []Role{Technology}, Owner: "Sam", Extras: []Extra{{"Note", "x"}}, Sources: []Source{{File: "crm.csv", Row: 2}}},
			{Name: "Gamma", Website: "gamma.dev", Domain: "gamma.dev", Sources: []Source{{File: "crm.csv", Row: 3}}},
		}
		list[0].SetValue(SharedICP, 4)
		return []Input{{File: "plan.xlsx", Plan: plan}, {File: "crm.csv", Partners: list}}
	}
	copied, given := inputs(), inputs()
	for i := range given {
		given[i].Take = true
	}
	want, got := Combine(copied, today, nil), Combine(given, today, nil)
	if got.Ecosystem != given[0].Plan || got.Ecosystem.Partners[0] != given[0].Plan.Partners[0] || got.Ecosystem.Partners[1] != given[1].Partners[1] {
		t.Errorf("given inputs were copied: the result should be the plan, its partner and the list's rows")
	}
	if a, b := fmt.Sprintf("%+v %+v %+v", want.Conflicts, want.Merged, want.Possible), fmt.Sprintf("%+v %+v %+v", got.Conflicts, got.Merged, got.Possible); a != b {
		t.Errorf("given, the merge found\n%s\ncopied,\n%s", b, a)
	}
	for i := range want.Ecosystem.Partners {
		if a, b := fmt.Sprintf("%+v", *want.Ecosystem.Partners[i]), fmt.Sprintf("%+v", *got.Ecosystem.Partners[i]); a != b {
			t.Errorf("partner %d given:\n%s\ncopied:\n%s", i, b, a)
		}
	}
	if fresh := inputs(); fmt.Sprintf("%+v %+v", *fresh[0].Plan.Partners[0], *fresh[1].Partners[0]) != fmt.Sprintf("%+v %+v", *copied[0].Plan.Partners[0], *copied[1].Partners[0]) || len(copied[0].Plan.Partners) != 1 {
		t.Errorf("inputs not given were changed")
	}
}

// BenchmarkCombine100k merges a 100,000-row list in which a third of the
// rows repeat a partner with other values (so the merge reports
// conflicts), some rows look alike (a division on a subdomain, a group
// word), and the rest are distinct.
func BenchmarkCombine100k(b *testing.B) {
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	rows := make([]*Partner, 100_000)
	for i := range rows {
		n := i
		if i%3 == 2 {
			n = i - 1 // the row before, again
		}
		site := fmt.Sprintf("https://www.partner%06d.com", n)
		name := fmt.Sprintf("Partner %06d", n)
		switch {
		case i%101 == 0:
			site = fmt.Sprintf("https://emea.partner%06d.com", n-1)
		case i%103 == 0:
			name += " Holdings"
		}
		p := &Partner{Name: name, Website: site, Domain: RegistrableDomain(site), Roles: []Role{Roles[i%5]}, Formal: true,
			Owner: fmt.Sprintf("Owner %d", i%7), Sources: []Source{{File: "big.xlsx", Sheet: "Sheet1", Row: i + 2}},
			Extras: []Extra{{Column: "Notes", Value: fmt.Sprint("note ", i%13)}}}
		p.SetValue(SharedICP, float64(1+i%5))
		rows[i] = p
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := Combine([]Input{{File: "big.xlsx", Partners: rows}}, today, nil)
		if len(c.Ecosystem.Partners) < 60_000 {
			b.Fatal(len(c.Ecosystem.Partners))
		}
	}
}
