package importers

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unsafe"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// Fields of an account list, beyond FieldName and FieldWebsite.
const (
	FieldStatus Field = "status" // customer, open opportunity or prospect, in the file's words
	FieldAmount Field = "amount" // the open opportunity's value
)

// AccountsResult is one account list read: where the table was found, how
// its columns map, the accounts and the problems.
type AccountsResult struct {
	List      core.AccountList // Partner is empty: the caller ties the list to a partner
	Sheets    []string         // every sheet of a workbook
	HeaderRow int              // 1-based
	Columns   []Column
	Rows      int // data rows read below the header (blank rows not counted)
	// Counts holds the accounts per population, duplicates included.
	Counts    [3]int
	Problems  []Problem
	Encoding  string
	Delimiter rune
}

// accountSynonyms maps folded headers to account fields; a lower rank is a
// stronger claim on the field.
var accountSynonyms = map[string]synonym{}

func init() {
	add := func(f Field, headers ...string) {
		for i, h := range headers {
			accountSynonyms[fold(h)] = synonym{f, i}
		}
	}
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
// workbook or a text file, with the same encodings, delimiter detection and
// header detection as a partner list. Columns: the company name (required),
// websites or domains (any number of columns; several domains in one cell,
// separated by ";", belong to one account), a status whose words map to a
// population (core.ParsePopulation; no status column means a list of
// customers) and the amount of open opportunities ("$1,337.00",
// "1.234,56 €"). opt.Columns may map columns by hand with FieldName,
// FieldWebsite, FieldStatus, FieldAmount or FieldIgnore.
func ReadAccounts(path string, opt Options) (*AccountsResult, error) {
	data, err := readUserFile(path, "an account list (.xlsx or .csv)", "")
	if err != nil {
		return nil, err
	}
	return readAccountsData(path, data, opt, true)
}

// ReadAccountsData reads an account list held in memory; name gives its
// base name and extension. See ReadAccounts.
func ReadAccountsData(name string, data []byte, opt Options) (*AccountsResult, error) {
	return readAccountsData(name, data, opt, false)
}

// readAccountsData reads an account list; owned says data belongs to the
// reader alone, so the accounts may point into it instead of a copy.
func readAccountsData(name string, data []byte, opt Options, owned bool) (res *AccountsResult, err error) {
	file := filepath.Base(name)
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fail(BadFile, file, fmt.Errorf("panic: %v", r),
				"Partner Atlas could not read this file: it looks damaged. Open it in Excel or LibreOffice, save it again as .xlsx or .csv, then import that file.")
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(Empty, file, nil, "the file is empty.")
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		if err := checkZip(file, data); err != nil {
			return nil, err
		}
		return readAccountsXLSX(file, data, opt)
	case bytes.HasPrefix(data, oleMagic):
		if isEncrypted(data) {
			return nil, fail(Encrypted, file, nil, "this workbook is protected with a password; open it in Excel, remove the password (File › Info › Protect Workbook) and save it again, then import")
		}
		return nil, fail(Unsupported, file, nil, legacyXLSMessage)
	}
	if what := binaryKind(data); what != "" {
		return nil, fail(BadFile, file, nil, "this is %s, not an account list. Choose an .xlsx workbook or a .csv file.", what)
	}
	if what := markupKind(data); what != "" {
		return nil, fail(Unsupported, file, nil, "this is %s saved under a spreadsheet's name, which Partner Atlas cannot read. Open it in Excel and save it as .xlsx or .csv, then import that file.", what)
	}
	return readAccountsText(file, data, opt, owned)
}

// readAccountsText reads a text account list. The text is decoded as a
// partner list's is, then split by a lean reader of its own (see
// textRecords): account lists run to millions of rows, and cells sliced out
// of one string cost no allocation each.
func readAccountsText(file string, data []byte, opt Options, owned bool) (*AccountsResult, error) {
	res := &AccountsResult{List: core.AccountList{File: file}}
	text, enc, guessed, err := decodeText(data, opt.Encoding)
	if err != nil {
		return nil, fail(Unsupported, file, err, "the text encoding %s is not one Partner Atlas knows. Choose another, such as UTF-8 or Windows-1252.", quote(opt.Encoding))
	}
	res.Encoding = enc
	if guessed {
		res.Problems = append(res.Problems, Problem{Kind: Guessed, File: file, Message: "the file is not UTF-8, so it was read as Windows-1252 (Western European). If accented letters look wrong, choose the file's encoding, or save it from Excel as \"CSV UTF-8\"."})
	}
	if bytes.IndexByte(text, 0) >= 0 {
		text = bytes.ReplaceAll(text, []byte{0}, nil)
		res.Problems = append(res.Problems, Problem{Kind: BadValue, File: file, Message: "the file holds NUL (zero) characters; they were removed."})
	}
	text = loneCRtoLF(text)
	delim := detectDelimiter(text, strings.ToLower(filepath.Ext(file)))
	res.Delimiter = delim
	// The cells are substrings of the whole text, until the accounts copy
	// what they keep (see keep). When the bytes are ours alone (read from
	// the file here, or a decoded copy) the text is used in place, never
	// changed; else it is copied once.
	var whole string
	if owned || enc != "utf-8" { // a decoded text is a fresh copy
		whole = unsafe.String(unsafe.SliceData(text), len(text))
	} else {
		whole = string(text)
	}
	src := &textRecords{s: whole, delim: byte(delim)}
	rows := bytes.Count(text, []byte{'\n'}) + 1
	return readAccountTable(res, opt, src, rows, "the file")
}

