package importers

import (
	"fmt"
	"strings"

	"partneratlas/core"
)

// Options are the choices a user can make in the import preview. The zero
// value imports automatically.
//
// Formal partner: when no column says whether a partner has a contract,
// every partner is formal (a partner list lists partners); when the column
// is there, a blank cell also means formal, and only a "No" (or n, false, 0)
// makes a partner informal.
type Options struct {
	Sheet     string         // "" = choose the sheet that holds the table
	HeaderRow int            // 0 = detect; else the 1-based row the user chose
	Scorecard core.Scorecard // criteria to match columns against; zero = core.DefaultScorecard()
	// Columns holds the user's mapping changes by 0-based column index (from
	// the preview); nil = automatic. Only Field and Criterion are read; an
	// entry with an empty Field changes nothing.
	Columns map[int]Column
	// Encoding of text files: "" = detect; else a name such as "utf-8",
	// "utf-16le", "utf-16be", "windows-1252" or "iso-8859-7".
	Encoding string
	// Password opens a password-protected workbook. Opening returns an error
	// of Kind Encrypted when a workbook needs one and it is missing or
	// wrong: the preview then asks for it and reads again.
	Password string

	// late is where a reading puts the facts of a sheet when it learned
	// them after its rows and they change the table; known brings them to
	// the reading that follows (see readAgain).
	late, known *factsLate
}

// Table is what every reader says of the table it read: where it was found,
// how its columns map, its first rows as written and every problem.
type Table struct {
	File         string   // the file's base name
	Sheet        string   // the sheet read; "" for text files
	Sheets       []string // every sheet of a workbook, in order
	HiddenSheets []string // the hidden ones among Sheets
	HeaderRow    int      // 1-based
	Columns      []Column
	Rows         int // data rows read below the header (blank rows not counted)
	Problems     []Problem
	// Sample holds the first data rows as written (up to SampleRows), so the
	// preview can show what each column holds.
	Sample [][]string
	// Encoding and Delimiter say how a text file was read ("utf-8",
	// "utf-16le", "windows-1252"…; ',', ';', '\t' or '|').
	Encoding  string
	Delimiter rune
}

// detach copies the text the table keeps, its headers and its sample, out
// of the file, for a reader whose values are copies (an account list's
// names and domains): a result kept then keeps nothing of the file, which
// is garbage once read. Two hundred partners' account lists, matched as
// they were read and their tables kept for the column check, held 216 MB
// of files through their headers alone.
func (tb *Table) detach() {
	for i := range tb.Columns {
		tb.Columns[i].Header = strings.Clone(tb.Columns[i].Header)
	}
	for _, row := range tb.Sample {
		for j := range row {
			row[j] = strings.Clone(row[j])
		}
	}
}

// maxProblemsPerKind caps how many problems of one kind a read lists; the
// rest are counted in one closing problem, so a million bad rows cannot
// exhaust memory. Front ends group them for reading (GroupProblems); the
// plan workbook's Import log sheet lists them all.
const maxProblemsPerKind = 200_000

// report collects the problems of one read into its Table, at most
// maxProblemsPerKind of each kind.
type report struct {
	tb    *Table
	count map[Kind]int
}

func newReport(tb *Table) *report { return &report{tb: tb, count: map[Kind]int{}} }

// add records a problem at a row and column (col < 0: none).
func (r *report) add(kind Kind, row, col int, format string, args ...any) {
	if r.listed(kind) {
		r.put(kind, row, col, fmt.Sprintf(format, args...))
	}
}

// listed counts a problem of a kind and says whether it is to be listed
// (put) or only counted: a caller with a message that costs something to
// write asks first.
func (r *report) listed(kind Kind) bool {
	r.count[kind]++
	return r.count[kind] <= maxProblemsPerKind
}

// put lists a problem that listed let through, its message written.
func (r *report) put(kind Kind, row, col int, message string) {
	p := Problem{Kind: kind, File: r.tb.File, Sheet: r.tb.Sheet, Row: row, Message: message}
	if col >= 0 && col < len(r.tb.Columns) {
		p.Column = r.tb.Columns[col].String()
	}
	r.tb.Problems = append(r.tb.Problems, p)
}

// close ends the list with a count of the problems of each kind that were
// not listed.
func (r *report) close() {
	for _, k := range kinds {
		if n := r.count[k] - maxProblemsPerKind; n > 0 {
			r.tb.Problems = append(r.tb.Problems, Problem{Kind: k, File: r.tb.File, Sheet: r.tb.Sheet,
				Message: fmt.Sprintf("%s more problems of this kind (%s) were found but are not listed.", core.Thousands(n), k)})
		}
	}
}

// uncached warns of the formula cells, below the header, whose result was
// never saved: they read as empty, and the user should know why.
func (r *report) uncached(facts sheetFacts) {
	tb := r.tb
	n := 0
	for _, c := range facts.uncached {
		if c.row <= tb.HeaderRow {
			continue
		}
		col := Column{Index: c.col, Letter: ColumnLetter(c.col)}
		if c.col < len(tb.Columns) {
			col = tb.Columns[c.col]
		}
		tb.Problems = append(tb.Problems, Problem{Kind: BadValue, File: tb.File, Sheet: tb.Sheet, Row: c.row, Column: col.String(),
			Message: "this cell holds a formula whose result was never saved, so it reads as empty. Open the workbook in Excel or LibreOffice, let it calculate, save it, and import it again."})
		n++
	}
	if facts.uncachedMore > 0 && n > 0 {
		tb.Problems = append(tb.Problems, Problem{Kind: BadValue, File: tb.File, Sheet: tb.Sheet,
			Message: fmt.Sprintf("%d more formula cells have no saved result and read as empty.", facts.uncachedMore)})
	}
}

// noRows notes a table with no row below its header.
func (r *report) noRows(what string) {
	tb := r.tb
	if tb.Rows == 0 {
		tb.Problems = append(tb.Problems, Problem{Kind: Empty, File: tb.File, Sheet: tb.Sheet, Row: tb.HeaderRow,
			Message: fmt.Sprintf("there are no rows below the header (row %d), so no %s was imported.", tb.HeaderRow, what)})
	}
}
