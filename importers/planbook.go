package importers

// This file is owned by the workbook engineer: it recognises a plan workbook
// written by package exporters and restores the ecosystem from it.
//
// The layout is the contract with package exporters, which cannot be
// imported here; the names below repeat its sheet names and headers. Every
// table is found by its header labels, never by fixed cells, so a user who
// inserts rows or moves columns in Excel does not break the reopen.

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// The sheets and the marker of a plan workbook.
const (
	planSummary   = "Summary"
	planPartners  = "Partners"
	planScorecard = "Scorecard"
	planPlays     = "Plays"
	planMaturity  = "Maturity matrix"
	planAbout     = "About"
	planMarker    = "Partner Atlas plan workbook"
	planTitle     = "Partner ecosystem"
)

// planHeaderScan is how many rows the reopen looks through for a header.
const planHeaderScan = 30

// isPlanWorkbook says whether f is a plan workbook written by Partner Atlas:
// its (normally hidden) About sheet starts with the marker. A workbook whose
// About sheet was deleted is still recognised when it has a Partners sheet
// and a Scorecard sheet with the scorecard's header (Key, Weight, Min, Max).
func isPlanWorkbook(f *excelize.File) bool {
	if planSheet(f, planAbout) != "" {
		rows, _ := planRows(f, planSheet(f, planAbout), 10)
		for _, r := range rows {
			for _, c := range r {
				if strings.EqualFold(strings.TrimSpace(c), planMarker) {
					return true
				}
			}
		}
	}
	sc, ps := planSheet(f, planScorecard), planSheet(f, planPartners)
	if sc == "" || ps == "" {
		return false
	}
	rows, _ := planRows(f, sc, planHeaderScan)
	_, ok := planFindHeader(rows, "key", "weight", "min", "max")
	return ok
}

// readPlanWorkbook restores the whole ecosystem from a plan workbook:
// scorecard, thresholds, partners with their values, overrides, sources and
// unmapped columns, plays, maturity ratings, review dates and name. Scores,
// tiers, confidence and ranks are derived and not read. Cells that cannot be
// read are skipped and reported as problems.
func readPlanWorkbook(f *excelize.File, file string, opt Options) (*Result, error) {
	pr := &planReader{f: f, file: file}
	e := core.NewEcosystem("", time.Now())
	e.Review = core.Review{}
	pr.e = e
	res := &Result{File: file, Sheet: planPartners, Plan: e}
	for _, s := range f.GetSheetList() {
		res.Sheets = append(res.Sheets, s)
		if v, err := f.GetSheetVisible(s); err == nil && !v {
			res.HiddenSheets = append(res.HiddenSheets, s)
		}
	}
	if err := pr.readScorecard(); err != nil {
		return nil, err
	}
	if err := pr.readPartners(res); err != nil {
		return nil, err
	}
	pr.readPlays()
	pr.readMaturity()
	pr.readSummary()
	pr.readHistory()
	pr.readOverlap()
	res.Partners = e.Partners
	res.Problems = pr.problems
	return res, nil
}

// planReader holds a reopen in progress.
type planReader struct {
	f        *excelize.File
	file     string
	e        *core.Ecosystem
	problems []Problem
}

func (pr *planReader) problem(kind Kind, sheet string, row int, column, format string, args ...any) {
	pr.problems = append(pr.problems, Problem{Kind: kind, File: pr.file, Sheet: sheet, Row: row, Column: column,
		Message: fmt.Sprintf(format, args...)})
}

// planSheet returns the workbook's name of sheet, matched case-insensitively,
// or "".
func planSheet(f *excelize.File, sheet string) string {
	for _, s := range f.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(s), sheet) {
			return s
		}
	}
	return ""
}

// planRows reads up to limit rows (all when limit is 0) as raw cell text:
// numbers as stored, not as formatted.
func planRows(f *excelize.File, sheet string, limit int) ([][]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		if limit > 0 && len(out) >= limit {
			break
		}
		r, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, rows.Error()
}

