package planbook

// The full export → reopen tests are in roundtrip_test.go; these build
// small plan workbooks by hand.

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/importers"
)

func TestParseSources(t *testing.T) {
	tests := []struct {
		cell string
		want []core.Source
	}{
		{"", nil},
		{"partners.xlsx, sheet Partners, row 4", []core.Source{{File: "partners.xlsx", Sheet: "Partners", Row: 4}}},
		{"a.xlsx, sheet X, row 4; other.csv, row 2", []core.Source{{File: "a.xlsx", Sheet: "X", Row: 4}, {File: "other.csv", Row: 2}}},
		{"list; final.csv, row 7", []core.Source{{File: "list; final.csv", Row: 7}}},
		{"p.xlsx, sheet List, 2025, row 3", []core.Source{{File: "p.xlsx", Sheet: "List, 2025", Row: 3}}},
		{"typed by hand", []core.Source{{File: "typed by hand"}}},
	}
	for _, tc := range tests {
		if got := parseSources(tc.cell); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseSources(%q) = %+v, want %+v", tc.cell, got, tc.want)
		}
	}
	// What core writes, parseSources reads.
	src := []core.Source{{File: "x.xlsx", Sheet: "S 1", Row: 9}, {File: "y.csv", Row: 1}, {File: "z.xlsx", Sheet: "Q", Row: 12}}
	cell := src[0].String() + "; " + src[1].String() + "; " + src[2].String()
	if got := parseSources(cell); !reflect.DeepEqual(got, src) {
		t.Errorf("parseSources(%q) = %+v, want %+v", cell, got, src)
	}
}

// setRows writes rows of cells from A1; numbers stay numbers.
func setRows(t *testing.T, f *excelize.File, sheet string, rows [][]any) {
	t.Helper()
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
	}
	for r, row := range rows {
		name, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow(sheet, name, &row); err != nil {
			t.Fatal(err)
		}
	}
}

// handMadePlan is a plan workbook in the layout exporters writes, with a
// title row above each table, as a user might add.
func handMadePlan(t *testing.T, marker bool) *excelize.File {
	f := excelize.NewFile()
	setRows(t, f, "Summary", [][]any{
		{"Partner ecosystem — Hand made"}, {}, {"Last review", "Never"}, {"Next review", time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)},
	})
	setRows(t, f, "Scorecard", [][]any{
		{"Scorecard"}, {},
		{"Key", "Criterion", "Description", "Weight", "Share", "Min", "Max"},
		{"fit", "Fit", "How well they fit", 60, 0.6, 1, 5},
		{"", "Reach", "", 40, 0.4, 0, 10}, // added by hand, no key
		{"", "Total", "", 100},
		{}, {"Tier thresholds"}, {"Tier", "Minimum score"},
		{"Tier 1", 80}, {"Tier 2", 60}, {"Tier 3", 40}, {"Monitor", "below Tier 3"},
	})
	setRows(t, f, "Partners", [][]any{
		{"My partners"},
		{"Partner", "Website", "Primary role", "Other roles", "Formal partner", "Fit", "Reach", "Score", "Tier", "Tier override", "Override reason", "Notes", "Tier"},
		{"Alpha", "https://www.alpha.example.com/x", "VAR", "Technology; Agency", "Yes", 5, 10, 100, "Tier 1", "", "", "007", "dup"},
		{},
		{"Beta", "", "Wholesale", "", "no", "high", 2, 0, "Monitor", "T2", "Partner of the CEO", "", ""},
	})
	setRows(t, f, "Plays", [][]any{
		{"Segment", "Tier", "Type", "Play", "Owner", "Cadence", "KPI"},
		{"Channel", "Tier 1", "Co-sell", "Joint pursuit", "Sales", "Weekly", "Deals"},
		{"Nobody", "Tier 1", "Co-sell", "Skipped", "", "", ""},
	})
	setRows(t, f, "Maturity matrix", [][]any{
		{"Maturity matrix"}, {},
		{"Dimension", "1 Undefined", "2 Emerging", "3 Strategic ecosystem", "Rated stage"},
		{"Segmentation", "", "", "", "3"},
		{"Measurement", "", "", "", "Emerging"},
		{"Prioritization", "", "", "", "soon"},
	})
	if marker {
		setRows(t, f, "About", [][]any{{"Partner Atlas plan workbook"}, {"Format version", 1}, {"Ecosystem", "Hand made"}})
	}
	f.DeleteSheet("Sheet1")
	return f
}

