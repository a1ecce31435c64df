package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"partneratlas/core"
)

// What plan prints of the deals: the measurement of what partners bring
// in, as a report and as JSON.

// topPartners is how many partners the report lists by revenue; --json
// lists every partner with a deal.
const topPartners = 10

// writeMeasurement prints what partners bring in over the window: the
// totals of all deals and of each category, the attach rate, the lift of
// partner deals, net revenue retention, the top partners and the partner
// names that match no partner.
func writeMeasurement(w io.Writer, e *core.Ecosystem, ev core.Evaluation, m *core.Impact, today time.Time) {
	b := e.Deals
	fmt.Fprintf(w, "\nDeals: %s from %s (%s)\n", core.Thousands(m.Deals), count(len(b.Files), "export"), strings.Join(b.Files, ", "))
	fmt.Fprintf(w, "Window: %s (won and lost deals by close date, open deals by creation date)\n", b.Window.Label(today))
	if m.Outside > 0 {
		undated := ""
		if m.Undated > 0 {
			undated = fmt.Sprintf(", %s of them without the date the window needs", core.Thousands(m.Undated))
		}
		fmt.Fprintf(w, "  %s outside the window%s\n", count(m.Outside, "deal"), undated)
	}
	if m.NotSales > 0 {
		fmt.Fprintf(w, "  %s of churn or contraction: counted in NRR only\n", count(m.NotSales, "deal"))
	}
	switch cur := currencies(b.Deals); len(cur) {
	case 0:
	case 1:
		fmt.Fprintf(w, "Amounts in %s\n", cur[0])
	default:
		fmt.Fprintf(w, "Amounts in %s, added as written, not converted\n", strings.Join(cur, ", "))
	}

	fmt.Fprintf(w, "  %-16s %6s %6s %6s %6s %13s %13s %9s %13s %17s\n",
		"", "Deals", "Won", "Lost", "Open", "Pipeline", "Revenue", "Win rate", "Median cycle", "Average won deal")
	for _, row := range []struct {
		name string
		f    core.Figures
	}{{"All", m.All}, {"Sourced", m.Sourced}, {"Influenced only", m.InfluencedOnly}, {"No partner", m.NoPartner}} {
		f := row.f
		fmt.Fprintf(w, "  %-16s %6s %6s %6s %6s %13s %13s %9s %13s %17s\n", row.name,
			core.Thousands(f.Deals), core.Thousands(f.Won), core.Thousands(f.Lost), core.Thousands(f.Open),
			money(f.Pipeline), money(f.Revenue), percent(f.WinRate), days(f.MedianCycleDays), money(f.AverageWonDeal))
	}
	if m.All.Deals == 0 {
		fmt.Fprintln(w, "No deal falls in the window.")
	} else {
		writeImpact(w, e, ev, m)
	}
	if len(m.Unmatched) > 0 {
		fmt.Fprintln(w, "Partner names on deals that match no partner (the deals count as partner deals, but for no partner; "+
			"write the name as the partner list does, or map it in the app):")
		for _, u := range m.Unmatched {
			hint := ""
			if u.Suggestion != "" {
				hint = "; did you mean " + u.Suggestion + "?"
			}
			fmt.Fprintf(w, "  %s: %s%s\n", u.Name, count(u.Deals, "deal"), hint)
		}
	}
}

// writeImpact prints the attach rate, the lift of partner deals, net
// revenue retention and the top partners.
func writeImpact(w io.Writer, e *core.Ecosystem, ev core.Evaluation, m *core.Impact) {
	fmt.Fprintf(w, "Attach rate: %s (%s of %s have a partner)\n", percent(m.AttachRate),
		core.Thousands(m.Sourced.Deals+m.InfluencedOnly.Deals), count(m.All.Deals, "deal"))
	fmt.Fprintf(w, "Lift of partner deals over deals without one: %s\n", liftWords(m.Lift))
	from := "the deals' types"
	if m.Retention.FromRevenueFile {
		from = "the account revenue file"
	}
	fmt.Fprintf(w, "NRR (from %s): partner accounts %s, other accounts %s\n", from,
		nrrWords(m.Retention.Partner), nrrWords(m.Retention.Other))
	writeTopPartners(w, e, ev, m)
}