// planFold reduces a label for comparison: trimmed, lower case, inner spaces
// collapsed.
func planFold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// planFindHeader finds the first row holding every label (folded) and
// returns its 0-based index.
func planFindHeader(rows [][]string, labels ...string) (int, bool) {
	for i, r := range rows {
		have := map[string]bool{}
		for _, c := range r {
			have[planFold(c)] = true
		}
		ok := true
		for _, l := range labels {
			if !have[l] {
				ok = false
				break
			}
		}
		if ok {
			return i, true
		}
	}
	return 0, false
}

// planHeader is a table's header row: each folded header and its column.
type planHeader map[string]int

// planIndex maps each folded header of a row to its first column.
func planIndex(header []string) planHeader {
	idx := planHeader{}
	for i, h := range header {
		if f := planFold(h); f != "" {
			if _, dup := idx[f]; !dup {
				idx[f] = i
			}
		}
	}
	return idx
}

// planTable reads the table of the plan sheet name: it finds the sheet,
// reads its rows and finds the first row holding every label (folded), which
// h gives (0-based) and idx maps. It reports missing when the sheet is
// absent (nothing when missing is ""), unreadable (a format given the error)
// when the sheet cannot be read and noHeader when no row holds the labels;
// then ok is false.
func (pr *planReader) planTable(name, missing, unreadable, noHeader string, labels ...string) (sheet string, rows [][]string, h int, idx planHeader, ok bool) {
	sheet = planSheet(pr.f, name)
	if sheet == "" {
		if missing != "" {
			pr.problem(MissingColumn, name, 0, "", "%s", missing)
		}
		return "", nil, 0, nil, false
	}
	rows, err := planRows(pr.f, sheet, 0)
	if err != nil {
		pr.problem(BadFile, sheet, 0, "", unreadable, err)
		return "", nil, 0, nil, false
	}
	h, ok = planFindHeader(rows, labels...)
	if !ok {
		pr.problem(NoHeader, sheet, 0, "", "%s", noHeader)
		return "", nil, 0, nil, false
	}
	return sheet, rows, h, planIndex(rows[h]), true
}

// cell returns the trimmed text of r under the header label, or "" when
// there is no such column.
func (idx planHeader) cell(r []string, label string) string {
	i, ok := idx[label]
	if !ok {
		return ""
	}
	return strings.TrimSpace(planCell(r, i))
}

func planCell(r []string, i int) string {
	if i < 0 || i >= len(r) {
		return ""
	}
	return r[i]
}

