package core

import (
	"strings"
	"testing"
)

func row(name, website, file string, n int) *Partner {
	return &Partner{Name: name, Website: website, Domain: RegistrableDomain(website), Formal: true,
		Sources: []Source{{File: file, Row: n}}}
}

func TestMerge(t *testing.T) {
	a := row("Cobalt CRM", "https://www.cobaltcrm.io/partners", "a.csv", 2)
	a.Roles = []Role{Technology}
	a.SetValue(SharedICP, 4)
	a.Extras = []Extra{{"Notes", ""}}
	b := row("Cobalt CRM Inc.", "cobaltcrm.io", "b.xlsx", 7)
	b.Roles = []Role{Marketplace}
	b.SetValue(SharedICP, 3)
	b.SetValue(RevenuePotential, 5)
	b.Owner = "Dana"
	b.Extras = []Extra{{"Notes", "met at summit"}, {"Tax ID", "77"}}
	c := row("Keystone Resellers", "", "b.xlsx", 8)
	d := row("keystone resellers ltd", "", "a.csv", 3)
	e := row("Other", "https://other.co.uk", "a.csv", 4)
	got, conflicts := Merge([]*Partner{a, b, c, d, e})
	if len(got) != 3 {
		t.Fatalf("Merge gave %d partners, want 3", len(got))
	}
	p := got[0]
	if p.Name != "Cobalt CRM" || len(p.Sources) != 2 || p.Owner != "Dana" || p.Values[RevenuePotential] != 5 || p.Values[SharedICP] != 4 {
		t.Errorf("merged partner = %+v", p)
	}
	if len(p.Roles) != 2 || p.Roles[0] != Technology || p.Roles[1] != Marketplace {
		t.Errorf("merged roles = %v", p.Roles)
	}
	if v, _ := p.Extra("Notes"); v != "met at summit" {
		t.Errorf("blank extra not filled: %q", v)
	}
	if v, _ := p.Extra("Tax ID"); v != "77" {
		t.Errorf("new extra not added: %q", v)
	}
	if len(got[1].Sources) != 2 {
		t.Errorf("same name without a website not merged: %+v", got[1])
	}
	if len(conflicts) != 1 || conflicts[0].Field != "shared icp" || !strings.Contains(conflicts[0].String(), "b.xlsx, row 7") {
		t.Errorf("conflicts = %v", conflicts)
	}
	if a.Values[RevenuePotential] != 0 || len(a.Sources) != 1 {
		t.Errorf("Merge changed its input")
	}
}

func TestMergeSameNameDifferentDomains(t *testing.T) {
	got, _ := Merge([]*Partner{row("Atlas", "atlas.com", "a.csv", 2), row("Atlas", "atlas.de", "a.csv", 3)})
	if len(got) != 2 {
		t.Errorf("two companies of one name on different domains merged")
	}
}
