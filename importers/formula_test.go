package importers

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestFormulaWithoutResultIsReported: a workbook written by a program that
// leaves calculation to Excel holds formulas with no saved result. They read
// as empty, and the import says where.
func TestFormulaWithoutResultIsReported(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{{"Partner Name", "Website", "Shared ICP"}, {"Acme", "acme.com", 4}, {"Globex", "globex.io", nil}, {"Initech", "initech.io", 3}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	f.SetCellFormula("Sheet1", "C3", "2+2") // no cached value
	f.SetCellFormula("Sheet1", "A5", "\"Hooli\"")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	res, err := Read("calc-later.xlsx", buf.Bytes(), Options{})
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
