package main

import (
	"encoding/json"
	"math"
	"os"
	"partneratlas/internal/fixtures"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ukDeals is a Salesforce opportunity report exported in a UK locale: day
// first dates, amounts with the pound sign; written for these tests (see
// testdata/README.md).
const ukDeals = "testdata/salesforce-opportunities-uk.csv"

// exportAliases are the partner names of ukDeals written otherwise than
// the sample partner list writes them, and the partner each means: the
// attribution the export was written with. Names neither here nor in the
// partner list match no partner.
var exportAliases = map[string]string{"Brightline Data Inc.": "Brightline Data", "brightline data": "Brightline Data"}

// testDeal is a row of ukDeals as the test reads it, by its own simple
// rules: never with core or importers.
type testDeal struct {
	account         string
	outcome         string // won, lost or open
	kind            string // the Type column
	amount          float64
	created, closed time.Time
	sourced         string   // as written; "" for none
	influencers     []string // as written
}

// readTestDeals reads ukDeals with encoding/csv: "Closed Won" is won,
// "Closed Lost" lost, any other stage open; "£12,500.00" is 12500 and a
// blank amount 0; dates are dd/mm/yyyy; influencers are ";"-separated; a
// deal with no primary partner, a lead source saying partner and one
// influencer is sourced by that one.
func readTestDeals(t *testing.T, path string) []testDeal {
	t.Helper()
	rows := fixtures.CSV(t, path)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	day := func(s string) time.Time {
		d, err := time.Parse("02/01/2006", s)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return d
	}
	var out []testDeal
	for _, r := range rows[1:] {
		d := testDeal{account: r[col["Account Name"]], kind: r[col["Type"]], outcome: "open",
			created: day(r[col["Created Date"]]), closed: day(r[col["Close Date"]]), sourced: r[col["Primary Partner"]]}
		switch r[col["Stage"]] {
		case "Closed Won":
			d.outcome = "won"
		case "Closed Lost":
			d.outcome = "lost"
		}
		if a := strings.NewReplacer("£", "", ",", "").Replace(r[col["Amount"]]); a != "" {
			var err error
			if d.amount, err = strconv.ParseFloat(a, 64); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range strings.Split(r[col["Influencing Partners"]], ";") {
			if n = strings.TrimSpace(n); n != "" {
				d.influencers = append(d.influencers, n)
			}
		}
		if d.sourced == "" && strings.Contains(r[col["Lead Source"]], "Partner") && len(d.influencers) == 1 {
			d.sourced, d.influencers = d.influencers[0], nil
		}
		out = append(out, d)
	}
	return out
}

// testFigures add up deals as the issue defines the figures.
type testFigures struct {
	deals, won, lost, open int
	pipeline, revenue      float64
	wonAmount              float64
	cycles                 []float64
}

// add counts d once, crediting credit times its amount (a segment two of
// whose partners influenced d is credited twice).
func (f *testFigures) add(d testDeal, credit float64) {
	f.deals++
	switch d.outcome {
	case "won":
		f.won++
		f.revenue += credit * d.amount
		f.wonAmount += d.amount
		f.cycles = append(f.cycles, d.closed.Sub(d.created).Hours()/24)
	case "lost":
		f.lost++
	default:
		f.open++
		f.pipeline += credit * d.amount
	}
}

func (f testFigures) winRate() float64 {
	if f.won+f.lost == 0 {
		return math.NaN()
	}
	return float64(f.won) / float64(f.won+f.lost)
}

func (f testFigures) average() float64 {
	if f.won == 0 {
		return math.NaN()
	}
	return f.wonAmount / float64(f.won)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// gotFigures is a figures object of the JSON; a null is nil.
type gotFigures struct {
	Deals, Won, Lost, Open int
	Pipeline, Revenue      *float64
	WinRate                *float64 `json:"win_rate"`
	MedianCycleDays        *float64 `json:"median_cycle_days"`
	AverageWonDeal         *float64 `json:"average_won_deal"`
}

type gotTwofold struct {
	Name                string
	Sourced, Influenced gotFigures
}

type gotMeasurement struct {
	Window struct {
		Since, Until *string
	}
	CreditModel    string `json:"credit_model"`
	DealsImported  int    `json:"deals_imported"`
	OutsideWindow  int    `json:"outside_window"`
	All            gotFigures
	Sourced        gotFigures
	InfluencedOnly gotFigures `json:"influenced_only"`
	NoPartner      gotFigures `json:"no_partner"`
	AttachRate     *float64   `json:"attach_rate"`
	Lift           struct {
		WinRate          *float64 `json:"win_rate"`
		DealSize         *float64 `json:"deal_size"`
		CycleDaysShorter *float64 `json:"cycle_days_shorter"`
	}
	NRR struct {
		Partner, Other *float64
	} `json:"nrr"`
	Partners, Roles, Tiers []gotTwofold
	Unmatched              []struct {
		Name       string
		Deals      int
		DidYouMean *string `json:"did_you_mean"`
	} `json:"unmatched_partners"`
}

type gotPlan struct {
	Partners []struct {
		Name        string
		PrimaryRole string `json:"primary_role"`
		Tier        string
	}
	Measurement *gotMeasurement
}

// runPlanJSON runs plan --json with args and decodes its output. The plan
// is written as .csv unless args say otherwise: what the workbook makes of
// deals is the planbook package's to test.
func runPlanJSON(t *testing.T, args ...string) (gotPlan, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "plan.csv")
	status, stdout, stderr := runCmd(append([]string{"plan", "--json", "-o", out}, args...)...)
	if status != 0 {
		t.Fatalf("plan %v: status %d, stderr %q", args, status, stderr)
	}
	if strings.Contains(stdout, "NaN") || strings.Contains(stdout, "Inf") {
		t.Errorf("the JSON holds NaN or Inf:\n%s", stdout)
	}
	var got gotPlan
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("the JSON does not parse: %v\n%s", err, stdout)
	}
	return got, stderr
}

func sameNumber(got *float64, want float64) bool {
	if math.IsNaN(want) {
		return got == nil
	}
	return got != nil && math.Abs(*got-want) < 0.006
}

func checkFigures(t *testing.T, what string, got gotFigures, want testFigures) {
	t.Helper()
	if got.Deals != want.deals || got.Won != want.won || got.Lost != want.lost || got.Open != want.open {
		t.Errorf("%s: deals %d won %d lost %d open %d, want %d %d %d %d", what,
			got.Deals, got.Won, got.Lost, got.Open, want.deals, want.won, want.lost, want.open)
	}
	for _, c := range []struct {
		name string
		got  *float64
		want float64
	}{
		{"pipeline", got.Pipeline, want.pipeline},
		{"revenue", got.Revenue, want.revenue},
		{"win_rate", got.WinRate, want.winRate()},
		{"median_cycle_days", got.MedianCycleDays, median(want.cycles)},
		{"average_won_deal", got.AverageWonDeal, want.average()},
	} {
		if !sameNumber(c.got, c.want) {
			g := "null"
			if c.got != nil {
				g = strconv.FormatFloat(*c.got, 'f', -1, 64)
			}
			t.Errorf("%s: %s = %s, want %v", what, c.name, g, c.want)
		}
	}
}

// expected is what the test works out from the rows: the totals, each
// partner's, role's and tier's figures, attach rate, lift, NRR and the
// names that match no partner.
type expected struct {
	all, sourced, influencedOnly, noPartner testFigures
	partners, roles, tiers                  map[string]*[2]testFigures // [0] sourced, [1] influenced
	attach, liftWin, liftSize, liftCycle    float64
	nrrPartner, nrrOther                    float64
	unmatched                               map[string]int
}

// expect works out the figures of deals over [since, until] (zero: open):
// won and lost deals by close date, open ones by creation date. partner
// resolves a name as written ("" when it matches none); role and tier are
// each partner's, as the plan's partner list gives them.
func expect(deals []testDeal, since, until time.Time, partner func(string) string, role, tier map[string]string) expected {
	x := expected{partners: map[string]*[2]testFigures{}, roles: map[string]*[2]testFigures{},
		tiers: map[string]*[2]testFigures{}, unmatched: map[string]int{}}
	in := func(t time.Time) bool {
		return (since.IsZero() || !t.Before(since)) && (until.IsZero() || !t.After(until))
	}
	seg := func(m map[string]*[2]testFigures, k string) *[2]testFigures {
		if m[k] == nil {
			m[k] = &[2]testFigures{}
		}
		return m[k]
	}
	var partnerCycles []float64
	for _, d := range deals {
		for _, n := range append([]string{d.sourced}, d.influencers...) {
			if n != "" && partner(n) == "" {
				x.unmatched[n]++
			}
		}
		when := d.closed
		if d.outcome == "open" {
			when = d.created
		}
		if !in(when) {
			continue
		}
		x.all.add(d, 1)
		switch {
		case d.sourced != "":
			x.sourced.add(d, 1)
		case len(d.influencers) > 0:
			x.influencedOnly.add(d, 1)
		default:
			x.noPartner.add(d, 1)
		}
		if (d.sourced != "" || len(d.influencers) > 0) && d.outcome == "won" {
			partnerCycles = append(partnerCycles, d.closed.Sub(d.created).Hours()/24)
		}
		if p := partner(d.sourced); p != "" {
			seg(x.partners, p)[0].add(d, 1)
			seg(x.roles, role[p])[0].add(d, 1)
			seg(x.tiers, tier[p])[0].add(d, 1)
		}
		byRole, byTier := map[string]float64{}, map[string]float64{}
		for _, n := range d.influencers {
			if p := partner(n); p != "" {
				seg(x.partners, p)[1].add(d, 1)
				byRole[role[p]]++
				byTier[tier[p]]++
			}
		}
		for r, n := range byRole {
			seg(x.roles, r)[1].add(d, n)
		}
		for t, n := range byTier {
			seg(x.tiers, t)[1].add(d, n)
		}
	}
	x.attach = float64(x.sourced.deals+x.influencedOnly.deals) / float64(x.all.deals)
	withWon, withLost := x.sourced.won+x.influencedOnly.won, x.sourced.lost+x.influencedOnly.lost
	x.liftWin, x.liftSize = math.NaN(), math.NaN()
	if withWon+withLost > 0 && x.noPartner.won > 0 {
		x.liftWin = float64(withWon) / float64(withWon+withLost) / x.noPartner.winRate()
	}
	if withWon > 0 && x.noPartner.won > 0 {
		x.liftSize = (x.sourced.wonAmount + x.influencedOnly.wonAmount) / float64(withWon) / x.noPartner.average()
	}
	x.liftCycle = median(x.noPartner.cycles) - median(partnerCycles)

	// NRR: an account's start is its new business won before the window
	// (all of it when the window has no start); expansion won and renewals
	// lost in the window add and take away.
	type flows struct {
		start, exp, churn float64
		partner           bool
	}
	accounts := map[string]*flows{}
	for _, d := range deals {
		a := accounts[d.account]
		if a == nil {
			a = &flows{}
			accounts[d.account] = a
		}
		a.partner = a.partner || d.sourced != "" || len(d.influencers) > 0
		switch {
		case d.kind == "New Business" && d.outcome == "won" && (since.IsZero() || d.closed.Before(since)):
			a.start += d.amount
		case !in(d.closed):
		case d.kind == "Existing Business" && d.outcome == "won":
			a.exp += d.amount
		case d.kind == "Renewal" && d.outcome == "lost":
			a.churn += d.amount
		}
	}
	var p, o flows
	for _, a := range accounts {
		if a.start == 0 {
			continue
		}
		c := &o
		if a.partner {
			c = &p
		}
		c.start, c.exp, c.churn = c.start+a.start, c.exp+a.exp, c.churn+a.churn
	}
	x.nrrPartner = (p.start + p.exp - p.churn) / p.start
	x.nrrOther = (o.start + o.exp - o.churn) / o.start
	return x
}

// samplePartner resolves a name of ukDeals against the partner names of the
// plan's JSON: the partner an alias of exportAliases means, else the name
// itself, when the list has that partner.
func samplePartner(got gotPlan) (partner func(string) string, role, tier map[string]string) {
	role, tier = map[string]string{}, map[string]string{}
	for _, p := range got.Partners {
		role[p.Name], tier[p.Name] = p.PrimaryRole, p.Tier
	}
	return func(n string) string {
		if a, ok := exportAliases[n]; ok {
			n = a
		}
		if _, ok := role[n]; ok {
			return n
		}
		return ""
	}, role, tier
}

func checkTwofolds(t *testing.T, what string, got []gotTwofold, want map[string]*[2]testFigures) {
	t.Helper()
	var names []string
	for _, g := range got {
		names = append(names, g.Name)
		w := want[g.Name]
		if w == nil {
			t.Errorf("%s %q is in the JSON, but has no deal in the window", what, g.Name)
			continue
		}
		checkFigures(t, what+" "+g.Name+" sourced", g.Sourced, w[0])
		checkFigures(t, what+" "+g.Name+" influenced", g.Influenced, w[1])
	}
	if len(names) != len(want) {
		t.Errorf("%s in the JSON: %v; want %d of them", what, names, len(want))
	}
}

func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func TestPlanMeasuresDeals(t *testing.T) {
	deals := readTestDeals(t, ukDeals)
	if len(deals) != 22 {
		t.Fatalf("%d rows in %s, want 22", len(deals), ukDeals)
	}
	in := sample(t)
	for _, c := range []struct {
		name         string
		args         []string
		since, until string // as the JSON should give them; "" for null
	}{
		{"all deals", nil, "", ""},
		{"second half of 2025", []string{"--since", "2025-07-01", "--until", "2025-12-31"}, "2025-07-01", "2025-12-31"},
		{"since a day written in words", []string{"--since=1 Jul 2025"}, "2025-07-01", ""},
		{"until a year", []string{"--until", "2025"}, "", "2025-12-31"},
		{"day-first date", []string{"--since", "15/03/2025", "--until", "2026-03-31"}, "2025-03-15", "2026-03-31"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _ := runPlanJSON(t, append([]string{in, "--deals", ukDeals}, c.args...)...)
			if len(got.Partners) != 40 {
				t.Fatalf("%d partners in the JSON, want the sample's 40", len(got.Partners))
			}
			m := got.Measurement
			if m == nil {
				t.Fatal("the JSON has no measurement")
			}
			str := func(s *string) string {
				if s == nil {
					return ""
				}
				return *s
			}
			if str(m.Window.Since) != c.since || str(m.Window.Until) != c.until {
				t.Errorf("window %q – %q, want %q – %q", str(m.Window.Since), str(m.Window.Until), c.since, c.until)
			}
			if m.DealsImported != 22 || m.CreditModel != "Whole amount to each partner" {
				t.Errorf("deals_imported %d, credit_model %q", m.DealsImported, m.CreditModel)
			}
			partner, role, tier := samplePartner(got)
			x := expect(deals, day(c.since), day(c.until), partner, role, tier)
			if m.OutsideWindow != 22-x.all.deals {
				t.Errorf("outside_window = %d, want %d", m.OutsideWindow, 22-x.all.deals)
			}
			checkFigures(t, "all", m.All, x.all)
			checkFigures(t, "sourced", m.Sourced, x.sourced)
			checkFigures(t, "influenced_only", m.InfluencedOnly, x.influencedOnly)
			checkFigures(t, "no_partner", m.NoPartner, x.noPartner)
			if m.Sourced.Deals+m.InfluencedOnly.Deals+m.NoPartner.Deals != m.All.Deals {
				t.Errorf("the categories do not add up to all deals: %+v", m)
			}
			checkTwofolds(t, "partner", m.Partners, x.partners)
			checkTwofolds(t, "role", m.Roles, x.roles)
			checkTwofolds(t, "tier", m.Tiers, x.tiers)
			for _, n := range []struct {
				name string
				got  *float64
				want float64
			}{
				{"attach_rate", m.AttachRate, x.attach},
				{"lift.win_rate", m.Lift.WinRate, x.liftWin},
				{"lift.deal_size", m.Lift.DealSize, x.liftSize},
				{"lift.cycle_days_shorter", m.Lift.CycleDaysShorter, x.liftCycle},
				{"nrr.partner", m.NRR.Partner, x.nrrPartner},
				{"nrr.other", m.NRR.Other, x.nrrOther},
			} {
				if !sameNumber(n.got, n.want) {
					t.Errorf("%s = %v, want %v", n.name, n.got, n.want)
				}
			}
			var unmatched []string
			for _, u := range m.Unmatched {
				hint := ""
				if u.DidYouMean != nil {
					hint = " → " + *u.DidYouMean
				}
				unmatched = append(unmatched, u.Name+": "+strconv.Itoa(u.Deals)+hint)
				if u.Deals != x.unmatched[u.Name] {
					t.Errorf("unmatched %q: %d deals, want %d", u.Name, u.Deals, x.unmatched[u.Name])
				}
			}
			// The names as the export writes them; a typo of a partner's
			// name gets a "did you mean", a stranger none.
			want := []string{"Granite Peak Reseller: 1 → Granite Peak Resellers", "Orion Data Partners: 1"}
			if !slices.Equal(unmatched, want) || len(x.unmatched) != len(want) {
				t.Errorf("unmatched_partners = %q, want %q", unmatched, want)
			}
		})
	}
}

