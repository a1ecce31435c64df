package core

import (
	"fmt"
	"math"
	"sort"
)

// Backtest says whether the scorecard predicts what partners bring: the
// revenue and win rate of each tier, and how well the partners' scores rank
// them by the revenue they sourced or influenced.
type Backtest struct {
	Tiers map[Tier]TierYield
	// RankCorrelation is Spearman's ρ between the partners' scores and
	// their sourced plus influenced revenue: 1 when the scorecard ranks
	// them exactly as their revenue does, 0 when it says nothing, NaN with
	// fewer than three partners or no revenue.
	RankCorrelation float64
	Partners        int
}

// TierYield is what a tier's partners brought.
type TierYield struct {
	Partners int
	Revenue  float64 // sourced and influenced, as credited
	WinRate  float64 // of the deals they sourced or influenced; NaN when none closed
}

// Verdict says in a sentence what the backtest shows.
func (b Backtest) Verdict() string {
	r := b.RankCorrelation
	switch {
	case math.IsNaN(r):
		return "Not enough attributed revenue yet to test the scorecard against."
	case r >= 0.5:
		return fmt.Sprintf("The scorecard predicts what partners bring well: partners with higher scores brought more revenue (rank correlation %.2f).", r)
	case r >= 0.2:
		return fmt.Sprintf("The scorecard predicts what partners bring only loosely (rank correlation %.2f): check the weights against the partners that bring revenue.", r)
	}
	return fmt.Sprintf("The scorecard does not predict what partners bring (rank correlation %.2f): revisit the criteria and the weights.", r)
}

// backtest compares the scores of ev with the revenue of m.
func (e *Ecosystem) backtest(ev Evaluation, m *Impact) Backtest {
	bt := Backtest{Tiers: map[Tier]TierYield{}, RankCorrelation: math.NaN(), Partners: len(e.Partners)}
	scores := make([]float64, len(e.Partners))
	revenue := make([]float64, len(e.Partners))
	any := false
	for i := range e.Partners {
		if i < len(ev.Results) {
			scores[i] = ev.Results[i].Score
			t := ev.Results[i].Tier
			y := bt.Tiers[t]
			y.Partners++
			revenue[i] = m.Partners[i].Sourced.Revenue + m.Partners[i].Influenced.Revenue
			y.Revenue += revenue[i]
			bt.Tiers[t] = y
		}
		any = any || revenue[i] > 0
	}
	for t, y := range bt.Tiers {
		y.WinRate = math.NaN()
		if tf := m.Tiers[t]; tf != nil {
			won := tf.Sourced.Won + tf.Influenced.Won
			if closed := won + tf.Sourced.Lost + tf.Influenced.Lost; closed > 0 {
				y.WinRate = float64(won) / float64(closed)
			}
		}
		bt.Tiers[t] = y
	}
	if any && len(scores) >= 3 {
		bt.RankCorrelation = Spearman(scores, revenue)
	}
	return bt
}

// Spearman is the rank correlation of x and y: Pearson's correlation of
// their ranks, tied values sharing their average rank. NaN when either
// has no spread.
func Spearman(x, y []float64) float64 {
	rx, ry := Ranks(x), Ranks(y)
	n := float64(len(x))
	var mx, my float64
	for i := range rx {
		mx += rx[i]
		my += ry[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range rx {
		dx, dy := rx[i]-mx, ry[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Ranks gives each value its rank from 1, ascending, ties their average
// rank: what a spreadsheet's RANK.AVG gives, so the workbook's formulas
// and the app rank alike.
func Ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	out := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		r := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			out[idx[k]] = r
		}
		i = j + 1
	}
	return out
}
