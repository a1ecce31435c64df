package core

import (
	"fmt"
	"maps"
	"time"
)

// DealBook is what the ecosystem knows of deals: the deals of the CRM
// exports imported, how they are credited to partners, the window they are
// measured over, the user's fixes of partner names that match no partner,
// and the account revenue file when one was imported.
type DealBook struct {
	Deals []Deal
	// Files are the exports the deals came from, in the order imported.
	Files  []string
	Model  CreditModel
	Window Window
	// Aliases map a partner name as the exports write it (normalised with
	// NormaliseName) to the partner of the ecosystem it means: the fixes
	// the user made of names that matched no partner.
	Aliases map[string]string
	// Revenue is the account revenue file (ARR per account and date), nil
	// when none was imported: net revenue retention then comes from the
	// deals' types.
	Revenue []AccountRevenue
	// RevenueFromDeals sets the revenue potential criterion of the partners
	// with deals from the revenue they bring (see ApplyMeasuredRevenue);
	// RevenuePotential says which partners keep the value typed instead.
	RevenueFromDeals bool
	RevenuePotential Derived
	// LeaveDealsOut keeps the deal rows out of the plan workbook, which then
	// holds the totals only, as the Overlap sheet can leave the matches out:
	// for a workbook shared outside the company.
	LeaveDealsOut bool
}

// AccountRevenue is one line of an account revenue file: an account's
// recurring revenue on a date (the end of a month or a quarter).
type AccountRevenue struct {
	Account string
	// Website names the account when the file gives no name: it is then
	// matched with the deals by its domain.
	Website string
	Date    time.Time
	ARR     float64
}

// Clone returns a copy whose slices and maps can be changed without
// touching b. Deals are never changed in place but replaced, so the copy
// shares them.
func (b *DealBook) Clone() *DealBook {
	if b == nil {
		return nil
	}
	c := *b
	c.Deals = b.Deals[:len(b.Deals):len(b.Deals)] // an append copies; nothing writes a deal in place
	c.Files = append([]string(nil), b.Files...)
	c.Aliases = maps.Clone(b.Aliases)
	c.Revenue = append([]AccountRevenue(nil), b.Revenue...)
	c.RevenuePotential = b.RevenuePotential.Clone()
	return &c
}

// dealBook returns e.Deals, creating it when nil.
func (e *Ecosystem) dealBook() *DealBook {
	if e.Deals == nil {
		e.Deals = &DealBook{}
	}
	return e.Deals
}

// AddDeals adds the deals of an export named file; an export of the same
// name imported before is replaced, so importing this week's export again
// does not count its deals twice.
func (e *Ecosystem) AddDeals(file string, deals []Deal) {
	b := e.dealBook()
	kept := make([]Deal, 0, len(b.Deals)+len(deals))
	for i := range b.Deals {
		if b.Deals[i].Source.File != file {
			kept = append(kept, b.Deals[i])
		}
	}
	start := len(kept)
	kept = append(kept, deals...)
	for i := start; i < len(kept); i++ {
		if kept[i].Source.File == "" {
			kept[i].Source.File = file
		}
	}
	b.Deals = kept
	files := b.Files[:0:0]
	for _, f := range b.Files {
		if f != file {
			files = append(files, f)
		}
	}
	b.Files = append(files, file)
}

// RemoveDeals takes an export's deals out again. It returns how many went.
func (e *Ecosystem) RemoveDeals(file string) int {
	b := e.Deals
	if b == nil {
		return 0
	}
	kept, n := b.Deals[:0:0], 0
	for _, d := range b.Deals {
		if d.Source.File == file {
			n++
			continue
		}
		kept = append(kept, d)
	}
	b.Deals = kept
	b.Files, _ = without(b.Files, func(f string) bool { return f == file })
	return n
}

// MapPartnerName records that a partner name as the exports write it means
// the partner named partner (a fix of a name that matched no partner);
// partner "" takes the fix back.
func (e *Ecosystem) MapPartnerName(written, partner string) error {
	key := NormaliseName(written)
	if key == "" {
		return fmt.Errorf("the name %q has no letters to match", written)
	}
	b := e.dealBook()
	if partner == "" {
		delete(b.Aliases, key)
		return nil
	}
	p := e.FindPartner(partner)
	if p == nil {
		return fmt.Errorf("%q is not a partner of this ecosystem (partners: %s)", partner, partnerNames(e, 8))
	}
	if b.Aliases == nil {
		b.Aliases = map[string]string{}
	}
	b.Aliases[key] = p.Name
	return nil
}

