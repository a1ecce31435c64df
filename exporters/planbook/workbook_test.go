package planbook

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/exporters/planbook/planbooktest"
)

// export writes e and reopens it with excelize.
// summaryPart is the Summary sheet's part: the first sheet created.
const summaryPart = "xl/worksheets/sheet1.xml"

func export(t testing.TB, e *core.Ecosystem) ([]byte, *excelize.File) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, e, Options{Today: testToday}); err != nil {
		t.Fatalf("WriteWorkbook: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return buf.Bytes(), f
}

// zipFiles returns the parts of an xlsx by name.
func zipFiles(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(b)
	}
	return out
}

// partnersXML returns the XML of the Partners sheet (the second sheet).
func partnersXML(t testing.TB, parts map[string]string) string {
	t.Helper()
	s, ok := parts["xl/worksheets/sheet2.xml"]
	if !ok || !strings.Contains(s, "<tableParts") {
		t.Fatal("xl/worksheets/sheet2.xml is not the Partners sheet")
	}
	return s
}

func TestWorkbookSheets(t *testing.T) {
	_, f := export(t, planbooktest.Ecosystem(testToday))
	want := []string{SheetSummary, SheetPartners, SheetScorecard, SheetPlan, SheetPlays, SheetMaturity, SheetAbout}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	for _, s := range want {
		visible, err := f.GetSheetVisible(s)
		if err != nil {
			t.Fatal(err)
		}
		if visible != (s != SheetAbout) {
			t.Errorf("sheet %s visible = %v", s, visible)
		}
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet = %d, want the Summary", f.GetActiveSheetIndex())
	}
	if v, _ := f.GetCellValue(SheetAbout, "A1"); v != Marker {
		t.Errorf("About!A1 = %q, want the marker", v)
	}
	if v, _ := f.GetCellValue(SheetSummary, "A1"); v != "Partner ecosystem — Acme 生态 — אקמה 🚀" {
		t.Errorf("Summary!A1 = %q", v)
	}
}

func TestPartnersSheet(t *testing.T) {
	e := planbooktest.Ecosystem(testToday)
	data, f := export(t, e)
	tables, err := f.GetTables(SheetPartners)
	if err != nil || len(tables) != 1 || tables[0].Name != "Partners" {
		t.Fatalf("tables = %+v, %v; want one named Partners", tables, err)
	}
	if want := "A1:" + cell(len(LayoutPartnerColumns(e).Headers)-1, len(e.Partners)+1); tables[0].Range != want {
		t.Errorf("table range = %s, want %s", tables[0].Range, want)
	}
	panes, err := f.GetPanes(SheetPartners)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 1 {
		t.Errorf("panes = %+v, %v; want header row and name column frozen", panes, err)
	}
	dvs, err := f.GetDataValidations(SheetPartners)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	last := strconv.Itoa(len(e.Partners) + 1)
	for sq, want := range map[string]string{
		"D2:D" + last: "Technology,Channel,Service,Marketplace,Influencer",
		"Q2:Q" + last: "Tier 1,Tier 2,Tier 3,Monitor",
		"F2:F" + last: "Yes,No",
	} {
		if !strings.Contains(lists[sq], want) {
			t.Errorf("validation on %s = %q, want a list of %s", sq, lists[sq], want)
		}
	}
	head, _ := f.GetRows(SheetPartners)
	wantHead := []string{"Partner", "Website", "Domain", "Primary role", "Other roles", "Formal partner", "Owner", "Region", "Sources",
		"Shared ICP", "Customer overlap", "Product alignment", "Revenue potential", "Co-sell readiness",
		"Score", "Tier", "Tier override", "Override reason", "Confidence", "Rank", "Notes", "Phone", "Account ID"}
	if !slices.Equal(head[0], wantHead) {
		t.Errorf("header = %q\nwant %q", head[0], wantHead)
	}
	// Sources, roles and numbers stored as text.
	for _, c := range []struct{ cell, want string }{
		{"I2", "partners.xlsx, sheet List, 2025, row 2; extra; list.csv, row 7"},
		{"E2", "Marketplace"}, {"F5", "No"}, {"W3", "007"}, {"U3", "-3"}, {"V2", "+1 555 0100"},
	} {
		if v, _ := f.GetCellValue(SheetPartners, c.cell); v != c.want {
			t.Errorf("Partners!%s = %q, want %q", c.cell, v, c.want)
		}
	}
	if typ, _ := f.GetCellType(SheetPartners, "W3"); typ != excelize.CellTypeInlineString {
		t.Errorf("W3 (\"007\") has type %v, want text", typ)
	}
	_ = data
}

