package planbook

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

// scoreFormula is the live formula of the Score cell of row r, core's score
// step by step: each criterion's value (a blank or text counting as the
// minimum) clamped to its scale, normalised to 0–1, times its weight; the
// terms summed; times 100, divided by the sum of the weights, rounded to two
// decimals:
//
//	ROUND(100*SUM((MAX(min,MIN(max,IF(ISNUMBER(v),v,min)))-min)/(max-min)*w, …)/SUM(weights),2)
//
// Each term is its own SUM argument and starts with its function call: the
// shape excelize's calculator evaluates correctly (it mis-evaluates a
// function call that follows an operator inside parentheses, see
// qax-os/excelize#2084), and the one whose floating-point steps match core's.
func (b *book) scoreFormula(r int) string {
	crit := b.e.Scorecard.Criteria
	if len(crit) == 0 {
		return "0"
	}
	terms := make([]string, len(crit))
	for i := range crit {
		cr := b.criterionRow(i)
		w := abs(SheetScorecard, scWeightCol, cr)
		lo := abs(SheetScorecard, scMinCol, cr)
		hi := abs(SheetScorecard, scMaxCol, cr)
		v := cell(b.cols.Criteria+i, r)
		terms[i] = fmt.Sprintf("(MAX(%s,MIN(%s,IF(ISNUMBER(%s),%s,%s)))-%s)/(%s-%s)*%s", lo, hi, v, v, lo, lo, hi, lo, w)
	}
	sum := fmt.Sprintf("SUM(%s:$%s$%d)", abs(SheetScorecard, scWeightCol, scFirstRow), scWeightCol, b.lastCriterionRow())
	return fmt.Sprintf("ROUND(100*SUM(%s)/%s,2)", strings.Join(terms, ","), sum)
}

// template is a formula of a row written once, cut where the row's number
// goes.
type template []string

// rowTemplate writes the formula of f for a row whose number is a mark no
// formula holds otherwise, and cuts it there.
func rowTemplate(f func(r int) string) template {
	const mark = 987654321
	return template(strings.Split(f(mark), strconv.Itoa(mark)))
}

// at is the formula for the row numbered n.
func (t template) at(n string) string { return strings.Join(t, n) }

// tierFormula is the live formula of the Tier cell of row r: the override
// when there is one, else the highest tier whose threshold the score reaches.
// LEN(override)>0 rather than override<>"": excelize's calculator does not
// see a blank cell as equal to "".
func (b *book) tierFormula(r int) string {
	score := cell(b.cols.Index(colScore), r)
	ov := cell(b.cols.Index(colOverride), r)
	th := func(t core.Tier) string { return abs(SheetScorecard, "B", b.thresholdRow(t)) }
	return fmt.Sprintf(`IF(LEN(%s)>0,%s,IF(%s>=%s,"Tier 1",IF(%s>=%s,"Tier 2",IF(%s>=%s,"Tier 3","Monitor"))))`,
		ov, ov, score, th(core.Tier1), score, th(core.Tier2), score, th(core.Tier3))
}

func (b *book) partnerValidations() error {
	last := b.rows + 1
	list := func(column int, items []string, strict bool) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col(column), col(column), last)
		if err := dv.SetDropList(items); err != nil {
			return err
		}
		if strict {
			dv.SetError(excelize.DataValidationErrorStyleStop, "Not in the list", "Pick a value from the list.")
		} else {
			dv.ShowErrorMessage = false
		}
		return b.f.AddDataValidation(SheetPartners, dv)
	}
	if err := list(b.cols.Index(colPrimary), roleLabels(), true); err != nil {
		return err
	}
	if err := list(b.cols.Index(colOverride), tierLabels(), true); err != nil {
		return err
	}
	if err := list(b.cols.Index(colFormal), []string{"Yes", "No"}, true); err != nil {
		return err
	}
	// The rated stage accepts what the list offers and also "3" or
	// "Strategic" typed by hand, so its list does not reject other input.
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("E%d:E%d", matHeaderRow+1, matHeaderRow+len(core.Dimensions))
	stages := make([]string, len(core.Stages))
	for i, s := range core.Stages {
		stages[i] = s.String()
	}
	if err := dv.SetDropList(stages); err != nil {
		return err
	}
	dv.ShowErrorMessage = false
	return b.f.AddDataValidation(SheetMaturity, dv)
}

