package core

import (
	"math"
	"testing"
	"time"
)

func TestParseOutcome(t *testing.T) {
	tests := []struct {
		stage string
		want  Outcome
		known bool
	}{
		{"Closed Won", Won, true}, {"closedwon", Won, true}, {"Won", Won, true}, {"Closed - Won", Won, true},
		{"Booked", Won, true}, {"Closed Lost", Lost, true}, {"closedlost", Lost, true}, {"Lost - No Decision", Lost, true},
		{"Out-sold", Lost, true}, {"Canceled", Lost, true}, {"Prospecting", Open, true},
		{"Negotiation/Review", Open, true}, {"Proposal/Price Quote", Open, true}, {"Id. Decision Makers", Open, true},
		{"appointmentscheduled", Open, true}, {"Demo Scheduled", Open, true}, {"In Progress", Open, true},
		{"open", Open, true}, {"Closed", Open, false}, {"Stage 7", Open, false}, {"", Open, false},
	}
	for _, tt := range tests {
		if got, known := ParseOutcome(tt.stage); got != tt.want || known != tt.known {
			t.Errorf("ParseOutcome(%q) = %v, %v; want %v, %v", tt.stage, got, known, tt.want, tt.known)
		}
	}
}

func TestParseDealType(t *testing.T) {
	tests := []struct {
		in    string
		want  DealType
		known bool
	}{
		{"New Business", NewBusiness, true}, {"", NewBusiness, true}, {"newbusiness", NewBusiness, true},
		{"Existing Business", Expansion, true}, {"Upsell", Expansion, true}, {"Cross-sell", Expansion, true},
		{"Existing Business - Upgrade", Expansion, true}, {"Renewal", Renewal, true}, {"Downgrade", Contraction, true},
		{"Churn", Churn, true}, {"Cancellation", Churn, true}, {"Pilot", NewBusiness, false},
	}
	for _, tt := range tests {
		if got, known := ParseDealType(tt.in); got != tt.want || known != tt.known {
			t.Errorf("ParseDealType(%q) = %v, %v; want %v, %v", tt.in, got, known, tt.want, tt.known)
		}
	}
}

var measureToday = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// measured is an ecosystem of three partners, one per tier and role, and
// eleven deals; every figure the tests expect was worked out by hand from
// the table below.
func measured(t *testing.T) *Ecosystem {
	e := NewEcosystem("Measured", measureToday)
	add := func(name string, r Role, tier Tier, v float64) {
		p := &Partner{Name: name, Roles: []Role{r}, Formal: true}
		for _, c := range e.Scorecard.Criteria {
			p.SetValue(c.Key, v)
		}
		if err := p.SetOverride(tier, "test"); err != nil {
			t.Fatal(err)
		}
		e.Partners = append(e.Partners, p)
	}
	add("Acme", Technology, Tier1, 5)
	add("Beta", Channel, Tier2, 3)
	add("Gamma", Service, Tier3, 1)
	deal := func(id, account string, o Outcome, typ DealType, amount float64, created, closed, sourced string, infl ...string) Deal {
		d := Deal{ID: id, Account: account, Outcome: o, Type: typ, Amount: amount, Sourced: sourced, Influencers: infl}
		if created != "" {
			d.Created = day(created)
		}
		if closed != "" {
			d.Closed = day(closed)
		}
		return d
	}
	deals := []Deal{
		deal("D1", "Northwind", Won, NewBusiness, 1000, "2026-01-01", "2026-01-31", "Acme", "Beta"),
		deal("D2", "Contoso", Won, NewBusiness, 2000, "2026-02-01", "2026-03-03", "", "Beta"),
		deal("D3", "Tailspin", Lost, NewBusiness, 500, "2026-03-01", "2026-04-01", "Beta"),
		deal("D4", "Wingtip", Open, NewBusiness, 800, "2026-05-01", "", "", "Acme", "Gamma"),
		deal("D5", "Fabrikam", Won, NewBusiness, 3000, "2026-01-10", "2026-03-11", ""),
		deal("D6", "Proseware", Lost, NewBusiness, 700, "2026-05-01", "2026-06-01", ""),
		deal("D7", "Litware", Won, NewBusiness, 1500, "2025-06-01", "2025-07-01", "Gamma"),
		deal("D8", "Adatum", Won, NewBusiness, 400, "2026-06-01", "2026-07-01", "Acme Cloud Inc"),
		deal("D9", "Fabrikam", Won, Churn, 200, "2026-07-01", "2026-08-01", ""),
		deal("D10", "Margie", Open, NewBusiness, 600, "2026-09-01", "", "", "Beta"),
		deal("D11", "Northwind", Won, Expansion, 300, "2026-09-01", "2026-10-01", ""),
	}
	deals[9].LeadSource = "Partner Referral"
	deals[0].Shares = map[string]float64{"Acme": 0.7}
	e.AddDeals("crm.csv", deals)
	return e
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 || (math.IsNaN(a) && math.IsNaN(b)) }