func planBlank(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func planLetter(i int) string {
	s, _ := excelize.ColumnNumberToName(i + 1)
	return s
}

// planColumn names a column as problems do: `C "Weight"`.
func planColumn(i int, header string) string {
	if header == "" {
		return planLetter(i)
	}
	return planLetter(i) + " \"" + header + "\""
}

func planNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// --- Scorecard --------------------------------------------------------------

func (pr *planReader) readScorecard() error {
	sheet := planSheet(pr.f, planScorecard)
	if sheet == "" {
		pr.problem(MissingColumn, planScorecard, 0, "", "the Scorecard sheet is missing, so the default scorecard and thresholds are used.")
		return nil
	}
	rows, err := planRows(pr.f, sheet, 0)
	if err != nil {
		return fail(BadFile, pr.file, err, "the Scorecard sheet cannot be read: %v", err)
	}
	h, ok := planFindHeader(rows, "key", "weight", "min", "max")
	if !ok {
		pr.problem(NoHeader, sheet, 0, "", "no criteria table (Key, Criterion, Weight, Min, Max) was found, so the default scorecard is used.")
		return nil
	}
	idx := planIndex(rows[h])
	at := idx.cell
	num := func(r []string, row int, label string, def float64) float64 {
		s := at(r, label)
		v, ok := planNumber(s)
		if !ok {
			pr.problem(BadValue, sheet, row, planColumn(idx[label], rows[h][idx[label]]),
				"%q is not a number; %g is used.", s, def)
			return def
		}
		return v
	}
	var sc core.Scorecard
	end := h + 1
	for ; end < len(rows); end++ {
		r := rows[end]
		key, name := at(r, "key"), at(r, "criterion")
		if key == "" && (name == "" || strings.EqualFold(name, "total") || at(r, "weight") == "") {
			break
		}
		row := end + 1
		if name == "" {
			name = key
		}
		var c core.Criterion
		if key == "" {
			// A criterion added by hand in Excel: derive its key from its name.
			c = sc.AddCriterion(name, 0)
			sc.Criteria = sc.Criteria[:len(sc.Criteria)-1]
		} else {
			c = core.Criterion{Key: key, Name: name}
		}
		if sc.Index(c.Key) >= 0 {
			pr.problem(Conflict, sheet, row, "", "criterion %q appears twice; the second is skipped.", c.Key)
			continue
		}
		c.Description = at(r, "description")
		c.Weight = num(r, row, "weight", 0)
		c.Min = num(r, row, "min", 1)
		c.Max = num(r, row, "max", 5)
		sc.Criteria = append(sc.Criteria, c)
	}
	if err := sc.Validate(); err != nil {
		pr.problem(BadValue, sheet, 0, "", "the scorecard has a problem: %v.", err)
	}
	if len(sc.Criteria) > 0 {
		pr.e.Scorecard = sc
	}
	// Tier thresholds: a cell reading "Tier 1", "Tier 2" or "Tier 3" below
	// the criteria, with the minimum score to its right.
	th := core.DefaultThresholds()
	found := map[core.Tier]bool{}
	for i := end; i < len(rows); i++ {
		for j, c := range rows[i] {
			t, ok := core.ParseTier(c)
			if !ok || t == core.Monitor || found[t] || !strings.HasPrefix(planFold(c), "tier") {
				continue
			}
			s := strings.TrimSpace(planCell(rows[i], j+1))
			v, ok := planNumber(s)
			if !ok {
				pr.problem(BadValue, sheet, i+1, planColumn(j+1, ""), "the threshold of %s, %q, is not a number; %g is used.", t, s, th.Of(t))
				found[t] = true
				break
			}
			found[t] = true
			switch t {
			case core.Tier1:
				th.Tier1 = v
			case core.Tier2:
				th.Tier2 = v
			case core.Tier3:
				th.Tier3 = v
			}
			break
		}
	}
	for _, t := range []core.Tier{core.Tier1, core.Tier2, core.Tier3} {
		if !found[t] {
			pr.problem(MissingColumn, sheet, 0, "", "no threshold for %s was found; %g is used.", t, th.Of(t))
		}
	}
	if err := th.Validate(); err != nil {
		pr.problem(BadValue, sheet, 0, "", "%v.", err)
	}
	pr.e.Thresholds = th
	return nil
}

// --- Partners ---------------------------------------------------------------

// planField is what a Partners column holds.
type planField int

const (
	pfExtra planField = iota
	pfName
	pfWebsite
	pfDomain
	pfPrimary
	pfOther
	pfFormal
	pfOwner
	pfRegion
	pfSources
	pfOverride
	pfReason
	pfCriterion
	pfDerived // score, tier, confidence, rank: computed, not read
)

var planPartnerHeaders = map[string]planField{
	"partner": pfName, "website": pfWebsite, "domain": pfDomain, "primary role": pfPrimary,
	"other roles": pfOther, "formal partner": pfFormal, "owner": pfOwner, "region": pfRegion,
	"sources": pfSources, "tier override": pfOverride, "override reason": pfReason,
	"score": pfDerived, "tier": pfDerived, "confidence": pfDerived, "rank": pfDerived,
}

var planFields = map[planField]Field{
	pfName: FieldName, pfWebsite: FieldWebsite, pfPrimary: FieldRoles, pfOther: FieldOtherRoles,
	pfFormal: FieldFormal, pfOwner: FieldOwner, pfRegion: FieldRegion, pfOverride: FieldOverride,
	pfReason: FieldOverrideReason, pfCriterion: FieldCriterion, pfExtra: FieldExtra,
	pfDomain: FieldIgnore, pfSources: FieldIgnore, pfDerived: FieldIgnore,
}

func (pr *planReader) readPartners(res *Result) error {
	sheet := planSheet(pr.f, planPartners)
	if sheet == "" {
		pr.problem(MissingColumn, planPartners, 0, "", "the Partners sheet is missing, so the plan has no partners.")
		return nil
	}
	rows, err := pr.f.Rows(sheet)
	if err != nil {
		return fail(BadFile, pr.file, err, "the Partners sheet cannot be read: %v", err)
	}
	defer rows.Close()
	var (
		header  []string
		fields  []planField
		crit    []string // criterion key per column
		rowNum  int
		columns []Column
	)
	sc := pr.e.Scorecard
	for rows.Next() {
		rowNum++
		r, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fail(BadFile, pr.file, err, "row %d of the Partners sheet cannot be read: %v", rowNum, err)
		}
		if header == nil {
			if rowNum > planHeaderScan {
				return fail(NoHeader, pr.file, nil, "the Partners sheet has no header row with a %q column.", "Partner")
			}
			if _, ok := planFindHeader([][]string{r}, "partner"); !ok {
				continue
			}
			header = r
			res.HeaderRow = rowNum
			fields, crit, columns = pr.mapPartnerColumns(sheet, header, sc)
			res.Columns = columns
			continue
		}
		if planBlank(r) {
			continue
		}
		res.Rows++
		p := pr.readPartner(sheet, rowNum, r, header, fields, crit)
		if p.Name == "" { // a partner needs a name: found by fuzzing (FuzzReopenPlan)
			pr.problem(BadValue, sheet, rowNum, "", "this row has no partner name, so it was skipped. Type the partner's name in the Partner column to keep it.")
			continue
		}
		pr.e.Partners = append(pr.e.Partners, p)
	}
	if err := rows.Error(); err != nil {
		return fail(BadFile, pr.file, err, "the Partners sheet cannot be read: %v", err)
	}
	if header == nil {
		return fail(NoHeader, pr.file, nil, "the Partners sheet has no header row with a %q column.", "Partner")
	}
	return nil
}

