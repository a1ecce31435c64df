package importers

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"partneratlas/core"
)

// revenueReader turns the rows of a revenue file into figures.
type revenueReader struct {
	res    *RevenueResult
	t      *found
	report *report
	lay    revenueLayout
	col    map[Field]int
	// names numbers each account as written (and sites each website
	// standing for a blank name) in accounts; keys numbers the accounts'
	// keys, so "Abbott Inc." and "ABBOTT" are one account.
	names, sites map[string]int32
	accounts     []accountKey
	keys         map[string]int32
	// at finds the figure of an account and a day, to add rows of one
	// account and date up.
	at map[figureKey]int
	// pending are a long file's rows until the date column's order is
	// known (finish); their dates are numbered in dateIDs, written as in
	// dates.
	pending    []pendingFigure
	dateIDs    map[string]int32
	dates      []string
	currencies map[string]int
	// blank counts the rows without an amount (0) and merged the figures
	// added to an earlier one, each with its first row; leftRows and
	// leftCells the rows and a wide file's cells left out.
	blank, firstBlank   int
	merged, firstMerged int
	leftRows, leftCells int
	// rowProblems is where the problems of the rows start.
	rowProblems int
}

// accountKey is an account as the figures name it, and the number of its
// key (core.NormaliseName of the name, else the website's domain); total
// says the row is a total, not an account.
type accountKey struct {
	name   string
	key    int32
	total  bool
	bySite bool // name is the website's domain: the row had no name
}

type figureKey struct {
	key int32
	day int32 // days since 1970
}

// pendingFigure is a long file's row whose date is not read yet: its
// account and date by number.
type pendingFigure struct {
	arr           float64
	account, date int32
	row           int32
}

func newRevenueReader(res *RevenueResult, lay revenueLayout, t *found) *revenueReader {
	rr := &revenueReader{res: res, t: t, lay: lay, col: lay.col, names: map[string]int32{}, sites: map[string]int32{},
		keys: map[string]int32{}, at: make(map[figureKey]int, t.rows), dateIDs: map[string]int32{}, currencies: map[string]int{}}
	rr.report = newReport(&res.Table)
	if t.rows > 0 {
		n := t.rows
		if res.Wide {
			n *= len(lay.periods)
		}
		res.Rows = make([]core.AccountRevenue, 0, min(n, 1<<22))
		if !res.Wide {
			rr.pending = make([]pendingFigure, 0, t.rows)
		}
	}
	return rr
}

// cell returns the trimmed cell of field f in cells.
func (rr *revenueReader) cell(cells []string, f Field) string {
	return strings.TrimSpace(Cell(cells, rr.col[f]))
}

// periodNotes reports what the header of a wide file leaves open: the
// order of numeric dates in it, columns of one date, and whether the
// figures are ARR when nothing says. named says the sheet's or the file's
// name said.
func (rr *revenueReader) periodNotes(named bool) {
	lay, res := &rr.lay, rr.res
	if len(lay.periods) == 0 {
		return
	}
	if lay.ambiguous {
		rr.report.add(BadValue, res.HeaderRow, -1, "the dates in the header could be day first or month first: no day in them is over 12. They were read %s; if that is wrong, write them as 2026-03-31 or Mar 2026.", orderWords(lay.order))
	}
	for _, tw := range lay.twins {
		rr.report.add(BadValue, res.HeaderRow, tw[0], "this column is for the same day as column %s, %s; it was left out. Keep one column per period.", res.Columns[tw[1]], lay.periodOf(tw[1]).Format("2 Jan 2006"))
	}
	if !lay.unitKnown && !named {
		first, last := lay.periods[0], lay.periods[len(lay.periods)-1]
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet, Row: res.HeaderRow,
			Message: fmt.Sprintf("the period columns (%s to %s) were read as ARR, annual figures, as nothing says they are monthly. If they are MRR, put MRR in their headers (\"Jan 2026 MRR\") or in the sheet's name, or choose MRR for them in the import preview: Partner Atlas then multiplies them by 12.",
				res.Columns[first.col].Header, res.Columns[last.col].Header)})
	}
}

// periodOf is the date of period column col.
func (lay *revenueLayout) periodOf(col int) time.Time {
	for _, p := range lay.periods {
		if p.col == col {
			return p.end
		}
	}
	return time.Time{}
}

