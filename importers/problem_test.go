package importers

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestUniqueProblems: a problem two steps both report is kept once, where
// it was met first; problems that differ in place or words are all kept.
func TestUniqueProblems(t *testing.T) {
	a := Problem{Kind: BadValue, File: "p.xlsx", Sheet: "List", Row: 4, Column: `C "Score"`, Message: "x is not a number."}
	sameWords := a
	sameWords.Kind = Conflict // the same sentence under another kind
	otherRow, otherSheet, otherWords := a, a, a
	otherRow.Row, otherSheet.Sheet, otherWords.Message = 5, "Other", "y is not a number."
	noRow := Problem{Kind: Empty, File: "p.xlsx", Message: "no rows."}
	negative := noRow
	negative.Row = -1 // written without a row, as String writes it
	// Two places whose fields run together alike hash alike: both are kept,
	// and a repeat of either is still dropped.
	runTogether := Problem{File: "a\x00", Sheet: "b", Message: "m"}
	runApart := Problem{File: "a", Sheet: "\x00b", Message: "m"}
	for _, c := range []struct {
		name  string
		lists [][]Problem
		want  []Problem
	}{
		{"none", nil, nil},
		{"empty lists", [][]Problem{{}, nil}, nil},
		{"one list with a repeat", [][]Problem{{a, otherRow, a}}, []Problem{a, otherRow}},
		{"across lists, first kept", [][]Problem{{otherWords}, {sameWords, a, otherSheet}}, []Problem{otherWords, sameWords, otherSheet}},
		{"no row", [][]Problem{{noRow}, {negative, noRow}}, []Problem{noRow}},
		{"same hash, other place", [][]Problem{{runTogether, runApart, runTogether}, {runApart}}, []Problem{runTogether, runApart}},
	} {
		if got := UniqueProblems(c.lists...); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v\nwant %v", c.name, got, c.want)
		}
	}
}

// TestEveryReaderKeepsTheFilesProblems checks that what was found about a
// file before its table (here: not UTF-8, read as Windows-1252) reaches the
// problems of every reader's result. The survey reader dropped it.
func TestEveryReaderKeepsTheFilesProblems(t *testing.T) {
	tests := []struct {
		reader string
		text   string
		read   func(data []byte) (*Table, error)
	}{
		{"partners", "Partner Name,Website\nSociété Générale,societegenerale.fr\n",
			tableOf(ReadPartners, func(r *Result) *Table { return &r.Table })},
		{"accounts", "Company Name,Website,Status\nSociété Générale,societegenerale.fr,Customer\n",
			tableOf(ReadAccountList, func(r *AccountsResult) *Table { return &r.Table })},
		{"deals", "Deal Name,Account,Stage,Amount,Close Date\nRenewal,Société Générale,Closed Won,1000,2026-01-05\n",
			tableOf(ReadDealList, func(r *DealsResult) *Table { return &r.Table })},
		{"revenue", "Account,Month,ARR\nSociété Générale,2026-01-31,10\n",
			tableOf(ReadAccountRevenueList, func(r *RevenueResult) *Table { return &r.Table })},
		{"survey", "Customer,Tech Stack\nSociété Générale,Slack; Zoom\n",
			tableOf(ReadSurveyTable, func(r *SurveyResult) *Table { return &r.Table })},
	}
	for _, tt := range tests {
		t.Run(tt.reader, func(t *testing.T) {
			tab, err := tt.read([]byte(strings.ReplaceAll(tt.text, "é", "\xe9"))) // é in Windows-1252
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(tab.Problems, func(p Problem) bool { return p.Kind == Guessed && strings.Contains(p.Message, "Windows-1252") }) {
				t.Errorf("the %s reader's problems do not say the file was read as Windows-1252: %v", tt.reader, tab.Problems)
			}
		})
	}
}

// tableOf reads a CSV's bytes with read, and gives the table of the result.
func tableOf[R any](read func(*File, Options) (R, error), table func(R) *Table) func([]byte) (*Table, error) {
	return func(data []byte) (*Table, error) {
		res, err := readData("f.csv", data, Options{}, read)
		if err != nil {
			return nil, err
		}
		return table(res), nil
	}
}

// BenchmarkUniqueProblems167k joins what a 100,000-row import reports: the
// read's 11,000 bad values and the merge's 156,000 problems, one in ten of
// the first list repeated in the second.
func BenchmarkUniqueProblems167k(b *testing.B) {
	read := make([]Problem, 11_000)
	for i := range read {
		read[i] = Problem{Kind: BadValue, File: "partners.xlsx", Sheet: "Partners", Row: 2 + i*9, Column: "Revenue potential",
			Message: fmt.Sprintf("%q is not a number between 0 and 5; the value was left empty.", strings.Repeat("x", i%20))}
	}
	merged := make([]Problem, 156_000)
	for i := range merged {
		merged[i] = Problem{Kind: Conflict, File: "partners.xlsx", Sheet: "Partners", Row: 2 + i/2,
			Message: fmt.Sprintf("Partner %06d has owner \"Owner %d\" here but \"Owner %d\" in partners.xlsx, sheet Partners, row %d; \"Owner %d\" was kept. Correct the one that is wrong and import again.", i/2, i, i+1, i, i+1)}
		if i%100 == 0 {
			merged[i] = read[i/100%len(read)]
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		UniqueProblems(read, merged)
	}
}