// commas writes a whole amount as the report should: 1,234,567.
func commas(x float64) string {
	s := strconv.FormatInt(int64(math.Floor(x+0.5)), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestPlanDealsReport(t *testing.T) {
	deals := readTestDeals(t, ukDeals)
	in := sample(t)
	out := filepath.Join(t.TempDir(), "plan.xlsx")
	status, stdout, stderr := runCmd("plan", in, "--deals", ukDeals, "-o", out)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	var all testFigures
	var withPartner int
	for _, d := range deals {
		all.add(d, 1)
		if d.sourced != "" || len(d.influencers) > 0 {
			withPartner++
		}
	}
	for _, want := range []string{
		"Partners: 40", "Deals: 22 from 1 export (salesforce-opportunities-uk.csv)", "Window: All deals", "Amounts in GBP",
		"Win rate", "Median cycle", "Influenced only", "No partner",
		commas(all.revenue), commas(all.pipeline), // the totals, with thousands separators
		strconv.Itoa(withPartner) + " of 22 deals have a partner",
		"Top partners by sourced + influenced revenue", "more than the deals' total",
		"Granite Peak Reseller: 1 deal; did you mean Granite Peak Resellers?", "Orion Data Partners: 1 deal\n",
		`row 23, column D "Stage": the stage "Stalled"`, `row 10, column E "Amount": 1 deal has no amount`,
		"Wrote " + out,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the report lacks %q:\n%s", want, stdout)
		}
	}
	totals := stdout[strings.Index(stdout, "  All "):]
	totals = totals[:strings.Index(totals, "\n")]
	if f := strings.Fields(totals); len(f) < 7 || f[1] != "22" || f[2] != strconv.Itoa(all.won) || f[3] != strconv.Itoa(all.lost) ||
		f[4] != strconv.Itoa(all.open) || f[5] != commas(all.pipeline) || f[6] != commas(all.revenue) {
		t.Errorf("the totals line %q does not say 22 deals, %d won, %d lost, %d open, %s pipeline, %s revenue",
			totals, all.won, all.lost, all.open, commas(all.pipeline), commas(all.revenue))
	}
	if strings.Contains(stdout, "NaN") {
		t.Errorf("the report shows NaN:\n%s", stdout)
	}
}

func TestPlanDealsFromSeveralExports(t *testing.T) {
	in := sample(t)
	hubspot := accountsData + "hubspot-deals.csv"
	rows := fixtures.CSV(t, hubspot)
	for _, c := range []struct {
		name  string
		args  []string
		deals int
	}{
		{"two exports", []string{"--deals", ukDeals, "--deals", hubspot}, 22 + len(rows) - 1},
		{"the same export twice counts once", []string{"--deals", ukDeals, "--deals", "./" + ukDeals}, 22},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, stderr := runPlanJSON(t, append([]string{in}, c.args...)...)
			if got.Measurement == nil || got.Measurement.DealsImported != c.deals || got.Measurement.All.Deals != c.deals {
				t.Fatalf("measurement %+v, want %d deals", got.Measurement, c.deals)
			}
			if !strings.Contains(stderr, "Deals: "+strconv.Itoa(c.deals)+" from") {
				t.Errorf("the report does not count %d deals:\n%s", c.deals, stderr)
			}
		})
	}
}

