package exporters

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// The sheets of account mapping, written when the ecosystem has overlaps or
// a survey.
const (
	SheetOverlap   = "Overlap"
	SheetDiscovery = "Discovery"
)

// Labels and headers of the Overlap and Discovery sheets: the contract with
// importers/planbook_overlap.go, which finds each table by them.
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
	s, err := b.stream(SheetOverlap, 30, 30, 18, 10, 16, 30, 18, 10, 16, 28, 10, 24, 11, 11, 12, 14, 70)
	if err != nil {
		return err
	}
	st := b.st
	shared := "Yes"
	if m.HideAccountNames {
		shared = "No"
	}
	hdr := func(h []string) []any {
		out := make([]any, len(h))
		for i, x := range h {
			out[i] = styled(st.header, x)
		}
		return out
	}
	rows := [][]any{
		{styled(st.title, "Customer overlap")},
		{styled(st.note, "Computed by Partner Atlas on this computer from the account lists below the table; the lists themselves are not stored in this workbook. To match again, import them again.")},
		{styled(st.label, OverlapNamesLabel), shared},
		nil,
		hdr(OverlapHeader),
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
	if m.HideAccountNames {
		if err := s.add(); err != nil {
			return err
		}
		if err := s.add(styled(st.note, "Account names are not shared: the match list is left out, only the counts are written.")); err != nil {
			return err
		}
		return s.sw.Flush()
	}
	if err := s.addAll([][]any{nil, {styled(st.section, "Matches")}, hdr(MatchHeader)}); err != nil {
		return err
	}
	room := excelize.TotalRows - s.row - 1
	written := 0
	for _, o := range m.Results {
		for _, x := range o.Shared {
			if written == room {
				if err := s.add(styled(st.note, fmt.Sprintf("The match list stops here: a sheet holds %d rows at most.", excelize.TotalRows))); err != nil {
					return err
				}
				return s.sw.Flush()
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
	return s.sw.Flush()
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
	s, err := b.stream(SheetDiscovery, 30, 18, 10, 30, 50)
	if err != nil {
		return err
	}
	st := b.st
	rows := [][]any{
		{styled(st.title, "Discovery: the tools our customers use")},
		{styled(st.note, "From a customer tech-stack survey. Reach is the share of surveyed customers using the tool; it sets the partner's influence in segmentation.")},
		{styled(st.label, "Survey file"), text(sv.File)},
		{styled(st.label, "Customers surveyed"), sv.Customers},
		nil,
	}
	h := make([]any, len(DiscoveryHeader))
	for i, x := range DiscoveryHeader {
		h[i] = styled(st.header, x)
	}
	rows = append(rows, h)
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
	return s.sw.Flush()
}
