package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"partneratlas/core"
)

// Result is a partner list read: where its table was found, how its columns
// map, the partners and the problems.
type Result struct {
	Table
	Partners []*core.Partner
}

// ReadFile reads the partner list at path. See Read.
func ReadFile(path string, opt Options) (*Result, error) {
	return readPath(path, opt, ReadPartners)
}

// Read reads a partner list held in memory; name gives its base name and
// extension. See Open for the files it reads and refuses, and ReadPartners
// for how it reads them.
func Read(name string, data []byte, opt Options) (*Result, error) {
	return readData(name, data, opt, ReadPartners)
}

// ReadPartners reads the partner table of f: the sheet and header row that
// hold it (or those the user chose), each column mapped to a field by its
// header (case and punctuation do not matter, synonyms such as "Company",
// "Site" and "Category" are known, a criterion by its name), every row into
// a core.Partner, every column it does not map kept as an extra, and every
// problem reported with its file, sheet, row and column.
//
// When the error's Kind is MissingColumn or NoHeader, ReadPartners also
// returns a Result describing the sheet (Sheets, Sheet, HeaderRow, Columns,
// Sample) so the preview can let the user map the columns by hand and read
// again with Options.Columns or Options.HeaderRow.
func ReadPartners(f *File, opt Options) (*Result, error) {
	return readAgain(f, opt, readPartners)
}

// readPartners is ReadPartners, read once.
func readPartners(f *File, opt Options) (res *Result, err error) {
	defer recovered(f.Name, &err)
	if len(opt.Scorecard.Criteria) == 0 {
		opt.Scorecard = core.DefaultScorecard()
	}
	sc := opt.Scorecard
	t, err := f.locate(opt, func(cells []string) headerFit { return fitOf(cells, sc) }, "partners")
	if t == nil {
		return nil, err
	}
	defer t.close()
	res = &Result{}
	t.describe(&res.Table)
	res.Problems = append(res.Problems, f.Problems...)
	if err != nil { // a header row the user chose that is empty
		res.HeaderRow = 0
		return res, err
	}
	r := newPartnerReader(res, opt, t)
	if r.name < 0 {
		return res, r.missingName()
	}
	if err := r.readRows(t); err != nil {
		return nil, sheetError(f.Name, t.sheet, err)
	}
	r.finish()
	return res, nil
}

// fitOf rates a row as the header of a partner table.
func fitOf(cells []string, sc core.Scorecard) headerFit {
	var fit headerFit
	seen := map[string]bool{}
	for _, c := range cells {
		f, crit, _ := autoField(cleanHeader(c), sc)
		if f == FieldExtra {
			continue
		}
		k := string(f) + "\x00" + crit
		if !seen[k] {
			seen[k] = true
			fit.fields++
		}
		if f == FieldName {
			fit.name = true
		}
	}
	return fit
}

// partnerReader reads the rows of one table into partners.
type partnerReader struct {
	res *Result
	opt Options
	sc  core.Scorecard
	t   *found
	columnsOf
	// headerWidth, when above zero, is the header's cell count, and rows
	// with another count are reported as ragged (a text file's rows should
	// all have the header's cells; a workbook simply omits trailing blank
	// cells).
	headerWidth int
	report      *report

	roles map[string]parsedRoles
	slabs partnerSlabs
}

type parsedRoles struct {
	roles   []core.Role
	unknown []string
}

// newPartnerReader maps the header of t to the fields of a partner.
func newPartnerReader(res *Result, opt Options, t *found) *partnerReader {
	r := &partnerReader{res: res, opt: opt, sc: opt.Scorecard, t: t, roles: map[string]parsedRoles{}, columnsOf: columnsOf{name: -1}}
	r.report = newReport(&res.Table)
	width := len(t.header.cells)
	for _, x := range t.rest {
		width = max(width, len(x.cells))
	}
	if t.f.book == nil {
		r.headerWidth = len(t.header.cells)
	}
	r.setColumns(mapColumns(t.header.cells, width, r.sc, opt.Columns))
	return r
}

