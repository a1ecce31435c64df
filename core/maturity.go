package core

import (
	"fmt"
	"time"
)

// Dimension is one row of the maturity matrix.
type Dimension string

// The five dimensions of the maturity matrix.
const (
	Clarity        Dimension = "Ecosystem clarity"
	Segmentation   Dimension = "Segmentation"
	Prioritization Dimension = "Prioritization"
	ProgramDesign  Dimension = "Program design"
	Measurement    Dimension = "Measurement"
)

// Dimensions lists the dimensions in the order of the matrix.
var Dimensions = []Dimension{Clarity, Segmentation, Prioritization, ProgramDesign, Measurement}

// Stage is a column of the maturity matrix. Zero means not rated.
type Stage int

// The three stages.
const (
	Unrated   Stage = 0
	Undefined Stage = 1
	Emerging  Stage = 2
	Strategic Stage = 3
)

// Stages lists the rated stages in order.
var Stages = []Stage{Undefined, Emerging, Strategic}

// String names the stage as the matrix heads its column.
func (s Stage) String() string {
	switch s {
	case Undefined:
		return "1 Undefined"
	case Emerging:
		return "2 Emerging"
	case Strategic:
		return "3 Strategic ecosystem"
	}
	return "Not rated"
}

// Valid says whether s is one of the three stages.
func (s Stage) Valid() bool { return s >= Undefined && s <= Strategic }

// ParseStage reads a stage from "2", "Emerging", "2 Emerging" or
// "Strategic"; an empty cell or "Not rated" is Unrated.
func ParseStage(s string) (Stage, bool) {
	switch f := foldWord(s); f {
	case "", "notrated", "0":
		return Unrated, true
	case "1", "undefined", "1undefined", "stage1":
		return Undefined, true
	case "2", "emerging", "2emerging", "stage2":
		return Emerging, true
	case "3", "strategic", "strategicecosystem", "3strategicecosystem", "3strategic", "stage3":
		return Strategic, true
	}
	return Unrated, false
}

// stageTexts describe, per dimension and stage, what the practice looks
// like there and how to climb from it to the next stage.
var stageTexts = map[Dimension][3]struct{ looks, climb string }{
	Clarity: {
		{"Partners are added when they ask or when a deal needs them; nobody has written down which kinds of partner matter or why.",
			"List every partner, including those without a contract that influence customers, and give each a role."},
		{"Partners are grouped into a few broad categories and part of the tools and firms around our customers is mapped.",
			"Import the customer tech-stack survey and the partners' account lists to map the whole ecosystem around customers."},
		{"The ecosystem is defined in full: every partner's place in the customer journey is known and tied to where the company wants to grow.",
			"Keep the map current: re-import the lists at every review."},
	},
	Segmentation: {
		{"Every partner is treated the same way, whatever it does or whom it reaches.",
			"Give every partner a primary role."},
		{"Some partners are grouped by type, but the grouping is not applied the same way everywhere.",
			"Fill in shared ICP, customer overlap and revenue potential for every partner so segments have more than one dimension."},
		{"Partners are segmented on several dimensions at once: role, influence on customers, fit with the ideal customer and revenue impact.",
			"Revisit the segments at every review as partners grow or fade."},
	},
	Prioritization: {
		{"Who gets attention is decided by gut feel or by whoever asks loudest.",
			"Score every partner on the scorecard instead of choosing by feel."},
		{"Criteria for a good partner exist, but few people use them when deciding.",
			"Fill the missing scores and agree the weights with product, marketing and sales; aim for 10–20 partners in Tier 1 and Tier 2."},
		{"A weighted scorecard, agreed with product, marketing and sales, decides the tiers and is applied to every partner.",
			"Check tier confidence after each weight change and record a reason for every override."},
	},
	ProgramDesign: {
		{"Co-marketing happens ad hoc; partners have no defined path to grow with us.",
			"Start with one engagement play for each Tier 1 partner."},
		{"Programs are drafted for some groups of partners but not for others.",
			"Give every segment and tier in use a play of each type: engagement, enablement, co-marketing, co-sell."},
		{"Every segment and tier has its programs and plays, each with an owner, a cadence and a measure of success.",
			"Track each play's KPI and retire plays that do not move it."},
	},
	Measurement: {
		{"There is no view of what partners do or of the revenue they influence.",
			"Export deals and opportunities with a partner field from the CRM and import them."},
		{"Some partner touches are tracked, in places that do not add up to a whole.",
			"Attribute sourced and influenced pipeline to partners on every deal, and track win rate and deal size by tier."},
		{"One dashboard shows sourced and influenced pipeline, deal size and net revenue retention by partner, segment and tier.",
			"Review the dashboard at every ecosystem review and move budget to the tiers that return it."},
	},
}

// StageText describes a dimension at a stage.
func (d Dimension) StageText(s Stage) string {
	if !s.Valid() {
		return ""
	}
	return stageTexts[d][s-1].looks
}

