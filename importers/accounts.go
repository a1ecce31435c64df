package importers

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"partneratlas/core"
)

// Fields of an account list, beyond FieldName and FieldWebsite.
const (
	FieldStatus Field = "status" // customer, open opportunity or prospect, in the file's words
	FieldAmount Field = "amount" // the open opportunity's value
)

// AccountFields lists the fields a column of an account list can map to.
var AccountFields = []Field{FieldName, FieldWebsite, FieldStatus, FieldAmount, FieldIgnore}

// AccountsResult is one account list read: where the table was found, how
// its columns map, the accounts and the problems.
type AccountsResult struct {
	Table
	List core.AccountList // Partner is empty: the caller ties the list to a partner
	// Counts holds the accounts per population, duplicates included.
	Counts [3]int
}

// accountSynonyms maps folded headers to account fields; a lower rank is a
// stronger claim on the field.
var accountSynonyms = map[string]synonym{}

func init() {
	add := func(f Field, headers ...string) { addSynonyms(accountSynonyms, f, headers...) }
	add(FieldName, "Account Name", "Company Name", "Customer Name", "Organisation Name", "Organization Name",
		"Company", "Account", "Customer", "Organisation", "Organization", "Institution", "University",
		"Legal Name", "Business Name", "Name", "Security")
	add(FieldWebsite, "Website", "Website URL", "Web Site", "Company Website", "Domain", "Domains",
		"Company Domain", "Email Domain", "Web Pages", "Web Page", "Homepage", "URL", "Site", "Web")
	add(FieldStatus, "Status", "Account Status", "Customer Status", "Population", "Relationship",
		"Account Type", "Type", "Lifecycle Stage", "Stage", "Opportunity Stage", "Segment")
	add(FieldAmount, "Amount", "Opportunity Amount", "Open Pipeline", "Pipeline", "Pipeline Value",
		"Deal Value", "Deal Amount", "Opportunity Value", "Value", "ACV", "ARR")
}

// ReadAccounts reads an account list (ours or a partner's) from an .xlsx
// workbook or a text file: see ReadAccountList.
func ReadAccounts(path string, opt Options) (*AccountsResult, error) {
	return readPathCopied(path, opt, ReadAccountList)
}

// ReadAccountList reads the account list of f, with the same sheet and
// header detection as a partner list. Columns: the company name (required),
// websites or domains (any number of columns; several domains in one cell,
// separated by ";", belong to one account), a status whose words map to a
// population (core.ParsePopulation; no status column means a list of
// customers) and the amount of open opportunities ("$1,337.00",
// "1.234,56 €"). opt.Columns may map columns by hand with FieldName,
// FieldWebsite, FieldStatus, FieldAmount or FieldIgnore.
func ReadAccountList(f *File, opt Options) (*AccountsResult, error) {
	return readAgain(f, opt, readAccountList)
}

// readAccountList is ReadAccountList, read once.
func readAccountList(f *File, opt Options) (res *AccountsResult, err error) {
	defer recovered(f.Name, &err)
	defer func() {
		if res != nil {
			res.Table.detach() // the accounts are copies: nothing else keeps the file
		}
	}()
	res = &AccountsResult{}
	t, err := f.start(opt, func(cells []string) headerFit { return accountFit(cells, opt.Columns) }, "accounts", &res.Table)
	if err != nil {
		return nil, err
	}
	defer t.close()
	res.List = core.AccountList{File: f.Name, Sheet: t.sheet}
	if !t.fit.name {
		// The columns as found, for a caller that lets the user choose.
		cols, _ := accountColumns(t.header.cells, opt.Columns)
		res.Columns = cols
		hint := "Rename the column with the companies' names to \"Account Name\" (or Company Name, Company, Name), or choose it by hand."
		if c, examples, ok := likelyNameColumn(cols, res.Sample); ok {
			for i, x := range examples {
				examples[i] = quote(x)
			}
			hint = fmt.Sprintf("The likeliest is column %s, whose cells are distinct names such as %s: on the command line add --column %s.",
				c, strings.Join(examples, " and "), quote(cmp.Or(c.Header, c.Letter)+"=name"))
		}
		e := fail(MissingColumn, f.Name, nil, "no column holds the company names. The header (row %d) has: %s. %s", t.header.row, headerList(t.header.cells), hint)
		e.Sheet, e.Row = t.sheet, t.header.row
		return res, e
	}
	ar := newAccountReader(res, opt, t)
	if err := t.each(ar.row); err != nil {
		res.Problems = append(res.Problems, Problem{Kind: BadFile, File: f.Name, Sheet: t.sheet,
			Message: fmt.Sprintf("%s could not be read further (%v); the rows before were imported.", t.what, err)})
	}
	ar.finish()
	res.List.Accounts = ar.all()
	ar.report.noRows("account")
	return res, nil
}

