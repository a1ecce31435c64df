package core

import (
	"reflect"
	"testing"
)

func TestParseRoles(t *testing.T) {
	tests := []struct {
		cell    string
		roles   []Role
		unknown []string
	}{
		{"", nil, nil},
		{"Reseller", []Role{Channel}, nil},
		{"VAR", []Role{Channel}, nil},
		{"Distributor", []Role{Channel}, nil},
		{"ISV", []Role{Technology}, nil},
		{"Integration", []Role{Technology}, nil},
		{"App", []Role{Technology}, nil},
		{"SI", []Role{Service}, nil},
		{"Agency", []Role{Service}, nil},
		{"Consultancy", []Role{Service}, nil},
		{"Cloud Marketplace", []Role{Marketplace}, nil},
		{"App Store", []Role{Marketplace}, nil},
		{"Community", []Role{Influencer}, nil},
		{"Analyst", []Role{Influencer}, nil},
		{"Podcast", []Role{Influencer}, nil},
		{"Creator", []Role{Influencer}, nil},
		{"Technology; Marketplace", []Role{Technology, Marketplace}, nil},
		{"SI / Reseller", []Role{Service, Channel}, nil},
		{"Value-Added Reseller", []Role{Channel}, nil},
		{"Technology Partners", []Role{Technology}, nil},
		{"resellers, reseller", []Role{Channel}, nil},
		{"Wholesale", nil, []string{"Wholesale"}},
		{"ISV; Wholesale", []Role{Technology}, []string{"Wholesale"}},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			roles, unknown := ParseRoles(tt.cell)
			if !reflect.DeepEqual(roles, tt.roles) || !reflect.DeepEqual(unknown, tt.unknown) {
				t.Errorf("ParseRoles(%q) = %v, %v; want %v, %v", tt.cell, roles, unknown, tt.roles, tt.unknown)
			}
		})
	}
}

func TestFormatRoles(t *testing.T) {
	if got := FormatRoles([]Role{Technology, Marketplace}); got != "Technology; Marketplace" {
		t.Errorf("FormatRoles = %q", got)
	}
	roles, _ := ParseRoles(FormatRoles([]Role{Service, Influencer}))
	if !reflect.DeepEqual(roles, []Role{Service, Influencer}) {
		t.Errorf("FormatRoles does not read back: %v", roles)
	}
}

func TestSetPrimaryRole(t *testing.T) {
	p := &Partner{Roles: []Role{Technology, Marketplace}}
	p.SetPrimaryRole(Marketplace)
	if !reflect.DeepEqual(p.Roles, []Role{Marketplace, Technology}) {
		t.Errorf("SetPrimaryRole(Marketplace) roles = %v", p.Roles)
	}
	p.SetPrimaryRole(Channel)
	if p.PrimaryRole() != Channel || len(p.OtherRoles()) != 2 {
		t.Errorf("SetPrimaryRole(Channel) roles = %v", p.Roles)
	}
}