// TestUserTextIsNeverAFormula checks in the raw XML that text looking like a
// formula is written as text: the only formulas on the Partners sheet are
// the Score and Tier columns.
func TestUserTextIsNeverAFormula(t *testing.T) {
	e := planbooktest.Ecosystem(testToday)
	data, f := export(t, e)
	xml := partnersXML(t, zipFiles(t, data))
	formulas := regexp.MustCompile(`<c r="([A-Z]+)\d+"[^>]*><f[ >]`).FindAllStringSubmatch(xml, -1)
	if len(formulas) != 2*len(e.Partners) {
		t.Errorf("%d formula cells, want %d (Score and Tier per partner)", len(formulas), 2*len(e.Partners))
	}
	for _, m := range formulas {
		if m[1] != "O" && m[1] != "P" {
			t.Errorf("formula in column %s, want only O (Score) and P (Tier)", m[1])
		}
	}
	for _, c := range []struct{ cell, want string }{
		{"U2", `=HYPERLINK("http://evil.example","x")`}, {"U6", "@SUM(1+1)"}, {"V8", "=1+1"},
	} {
		if fm, _ := f.GetCellFormula(SheetPartners, c.cell); fm != "" {
			t.Errorf("Partners!%s has formula %q, want none", c.cell, fm)
		}
		if v, _ := f.GetCellValue(SheetPartners, c.cell); v != c.want {
			t.Errorf("Partners!%s = %q, want %q", c.cell, v, c.want)
		}
	}
	if strings.Contains(xml, "<f>HYPERLINK") || strings.Contains(xml, "<f>=") {
		t.Error("user text was written as a formula")
	}
}

// TestCachedValues checks that every formula cell carries core's value, so
// readers that do not recalculate see the numbers: <c><f>…</f><v>…</v></c>.
func TestCachedValues(t *testing.T) {
	e := planbooktest.Ecosystem(testToday)
	data, _ := export(t, e)
	xml := partnersXML(t, zipFiles(t, data))
	ev := e.Evaluate()
	re := regexp.MustCompile(`<c r="([OP])(\d+)"[^>]*><f(?: [^>]*/>|(?: [^>]*)?>[^<]+</f>)<v>([^<]*)</v></c>`)
	found := 0
	for _, m := range re.FindAllStringSubmatch(xml, -1) {
		row, _ := strconv.Atoi(m[2])
		res := ev.Results[row-2]
		want := string(res.Tier)
		if m[1] == "O" {
			want = strconv.FormatFloat(res.Score, 'f', -1, 64)
		}
		if m[3] != want {
			t.Errorf("cached %s%s = %q, want %q", m[1], m[2], m[3], want)
		}
		found++
	}
	if found != 2*len(e.Partners) {
		t.Errorf("%d formula cells with a cached value, want %d", found, 2*len(e.Partners))
	}
	// The Score cell is a number (no t attribute), the Tier cell a string.
	if !regexp.MustCompile(`<c r="O2" s="\d+"><f`).MatchString(xml) || !strings.Contains(xml, `<c r="P2" t="str"><f`) {
		t.Error("Score must be a numeric cell and Tier a str cell")
	}
}

// TestRecalculation checks that the workbook's own formulas, recalculated,
// give core's score and tier for every partner, before and after the user
// changes a weight, a scale and a threshold on the Scorecard sheet.
func TestRecalculation(t *testing.T) {
	e := planbooktest.Ecosystem(testToday)
	tests := []struct {
		name   string
		edit   func(f *excelize.File) error
		change func(e *core.Ecosystem)
	}{
		{"as exported", func(*excelize.File) error { return nil }, func(*core.Ecosystem) {}},
		{"weight of Shared ICP to 50", func(f *excelize.File) error { return f.SetCellValue(SheetScorecard, "D5", 50) },
			func(e *core.Ecosystem) { e.Scorecard.Criteria[0].Weight = 50 }},
		{"weight of Revenue potential to 0", func(f *excelize.File) error { return f.SetCellValue(SheetScorecard, "D8", 0) },
			func(e *core.Ecosystem) { e.Scorecard.Criteria[3].Weight = 0 }},
		{"co-sell scale 0–8 and Tier 2 at 50", func(f *excelize.File) error {
			if err := f.SetCellValue(SheetScorecard, "G9", 8); err != nil {
				return err
			}
			return f.SetCellValue(SheetScorecard, "B15", 50)
		}, func(e *core.Ecosystem) { e.Scorecard.Criteria[4].Max = 8; e.Thresholds.Tier2 = 50 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, f := export(t, e)
			if err := tc.edit(f); err != nil {
				t.Fatal(err)
			}
			want := e.Clone()
			tc.change(want)
			checkScoresAndTiers(t, "excelize's calculation", want, func(cell string) (string, error) {
				return f.CalcCellValue(SheetPartners, cell, excelize.Options{RawCellValue: true})
			})
		})
	}
}

