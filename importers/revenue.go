package importers

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"partneratlas/core"
)

// Fields of an account revenue file, beyond FieldAccount, FieldWebsite and
// FieldCurrency.
const (
	FieldPeriod Field = "date or period" // the day or the month, quarter or year a figure is for
	FieldARR    Field = "arr"            // annual recurring revenue
	FieldMRR    Field = "mrr"            // monthly recurring revenue: ARR is 12 times it
)

// RevenueFields lists the fields a column of an account revenue file can
// map to, in the order the preview offers them. In a file with one column
// per period, each period column maps to FieldARR or FieldMRR.
var RevenueFields = []Field{FieldAccount, FieldWebsite, FieldPeriod, FieldARR, FieldMRR, FieldCurrency, FieldExtra, FieldIgnore}

// revenueSynonyms are the headers of the revenue exports of billing and
// customer-success tools (Stripe, ChargeBee, ChartMogul, Salesforce) and of
// hand-made sheets; a lower rank is a stronger claim on the field. A part in
// brackets is left out before matching, so "ARR (USD)" is ARR.
var revenueSynonyms = map[string]synonym{}

func init() {
	add := func(f Field, headers ...string) { addSynonyms(revenueSynonyms, f, headers...) }
	add(FieldAccount, "Account Name", "Account", "Company Name", "Company", "Customer Name", "Customer",
		"Organization Name", "Organisation Name", "Organization", "Organisation", "Client Name", "Client",
		"Subscriber Name", "Subscriber", "Customer Company", "Name")
	add(FieldWebsite, "Website", "Account Website", "Company Website", "Website URL", "Web Site", "Domain",
		"Company Domain", "Company Domain Name", "Account Domain", "Customer Domain", "Email Domain", "URL")
	add(FieldPeriod, "Date", "Month", "Period", "Quarter", "As of", "As of Date", "As at", "Snapshot Date", "Snapshot",
		"Period End", "Period End Date", "Period Ending", "Month End", "Month Ending", "Quarter End", "Reporting Date",
		"Reporting Period", "Reporting Month", "Revenue Month", "Billing Month", "Fiscal Period", "Fiscal Quarter",
		"Fiscal Year", "Year", "Date (UTC)")
	add(FieldARR, "ARR", "Annual Recurring Revenue", "Recurring Revenue", "Annual Run Rate", "Annualized Revenue",
		"Annualised Revenue", "Current ARR", "Ending ARR", "Total ARR", "Contracted ARR", "Account ARR", "Customer ARR",
		"ARR Amount", "CARR")
	add(FieldMRR, "MRR", "Monthly Recurring Revenue", "Current MRR", "Ending MRR", "Total MRR", "Customer MRR",
		"MRR Amount", "Monthly Revenue")
	add(FieldCurrency, "Currency", "Currency Code", "Currency ISO Code", "Amount Currency")
}

// RevenueResult is an account revenue file read: where the table was found,
// how its columns map, the figures and the problems. Rows are the figures,
// one per account and date (rows of one account and date, as an export
// with one row per subscription has, are added up); Table.Rows is the count
// of data rows read, which Rows shadows.
type RevenueResult struct {
	Table
	Rows []core.AccountRevenue
	// Wide says the file has one column per period rather than a date
	// column: each period column's figures became rows.
	Wide bool
	// FromMRR says some figures were monthly (MRR) and are ARR as 12 times
	// them.
	FromMRR bool
	// Currencies are the currencies the figures are in, the most common
	// first; empty when the file names none.
	Currencies []string
}

// ReadAccountRevenue reads an account revenue file (ARR or MRR per account
// and date or period) from an .xlsx workbook or a text file: see
// ReadAccountRevenueList.
func ReadAccountRevenue(path string, opt Options) (*RevenueResult, error) {
	return readPath(path, opt, ReadAccountRevenueList)
}

// ReadAccountRevenueList reads the recurring revenue of each account from
// f, with the same sheet and header detection as every other list, so that
// net revenue retention can be measured from what accounts paid rather
// than from deal types (core.DealBook.Revenue).
//
// Two layouts are read. Long: one row per account and date, with an
// account column, a date or period column and an ARR or MRR column (MRR
// becomes ARR × 12; where both are there, ARR counts and MRR fills its
// blanks). Wide: one row per account and one column per period ("Jan 2026",
// "2026-02", "Q1 2026", "FY2025"), folded into rows; a blank cell after an
// account's first figure is 0 (the account left), a blank before it no
// figure. A wide sheet's figures are ARR unless the period headers, the
// sheet's name or the file's name say MRR, or the user maps the columns to
// FieldMRR.
//
// A period is dated at its end (31 Jan 2026, 31 Mar 2026 for Q1 2026, 31 Dec
// 2025 for FY2025; fiscal years are read as calendar years), so that the
// ARR at a window's start is the last figure on or before it. A date is
// itself, read in the column's own order (see ParseDate), except in a
// column headed Month, Quarter or Year, where it stands for the period it
// falls in. Amounts are read as people write them ("$12,000.00",
// "12.000,00 €", ParseNumber). The account is the name, else the website's domain; a row
// with neither, a date or an amount that cannot be read is left out and
// reported with its row and column, and a row whose account is "Total"
// is skipped. A file without an account column, or without periods and
// amounts, is refused with an *Error of Kind MissingColumn that says what
// to name the columns.
func ReadAccountRevenueList(f *File, opt Options) (*RevenueResult, error) {
	return readAgain(f, opt, readAccountRevenueList)
}

