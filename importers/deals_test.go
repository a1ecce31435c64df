package importers

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"partneratlas/core"

	"github.com/xuri/excelize/v2"
)

// ownExports are the deal exports and account revenue files written for
// this project in the shapes of real CRM and billing exports (see
// testdata/README.md); TestRealFiles leaves them to TestReadDeals and
// TestReadAccountRevenue.
var ownExports = map[string]bool{
	"salesforce-opportunities.csv": true, "hubspot-deals.csv": true, "pipedrive-deals.csv": true,
	"dynamics-opportunities.csv": true, "handmade-deals.csv": true, "deals-libreoffice.xlsx": true,
	"account-revenue-chartmogul.csv": true, "account-revenue-stripe-mrr-per-subscriber.csv": true,
	"account-revenue-handmade.csv": true, "account-revenue-quarters.xlsx": true,
}

func date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestReadDeals reads an export of each CRM and checks one deal of each
// written out in full, the counts and the problems.
func TestReadDeals(t *testing.T) {
	tests := []struct {
		file     string
		rows     int
		deals    int
		currency string
		pick     string // the ID (or account) of the deal checked in full
		want     core.Deal
		problems []string // words each problem must hold, in order
		outcomes [3]int   // open, won, lost
	}{
		{"salesforce-opportunities.csv", 12, 12, "USD", "0065g00000A3",
			core.Deal{Account: "Abbott", Stage: "Closed Won", Outcome: core.Won, Amount: 30000, Created: date("2026-03-01"), Closed: date("2026-03-31"),
				Type: core.Expansion, TermMonths: 12, LeadSource: "Partner", Sourced: "Brightline Data Inc.", Influencers: []string{"Cobalt CRM"}, Currency: "USD"},
			[]string{`"Stalled" is not one Partner Atlas knows`, "1 deal has no amount"}, [3]int{3, 7, 2}},
		{"deals-libreoffice.xlsx", 12, 12, "USD", "0065g00000A3",
			core.Deal{Account: "Abbott", Stage: "Closed Won", Outcome: core.Won, Amount: 30000, Created: date("2026-03-01"), Closed: date("2026-03-31"),
				Type: core.Expansion, TermMonths: 12, LeadSource: "Partner", Sourced: "Brightline Data Inc.", Influencers: []string{"Cobalt CRM"}, Currency: "USD"},
			[]string{`"Stalled" is not one Partner Atlas knows`, "1 deal has no amount"}, [3]int{3, 7, 2}},
		{"hubspot-deals.csv", 6, 6, "", "9001",
			core.Deal{Account: "Akamai Technologies", Stage: "closedwon", Outcome: core.Won, Amount: 38000, Created: date("2026-01-12"), Closed: date("2026-02-27"),
				Type: core.NewBusiness, LeadSource: "PARTNER", Sourced: "Tessellate ETL", Influencers: []string{"Lumen Warehouse", "Metricwise Research"}},
			nil, [3]int{2, 3, 1}},
		{"pipedrive-deals.csv", 5, 5, "EUR", "501",
			core.Deal{Account: "Allstate", Stage: "Negotiations Started", Outcome: core.Won, Amount: 55000, Created: date("2026-01-08"), Closed: date("2026-03-02"),
				Type: core.NewBusiness, Sourced: "Redwood Implementation Partners", Currency: "EUR", Shares: map[string]float64{"Redwood Implementation Partners": 0.6}},
			nil, [3]int{2, 2, 1}},
		// One row per deal and partner: OPP-1001 is one deal, sourced by
		// Lattice (70 %) and influenced by Foxglove (30 %). Dates day first.
		{"dynamics-opportunities.csv", 5, 4, "EUR", "OPP-1001",
			core.Deal{Account: "Ameren", Stage: "Won", Outcome: core.Won, Amount: 48000, Created: date("2026-01-05"), Closed: date("2026-03-20"),
				Type: core.NewBusiness, Sourced: "Lattice Systems Integration", Influencers: []string{"Foxglove Digital"}, Currency: "EUR",
				Shares: map[string]float64{"Lattice Systems Integration": 0.7, "Foxglove Digital": 0.3}},
			nil, [3]int{1, 2, 1}},
		// "20-10-25" can only be day first; "Cobalt CRM, Tidewater Agency"
		// names two influencers.
		{"handmade-deals.csv", 5, 5, "EUR", "Ametek",
			core.Deal{Account: "Ametek", Stage: "Won", Outcome: core.Won, Amount: 24500, Created: date("2025-10-20"), Closed: date("2026-01-15"),
				Type: core.NewBusiness, Sourced: "Helix Consulting", Influencers: []string{"Cobalt CRM", "Tidewater Agency"}, Currency: "EUR"},
			[]string{`"Handshake" is not one Partner Atlas knows`, "1 deal has no amount"}, [3]int{1, 3, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := ReadDeals("testdata/"+tt.file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != tt.rows || len(res.Deals) != tt.deals {
				t.Errorf("rows %d, deals %d; want %d, %d", res.Rows, len(res.Deals), tt.rows, tt.deals)
			}
			if (tt.currency == "") != (len(res.Currencies) == 0) || (tt.currency != "" && res.Currencies[0] != tt.currency) {
				t.Errorf("currencies = %v, want %q", res.Currencies, tt.currency)
			}
			var outcomes [3]int
			var got *core.Deal
			for i := range res.Deals {
				d := &res.Deals[i]
				outcomes[d.Outcome]++
				if d.ID == tt.pick || (d.ID == "" && d.Account == tt.pick) {
					got = d
				}
			}
			if outcomes != tt.outcomes {
				t.Errorf("open, won, lost = %v, want %v", outcomes, tt.outcomes)
			}
			if got == nil {
				t.Fatalf("no deal %s", tt.pick)
			}
			w := tt.want
			if got.Account != w.Account || got.Stage != w.Stage || got.Outcome != w.Outcome || got.Amount != w.Amount ||
				!got.Created.Equal(w.Created) || !got.Closed.Equal(w.Closed) || got.Type != w.Type || got.TermMonths != w.TermMonths ||
				got.LeadSource != w.LeadSource || got.Sourced != w.Sourced || strings.Join(got.Influencers, "|") != strings.Join(w.Influencers, "|") ||
				got.Currency != w.Currency || len(got.Shares) != len(w.Shares) {
				t.Errorf("deal %s =\n %+v\nwant\n %+v", tt.pick, *got, w)
			}
			for k, v := range w.Shares {
				if got.Shares[k] != v {
					t.Errorf("share of %s = %v, want %v", k, got.Shares[k], v)
				}
			}
			if len(res.Problems) != len(tt.problems) {
				t.Fatalf("problems:\n%s\nwant %d", problemText(res.Problems), len(tt.problems))
			}
			for i, words := range tt.problems {
				if !strings.Contains(res.Problems[i].String(), words) {
					t.Errorf("problem %d = %q, want %q in it", i, res.Problems[i], words)
				}
			}
		})
	}
}

func problemText(ps []Problem) string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// TestDealDates reads a column's dates in its own order, and says so when
// the column could be read either way.
func TestDealDates(t *testing.T) {
	tests := []struct {
		name, dates string
		first       time.Time
		ambiguous   bool
	}{
		{"day first by a day over 12", "20-10-16;01-03-17", date("2016-10-20"), false},
		{"month first by a day over 12", "03/04/2026;12/31/2026", date("2026-03-04"), false},
		{"ambiguous", "03/04/2026;05/06/2026", date("2026-03-04"), true},
		{"dotted ambiguous reads day first", "03.04.2026;05.06.2026", date("2026-04-03"), true},
		{"ISO", "2026-03-04;2026-05-06", date("2026-03-04"), false},
		{"names", "4 Mar 2026;Mar 5, 2026", date("2026-03-04"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("Deal,Stage,Amount,Close Date\n")
			for i, d := range strings.Split(tt.dates, ";") {
				b.WriteString("D" + string(rune('1'+i)) + ",Closed Won,100," + d + "\n")
			}
			res, err := readData("dates.csv", []byte(b.String()), Options{}, ReadDealList)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Deals[0].Closed.Equal(tt.first) {
				t.Errorf("first close = %v, want %v", res.Deals[0].Closed, tt.first)
			}
			ambiguous := strings.Contains(problemText(res.Problems), "could be day first or month first")
			if ambiguous != tt.ambiguous {
				t.Errorf("ambiguity reported = %v, want %v:\n%s", ambiguous, tt.ambiguous, problemText(res.Problems))
			}
		})
	}
}

// TestDealsRefuseATableWithoutStageOrAmount: a partner list is no deal
// export; the message says what to name the columns.
func TestDealsRefuseATableWithoutStageOrAmount(t *testing.T) {
	_, err := readData("partners.csv", []byte("Partner Name,Website\nAcme,acme.com\n"), Options{}, ReadDealList)
	if KindOf(err) != MissingColumn || !strings.Contains(err.Error(), "Stage and Amount") {
		t.Errorf("err = %v, want a missing column naming Stage and Amount", err)
	}
}

// TestDealDateCells: a workbook's date cells are read in the sheet's own
// layout, so a column whose days are all 12 or less is not reported as
// ambiguous (it was, before the sheet reader told the deal reader its
// layout), and every date is exact.
func TestDealDateCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{{"Opportunity Name", "Stage", "Amount", "Created Date", "Close Date"}}
	days := []time.Time{date("2026-03-04"), date("2026-04-03"), date("2026-12-01"), date("2026-01-12")}
	for i, d := range days {
		rows = append(rows, []any{fmt.Sprintf("Deal %d", i), "Closed Won", 1000 * (i + 1), d, d.AddDate(0, 1, 0)})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellStyle("Sheet1", "D2", fmt.Sprintf("E%d", len(rows)), style); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	res, err := readData("deals.xlsx", buf.Bytes(), Options{}, ReadDealList)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Errorf("problems: %v", res.Problems)
	}
	for i, d := range res.Deals {
		if !d.Created.Equal(days[i]) || !d.Closed.Equal(days[i].AddDate(0, 1, 0)) {
			t.Errorf("deal %d: created %v, closed %v; want %v, %v", i, d.Created, d.Closed, days[i], days[i].AddDate(0, 1, 0))
		}
	}
}