// CreditModel says how much of a deal each attached partner is credited
// with.
type CreditModel int

// The credit models. The default credits each partner attached with the
// whole amount, so per-partner figures can add up to more than the total.
const (
	WholeAmount CreditModel = iota
	SplitEvenly
	ExportShares
)

// CreditModels lists the models in the order the app offers them.
var CreditModels = []CreditModel{WholeAmount, SplitEvenly, ExportShares}

// String names the model as the app and the workbook write it.
func (m CreditModel) String() string {
	switch m {
	case SplitEvenly:
		return "Split evenly"
	case ExportShares:
		return "The export's percentages"
	}
	return "Whole amount to each partner"
}

// Explain says how the model credits a deal, for the app and the workbook.
func (m CreditModel) Explain() string {
	switch m {
	case SplitEvenly:
		return "Each partner attached to a deal is credited with an equal share of it, so the partners' figures add up to the deals'."
	case ExportShares:
		return "Each partner attached to a deal is credited with the share the export gives it; partners the export gives no share split what is left evenly."
	}
	return "Each partner attached to a deal is credited with the whole amount, so the partners' figures can add up to more than the deals' total."
}

// ParseCreditModel reads a model as String writes it, or a word of it.
func ParseCreditModel(s string) (CreditModel, bool) {
	f := foldWord(s)
	for _, m := range CreditModels {
		if f == foldWord(m.String()) {
			return m, true
		}
	}
	switch {
	case f == "whole" || f == "wholeamount" || f == "full":
		return WholeAmount, true
	case f == "even" || f == "split" || f == "evenly":
		return SplitEvenly, true
	case f == "export" || f == "shares" || f == "percentages" || f == "percent":
		return ExportShares, true
	}
	return WholeAmount, false
}

// WindowKind is the kind of period deals are measured over.
type WindowKind int

// The kinds of window: all deals, the calendar year to date, the last 12
// months, or dates the user sets.
const (
	AllTime WindowKind = iota
	ThisYear
	Last12Months
	Custom
)

// WindowKinds lists the kinds in the order the app offers them.
var WindowKinds = []WindowKind{AllTime, ThisYear, Last12Months, Custom}

// String names the kind as the app and the workbook write it.
func (k WindowKind) String() string {
	switch k {
	case ThisYear:
		return "This year"
	case Last12Months:
		return "Last 12 months"
	case Custom:
		return "Custom"
	}
	return "All deals"
}

// Window is the period deals are measured over: won and lost deals by their
// close date, open deals by their creation date.
type Window struct {
	Kind WindowKind
	// Since and Until bound a custom window (either may be zero: open at
	// that end).
	Since, Until time.Time
}

// ParseWindowKind reads a kind as String writes it.
func ParseWindowKind(s string) (WindowKind, bool) {
	for _, k := range WindowKinds {
		if foldWord(s) == foldWord(k.String()) {
			return k, true
		}
	}
	return AllTime, false
}

// Range is the window's first and last day on the day today; a zero time
// leaves that end open.
func (w Window) Range(today time.Time) (since, until time.Time) {
	today = Date(today)
	switch w.Kind {
	case ThisYear:
		return time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC), today
	case Last12Months:
		return today.AddDate(-1, 0, 1), today
	case Custom:
		return Date(w.Since), Date(w.Until)
	}
	return time.Time{}, time.Time{}
}

// Label says the window in words: "All deals", "1 Jan 2026 – 2 Dec 2026",
// "1 Jul 2025 – the last deal" for a window open at the end.
func (w Window) Label(today time.Time) string {
	since, until := w.Range(today)
	if since.IsZero() && until.IsZero() {
		return AllTime.String()
	}
	day := func(t time.Time, open string) string {
		if t.IsZero() {
			return open
		}
		return t.Format("2 Jan 2006")
	}
	return day(since, "the first deal") + " – " + day(until, "the last deal")
}
