package exporters

import (
	"fmt"
	"strings"

	"partneratlas/core"
)

// The sheet names of the plan workbook. They are the contract with the
// reopening code in package importers, which repeats them.
const (
	SheetSummary   = "Summary"
	SheetPartners  = "Partners"
	SheetScorecard = "Scorecard"
	SheetPlan      = "Tiered plan"
	SheetPlays     = "Plays"
	SheetMaturity  = "Maturity matrix"
	SheetAbout     = "About"
)

// Marker is the text in cell A1 of the hidden About sheet by which Partner
// Atlas recognises a workbook it wrote; FormatVersion is the layout version
// written next to it.
const (
	Marker        = "Partner Atlas plan workbook"
	FormatVersion = 1
)

// The headers of the Partners sheet and of the CSV export, before the
// criteria (fixedBefore), after them (fixedAfter), then the unmapped columns.
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
	fixedBefore = []string{colPartner, colWebsite, colDomain, colPrimary, colOtherRoles, colFormal, colOwner, colRegion, colSources}
	fixedAfter  = []string{colScore, colTier, colOverride, colReason, colConfidence, colRank}
)

// partnerColumns lays out the partner table: every header in order and the
// position of each group. Headers are unique (case-insensitively), as an
// Excel table requires: a criterion or unmapped column whose name is already
// taken gets " (2)", " (3)" … appended.
type partnerColumns struct {
	headers   []string
	criteria  int // index of the first criterion column
	after     int // index of the Score column
	extras    int // index of the first unmapped column
	extraCols []string
}

func layoutPartnerColumns(e *core.Ecosystem) partnerColumns {
	var pc partnerColumns
	used := map[string]bool{}
	add := func(h string) {
		h = strings.TrimSpace(h)
		if h == "" {
			h = fmt.Sprintf("Column %d", len(pc.headers)+1)
		}
		name := h
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s (%d)", h, n)
		}
		used[strings.ToLower(name)] = true
		pc.headers = append(pc.headers, name)
	}
	for _, h := range fixedBefore {
		add(h)
	}
	pc.criteria = len(pc.headers)
	for _, c := range e.Scorecard.Criteria {
		add(c.Name)
	}
	pc.after = len(pc.headers)
	for _, h := range fixedAfter {
		add(h)
	}
	pc.extras = len(pc.headers)
	pc.extraCols = e.ExtraColumns()
	for _, h := range pc.extraCols {
		add(h)
	}
	return pc
}

// index returns the position of a fixed header.
func (pc partnerColumns) index(h string) int {
	for i, x := range pc.headers[:pc.extras] {
		if x == h {
			return i
		}
	}
	return -1
}

// sourcesText writes a partner's sources as one cell:
// "file.xlsx, sheet X, row 4; other.csv, row 2".
func sourcesText(src []core.Source) string {
	parts := make([]string, len(src))
	for i, s := range src {
		parts[i] = s.String()
	}
	return strings.Join(parts, "; ")
}

func yesNo(b bool) string {
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
