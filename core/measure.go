package core

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Figures are the measures of a set of deals: the counts by outcome, the
// pipeline (open amounts) and revenue (won amounts), the win rate, the
// median sales cycle of the won deals, their average amount and their
// average annual contract value. A partner's or segment's pipeline and
// revenue are the amounts it is credited with; counts, win rates, cycles
// and averages are those of the deals themselves. A rate or average with
// nothing to rest on is NaN.
type Figures struct {
	Deals, Won, Lost, Open int
	Pipeline, Revenue      float64
	WinRate                float64 // won ÷ (won + lost)
	MedianCycleDays        float64 // creation to close, won deals with both dates
	AverageWonDeal         float64
	ACV                    float64

	wonAmount, wonACV float64
	cycles            []int32
}

// add counts deal d, credited with share of its amount.
func (f *Figures) add(d *Deal, share float64, cycle int32) {
	f.Deals++
	switch d.Outcome {
	case Won:
		f.Won++
		f.Revenue += d.Amount * share
		f.wonAmount += d.Amount
		f.wonACV += d.ACV()
		if cycle >= 0 {
			f.cycles = append(f.cycles, cycle)
		}
	case Lost:
		f.Lost++
	default:
		f.Open++
		f.Pipeline += d.Amount * share
	}
}

// credit adds a share of d's amount without counting the deal again, for
// the second partner of one segment on a deal.
func (f *Figures) credit(d *Deal, share float64) {
	switch d.Outcome {
	case Won:
		f.Revenue += d.Amount * share
	case Open:
		f.Pipeline += d.Amount * share
	}
}

// finish works out the rates and averages.
func (f *Figures) finish() {
	f.WinRate, f.MedianCycleDays, f.AverageWonDeal, f.ACV = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if f.Won+f.Lost > 0 {
		f.WinRate = float64(f.Won) / float64(f.Won+f.Lost)
	}
	if f.Won > 0 {
		f.AverageWonDeal = f.wonAmount / float64(f.Won)
		f.ACV = f.wonACV / float64(f.Won)
	}
	if n := len(f.cycles); n > 0 {
		slices.Sort(f.cycles)
		if n%2 == 1 {
			f.MedianCycleDays = float64(f.cycles[n/2])
		} else {
			f.MedianCycleDays = float64(f.cycles[n/2-1]+f.cycles[n/2]) / 2
		}
	}
	f.cycles = nil
}

// Twofold is what a partner or a segment brings: the deals it sourced and
// the deals it influenced.
type Twofold struct {
	Sourced, Influenced Figures
}

// Impact is what partners bring in, over a window: the ecosystem's totals,
// each partner's, role's and tier's, the baseline of deals with no partner,
// and what the numbers say about the scorecard.
type Impact struct {
	Since, Until time.Time // the window; zero: open at that end
	Model        CreditModel
	// All is every deal; Sourced, InfluencedOnly and NoPartner split them,
	// each deal in one (see Category), so they add up to All. WithPartner
	// is Sourced and InfluencedOnly together: the deals the lift compares
	// with NoPartner.
	All, Sourced, InfluencedOnly, NoPartner Figures
	WithPartner                             Figures
	// Partners are the figures of each partner, in the order of the
	// ecosystem's partners.
	Partners []Twofold
	// Roles (by primary role; "" for partners without one) and Tiers hold
	// the segments' figures: a segment sources a deal its sourcing partner
	// belongs to and influences a deal one of its influencers belongs to;
	// its pipeline and revenue are its partners' credits.
	Roles map[Role]*Twofold
	Tiers map[Tier]*Twofold
	// AttachRate is the share of deals with a partner attached.
	AttachRate float64
	Lift       Lift
	Retention  Retention
	Quarters   []Quarter
	Unmatched  []Unmatched
	Backtest   Backtest
	// Deals is the number of deals in the book; Outside the number outside
	// the window, of which Undated lack the date the window needs; NotSales
	// the churn and contraction deals, measured by retention only.
	Deals, Outside, Undated, NotSales int
	// Attributions resolve each deal of the book, in its order.
	Attributions []Attribution
}