// textRecords splits delimited text into records: quoted cells may hold
// delimiters, doubled quotes and line breaks; a stray quote inside an
// unquoted cell is kept as written. Cells are substrings of s, so a row
// costs no allocation unless a cell holds a doubled quote.
type textRecords struct {
	s     string
	pos   int
	line  int // lines consumed so far
	delim byte
	rec   []string
}

func (t *textRecords) next() ([]string, int, error) {
	if t.pos >= len(t.s) {
		return nil, 0, io.EOF
	}
	s := t.s
	t.rec = t.rec[:0]
	row := t.line + 1
	i := t.pos
	for {
		// one cell from i
		if i < len(s) && s[i] == '"' {
			var b strings.Builder
			start, doubled := i+1, false
			j := start
			for {
				k := strings.IndexByte(s[j:], '"')
				if k < 0 { // unterminated: the rest of the file
					j = len(s)
					break
				}
				j += k
				if j+1 < len(s) && s[j+1] == '"' {
					if !doubled {
						doubled = true
						b.WriteString(s[start:j])
					} else {
						b.WriteString(s[start:j])
					}
					b.WriteByte('"')
					j += 2
					start = j
					continue
				}
				break
			}
			cellEnd := min(j, len(s))
			t.line += strings.Count(s[i:cellEnd], "\n")
			var c string
			if doubled {
				b.WriteString(s[start:cellEnd])
				c = b.String()
			} else {
				c = s[i+1 : cellEnd]
			}
			i = min(j+1, len(s))
			// text after the closing quote, up to the delimiter, is kept
			k := i
			for k < len(s) && s[k] != t.delim && s[k] != '\n' {
				k++
			}
			if k > i {
				c += strings.TrimRight(s[i:k], "\r")
			}
			t.rec = append(t.rec, c)
			i = k
		} else {
			k := i
			for k < len(s) && s[k] != t.delim && s[k] != '\n' {
				k++
			}
			t.rec = append(t.rec, strings.TrimSuffix(s[i:k], "\r"))
			i = k
		}
		if i >= len(s) || s[i] == '\n' {
			if i < len(s) {
				i++
			}
			t.line++
			t.pos = i
			return t.rec, row, nil
		}
		i++ // past the delimiter
	}
}

