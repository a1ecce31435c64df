package importers

import (
	"strings"
	"testing"
)

// TestFormulaWithoutResultIsReported: a workbook written by a program that
// leaves calculation to Excel holds formulas with no saved result. They read
// as empty, and the import says where.
func TestFormulaWithoutResultIsReported(t *testing.T) {
	data := workbook(t, sheet{name: "Sheet1",
		rows:     [][]any{{"Partner Name", "Website", "Shared ICP"}, {"Acme", "acme.com", 4}, {"Globex", "globex.io", nil}, {"Initech", "initech.io", 3}},
		formulas: map[string]string{"C3": "2+2", "A5": "\"Hooli\""}})
	res, err := Read("calc-later.xlsx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var found []Problem
	for _, p := range res.Problems {
		if strings.Contains(p.Message, "formula whose result was never saved") {
			found = append(found, p)
		}
	}
	if len(found) != 2 {
		t.Fatalf("problems = %v, want two formula cells without a result", res.Problems)
	}
	if p := found[0]; p.Row != 3 || p.Column != `C "Shared ICP"` || p.Sheet != "Sheet1" || p.File != "calc-later.xlsx" {
		t.Errorf("first problem at %+v, want row 3, column C \"Shared ICP\"", p)
	}
	if p := found[1]; p.Row != 5 || !strings.HasPrefix(p.Column, "A") {
		t.Errorf("second problem at %+v, want row 5, column A", p)
	}
}