// Lift compares the deals with a partner with the deals without one: how
// many times the win rate and the average won deal, how many days shorter
// the median cycle. NaN where a side has nothing to compare.
type Lift struct {
	WinRate, DealSize, CycleDays float64
}

// Quarter is the revenue won in one calendar quarter, by category.
type Quarter struct {
	Label                              string // "2026 Q1"
	Sourced, InfluencedOnly, NoPartner float64
}

// QuarterLabel names quarter q (1–4) of year y: "2026 Q1".
func QuarterLabel(y, q int) string { return fmt.Sprintf("%d Q%d", y, q) }

// Measure works out what partners bring in, from the deals of the book, over
// its window on the day today; ev gives the partners' tiers and scores. It
// returns nil when the ecosystem has no deals. It takes about 0.6 s for a
// million deals and a thousand partners on two cores.
func (e *Ecosystem) Measure(ev Evaluation, today time.Time) *Impact {
	b := e.Deals
	if b == nil || len(b.Deals) == 0 {
		return nil
	}
	m := &Impact{Model: b.Model, Deals: len(b.Deals), Partners: make([]Twofold, len(e.Partners)),
		Roles: map[Role]*Twofold{}, Tiers: map[Tier]*Twofold{}}
	m.Since, m.Until = b.Window.Range(today)
	// Numbering the accounts for retention is a third of the work and
	// needs nothing else: it runs beside the rest.
	var ids []int32
	var keys []string
	numbered := make(chan struct{})
	go func() {
		defer close(numbered)
		ids, keys = accountIDs(b.Deals)
	}()
	m.Attributions = e.Attribute()
	quarters := map[int]*Quarter{}
	for i := range b.Deals {
		d := &b.Deals[i]
		if !d.Type.Sale() {
			m.NotSales++
			continue
		}
		in, dated := m.InWindow(d)
		if !in {
			m.Outside++
			if !dated {
				m.Undated++
			}
			continue
		}
		m.count(e, ev, d, &m.Attributions[i], quarters)
	}
	m.finish(quarters)
	if m.All.Deals > 0 {
		m.AttachRate = float64(m.Sourced.Deals+m.InfluencedOnly.Deals) / float64(m.All.Deals)
	}
	m.Lift = lift(m.WithPartner, m.NoPartner)
	<-numbered
	m.Retention = e.retention(m.Attributions, ids, keys, m.Since, m.Until)
	m.Unmatched = e.UnmatchedPartners(m.Attributions)
	m.Backtest = e.backtest(ev, m)
	return m
}

// InWindow says whether d falls in the window: a won or lost deal by its
// close date, an open deal by its creation date. dated is false when the
// date is missing (such a deal is in an unbounded window only).
func (m *Impact) InWindow(d *Deal) (in, dated bool) {
	if m.Since.IsZero() && m.Until.IsZero() {
		return true, true
	}
	t := d.Closed
	if d.Outcome == Open {
		t = d.Created
	}
	if t.IsZero() {
		return false, false
	}
	t = Date(t)
	return (m.Since.IsZero() || !t.Before(m.Since)) && (m.Until.IsZero() || !t.After(m.Until)), true
}