// writeTopPartners lists the partners with the most sourced plus
// influenced revenue, then pipeline.
func writeTopPartners(w io.Writer, e *core.Ecosystem, ev core.Evaluation, m *core.Impact) {
	var with []int
	for i, tf := range m.Partners {
		if tf.Sourced.Deals+tf.Influenced.Deals > 0 {
			with = append(with, i)
		}
	}
	if len(with) == 0 {
		fmt.Fprintln(w, "No partner of the list is named on a deal in the window.")
		return
	}
	total := func(i int) (revenue, pipeline float64) {
		tf := m.Partners[i]
		return tf.Sourced.Revenue + tf.Influenced.Revenue, tf.Sourced.Pipeline + tf.Influenced.Pipeline
	}
	sort.SliceStable(with, func(a, b int) bool {
		ra, pa := total(with[a])
		rb, pb := total(with[b])
		if ra != rb {
			return ra > rb
		}
		return pa > pb
	})
	fmt.Fprintf(w, "Top partners by sourced + influenced revenue. %s\n", m.Model.Explain())
	shown := with[:min(len(with), topPartners)]
	width := len("Partner")
	for _, i := range shown {
		width = max(width, min(len([]rune(e.Partners[i].Name)), 36))
	}
	fmt.Fprintf(w, "  %-*s %-8s %13s %16s %15s %18s %13s\n", width, "Partner", "Tier", "Deals sourced", "Deals influenced",
		"Sourced revenue", "Influenced revenue", "Pipeline")
	for _, i := range shown {
		tf := m.Partners[i]
		name := []rune(e.Partners[i].Name)
		if len(name) > width {
			name = append(name[:width-1], '…')
		}
		_, pipeline := total(i)
		tier := ""
		if i < len(ev.Results) {
			tier = string(ev.Results[i].Tier)
		}
		fmt.Fprintf(w, "  %-*s %-8s %13s %16s %15s %18s %13s\n", width, string(name), tier,
			core.Thousands(tf.Sourced.Deals), core.Thousands(tf.Influenced.Deals), money(tf.Sourced.Revenue), money(tf.Influenced.Revenue), money(pipeline))
	}
	if more := len(with) - len(shown); more > 0 {
		fmt.Fprintf(w, "  and %s more with deals (--json lists them all)\n", count(more, "partner"))
	}
}

// liftWords says the lift in words: "win rate ×1.25, average won deal
// ×0.85, median cycle 12 days shorter".
func liftWords(l core.Lift) string {
	ratio := func(x float64) string {
		if !finite(x) {
			return "not enough deals to compare"
		}
		return "×" + strconv.FormatFloat(x, 'f', 2, 64)
	}
	cycle := "not enough won deals with both dates to compare"
	switch c := l.CycleDays; {
	case !finite(c):
	case c > 0:
		cycle = days(c) + " shorter"
	case c < 0:
		cycle = days(-c) + " longer"
	default:
		cycle = "the same"
	}
	return fmt.Sprintf("win rate %s, average won deal %s, median cycle %s", ratio(l.WinRate), ratio(l.DealSize), cycle)
}

// nrrWords says a cohort's net revenue retention and how many accounts it
// rests on: "107% (6 accounts)".
func nrrWords(n core.NRR) string {
	if !finite(n.Rate) {
		return "n/a (no account with starting revenue)"
	}
	return fmt.Sprintf("%s (%s)", percent(n.Rate), count(n.Accounts, "account"))
}