func (b *book) writePartners() error {
	pc := b.cols
	widths := make([]float64, len(pc.Headers))
	for i, h := range pc.Headers {
		widths[i] = max(10, min(40, float64(len([]rune(h)))+4))
	}
	for h, w := range map[string]float64{colPartner: 28, colWebsite: 26, colDomain: 20, colPrimary: 14, colOtherRoles: 18,
		colFormal: 10, colOwner: 16, colRegion: 12, colSources: 40, colScore: 9, colTier: 10, colOverride: 13, colReason: 30,
		colConfidence: 12, colRank: 7} {
		if i := pc.Index(h); i >= 0 {
			widths[i] = w
		}
	}
	s, err := b.stream(SheetPartners, widths...)
	if err != nil {
		return err
	}
	if err := s.freeze(true); err != nil {
		return err
	}
	head := make([]any, len(pc.Headers))
	for i, h := range pc.Headers {
		head[i] = h
	}
	if err := s.add(head...); err != nil {
		return err
	}
	s.startBody()
	iScore, iTier := pc.Index(colScore), pc.Index(colTier)
	row := make([]any, len(pc.Headers))
	// The formulas differ from row to row by the row's number only: each
	// is a shared formula, written in full in the first row only (a hundred
	// thousand rows).
	score, tier := rowTemplate(b.scoreFormula), rowTemplate(b.tierFormula)
	last := len(b.e.Partners) + 1
	for i, p := range b.e.Partners {
		res := b.ev.Results[i]
		clear(row)
		for j, v := range FixedCells(p) {
			row[j] = text(v)
		}
		for j, c := range b.e.Scorecard.Criteria {
			if v, ok := p.Value(c.Key); ok {
				row[pc.Criteria+j] = v
			}
		}
		row[iScore] = sharedCell{t: &score, last: last, style: b.st.score, value: res.Score}
		row[iTier] = sharedCell{t: &tier, last: last, value: string(res.Tier)}
		row[iTier+1] = text(string(p.Override))
		row[iTier+2] = text(p.OverrideReason)
		if res.Complete {
			row[iTier+3] = excelize.Cell{StyleID: b.st.percent, Value: b.ev.Confidence[i]}
		} else {
			// A score resting on minimums for missing values is not one to
			// be confident in, however stable under the weights.
			row[iTier+3] = core.IncompleteText(b.e.MissingValues(p))
		}
		row[iTier+4] = res.Rank
		for j, h := range pc.ExtraCols {
			if v, ok := p.Extra(h); ok {
				row[pc.Extras+j] = text(v)
			}
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	if len(b.e.Partners) == 0 {
		if err := s.add(); err != nil {
			return err
		}
	}
	err = s.sw.AddTable(&excelize.Table{
		Range:          fmt.Sprintf("A1:%s", cell(len(pc.Headers)-1, b.rows+1)),
		Name:           "Partners",
		StyleName:      "TableStyleMedium2",
		ShowRowStripes: boolPtr(true),
	})
	if err != nil {
		return err
	}
	return s.flush()
}

// partnersColumn is a whole column of the Partners sheet, for COUNTIFS.
func (b *book) partnersColumn(header string) string {
	c := col(b.cols.Index(header))
	return fmt.Sprintf("%s!$%s:$%s", SheetPartners, c, c)
}

// column is what a Partners column holds, for the reader.
type column int

const (
	colExtraField column = iota
	colNameField
	colWebsiteField
	colDomainField
	colPrimaryField
	colOtherField
	colFormalField
	colOwnerField
	colRegionField
	colSourcesField
	colOverrideField
	colReasonField
	colCriterionField
	colDerivedField // score, tier, confidence, rank: computed, not read
)

// partnerHeaders maps the fixed headers of the Partners sheet (folded) to
// what they hold.
var partnerHeaders = map[string]column{
	fold(colPartner): colNameField, fold(colWebsite): colWebsiteField, fold(colDomain): colDomainField,
	fold(colPrimary): colPrimaryField, fold(colOtherRoles): colOtherField, fold(colFormal): colFormalField,
	fold(colOwner): colOwnerField, fold(colRegion): colRegionField, fold(colSources): colSourcesField,
	fold(colOverride): colOverrideField, fold(colReason): colReasonField,
	fold(colScore): colDerivedField, fold(colTier): colDerivedField, fold(colConfidence): colDerivedField, fold(colRank): colDerivedField,
}

// importerFields is the field of importers each column shows as in the
// preview.
var importerFields = map[column]importers.Field{
	colNameField: importers.FieldName, colWebsiteField: importers.FieldWebsite, colPrimaryField: importers.FieldRoles,
	colOtherField: importers.FieldOtherRoles, colFormalField: importers.FieldFormal, colOwnerField: importers.FieldOwner,
	colRegionField: importers.FieldRegion, colOverrideField: importers.FieldOverride, colReasonField: importers.FieldOverrideReason,
	colCriterionField: importers.FieldCriterion, colExtraField: importers.FieldExtra,
	colDomainField: importers.FieldIgnore, colSourcesField: importers.FieldIgnore, colDerivedField: importers.FieldIgnore,
}

// readPartners reads the Partners sheet, streaming: it may hold 100,000
// partners.
func (pr *reader) readPartners(res *Source) error {
	sheet := pr.sheetNamed(SheetPartners)
	if sheet == "" {
		pr.problem(importers.MissingColumn, SheetPartners, 0, "", "the Partners sheet is missing, so the plan has no partners.")
		return nil
	}
	rows, err := pr.rows(sheet)
	if err != nil {
		return pr.fail(importers.BadFile, err, "the Partners sheet cannot be read: %v", err)
	}
	defer rows.Close()
	var (
		header []string
		fields []column
		crit   []string // criterion key per column
		rowNum int
	)
	for rows.Next() {
		rowNum++
		r, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return pr.fail(importers.BadFile, err, "row %d of the Partners sheet cannot be read: %v", rowNum, err)
		}
		if header == nil {
			if rowNum > headerScan {
				return pr.fail(importers.NoHeader, nil, "the Partners sheet has no header row with a %q column.", colPartner)
			}
			if _, ok := findLabels([][]string{r}, colPartner); !ok {
				continue
			}
			header = r
			res.HeaderRow = rowNum
			fields, crit, res.Columns = pr.mapPartnerColumns(sheet, header)
			continue
		}
		if importers.IsBlank(r) {
			continue
		}
		res.Rows++
		p := pr.readPartner(sheet, rowNum, r, header, fields, crit)
		if p.Name == "" { // a partner needs a name: found by fuzzing (FuzzReopenPlan)
			pr.problem(importers.BadValue, sheet, rowNum, "", "this row has no partner name, so it was skipped. Type the partner's name in the Partner column to keep it.")
			continue
		}
		pr.e.Partners = append(pr.e.Partners, p)
	}
	if err := rows.Error(); err != nil {
		return pr.fail(importers.BadFile, err, "the Partners sheet cannot be read: %v", err)
	}
	if header == nil {
		return pr.fail(importers.NoHeader, nil, "the Partners sheet has no header row with a %q column.", colPartner)
	}
	return nil
}

// mapPartnerColumns decides what each column of the Partners sheet holds, by
// its header: the fixed headers, then the criteria by name or key, and any
// other column is an unmapped one, kept as text under its header.
func (pr *reader) mapPartnerColumns(sheet string, header []string) ([]column, []string, []importers.Column) {
	sc := pr.e.Scorecard
	fields := make([]column, len(header))
	crit := make([]string, len(header))
	cols := make([]importers.Column, len(header))
	seen := map[column]bool{}
	seenCrit := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		f, ok := partnerHeaders[fold(h)]
		switch {
		case ok && f == colDerivedField:
			fields[i] = f
		case ok && !seen[f]:
			fields[i] = f
			seen[f] = true
		default:
			if c, found := criterionNamed(sc, h); found && !seenCrit[c.Key] && !ok {
				fields[i], crit[i] = colCriterionField, c.Key
				seenCrit[c.Key] = true
			} else {
				fields[i] = colExtraField
			}
		}
		cols[i] = importers.Column{Index: i, Letter: importers.ColumnLetter(i), Header: h, Field: importerFields[fields[i]], Criterion: crit[i]}
	}
	for _, c := range sc.Criteria {
		if !seenCrit[c.Key] {
			pr.problem(importers.MissingColumn, sheet, 0, "", "no column holds the criterion %q, so no partner has a value for it.", c.Name)
		}
	}
	return fields, crit, cols
}