// count adds a deal of the window to every set it belongs to.
func (m *Impact) count(e *Ecosystem, ev Evaluation, d *Deal, at *Attribution, quarters map[int]*Quarter) {
	cycle := int32(-1)
	if d.Outcome == Won {
		if c, ok := d.CycleDays(); ok {
			cycle = int32(c)
		}
	}
	m.All.add(d, 1, cycle)
	switch at.Category {
	case SourcedDeal:
		m.Sourced.add(d, 1, cycle)
		m.WithPartner.add(d, 1, cycle)
	case InfluencedOnly:
		m.InfluencedOnly.add(d, 1, cycle)
		m.WithPartner.add(d, 1, cycle)
	default:
		m.NoPartner.add(d, 1, cycle)
	}
	if d.Outcome == Won && !d.Closed.IsZero() {
		y, mo, _ := d.Closed.Date()
		key := y*4 + (int(mo)-1)/3
		q := quarters[key]
		if q == nil {
			q = &Quarter{Label: QuarterLabel(y, (int(mo)+2)/3)}
			quarters[key] = q
		}
		switch at.Category {
		case SourcedDeal:
			q.Sourced += d.Amount
		case InfluencedOnly:
			q.InfluencedOnly += d.Amount
		default:
			q.NoPartner += d.Amount
		}
	}
	// Segments count a deal once each, however many of their partners are
	// on it; the credits of all of them add up.
	var roles []Role
	var tiers []Tier
	for _, c := range at.Credits {
		if c.Partner < 0 {
			continue
		}
		pf := &m.Partners[c.Partner]
		f := &pf.Influenced
		if c.Sourced {
			f = &pf.Sourced
		}
		f.add(d, c.Share, cycle)
		r, t := e.Partners[c.Partner].PrimaryRole(), Tier("")
		if c.Partner < len(ev.Results) {
			t = ev.Results[c.Partner].Tier
		}
		segment(m.Roles, r, c, d, cycle, slices.Contains(roles, r))
		segment(m.Tiers, t, c, d, cycle, slices.Contains(tiers, t))
		if !c.Sourced {
			roles, tiers = append(roles, r), append(tiers, t)
		}
	}
}

// segment adds a credit to the segment k of set; again says the segment
// already counted the deal as influenced.
func segment[K comparable](set map[K]*Twofold, k K, c Credit, d *Deal, cycle int32, again bool) {
	tf := set[k]
	if tf == nil {
		tf = &Twofold{}
		set[k] = tf
	}
	switch {
	case c.Sourced:
		tf.Sourced.add(d, c.Share, cycle)
	case again:
		tf.Influenced.credit(d, c.Share)
	default:
		tf.Influenced.add(d, c.Share, cycle)
	}
}

// finish works out every set's rates and the quarters in order.
func (m *Impact) finish(quarters map[int]*Quarter) {
	for _, f := range []*Figures{&m.All, &m.Sourced, &m.InfluencedOnly, &m.NoPartner, &m.WithPartner} {
		f.finish()
	}
	for i := range m.Partners {
		m.Partners[i].Sourced.finish()
		m.Partners[i].Influenced.finish()
	}
	for _, set := range []map[Role]*Twofold{m.Roles} {
		for _, tf := range set {
			tf.Sourced.finish()
			tf.Influenced.finish()
		}
	}
	for _, tf := range m.Tiers {
		tf.Sourced.finish()
		tf.Influenced.finish()
	}
	// Every quarter from the first to the last with revenue, an empty one
	// as zero, so a chart of them shows the gap.
	first, last := math.MaxInt, math.MinInt
	for k := range quarters {
		first, last = min(first, k), max(last, k)
	}
	for k := first; k <= last && len(quarters) > 0; k++ {
		q := quarters[k]
		if q == nil {
			q = &Quarter{Label: QuarterLabel(k/4, k%4+1)}
		}
		m.Quarters = append(m.Quarters, *q)
	}
	m.AttachRate = math.NaN()
}

// lift compares the deals with a partner with the deals without one.
func lift(with, none Figures) Lift {
	l := Lift{WinRate: math.NaN(), DealSize: math.NaN(), CycleDays: math.NaN()}
	if !math.IsNaN(with.WinRate) && none.WinRate > 0 {
		l.WinRate = with.WinRate / none.WinRate
	}
	if with.Won > 0 && none.Won > 0 && none.AverageWonDeal != 0 {
		l.DealSize = with.AverageWonDeal / none.AverageWonDeal
	}
	if !math.IsNaN(with.MedianCycleDays) && !math.IsNaN(none.MedianCycleDays) {
		l.CycleDays = none.MedianCycleDays - with.MedianCycleDays
	}
	return l
}