func TestIsPlanWorkbook(t *testing.T) {
	plain := excelize.NewFile()
	setRows(t, plain, "Sheet1", [][]any{{"Partner", "Website"}, {"Alpha", "alpha.com"}})
	noScorecard := handMadePlan(t, false)
	noScorecard.DeleteSheet("Scorecard")
	tests := []struct {
		name string
		f    *excelize.File
		want bool
	}{
		{"a partner list", plain, false},
		{"About sheet with the marker", handMadePlan(t, true), true},
		{"About deleted, Scorecard table kept", handMadePlan(t, false), true},
		{"neither About nor Scorecard", noScorecard, false},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if _, err := tc.f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := importers.Open(tc.name+".xlsx", buf.Bytes(), importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := Is(f); got != tc.want {
			t.Errorf("Is(%s) = %v, want %v", tc.name, got, tc.want)
		}
		f.Close()
	}
}

func TestReadHandMadePlan(t *testing.T) {
	var buf bytes.Buffer
	if _, err := handMadePlan(t, true).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := importers.Open("plan.xlsx", buf.Bytes(), importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	e := res.Plan
	if e.Name != "Hand made" || res.Sheet != "Partners" || res.HeaderRow != 2 || res.Rows != 2 {
		t.Errorf("name %q, sheet %q, header row %d, rows %d", e.Name, res.Sheet, res.HeaderRow, res.Rows)
	}
	wantSC := core.Scorecard{Criteria: []core.Criterion{
		{Key: "fit", Name: "Fit", Description: "How well they fit", Weight: 60, Min: 1, Max: 5},
		{Key: "reach", Name: "Reach", Weight: 40, Min: 0, Max: 10},
	}}
	if !reflect.DeepEqual(e.Scorecard, wantSC) {
		t.Errorf("scorecard = %+v, want %+v", e.Scorecard, wantSC)
	}
	if want := (core.Thresholds{Tier1: 80, Tier2: 60, Tier3: 40}); e.Thresholds != want {
		t.Errorf("thresholds = %+v, want %+v", e.Thresholds, want)
	}
	alpha := &core.Partner{Name: "Alpha", Website: "https://www.alpha.example.com/x", Domain: "example.com",
		Roles: []core.Role{core.Channel, core.Technology, core.Service}, Formal: true,
		Values: core.Values{{Key: "fit", Value: 5}, {Key: "reach", Value: 10}},
		Extras: []core.Extra{{Column: "Notes", Value: "007"}}}
	alpha.Domain = core.RegistrableDomain(alpha.Website)
	beta := &core.Partner{Name: "Beta", Values: core.Values{{Key: "reach", Value: 2}}, Override: core.Tier2, OverrideReason: "Partner of the CEO"}
	if len(e.Partners) != 2 || !reflect.DeepEqual(e.Partners[0], alpha) || !reflect.DeepEqual(e.Partners[1], beta) {
		for _, p := range e.Partners {
			t.Logf("%+v", *p)
		}
		t.Error("partners differ from the sheet")
	}
	if len(e.Plays) != 1 || e.Plays[0].Name != "Joint pursuit" || e.Plays[0].Type != core.CoSell {
		t.Errorf("plays = %+v", e.Plays)
	}
	if want := map[core.Dimension]core.Stage{core.Segmentation: core.Strategic, core.Measurement: core.Emerging}; !reflect.DeepEqual(e.Maturity.Ratings, want) {
		t.Errorf("ratings = %v, want %v", e.Maturity.Ratings, want)
	}
	if !e.Review.Last.IsZero() || !e.Review.Next.Equal(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("review = %v / %v", e.Review.Last, e.Review.Next)
	}
	// Each skipped cell is a problem with its place.
	kinds := map[importers.Kind]int{}
	for _, p := range res.Problems {
		kinds[p.Kind]++
		if p.File != "plan.xlsx" || p.Sheet == "" {
			t.Errorf("problem without a place: %v", p)
		}
	}
	if kinds[importers.UnknownRole] != 2 || kinds[importers.BadValue] != 2 {
		t.Errorf("problems = %v, want 2 unknown roles (Wholesale, Nobody) and 2 bad values (high, soon)", res.Problems)
	}
}

// FuzzReopenPlan edits the cells of a plan workbook (testdata
// partneratlas-plan.xlsx, written by package exporters) and reopens it: each
// line of the input is "sheet row column value", the first three taken
// modulo the plan's size, so the fuzzer explores what users do to a plan in
// Excel. An input that is a zip is read as a workbook as it is.
func FuzzReopenPlan(f *testing.F) {
	plan, err := os.ReadFile("testdata/partneratlas-plan.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(plan)
	f.Add([]byte("1 3 0 \n1 3 9 99\n2 4 2 -1\n"))
	f.Add([]byte("2 1 0 Name\n1 2 4 =1/0\n3 2 1 Tier 9\n0 5 1 not a date\n"))
	f.Add([]byte("1 1 0 Partners\n1 2 3 1e309\n2 5 3 NaN\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			data = editPlan(t, plan, data)
		}
		checkReopen(t, data)
	})
}

// editPlan applies the edits of data to the plan workbook and returns the
// edited workbook's bytes.
func editPlan(t *testing.T, plan, data []byte) []byte {
	x, err := excelize.OpenReader(bytes.NewReader(plan))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	for i, line := range strings.Split(string(data), "\n") {
		if i >= 64 {
			break
		}
		var s, r, c int
		parts := strings.SplitN(line, " ", 4)
		if len(parts) < 3 {
			continue
		}
		s, r, c = atoiMod(parts[0], len(sheets)), atoiMod(parts[1], 40)+1, atoiMod(parts[2], 30)
		v := ""
		if len(parts) == 4 {
			v = parts[3]
		}
		ref, _ := excelize.CoordinatesToCellName(c+1, r)
		if err := x.SetCellStr(sheets[s], ref, v); err != nil {
			continue // text excelize itself refuses (too long, …)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Skip("excelize cannot write the edit:", err)
	}
	return buf.Bytes()
}

// atoiMod reads the digits of s as a number modulo n.
func atoiMod(s string, n int) int {
	v := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			v = (v*10 + int(r-'0')) % 1_000_000
		}
	}
	return v % n
}

// checkReopen opens data as the app opens a file and checks what must hold
// for any input: no panic (recovered or not), an error with a kind and a
// message, or a plan whose partners all have a name and whose problems all
// have a kind.
func checkReopen(t *testing.T, data []byte) {
	src, err := ReadData("plan.xlsx", data, importers.Options{})
	if err != nil {
		var e *importers.Error
		if !errors.As(err, &e) {
			t.Fatalf("ReadData: error %T without a kind: %v", err, err)
		}
		if e.Err != nil && strings.Contains(e.Err.Error(), "panic:") {
			t.Fatalf("ReadData panicked: %v", e.Err)
		}
		if e.Kind == "" || e.Message == "" || e.File == "" {
			t.Fatalf("ReadData: error without kind, message or file: %#v", e)
		}
		return
	}
	for _, p := range src.Partners {
		if strings.TrimSpace(p.Name) == "" {
			t.Fatalf("a partner without a name: %+v", p)
		}
	}
	for _, p := range src.Problems {
		if p.Kind == "" || p.Message == "" {
			t.Fatalf("a problem without kind or message: %#v", p)
		}
	}
}