// TestPlanDealsOnPlanWorkbook measures the deals on a plan workbook the
// app saved: the same figures as on the partner list it came from, and no
// deal counted twice when the workbook keeps the deals it was written with.
func TestPlanDealsOnPlanWorkbook(t *testing.T) {
	in := sample(t)
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.xlsx")
	if status, _, stderr := runCmd("plan", in, "-o", plan); status != 0 {
		t.Fatalf("plan: status %d, %s", status, stderr)
	}
	fromList, _ := runPlanJSON(t, in, "--deals", ukDeals)
	fromPlan, _ := runPlanJSON(t, plan, "--deals", ukDeals, "-o", filepath.Join(dir, "plan2.xlsx"))
	a, _ := json.Marshal(fromList.Measurement)
	b, _ := json.Marshal(fromPlan.Measurement)
	if string(a) != string(b) {
		t.Errorf("the measurement on the plan workbook differs from the one on its partner list:\n%s\n%s", b, a)
	}
	again, _ := runPlanJSON(t, filepath.Join(dir, "plan2.xlsx"), "--deals", ukDeals)
	if m := again.Measurement; m == nil || m.DealsImported != 22 {
		t.Errorf("a workbook written with the deals, given them again: %+v, want 22 deals", m)
	}
	// Without --deals, the workbook measures the deals it keeps, if it
	// keeps them, over the window it was written with.
	windowed := filepath.Join(dir, "plan3.xlsx")
	fromList, _ = runPlanJSON(t, in, "--deals", ukDeals, "--since", "2025-07-01")
	runPlanJSON(t, in, "--deals", ukDeals, "--since", "2025-07-01", "-o", windowed)
	kept, _ := runPlanJSON(t, windowed)
	if m := kept.Measurement; m != nil {
		a, _ := json.Marshal(fromList.Measurement)
		b, _ := json.Marshal(m)
		if string(a) != string(b) {
			t.Errorf("the measurement of the deals and window the workbook keeps differs from the one it was written with:\n%s\n%s", b, a)
		}
	}
}