func checkFigures(t *testing.T, what string, got Figures, deals, won, lost, open int, pipeline, revenue, winRate, median, avgWon float64) {
	t.Helper()
	if got.Deals != deals || got.Won != won || got.Lost != lost || got.Open != open ||
		!near(got.Pipeline, pipeline) || !near(got.Revenue, revenue) || !near(got.WinRate, winRate) ||
		!near(got.MedianCycleDays, median) || !near(got.AverageWonDeal, avgWon) {
		t.Errorf("%s = deals %d won %d lost %d open %d pipeline %v revenue %v win rate %v median %v avg %v\n"+
			"want deals %d won %d lost %d open %d pipeline %v revenue %v win rate %v median %v avg %v",
			what, got.Deals, got.Won, got.Lost, got.Open, got.Pipeline, got.Revenue, got.WinRate, got.MedianCycleDays, got.AverageWonDeal,
			deals, won, lost, open, pipeline, revenue, winRate, median, avgWon)
	}
}

func TestMeasureAllDeals(t *testing.T) {
	e := measured(t)
	m := e.Measure(e.Evaluate(), measureToday)
	nan := math.NaN()
	// D9 is churn: retention only. The other ten, in one category each.
	checkFigures(t, "all", m.All, 10, 6, 2, 2, 1400, 8200, 6.0/8, 30, 8200.0/6)
	checkFigures(t, "sourced", m.Sourced, 5, 3, 1, 1, 600, 2900, 3.0/4, 30, 2900.0/3)
	checkFigures(t, "influenced only", m.InfluencedOnly, 2, 1, 0, 1, 800, 2000, 1, 30, 2000)
	checkFigures(t, "no partner", m.NoPartner, 3, 2, 1, 0, 0, 3300, 2.0/3, 45, 1650)
	if m.NotSales != 1 || m.Outside != 0 || !near(m.AttachRate, 0.7) {
		t.Errorf("not sales %d, outside %d, attach rate %v; want 1, 0, 0.7", m.NotSales, m.Outside, m.AttachRate)
	}
	// Partner deals win 4 of 5 (0.8) against 2 of 3; average 4900/4
	// against 3300/2; median cycle 30 against 45.
	if !near(m.Lift.WinRate, 0.8/(2.0/3)) || !near(m.Lift.DealSize, 1225.0/1650) || !near(m.Lift.CycleDays, 15) {
		t.Errorf("lift = %+v", m.Lift)
	}
	acme, beta, gamma := m.Partners[0], m.Partners[1], m.Partners[2]
	checkFigures(t, "Acme sourced", acme.Sourced, 1, 1, 0, 0, 0, 1000, 1, 30, 1000)
	checkFigures(t, "Acme influenced", acme.Influenced, 1, 0, 0, 1, 800, 0, nan, nan, nan)
	checkFigures(t, "Beta sourced", beta.Sourced, 2, 0, 1, 1, 600, 0, 0, nan, nan)
	checkFigures(t, "Beta influenced", beta.Influenced, 2, 2, 0, 0, 0, 3000, 1, 30, 1500)
	checkFigures(t, "Gamma sourced", gamma.Sourced, 1, 1, 0, 0, 0, 1500, 1, 30, 1500)
	checkFigures(t, "Gamma influenced", gamma.Influenced, 1, 0, 0, 1, 800, 0, nan, nan, nan)
	checkFigures(t, "Channel influenced", m.Roles[Channel].Influenced, 2, 2, 0, 0, 0, 3000, 1, 30, 1500)
	checkFigures(t, "Tier 1 sourced", m.Tiers[Tier1].Sourced, 1, 1, 0, 0, 0, 1000, 1, 30, 1000)
	if len(m.Unmatched) != 1 || m.Unmatched[0].Name != "Acme Cloud Inc" || m.Unmatched[0].Deals != 1 || m.Unmatched[0].Suggestion != "Acme" {
		t.Errorf("unmatched = %+v, want Acme Cloud Inc on 1 deal, did you mean Acme", m.Unmatched)
	}
	// Deals of 2026: Q1 D1 (sourced), D2 (influenced), D5 (none); Q3 D8;
	// Q4 D11; 2025 Q3 D7. The quarters between, empty, are there as zero.
	want := []Quarter{{"2025 Q3", 1500, 0, 0}, {"2025 Q4", 0, 0, 0}, {"2026 Q1", 1000, 2000, 3000}, {"2026 Q2", 0, 0, 0},
		{"2026 Q3", 400, 0, 0}, {"2026 Q4", 0, 0, 300}}
	if len(m.Quarters) != len(want) {
		t.Fatalf("quarters = %+v", m.Quarters)
	}
	for i, q := range want {
		if m.Quarters[i] != q {
			t.Errorf("quarter %d = %+v, want %+v", i, m.Quarters[i], q)
		}
	}
}

