package importers

import (
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"partneratlas/core"
)

// dealReader turns the rows of a deal export into deals.
type dealReader struct {
	res    *DealsResult
	t      *found
	report *report
	// col is the column of each field, -1 when none; influencers are all
	// the influencer columns.
	col         map[Field]int
	influencers []int
	// byID finds a deal by its ID, for exports with one row per deal and
	// partner.
	byID map[string]int
	// created and closed hold each deal's dates as written, until the
	// column's order is known (finish).
	created, closed []string
	stages, types   map[string]*seenWord
	currencies      map[string]int
	// outcomes, dealTypes and terms remember what each value as written
	// means: an export of a million deals has a few dozen of each.
	outcomes      map[[2]string]outcomeRead
	dealTypes     map[string]typeRead
	terms         map[string]termRead
	noAmount      int
	firstNoAmount int
}

type (
	outcomeRead struct {
		outcome core.Outcome
		known   bool
	}
	typeRead struct {
		dealType core.DealType
		known    bool
	}
	termRead struct {
		months float64
		ok     bool
	}
)

// seenWord is a stage or type the reader did not know: how often, and
// where first.
type seenWord struct {
	count, row int
}

// dealFieldsSingle are the fields one column holds at most.
var dealFieldsSingle = []Field{FieldDealID, FieldDealName, FieldAccount, FieldWebsite, FieldStage, FieldDealStatus,
	FieldCreated, FieldClosed, FieldAmount, FieldCurrency, FieldOwner, FieldDealType, FieldTerm, FieldLeadSource,
	FieldSourcedBy, FieldPartnerRole, FieldShare}

func newDealReader(res *DealsResult, opt Options, t *found) *dealReader {
	cols, ranks := dealColumns(t.header.cells, opt.Columns)
	dr := &dealReader{res: res, t: t, col: map[Field]int{}, byID: make(map[string]int, t.rows),
		stages: map[string]*seenWord{}, types: map[string]*seenWord{}, currencies: map[string]int{},
		outcomes: map[[2]string]outcomeRead{}, dealTypes: map[string]typeRead{}, terms: map[string]termRead{}}
	for _, f := range dealFieldsSingle {
		dr.col[f] = -1
	}
	for i, c := range cols {
		if c.Field == FieldInfluencedBy {
			dr.influencers = append(dr.influencers, i)
			continue
		}
		if at, ok := dr.col[c.Field]; ok { // not extra or ignored
			claim(cols, ranks, i, &at)
			dr.col[c.Field] = at
		}
	}
	res.Columns = cols
	dr.report = newReport(&res.Table)
	if t.rows > 0 {
		res.Deals = make([]core.Deal, 0, t.rows)
	}
	return dr
}

// cell returns the trimmed cell of field f in cells.
func (dr *dealReader) cell(cells []string, f Field) string {
	return strings.TrimSpace(Cell(cells, dr.col[f]))
}

// row reads one row: a new deal, or one more partner of a deal whose ID
// came before.
func (dr *dealReader) row(cells []string, n int) {
	dr.res.Rows++
	id := dr.cell(cells, FieldDealID)
	if i, ok := dr.byID[id]; ok && id != "" {
		dr.partners(&dr.res.Deals[i], cells)
		return
	}
	d := core.Deal{ID: id, Name: dr.cell(cells, FieldDealName), Account: dr.cell(cells, FieldAccount),
		Website: dr.cell(cells, FieldWebsite), Owner: dr.cell(cells, FieldOwner), LeadSource: dr.cell(cells, FieldLeadSource),
		Currency: strings.ToUpper(dr.cell(cells, FieldCurrency)),
		Source:   core.Source{File: dr.res.File, Sheet: dr.res.Sheet, Row: n}}
	dr.outcome(&d, cells, n)
	dr.amount(&d, cells, n)
	if v := dr.cell(cells, FieldDealType); v != "" {
		r, ok := dr.dealTypes[v]
		if !ok {
			r.dealType, r.known = core.ParseDealType(v)
			dr.dealTypes[v] = r
		}
		d.Type = r.dealType
		if !r.known {
			dr.seen(dr.types, v, n)
		}
	} else {
		d.Type = core.NewBusiness
	}
	if v := dr.cell(cells, FieldTerm); v != "" {
		r, ok := dr.terms[v]
		if !ok {
			r.months, r.ok = parseMonths(v)
			dr.terms[v] = r
		}
		if r.ok {
			d.TermMonths = r.months
		} else {
			dr.report.add(BadValue, n, dr.col[FieldTerm], "%s is not a contract term; write the months (12) or years (1 year). The deal's ACV is its amount.", quote(v))
		}
	}
	dr.partners(&d, cells)
	if id != "" {
		dr.byID[id] = len(dr.res.Deals)
	}
	dr.res.Deals = append(dr.res.Deals, d)
	dr.created = append(dr.created, dr.cell(cells, FieldCreated))
	dr.closed = append(dr.closed, dr.cell(cells, FieldClosed))
}

