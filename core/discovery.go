package core

import (
	"sort"
	"strings"
)

// SurveyResponse is one customer's answer to a tech-stack survey: the tools
// it uses.
type SurveyResponse struct {
	Customer string
	Tools    []string
	Row      int // the row in the survey's file, 0 when unknown
}

// Survey is what a customer tech-stack survey says: how many customers
// answered and, per tool, how many use it.
type Survey struct {
	File      string
	Customers int         // distinct customers that answered
	Tools     []ToolReach // by reach, the widest first, then by name
}

// ToolReach is one tool of a survey and the share of customers using it.
type ToolReach struct {
	Tool      string  // as the survey first wrote it
	Customers int     // distinct customers using it
	Reach     float64 // Customers over the survey's customers, 0–1
	// Partner is the partner of the ecosystem the tool is (same name once
	// normalised), "" when the tool is not a partner yet: a proposed partner.
	Partner string
}

// Proposed says whether the tool is not a partner yet.
func (t ToolReach) Proposed() bool { return t.Partner == "" }

// NewSurvey counts, per tool, the distinct customers using it. Customers
// that answer twice (same normalised name) count once, their tools put
// together; a tool is one tool however its name is spelled ("HubSpot",
// "Hubspot Inc.").
func NewSurvey(file string, responses []SurveyResponse) *Survey {
	s := &Survey{File: file}
	customers := map[string]int{} // normalised customer → index
	users := map[string]map[int]bool{}
	spelled := map[string]string{}
	var order []string
	for _, r := range responses {
		cn := NormaliseName(r.Customer)
		if cn == "" {
			cn = "\x00row" + itoa(r.Row) // an unnamed customer still counts
		}
		ci, ok := customers[cn]
		if !ok {
			ci = len(customers)
			customers[cn] = ci
		}
		for _, t := range r.Tools {
			tn := NormaliseName(t)
			if tn == "" {
				continue
			}
			if _, ok := spelled[tn]; !ok {
				spelled[tn] = strings.TrimSpace(t)
				users[tn] = map[int]bool{}
				order = append(order, tn)
			}
			users[tn][ci] = true
		}
	}
	s.Customers = len(customers)
	for _, tn := range order {
		n := len(users[tn])
		s.Tools = append(s.Tools, ToolReach{Tool: spelled[tn], Customers: n, Reach: float64(n) / float64(max(1, s.Customers))})
	}
	sort.SliceStable(s.Tools, func(i, j int) bool {
		if s.Tools[i].Customers != s.Tools[j].Customers {
			return s.Tools[i].Customers > s.Tools[j].Customers
		}
		return strings.ToLower(s.Tools[i].Tool) < strings.ToLower(s.Tools[j].Tool)
	})
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// SetSurvey keeps the survey and ties each tool to the partner of the same
// name, if any.
func (e *Ecosystem) SetSurvey(s *Survey) {
	e.accountMap().Survey = s
	e.LinkSurvey()
}

// LinkSurvey ties the survey's tools to the partners of the same name again,
// after partners were added, removed or renamed.
func (e *Ecosystem) LinkSurvey() {
	if e.Accounts == nil || e.Accounts.Survey == nil {
		return
	}
	byName := make(map[string]string, len(e.Partners))
	for _, p := range e.Partners {
		if n := NormaliseName(p.Name); n != "" {
			if _, ok := byName[n]; !ok {
				byName[n] = p.Name
			}
		}
	}
	tools := append([]ToolReach(nil), e.Accounts.Survey.Tools...) // clones share the old slice
	for i := range tools {
		tools[i].Partner = byName[NormaliseName(tools[i].Tool)]
	}
	e.Accounts.Survey.Tools = tools
}

// ProposedNote is the note a partner proposed by the survey carries.
const ProposedNote = "Influences customers, no contract: proposed by the tech-stack survey"

// ProposePartners returns the survey's tools that are not partners yet and
// reach at least minReach of the customers (0: every tool) as new partners,
// to add: informal (Formal false: they influence customers, there is no
// contract), technology partners, sourced from the survey's file.
func (e *Ecosystem) ProposePartners(minReach float64) []*Partner {
	if e.Accounts == nil || e.Accounts.Survey == nil {
		return nil
	}
	var out []*Partner
	for _, t := range e.Accounts.Survey.Tools {
		if !t.Proposed() || t.Reach < minReach {
			continue
		}
		out = append(out, &Partner{
			Name: t.Tool, Roles: []Role{Technology}, Formal: false,
			Sources: []Source{{File: e.Accounts.Survey.File}},
			Extras:  []Extra{{Column: "Discovery", Value: ProposedNote}},
		})
	}
	return out
}

// AddProposedPartners adds the partners ProposePartners returns and ties the
// survey's tools to them. It returns the partners added.
func (e *Ecosystem) AddProposedPartners(minReach float64) []*Partner {
	ps := e.ProposePartners(minReach)
	e.Partners = append(e.Partners, ps...)
	e.LinkSurvey()
	return ps
}

// ReachOf returns the share of surveyed customers that use the partner, and
// whether the survey names it.
func (e *Ecosystem) ReachOf(p *Partner) (float64, bool) {
	r, ok := e.reachByPartner()[p.Name]
	return r, ok
}

// reachByPartner maps the names of the partners the survey names to their
// reach.
func (e *Ecosystem) reachByPartner() map[string]float64 {
	if e.Accounts == nil || e.Accounts.Survey == nil {
		return nil
	}
	out := map[string]float64{}
	for _, t := range e.Accounts.Survey.Tools {
		if t.Partner != "" {
			out[t.Partner] = max(out[t.Partner], t.Reach)
		}
	}
	return out
}

// Reach levels: a partner used by at least HighReach of surveyed customers
// has High influence, at least MediumReach Medium, else Low.
const (
	HighReach   = 0.30
	MediumReach = 0.10
)

// reachLevel places a reach on the influence dimension.
func reachLevel(r float64) Level {
	switch {
	case r >= HighReach:
		return High
	case r >= MediumReach:
		return Medium
	}
	return Low
}