// NextStep says how to climb from stage s on dimension d. An unrated
// dimension gets the step out of stage 1.
func (d Dimension) NextStep(s Stage) string {
	if !s.Valid() {
		s = Undefined
	}
	return stageTexts[d][s-1].climb
}

// Maturity holds the stage the user rates for each dimension.
type Maturity struct {
	Ratings map[Dimension]Stage
}

// NewMaturity returns a matrix with nothing rated.
func NewMaturity() Maturity { return Maturity{Ratings: map[Dimension]Stage{}} }

// Rate records the user's stage for a dimension.
func (m *Maturity) Rate(d Dimension, s Stage) {
	if m.Ratings == nil {
		m.Ratings = map[Dimension]Stage{}
	}
	if s == Unrated {
		delete(m.Ratings, d)
		return
	}
	m.Ratings[d] = s
}

// Clone returns a copy that can be edited without touching m.
func (m Maturity) Clone() Maturity {
	c := NewMaturity()
	for d, s := range m.Ratings {
		c.Ratings[d] = s
	}
	return c
}

// Assessment is one row of the maturity matrix as the app shows it.
type Assessment struct {
	Dimension Dimension
	Rated     Stage  // what the user says; Unrated when not said
	Proposed  Stage  // what the data supports
	Evidence  string // why the data supports Proposed
	NextStep  string // how to climb from the held stage
}

// Held is the stage the matrix highlights: the user's rating, else the
// proposal.
func (a Assessment) Held() Stage {
	if a.Rated.Valid() {
		return a.Rated
	}
	return a.Proposed
}

// AssessMaturity proposes a stage per dimension from the evidence in the
// ecosystem and pairs it with the user's rating and the next step.
func (e *Ecosystem) AssessMaturity(ev Evaluation) []Assessment {
	f := e.maturityFacts(ev)
	var out []Assessment
	for _, d := range Dimensions {
		s, evidence := f.propose(d)
		a := Assessment{Dimension: d, Rated: e.Maturity.Ratings[d], Proposed: s, Evidence: evidence}
		a.NextStep = d.NextStep(a.Held())
		out = append(out, a)
	}
	return out
}

// maturityFacts are the facts of an ecosystem the stages are proposed from.
type maturityFacts struct {
	n, withRole, informal, complete int
	roles                           int // primary roles in use
	multi                           int // partners with shared ICP, overlap and revenue potential all filled
	band                            BandCheck
	// segments in use (role × tier, Monitor aside), how many have a play of
	// every type, and how many have at least one play.
	segments, covered, someCovered int
	deals                          dealFacts
}

// dealFacts are what the deals show of measurement: how many are
// attributed to partners, which roles and tiers in use have attributed
// deals, and whether ACV and net revenue retention can be measured.
type dealFacts struct {
	deals, attributed int
	roles, rolesWith  int // primary roles in use, and those with an attributed deal
	tiers, tiersWith  int // tiers in use (Monitor aside), and those with one
	acv, nrr          bool
}

func (e *Ecosystem) maturityFacts(ev Evaluation) maturityFacts {
	f := maturityFacts{n: len(e.Partners), band: ev.Band}
	roles := map[Role]bool{}
	type seg struct {
		r Role
		t Tier
	}
	inUse := map[seg]bool{}
	for i, p := range e.Partners {
		if len(p.Roles) > 0 {
			f.withRole++
			roles[p.PrimaryRole()] = true
		}
		if !p.Formal {
			f.informal++
		}
		if i < len(ev.Results) {
			if ev.Results[i].Complete {
				f.complete++
			}
			if ev.Results[i].Tier != Monitor && len(p.Roles) > 0 {
				inUse[seg{p.PrimaryRole(), ev.Results[i].Tier}] = true
			}
		}
		_, a := p.Value(SharedICP)
		_, b := p.Value(CustomerOverlap)
		_, c := p.Value(RevenuePotential)
		if a && b && c {
			f.multi++
		}
	}
	f.roles, f.segments = len(roles), len(inUse)
	f.deals = e.dealFacts(ev)
	for sg := range inUse {
		types := map[PlayType]bool{}
		for _, pl := range PlaysFor(e.Plays, sg.r, sg.t) {
			types[pl.Type] = true
		}
		if len(types) > 0 {
			f.someCovered++
		}
		if len(types) == len(PlayTypes) {
			f.covered++
		}
	}
	return f
}

// share is k as a share of the partners, 0 when there are none.
func (f maturityFacts) share(k int) float64 {
	if f.n == 0 {
		return 0
	}
	return float64(k) / float64(f.n)
}