// accountFit rates a row as the header of an account list.
func accountFit(cells []string, user map[int]Column) headerFit {
	cols, _ := accountColumns(cells, user)
	var fit headerFit
	for _, c := range cols {
		if c.Field != FieldExtra && c.Field != FieldIgnore {
			fit.fields++
		}
		fit.name = fit.name || c.Field == FieldName
	}
	return fit
}

// newAccountReader maps the header of t: one column each for name, status
// and amount (the strongest claim, the first of equals); every website
// column is read.
func newAccountReader(res *AccountsResult, opt Options, t *found) *accountReader {
	cols, ranks := accountColumns(t.header.cells, opt.Columns)
	var nameCol, statusCol, amountCol = -1, -1, -1
	var siteCols []int
	for i, c := range cols {
		switch c.Field {
		case FieldName:
			claim(cols, ranks, i, &nameCol)
		case FieldStatus:
			claim(cols, ranks, i, &statusCol)
		case FieldAmount:
			claim(cols, ranks, i, &amountCol)
		case FieldWebsite:
			siteCols = append(siteCols, i)
		}
	}
	res.Columns = cols
	ar := &accountReader{res: res, report: newReport(&res.Table), name: nameCol, status: statusCol, amount: amountCol,
		sites: siteCols, words: map[string]wordSeen{}}
	if n := t.claimedRows(); n > 0 {
		ar.accounts = make([]core.Account, 0, n)
	}
	return ar
}

// accountColumns maps a header row.
func accountColumns(header []string, user map[int]Column) ([]Column, []int) {
	cols := make([]Column, len(header))
	ranks := make([]int, len(header))
	for i := range header {
		h := cleanHeader(header[i])
		cols[i] = Column{Index: i, Letter: ColumnLetter(i), Header: h, Field: FieldExtra}
		if s, ok := accountSynonyms[fold(h)]; ok && h != "" {
			cols[i].Field, ranks[i] = s.field, s.rank
		}
	}
	for i, u := range user {
		if i < len(cols) && u.Field != "" {
			cols[i].Field, ranks[i] = u.Field, -1
		}
	}
	return cols, ranks
}

func headerList(cells []string) string {
	var found []string
	for _, c := range cells {
		if c = cleanHeader(c); c != "" {
			found = append(found, quote(c))
		}
	}
	if len(found) == 0 {
		return "no names"
	}
	return strings.Join(found, ", ")
}

// accountReader turns rows into accounts.
type accountReader struct {
	res                  *AccountsResult
	report               *report
	name, status, amount int
	sites                []int
	// accounts is sized from the rows the table claims (claimedRows); past
	// that, accounts are gathered in chunks and put together once at the
	// end: a slice grown by doubling would copy a million accounts twenty
	// times.
	accounts []core.Account
	chunks   [][]core.Account
	domains  []string // slab the accounts' Domains are cut from
	words    map[string]wordSeen
	arena    core.TextArena // names and domains are copied here, see keep
}

// keep copies s into the reader's arena, so an account holds its name and
// domains and not the whole row or file they were cut from: a file's text
// is three times the size of what the accounts keep of it.
func (ar *accountReader) keep(s string) string { return ar.arena.Keep(s) }

