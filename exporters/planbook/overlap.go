package planbook

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// Labels and headers of the Overlap and Discovery sheets, the sheets of
// account mapping, written when the ecosystem has overlaps or a survey. The
// reader finds each table by them.
const (
	OverlapNamesLabel = "Account names shared"
	OverlapFromLists  = "Account lists"
	OverlapFromTyped  = "Typed value"
)

// OverlapHeader heads the populations table, one row per partner.
var OverlapHeader = []string{"Partner", "Companies on their list", "Their customers",
	"Both customers", "Our customer, their prospect", "Their customer, our prospect (ask for an introduction)",
	"Both prospects", "Shared companies", "Overlapping pipeline", "Domain matches", "Name matches",
	"Fuzzy matches", "Overlap score", "Customer overlap from", "Typed value"}

// MatchHeader heads the match list, one row per match.
var MatchHeader = []string{"Partner", "Our account", "Our domain", "Our row", "Our status",
	"Their account", "Their domain", "Their row", "Their status", "Population", "Kind", "Matched on",
	"Similarity", "Confidence", "Decision", "Our open pipeline", "Reason"}

// DiscoveryHeader heads the Discovery sheet's tools table.
var DiscoveryHeader = []string{"Tool", "Customers using it", "Reach", "Partner", "Status"}

// The labels above the Discovery sheet's table.
const (
	discoveryFile      = "Survey file"
	discoveryCustomers = "Customers surveyed"
)

// writeOverlap writes the Overlap sheet when there are overlaps, and the
// Discovery sheet when there is a survey.
func (b *book) writeOverlap() error {
	m := b.e.Accounts
	if m == nil {
		return nil
	}
	if len(m.Results) > 0 {
		if err := b.writeOverlapSheet(m); err != nil {
			return err
		}
	}
	if m.Survey != nil {
		return b.writeDiscoverySheet(m.Survey)
	}
	return nil
}