// propose says the stage the facts support on dimension d, and why.
func (f maturityFacts) propose(d Dimension) (Stage, string) {
	s := Undefined
	switch d {
	case Clarity: // how complete the map is
		switch {
		case f.n >= TopTierMin && f.roles >= 4 && f.share(f.withRole) >= 0.9 && f.informal > 0:
			s = Strategic
		case f.n > 0 && f.roles >= 2 && f.share(f.withRole) >= 0.5:
			s = Emerging
		}
		return s, fmt.Sprintf("%d partners, %d of 5 roles in use, %d without a role, %d without a contract that influence customers.",
			f.n, f.roles, f.n-f.withRole, f.informal)
	case Segmentation: // roles, then the other dimensions
		switch {
		case f.n > 0 && f.share(f.withRole) >= 0.9 && f.share(f.multi) >= 0.8:
			s = Strategic
		case f.n > 0 && f.share(f.withRole) >= 0.5:
			s = Emerging
		}
		return s, fmt.Sprintf("%.0f%% of partners have a role; %.0f%% have ICP fit, customer overlap and revenue potential filled in.",
			100*f.share(f.withRole), 100*f.share(f.multi))
	case Prioritization: // is the scorecard really applied?
		switch {
		case f.n > 0 && f.share(f.complete) >= 0.8 && f.band.InBand:
			s = Strategic
		case f.n > 0 && f.complete > 0:
			s = Emerging
		}
		return s, fmt.Sprintf("%d of %d partners fully scored; %s", f.complete, f.n, f.band.Message)
	case ProgramDesign: // do the segments in use have their plays?
		switch {
		case f.segments > 0 && f.covered == f.segments:
			s = Strategic
		case f.someCovered > 0:
			s = Emerging
		}
		return s, fmt.Sprintf("%d of %d segments in use (role × tier, Monitor aside) have a play of every type; %d have at least one play.",
			f.covered, f.segments, f.someCovered)
	}
	return f.deals.propose()
}

// dealFacts reads the evidence of measurement from the deals, over all
// time: the practice exists once deals are attributed, whatever the window.
func (e *Ecosystem) dealFacts(ev Evaluation) dealFacts {
	var f dealFacts
	if e.Deals == nil || len(e.Deals.Deals) == 0 {
		return f
	}
	f.deals = len(e.Deals.Deals)
	roles, tiers := map[Role]bool{}, map[Tier]bool{}
	for i, p := range e.Partners {
		roles[p.PrimaryRole()] = false
		if i < len(ev.Results) && ev.Results[i].Tier != Monitor {
			tiers[ev.Results[i].Tier] = false
		}
	}
	atts := e.Attribute()
	for i, at := range atts {
		matched := false
		for _, c := range at.Credits {
			if c.Partner < 0 {
				continue
			}
			matched = true
			if _, ok := roles[e.Partners[c.Partner].PrimaryRole()]; ok {
				roles[e.Partners[c.Partner].PrimaryRole()] = true
			}
			if c.Partner < len(ev.Results) {
				if _, ok := tiers[ev.Results[c.Partner].Tier]; ok {
					tiers[ev.Results[c.Partner].Tier] = true
				}
			}
		}
		if matched {
			f.attributed++
			d := &e.Deals.Deals[i]
			f.acv = f.acv || (d.Outcome == Won && d.Amount > 0)
		}
	}
	delete(roles, "")
	for _, with := range roles {
		f.roles++
		if with {
			f.rolesWith++
		}
	}
	for _, with := range tiers {
		f.tiers++
		if with {
			f.tiersWith++
		}
	}
	ids, keys := accountIDs(e.Deals.Deals)
	f.nrr = e.retention(atts, ids, keys, time.Time{}, time.Time{}).Partner.Start > 0
	return f
}

// propose says the Measurement stage the deals support, and why: 1 without
// attributed deals, 2 with some, 3 when sourced and influenced pipeline,
// ACV and net revenue retention are measured for every role and tier in
// use.
func (f dealFacts) propose() (Stage, string) {
	switch {
	case f.deals == 0:
		return Undefined, "No deals or opportunities attributed to partners have been imported, so sourced and influenced pipeline cannot be measured yet; this stage cannot rise above 1 without them."
	case f.attributed == 0:
		return Undefined, fmt.Sprintf("%d deals imported, none attributed to a partner of the ecosystem: fix the partner names on the deals, or import an export with a partner column.", f.deals)
	}
	evidence := fmt.Sprintf("%d of %d deals attributed to partners; %d of %d roles and %d of %d tiers in use (Monitor aside) have attributed deals; ACV %s; net revenue retention %s.",
		f.attributed, f.deals, f.rolesWith, f.roles, f.tiersWith, f.tiers, measuredWord(f.acv), measuredWord(f.nrr))
	if f.rolesWith == f.roles && f.tiersWith == f.tiers && f.acv && f.nrr {
		return Strategic, evidence
	}
	return Emerging, evidence
}

func measuredWord(ok bool) string {
	if ok {
		return "measured"
	}
	return "not measurable yet"
}