// readAccountsXLSX reads the account list from the sheet the user named,
// else from the first visible sheet whose header names a company column.
func readAccountsXLSX(file string, data []byte, opt Options) (*AccountsResult, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), xlsxOptions)
	if err != nil {
		return nil, openError(file, err, false)
	}
	defer f.Close()
	if isPlanWorkbook(f) {
		return nil, fail(BadFile, file, nil, "this is a plan workbook written by Partner Atlas, not an account list. Choose a file with one row per company (name, website, status).")
	}
	res := &AccountsResult{List: core.AccountList{File: file}}
	var candidates []string
	for _, s := range f.GetSheetList() {
		res.Sheets = append(res.Sheets, s)
		if opt.Sheet != "" {
			if strings.EqualFold(s, opt.Sheet) {
				candidates = append(candidates, s)
			}
			continue
		}
		if v, err := f.GetSheetVisible(s); err != nil || v {
			candidates = append(candidates, s)
		}
	}
	if len(candidates) == 0 {
		if opt.Sheet != "" {
			return nil, fail(NoSheet, file, nil, "the workbook has no sheet called %s. Its sheets are: %s.", quote(opt.Sheet), strings.Join(res.Sheets, ", "))
		}
		return nil, fail(Empty, file, nil, "the workbook has no visible sheet. Unhide the sheet with the accounts in Excel.")
	}
	var firstErr error
	for _, sheet := range candidates {
		sr, err := openSheet(f, sheet)
		if err != nil {
			return nil, sheetError(file, sheet, err)
		}
		r := *res
		r.List.Sheet = sheet
		out, err := readAccountTable(&r, opt, sr, 0, "the sheet")
		sr.close()
		if err == nil {
			return out, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

// accountColumns maps a header row.
func accountColumns(header []string, user map[int]Column) ([]Column, []int) {
	cols := make([]Column, len(header))
	ranks := make([]int, len(header))
	for i := range header {
		h := cleanHeader(header[i])
		cols[i] = Column{Index: i, Letter: columnLetter(i), Header: h, Field: FieldExtra}
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

// readAccountTable finds the header among the first rows of src, maps the
// columns and reads every row into accounts. rows is a guess of the number
// of rows, to size the list (0: unknown).
func readAccountTable(res *AccountsResult, opt Options, src rowSource, rows int, what string) (*AccountsResult, error) {
	file := res.List.File
	head, err := scanHead(src, opt.HeaderRow)
	if err != nil {
		return nil, fail(BadFile, file, err, "%s cannot be read: %v", what, err)
	}
	if len(head) == 0 {
		e := fail(Empty, file, nil, "%s is empty: there is no row to import.", what)
		e.Sheet = res.List.Sheet
		return nil, e
	}
	hi, best := -1, -1
	for i, r := range head {
		if opt.HeaderRow > 0 && r.row != opt.HeaderRow {
			continue
		}
		cols, _ := accountColumns(r.cells, opt.Columns)
		score, name := 0, false
		for _, c := range cols {
			if c.Field != FieldExtra && c.Field != FieldIgnore {
				score++
			}
			name = name || c.Field == FieldName
		}
		if name && score > best {
			hi, best = i, score
		}
	}
	if hi < 0 {
		r := head[0]
		if opt.HeaderRow > 0 {
			for _, x := range head {
				if x.row == opt.HeaderRow {
					r = x
				}
			}
		}
		e := fail(MissingColumn, file, nil, "no column holds the company names. The header (row %d) has: %s. Rename the column with the companies' names to \"Account Name\" (or Company Name, Company, Name), or choose it by hand.", r.row, headerList(r.cells))
		e.Sheet, e.Row = res.List.Sheet, r.row
		return nil, e
	}
	header := head[hi]
	res.HeaderRow = header.row
	cols, ranks := accountColumns(header.cells, opt.Columns)
	// One column each for name, status and amount (the strongest claim, the
	// first of equals); every website column is read.
	var nameCol, statusCol, amountCol = -1, -1, -1
	var siteCols []int
	for i, c := range cols {
		pick := func(at *int) {
			if *at < 0 || ranks[i] < ranks[*at] {
				if *at >= 0 {
					cols[*at].Field = FieldExtra
				}
				*at = i
			} else {
				cols[i].Field = FieldExtra
			}
		}
		switch c.Field {
		case FieldName:
			pick(&nameCol)
		case FieldStatus:
			pick(&statusCol)
		case FieldAmount:
			pick(&amountCol)
		case FieldWebsite:
			siteCols = append(siteCols, i)
		}
	}
	res.Columns = cols
	ar := &accountReader{res: res, cols: cols, name: nameCol, status: statusCol, amount: amountCol, sites: siteCols,
		words: map[string]wordSeen{}}
	if rows > 0 {
		ar.accounts = make([]core.Account, 0, rows)
	}
	for _, r := range head[hi+1:] {
		ar.row(r.cells, r.row)
	}
	for {
		cells, row, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			res.Problems = append(res.Problems, Problem{Kind: BadFile, File: file, Sheet: res.List.Sheet, Row: row,
				Message: fmt.Sprintf("%s could not be read further (%v); the rows before were imported.", what, err)})
			break
		}
		ar.row(cells, row)
	}
	ar.finish()
	res.List.Accounts = ar.accounts
	if res.Rows == 0 {
		res.Problems = append(res.Problems, Problem{Kind: Empty, File: file, Sheet: res.List.Sheet, Row: res.HeaderRow,
			Message: fmt.Sprintf("there are no rows below the header (row %d), so no account was imported.", res.HeaderRow)})
	}
	return res, nil
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
	cols                 []Column
	name, status, amount int
	sites                []int
	accounts             []core.Account
	domains              []string // slab the accounts' Domains are cut from
	words                map[string]wordSeen
	bad                  int    // bad amounts and nameless rows reported
	arena                []byte // names and domains are copied here, see keep
}

// keep copies s into the reader's arena, so an account holds its name and
// domains and not the whole row or file they were cut from: a file's text
// is three times the size of what the accounts keep of it.
func (ar *accountReader) keep(s string) string {
	if len(s) > 256 {
		return strings.Clone(s)
	}
	if cap(ar.arena)-len(ar.arena) < len(s) {
		ar.arena = make([]byte, 0, 64<<10)
	}
	start := len(ar.arena)
	ar.arena = append(ar.arena, s...)
	return unsafe.String(unsafe.SliceData(ar.arena[start:]), len(s))
}

// wordSeen is a status word met in the file: its population, or where it
// was first seen and how often when it is unknown.
type wordSeen struct {
	pop   core.Population
	known bool
	row   int
	count int
}

// maxAccountProblems caps the problems listed per kind of bad cell.
const maxAccountProblems = 100

func (ar *accountReader) problem(kind Kind, row, col int, format string, args ...any) {
	ar.bad++
	if ar.bad > maxAccountProblems {
		return
	}
	p := Problem{Kind: kind, File: ar.res.List.File, Sheet: ar.res.List.Sheet, Row: row, Message: fmt.Sprintf(format, args...)}
	if col >= 0 && col < len(ar.cols) {
		p.Column = ar.cols[col].String()
	}
	ar.res.Problems = append(ar.res.Problems, p)
}

func (ar *accountReader) row(cells []string, row int) {
	name := strings.TrimSpace(cell(cells, ar.name))
	if cap(ar.domains)-len(ar.domains) < 64 {
		// a new slab: the accounts keep the old one, which never moves
		ar.domains = make([]string, 0, 8192)
	}
	start := len(ar.domains)
	for _, i := range ar.sites {
		ar.domains = appendDomains(ar.domains, start, cell(cells, i))
	}
	if name == "" && len(ar.domains) == start {
		if !isBlank(cells) {
			ar.res.Rows++
			ar.problem(BadValue, row, ar.name, "this row has no company name and no website, so it was skipped.")
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
		a.Population = ar.population(strings.TrimSpace(cell(cells, ar.status)), row)
	}
	if ar.amount >= 0 && a.Population == core.Opportunity {
		if v := strings.TrimSpace(cell(cells, ar.amount)); v != "" {
			x, ok := parseAmount(v)
			if ok {
				a.Amount = x
			} else {
				ar.problem(BadValue, row, ar.amount, "%s is not an amount, so this opportunity of %s counts as 0. Write a number such as 12500 or $12,500.00.", quote(v), name)
			}
		}
	}
	ar.res.Counts[a.Population]++
	ar.accounts = append(ar.accounts, a)
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
// and how many problems were not listed.
func (ar *accountReader) finish() {
	for v, w := range ar.words {
		if w.known {
			continue
		}
		more := ""
		if w.count > 1 {
			more = fmt.Sprintf(" (%s rows have it)", thousands(w.count))
		}
		p := Problem{Kind: BadValue, File: ar.res.List.File, Sheet: ar.res.List.Sheet, Row: w.row,
			Message: fmt.Sprintf("the status %s is not one Partner Atlas knows%s; those accounts count as prospects. Use Customer, Open opportunity or Prospect (or words like Closed Won, Pipeline, Lead).", quote(v), more)}
		if ar.status < len(ar.cols) {
			p.Column = ar.cols[ar.status].String()
		}
		ar.res.Problems = append(ar.res.Problems, p)
	}
	if n := ar.bad - maxAccountProblems; n > 0 {
		ar.res.Problems = append(ar.res.Problems, Problem{Kind: BadValue, File: ar.res.List.File, Sheet: ar.res.List.Sheet,
			Message: fmt.Sprintf("%s more rows had a problem of this kind but are not listed.", thousands(n))})
	}
}

// appendDomains appends the registrable domains of a website cell to dst,
// skipping those already in dst[start:], the account's: a cell may hold
// several addresses separated by ";", ",", "|", spaces or line breaks.
func appendDomains(dst []string, start int, cell string) []string {
	for cell != "" {
		i := strings.IndexAny(cell, ";,| \t\n\r")
		part := cell
		if i >= 0 {
			part, cell = cell[:i], cell[i+1:]
		} else {
			cell = ""
		}
		if part == "" {
			continue
		}
		d := core.RegistrableDomain(part)
		if d == "" {
			continue
		}
		dup := false
		for _, x := range dst[start:] {
			dup = dup || x == d
		}
		if !dup {
			dst = append(dst, d)
		}
	}
	return dst
}

// parseAmount reads an amount as CRM exports write it: "$1,337.00",
// "1.234,56 €", "EUR 12 500", "(1,000)" for a negative, "12.5k".
func parseAmount(s string) (float64, bool) {
	neg := strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")")
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "k") || strings.HasSuffix(s, "K"):
		mult = 1e3
	case strings.HasSuffix(s, "m") || strings.HasSuffix(s, "M"):
		mult = 1e6
	}
	var stack [40]byte
	b := stack[:0]
	digits := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = true
			b = append(b, c)
		case c == '.' || c == ',' || c == '-':
			b = append(b, c)
		}
	}
	if !digits {
		return 0, false
	}
	x, ok := parseNumber(string(b))
	if !ok {
		return 0, false
	}
	if neg {
		x = -x
	}
	return x * mult, true
}