// readAccountRevenueList is ReadAccountRevenueList, read once.
func readAccountRevenueList(f *File, opt Options) (res *RevenueResult, err error) {
	defer recovered(f.Name, &err)
	res = &RevenueResult{}
	t, err := f.start(opt, func(cells []string) headerFit { return revenueFit(cells, opt.Columns) }, "revenue figures", &res.Table)
	if err != nil {
		return nil, err
	}
	defer t.close()
	unit, named := unitOfNames(t.sheet, f.Name)
	lay := revenueColumns(t.header.cells, opt.Columns, unit == FieldMRR)
	res.Columns, res.Wide = lay.cols, len(lay.periods) > 0
	if e := lay.missing(f.Name, t); e != nil {
		return res, e
	}
	rr := newRevenueReader(res, lay, t)
	rr.periodNotes(named)
	rr.rowProblems = len(res.Problems)
	each := rr.long
	if res.Wide {
		each = rr.wide
	}
	if err := t.each(each); err != nil {
		res.Problems = append(res.Problems, Problem{Kind: BadFile, File: f.Name, Sheet: t.sheet,
			Message: fmt.Sprintf("%s could not be read further (%v); the rows before were imported.", t.what, err)})
	}
	rr.finish(t.facts)
	return res, nil
}

// revenueLayout is how the header of a revenue file maps: the column of
// each field (-1 when none) and, in a wide file, the period columns.
type revenueLayout struct {
	cols []Column
	col  map[Field]int
	// grain says what a full date in the date column stands for.
	grain grain
	// periods are the period columns of a wide file, by date; order is the
	// order of their numeric dates.
	periods   []periodColumn
	order     DateOrder
	ambiguous bool
	// twins are the period columns left out because an earlier column has
	// their date ("Q4 2025" and "FY2025"): each with that column.
	twins [][2]int
	// unitKnown says a period column's header or the user says whether it
	// holds ARR or MRR.
	unitKnown bool
}

// periodColumn is one column of a wide file: the period's last day and
// whether its figures are MRR.
type periodColumn struct {
	col     int
	end     time.Time
	monthly bool
}

// revenueFieldsSingle are the fields one column holds at most.
var revenueFieldsSingle = []Field{FieldAccount, FieldWebsite, FieldPeriod, FieldARR, FieldMRR, FieldCurrency}

// revenueColumns maps a header row: synonyms, then the user's choices, then
// (when no column holds dates) every other column whose header is a period
// is a period column of a wide file, holding MRR when monthly and its
// header or the user does not say otherwise. One column keeps each field:
// the strongest claim, the first of equals.
func revenueColumns(header []string, user map[int]Column, monthly bool) revenueLayout {
	lay := revenueLayout{cols: make([]Column, len(header)), col: map[Field]int{}}
	cols := lay.cols
	ranks := make([]int, len(header))
	chosen := make([]bool, len(header))
	for i := range header {
		h := cleanHeader(header[i])
		cols[i] = Column{Index: i, Letter: ColumnLetter(i), Header: h, Field: FieldExtra}
		if s, ok := revenueSynonyms[bracketless(h)]; ok && h != "" {
			cols[i].Field, ranks[i] = s.field, s.rank
		}
	}
	for i, u := range user {
		if i < len(cols) && u.Field != "" {
			cols[i].Field, ranks[i], chosen[i] = u.Field, -1, true
		}
	}
	dated := false
	for _, c := range cols {
		dated = dated || c.Field == FieldPeriod
	}
	if !dated {
		lay.widen(chosen, monthly)
	}
	for _, f := range revenueFieldsSingle {
		lay.col[f] = -1
	}
	isPeriod := map[int]bool{}
	for _, p := range lay.periods {
		isPeriod[p.col] = true
	}
	for i, c := range cols {
		if isPeriod[i] {
			continue
		}
		if len(lay.periods) > 0 && (c.Field == FieldARR || c.Field == FieldMRR) {
			cols[i].Field = FieldExtra // a figure without a period: "Current ARR" beside the months
			continue
		}
		if at, ok := lay.col[c.Field]; ok {
			claim(cols, ranks, i, &at)
			lay.col[c.Field] = at
		}
	}
	if at := lay.col[FieldPeriod]; at >= 0 {
		lay.grain = grainOf(cols[at].Header)
	}
	return lay
}