// missingName says why no column holds the partners' names: the top rows
// hold data, not a header, or the header names no such column.
func (r *partnerReader) missingName() error {
	t, res := r.t, r.res
	errAt := func(kind Kind, row int, format string, args ...any) *Error {
		e := fail(kind, res.File, nil, format, args...)
		e.Sheet, e.Row = res.Sheet, row
		return e
	}
	if !t.fit.name && t.fit.fields < 2 && r.opt.HeaderRow == 0 && looksLikeData(t.header.cells) {
		return errAt(NoHeader, 0, "no row in the first %d looks like a header: the top rows hold numbers, not column names. Add a row above the data with names such as Partner Name, Website, Partner Type, or choose the columns in the import preview.", HeaderScanRows)
	}
	var found []string
	for _, c := range r.cols {
		if c.Header != "" {
			found = append(found, quote(c.Header))
		}
	}
	list := "none"
	if len(found) > 0 {
		list = strings.Join(found, ", ")
	}
	hint := "Rename the column with the partners' names to \"Partner Name\" (or Company, Account Name, Name), or choose it in the import preview."
	if c, examples, ok := likelyNameColumn(r.cols, res.Sample); ok {
		for i, x := range examples {
			examples[i] = quote(x)
		}
		header := c.Header
		if header == "" {
			header = c.Letter
		}
		hint = fmt.Sprintf("The likeliest is column %s, whose cells are distinct names such as %s: choose it as the partner name in the import preview, or on the command line add --column %s.",
			c, strings.Join(examples, " and "), quote(header+"=name"))
	}
	return errAt(MissingColumn, t.header.row, "no column holds the partner names. The header (row %d) has: %s. %s", t.header.row, list, hint)
}

func (t *partnerReader) setColumns(cols []Column) {
	t.cols = cols
	t.res.Columns = cols
	t.name = -1
	t.extraIdx, t.extraCol = nil, nil // new slices: a batch handed out keeps the old ones
	seen := map[string]int{}
	for i, c := range cols {
		switch c.Field {
		case FieldName:
			t.name = i
		case FieldExtra:
			n := c.ExtraName()
			// Two unmapped columns with one header stay apart: "Notes", "Notes (2)".
			k := strings.ToLower(n)
			seen[k]++
			if seen[k] > 1 {
				n = fmt.Sprintf("%s (%d)", n, seen[k])
			}
			t.extraIdx = append(t.extraIdx, i)
			t.extraCol = append(t.extraCol, n)
		}
	}
}

// widen adds blank-header extra columns up to width, for rows longer than
// the header.
func (t *partnerReader) widen(width int) {
	if width <= len(t.cols) {
		return
	}
	cols := append([]Column(nil), t.cols...)
	for i := len(cols); i < width; i++ {
		c := Column{Index: i, Letter: ColumnLetter(i), Field: FieldExtra}
		if u, ok := t.opt.Columns[i]; ok && u.Field != "" {
			c.Field, c.Criterion, _ = userField(u, "", t.sc)
		}
		cols = append(cols, c)
	}
	t.setColumns(cols)
}

// finish closes the problem list and gives every partner every extra
// column, even those that only appeared further down.
func (t *partnerReader) finish() {
	t.report.close()
	t.report.noRows("partner")
	t.report.uncached(t.t.facts)
	n := len(t.extraCol)
	for _, p := range t.res.Partners {
		if len(p.Extras) < n {
			have := map[string]bool{}
			for _, x := range p.Extras {
				have[x.Column] = true
			}
			for _, name := range t.extraCol {
				if !have[name] {
					p.Extras = append(p.Extras, core.Extra{Column: name})
				}
			}
		}
	}
}

// parseRoles reads a role cell, remembering cells already read: role columns
// repeat a handful of words down thousands of rows.
func (t *partnerReader) parseRoles(cell string) parsedRoles {
	if pr, ok := t.roles[cell]; ok {
		return pr
	}
	var pr parsedRoles
	pr.roles, pr.unknown = core.ParseRoles(cell)
	if len(t.roles) < 4096 {
		t.roles[cell] = pr
	}
	return pr
}