func TestPlanJSONWithoutDealsInWindow(t *testing.T) {
	got, _ := runPlanJSON(t, sample(t), "--deals", ukDeals, "--since", "2030-01-01")
	m := got.Measurement
	if m == nil || m.All.Deals != 0 || m.OutsideWindow != 22 {
		t.Fatalf("measurement = %+v, want no deal in the window and 22 outside", m)
	}
	if m.All.WinRate != nil || m.All.MedianCycleDays != nil || m.All.AverageWonDeal != nil || m.AttachRate != nil || m.Lift.WinRate != nil {
		t.Errorf("rates with nothing to rest on are not null: %+v", m)
	}
	if len(m.Partners) != 0 || m.Partners == nil {
		t.Errorf("partners = %v, want an empty list", m.Partners)
	}
}

func TestPlanDealsBadInput(t *testing.T) {
	dir := t.TempDir()
	in := sample(t)
	other := filepath.Join(dir, "salesforce-opportunities-uk.csv")
	data, err := os.ReadFile(ukDeals)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(other, data, 0o644)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"missing export", []string{"--deals", filepath.Join(dir, "nope.csv")}, "cannot find " + filepath.Join(dir, "nope.csv")},
		{"export is a folder", []string{"--deals", dir}, "is a folder; give the deal export files inside it"},
		{"--deals without a value", []string{"--deals"}, "--deals needs a deal export"},
		{"a partner list as deals", []string{"--deals", in}, "stages or amounts"},
		{"two exports of one name", []string{"--deals", ukDeals, "--deals", other}, "both named salesforce-opportunities-uk.csv"},
		{"no such day", []string{"--deals", ukDeals, "--since", "31/02/2025"}, `--since: "31/02/2025" is not a day: February 2025 has 28 days`},
		{"ambiguous day", []string{"--deals", ukDeals, "--until", "03/04/2025"}, "could be 3 April or 4 March"},
		{"not a date", []string{"--deals", ukDeals, "--since", "last spring"}, `--since: "last spring" is not a date; write it year first`},
		{"empty date", []string{"--deals", ukDeals, "--since="}, "--since: needs a date"},
		{"--since without a value", []string{"--deals", ukDeals, "--since"}, "--since needs a date, such as"},
		{"window backwards", []string{"--deals", ukDeals, "--since", "2026-01-01", "--until", "2025-01-01"}, "--since 2026-01-01 comes after --until 2025-01-01"},
		{"window without deals", []string{"--since", "2025-01-01"}, "give the deal exports with --deals FILE"},
		{"output is a deal export", []string{"--deals", other, "-o", other}, "never writes over its input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, stdout, stderr := runCmd(append([]string{"plan", in, "-o", filepath.Join(dir, "plan.xlsx")}, c.args...)...)
			if status != 1 || stdout != "" {
				t.Errorf("status %d, stdout %q; want 1 and nothing", status, stdout)
			}
			if !strings.HasPrefix(stderr, "partneratlas: ") || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr = %q, want one paragraph with %q", stderr, c.want)
			}
		})
	}
}

