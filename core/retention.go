package core

import (
	"math"
	"time"
)

// Retention is net revenue retention over the window, for the accounts
// partners sourced or influenced and for the others.
type Retention struct {
	Partner, Other NRR
	// FromRevenueFile says the figures come from the account revenue file;
	// else from the deals' types.
	FromRevenueFile bool
}

// NRR is the net revenue retention of a cohort of accounts:
//
//	(starting ARR + expansion − contraction − churn) ÷ starting ARR
//
// Rate is NaN when the cohort has no starting revenue.
type NRR struct {
	Accounts                             int
	Start, Expansion, Contraction, Churn float64
	Rate                                 float64
}

func (n *NRR) finish() {
	n.Rate = math.NaN()
	if n.Start > 0 {
		n.Rate = (n.Start + n.Expansion - n.Contraction - n.Churn) / n.Start
	}
}

// retention works out NRR over [since, until] (zero: open), from the
// account revenue file when there is one, else from the deals: an account's
// starting ARR is the ACV of its won new business closed before the window
// (all of it when the window is open at the start); expansion, contraction
// and churn are the ACV of the expansion deals won, and of the contraction
// and churn deals and lost renewals closed, in the window. A partner
// account is one with a deal a partner sourced or influenced.
func (e *Ecosystem) retention(atts []Attribution, since, until time.Time) Retention {
	b := e.Deals
	partner := map[string]bool{}
	for i := range b.Deals {
		if atts[i].Category != NoPartner {
			if k := accountKey(&b.Deals[i]); k != "" {
				partner[k] = true
			}
		}
	}
	if len(b.Revenue) > 0 {
		return revenueRetention(b.Revenue, partner, since, until)
	}
	type flows struct{ start, exp, contr, churn float64 }
	accounts := map[string]*flows{}
	in := func(t time.Time) bool {
		return !t.IsZero() && (since.IsZero() || !t.Before(since)) && (until.IsZero() || !t.After(until))
	}
	for i := range b.Deals {
		d := &b.Deals[i]
		k := accountKey(d)
		if k == "" || d.Outcome == Open {
			continue
		}
		f := accounts[k]
		if f == nil {
			f = &flows{}
			accounts[k] = f
		}
		closed := Date(d.Closed)
		switch {
		case d.Type == NewBusiness && d.Outcome == Won && (since.IsZero() || (!closed.IsZero() && closed.Before(since))):
			f.start += d.ACV()
		case !in(closed):
		case d.Type == Expansion && d.Outcome == Won:
			f.exp += d.ACV()
		case d.Type == Contraction:
			f.contr += math.Abs(d.ACV())
		case d.Type == Churn || (d.Type == Renewal && d.Outcome == Lost):
			f.churn += math.Abs(d.ACV())
		}
	}
	var r Retention
	for k, f := range accounts {
		if f.start <= 0 {
			continue
		}
		n := &r.Other
		if partner[k] {
			n = &r.Partner
		}
		n.Accounts++
		n.Start += f.start
		n.Expansion += f.exp
		n.Contraction += min(f.contr, f.start+f.exp)
		n.Churn += min(f.churn, f.start+f.exp-min(f.contr, f.start+f.exp))
	}
	r.Partner.finish()
	r.Other.finish()
	return r
}

// revenueRetention works out NRR from an account revenue file: an account's
// ARR at the window's start (its last figure on or before it; the file's
// first date when the window is open) against its ARR at the end.
func revenueRetention(rows []AccountRevenue, partner map[string]bool, since, until time.Time) Retention {
	first, last := time.Time{}, time.Time{}
	for _, r := range rows {
		if first.IsZero() || r.Date.Before(first) {
			first = r.Date
		}
		if r.Date.After(last) {
			last = r.Date
		}
	}
	if !since.IsZero() {
		first = since
	}
	if !until.IsZero() {
		last = until
	}
	type point struct {
		date time.Time
		arr  float64
	}
	start, end := map[string]point{}, map[string]point{}
	for _, r := range rows {
		k := NormaliseName(r.Account)
		if k == "" {
			continue
		}
		if !r.Date.After(first) && (start[k].date.IsZero() || r.Date.After(start[k].date)) {
			start[k] = point{r.Date, r.ARR}
		}
		if !r.Date.After(last) && (end[k].date.IsZero() || r.Date.After(end[k].date)) {
			end[k] = point{r.Date, r.ARR}
		}
	}
	r := Retention{FromRevenueFile: true}
	for k, s := range start {
		if s.arr <= 0 {
			continue
		}
		n := &r.Other
		if partner[k] {
			n = &r.Partner
		}
		n.Accounts++
		n.Start += s.arr
		switch e := end[k].arr; {
		case e > s.arr:
			n.Expansion += e - s.arr
		case e <= 0:
			n.Churn += s.arr
		default:
			n.Contraction += s.arr - e
		}
	}
	r.Partner.finish()
	r.Other.finish()
	return r
}

// accountKey identifies a deal's account across deals: its normalised
// name, else its website's domain.
func accountKey(d *Deal) string {
	if k := NormaliseName(d.Account); k != "" {
		return k
	}
	return RegistrableDomain(d.Website)
}