// mapPartnerColumns decides what each column of the Partners sheet holds, by
// its header: the known headers, then the criteria by name or key, and any
// other column is an unmapped one, kept as text under its header.
func (pr *planReader) mapPartnerColumns(sheet string, header []string, sc core.Scorecard) ([]planField, []string, []Column) {
	fields := make([]planField, len(header))
	crit := make([]string, len(header))
	cols := make([]Column, len(header))
	seen := map[planField]bool{}
	seenCrit := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		f, ok := planPartnerHeaders[planFold(h)]
		switch {
		case ok && f == pfDerived:
			fields[i] = f
		case ok && !seen[f]:
			fields[i] = f
			seen[f] = true
		default:
			if c, found := planCriterion(sc, h); found && !seenCrit[c.Key] && !ok {
				fields[i], crit[i] = pfCriterion, c.Key
				seenCrit[c.Key] = true
			} else {
				fields[i] = pfExtra
			}
		}
		cols[i] = Column{Index: i, Letter: planLetter(i), Header: h, Field: planFields[fields[i]], Criterion: crit[i]}
	}
	for _, c := range sc.Criteria {
		if !seenCrit[c.Key] {
			pr.problem(MissingColumn, sheet, 0, "", "no column holds the criterion %q, so no partner has a value for it.", c.Name)
		}
	}
	return fields, crit, cols
}

// planCriterion finds the criterion a header names: its name, else its key.
func planCriterion(sc core.Scorecard, h string) (core.Criterion, bool) {
	for _, c := range sc.Criteria {
		if planFold(c.Name) == planFold(h) {
			return c, true
		}
	}
	for _, c := range sc.Criteria {
		if planFold(c.Key) == planFold(h) {
			return c, true
		}
	}
	return core.Criterion{}, false
}