func TestMeasureWindowAndModels(t *testing.T) {
	e := measured(t)
	e.Deals.Window = Window{Kind: ThisYear}
	m := e.Measure(e.Evaluate(), measureToday)
	// D7 closed in 2025: out.
	if m.All.Deals != 9 || !near(m.All.Revenue, 6700) || m.Outside != 1 {
		t.Errorf("this year: %d deals, revenue %v, outside %d; want 9, 6700, 1", m.All.Deals, m.All.Revenue, m.Outside)
	}
	e.Deals.Window = Window{Kind: Custom, Since: day("2026-05-01"), Until: day("2026-06-30")}
	m = e.Measure(e.Evaluate(), measureToday)
	// Closed in May–June: D6 (lost); created in May–June and open: D4.
	if m.All.Deals != 2 || m.All.Lost != 1 || m.All.Open != 1 {
		t.Errorf("May–June: %+v", m.All)
	}
	e.Deals.Window = Window{}
	e.Deals.Model = SplitEvenly
	m = e.Measure(e.Evaluate(), measureToday)
	if !near(m.Partners[0].Sourced.Revenue, 500) || !near(m.Partners[1].Influenced.Revenue, 2500) || !near(m.Partners[2].Influenced.Pipeline, 400) {
		t.Errorf("split evenly: Acme sourced %v, Beta influenced %v, Gamma pipeline %v; want 500, 2500, 400",
			m.Partners[0].Sourced.Revenue, m.Partners[1].Influenced.Revenue, m.Partners[2].Influenced.Pipeline)
	}
	e.Deals.Model = ExportShares
	m = e.Measure(e.Evaluate(), measureToday)
	if !near(m.Partners[0].Sourced.Revenue, 700) || !near(m.Partners[1].Influenced.Revenue, 2300) {
		t.Errorf("export shares: Acme %v, Beta %v; want 700, 2300", m.Partners[0].Sourced.Revenue, m.Partners[1].Influenced.Revenue)
	}
	// The totals do not depend on the model.
	if !near(m.All.Revenue, 8200) || !near(m.Sourced.Revenue, 2900) {
		t.Errorf("totals moved with the model: %v, %v", m.All.Revenue, m.Sourced.Revenue)
	}
}

func TestFixingAnUnmatchedName(t *testing.T) {
	e := measured(t)
	if err := e.MapPartnerName("ACME Cloud, Inc.", "Acme"); err != nil {
		t.Fatal(err)
	}
	m := e.Measure(e.Evaluate(), measureToday)
	if len(m.Unmatched) != 0 || m.Partners[0].Sourced.Deals != 2 || !near(m.Partners[0].Sourced.Revenue, 1400) {
		t.Errorf("after the fix: unmatched %v, Acme sourced %d deals, %v", m.Unmatched, m.Partners[0].Sourced.Deals, m.Partners[0].Sourced.Revenue)
	}
	if err := e.MapPartnerName("Acme Cloud Inc", "Nobody"); err == nil {
		t.Error("mapping a name to no partner was accepted")
	}
}

func TestRetention(t *testing.T) {
	e := measured(t)
	m := e.Measure(e.Evaluate(), measureToday)
	// Partner accounts with new business: Northwind 1000 (+300
	// expansion), Contoso 2000, Litware 1500, Adatum 400; others: Fabrikam
	// 3000 (−200 churn).
	p, o := m.Retention.Partner, m.Retention.Other
	if p.Accounts != 4 || !near(p.Start, 4900) || !near(p.Rate, 5200.0/4900) || o.Accounts != 1 || !near(o.Rate, 2800.0/3000) {
		t.Errorf("retention = %+v / %+v", p, o)
	}
	// From an account revenue file: Northwind 100 → 150, Fabrikam 200 → 0.
	e.Deals.Revenue = []AccountRevenue{
		{Account: "Northwind", Date: day("2026-01-31"), ARR: 100}, {Account: "Northwind", Date: day("2026-12-31"), ARR: 150},
		{Account: "Fabrikam", Date: day("2026-01-31"), ARR: 200}, {Account: "Fabrikam", Date: day("2026-12-31"), ARR: 0},
	}
	m = e.Measure(e.Evaluate(), measureToday)
	if r := m.Retention; !r.FromRevenueFile || !near(r.Partner.Rate, 1.5) || !near(r.Other.Rate, 0) || !near(r.Other.Churn, 200) {
		t.Errorf("from the revenue file: %+v", r)
	}
}