func TestParseDay(t *testing.T) {
	for _, c := range []struct {
		in   string
		end  bool
		want string // "" for an error
	}{
		{"2026-03-31", false, "2026-03-31"},
		{"2026/3/31", false, "2026-03-31"},
		{"31 Mar 2026", false, "2026-03-31"},
		{"31 march 2026", false, "2026-03-31"},
		{"MARCH 31, 2026", false, "2026-03-31"},
		{"Mar 31 2026", false, "2026-03-31"},
		{"31/03/2026", false, "2026-03-31"},
		{"03/31/2026", false, "2026-03-31"},
		{"31.03.26", false, "2026-03-31"},
		{"4/4/2026", false, "2026-04-04"},
		{"3/4/2026", false, ""},
		{"2026", false, "2026-01-01"},
		{"2026", true, "2026-12-31"},
		{"2024-02", true, "2024-02-29"},
		{"2024-02", false, "2024-02-01"},
		{"Feb 2025", true, "2025-02-28"},
		{"2025-02-29", false, ""},
		{"2025-13-01", false, ""},
		{"32/01/2025", false, ""},
		{"yesterday", false, ""},
		{"", false, ""},
	} {
		got, err := parseDay(c.in, c.end)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("parseDay(%q) = %v, want an error", c.in, got)
		case c.want != "" && (err != nil || got.Format(time.DateOnly) != c.want):
			t.Errorf("parseDay(%q, %v) = %v, %v; want %s", c.in, c.end, got, err, c.want)
		}
	}
}