// criterionNamed finds the criterion a header names: its name, else its
// key.
func criterionNamed(sc core.Scorecard, h string) (core.Criterion, bool) {
	for _, c := range sc.Criteria {
		if fold(c.Name) == fold(h) {
			return c, true
		}
	}
	for _, c := range sc.Criteria {
		if fold(c.Key) == fold(h) {
			return c, true
		}
	}
	return core.Criterion{}, false
}

func (pr *reader) readPartner(sheet string, rowNum int, r, header []string, fields []column, crit []string) *core.Partner {
	p := &core.Partner{}
	var primary, other string
	at := func(i int) string {
		return importers.Column{Letter: importers.ColumnLetter(i), Header: header[i]}.String()
	}
	for i, f := range fields {
		v := importers.Cell(r, i)
		t := strings.TrimSpace(v)
		switch f {
		case colNameField:
			p.Name = t
		case colWebsiteField:
			p.Website = t
		case colDomainField:
			p.Domain = t
		case colPrimaryField:
			primary = t
		case colOtherField:
			other = t
		case colFormalField:
			p.Formal, _ = importers.ParseYesNo(t)
		case colOwnerField:
			p.Owner = t
		case colRegionField:
			p.Region = t
		case colSourcesField:
			p.Sources = parseSources(t)
		case colOverrideField:
			if t == "" {
				break
			}
			if tier, ok := core.ParseTier(t); ok {
				p.Override = tier
			} else {
				pr.problem(importers.BadValue, sheet, rowNum, at(i), "%q is not a tier (Tier 1, Tier 2, Tier 3 or Monitor); the override is ignored.", t)
			}
		case colReasonField:
			p.OverrideReason = t
		case colCriterionField:
			if t == "" {
				break
			}
			if x, ok := number(t); ok {
				p.SetValue(crit[i], x)
			} else {
				pr.problem(importers.BadValue, sheet, rowNum, at(i), "%q is not a number; the value is left empty.", t)
			}
		case colExtraField:
			name := strings.TrimSpace(header[i])
			if name == "" {
				name = "Column " + importers.ColumnLetter(i)
			}
			if v != "" {
				p.Extras = append(p.Extras, core.Extra{Column: name, Value: v})
			}
		}
	}
	roles, unknown := core.ParseRoles(primary)
	more, unknown2 := core.ParseRoles(other)
	for _, x := range more {
		if !slices.Contains(roles, x) {
			roles = append(roles, x)
		}
	}
	p.Roles = roles
	for _, u := range append(unknown, unknown2...) {
		pr.problem(importers.UnknownRole, sheet, rowNum, "", "%q is not a role we know (Technology, Channel, Service, Marketplace, Influencer); it is left out.", u)
	}
	if p.Domain == "" && p.Website != "" {
		p.Domain = core.RegistrableDomain(p.Website)
	}
	if p.Override == "" {
		p.OverrideReason = ""
	}
	return p
}

// sourceRE matches one source as core.Source.String writes it.
var (
	sourceRE      = regexp.MustCompile(`^(.*?)(?:, sheet (.*))?, row (\d+)$`)
	sourceSplitRE = regexp.MustCompile(`, row \d+; `)
)

// parseSources reads back the Sources cell that SourcesText writes:
// "file.xlsx, sheet X, row 4; other.csv, row 2". A piece that does not look
// like a source is kept as a file name without a row.
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