func (b *book) writeOverlapSheet(m *core.AccountMap) error {
	if _, err := b.f.NewSheet(SheetOverlap); err != nil {
		return err
	}
	s, err := b.titled(SheetOverlap, "Customer overlap", "Computed by Partner Atlas on this computer from the account lists below the table; the lists themselves are not stored in this workbook. To match again, import them again.", 30, 30, 18, 10, 16, 30, 18, 10, 16, 28, 10, 24, 11, 11, 12, 14, 70)
	if err != nil {
		return err
	}
	st := b.st
	shared := "Yes"
	if m.HideAccountNames {
		shared = "No"
	}
	rows := [][]any{
		{styled(st.label, OverlapNamesLabel), shared},
		nil,
		headerCells(st.header, OverlapHeader),
	}
	for _, o := range m.Results {
		from, typed := OverlapFromLists, any(nil)
		key := core.NormaliseName(o.Partner)
		if m.Typed[key] {
			from = OverlapFromTyped
		} else if v, ok := m.TypedValues[key]; ok {
			typed = v
		}
		rows = append(rows, []any{text(o.Partner), o.Companies, o.Customers,
			o.Counts[core.BothCustomers], o.Counts[core.OurCustomerTheirProspect], o.Counts[core.TheirCustomerOurProspect],
			o.Counts[core.BothProspects], o.SharedCompanies(), o.Pipeline,
			o.ByKind[core.MatchDomain], o.ByKind[core.MatchName], o.ByKind[core.MatchFuzzy],
			core.OverlapScore(o), from, typed})
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	// A note under the table for each overlap computed privately (the blank
	// row ends the table for the reader).
	for _, o := range m.Results {
		if o.Method != "" {
			if err := s.addAll([][]any{nil, {styled(st.note, o.Partner+": overlap "+o.Method+".")}}); err != nil {
				return err
			}
		}
	}
	if m.HideAccountNames {
		if err := s.add(); err != nil {
			return err
		}
		if err := s.add(styled(st.note, "Account names are not shared: the match list is left out, only the counts are written.")); err != nil {
			return err
		}
		return s.flush()
	}
	if err := s.addAll([][]any{nil, {styled(st.section, "Matches")}, headerCells(st.header, MatchHeader)}); err != nil {
		return err
	}
	s.startBody()
	room := excelize.TotalRows - s.row - 1
	written := 0
	for _, o := range m.Results {
		for _, x := range o.Shared {
			if written == room {
				if err := s.add(styled(st.note, fmt.Sprintf("The match list stops here: a sheet holds %d rows at most.", excelize.TotalRows))); err != nil {
					return err
				}
				return s.flush()
			}
			written++
			var sim any
			if x.Kind == core.MatchFuzzy {
				sim = x.Similarity
			}
			var amount any
			if x.Amount != 0 {
				amount = x.Amount
			}
			if err := s.add(text(o.Partner), text(x.Ours), text(x.OurDomain), rowNumber(x.OurRow), text(x.OurPopulation.String()),
				text(x.Theirs), text(x.TheirDomain), rowNumber(x.TheirRow), text(x.TheirPopulation.String()),
				text(x.Population.String()), text(string(x.Kind)), text(x.Key), sim, x.Confidence,
				text(x.Decision.String()), amount, text(x.Reason)); err != nil {
				return err
			}
		}
	}
	return s.flush()
}

func rowNumber(r int) any {
	if r <= 0 {
		return nil
	}
	return r
}

func (b *book) writeDiscoverySheet(sv *core.Survey) error {
	if _, err := b.f.NewSheet(SheetDiscovery); err != nil {
		return err
	}
	s, err := b.titled(SheetDiscovery, "Discovery: the tools our customers use", "From a customer tech-stack survey. Reach is the share of surveyed customers using the tool; it sets the partner's influence in segmentation.", 30, 18, 10, 30, 50)
	if err != nil {
		return err
	}
	st := b.st
	rows := [][]any{
		{styled(st.label, discoveryFile), text(sv.File)},
		{styled(st.label, discoveryCustomers), sv.Customers},
		nil,
	}
	rows = append(rows, headerCells(st.header, DiscoveryHeader))
	for _, t := range sv.Tools {
		status := "Partner"
		if t.Proposed() {
			status = "Proposed: influences customers, no contract"
		}
		rows = append(rows, []any{text(t.Tool), t.Customers, styled(st.share, t.Reach), text(t.Partner), status})
	}
	if err := s.addAll(rows); err != nil {
		return err
	}
	return s.flush()
}

// readOverlap restores the account mapping from the Overlap and Discovery
// sheets: per partner the counts, where its customer overlap comes from and
// the value typed before; the match list with every decision; whether
// account names are shared; the survey's tools. The account lists are not in
// the workbook: matching again needs them imported again.
func (pr *reader) readOverlap() {
	pr.readOverlapSheet()
	pr.readDiscoverySheet()
}

func (pr *reader) readOverlapSheet() {
	sheet, rows, h, idx, ok := pr.table(SheetOverlap, "",
		"the Overlap sheet cannot be read (%v), so the customer overlap figures were not restored.",
		"the Overlap sheet has no table headed Partner, Both customers, Shared companies, Overlap score, so the customer overlap figures were not restored.",
		"Partner", "Both customers", "Shared companies", "Overlap score")
	if !ok {
		return
	}
	m := &core.AccountMap{}
	if v, ok := labelled(rows, OverlapNamesLabel); ok && fold(v) == "no" {
		m.HideAccountNames = true
	}
	num := func(r []string, label string) float64 {
		v, _ := number(idx.cell(r, label))
		return v
	}
	end := h + 1
	for ; end < len(rows) && !importers.IsBlank(rows[end]); end++ {
		r := rows[end]
		name := idx.cell(r, "Partner")
		if name == "" {
			continue
		}
		o := core.Overlap{Partner: name, ByKind: map[core.MatchKind]int{},
			Companies: int(num(r, "Companies on their list")), Customers: int(num(r, "Their customers")),
			Pipeline: num(r, "Overlapping pipeline")}
		o.Counts[core.BothCustomers] = int(num(r, "Both customers"))
		o.Counts[core.OurCustomerTheirProspect] = int(num(r, "Our customer, their prospect"))
		o.Counts[core.TheirCustomerOurProspect] = int(num(r, core.TheirCustomerOurProspect.String()))
		o.Counts[core.BothProspects] = int(num(r, "Both prospects"))
		for _, k := range []core.MatchKind{core.MatchDomain, core.MatchName, core.MatchFuzzy} {
			if n := int(num(r, string(k)+" matches")); n > 0 {
				o.ByKind[k] = n
			}
		}
		key := core.NormaliseName(name)
		if fold(idx.cell(r, "Customer overlap from")) == fold(OverlapFromTyped) {
			if m.Typed == nil {
				m.Typed = map[string]bool{}
			}
			m.Typed[key] = true
		} else {
			if m.FromData == nil {
				m.FromData = map[string]bool{}
			}
			m.FromData[key] = true
			if v, ok := number(idx.cell(r, "Typed value")); ok {
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
func (pr *reader) readMatches(sheet string, rows [][]string, start int, m *core.AccountMap) {
	h, ok := findLabels(rows, "Partner", "Our account", "Their account", "Kind", "Decision")
	if !ok {
		return
	}
	idx := indexHeader(rows[h])
	byPartner := map[string]int{}
	for i, o := range m.Results {
		byPartner[core.NormaliseName(o.Partner)] = i
	}
	for k := h + 1; k < len(rows); k++ {
		r := rows[k]
		if importers.IsBlank(r) {
			continue
		}
		i, ok := byPartner[core.NormaliseName(idx.cell(r, "Partner"))]
		if !ok {
			if idx.cell(r, "Our account") != "" {
				pr.problem(importers.BadValue, sheet, start+k+1, "", "this match names the partner %q, which is not in the table above; it was skipped.", idx.cell(r, "Partner"))
			}
			continue
		}
		s := core.SharedAccount{Ours: idx.cell(r, "Our account"), Theirs: idx.cell(r, "Their account"),
			OurDomain: idx.cell(r, "Our domain"), TheirDomain: idx.cell(r, "Their domain"),
			Kind: core.MatchKind(fold(idx.cell(r, "Kind"))), Key: idx.cell(r, "Matched on"), Reason: idx.cell(r, "Reason")}
		s.OurRow, _ = strconv.Atoi(idx.cell(r, "Our row"))
		s.TheirRow, _ = strconv.Atoi(idx.cell(r, "Their row"))
		s.OurPopulation = population(idx.cell(r, "Our status"))
		s.TheirPopulation = population(idx.cell(r, "Their status"))
		for _, p := range core.OverlapPopulations {
			if fold(p.String()) == fold(idx.cell(r, "Population")) {
				s.Population = p
			}
		}
		s.Similarity, _ = number(idx.cell(r, "Similarity"))
		s.Confidence, _ = number(idx.cell(r, "Confidence"))
		s.Amount, _ = number(idx.cell(r, "Our open pipeline"))
		switch fold(idx.cell(r, "Decision")) {
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

// population reads a population as core.Population.String writes it.
func population(s string) core.Population {
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

func (pr *reader) readDiscoverySheet() {
	_, rows, h, idx, ok := pr.table(SheetDiscovery, "",
		"the Discovery sheet cannot be read (%v), so the survey was not restored.",
		"the Discovery sheet has no table headed Tool, Customers using it, Reach, so the survey was not restored.",
		"Tool", "Customers using it", "Reach")
	if !ok {
		return
	}
	sv := &core.Survey{}
	sv.File, _ = labelled(rows, discoveryFile)
	if v, ok := labelled(rows, discoveryCustomers); ok {
		n, _ := number(v)
		sv.Customers = int(n)
	}
	for _, r := range rows[h+1:] {
		if importers.IsBlank(r) {
			break
		}
		t := core.ToolReach{Tool: idx.cell(r, "Tool"), Partner: idx.cell(r, "Partner")}
		n, _ := number(idx.cell(r, "Customers using it"))
		t.Customers = int(n)
		t.Reach, _ = number(idx.cell(r, "Reach"))
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
