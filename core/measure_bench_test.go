package core

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchDeals is an ecosystem of partners partners and n deals over two
// years: a third sourced, a fifth influenced only, the rest without a
// partner; some of each with two influencers.
func benchDeals(n, partners int) *Ecosystem {
	e := NewEcosystem("Bench", measureToday)
	for i := 0; i < partners; i++ {
		p := &Partner{Name: fmt.Sprintf("Partner %04d", i), Roles: []Role{Roles[i%5]}, Formal: true}
		for _, c := range e.Scorecard.Criteria {
			p.SetValue(c.Key, float64(1+i%5))
		}
		e.Partners = append(e.Partners, p)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	deals := make([]Deal, n)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range deals {
		d := &deals[i]
		d.ID = fmt.Sprint(i)
		d.Account = fmt.Sprintf("Account %d", rng.IntN(n/4+1))
		d.Amount = float64(1000 + rng.IntN(100_000))
		d.Created = start.AddDate(0, 0, rng.IntN(700))
		d.Outcome = Outcome(rng.IntN(3))
		if d.Outcome != Open {
			d.Closed = d.Created.AddDate(0, 0, 10+rng.IntN(120))
		}
		d.Type = DealTypes[rng.IntN(3)]
		switch k := rng.IntN(15); {
		case k < 5:
			d.Sourced = e.Partners[rng.IntN(partners)].Name
			if k == 0 {
				d.Influencers = []string{e.Partners[rng.IntN(partners)].Name}
			}
		case k < 8:
			d.Influencers = []string{e.Partners[rng.IntN(partners)].Name, e.Partners[rng.IntN(partners)].Name}
		}
	}
	e.AddDeals("bench.csv", deals)
	return e
}

// BenchmarkMeasure1Mx1000 computes every figure for a million deals and a
// thousand partners, after reading.
func BenchmarkMeasure1Mx1000(b *testing.B) {
	e := benchDeals(1_000_000, 1000)
	ev := e.Evaluate()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m := e.Measure(ev, measureToday); m.All.Deals == 0 {
			b.Fatal("no deals")
		}
	}
}

// BenchmarkRemeasureAfterWindowChange100k is what the dashboard does when
// the user changes the window with 100,000 deals.
func BenchmarkRemeasureAfterWindowChange100k(b *testing.B) {
	e := benchDeals(100_000, 1000)
	ev := e.Evaluate()
	kinds := []WindowKind{AllTime, ThisYear, Last12Months}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Deals.Window = Window{Kind: kinds[i%len(kinds)]}
		e.Measure(ev, measureToday)
	}
}

// BenchmarkRemeasureAfterPartnerChange100k changes one deal's partner, as
// a fix in the deals list does, and measures again.
func BenchmarkRemeasureAfterPartnerChange100k(b *testing.B) {
	e := benchDeals(100_000, 1000)
	ev := e.Evaluate()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Deals.Deals[i%100_000].Sourced = e.Partners[i%1000].Name
		e.Measure(ev, measureToday)
	}
}
