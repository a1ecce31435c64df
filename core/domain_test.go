package core

import (
	"math/rand/v2"
	"net"
	"strings"
	"testing"
)

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

// hostAsItWas is Host as it was written with strings.Index, IndexAny and a
// separate IPv4 check, before the byte loops: the oracle the faster one is
// held to.
func hostAsItWas(website string) string {
	s := strings.ToLower(strings.TrimSpace(website))
	if s == "" {
		return ""
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexAny(s, "/?#\\ "); i >= 0 {
		s = s[:i]
	}
	if strings.IndexByte(s, ':') >= 0 {
		if h, _, err := net.SplitHostPort(s); err == nil {
			s = h
		}
	}
	s = strings.Trim(s, ".")
	s = strings.TrimPrefix(s, "www.")
	ipv4 := true
	for i := 0; i < len(s); i++ {
		if s[i] != '.' && (s[i] < '0' || s[i] > '9') {
			ipv4 = false
		}
	}
	if s == "" || !strings.Contains(s, ".") || ipv4 {
		return ""
	}
	for _, r := range s {
		if !(r == '.' || r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127) {
			return ""
		}
	}
	if s[len(s)-1] >= '0' && s[len(s)-1] <= '9' {
		return ""
	}
	return s
}

// TestHostAsItWas compares Host with the way it was written on 60,000
// websites put together from the pieces that trip a host parser: schemes,
// ports, paths, e-mail addresses, IP addresses, brackets, stray dots and
// colons, upper case, accents and broken UTF-8.
func TestHostAsItWas(t *testing.T) {
	pieces := []string{"https://", "HTTP://", "mailto:", "www.", "WWW.", "acme", "Ünïcode", "ÉCOLE", ".com", ".co.uk",
		".io", ":8080", ":", "://", "//", "/path", "?q=1", "#top", "\\", " ", "\t", "@", "sales@", "[::1]", "[", "]",
		"1.2.3.4", "10", ".", "..", "-", "_", "é", "\xff", "x", "7", "İ", "\u00a0", "Ǆ"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 60_000; n++ {
		var b strings.Builder
		for k := rng.IntN(7); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := b.String()
		if got, want := Host(in), hostAsItWas(in); got != want {
			t.Fatalf("Host(%q) = %q, as it was %q", in, got, want)
		}
	}
}