// TestPlanDealsMatchingNoPartner measures the deals on a plan workbook of
// other partners (the planbook package's fixture): every partner deal still
// counts as one, for no partner, and every name is listed as unmatched.
func TestPlanDealsMatchingNoPartner(t *testing.T) {
	deals := readTestDeals(t, ukDeals)
	got, _ := runPlanJSON(t, "../../exporters/planbook/testdata/partneratlas-plan.xlsx", "--deals", ukDeals)
	m := got.Measurement
	if m == nil {
		t.Fatal("the JSON has no measurement")
	}
	partner, role, tier := samplePartner(got)
	x := expect(deals, time.Time{}, time.Time{}, partner, role, tier)
	if len(x.partners) != 0 {
		t.Fatalf("the test's own matching found partners: %v", x.partners)
	}
	checkFigures(t, "all", m.All, x.all)
	checkFigures(t, "sourced", m.Sourced, x.sourced)
	checkFigures(t, "influenced_only", m.InfluencedOnly, x.influencedOnly)
	checkFigures(t, "no_partner", m.NoPartner, x.noPartner)
	if len(m.Partners) != 0 || len(m.Roles) != 0 || len(m.Tiers) != 0 {
		t.Errorf("partners %v, roles %v, tiers %v: want none, as no name matches", m.Partners, m.Roles, m.Tiers)
	}
	if len(m.Unmatched) != len(x.unmatched) {
		t.Errorf("%d unmatched names, want %d: %+v", len(m.Unmatched), len(x.unmatched), m.Unmatched)
	}
	for _, u := range m.Unmatched {
		if u.Deals != x.unmatched[u.Name] {
			t.Errorf("unmatched %q: %d deals, want %d", u.Name, u.Deals, x.unmatched[u.Name])
		}
	}
}
