package core

import (
	"sort"
	"strings"
	"unicode"
)

// Role is what a partner does in the ecosystem. A partner has one primary
// role and may have others.
type Role string

// The five roles of DESIGN.md.
const (
	Technology  Role = "technology"
	Channel     Role = "channel"
	Service     Role = "service"
	Marketplace Role = "marketplace"
	Influencer  Role = "influencer"
)

// Roles lists every role in the order the app shows them.
var Roles = []Role{Technology, Channel, Service, Marketplace, Influencer}

// Label is the role as a partner manager writes it: "Technology".
func (r Role) Label() string {
	if r == "" {
		return ""
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}

// Valid says whether r is one of the five roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// roleWords maps the words people put in a "Partner Type" column to a role.
// Keys are folded with foldWord.
var roleWords = map[string]Role{
	// technology
	"technology": Technology, "tech": Technology, "technologypartner": Technology,
	"isv": Technology, "integration": Technology, "integrations": Technology,
	"integrationpartner": Technology, "app": Technology, "apps": Technology,
	"application": Technology, "software": Technology, "platform": Technology,
	"api": Technology, "oem": Technology, "embedded": Technology, "alliance": Technology,
	"alliances": Technology, "connector": Technology, "plugin": Technology,
	// channel
	"channel": Channel, "reseller": Channel, "resellers": Channel, "var": Channel,
	"valueaddedreseller": Channel, "distributor": Channel, "distribution": Channel,
	"distributors": Channel, "msp": Channel, "managedserviceprovider": Channel,
	"referral": Channel, "referralpartner": Channel, "affiliate": Channel,
	"solutionprovider": Channel, "dealer": Channel, "wholesaler": Channel,
	"channelpartner": Channel, "csp": Channel,
	// service
	"service": Service, "services": Service, "si": Service, "systemintegrator": Service,
	"systemsintegrator": Service, "gsi": Service, "agency": Service, "agencies": Service,
	"consultancy": Service, "consulting": Service, "consultant": Service,
	"implementation": Service, "implementationpartner": Service,
	"professionalservices": Service, "serviceprovider": Service, "servicepartner": Service,
	"advisory": Service, "training": Service,
	// marketplace
	"marketplace": Marketplace, "marketplaces": Marketplace, "cloudmarketplace": Marketplace,
	"appstore": Marketplace, "appmarketplace": Marketplace, "cloud": Marketplace,
	"hyperscaler": Marketplace, "cloudprovider": Marketplace, "store": Marketplace,
	// influencer
	"influencer": Influencer, "influencers": Influencer, "community": Influencer,
	"communities": Influencer, "analyst": Influencer, "analysts": Influencer,
	"analystfirm": Influencer, "podcast": Influencer, "creator": Influencer,
	"creators": Influencer, "contentcreator": Influencer, "media": Influencer,
	"publication": Influencer, "newsletter": Influencer, "events": Influencer,
	"event": Influencer, "association": Influencer,
	"usergroup": Influencer, "advocate": Influencer, "blogger": Influencer,
	"youtuber": Influencer,
}

// foldWord lowers a word and drops everything that is not a letter or digit,
// so "Value-Added Reseller" and "value added reseller" match.
func foldWord(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseRole reads one role word such as "VAR" or "Cloud Marketplace".
func ParseRole(word string) (Role, bool) {
	f := foldWord(word)
	if f == "" {
		return "", false
	}
	if r, ok := roleWords[f]; ok {
		return r, true
	}
	// "Resellers & Distributors", "Technology Partners": drop a trailing s or "partner(s)".
	for _, suffix := range []string{"partners", "partner", "s"} {
		if strings.HasSuffix(f, suffix) && len(f) > len(suffix) {
			if r, ok := roleWords[strings.TrimSuffix(f, suffix)]; ok {
				return r, true
			}
		}
	}
	return "", false
}

// ParseRoles reads a role cell that may hold several roles separated by ";",
// ",", "/", "|", "+" or " and ", in the order written: the first is primary.
// Words that name no role are returned in unknown so the caller can report
// them instead of guessing. Repeated roles count once.
func ParseRoles(cell string) (roles []Role, unknown []string) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return nil, nil
	}
	if r, ok := ParseRole(cell); ok {
		return []Role{r}, nil
	}
	parts := strings.FieldsFunc(cell, func(r rune) bool {
		return r == ';' || r == ',' || r == '/' || r == '|' || r == '+' || r == '&' || r == '\n'
	})
	var split []string
	for _, p := range parts {
		for _, q := range strings.Split(p, " and ") {
			split = append(split, q)
		}
	}
	seen := map[Role]bool{}
	for _, w := range split {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		r, ok := ParseRole(w)
		if !ok {
			unknown = append(unknown, w)
			continue
		}
		if !seen[r] {
			seen[r] = true
			roles = append(roles, r)
		}
	}
	return roles, unknown
}

// FormatRoles writes roles as a cell: "Technology; Marketplace".
func FormatRoles(roles []Role) string {
	labels := make([]string, len(roles))
	for i, r := range roles {
		labels[i] = r.Label()
	}
	return strings.Join(labels, "; ")
}

// SortRoles orders roles as Roles lists them.
func SortRoles(roles []Role) {
	idx := map[Role]int{}
	for i, r := range Roles {
		idx[r] = i
	}
	sort.SliceStable(roles, func(a, b int) bool { return idx[roles[a]] < idx[roles[b]] })
}

// Colour is the role's colour as a hex RGB string ("#5B4BB7"), the same in
// the app's charts and in the exported workbook's role mix; partners without
// a role (the empty role) are grey. The hues stay clear of the tier colours,
// so a chart never reads a role as a tier.
func (r Role) Colour() string {
	switch r {
	case Technology:
		return "#5B4BB7"
	case Channel:
		return "#1F8A9E"
	case Service:
		return "#B54A7A"
	case Marketplace:
		return "#6E8B2E"
	case Influencer:
		return "#D06B3A"
	}
	return "#9A9A9A"
}