// untab splits, in a text file not separated by tabs, a row with fewer
// cells than the header on the tabs inside its cells: what a row pasted
// from a browser or a spreadsheet into a CSV looks like. It returns cells
// as they were otherwise.
func (t *partnerReader) untab(cells []string, row int) []string {
	if t.headerWidth == 0 || len(cells) >= t.headerWidth || t.t.f.Delimiter == '\t' {
		return cells
	}
	tabs := false
	for _, c := range cells {
		tabs = tabs || strings.ContainsRune(c, '\t')
	}
	if !tabs {
		return cells
	}
	var out []string
	for _, c := range cells {
		out = append(out, strings.Split(c, "\t")...)
	}
	if len(out) > t.headerWidth {
		return cells
	}
	t.report.add(RaggedRow, row, -1, "this row had %d cells but the header has %d, and its cells held tabs (a row pasted from a browser or a spreadsheet): it was split on the tabs into %d cells. Check its values.", len(cells), t.headerWidth, len(out))
	return out
}

// row turns one row into a partner.
func (t *partnerReader) row(cells []string, row int) {
	cells = t.untab(cells, row)
	t.check(cells, row)
	name := strings.TrimSpace(Cell(cells, t.name))
	if isErrorValue(name) {
		t.report.add(BadValue, row, t.name, "the partner name is the error %s (a formula that failed in the spreadsheet), so this row was skipped. Fix the formula in column %s, or type the name.", name, t.cols[t.name].String())
		return
	}
	if name == "" {
		t.report.add(BadValue, row, t.name, "this row has no partner name, so it was skipped. Type the partner's name in column %s to import it.", t.cols[t.name].String())
		return
	}
	p := t.slabs.newPartner()
	p.Name = name
	p.Formal = true
	p.Sources = t.slabs.newSources(core.Source{File: t.res.File, Sheet: t.res.Sheet, Row: row})
	p.Extras = t.slabs.newExtras(len(t.extraIdx))
	t.fields(p, cells, row)
	if p.Website == "" && !strings.ContainsAny(name, " \t") && core.RegistrableDomain(name) != "" {
		// A website typed in the name's cell, the website's left empty.
		p.Website, p.Domain = name, core.RegistrableDomain(name)
		t.report.add(BadValue, row, t.name, "the partner name %s looks like a website, and the row has no website: it was taken as the website too. If it is not the partner's name, type the name in column %s.", quote(name), t.cols[t.name].String())
	}
	for k, i := range t.extraIdx {
		p.Extras = append(p.Extras, core.Extra{Column: t.extraCol[k], Value: Cell(cells, i)})
	}
	t.res.Partners = append(t.res.Partners, p)
}

// check counts a row and reports what is wrong with its shape: more or
// fewer cells than the header (text files), a cell longer than Excel keeps.
// Extra cells become extra columns.
func (t *partnerReader) check(cells []string, row int) {
	if t.headerWidth > 0 && len(cells) != t.headerWidth {
		if len(cells) > t.headerWidth {
			t.report.add(RaggedRow, row, -1, "this row has %d cells but the header has %d; the extra cells were kept as extra columns (%s to %s).", len(cells), t.headerWidth, ColumnLetter(t.headerWidth), ColumnLetter(len(cells)-1))
		} else {
			t.report.add(RaggedRow, row, -1, "this row has %d cells but the header has %d; the missing cells were left empty. A delimiter may be missing in this row.", len(cells), t.headerWidth)
		}
	}
	if len(cells) > len(t.cols) {
		t.widen(len(cells))
	}
	t.res.Rows++
	for i, c := range cells {
		if len(c) > maxCellChars {
			if n := excelLength(c); n > maxCellChars {
				t.report.add(TooLarge, row, i, "this cell holds %s characters; Excel keeps at most %s in a cell, so a workbook exported from Partner Atlas would cut it. It was imported whole; shorten it.", core.Thousands(n), core.Thousands(maxCellChars))
			}
		}
	}
}