func (pr *planReader) readPartner(sheet string, rowNum int, r, header []string, fields []planField, crit []string) *core.Partner {
	p := &core.Partner{}
	var primary, other string
	for i, f := range fields {
		v := planCell(r, i)
		t := strings.TrimSpace(v)
		switch f {
		case pfName:
			p.Name = t
		case pfWebsite:
			p.Website = t
		case pfDomain:
			p.Domain = t
		case pfPrimary:
			primary = t
		case pfOther:
			other = t
		case pfFormal:
			p.Formal = planYes(t)
		case pfOwner:
			p.Owner = t
		case pfRegion:
			p.Region = t
		case pfSources:
			p.Sources = parseSources(t)
		case pfOverride:
			if t == "" {
				break
			}
			if tier, ok := core.ParseTier(t); ok {
				p.Override = tier
			} else {
				pr.problem(BadValue, sheet, rowNum, planColumn(i, header[i]), "%q is not a tier (Tier 1, Tier 2, Tier 3 or Monitor); the override is ignored.", t)
			}
		case pfReason:
			p.OverrideReason = t
		case pfCriterion:
			if t == "" {
				break
			}
			if x, ok := planNumber(t); ok {
				p.SetValue(crit[i], x)
			} else {
				pr.problem(BadValue, sheet, rowNum, planColumn(i, header[i]), "%q is not a number; the value is left empty.", t)
			}
		case pfExtra:
			name := strings.TrimSpace(header[i])
			if name == "" {
				name = "Column " + planLetter(i)
			}
			if v != "" {
				p.Extras = append(p.Extras, core.Extra{Column: name, Value: v})
			}
		}
	}
	roles, unknown := core.ParseRoles(primary)
	more, unknown2 := core.ParseRoles(other)
	for _, x := range more {
		if !planHasRole(roles, x) {
			roles = append(roles, x)
		}
	}
	p.Roles = roles
	for _, u := range append(unknown, unknown2...) {
		pr.problem(UnknownRole, sheet, rowNum, "", "%q is not a role we know (Technology, Channel, Service, Marketplace, Influencer); it is left out.", u)
	}
	if p.Domain == "" && p.Website != "" {
		p.Domain = core.RegistrableDomain(p.Website)
	}
	if p.Override == "" {
		p.OverrideReason = ""
	}
	return p
}