// checkScoresAndTiers holds the Score and Tier of every partner on the
// Partners sheet, as value reads them (who names the reader), to what the
// app works out for want: the workbook's formulas and the app agree.
func checkScoresAndTiers(t *testing.T, who string, want *core.Ecosystem, value func(cell string) (string, error)) {
	t.Helper()
	ev := want.Evaluate()
	for i, p := range want.Partners {
		r := strconv.Itoa(i + 2)
		score, err := value("O" + r)
		if err != nil {
			t.Fatalf("%s: O%s: %v", who, r, err)
		}
		if got, err := strconv.ParseFloat(score, 64); err != nil || got != ev.Results[i].Score {
			t.Errorf("%s: %s's score = %q, want %v", who, p.Name, score, ev.Results[i].Score)
		}
		tier, err := value("P" + r)
		if err != nil {
			t.Fatalf("%s: P%s: %v", who, r, err)
		}
		if tier != string(ev.Results[i].Tier) {
			t.Errorf("%s: %s's tier = %q, want %s", who, p.Name, tier, ev.Results[i].Tier)
		}
	}
}

func TestSummaryCharts(t *testing.T) {
	data, f := export(t, planbooktest.Ecosystem(testToday))
	parts := zipFiles(t, data)
	for _, name := range []string{"xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml", "xl/drawings/drawing1.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("%s missing", name)
		}
	}
	if !strings.Contains(parts["xl/worksheets/_rels/sheet1.xml.rels"], "drawing1.xml") {
		t.Error("the Summary sheet does not hold the drawing with the charts")
	}
	if !strings.Contains(parts["xl/charts/chart1.xml"], "1B7F5F") || !strings.Contains(parts["xl/charts/chart1.xml"], "C7882A") {
		t.Error("the tier chart does not use the tier colours")
	}
	if !strings.Contains(parts["xl/charts/chart2.xml"], "pieChart") || !strings.Contains(parts["xl/charts/chart3.xml"], "barChart") {
		t.Error("want a pie chart of roles and a column chart of scores")
	}
	// The Summary's counts equal core's.
	rows, _ := f.GetRows(SheetSummary)
	found := 0
	e := planbooktest.Ecosystem(testToday)
	ev := e.Evaluate()
	for _, r := range rows {
		if len(r) >= 2 && core.Tier(r[0]).Valid() && r[1] == strconv.Itoa(ev.Counts[core.Tier(r[0])]) {
			found++
		}
	}
	if found < 4 {
		t.Errorf("found %d tier counts equal to core's on the Summary, want 4", found)
	}
}

func TestMaturitySheet(t *testing.T) {
	e := planbooktest.Ecosystem(testToday)
	_, f := export(t, e)
	rows, _ := f.GetRows(SheetMaturity)
	if len(rows) < matHeaderRow+5 {
		t.Fatalf("maturity sheet has %d rows", len(rows))
	}
	as := e.AssessMaturity(e.Evaluate())
	for i, a := range as {
		r := rows[matHeaderRow+i]
		if r[0] != string(a.Dimension) {
			t.Errorf("row %d = %q, want %s", matHeaderRow+i+1, r[0], a.Dimension)
		}
		for j, s := range core.Stages {
			style, _ := f.GetCellStyle(SheetMaturity, cell(1+j, matHeaderRow+i+1))
			if held := s == a.Held(); held != (style == mustStyles(t, f).held) {
				t.Errorf("%s %s highlighted = %v, want %v", a.Dimension, s, !held, held)
			}
		}
		wantRated := ""
		if a.Rated.Valid() {
			wantRated = a.Rated.String()
		}
		if got := cellAt(r, 4); got != wantRated {
			t.Errorf("%s rated = %q, want %q", a.Dimension, got, wantRated)
		}
	}
}

// mustStyles returns the style IDs as the workbook was written: newStyles
// is deterministic, so building it again on a new file gives the same IDs.
func mustStyles(t testing.TB, _ *excelize.File) *styles {
	st, err := newStyles(excelize.NewFile())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func cellAt(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

func TestEmptyEcosystem(t *testing.T) {
	e := core.NewEcosystem("", testToday)
	e.Plays = nil
	_, f := export(t, e)
	if n := len(f.GetSheetList()); n != 7 {
		t.Errorf("%d sheets, want 7", n)
	}
}

// TestDrawingReference checks the Summary's drawing is referenced with the
// r prefix, which exceljs needs.
func TestDrawingReference(t *testing.T) {
	data, _ := export(t, planbooktest.Ecosystem(testToday))
	xml := zipFiles(t, data)[summaryPart]
	if !strings.Contains(xml, `<drawing r:id="rId1"/>`) || strings.Contains(xml, "relationships:id") {
		t.Errorf("drawing reference not rewritten: %s", xml[strings.Index(xml, "</sheetData>"):])
	}
}
