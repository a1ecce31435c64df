package core

import (
	"strings"
	"time"
)

// Outcome is where a deal stands: open, won or lost.
type Outcome int

// The outcomes of a deal.
const (
	Open Outcome = iota
	Won
	Lost
)

// String names the outcome as the Deals sheet writes it.
func (o Outcome) String() string {
	switch o {
	case Won:
		return "Won"
	case Lost:
		return "Lost"
	}
	return "Open"
}

// Outcomes lists the outcomes in the order the app shows them.
var Outcomes = []Outcome{Won, Lost, Open}

// ParseOutcome reads a deal stage as CRMs write it: "Closed Won",
// "closedwon", "Won", "Booked" are won; "Closed Lost", "Lost - no decision",
// "Out-sold", "Canceled" are lost; the stages of a pipeline ("Prospecting",
// "Negotiation/Review", "appointmentscheduled", "Demo Scheduled") are open.
// known is false for a stage it does not know, which the caller reports and
// counts as open.
func ParseOutcome(stage string) (o Outcome, known bool) {
	words := stageWords(stage)
	if len(words) == 0 {
		return Open, false
	}
	won, lost := false, false
	for _, w := range append(words, strings.Join(words, "")) {
		switch w {
		case "won", "win", "closedwon", "booked", "wonclosed":
			won = true
		case "lost", "closedlost", "outsold", "canceled", "cancelled", "disqualified", "dead", "lostclosed":
			lost = true
		}
	}
	switch {
	case won && !lost:
		return Won, true
	case lost && !won:
		return Lost, true
	case won && lost:
		return Open, false
	}
	joined := strings.Join(words, "")
	if openStages[joined] {
		return Open, true
	}
	for _, w := range words {
		if openStages[w] {
			return Open, true
		}
	}
	return Open, false
}

// stageWords splits a stage into lower-case words of letters, and keeps
// the whole folded stage too when it is one word ("closedwon").
func stageWords(stage string) []string {
	return strings.FieldsFunc(strings.ToLower(stage), func(r rune) bool {
		return !(r >= 'a' && r <= 'z') && r < 0x80
	})
}

// openStages are the words of stages still in play in the pipelines of
// Salesforce, HubSpot, Pipedrive and Dynamics, and in hand-made sheets.
var openStages = map[string]bool{
	"open": true, "prospecting": true, "prospect": true, "qualification": true, "qualified": true,
	"qualifiedtobuy": true, "needsanalysis": true, "analysis": true, "valueproposition": true,
	"iddecisionmakers": true, "perceptionanalysis": true, "proposal": true, "quote": true,
	"proposalpricequote": true, "negotiation": true, "negotiationreview": true, "negotiations": true,
	"review": true, "appointmentscheduled": true, "presentationscheduled": true,
	"decisionmakerboughtin": true, "contractsent": true, "discovery": true, "demo": true,
	"demoscheduled": true, "contactmade": true, "proposalmade": true, "negotiationsstarted": true,
	"inprogress": true, "onhold": true, "develop": true, "propose": true, "close": true, "commit": true,
	"pipeline": true, "evaluation": true, "trial": true, "poc": true, "verbal": true, "lead": true,
	"new": true, "pending": true, "upside": true, "bestcase": true, "solution": true, "shortlist": true,
}

// DealType says what a deal does to an account's revenue.
type DealType string

// The types of deal. Churn and contraction take revenue away: they count
// in net revenue retention, not in pipeline, revenue or win rates.
const (
	NewBusiness DealType = "New business"
	Expansion   DealType = "Expansion"
	Renewal     DealType = "Renewal"
	Contraction DealType = "Contraction"
	Churn       DealType = "Churn"
)

// DealTypes lists the types in the order the app shows them.
var DealTypes = []DealType{NewBusiness, Expansion, Renewal, Contraction, Churn}

// ParseDealType reads a deal type as CRMs write it: "New Business",
// "Existing Business - Upgrade", "Upsell", "Cross-sell", "Renewal",
// "Downgrade", "Churn". An empty cell is new business; known is false for a
// type it does not know, which then counts as new business.
func ParseDealType(s string) (t DealType, known bool) {
	f := foldWord(s)
	switch {
	case f == "":
		return NewBusiness, true
	case strings.Contains(f, "churn") || strings.Contains(f, "cancel") || f == "lostcustomer" || strings.Contains(f, "termination"):
		return Churn, true
	case strings.Contains(f, "downgrade") || strings.Contains(f, "downsell") || strings.Contains(f, "contraction") || strings.Contains(f, "reduction"):
		return Contraction, true
	case strings.Contains(f, "renewal") || f == "renew":
		return Renewal, true
	case strings.Contains(f, "upsell") || strings.Contains(f, "upgrade") || strings.Contains(f, "expansion") ||
		strings.Contains(f, "crosssell") || strings.Contains(f, "addon") || strings.Contains(f, "existing"):
		return Expansion, true
	case strings.Contains(f, "new"):
		return NewBusiness, true
	}
	return NewBusiness, false
}

// Sale says whether a deal of type t sells: all but churn and contraction.
func (t DealType) Sale() bool { return t != Churn && t != Contraction }

// Deal is one opportunity from a CRM export, as the export gives it.
// Partners are named as the export names them; core matches the names with
// the ecosystem's partners when it measures (see Measure).
type Deal struct {
	ID, Name string
	Account  string
	Website  string
	Stage    string // as the export writes it
	Outcome  Outcome
	Created  time.Time // zero when unknown
	Closed   time.Time // zero when unknown (an open deal's expected close, if given)
	Amount   float64
	Currency string
	Owner    string
	Type     DealType
	// TermMonths is the contract's length in months, 0 when unknown.
	TermMonths float64
	LeadSource string
	// Sourced names the partner that sourced the deal, "" for none.
	Sourced string
	// Influencers name the other partners attached to the deal.
	Influencers []string
	// Shares are the export's own share of the deal per partner, 0–1, by
	// the name as written; nil when the export has none.
	Shares map[string]float64
	Source Source
}

// ACV is the deal's annual contract value: the amount spread over the
// contract's years when its term is known, else the amount.
func (d *Deal) ACV() float64 {
	if d.TermMonths > 0 {
		return d.Amount * 12 / d.TermMonths
	}
	return d.Amount
}

// CycleDays is the sales cycle, in days from creation to close; ok is false
// when a date is missing or the close comes first.
func (d *Deal) CycleDays() (days int, ok bool) {
	if d.Created.IsZero() || d.Closed.IsZero() {
		return 0, false
	}
	n := int(Date(d.Closed).Sub(Date(d.Created)).Hours()/24 + 0.5)
	return n, n >= 0
}

// partnerLead says whether a lead source names a partner channel:
// "Partner", "Partner Referral", "Reseller", "Channel".
func partnerLead(source string) bool {
	f := foldWord(source)
	for _, w := range []string{"partner", "referral", "reseller", "channel", "affiliate", "marketplace", "alliance"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// Clone returns a copy of the deal whose slices and maps can be changed.
func (d Deal) Clone() Deal {
	d.Influencers = append([]string(nil), d.Influencers...)
	if d.Shares != nil {
		s := make(map[string]float64, len(d.Shares))
		for k, v := range d.Shares {
			s[k] = v
		}
		d.Shares = s
	}
	return d
}