// widen finds the period columns of a wide file: columns left unmapped (or
// that the user mapped to ARR or MRR) whose header, less the word ARR or
// MRR, is a date or a period. Two columns of one date ("Q4 2025" and
// "FY2025") would count one figure twice: the second is left out.
func (lay *revenueLayout) widen(chosen []bool, monthly bool) {
	type candidate struct {
		col    int
		period string
		unit   Field
	}
	var cands []candidate
	for i, c := range lay.cols {
		figure := c.Field == FieldARR || c.Field == FieldMRR
		if c.Header == "" || (chosen[i] && !figure) || (!chosen[i] && c.Field != FieldExtra) {
			continue
		}
		period, unit := withoutUnit(c.Header)
		if chosen[i] {
			unit = c.Field
		}
		cands = append(cands, candidate{i, period, unit})
	}
	values := func(yield func(string) bool) {
		for _, c := range cands {
			if !yield(c.period) {
				return
			}
		}
	}
	lay.order, lay.ambiguous = revenueOrder(values)
	taken := map[time.Time]int{}
	for _, c := range cands {
		end, ok := revenueDate(c.period, lay.order, asIs)
		if !ok {
			continue
		}
		if first, ok := taken[end]; ok {
			lay.twins = append(lay.twins, [2]int{c.col, first})
			continue
		}
		taken[end] = c.col
		lay.unitKnown = lay.unitKnown || c.unit != ""
		p := periodColumn{col: c.col, end: end, monthly: c.unit == FieldMRR || (c.unit == "" && monthly)}
		lay.cols[c.col].Field = FieldARR
		if p.monthly {
			lay.cols[c.col].Field = FieldMRR
		}
		lay.periods = append(lay.periods, p)
	}
	sort.SliceStable(lay.periods, func(i, j int) bool { return lay.periods[i].end.Before(lay.periods[j].end) })
	if len(lay.periods) == 0 {
		lay.ambiguous = false
	}
}

// missing refuses a header without the account, or without the dates and
// the amounts a long file needs, naming the columns to add.
func (lay *revenueLayout) missing(file string, t *found) *Error {
	var lacks []string
	if lay.col[FieldAccount] < 0 {
		lacks = append(lacks, "the accounts' names")
	}
	if len(lay.periods) == 0 {
		if lay.col[FieldPeriod] < 0 {
			lacks = append(lacks, "the dates or periods")
		}
		if lay.col[FieldARR] < 0 && lay.col[FieldMRR] < 0 {
			lacks = append(lacks, "the ARR or MRR")
		}
	}
	if len(lacks) == 0 {
		return nil
	}
	what := lacks[0]
	for _, l := range lacks[1:] {
		what += "; none holds " + l
	}
	e := fail(MissingColumn, file, nil, "no column holds %s. The header (row %d) has: %s. Name the columns Account, Date and ARR (or Customer, Month and MRR), or give each period its own column beside the account (Jan 2026, Q1 2026, FY2025), or choose the columns in the import preview.", what, t.header.row, headerList(t.header.cells))
	e.Sheet, e.Row = t.sheet, t.header.row
	return e
}

// revenueFit rates a row as the header of a revenue file: it must name the
// account; the dates (a date column, or period columns) and the amounts
// count as fields.
func revenueFit(cells []string, user map[int]Column) headerFit {
	lay := revenueColumns(cells, user, false)
	var fit headerFit
	for _, c := range lay.cols {
		switch c.Field {
		case FieldExtra, FieldIgnore:
			continue
		case FieldAccount:
			fit.name = true
		}
		fit.fields++
	}
	if len(lay.periods) > 1 {
		fit.fields -= len(lay.periods) - 1 // the periods, together, are one field
	}
	return fit
}

// bracketless folds a header less its parts in brackets: "ARR (USD)" is
// "arr".
func bracketless(h string) string {
	for {
		i := strings.IndexAny(h, "([")
		if i < 0 {
			break
		}
		closer := ")"
		if h[i] == '[' {
			closer = "]"
		}
		j := strings.Index(h[i:], closer)
		if j < 0 {
			break
		}
		h = h[:i] + " " + h[i+j+1:]
	}
	return fold(h)
}

// withoutUnit splits a period column's header into the period and the
// unit its words name: "Jan 2026 MRR" is "Jan 2026" and FieldMRR, "Q1 2026"
// is "Q1 2026" and "".
func withoutUnit(h string) (string, Field) {
	var unit Field
	words := strings.FieldsFunc(h, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == '[' || r == ']' })
	kept := words[:0]
	for _, w := range words {
		switch strings.ToLower(w) {
		case "arr":
			unit = FieldARR
		case "mrr":
			unit = FieldMRR
		case "-", ":", "–", "|":
		default:
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " "), unit
}

// unitOfNames says whether a sheet's or a file's name calls its figures
// ARR or MRR ("MRR per subscriber.csv"); named is false when neither says.
func unitOfNames(names ...string) (unit Field, named bool) {
	for _, n := range names {
		words := strings.FieldsFunc(strings.ToLower(n), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
		for _, w := range words {
			switch w {
			case "mrr":
				return FieldMRR, true
			case "arr":
				return FieldARR, true
			}
		}
		switch f := fold(n); {
		case strings.Contains(f, "monthlyrecurringrevenue"):
			return FieldMRR, true
		case strings.Contains(f, "annualrecurringrevenue"):
			return FieldARR, true
		}
	}
	return FieldARR, false
}
