package planbook

import (
	"fmt"
	"strings"

	"partneratlas/core"
)

// The sheet names of the plan workbook, in the order it holds them. The
// writer and the reader of each sheet sit side by side in the file named
// after it and share its labels and headers; this file holds what several
// sheets, or the CSV export, share.
const (
	SheetSummary   = "Summary"
	SheetPartners  = "Partners"
	SheetScorecard = "Scorecard"
	SheetPlan      = "Tiered plan"
	SheetPlays     = "Plays"
	SheetMaturity  = "Maturity matrix"
	SheetAbout     = "About"
	SheetHistory   = "History"
	SheetOverlap   = "Overlap"
	SheetDiscovery = "Discovery"
	// The sheets of deals, written when the ecosystem has a deal book.
	SheetMeasurement = "Measurement"
	SheetDeals       = "Deals"
	SheetRevenue     = "Account revenue"
	// The problems of the import, one a row, when the caller gives them.
	SheetImportLog = "Import log"
)

// Marker is the text in cell A1 of the hidden About sheet by which Partner
// Atlas recognises a workbook it wrote; FormatVersion is the layout version
// written next to it, read back, and refused when newer than this one.
const (
	Marker        = "Partner Atlas plan workbook"
	FormatVersion = 1
)

// The headers of the Partners sheet and of the CSV export, before the
// criteria (fixedBefore), after them (fixedAfter), then the unmapped columns.
// The reader finds each column by its header.
const (
	colPartner    = "Partner"
	colWebsite    = "Website"
	colDomain     = "Domain"
	colPrimary    = "Primary role"
	colOtherRoles = "Other roles"
	colFormal     = "Formal partner"
	colOwner      = "Owner"
	colRegion     = "Region"
	colSources    = "Sources"
	colScore      = "Score"
	colTier       = "Tier"
	colOverride   = "Tier override"
	colReason     = "Override reason"
	colConfidence = "Confidence"
	colRank       = "Rank"
)

var (
	fixedBefore = [...]string{colPartner, colWebsite, colDomain, colPrimary, colOtherRoles, colFormal, colOwner, colRegion, colSources}
	fixedAfter  = []string{colScore, colTier, colOverride, colReason, colConfidence, colRank}
)

// PartnerColumns lays out the partner table of the Partners sheet and the
// CSV export: every header in order and the position of each group.
// Headers are unique (case-insensitively), as an Excel table requires: a
// criterion or unmapped column whose name is already taken gets " (2)",
// " (3)" … appended.
type PartnerColumns struct {
	Headers   []string
	Criteria  int // index of the first criterion column
	After     int // index of the Score column
	Extras    int // index of the first unmapped column
	ExtraCols []string
}

// LayoutPartnerColumns lays the partner table of e out.
func LayoutPartnerColumns(e *core.Ecosystem) PartnerColumns {
	var pc PartnerColumns
	used := map[string]bool{}
	add := func(h string) {
		h = strings.TrimSpace(h)
		if h == "" {
			h = fmt.Sprintf("Column %d", len(pc.Headers)+1)
		}
		name := h
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s (%d)", h, n)
		}
		used[strings.ToLower(name)] = true
		pc.Headers = append(pc.Headers, name)
	}
	for _, h := range fixedBefore {
		add(h)
	}
	pc.Criteria = len(pc.Headers)
	for _, c := range e.Scorecard.Criteria {
		add(c.Name)
	}
	pc.After = len(pc.Headers)
	for _, h := range fixedAfter {
		add(h)
	}
	pc.Extras = len(pc.Headers)
	pc.ExtraCols = e.ExtraColumns()
	for _, h := range pc.ExtraCols {
		add(h)
	}
	return pc
}

// Index returns the position of a fixed header.
func (pc PartnerColumns) Index(h string) int {
	for i, x := range pc.Headers[:pc.Extras] {
		if x == h {
			return i
		}
	}
	return -1
}

// FixedCells are the texts of a partner's columns before the criteria, in
// the order of their headers: the one place both the Partners sheet and
// the CSV export take them from.
func FixedCells(p *core.Partner) [len(fixedBefore)]string {
	return [len(fixedBefore)]string{p.Name, p.Website, p.Domain, p.PrimaryRole().Label(),
		core.FormatRoles(p.OtherRoles()), YesNo(p.Formal), p.Owner, p.Region, SourcesText(p.Sources)}
}

// SourcesText writes a partner's sources as one cell:
// "file.xlsx, sheet X, row 4; other.csv, row 2". The reader parses it back
// (see parseSources).
func SourcesText(src []core.Source) string {
	parts := make([]string, len(src))
	for i, s := range src {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}

// YesNo writes a yes-or-no cell, as the formal partner column holds it.
func YesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// roleLabels are the five roles as the dropdowns offer them.
func roleLabels() []string {
	out := make([]string, len(core.Roles))
	for i, r := range core.Roles {
		out[i] = r.Label()
	}
	return out
}

func tierLabels() []string {
	out := make([]string, len(core.Tiers))
	for i, t := range core.Tiers {
		out[i] = string(t)
	}
	return out
}