// fields reads the mapped cells of a row into p: website, roles, formal,
// owner, region, criteria, and the tier override with its reason.
func (t *partnerReader) fields(p *core.Partner, cells []string, row int) {
	name := p.Name
	var primary, other []core.Role
	override, reason, overrideCol := "", "", -1
	for i := range t.cols {
		c := &t.cols[i]
		switch c.Field {
		case FieldName, FieldExtra, FieldIgnore:
			continue
		}
		v := strings.TrimSpace(Cell(cells, i))
		if v == "" {
			continue
		}
		switch c.Field {
		case FieldWebsite:
			p.Website = v
			p.Domain = core.RegistrableDomain(v)
			if p.Domain == "" {
				t.report.add(BadValue, row, i, "%s does not look like a website or domain, so %s cannot be matched with other lists by domain. It was kept as written.", quote(v), name)
			}
		case FieldRoles, FieldOtherRoles:
			pr := t.parseRoles(v)
			for _, w := range pr.unknown {
				t.report.add(UnknownRole, row, i, "%s in column %s is not a role Partner Atlas knows. Use one of: Technology, Channel, Service, Marketplace, Influencer (or words like Reseller, ISV, Agency, App Store, Community).", quote(w), c.String())
			}
			if c.Field == FieldRoles {
				primary = pr.roles
			} else {
				other = pr.roles
			}
		case FieldFormal:
			b, ok := ParseYesNo(v)
			if !ok {
				t.report.add(BadValue, row, i, "%s is not yes or no; %s was kept as a formal partner. Write Yes or No.", quote(v), name)
				b = true
			}
			p.Formal = b
		case FieldOwner:
			p.Owner = v
		case FieldRegion:
			p.Region = v
		case FieldCriterion:
			t.criterion(p, c, i, v, row)
		case FieldOverride:
			override, overrideCol = v, i
		case FieldOverrideReason:
			reason = v
		}
	}
	p.Roles = t.slabs.newRoles(primary, other)
	if override != "" {
		tier, ok := core.ParseTier(override)
		switch {
		case !ok:
			t.report.add(BadValue, row, overrideCol, "%s is not a tier, so the override was not applied. Write Tier 1, Tier 2, Tier 3 or Monitor.", quote(override))
		case reason == "":
			t.report.add(BadValue, row, overrideCol, "the tier override %s has no reason, so it was not applied. Every override needs a reason: write one in the Override Reason column.", quote(override))
		default:
			p.Override, p.OverrideReason = tier, reason
		}
	}
}

// outsideScale says that a value is outside its criterion's scale, as
// fmt would with "%s is outside the scale of %s (%g to %g). It was kept,
// and the score counts it as %g.", without fmt: a big list can have a
// hundred thousand such values, and fmt was a tenth of its reading.
func outsideScale(v, label string, lo, hi, counted float64) string {
	var stack [160]byte
	b := append(stack[:0], v...)
	b = append(b, " is outside the scale of "...)
	b = append(b, label...)
	b = append(b, " ("...)
	b = strconv.AppendFloat(b, lo, 'g', -1, 64)
	b = append(b, " to "...)
	b = strconv.AppendFloat(b, hi, 'g', -1, 64)
	b = append(b, "). It was kept, and the score counts it as "...)
	b = strconv.AppendFloat(b, counted, 'g', -1, 64)
	b = append(b, '.')
	return string(b)
}

// criterion reads a criterion value into p.
func (t *partnerReader) criterion(p *core.Partner, c *Column, i int, v string, row int) {
	crit, known := core.Criterion{}, false
	if k := t.sc.Index(c.Criterion); k >= 0 {
		crit, known = t.sc.Criteria[k], true
	}
	label := c.Criterion
	if known {
		label = crit.Name
	}
	if isErrorValue(v) {
		t.report.add(BadValue, row, i, "the cell holds the error %s (a formula that failed in the spreadsheet), so %s has no %s value. Fix the formula, or type a number from %g to %g.", v, p.Name, label, crit.Min, crit.Max)
		return
	}
	x, ok := ParseNumber(v) // "80%" is 0.8, and the scale check below says so when it does not fit
	if !ok {
		t.report.add(BadValue, row, i, "%s is not a number, so %s has no %s value. Write a number from %g to %g.", quote(v), p.Name, label, crit.Min, crit.Max)
		return
	}
	if known && (x < crit.Min || x > crit.Max) && t.report.listed(BadValue) {
		t.report.put(BadValue, row, i, outsideScale(v, label, crit.Min, crit.Max, math.Max(crit.Min, math.Min(crit.Max, x))))
	}
	if p.Values == nil {
		p.Values = t.slabs.newValues(len(t.sc.Criteria))
	}
	p.SetValue(c.Criterion, x)
}