// currencies are the currencies the deals are written in, the most common
// first.
func currencies(deals []core.Deal) []string {
	n := map[string]int{}
	for i := range deals {
		if c := deals[i].Currency; c != "" {
			n[c]++
		}
	}
	out := make([]string, 0, len(n))
	for c := range n {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if n[out[i]] != n[out[j]] {
			return n[out[i]] > n[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// money writes an amount in whole units with thousands separators:
// "1,234,568"; "n/a" when there is nothing to rest on.
func money(x float64) string {
	if !finite(x) {
		return "n/a"
	}
	s := strconv.FormatFloat(math.Abs(math.Round(x)), 'f', 0, 64)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if math.Round(x) < 0 {
		s = "-" + s
	}
	return s
}

// count writes "1 deal", "1,200 deals".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return core.Thousands(n) + " " + what + "s"
}

// percent writes a rate as a whole percentage: "67%"; "n/a" for NaN.
func percent(x float64) string {
	if !finite(x) {
		return "n/a"
	}
	return strconv.FormatFloat(100*x, 'f', 0, 64) + "%"
}

// days writes a number of days: "45 days", "45.5 days"; "n/a" for NaN.
func days(x float64) string {
	if !finite(x) {
		return "n/a"
	}
	if x == 1 {
		return "1 day"
	}
	return strconv.FormatFloat(x, 'f', -1, 64) + " days"
}

// jsonNumber is a figure of the --json output: a rate or average with
// nothing to rest on (NaN) is null, never NaN text.
type jsonNumber float64

func (x jsonNumber) MarshalJSON() ([]byte, error) {
	if !finite(float64(x)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(x))
}

// jsonMeasurement is the "measurement" object of plan's --json output.
type jsonMeasurement struct {
	Window      jsonWindow `json:"window"`
	CreditModel string     `json:"credit_model"`
	// DealsImported counts every deal of the exports; OutsideWindow those
	// the window leaves out; ChurnOrContraction those counted in NRR only.
	DealsImported      int             `json:"deals_imported"`
	OutsideWindow      int             `json:"outside_window"`
	ChurnOrContraction int             `json:"churn_or_contraction"`
	Currencies         []string        `json:"currencies"`
	All                jsonFigures     `json:"all"`
	Sourced            jsonFigures     `json:"sourced"`
	InfluencedOnly     jsonFigures     `json:"influenced_only"`
	NoPartner          jsonFigures     `json:"no_partner"`
	AttachRate         jsonNumber      `json:"attach_rate"`
	Lift               jsonLift        `json:"lift"`
	NRR                jsonNRR         `json:"nrr"`
	Partners           []jsonTwofold   `json:"partners"`
	Roles              []jsonTwofold   `json:"roles"`
	Tiers              []jsonTwofold   `json:"tiers"`
	Unmatched          []jsonUnmatched `json:"unmatched_partners"`
}

// jsonWindow is the window measured: its first and last day (null: open at
// that end) and its label.
type jsonWindow struct {
	Kind  string  `json:"kind"`
	Since *string `json:"since"`
	Until *string `json:"until"`
	Label string  `json:"label"`
}

// jsonFigures are the figures of a set of deals (see core.Figures).
type jsonFigures struct {
	Deals           int        `json:"deals"`
	Won             int        `json:"won"`
	Lost            int        `json:"lost"`
	Open            int        `json:"open"`
	Pipeline        jsonNumber `json:"pipeline"`
	Revenue         jsonNumber `json:"revenue"`
	WinRate         jsonNumber `json:"win_rate"`
	MedianCycleDays jsonNumber `json:"median_cycle_days"`
	AverageWonDeal  jsonNumber `json:"average_won_deal"`
	ACV             jsonNumber `json:"acv"`
}

// jsonTwofold is what a partner, role or tier sourced and influenced.
type jsonTwofold struct {
	Name       string      `json:"name"`
	Sourced    jsonFigures `json:"sourced"`
	Influenced jsonFigures `json:"influenced"`
}

// jsonLift compares partner deals with deals without one: ratios of win
// rate and average won deal, and how many days shorter the median cycle.
type jsonLift struct {
	WinRate          jsonNumber `json:"win_rate"`
	DealSize         jsonNumber `json:"deal_size"`
	CycleDaysShorter jsonNumber `json:"cycle_days_shorter"`
}

// jsonNRR is net revenue retention of the accounts partners sourced or
// influenced and of the others, with how many accounts each rests on.
type jsonNRR struct {
	Partner         jsonNumber `json:"partner"`
	Other           jsonNumber `json:"other"`
	PartnerAccounts int        `json:"partner_accounts"`
	OtherAccounts   int        `json:"other_accounts"`
	Source          string     `json:"source"`
}

// jsonUnmatched is a partner name on deals that matches no partner.
type jsonUnmatched struct {
	Name       string  `json:"name"`
	Deals      int     `json:"deals"`
	DidYouMean *string `json:"did_you_mean"`
}

// figuresJSON writes f with amounts to the cent.
func figuresJSON(f core.Figures) jsonFigures {
	return jsonFigures{
		Deals: f.Deals, Won: f.Won, Lost: f.Lost, Open: f.Open,
		Pipeline: jsonNumber(core.Round2(f.Pipeline)), Revenue: jsonNumber(core.Round2(f.Revenue)),
		WinRate: jsonNumber(f.WinRate), MedianCycleDays: jsonNumber(f.MedianCycleDays),
		AverageWonDeal: jsonNumber(core.Round2(f.AverageWonDeal)), ACV: jsonNumber(core.Round2(f.ACV)),
	}
}

func twofoldJSON(name string, tf core.Twofold) jsonTwofold {
	return jsonTwofold{Name: name, Sourced: figuresJSON(tf.Sourced), Influenced: figuresJSON(tf.Influenced)}
}

// measurementJSON is the "measurement" object; nil when there are no
// deals. Partners are those with a deal in the window, in the order of the
// partner list; roles and tiers in the order the app shows them.
func measurementJSON(e *core.Ecosystem, m *core.Impact, today time.Time) *jsonMeasurement {
	if m == nil {
		return nil
	}
	b := e.Deals
	day := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := t.Format(time.DateOnly)
		return &s
	}
	out := &jsonMeasurement{
		Window:        jsonWindow{Kind: b.Window.Kind.String(), Since: day(m.Since), Until: day(m.Until), Label: b.Window.Label(today)},
		CreditModel:   m.Model.String(),
		DealsImported: m.Deals, OutsideWindow: m.Outside, ChurnOrContraction: m.NotSales,
		Currencies: currencies(b.Deals),
		All:        figuresJSON(m.All), Sourced: figuresJSON(m.Sourced),
		InfluencedOnly: figuresJSON(m.InfluencedOnly), NoPartner: figuresJSON(m.NoPartner),
		AttachRate: jsonNumber(m.AttachRate),
		Lift:       jsonLift{WinRate: jsonNumber(m.Lift.WinRate), DealSize: jsonNumber(m.Lift.DealSize), CycleDaysShorter: jsonNumber(m.Lift.CycleDays)},
		NRR: jsonNRR{Partner: jsonNumber(m.Retention.Partner.Rate), Other: jsonNumber(m.Retention.Other.Rate),
			PartnerAccounts: m.Retention.Partner.Accounts, OtherAccounts: m.Retention.Other.Accounts, Source: "deal types"},
		Partners:  []jsonTwofold{},
		Roles:     []jsonTwofold{},
		Tiers:     []jsonTwofold{},
		Unmatched: []jsonUnmatched{},
	}
	if m.Retention.FromRevenueFile {
		out.NRR.Source = "account revenue file"
	}
	for i, tf := range m.Partners {
		if tf.Sourced.Deals+tf.Influenced.Deals > 0 {
			out.Partners = append(out.Partners, twofoldJSON(e.Partners[i].Name, tf))
		}
	}
	for _, r := range append(append([]core.Role(nil), core.Roles...), "") {
		if tf := m.Roles[r]; tf != nil {
			out.Roles = append(out.Roles, twofoldJSON(string(r), *tf))
		}
	}
	for _, t := range core.Tiers {
		if tf := m.Tiers[t]; tf != nil {
			out.Tiers = append(out.Tiers, twofoldJSON(string(t), *tf))
		}
	}
	for _, u := range m.Unmatched {
		j := jsonUnmatched{Name: u.Name, Deals: u.Deals}
		if u.Suggestion != "" {
			s := u.Suggestion
			j.DidYouMean = &s
		}
		out.Unmatched = append(out.Unmatched, j)
	}
	return out
}