// account reads the row's account: its name, else its website's domain. A
// row with neither is reported; ok is false for it and for a total row. It
// returns the account's number in rr.accounts.
func (rr *revenueReader) account(cells []string, n int) (int32, bool) {
	name, seen, bySite := rr.cell(cells, FieldAccount), rr.names, false
	if name == "" {
		name, seen, bySite = rr.cell(cells, FieldWebsite), rr.sites, true
		if name == "" {
			rr.report.add(BadValue, n, rr.col[FieldAccount], "this row has no account name and no website, so its figures were left out.")
			rr.leftRows++
			return -1, false
		}
	}
	i, ok := seen[name]
	if !ok {
		a, key := accountKey{name: strings.Clone(name)}, ""
		if bySite {
			a.bySite = true
			if key = core.RegistrableDomain(name); key == "" {
				key = strings.ToLower(a.name)
			}
			a.name = key
		} else {
			key = core.NormaliseName(name)
			switch fold(name) {
			case "total", "totals", "grandtotal", "subtotal", "sum", "overall":
				a.total = true
			}
			if key == "" {
				key = strings.ToLower(a.name)
			}
		}
		if a.key, ok = rr.keys[key]; !ok {
			a.key = int32(len(rr.keys))
			rr.keys[key] = a.key
		}
		i = int32(len(rr.accounts))
		rr.accounts = append(rr.accounts, a)
		seen[strings.Clone(name)] = i
	}
	return i, !rr.accounts[i].total
}

// amount reads a figure written as v in column col, MRR when monthly, in
// currency cur when v names none: ok is false, and the cell reported, when
// it is not a non-negative number.
func (rr *revenueReader) amount(v, cur string, n, col int, monthly bool) (float64, bool) {
	x, ok := ParseNumber(v)
	switch {
	case !ok:
		rr.report.add(BadValue, n, col, "%s is not an amount, so this figure was left out. Write a number such as 120000 or $120,000.00.", quote(v))
		return 0, false
	case x < 0:
		rr.report.add(BadValue, n, col, "%s is negative, and recurring revenue cannot be, so this figure was left out. Write the account's ARR, 0 when it has none.", quote(v))
		return 0, false
	}
	if c := signedCurrency(v); c != "" {
		rr.currencies[c]++
	} else if cur != "" {
		rr.currencies[strings.ToUpper(cur)]++
	}
	if monthly {
		rr.res.FromMRR = true
		return x * 12, true
	}
	return x, true
}

// long reads a row of a long file: one account, date and amount.
func (rr *revenueReader) long(cells []string, n int) {
	rr.res.Table.Rows++
	a, ok := rr.account(cells, n)
	if !ok {
		return
	}
	var arr float64
	if v, w := rr.cell(cells, FieldARR), rr.cell(cells, FieldMRR); v != "" || w != "" {
		col, monthly := rr.col[FieldARR], false
		if v == "" {
			v, col, monthly = w, rr.col[FieldMRR], true
		}
		if arr, ok = rr.amount(v, rr.cell(cells, FieldCurrency), n, col, monthly); !ok {
			rr.leftRows++
			return
		}
	} else {
		rr.blank++
		if rr.blank == 1 {
			rr.firstBlank = n
		}
	}
	d := rr.cell(cells, FieldPeriod)
	if d == "" {
		rr.report.add(BadValue, n, rr.col[FieldPeriod], "this row has no date, so its figure was left out.")
		rr.leftRows++
		return
	}
	id, ok := rr.dateIDs[d]
	if !ok {
		id = int32(len(rr.dates))
		rr.dates = append(rr.dates, strings.Clone(d))
		rr.dateIDs[rr.dates[id]] = id
	}
	rr.pending = append(rr.pending, pendingFigure{account: a, arr: arr, date: id, row: int32(n)})
}

// wide reads a row of a wide file: one account, a figure per period.
func (rr *revenueReader) wide(cells []string, n int) {
	rr.res.Table.Rows++
	a, ok := rr.account(cells, n)
	if !ok {
		return
	}
	c := rr.cell(cells, FieldCurrency)
	started := false
	for _, p := range rr.lay.periods {
		v := strings.TrimSpace(Cell(cells, p.col))
		if v == "" {
			if started {
				rr.add(a, p.end, 0, n) // the account left
			}
			continue
		}
		x, ok := rr.amount(v, c, n, p.col, p.monthly)
		if !ok {
			rr.leftCells++
			continue
		}
		started = true
		rr.add(a, p.end, x, n)
	}
}

// add records an account's figure on a day, adding it to the figure of the
// same account and day when there is one.
func (rr *revenueReader) add(account int32, day time.Time, arr float64, n int) {
	a := &rr.accounts[account]
	k := figureKey{a.key, int32(day.Unix() / 86400)}
	if i, ok := rr.at[k]; ok {
		rr.res.Rows[i].ARR += arr
		rr.merged++
		if rr.merged == 1 {
			rr.firstMerged = n
		}
		return
	}
	rr.at[k] = len(rr.res.Rows)
	r := core.AccountRevenue{Account: a.name, Date: day, ARR: arr}
	if a.bySite {
		r.Account, r.Website = "", a.name
	}
	rr.res.Rows = append(rr.res.Rows, r)
}

