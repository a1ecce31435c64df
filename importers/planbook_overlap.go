package importers

import (
	"strconv"
	"strings"

	"partneratlas/core"
)

// The Overlap and Discovery sheets of a plan workbook, as package exporters
// writes them (exporters/overlap.go): each table is found by its headers.
const (
	planOverlap   = "Overlap"
	planDiscovery = "Discovery"
)

// readOverlap restores the account mapping from the Overlap and Discovery
// sheets: per partner the counts, where its customer overlap comes from and
// the value typed before; the match list with every decision; whether
// account names are shared; the survey's tools. The account lists are not in
// the workbook: matching again needs them imported again.
func (pr *planReader) readOverlap() {
	pr.readOverlapSheet()
	pr.readDiscoverySheet()
}

func (pr *planReader) readOverlapSheet() {
	sheet, rows, h, idx, ok := pr.planTable(planOverlap, "",
		"the Overlap sheet cannot be read (%v), so the customer overlap figures were not restored.",
		"the Overlap sheet has no table headed Partner, Both customers, Shared companies, Overlap score, so the customer overlap figures were not restored.",
		"partner", "both customers", "shared companies", "overlap score")
	if !ok {
		return
	}
	m := &core.AccountMap{}
	if v, ok := planLabelled(rows, "account names shared"); ok && planFold(v) == "no" {
		m.HideAccountNames = true
	}
	at := idx.cell
	num := func(r []string, label string) float64 {
		v, _ := planNumber(at(r, label))
		return v
	}
	end := h + 1
	for ; end < len(rows) && !planBlank(rows[end]); end++ {
		r := rows[end]
		name := at(r, "partner")
		if name == "" {
			continue
		}
		o := core.Overlap{Partner: name, ByKind: map[core.MatchKind]int{},
			Companies: int(num(r, "companies on their list")), Customers: int(num(r, "their customers")),
			Pipeline: num(r, "overlapping pipeline")}
		o.Counts[core.BothCustomers] = int(num(r, "both customers"))
		o.Counts[core.OurCustomerTheirProspect] = int(num(r, "our customer, their prospect"))
		o.Counts[core.TheirCustomerOurProspect] = int(num(r, "their customer, our prospect (ask for an introduction)"))
		o.Counts[core.BothProspects] = int(num(r, "both prospects"))
		for _, k := range []core.MatchKind{core.MatchDomain, core.MatchName, core.MatchFuzzy} {
			if n := int(num(r, string(k)+" matches")); n > 0 {
				o.ByKind[k] = n
			}
		}
		key := core.NormaliseName(name)
		if planFold(at(r, "customer overlap from")) == "typed value" {
			if m.Typed == nil {
				m.Typed = map[string]bool{}
			}
			m.Typed[key] = true
		} else {
			if m.FromLists == nil {
				m.FromLists = map[string]bool{}
			}
			m.FromLists[key] = true
			if v, ok := planNumber(at(r, "typed value")); ok {
				if m.TypedValues == nil {
					m.TypedValues = map[string]float64{}
				}
				m.TypedValues[key] = v
			}
		}
		m.Results = append(m.Results, o)
	}
	pr.readMatches(sheet, rows[end:], end, m)
	pr.e.Accounts = mergeAccountMaps(pr.e.Accounts, m)
}

// readMatches reads the match list below the populations table. start is
// the 0-based row of rows[0].
func (pr *planReader) readMatches(sheet string, rows [][]string, start int, m *core.AccountMap) {
	h, ok := planFindHeader(rows, "partner", "our account", "their account", "kind", "decision")
	if !ok {
		return
	}
	idx := planIndex(rows[h])
	at := idx.cell
	byPartner := map[string]int{}
	for i, o := range m.Results {
		byPartner[core.NormaliseName(o.Partner)] = i
	}
	for k := h + 1; k < len(rows); k++ {
		r := rows[k]
		if planBlank(r) {
			continue
		}
		i, ok := byPartner[core.NormaliseName(at(r, "partner"))]
		if !ok {
			if at(r, "our account") != "" {
				pr.problem(BadValue, sheet, start+k+1, "", "this match names the partner %q, which is not in the table above; it was skipped.", at(r, "partner"))
			}
			continue
		}
		s := core.SharedAccount{Ours: at(r, "our account"), Theirs: at(r, "their account"),
			OurDomain: at(r, "our domain"), TheirDomain: at(r, "their domain"),
			Kind: core.MatchKind(planFold(at(r, "kind"))), Key: at(r, "matched on"), Reason: at(r, "reason")}
		s.OurRow, _ = strconv.Atoi(at(r, "our row"))
		s.TheirRow, _ = strconv.Atoi(at(r, "their row"))
		s.OurPopulation = planPopulation(at(r, "our status"))
		s.TheirPopulation = planPopulation(at(r, "their status"))
		for _, p := range core.OverlapPopulations {
			if planFold(p.String()) == planFold(at(r, "population")) {
				s.Population = p
			}
		}
		s.Similarity, _ = planNumber(at(r, "similarity"))
		s.Confidence, _ = planNumber(at(r, "confidence"))
		s.Amount, _ = planNumber(at(r, "our open pipeline"))
		switch planFold(at(r, "decision")) {
		case "accepted":
			s.Decision = core.Accepted
		case "rejected":
			s.Decision = core.Rejected
		}
		if s.Kind == core.MatchFuzzy && s.Decision != core.Pending {
			if m.Decisions == nil {
				m.Decisions = core.Decisions{}
			}
			m.Decisions[s.DecisionKey()] = s.Decision
		}
		m.Results[i].Shared = append(m.Results[i].Shared, s)
	}
}

// planPopulation reads a population as core.Population.String writes it.
func planPopulation(s string) core.Population {
	if p, ok := core.ParsePopulation(s); ok {
		return p
	}
	return core.Prospect
}

// mergeAccountMaps puts the overlaps read into the ecosystem's account map,
// which may already hold the survey.
func mergeAccountMaps(into, m *core.AccountMap) *core.AccountMap {
	if into == nil {
		return m
	}
	m.Survey = into.Survey
	return m
}

func (pr *planReader) readDiscoverySheet() {
	_, rows, h, idx, ok := pr.planTable(planDiscovery, "",
		"the Discovery sheet cannot be read (%v), so the survey was not restored.",
		"the Discovery sheet has no table headed Tool, Customers using it, Reach, so the survey was not restored.",
		"tool", "customers using it", "reach")
	if !ok {
		return
	}
	sv := &core.Survey{}
	sv.File, _ = planLabelled(rows, "survey file")
	if v, ok := planLabelled(rows, "customers surveyed"); ok {
		n, _ := planNumber(v)
		sv.Customers = int(n)
	}
	for _, r := range rows[h+1:] {
		if planBlank(r) {
			break
		}
		t := core.ToolReach{Tool: strings.TrimSpace(planCell(r, idx["tool"])), Partner: strings.TrimSpace(planCell(r, idx["partner"]))}
		n, _ := planNumber(planCell(r, idx["customers using it"]))
		t.Customers = int(n)
		t.Reach, _ = planNumber(planCell(r, idx["reach"]))
		if sv.Customers > 0 {
			t.Reach = float64(t.Customers) / float64(sv.Customers) // as core.NewSurvey computes it, to the last digit
		}
		if t.Tool != "" {
			sv.Tools = append(sv.Tools, t)
		}
	}
	if pr.e.Accounts == nil {
		pr.e.Accounts = &core.AccountMap{}
	}
	pr.e.Accounts.Survey = sv
}