func planHasRole(roles []core.Role, r core.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

func planYes(s string) bool {
	switch planFold(s) {
	case "yes", "y", "true", "1", "x", "formal":
		return true
	}
	return false
}

// sourceRE matches one source as core.Source.String writes it.
var (
	sourceRE      = regexp.MustCompile(`^(.*?)(?:, sheet (.*))?, row (\d+)$`)
	sourceSplitRE = regexp.MustCompile(`, row \d+; `)
)

// parseSources reads back the Sources cell: "file.xlsx, sheet X, row 4;
// other.csv, row 2". A piece that does not look like a source is kept as a
// file name without a row.
func parseSources(cell string) []core.Source {
	if cell == "" {
		return nil
	}
	var out []core.Source
	// Split on "; " only after "row N", so a "; " inside a file name stays.
	var pieces []string
	rest := cell
	for {
		loc := sourceSplitRE.FindStringIndex(rest)
		if loc == nil {
			pieces = append(pieces, rest)
			break
		}
		pieces = append(pieces, rest[:loc[1]-2])
		rest = rest[loc[1]:]
	}
	for _, piece := range pieces {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		m := sourceRE.FindStringSubmatch(piece)
		if m == nil {
			out = append(out, core.Source{File: piece})
			continue
		}
		n, _ := strconv.Atoi(m[3])
		out = append(out, core.Source{File: m[1], Sheet: m[2], Row: n})
	}
	return out
}

// --- Plays ------------------------------------------------------------------

func (pr *planReader) readPlays() {
	sheet, rows, h, idx, ok := pr.planTable(planPlays,
		"the Plays sheet is missing, so the default play library is used.",
		"the Plays sheet cannot be read (%v); the default play library is used.",
		"no play table (Segment, Tier, Type, Play …) was found; the default play library is used.",
		"segment", "tier", "play")
	if !ok {
		return
	}
	at := idx.cell
	plays := []core.Play{}
	for i := h + 1; i < len(rows); i++ {
		r := rows[i]
		if planBlank(r) {
			continue
		}
		role, ok := core.ParseRole(at(r, "segment"))
		if !ok {
			pr.problem(UnknownRole, sheet, i+1, planColumn(idx["segment"], "Segment"), "%q is not a segment (one of the five roles); the play is skipped.", at(r, "segment"))
			continue
		}
		tier, ok := core.ParseTier(at(r, "tier"))
		if !ok {
			pr.problem(BadValue, sheet, i+1, planColumn(idx["tier"], "Tier"), "%q is not a tier; the play is skipped.", at(r, "tier"))
			continue
		}
		typ, ok := core.ParsePlayType(at(r, "type"))
		if !ok {
			typ = core.PlayType(at(r, "type"))
		}
		pl := core.Play{Role: role, Tier: tier, Type: typ, Name: at(r, "play"), Owner: at(r, "owner"),
			Cadence: at(r, "cadence"), KPI: at(r, "kpi")}
		if err := pl.Validate(); err != nil {
			pr.problem(BadValue, sheet, i+1, "", "%v; the play is skipped.", err)
			continue
		}
		plays = append(plays, pl)
	}
	pr.e.Plays = plays
}

// --- Maturity ---------------------------------------------------------------

func (pr *planReader) readMaturity() {
	sheet, rows, h, idx, ok := pr.planTable(planMaturity, "",
		"the Maturity matrix sheet cannot be read (%v); no stage is rated.",
		"no Dimension and Rated stage columns were found; no stage is rated.",
		"dimension", "rated stage")
	if !ok {
		return
	}
	di, ri := idx["dimension"], idx["rated stage"]
	for i := h + 1; i < len(rows); i++ {
		name := planFold(planCell(rows[i], di))
		for _, d := range core.Dimensions {
			if name != planFold(string(d)) {
				continue
			}
			s := strings.TrimSpace(planCell(rows[i], ri))
			st, ok := core.ParseStage(s)
			if !ok {
				pr.problem(BadValue, sheet, i+1, planColumn(ri, "Rated stage"), "%q is not a stage (1 Undefined, 2 Emerging, 3 Strategic ecosystem); %s is left unrated.", s, d)
			}
			pr.e.Maturity.Rate(d, st)
		}
	}
}

// --- Summary and About --------------------------------------------------------

func (pr *planReader) readSummary() {
	if about := planSheet(pr.f, planAbout); about != "" {
		rows, _ := planRows(pr.f, about, planHeaderScan)
		if v, ok := planLabelled(rows, "ecosystem"); ok {
			pr.e.Name = v
		}
	}
	sheet := planSheet(pr.f, planSummary)
	if sheet == "" {
		return
	}
	rows, _ := planRows(pr.f, sheet, 0)
	if pr.e.Name == "" && len(rows) > 0 {
		t := strings.TrimSpace(planCell(rows[0], 0))
		if rest, ok := strings.CutPrefix(t, planTitle+" — "); ok {
			pr.e.Name = strings.TrimSpace(rest)
		}
	}
	for _, l := range []struct {
		label string
		dst   *time.Time
	}{{"last review", &pr.e.Review.Last}, {"next review", &pr.e.Review.Next}} {
		v, ok := planLabelled(rows, l.label)
		if !ok {
			continue
		}
		d, ok := planDate(v)
		if !ok {
			pr.problem(BadValue, sheet, 0, "", "the %s date %q cannot be read; it is left empty.", l.label, v)
		}
		*l.dst = d
	}
}

// planLabelled returns the first non-empty cell to the right of a cell
// reading label; ok is false when no cell reads label.
func planLabelled(rows [][]string, label string) (string, bool) {
	for _, r := range rows {
		for j, c := range r {
			if planFold(c) != label {
				continue
			}
			for _, v := range r[j+1:] {
				if strings.TrimSpace(v) != "" {
					return strings.TrimSpace(v), true
				}
			}
			return "", true
		}
	}
	return "", false
}

// planDate reads a review date: an Excel date serial, an ISO date, or a
// word ("Never", "Not set") meaning none.
func planDate(s string) (time.Time, bool) {
	if s == "" || planFold(s) == "never" || planFold(s) == "not set" {
		return time.Time{}, true
	}
	if v, ok := planNumber(s); ok {
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return time.Time{}, false
		}
		return core.Date(t.Add(time.Minute)), true // a minute absorbs float error below midnight
	}
	for _, layout := range []string{"2006-01-02", "2 January 2006", "02/01/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return core.Date(t), true
		}
	}
	return time.Time{}, false
}
