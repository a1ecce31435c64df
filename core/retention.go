package core

import (
	"math"
	"strings"
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

// add counts an account in the partner cohort or the other one.
func (r *Retention) add(partner bool, start, expansion, contraction, churn float64) {
	n := &r.Other
	if partner {
		n = &r.Partner
	}
	n.Accounts++
	n.Start += start
	n.Expansion += expansion
	n.Contraction += contraction
	n.Churn += churn
}

// retention works out NRR over [since, until] (zero: open), from the
// account revenue file when there is one, else from the deals: an account's
// starting ARR is the ACV of its won new business closed before the window
// (all of it when the window is open at the start); expansion, contraction
// and churn are the ACV of the expansion deals won, and of the contraction
// and churn deals and lost renewals closed, in the window. A partner
// account is one with a deal a partner sourced or influenced.
//
// ids and keys are the deals' accounts, as accountIDs numbers them.
func (e *Ecosystem) retention(atts []Attribution, ids []int32, keys []string, since, until time.Time) Retention {
	b := e.Deals
	partner := make([]bool, len(keys))
	for i := range b.Deals {
		if atts[i].Category != NoPartner && ids[i] >= 0 {
			partner[ids[i]] = true
		}
	}
	if len(b.Revenue) > 0 {
		byKey := make(map[string]bool, len(keys))
		for id, k := range keys {
			if partner[id] {
				byKey[k] = true
			}
		}
		return revenueRetention(b.Revenue, byKey, since, until)
	}
	type flows struct{ start, exp, contr, churn float64 }
	accounts := make([]flows, len(keys))
	in := func(t time.Time) bool {
		return !t.IsZero() && (since.IsZero() || !t.Before(since)) && (until.IsZero() || !t.After(until))
	}
	for i := range b.Deals {
		d := &b.Deals[i]
		if ids[i] < 0 || d.Outcome == Open {
			continue
		}
		f := &accounts[ids[i]]
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
	for id, f := range accounts {
		if f.start > 0 {
			// An account cannot lose more than it had.
			contr := min(f.contr, f.start+f.exp)
			r.add(partner[id], f.start, f.exp, contr, min(f.churn, f.start+f.exp-contr))
		}
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
		k := accountKey(r.Account, r.Website)
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
		switch e := end[k].arr; {
		case e > s.arr:
			r.add(partner[k], s.arr, e-s.arr, 0, 0)
		case e <= 0:
			r.add(partner[k], s.arr, 0, 0, s.arr)
		default:
			r.add(partner[k], s.arr, 0, s.arr-e, 0)
		}
	}
	r.Partner.finish()
	r.Other.finish()
	return r
}

// accountIDs number each deal's account (-1 for none) and return the key
// of each number: the account's normalised name, else its website's
// domain, so "Acme Inc" and "ACME" are one account. Each distinct account
// as written is normalised once, however many deals it has.
func accountIDs(deals []Deal) (ids []int32, keys []string) {
	ids = make([]int32, len(deals))
	byName := make(map[string]int32, len(deals)/4+16) // the account as written
	bySite := map[string]int32{}                      // the website, for deals without an account name
	byKey := make(map[string]int32, len(deals)/4+16)
	for i := range deals {
		d := &deals[i]
		seen, w := byName, d.Account
		if strings.TrimSpace(w) == "" {
			seen, w = bySite, d.Website
		}
		id, ok := seen[w]
		if !ok {
			k := accountKey(d.Account, d.Website)
			id = -1
			if k != "" {
				if id, ok = byKey[k]; !ok {
					id = int32(len(keys))
					keys = append(keys, k)
					byKey[k] = id
				}
			}
			seen[w] = id
		}
		ids[i] = id
	}
	return ids, keys
}

// accountKey identifies an account across deals and revenue rows: its
// normalised name, else its website's domain.
func accountKey(name, website string) string {
	if k := NormaliseName(name); k != "" {
		return k
	}
	return RegistrableDomain(website)
}