// wordSeen is a status word met in the file: its population, or where it
// was first seen and how often when it is unknown.
type wordSeen struct {
	pop   core.Population
	known bool
	row   int
	count int
}

func (ar *accountReader) row(cells []string, row int) {
	name := strings.TrimSpace(Cell(cells, ar.name))
	if cap(ar.domains)-len(ar.domains) < 64 {
		// a new slab: the accounts keep the old one, which never moves
		ar.domains = make([]string, 0, 8192)
	}
	start := len(ar.domains)
	for _, i := range ar.sites {
		ar.domains = core.AppendDomains(ar.domains, start, Cell(cells, i))
	}
	if name == "" && len(ar.domains) == start {
		if !IsBlank(cells) {
			ar.res.Rows++
			ar.report.add(BadValue, row, ar.name, "this row has no company name and no website, so it was skipped.")
		}
		return
	}
	ar.res.Rows++
	a := core.Account{Name: ar.keep(name), Population: core.Customer, Row: row}
	if n := len(ar.domains) - start; n > 0 {
		a.Domains = ar.domains[start : start+n : start+n]
		for i := range a.Domains {
			a.Domains[i] = ar.keep(a.Domains[i])
		}
	}
	if ar.status >= 0 {
		a.Population = ar.population(strings.TrimSpace(Cell(cells, ar.status)), row)
	}
	if ar.amount >= 0 && a.Population == core.Opportunity {
		if v := strings.TrimSpace(Cell(cells, ar.amount)); v != "" {
			x, ok := ParseNumber(v)
			if ok {
				a.Amount = x
			} else {
				ar.report.add(BadValue, row, ar.amount, "%s is not an amount, so this opportunity of %s counts as 0. Write a number such as 12500 or $12,500.00.", quote(v), name)
			}
		}
	}
	ar.res.Counts[a.Population]++
	if len(ar.accounts) == cap(ar.accounts) {
		if len(ar.accounts) > 0 {
			ar.chunks = append(ar.chunks, ar.accounts)
		}
		ar.accounts = make([]core.Account, 0, min(max(2*cap(ar.accounts), 1024), 1<<16))
	}
	ar.accounts = append(ar.accounts, a)
}

// all is every account read, in one slice.
func (ar *accountReader) all() []core.Account {
	if len(ar.chunks) == 0 {
		return ar.accounts
	}
	return slices.Concat(append(ar.chunks, ar.accounts)...)
}

// population reads a status cell; words are remembered, as a status column
// repeats a few words down thousands of rows. A blank status is a customer
// only in a list without a status column; here it is a prospect. An
// unknown word counts as a prospect and is reported once, at its first row.
func (ar *accountReader) population(v string, row int) core.Population {
	w, ok := ar.words[v]
	if !ok {
		w.pop, w.known = core.ParsePopulation(v)
		if v == "" {
			w.pop, w.known = core.Prospect, true
		}
		if !w.known {
			w.pop, w.row = core.Prospect, row
		}
		if len(ar.words) < 10000 {
			ar.words[v] = w
		}
	}
	if !w.known {
		w.count++
		ar.words[v] = w
	}
	return w.pop
}

// finish reports the unknown status words, once each with their first row,
// in the order of those rows, and how many problems were not listed.
func (ar *accountReader) finish() {
	var unknown []string
	for v, w := range ar.words {
		if !w.known {
			unknown = append(unknown, v)
		}
	}
	slices.SortFunc(unknown, func(a, b string) int { return cmp.Compare(ar.words[a].row, ar.words[b].row) })
	for _, v := range unknown {
		w := ar.words[v]
		more := ""
		if w.count > 1 {
			more = fmt.Sprintf(" (%s rows have it)", core.Thousands(w.count))
		}
		ar.report.add(BadValue, w.row, ar.status, "the status %s is not one Partner Atlas knows%s; those accounts count as prospects. Use Customer, Open opportunity or Prospect (or words like Closed Won, Pipeline, Lead).", quote(v), more)
	}
	ar.report.close()
}
