package importers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// benchDealHeader is a Salesforce opportunity report's columns.
var benchDealHeader = []string{"Opportunity ID", "Opportunity Name", "Account Name", "Stage", "Amount Currency",
	"Amount", "Created Date", "Close Date", "Type", "Lead Source", "Opportunity Owner", "Primary Partner",
	"Influencing Partners", "Contract Term (Months)"}

var (
	benchStages = []string{"Closed Won", "Closed Lost", "Prospecting", "Negotiation/Review", "Closed Won"}
	benchTypes2 = []string{"New Business", "Existing Business", "Renewal"}
	benchLeads  = []string{"Partner Referral", "Web", "Event", "Outbound"}
)

// benchDealRecord fills rec with deal i of a Salesforce-shaped export: a
// third with a sourcing partner, a fifth influenced by two partners, US
// dates, amounts as "12,500.00".
func benchDealRecord(rec []string, i int) {
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%700)
	rec[0] = "0065g" + strconv.Itoa(1_000_000+i)
	rec[2] = "Account " + strconv.Itoa(i/4)
	rec[1] = rec[2] + " - Platform"
	rec[3] = benchStages[i%len(benchStages)]
	rec[4] = "USD"
	rec[5] = strconv.FormatFloat(float64(1000+(i*7919)%99_000), 'f', 2, 64)
	rec[6] = created.Format("1/2/2006")
	rec[7] = created.AddDate(0, 0, 30+i%90).Format("1/2/2006")
	rec[8] = benchTypes2[i%len(benchTypes2)]
	rec[9] = benchLeads[i%len(benchLeads)]
	rec[10] = benchOwners[i%len(benchOwners)]
	rec[11], rec[12] = "", ""
	switch i % 15 {
	case 0, 1, 2, 3, 4:
		rec[11] = "Partner " + strconv.Itoa(i%1000)
	case 5, 6, 7:
		rec[12] = "Partner " + strconv.Itoa(i%997) + "; Partner " + strconv.Itoa(i%991)
	}
	rec[13] = strconv.Itoa(12 * (1 + i%3))
}

// benchDealsCSV returns an n-row deal export as CSV.
func benchDealsCSV(n int) []byte {
	var buf bytes.Buffer
	buf.Grow(n * 200)
	w := csv.NewWriter(&buf)
	_ = w.Write(benchDealHeader)
	rec := make([]string, len(benchDealHeader))
	for i := 0; i < n; i++ {
		benchDealRecord(rec, i)
		_ = w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// writeBenchDealsXLSX writes an n-row deal export as a workbook, with
// excelize's StreamWriter and the amounts and dates as numbers and dates.
func writeBenchDealsXLSX(b *testing.B, n int) string {
	b.Helper()
	book := newStreamedBook(b, benchDealHeader)
	dateStyle := book.style(14, "")
	row := make([]any, len(benchDealHeader))
	rec := make([]string, len(benchDealHeader))
	for i := 0; i < n; i++ {
		benchDealRecord(rec, i)
		for k, v := range rec {
			row[k] = v
		}
		amount, _ := strconv.ParseFloat(rec[5], 64)
		row[5] = amount
		for _, k := range []int{6, 7} {
			t, _ := time.Parse("1/2/2006", rec[k])
			row[k] = excelize.Cell{StyleID: dateStyle, Value: t}
		}
		book.add(row)
	}
	return book.saveAs(filepath.Join(b.TempDir(), fmt.Sprintf("opportunities-%d.xlsx", n)))
}

// BenchmarkReadDealsCSV1M reads a million-row opportunity export from
// disk, as the app does.
func BenchmarkReadDealsCSV1M(b *testing.B) {
	benchReadDeals(b, benchFile(b, "opportunities.csv", benchDealsCSV(1_000_000)), 1_000_000)
}

// BenchmarkReadDealsXLSX100k reads a 100,000-row opportunity workbook.
func BenchmarkReadDealsXLSX100k(b *testing.B) {
	benchReadDeals(b, writeBenchDealsXLSX(b, 100_000), 100_000)
	reportPeak(b)
}

// benchReadDeals times ReadDeals on path, which holds n deals.
func benchReadDeals(b *testing.B, path string, n int) {
	benchReads(b, n, func() (*DealsResult, error) { return ReadDeals(path, Options{}) },
		func(r *DealsResult) int { return len(r.Deals) })
}
