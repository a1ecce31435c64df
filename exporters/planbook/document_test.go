package planbook_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partneratlas/exporters/planbook"
	"partneratlas/exporters/planbook/planbooktest"
	"partneratlas/importers"
)

// TestNewerFormatIsRefusedByName: a plan workbook whose About sheet gives a
// format version newer than this one is refused with ErrVersion and a
// sentence that says to update, not misread.
func TestNewerFormatIsRefusedByName(t *testing.T) {
	var buf bytes.Buffer
	if err := planbook.Write(&buf, planbooktest.Ecosystem(today), planbook.Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		version any
		refused bool
	}{{planbook.FormatVersion, false}, {planbook.FormatVersion + 1, true}, {"two", false}} {
		x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := x.SetCellValue(planbook.SheetAbout, "B2", tc.version); err != nil {
			t.Fatal(err)
		}
		var edited bytes.Buffer
		if err := x.Write(&edited); err != nil {
			t.Fatal(err)
		}
		src, err := planbook.ReadData("plan.xlsx", edited.Bytes(), importers.Options{})
		switch {
		case tc.refused && (!errors.Is(err, planbook.ErrVersion) || importers.KindOf(err) != importers.Unsupported || !strings.Contains(err.Error(), "newer Partner Atlas")):
			t.Errorf("version %v: err = %v, want ErrVersion of kind %s naming the newer version", tc.version, err, importers.Unsupported)
		case !tc.refused && (err != nil || src.Plan == nil):
			t.Errorf("version %v: err = %v, want the plan read", tc.version, err)
		}
	}
}

// TestAssembleReportsConflictsAtTheRowNotKept: two lists that disagree on a
// partner give one conflict, at the row whose value was not kept, named as
// the scorecard names the criterion; the problems of each list come too,
// each once.
func TestAssembleReportsConflictsAtTheRowNotKept(t *testing.T) {
	read := func(name, data string) *planbook.Source {
		s, err := planbook.ReadData(name, []byte(data), importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a := read("crm.csv", "Partner Name,Website,Shared ICP\nAcme,acme.com,4\nBeta,beta.io,high\n")
	b := read("market.csv", "Company,Site,Shared ICP\nAcme Inc,www.acme.com,5\n")
	doc := planbook.Assemble([]*planbook.Source{a, b, a}, today)
	if n := len(doc.Ecosystem.Partners); n != 2 {
		t.Fatalf("%d partners, want 2", n)
	}
	if len(doc.Merged) != 2 || doc.Merged[1].Kind != importers.Conflict || doc.Merged[1].File != "market.csv" || doc.Merged[1].Row != 2 ||
		!strings.Contains(doc.Merged[1].Message, `Shared ICP "5" here but "4" in crm.csv, row 2`) {
		t.Errorf("merge problems = %v, want a line for the row merged and one conflict on Shared ICP at market.csv row 2", doc.Merged)
	}
	if m := doc.Merged[0]; m.Kind != importers.Merged || m.File != "market.csv" || m.Row != 2 || !strings.Contains(m.Message, `"Acme Inc" is the same partner as Acme in crm.csv, row 2`) {
		t.Errorf("the merged row's line = %v", m)
	}
	bad := 0
	for _, p := range doc.Problems {
		if p.Kind == importers.BadValue {
			bad++
		}
	}
	if bad != 1 {
		t.Errorf("problems = %v, want crm.csv's bad value once though the list came twice", doc.Problems)
	}
	if len(doc.Evaluation.Results) != 2 || len(doc.Evaluation.Confidence) != 2 {
		t.Errorf("evaluation of %d partners with %d confidences, want 2 and 2", len(doc.Evaluation.Results), len(doc.Evaluation.Confidence))
	}
}
