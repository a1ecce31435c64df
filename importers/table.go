package importers

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"partneratlas/core"
)

// HeaderScanRows is how many non-blank rows from the top of a sheet are
// searched for the header row, so title and note rows above it are skipped.
const HeaderScanRows = 30

// SampleRows is how many data rows a Result keeps as written, for the
// import preview.
const SampleRows = 20

// maxProblemsPerKind caps how many problems of one kind are listed; the rest
// are counted in one closing problem, so a million bad rows cannot exhaust
// memory or the reader's patience.
const maxProblemsPerKind = 500

// rowSource yields the rows of a sheet or a text file. cells may be reused by
// the next call; the strings in it may be kept. row is 1-based as a
// spreadsheet numbers it. At the end it returns io.EOF.
type rowSource interface {
	next() (cells []string, row int, err error)
}

// rawRow is a row kept for header detection and the preview.
type rawRow struct {
	row   int
	cells []string
}

// scanHead reads rows until HeaderScanRows non-blank rows, or row upTo when
// the user chose a header row further down, have been seen.
func scanHead(src rowSource, upTo int) ([]rawRow, error) {
	var head []rawRow
	nonBlank := 0
	for nonBlank < HeaderScanRows || (upTo > 0 && (len(head) == 0 || head[len(head)-1].row < upTo)) {
		cells, row, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return head, err
		}
		if isBlank(cells) {
			continue
		}
		nonBlank++
		head = append(head, rawRow{row: row, cells: append([]string(nil), cells...)})
	}
	return head, nil
}

// headerFit says how well a row serves as the header of a partner table:
// whether a cell names the partner name column, and how many distinct fields
// its cells name.
type headerFit struct {
	name   bool
	fields int
}

func (a headerFit) better(b headerFit) bool {
	if a.name != b.name {
		return a.name
	}
	return a.fields > b.fields
}

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

// findHeader picks the header among the head rows: the row that maps a name
// column and the most other fields (the first of equals). When no row maps a
// name, the row that maps most fields (two at least); else, so that a table
// whose name column is called something else can still be mapped by hand,
// the first row at least two thirds as wide as the widest (a title or note
// row above a table is narrower). It returns the index into head and the
// row's fit.
func findHeader(head []rawRow, sc core.Scorecard) (int, headerFit) {
	best, bestFit := -1, headerFit{}
	for i, r := range head {
		if f := fitOf(r.cells, sc); best < 0 || f.better(bestFit) {
			best, bestFit = i, f
		}
	}
	if best < 0 || bestFit.name || bestFit.fields >= 2 {
		return best, bestFit
	}
	width := 0
	for _, r := range head {
		width = max(width, filled(r.cells))
	}
	need := (2*width + 2) / 3
	for i, r := range head {
		if filled(r.cells) >= need {
			return i, fitOf(r.cells, sc)
		}
	}
	return 0, fitOf(head[0].cells, sc)
}