// finish reads a long file's dates in their column's order and reports
// what the rows left to say once.
func (rr *revenueReader) finish(facts sheetFacts) {
	res := rr.res
	rr.readDates()
	// The rows' problems by row: a long file's dates are read last.
	rows := res.Problems[rr.rowProblems:]
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Row < rows[j].Row })
	if rr.blank > 0 {
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet, Row: rr.firstBlank,
			Column: columnName(res.Columns, rr.figureColumn()),
			Message: fmt.Sprintf("%s %s no ARR or MRR; %s as 0, an account with no recurring revenue on that date.",
				core.Thousands(rr.blank), plural(rr.blank, "row has", "rows have"), plural(rr.blank, "it counts", "they count"))})
	}
	if rr.merged > 0 {
		res.Problems = append(res.Problems, Problem{Kind: Conflict, File: res.File, Sheet: res.Sheet, Row: rr.firstMerged,
			Message: fmt.Sprintf("%s, from this row on, %s an account and a date of an earlier row; %s added to that row's, as an export with one row per subscription or plan needs. If the rows are copies, remove them and import again.",
				core.Thousands(rr.merged)+plural(rr.merged, " figure", " figures"), plural(rr.merged, "repeats", "repeat"), plural(rr.merged, "it was", "they were"))})
	}
	if len(rr.currencies) > 0 {
		list := make([]string, 0, len(rr.currencies))
		for c := range rr.currencies {
			list = append(list, c)
		}
		sort.Slice(list, func(i, j int) bool {
			if rr.currencies[list[i]] != rr.currencies[list[j]] {
				return rr.currencies[list[i]] > rr.currencies[list[j]]
			}
			return list[i] < list[j]
		})
		res.Currencies = list
		if len(list) > 1 {
			res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet,
				Message: fmt.Sprintf("the figures are in %d currencies (%s); Partner Atlas adds them as they are, without converting. Export them converted to one currency for an exact retention.", len(list), strings.Join(list, ", "))})
		}
	}
	if n := rr.leftRows + rr.leftCells; n > 0 {
		var what []string
		if rr.leftRows > 0 {
			what = append(what, core.Thousands(rr.leftRows)+plural(rr.leftRows, " row", " rows"))
		}
		if rr.leftCells > 0 {
			what = append(what, core.Thousands(rr.leftCells)+plural(rr.leftCells, " figure", " figures"))
		}
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: res.File, Sheet: res.Sheet,
			Message: fmt.Sprintf("%s %s left out, as the problems above say; retention is measured without %s.",
				strings.Join(what, " and "), plural(n, "was", "were"), plural(n, "it", "them"))})
	}
	rr.report.uncached(facts)
	rr.report.close()
	rr.report.noRows("revenue figure")
}

// readDates reads the dates of a long file's rows, in the order the
// column's values show, reports an ambiguous column and every unreadable
// date, and records the rows' figures. A column of 100,000 snapshots holds
// a few dozen dates: each is read once.
func (rr *revenueReader) readDates() {
	col := rr.col[FieldPeriod]
	if rr.res.Wide || col < 0 {
		return
	}
	order, ambiguous := revenueOrder(slices.Values(rr.dates))
	cells, exact := cellDates(slices.Values(rr.dates), rr.t.dateLayout(col))
	if ambiguous && !exact {
		rr.res.Problems = append(rr.res.Problems, ambiguousColumn(&rr.res.Table, col, order))
	}
	read := make([]dateRead, len(rr.dates))
	for i, d := range rr.dates {
		if exact {
			read[i].t, read[i].ok = rr.lay.grain.end(cells[d]), true
			continue
		}
		read[i].t, read[i].ok = revenueDate(d, order, rr.lay.grain)
	}
	for _, p := range rr.pending {
		if r := read[p.date]; r.ok {
			rr.add(p.account, r.t, p.arr, int(p.row))
			continue
		}
		rr.report.add(BadValue, int(p.row), col, "%s is not a date or a period, so this row's figure was left out. Write a date (2026-03-31) or a period (Mar 2026, Q1 2026, FY2025).", quote(rr.dates[p.date]))
		rr.leftRows++
	}
	rr.pending = nil
}

// figureColumn is the column of a long file's figures: ARR, else MRR.
func (rr *revenueReader) figureColumn() int {
	if rr.col[FieldARR] >= 0 {
		return rr.col[FieldARR]
	}
	return rr.col[FieldMRR]
}

// signedCurrency is the currency an amount names ("$12,000", "EUR 1.000"):
// currencyOf, which a bare number need not be looked at for.
func signedCurrency(v string) string {
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(c >= '0' && c <= '9' || c == '.' || c == ',' || c == ' ' || c == '-' || c == '\'') {
			return currencyOf(v)
		}
	}
	return ""
}