// outcome reads the stage and the status: the status decides when it says
// won, lost or open, else the stage does.
func (dr *dealReader) outcome(d *core.Deal, cells []string, n int) {
	stage, status := dr.cell(cells, FieldStage), dr.cell(cells, FieldDealStatus)
	d.Stage = stage
	if stage == "" {
		d.Stage = status
	}
	r, ok := dr.outcomes[[2]string{stage, status}]
	if !ok {
		if o, ok := core.ParseOutcome(status); ok && status != "" {
			r = outcomeRead{o, true}
		} else {
			r.outcome, r.known = core.ParseOutcome(d.Stage)
			r.known = r.known || d.Stage == ""
		}
		dr.outcomes[[2]string{stage, status}] = r
	}
	d.Outcome = r.outcome
	if !r.known {
		dr.seen(dr.stages, d.Stage, n)
	}
}

// amount reads the amount and, when the export has no currency column, a
// currency written with it ("EUR 12 500", "$12,500").
func (dr *dealReader) amount(d *core.Deal, cells []string, n int) {
	v := dr.cell(cells, FieldAmount)
	if v == "" {
		dr.noAmount++
		if dr.noAmount == 1 {
			dr.firstNoAmount = n
		}
		return
	}
	x, ok := ParseNumber(v)
	if !ok {
		dr.report.add(BadValue, n, dr.col[FieldAmount], "%s is not an amount, so this deal counts as 0. Write a number such as 12500 or $12,500.00.", quote(v))
		return
	}
	d.Amount = x
	if d.Currency == "" {
		d.Currency = currencyOf(v)
	}
	if d.Currency != "" {
		dr.currencies[d.Currency]++
	}
}

// currencyOf is the currency an amount is written in: its code, or its
// sign's; "" for a bare number.
func currencyOf(v string) string {
	for _, c := range currencyCodes {
		if len(c) == 3 && strings.Contains(v, c) {
			return c
		}
	}
	for sign, code := range map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"} {
		if strings.Contains(v, sign) {
			return code
		}
	}
	return ""
}

// partners adds the partners a row names to d: the sourcing partner (or,
// where the export gives a role per row, the row's partner as sourcing or
// influencing), every influencer, and the share the export gives the row's
// partner.
func (dr *dealReader) partners(d *core.Deal, cells []string) {
	main := dr.cell(cells, FieldSourcedBy)
	sourced := true
	if role := dr.cell(cells, FieldPartnerRole); role != "" && main != "" {
		sourced = sourcingRole(role)
	}
	if main != "" {
		switch {
		case sourced && d.Sourced == "":
			d.Sourced = main
		case !containsName(d.Influencers, main) && main != d.Sourced:
			d.Influencers = append(d.Influencers, main)
		}
		if v := dr.cell(cells, FieldShare); v != "" {
			if s, ok := parseShare(v); ok {
				if d.Shares == nil {
					d.Shares = map[string]float64{}
				}
				d.Shares[main] = s
			}
		}
	}
	for _, i := range dr.influencers {
		for _, name := range splitPartners(Cell(cells, i)) {
			if name != d.Sourced && !containsName(d.Influencers, name) {
				d.Influencers = append(d.Influencers, name)
			}
		}
	}
}

