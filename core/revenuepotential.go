package core

import (
	"sort"
	"time"
)

// RevenueScores turns what partners brought (sourced plus influenced
// revenue) into values of the revenue potential criterion, 1–5: 1 for no
// revenue; the partners with revenue in quarters of it, the lowest quarter
// 2 and the highest 5. Ranks, not amounts, decide, so one very large deal
// does not flatten everyone else to 2.
func RevenueScores(revenue []float64) []float64 {
	out := make([]float64, len(revenue))
	var with []int
	for i, r := range revenue {
		out[i] = 1
		if r > 0 {
			with = append(with, i)
		}
	}
	sort.SliceStable(with, func(a, b int) bool { return revenue[with[a]] < revenue[with[b]] })
	n := len(with)
	for k := 0; k < n; {
		// Partners with the same revenue share the quarter of the first.
		j := k
		for j+1 < n && revenue[with[j+1]] == revenue[with[k]] {
			j++
		}
		q := float64(2 + (4*k)/n)
		for ; k <= j; k++ {
			out[with[k]] = q
		}
	}
	return out
}

// SetRevenueFromDeals switches the revenue potential criterion between the
// values typed and the revenue the deals measure (on: see
// ApplyMeasuredRevenue; off: every partner gets its typed value back).
func (e *Ecosystem) SetRevenueFromDeals(on bool, today time.Time) {
	b := e.dealBook()
	b.RevenueFromDeals = on
	if on {
		e.ApplyMeasuredRevenue(today)
		return
	}
	for _, p := range e.Partners {
		b.RevenuePotential.forget(p, RevenuePotential)
	}
}

// ApplyMeasuredRevenue sets the revenue potential of every partner with an
// attributed deal in the window to the score of what it brought (see
// RevenueScores), unless the user keeps the typed value for it. Partners
// without deals keep theirs, or get it back. It does nothing unless the
// book says so (RevenueFromDeals) and the scorecard has the criterion.
func (e *Ecosystem) ApplyMeasuredRevenue(today time.Time) {
	if b := e.Deals; b == nil || !b.RevenueFromDeals || e.Scorecard.Index(RevenuePotential) < 0 {
		return
	}
	e.ApplyMeasuredRevenueFrom(e.Measure(Evaluation{}, today))
}

// ApplyMeasuredRevenueFrom is ApplyMeasuredRevenue with the deals measured
// already, as m (nil: there are no deals, and every partner gets its typed
// value back): a caller that has just measured does not measure twice.
func (e *Ecosystem) ApplyMeasuredRevenueFrom(m *Impact) {
	b := e.Deals
	if b == nil || !b.RevenueFromDeals || e.Scorecard.Index(RevenuePotential) < 0 {
		return
	}
	if m == nil || len(m.Partners) != len(e.Partners) {
		for _, p := range e.Partners {
			b.RevenuePotential.forget(p, RevenuePotential)
		}
		return
	}
	revenue := make([]float64, len(e.Partners))
	for i, tf := range m.Partners {
		revenue[i] = tf.Sourced.Revenue + tf.Influenced.Revenue
	}
	scores := RevenueScores(revenue)
	for i, p := range e.Partners {
		if tf := m.Partners[i]; tf.Sourced.Deals+tf.Influenced.Deals > 0 {
			b.RevenuePotential.set(p, RevenuePotential, scores[i])
		} else {
			b.RevenuePotential.forget(p, RevenuePotential)
		}
	}
}

// UseTypedRevenue switches a partner between the revenue potential the user
// typed (typed true) and the one its deals measure.
func (e *Ecosystem) UseTypedRevenue(partner string, typed bool, today time.Time) {
	p := e.FindPartner(partner)
	if p == nil {
		return
	}
	e.dealBook().RevenuePotential.keepTyped(p, RevenuePotential, typed)
	if !typed {
		e.ApplyMeasuredRevenue(today)
	}
}

// UsesTypedRevenue says whether the partner keeps the revenue potential it
// was typed, though deals measure its revenue.
func (e *Ecosystem) UsesTypedRevenue(partner string) bool {
	return e.Deals != nil && e.Deals.RevenuePotential.UsesTyped(partner)
}
