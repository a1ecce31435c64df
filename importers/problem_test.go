package importers

import (
	"slices"
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
	} {
		if got := UniqueProblems(c.lists...); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v\nwant %v", c.name, got, c.want)
		}
	}
}