// isBlank says whether every cell is empty or spaces.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// filled counts the non-empty cells.
func filled(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// looksLikeData says whether no cell of the row is words: a row of numbers
// and dates is data, not a header.
func looksLikeData(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if _, ok := parseNumber(c); ok {
			continue
		}
		if strings.IndexFunc(c, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 &&
			strings.Trim(c, "0123456789/-.: ") == "" {
			continue // a date or time
		}
		return false
	}
	return true
}

// table reads the rows of one sheet or text file into partners.
type table struct {
	res  *Result
	opt  Options
	sc   core.Scorecard
	cols []Column
	name int // index of the name column
	// headerWidth, when above zero, is the header's cell count, and rows
	// with another count are reported as ragged.
	headerWidth int

	// vmerges are the merged ranges running down over data rows, by first
	// row; mergeValue holds each one's value once its first row is read.
	vmerges    []cellRange
	mergeValue []string
	mergeNext  int

	problems map[Kind]int
	roles    map[string]parsedRoles
	extraIdx []int // indexes of the extra columns, in order
	extraCol []string

	// Slabs: partners, sources, extras and roles are carved from larger
	// arrays so that a big import makes a few large allocations instead of
	// several small ones per row. Each partner gets a slice capped at its own
	// length, so appending to it never writes into a neighbour.
	pSlab []core.Partner
	sSlab []core.Source
	xSlab []core.Extra
	rSlab []core.Role
}

type parsedRoles struct {
	roles   []core.Role
	unknown []string
}

// newTable prepares a table whose header is header (at 1-based row
// headerRow).
func newTable(res *Result, opt Options, header []string, width int) *table {
	t := &table{res: res, opt: opt, sc: opt.Scorecard, problems: map[Kind]int{}, roles: map[string]parsedRoles{}, name: -1}
	t.setColumns(mapColumns(header, width, t.sc, opt.Columns))
	return t
}

func (t *table) setColumns(cols []Column) {
	t.cols = cols
	t.res.Columns = cols
	t.name = -1
	t.extraIdx, t.extraCol = t.extraIdx[:0], t.extraCol[:0]
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
func (t *table) widen(width int) {
	if width <= len(t.cols) {
		return
	}
	cols := append([]Column(nil), t.cols...)
	for i := len(cols); i < width; i++ {
		c := Column{Index: i, Letter: columnLetter(i), Field: FieldExtra}
		if u, ok := t.opt.Columns[i]; ok && u.Field != "" {
			c.Field, c.Criterion, _ = userField(u, "", t.sc)
		}
		cols = append(cols, c)
	}
	t.setColumns(cols)
}

// problem records a problem at a row and column (col < 0: none), keeping at
// most maxProblemsPerKind of each kind.
func (t *table) problem(kind Kind, row, col int, format string, args ...any) {
	t.problems[kind]++
	if t.problems[kind] > maxProblemsPerKind {
		return
	}
	p := Problem{Kind: kind, File: t.res.File, Sheet: t.res.Sheet, Row: row, Message: fmt.Sprintf(format, args...)}
	if col >= 0 && col < len(t.cols) {
		p.Column = t.cols[col].String()
	}
	t.res.Problems = append(t.res.Problems, p)
}

// finish closes the problem list with a count of the problems not listed,
// and gives every partner every extra column, even those that only appeared
// further down.
func (t *table) finish() {
	for _, k := range []Kind{BadValue, UnknownRole, RaggedRow, Empty} {
		if n := t.problems[k] - maxProblemsPerKind; n > 0 {
			t.res.Problems = append(t.res.Problems, Problem{Kind: k, File: t.res.File, Sheet: t.res.Sheet,
				Message: fmt.Sprintf("%s more problems of this kind (%s) were found but are not listed.", thousands(n), k)})
		}
	}
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

// read processes the head rows after the header, then the rest of src.
func (t *table) read(rest []rawRow, src rowSource) error {
	for _, r := range rest {
		t.row(r.cells, r.row)
	}
	if src != nil {
		for {
			cells, row, err := src.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			t.row(cells, row)
		}
	}
	t.finish()
	return nil
}

// sample keeps the first data rows as written, for the preview.
func (t *table) sample(rest []rawRow) {
	for _, r := range rest {
		if len(t.res.Sample) >= SampleRows {
			break
		}
		t.res.Sample = append(t.res.Sample, r.cells)
	}
}

func (t *table) newPartner() *core.Partner {
	if len(t.pSlab) == 0 {
		t.pSlab = make([]core.Partner, 256)
	}
	p := &t.pSlab[0]
	t.pSlab = t.pSlab[1:]
	return p
}

func (t *table) newSources(s core.Source) []core.Source {
	if len(t.sSlab) == 0 {
		t.sSlab = make([]core.Source, 256)
	}
	t.sSlab[0] = s
	out := t.sSlab[0:1:1]
	t.sSlab = t.sSlab[1:]
	return out
}

func (t *table) newExtras(n int) []core.Extra {
	if n == 0 {
		return nil
	}
	if len(t.xSlab) < n {
		t.xSlab = make([]core.Extra, max(n, 256*n))
	}
	out := t.xSlab[0:0:n]
	t.xSlab = t.xSlab[n:]
	return out
}

func (t *table) newRoles(a, b []core.Role) []core.Role {
	n := len(a) + len(b)
	if n == 0 {
		return nil
	}
	if len(t.rSlab) < n {
		t.rSlab = make([]core.Role, max(n, 1024))
	}
	out := t.rSlab[0:0:n]
	t.rSlab = t.rSlab[n:]
	out = append(out, a...)
	for _, r := range b {
		dup := false
		for _, x := range out {
			dup = dup || x == r
		}
		if !dup {
			out = append(out, r)
		}
	}
	return out[:len(out):len(out)]
}

// parseRoles reads a role cell, remembering cells already read: role columns
// repeat a handful of words down thousands of rows.
func (t *table) parseRoles(cell string) parsedRoles {
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

// row turns one row into a partner.
func (t *table) row(cells []string, row int) {
	if len(t.vmerges) > 0 {
		cells = t.fill(cells, row)
	}
	if isBlank(cells) {
		return
	}
	if t.headerWidth > 0 && len(cells) != t.headerWidth {
		if len(cells) > t.headerWidth {
			t.problem(RaggedRow, row, -1, "this row has %d cells but the header has %d; the extra cells were kept as extra columns (%s to %s).", len(cells), t.headerWidth, columnLetter(t.headerWidth), columnLetter(len(cells)-1))
		} else {
			t.problem(RaggedRow, row, -1, "this row has %d cells but the header has %d; the missing cells were left empty. A delimiter may be missing in this row.", len(cells), t.headerWidth)
		}
	}
	if len(cells) > len(t.cols) {
		t.widen(len(cells))
	}
	t.res.Rows++
	for i, c := range cells {
		if len(c) > maxCellChars {
			if n := excelLength(c); n > maxCellChars {
				t.problem(TooLarge, row, i, "this cell holds %s characters; Excel keeps at most %s in a cell, so a workbook exported from Partner Atlas would cut it. It was imported whole; shorten it.", thousands(n), thousands(maxCellChars))
			}
		}
	}
	name := strings.TrimSpace(cell(cells, t.name))
	if isErrorValue(name) {
		t.problem(BadValue, row, t.name, "the partner name is the error %s (a formula that failed in the spreadsheet), so this row was skipped. Fix the formula in column %s, or type the name.", name, t.cols[t.name].String())
		return
	}
	if name == "" {
		t.problem(BadValue, row, t.name, "this row has no partner name, so it was skipped. Type the partner's name in column %s to import it.", t.cols[t.name].String())
		return
	}
	p := t.newPartner()
	p.Name = name
	p.Formal = true
	p.Sources = t.newSources(core.Source{File: t.res.File, Sheet: t.res.Sheet, Row: row})
	p.Extras = t.newExtras(len(t.extraIdx))
	var primary, other []core.Role
	override, reason, overrideCol := "", "", -1
	for i := range t.cols {
		c := &t.cols[i]
		switch c.Field {
		case FieldName, FieldExtra, FieldIgnore:
			continue
		}
		v := strings.TrimSpace(cell(cells, i))
		if v == "" {
			continue
		}
		switch c.Field {
		case FieldWebsite:
			p.Website = v
			p.Domain = core.RegistrableDomain(v)
			if p.Domain == "" {
				t.problem(BadValue, row, i, "%s does not look like a website or domain, so %s cannot be matched with other lists by domain. It was kept as written.", quote(v), name)
			}
		case FieldRoles, FieldOtherRoles:
			pr := t.parseRoles(v)
			for _, w := range pr.unknown {
				t.problem(UnknownRole, row, i, "%s in column %s is not a role Partner Atlas knows. Use one of: Technology, Channel, Service, Marketplace, Influencer (or words like Reseller, ISV, Agency, App Store, Community).", quote(w), c.String())
			}
			if c.Field == FieldRoles {
				primary = pr.roles
			} else {
				other = pr.roles
			}
		case FieldFormal:
			b, ok := parseYesNo(v)
			if !ok {
				t.problem(BadValue, row, i, "%s is not yes or no; %s was kept as a formal partner. Write Yes or No.", quote(v), name)
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
	p.Roles = t.newRoles(primary, other)
	if override != "" {
		tier, ok := core.ParseTier(override)
		switch {
		case !ok:
			t.problem(BadValue, row, overrideCol, "%s is not a tier, so the override was not applied. Write Tier 1, Tier 2, Tier 3 or Monitor.", quote(override))
		case reason == "":
			t.problem(BadValue, row, overrideCol, "the tier override %s has no reason, so it was not applied. Every override needs a reason: write one in the Override Reason column.", quote(override))
		default:
			p.Override, p.OverrideReason = tier, reason
		}
	}
	for k, i := range t.extraIdx {
		p.Extras = append(p.Extras, core.Extra{Column: t.extraCol[k], Value: cell(cells, i)})
	}
	t.res.Partners = append(t.res.Partners, p)
}

// criterion reads a criterion value into p.
func (t *table) criterion(p *core.Partner, c *Column, i int, v string, row int) {
	crit, known := core.Criterion{}, false
	if k := t.sc.Index(c.Criterion); k >= 0 {
		crit, known = t.sc.Criteria[k], true
	}
	label := c.Criterion
	if known {
		label = crit.Name
	}
	if isErrorValue(v) {
		t.problem(BadValue, row, i, "the cell holds the error %s (a formula that failed in the spreadsheet), so %s has no %s value. Fix the formula, or type a number from %g to %g.", v, p.Name, label, crit.Min, crit.Max)
		return
	}
	x, ok := parseNumber(v) // "80%" is 0.8, and the scale check below says so when it does not fit
	if !ok {
		t.problem(BadValue, row, i, "%s is not a number, so %s has no %s value. Write a number from %g to %g.", quote(v), p.Name, label, crit.Min, crit.Max)
		return
	}
	if known && (x < crit.Min || x > crit.Max) {
		t.problem(BadValue, row, i, "%s is outside the scale of %s (%g to %g). It was kept, and the score counts it as %g.", v, label, crit.Min, crit.Max, math.Max(crit.Min, math.Min(crit.Max, x)))
	}
	if p.Values == nil {
		p.Values = make(map[string]float64, len(t.sc.Criteria))
	}
	p.Values[c.Criterion] = x
}

// cell returns cells[i], or "" past the end of a short row.
func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

// parseNumber reads a number as people type it: "4", " 4 ", "4.0", "3,5"
// (decimal comma), "1,234.5", "1,026,746" and "1.234,5" (thousands
// separators; a lone comma before exactly three digits, "1,337", is one
// too), "$1,337.00" and "12 €" (currency signs), "42%" (0.42), "(12)" (-12),
// " 9.8 M" and "3k" (thousands, millions, billions).
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	if s == "" || len(s) > 64 {
		return 0, false
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	scale := 1.0
	if strings.HasSuffix(s, "%") {
		scale, s = 0.01, strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	s = strings.TrimSpace(strings.Trim(s, "$€£¥₹"))
	for _, code := range []string{"USD", "EUR", "GBP", "CHF"} {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, code), code))
	}
	if strings.HasPrefix(s, "-") && len(s) > 1 && strings.ContainsAny(s[1:2], "$€£¥₹") {
		s = "-" + s[2:] // -$12
	}
	if scale == 1 && len(s) > 1 {
		last := s[len(s)-1]
		mult := map[byte]float64{'k': 1e3, 'K': 1e3, 'm': 1e6, 'M': 1e6, 'b': 1e9, 'B': 1e9}[last]
		if mult != 0 && strings.ContainsAny(s[len(s)-2:len(s)-1], "0123456789 ") {
			scale, s = mult, strings.TrimSpace(s[:len(s)-1])
		} else if strings.HasSuffix(s, "bn") {
			scale, s = 1e9, strings.TrimSpace(strings.TrimSuffix(s, "bn"))
		}
	}
	s = strings.ReplaceAll(s, " ", "")
	s = strings.ReplaceAll(s, "'", "") // 1'234 (Swiss)
	if s == "" {
		return 0, false
	}
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case comma >= 0 && dot < 0:
		if strings.Count(s, ",") == 1 && !(len(s)-comma-1 == 3 && comma > 0 && strings.Trim(s[:comma], "-+0") != "") {
			s = strings.Replace(s, ",", ".", 1)
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case comma >= 0 && dot >= 0 && comma < dot:
		s = strings.ReplaceAll(s, ",", "")
	case comma >= 0 && dot >= 0:
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case dot >= 0 && strings.Count(s, ".") > 1:
		s = strings.ReplaceAll(s, ".", "") // 1.234.567
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E') {
			return 0, false // no hex, no "Inf", no "NaN"
		}
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	x *= scale
	if neg {
		x = -x
	}
	return x, true
}

// isErrorValue says whether a cell holds one of a spreadsheet's error values,
// which a formula gives when it fails.
func isErrorValue(s string) bool {
	switch strings.TrimSpace(s) {
	case "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
		"#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!":
		return true
	}
	return false
}

// maxCellChars is the most characters Excel keeps in one cell, counted as
// Excel counts them: in UTF-16 code units, so an emoji counts two.
const maxCellChars = 32767

// excelLength is the length of s as Excel counts it.
func excelLength(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// parseYesNo reads a formal-partner cell. A blank cell never reaches it: a
// blank means yes (see Options).
func parseYesNo(s string) (bool, bool) {
	switch fold(s) {
	case "yes", "y", "true", "1", "x", "formal", "signed", "contract", "ja", "oui", "si", "sí":
		return true, true
	case "no", "n", "false", "0", "informal", "none", "unsigned", "nocontract", "nein", "non":
		return false, true
	}
	if s == "✓" || s == "✔" || s == "☑" {
		return true, true
	}
	return false, false
}

// thousands writes n with thousands separators: 12345 → "12,345".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
