package planbook

import (
	"fmt"
	"io"
	"partneratlas/core"
	"testing"
)

func benchmarkWrite(b *testing.B, n int) {
	e := bigEcosystem(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, e, Options{Today: testToday}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteWorkbook10k(b *testing.B)  { benchmarkWrite(b, 10_000) }
func BenchmarkWriteWorkbook100k(b *testing.B) { benchmarkWrite(b, 100_000) }

// BenchmarkWriteWorkbookDeals100k saves 1,000 partners with 100,000 deals:
// the Deals sheet with its formulas and the Measurement sheet.
func BenchmarkWriteWorkbookDeals100k(b *testing.B) {
	e := bigEcosystem(1000)
	deals := make([]core.Deal, 100_000)
	for i := range deals {
		d := &deals[i]
		d.ID, d.Account = fmt.Sprint(i), fmt.Sprintf("Account %d", i/4)
		d.Stage, d.Outcome = []string{"Closed Won", "Closed Lost", "Prospecting"}[i%3], core.Outcome([]int{1, 2, 0}[i%3])
		d.Amount, d.Type, d.TermMonths = float64(1000+i%50_000), core.NewBusiness, 12
		d.Created = testToday.AddDate(0, 0, -(i % 700))
		d.Closed = d.Created.AddDate(0, 0, 30+i%90)
		switch i % 5 {
		case 0:
			d.Sourced = e.Partners[i%1000].Name
		case 1:
			d.Influencers = []string{e.Partners[i%997].Name, e.Partners[i%991].Name}
		}
	}
	e.AddDeals("deals.csv", deals)
	ev := Evaluate(e, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, e, Options{Today: testToday, Evaluation: &ev}); err != nil {
			b.Fatal(err)
		}
	}
}
