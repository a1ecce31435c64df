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
	m := Merge([]*Partner{a, b, c, d, e}, nil)
	got, conflicts := m.Partners, m.Conflicts
	if len(m.Rows) != 2 || m.Rows[0].Name != "Cobalt CRM Inc." || m.Rows[0].Row.Row != 7 || m.Rows[0].Into.Row != 2 {
		t.Errorf("merged rows = %+v, want b.xlsx row 7 into a.csv row 2, and the Keystone row", m.Rows)
	}
	if len(got) != 3 {
		t.Fatalf("Merge gave %d partners, want 3", len(got))
	}
	p := got[0]
	if p.Name != "Cobalt CRM" || len(p.Sources) != 2 || p.Owner != "Dana" || valueOf(p, RevenuePotential) != 5 || valueOf(p, SharedICP) != 4 {
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
	if valueOf(a, RevenuePotential) != 0 || len(a.Sources) != 1 {
		t.Errorf("Merge changed its input")
	}
}

func TestMergeSameNameDifferentDomains(t *testing.T) {
	got := Merge([]*Partner{row("Atlas", "atlas.com", "a.csv", 2), row("Atlas", "atlas.de", "a.csv", 3)}, nil).Partners
	if len(got) != 2 {
		t.Errorf("two companies of one name on different domains merged")
	}
	if d := LookAlike(got, nil); len(d) != 1 || !strings.Contains(d[0].Reason, "two websites") {
		t.Errorf("possible duplicates = %+v, want the two Atlases", d)
	}
}

// TestMergeOnlyBeyondDoubt: rows are folded only when they are one partner
// beyond doubt; lookalikes are kept apart and listed with a reason. Before,
// a division on a subdomain of its parent, and companies whose names agree
// once Group or Holdings is dropped, vanished into the first row.
func TestMergeOnlyBeyondDoubt(t *testing.T) {
	tests := []struct {
		name     string
		a, b     *Partner
		merged   bool
		possible string // a word of the reason, "" for none
	}{
		{"same name, legal forms aside", row("Cobalt CRM", "", "a.csv", 2), row("COBALT CRM, Inc.", "", "a.csv", 3), true, ""},
		{"same host, one name starts the other", row("Acme", "https://acme.com", "a.csv", 2), row("Acme Cloud", "www.acme.com/partners", "a.csv", 3), true, ""},
		{"a division on a subdomain", row("Example Inc", "https://example.com", "a.csv", 2), row("Example Healthcare", "https://healthcare.example.com", "a.csv", 3), false, "division"},
		{"group words are part of the name", row("Acme Holdings plc", "", "a.csv", 2), row("Acme Group", "", "a.csv", 3), false, "Group, Holdings"},
		{"group and company alike", row("Sterling Company", "", "a.csv", 2), row("Sterling Holdings", "", "a.csv", 3), false, "Group, Holdings"},
		{"same host, names that differ", row("Nimbus Exchange", "nimbus.io", "a.csv", 2), row("Cirrus Labs", "nimbus.io", "a.csv", 3), false, "names that differ"},
		{"same group name twice", row("Acme Holdings plc", "", "a.csv", 2), row("ACME HOLDINGS", "", "a.csv", 3), true, ""},
		{"nothing alike", row("Acme", "acme.com", "a.csv", 2), row("Globex", "globex.com", "a.csv", 3), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Merge([]*Partner{tt.a, tt.b}, nil)
			if got := len(m.Partners) == 1; got != tt.merged {
				t.Fatalf("merged = %v, want %v (%+v)", got, tt.merged, m.Rows)
			}
			if tt.merged && len(m.Rows) != 1 {
				t.Errorf("no line names the merged row: %+v", m.Rows)
			}
			d := LookAlike(m.Partners, nil)
			switch {
			case tt.possible == "" && len(d) > 0:
				t.Errorf("possible duplicates = %+v, want none", d)
			case tt.possible != "" && (len(d) != 1 || !strings.Contains(d[0].Reason, tt.possible)):
				t.Errorf("possible duplicates = %+v, want one for %q", d, tt.possible)
			}
			// The user's verdict: one partner after all.
			if !tt.merged && tt.possible != "" {
				same := SamePartners{PairKey(tt.a.Name, tt.b.Name): true}
				if n := len(Merge([]*Partner{tt.a, tt.b}, same).Partners); n != 1 {
					t.Errorf("decided to be one, still %d partners", n)
				}
				apart := SamePartners{PairKey(tt.b.Name, tt.a.Name): false}
				if d := LookAlike(m.Partners, apart); len(d) != 0 {
					t.Errorf("decided to be two, still offered: %+v", d)
				}
			}
		})
	}
}

func TestMergePartnersRemembers(t *testing.T) {
	e := NewEcosystem("t", measureToday)
	e.Partners = []*Partner{row("Example Inc", "https://example.com", "a.csv", 2), row("Example Healthcare", "https://healthcare.example.com", "a.csv", 3)}
	if len(e.PossibleDuplicates()) != 1 {
		t.Fatal("the division is not offered")
	}
	if _, err := e.MergePartners("Example Inc", "Example Healthcare"); err != nil {
		t.Fatal(err)
	}
	if len(e.Partners) != 1 || len(e.Partners[0].Sources) != 2 {
		t.Errorf("partners after the merge: %+v", e.Partners)
	}
	again := Merge([]*Partner{row("Example Inc", "https://example.com", "a.csv", 2), row("Example Healthcare", "https://healthcare.example.com", "a.csv", 3)}, e.SamePartners)
	if len(again.Partners) != 1 || !strings.Contains(again.Rows[0].Reason, "you decided") {
		t.Errorf("the verdict was not applied to the same lists again: %+v", again.Rows)
	}
}

func TestMergePartnersOfOneLooseName(t *testing.T) {
	e := NewEcosystem("t", measureToday)
	e.Partners = []*Partner{row("Sterling Company", "", "a.csv", 2), row("Sterling Holdings", "", "a.csv", 3)}
	if _, err := e.MergePartners("Sterling Company", "Sterling Holdings"); err != nil || len(e.Partners) != 1 {
		t.Errorf("merge of two partners whose names agree once Holdings is dropped: %v, %d partners", err, len(e.Partners))
	}
}