func TestBacktestAndRevenuePotential(t *testing.T) {
	e := measured(t)
	m := e.Measure(e.Evaluate(), measureToday)
	// Scores rank Acme > Beta > Gamma; revenue ranks Beta (3000) > Gamma
	// (1500) > Acme (1000): ρ = −0.5.
	if !near(m.Backtest.RankCorrelation, -0.5) || !near(m.Backtest.Tiers[Tier2].Revenue, 3000) {
		t.Errorf("backtest = %+v", m.Backtest)
	}
	if got := RevenueScores([]float64{1000, 3000, 1500, 0}); got[0] != 2 || got[1] != 4 || got[2] != 3 || got[3] != 1 {
		t.Errorf("RevenueScores = %v, want [2 4 3 1]", got)
	}
	e.SetRevenueFromDeals(true, measureToday)
	if v, _ := e.Partners[1].Value(RevenuePotential); v != 4 {
		t.Errorf("Beta's revenue potential from deals = %v, want 4", v)
	}
	e.UseTypedRevenue("Beta", true, measureToday)
	if v, _ := e.Partners[1].Value(RevenuePotential); v != 3 {
		t.Errorf("Beta back on its typed value = %v, want 3", v)
	}
	e.SetRevenueFromDeals(false, measureToday)
	if v, _ := e.Partners[0].Value(RevenuePotential); v != 5 {
		t.Errorf("Acme with deals off = %v, want its typed 5", v)
	}
	// Every export removed: the partners get their typed values back (they
	// kept the deals' before).
	e.SetRevenueFromDeals(true, measureToday)
	for _, f := range e.Deals.Files {
		e.RemoveDeals(f)
	}
	e.ApplyMeasuredRevenue(measureToday)
	if v, _ := e.Partners[0].Value(RevenuePotential); v != 5 {
		t.Errorf("Acme with no deals left = %v, want its typed 5", v)
	}
}

func TestMeasurementMaturity(t *testing.T) {
	stage := func(e *Ecosystem) Stage {
		for _, a := range e.AssessMaturity(e.Evaluate()) {
			if a.Dimension == Measurement {
				return a.Proposed
			}
		}
		return Unrated
	}
	e := measured(t)
	if s := stage(e); s != Strategic {
		t.Errorf("every role and tier with deals, ACV and NRR measured: stage %v, want 3", s)
	}
	e.RemoveDeals("crm.csv")
	e.AddDeals("crm.csv", []Deal{{ID: "X", Outcome: Won, Amount: 10, Sourced: "Acme"}})
	if s := stage(e); s != Emerging {
		t.Errorf("one attributed deal: stage %v, want 2", s)
	}
	e.Deals = nil
	if s := stage(e); s != Undefined {
		t.Errorf("no deals: stage %v, want 1", s)
	}
}

// TestRevenueByWebsite: a revenue row that names its account by website
// only matches the deals of that account named the same way, and before
// the fix it counted among the other accounts.
func TestRevenueByWebsite(t *testing.T) {
	e := NewEcosystem("Sites", measureToday)
	e.Partners = []*Partner{{Name: "Acme", Roles: []Role{Channel}}}
	e.AddDeals("deals.csv", []Deal{
		{ID: "1", Website: "https://www.ameren.com/", Outcome: Won, Type: NewBusiness, Amount: 100, Sourced: "Acme",
			Created: day("2025-01-01"), Closed: day("2025-02-01")},
	})
	e.Deals.Revenue = []AccountRevenue{
		{Website: "ameren.com", Date: day("2025-03-31"), ARR: 100},
		{Website: "https://ameren.com", Date: day("2026-03-31"), ARR: 130},
	}
	r := e.Measure(e.Evaluate(), measureToday).Retention
	if r.Partner.Accounts != 1 || r.Partner.Rate != 1.3 || r.Other.Accounts != 0 {
		t.Errorf("retention = %+v, want the partner account at 130%%", r)
	}
}
