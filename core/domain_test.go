package core

import "testing"

func TestRegistrableDomain(t *testing.T) {
	tests := map[string]string{
		"https://shop.bbc.co.uk/x?y=1":  "bbc.co.uk",
		"www.Cobaltcrm.io":              "cobaltcrm.io",
		"http://www.example.com:8080/a": "example.com",
		"example.com.au":                "example.com.au",
		"partners@brightline-data.com":  "brightline-data.com",
		"HTTPS://APP.HUBSPOT.COM/login": "hubspot.com",
		"":                              "",
		"n/a":                           "",
		"localhost":                     "",
		"192.168.1.4":                   "",
		"co.uk":                         "",
		"  keystone.example.org.  ":     "example.org",
		"https://münchen.de":            "münchen.de",
		"ftp://files.acme.io/pub/a.csv": "acme.io",
		// Entries of the public suffix list's private section (as in
		// golang.org/x/net/publicsuffix's table): the host itself, or one
		// label below it. They were refused before.
		"https://github.io":           "github.io",
		"https://acme.github.io/docs": "acme.github.io",
		"myshopify.com":               "myshopify.com",
		"https://shop.myshopify.com":  "shop.myshopify.com",
		"blogspot.com":                "blogspot.com",
		"s3.amazonaws.com":            "s3.amazonaws.com",
		"bucket.s3.amazonaws.com/x":   "bucket.s3.amazonaws.com",
		"herokuapp.com":               "herokuapp.com",
		"notion.site":                 "notion.site",
	}
	for in, want := range tests {
		if got := RegistrableDomain(in); got != want {
			t.Errorf("RegistrableDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormaliseName(t *testing.T) {
	tests := map[string]string{
		"The Coca-Cola Company": "coca cola",
		"coca cola co.":         "coca cola",
		"Société Générale S.A.": "societe generale",
		"Johnson & Johnson":     "johnson and johnson",
		"Macy&#8217;s, Inc.":    "macys",
		"O'Reilly Media, Inc":   "oreilly media",
		"Siemens AG":            "siemens",
		"  Acme   Widgets LLC ": "acme widgets",
		"The":                   "the",
		"Co":                    "co",
	}
	for in, want := range tests {
		if got := NormaliseName(in); got != want {
			t.Errorf("NormaliseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormaliseNameKeepsWhatFollowsADash(t *testing.T) {
	tests := map[string]string{
		"Artius II Acquisition Inc. - Class A Ordinary Shares": "artius ii acquisition",
		"Apple Inc. - Common Stock":                            "apple",
		"Alaska Air Group, Inc. - Warrants":                    "alaska air",
		"University of Alaska - Anchorage":                     "university of alaska anchorage",
		"Pennsylvania State University - Schuylkill Campus":    "pennsylvania state university schuylkill campus",
	}
	for in, want := range tests {
		if got := NormaliseName(in); got != want {
			t.Errorf("NormaliseName(%q) = %q, want %q", in, got, want)
		}
	}
}