// sourcingRole says whether a partner role means the partner sourced the
// deal: Primary, Sourced, Referral, Reseller, Yes.
func sourcingRole(role string) bool {
	f := fold(role)
	for _, w := range []string{"primary", "source", "referr", "referral", "originat", "reseller", "resell", "yes", "true", "lead"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func containsName(names []string, n string) bool {
	for _, x := range names {
		if strings.EqualFold(x, n) {
			return true
		}
	}
	return false
}

// splitPartners splits a cell naming several partners: by ";", "|" or line
// breaks, and by "," unless a piece is only a legal form ("Acme, Inc.").
func splitPartners(cell string) []string {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return nil
	}
	parts := strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == '|' || r == '\n' })
	var out []string
	for _, p := range parts {
		pieces := strings.Split(p, ",")
		whole := false
		for _, x := range pieces[1:] {
			whole = whole || core.NormaliseName("x "+x) == "x"
		}
		if whole {
			pieces = []string{p}
		}
		for _, x := range pieces {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

// parseShare reads a share: "60%", "0.6" or "60" (a number over 1 is a
// percentage).
func parseShare(v string) (float64, bool) {
	x, ok := ParseNumber(v)
	if !ok || x < 0 {
		return 0, false
	}
	if x > 1 {
		x /= 100
	}
	return min(x, 1), true
}

// parseMonths reads a contract term in months: "12", "12 months", "1 year",
// "3 yrs", "36m".
func parseMonths(v string) (float64, bool) {
	f := strings.ToLower(strings.TrimSpace(v))
	years := strings.Contains(f, "year") || strings.Contains(f, "yr") || strings.HasSuffix(f, "y")
	f = strings.TrimRight(strings.TrimFunc(f, func(r rune) bool { return r < '0' || r > '9' }), " ")
	x, ok := ParseNumber(f)
	if !ok || x <= 0 {
		return 0, false
	}
	if years {
		x *= 12
	}
	return x, true
}

// seen counts a word the reader did not know.
func (dr *dealReader) seen(m map[string]*seenWord, w string, row int) {
	s := m[w]
	if s == nil {
		s = &seenWord{row: row}
		m[w] = s
	}
	s.count++
}

// finish reads the dates in their columns' order and reports what the rows
// left to say once: unknown stages and types, blank amounts, currencies.
func (dr *dealReader) finish() {
	res := dr.res
	dr.dates(FieldCreated, dr.created, func(d *core.Deal) *time.Time { return &d.Created })
	dr.dates(FieldClosed, dr.closed, func(d *core.Deal) *time.Time { return &d.Closed })
	dr.words(dr.stages, FieldStage, "the stage %s is not one Partner Atlas knows%s; those deals count as open. Won stages read like Closed Won, lost ones like Closed Lost.")
	dr.words(dr.types, FieldDealType, "the deal type %s is not one Partner Atlas knows%s; those deals count as new business. Use New Business, Expansion, Renewal, Contraction or Churn.")
	if dr.noAmount > 0 {
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet, Row: dr.firstNoAmount,
			Column: columnName(res.Columns, dr.col[FieldAmount]),
			Message: fmt.Sprintf("%s %s no amount; %s as 0 in pipeline and revenue, and still in the deal counts.",
				core.Thousands(dr.noAmount), plural(dr.noAmount, "deal has", "deals have"), plural(dr.noAmount, "it counts", "they count"))})
	}
	if len(dr.currencies) > 1 {
		var list []string
		for c := range dr.currencies {
			list = append(list, c)
		}
		sort.Slice(list, func(i, j int) bool { return dr.currencies[list[i]] > dr.currencies[list[j]] })
		res.Currencies = list
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet,
			Message: fmt.Sprintf("the amounts are in %d currencies (%s); Partner Atlas adds them as they are, without converting. Export the amounts converted to one currency for exact totals.", len(list), strings.Join(list, ", "))})
	} else {
		for c := range dr.currencies {
			res.Currencies = []string{c}
		}
	}
	dr.report.close()
	dr.report.noRows("deal")
}

// dates reads the dates of one column, in the order the column's values
// show, and reports an ambiguous column and every unreadable date.
func (dr *dealReader) dates(f Field, values []string, field func(*core.Deal) *time.Time) {
	col := dr.col[f]
	if col < 0 {
		return
	}
	// A column of a million dates holds a few thousand distinct ones:
	// each is looked at once.
	distinct := make(map[string]dateRead, 1024)
	for _, v := range values {
		if _, ok := distinct[v]; !ok && v != "" {
			distinct[v] = dateRead{}
		}
	}
	order, ambiguous := dateColumn(maps.Keys(distinct))
	if cells, ok := cellDates(maps.Keys(distinct), dr.t.dateLayout(col)); ok {
		// Date cells of a workbook: their order is the sheet's own.
		for v, t := range cells {
			distinct[v] = dateRead{t: t, ok: true, parsed: true}
		}
		ambiguous = false
	}
	if ambiguous {
		dr.res.Problems = append(dr.res.Problems, ambiguousColumn(&dr.res.Table, col, order))
	}
	for i, v := range values {
		if v == "" {
			continue
		}
		r := distinct[v]
		if !r.parsed {
			r.t, r.ok = ParseDate(v, order)
			r.parsed = true
			distinct[v] = r
		}
		t, ok := r.t, r.ok
		if !ok {
			dr.report.add(BadValue, dr.res.Deals[i].Source.Row, col, "%s is not a date, so this deal has no %s date.", quote(v), strings.TrimPrefix(string(f), "deal "))
			continue
		}
		*field(&dr.res.Deals[i]) = t
	}
}

// dateRead is a date as written, parsed once.
type dateRead struct {
	t          time.Time
	ok, parsed bool
}

// words reports the words of a column the reader did not know, once each
// with how many rows have it.
func (dr *dealReader) words(m map[string]*seenWord, f Field, format string) {
	var list []string
	for w := range m {
		list = append(list, w)
	}
	sort.Slice(list, func(i, j int) bool { return m[list[i]].row < m[list[j]].row })
	for _, w := range list {
		more := ""
		if n := m[w].count; n > 1 {
			more = fmt.Sprintf(" (%s rows have it)", core.Thousands(n))
		}
		dr.report.add(BadValue, m[w].row, dr.col[f], format, quote(w), more)
	}
}

// columnName names column i as problems do, "" when there is none.
func columnName(cols []Column, i int) string {
	if i < 0 || i >= len(cols) {
		return ""
	}
	return cols[i].String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
