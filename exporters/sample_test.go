package exporters

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"partneratlas/core"
)

var testToday = time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)

// sampleEcosystem is a small ecosystem that exercises every column: roles,
// overrides, out-of-scale and missing values, unmapped columns with text
// that looks like a formula or a number, and names in several scripts.
func sampleEcosystem(t testing.TB) *core.Ecosystem {
	t.Helper()
	e := core.NewEcosystem("Acme 生态 — אקמה 🚀", testToday)
	e.Review.MarkReviewed(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
	e.Scorecard.AddCriterion("Co-sell readiness", 7.5)
	e.Scorecard.Criteria[4].Min, e.Scorecard.Criteria[4].Max = 0, 10
	e.Maturity.Rate(core.Prioritization, core.Emerging)
	e.Maturity.Rate(core.Measurement, core.Undefined)
	add := func(name, site string, roles []core.Role, formal bool, vals []float64, extras ...string) *core.Partner {
		p := &core.Partner{Name: name, Website: site, Domain: core.RegistrableDomain(site), Roles: roles, Formal: formal,
			Owner: "Dana", Region: "EMEA",
			Sources: []core.Source{{File: "partners.xlsx", Sheet: "List", Row: len(e.Partners) + 2}, {File: "extra list.csv", Row: 7}}}
		for i, v := range vals {
			if v >= 0 || i == 4 {
				p.SetValue(e.Scorecard.Criteria[i].Key, v)
			}
		}
		for i := 0; i+1 < len(extras); i += 2 {
			p.Extras = append(p.Extras, core.Extra{Column: extras[i], Value: extras[i+1]})
		}
		e.Partners = append(e.Partners, p)
		return p
	}
	T, C, S, M, I := core.Technology, core.Channel, core.Service, core.Marketplace, core.Influencer
	add("Salesforce", "https://www.salesforce.com", []core.Role{T, M}, true, []float64{5, 5, 4, 5, 9}, "Notes", "=HYPERLINK(\"http://evil.example\",\"click\")", "Phone", "+1 555 0100")
	add("AWS Marketplace", "aws.amazon.com", []core.Role{M}, true, []float64{4, 4, 3, 5, 8.5}, "Notes", "-3", "Account ID", "007")
	add("株式会社テスト", "https://test.co.jp", []core.Role{C}, true, []float64{3, 4, 3, 3, 3.3}, "Notes", "日本のパートナー")
	add("شريك عربي", "https://partner.example.sa", []core.Role{S}, false, []float64{2, 3, 2, 4, 6.7}, "Notes", "نص عربي")
	add("Emoji Labs 🚀", "emoji.io", []core.Role{I, T}, false, []float64{4, 2, 5, 1, 0.1}, "Notes", "@SUM(1+1)")
	add("Missing Values Inc", "missing.example.com", []core.Role{T}, true, []float64{5, -1, -1, 4, 2.25})
	add("Out Of Scale", "oos.example.org", []core.Role{C}, true, []float64{7, 0, 5, 5, 12}, "Phone", "=1+1")
	p := add("Overridden Co", "overridden.example", []core.Role{S, C}, true, []float64{1, 1, 1, 1, 0})
	if err := p.SetOverride(core.Tier1, "Board-level strategic deal"); err != nil {
		t.Fatal(err)
	}
	add("No Role Yet", "", nil, false, []float64{3, 3, 3, 3, 5}, "Account ID", "0042")
	add("Tab\tand <xml> & \"quotes\"", "quotes.example", []core.Role{I}, false, []float64{2.5, 3.5, 4.5, 1.5, 7.77})
	// Scores that sit on half-cents, to exercise rounding.
	rng := rand.New(rand.NewPCG(7, 11))
	roles := core.Roles
	for i := 0; i < 40; i++ {
		vals := make([]float64, 5)
		for j := range vals {
			vals[j] = float64(1 + rng.IntN(5))
			if j == 4 {
				vals[j] = float64(rng.IntN(1001)) / 100
			}
			if rng.IntN(12) == 0 {
				vals[j] = -1
			}
		}
		add(fmt.Sprintf("Generated %02d", i), fmt.Sprintf("https://gen%02d.example.com", i), []core.Role{roles[i%5]}, i%3 != 0, vals)
	}
	return e
}

// bigEcosystem has n generated partners for benchmarks.
func bigEcosystem(n int) *core.Ecosystem {
	e := core.NewEcosystem("Big", testToday)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		p := &core.Partner{Name: fmt.Sprintf("Partner %06d", i), Website: fmt.Sprintf("https://p%06d.example.com", i),
			Domain: fmt.Sprintf("p%06d.example.com", i), Roles: []core.Role{core.Roles[i%5]}, Formal: i%2 == 0,
			Owner: "Owner", Region: "NA", Sources: []core.Source{{File: "big.xlsx", Sheet: "Sheet1", Row: i + 2}},
			Extras: []core.Extra{{Column: "Notes", Value: "note"}, {Column: "CRM ID", Value: fmt.Sprint(100000 + i)}}}
		for _, c := range e.Scorecard.Criteria {
			p.SetValue(c.Key, float64(1+rng.IntN(5)))
		}
		e.Partners = append(e.Partners, p)
	}
	return e
}
