package core

import (
	"net"
	"strings"
)

// RegistrableDomain reduces a website or e-mail address to the domain a
// company registers: lower case, without scheme, "www.", port, path or
// query, and cut one label below the public suffix, so
// "https://shop.bbc.co.uk/x" gives "bbc.co.uk" and "acme.github.io" stays
// itself. It returns "" when nothing domain-like is there.
func RegistrableDomain(website string) string {
	s := Host(website)
	if s == "" {
		return ""
	}
	// x/net's EffectiveTLDPlusOne, without the error values it makes for
	// a host that has none (publicSuffix says why).
	if strings.Contains(s, "..") {
		return "" // an empty label
	}
	suffix, icann := publicSuffix(s)
	if len(s) <= len(suffix) {
		// The list's private section holds organisations' own domains
		// (github.io, blogspot.com, myshopify.com): such a host is its own
		// registrable domain. An ICANN suffix alone (co.uk) is no website.
		if !icann && suffix == s {
			return s
		}
		return ""
	}
	i := len(s) - len(suffix) - 1
	if s[i] != '.' {
		return ""
	}
	return s[1+strings.LastIndexByte(s[:i], '.'):]
}

// Host is the host of a website or e-mail address, as a company names it:
// lower case, without scheme, "www.", port, path or query
// ("https://www.Shop.bbc.co.uk/x" gives "shop.bbc.co.uk"). It returns ""
// when nothing domain-like is there. Two rows on one host are one company's;
// two hosts of one registrable domain may be a company and its division.
func Host(website string) string {
	// Byte loops rather than IndexAny and friends: a column of a million
	// websites goes through here.
	s := strings.ToLower(strings.TrimSpace(website))
	if s == "" {
		return ""
	}
	if strings.IndexByte(s, ':') >= 0 {
		if i := strings.Index(s, "://"); i >= 0 {
			s = s[i+3:]
		}
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
cut:
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/', '?', '#', '\\', ' ':
			s = s[:i]
			break cut
		}
	}
	if strings.IndexByte(s, ':') >= 0 {
		if h, _, err := net.SplitHostPort(s); err == nil {
			s = h
		}
	}
	s = strings.Trim(s, ".")
	s = strings.TrimPrefix(s, "www.")
	if s == "" {
		return ""
	}
	dot := false
	for _, r := range s {
		switch {
		case r == '.':
			dot = true
		case r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
		default:
			return ""
		}
	}
	// No top-level domain ends in a digit: that also turns away IPv4
	// addresses, whose dots cannot end them once trimmed.
	if !dot || s[len(s)-1] >= '0' && s[len(s)-1] <= '9' {
		return ""
	}
	return s
}
