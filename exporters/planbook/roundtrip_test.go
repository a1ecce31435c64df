package planbook_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/exporters/planbook/planbooktest"
	"partneratlas/importers"
)

var today = planbooktest.Today

func save(t testing.TB, e *core.Ecosystem, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := exporters.SaveWorkbook(path, e, planbook.Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	return path
}

func reopen(t testing.TB, path string) (*core.Ecosystem, *planbook.Source) {
	t.Helper()
	res, err := planbook.ReadFile(path, importers.Options{})
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", filepath.Base(path), err)
	}
	if res.Plan == nil {
		t.Fatalf("ReadFile(%s) did not recognise the plan workbook", filepath.Base(path))
	}
	return res.Plan, res
}

// equalPlans compares everything the workbook holds.
func equalPlans(t *testing.T, got, want *core.Ecosystem) {
	t.Helper()
	if got.Name != want.Name {
		t.Errorf("name = %q, want %q", got.Name, want.Name)
	}
	if !reflect.DeepEqual(got.Scorecard, want.Scorecard) {
		t.Errorf("scorecard = %+v\nwant %+v", got.Scorecard, want.Scorecard)
	}
	if got.Thresholds != want.Thresholds {
		t.Errorf("thresholds = %+v, want %+v", got.Thresholds, want.Thresholds)
	}
	if !reflect.DeepEqual(got.Plays, want.Plays) {
		t.Errorf("plays differ:\n got %+v\nwant %+v", got.Plays, want.Plays)
	}
	if !reflect.DeepEqual(got.Maturity.Ratings, want.Maturity.Ratings) {
		t.Errorf("maturity = %v, want %v", got.Maturity.Ratings, want.Maturity.Ratings)
	}
	if !reflect.DeepEqual(got.SamePartners, want.SamePartners) {
		t.Errorf("verdicts on look-alikes = %v, want %v", got.SamePartners, want.SamePartners)
	}
	if !got.Review.Last.Equal(want.Review.Last) || !got.Review.Next.Equal(want.Review.Next) {
		t.Errorf("review = %v / %v, want %v / %v", got.Review.Last, got.Review.Next, want.Review.Last, want.Review.Next)
	}
	if len(got.Partners) != len(want.Partners) {
		t.Fatalf("%d partners, want %d", len(got.Partners), len(want.Partners))
	}
	for i := range want.Partners {
		g, w := got.Partners[i], want.Partners[i]
		if !reflect.DeepEqual(g, w) {
			t.Errorf("partner %d:\n got %+v\nwant %+v", i, *g, *w)
		}
	}
	ge, we := got.Evaluate(), want.Evaluate()
	if !reflect.DeepEqual(ge.Results, we.Results) {
		t.Error("scores, tiers or ranks differ")
	}
}

// TestExportReopen exports the sample, reopens it and finds every field.
func TestExportReopen(t *testing.T) {
	want := planbooktest.Ecosystem(today)
	got, res := reopen(t, save(t, want, "plan.xlsx"))
	equalPlans(t, got, want)
	if len(res.Problems) > 0 {
		t.Errorf("problems: %v", res.Problems)
	}
	if res.Sheet != "Partners" || res.Rows != len(want.Partners) || !slices.Contains(res.HiddenSheets, "About") {
		t.Errorf("result: sheet %q, rows %d, hidden %v", res.Sheet, res.Rows, res.HiddenSheets)
	}
	if !reflect.DeepEqual(res.Partners, got.Partners) {
		t.Error("Result.Partners is not Plan.Partners")
	}
}

// TestExportReopenExport: export → reopen → export → reopen gives the same
// plan, and the two workbooks' Partners sheets hold the same cells.
func TestExportReopenExport(t *testing.T) {
	first := save(t, planbooktest.Ecosystem(today), "first.xlsx")
	e1, _ := reopen(t, first)
	second := save(t, e1, "second.xlsx")
	e2, _ := reopen(t, second)
	equalPlans(t, e2, e1)
	r1, r2 := planbooktest.FileRows(t, first, "Partners"), planbooktest.FileRows(t, second, "Partners")
	if !reflect.DeepEqual(r1, r2) {
		t.Error("the Partners sheets of the two exports differ")
	}
	for _, s := range []string{"Scorecard", "Plays", "Maturity matrix", "Tiered plan"} {
		if !reflect.DeepEqual(planbooktest.FileRows(t, first, s), planbooktest.FileRows(t, second, s)) {
			t.Errorf("the %s sheets of the two exports differ", s)
		}
	}
}

// TestEditedWorkbook edits an exported workbook as a user would in Excel
// and checks that the reopen honours each edit.
func TestEditedWorkbook(t *testing.T) {
	path := save(t, planbooktest.Ecosystem(today), "plan.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A weight changed, a title row inserted above the Scorecard table, a
	// threshold changed.
	must(f.SetCellValue("Scorecard", "D5", 50))
	must(f.InsertRows("Scorecard", 2, 2))
	must(f.SetCellValue("Scorecard", "B16", 70)) // Tier 1's minimum, two rows lower now
	// A value changed, a row deleted, a column added, a stage rated by hand,
	// a review date changed.
	must(f.SetCellValue("Partners", "J3", 1)) // AWS Marketplace's Shared ICP
	must(f.RemoveRow("Partners", 4))          // 株式会社テスト
	must(f.SetCellValue("Partners", "X1", "Notes 2"))
	must(f.SetCellStr("Partners", "X2", "call back in May"))
	must(f.SetCellStr("Maturity matrix", "E8", "Strategic")) // Program design
	must(f.SetCellValue("Maturity matrix", "E9", 2))         // Measurement
	rows, _ := f.GetRows("Summary")
	next := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "Next review" })
	if next < 0 {
		t.Fatal("no Next review on the Summary")
	}
	must(f.SetCellValue("Summary", fmt.Sprintf("B%d", next+1), time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)))
	must(f.Save())
	f.Close()

	got, res := reopen(t, path)
	want := planbooktest.Ecosystem(today)
	want.Scorecard.Criteria[0].Weight = 50
	want.Thresholds.Tier1 = 70
	want.Partners[1].SetValue(core.SharedICP, 1)
	want.Partners = slices.Delete(want.Partners, 2, 3)
	want.Partners[0].Extras = append(want.Partners[0].Extras, core.Extra{Column: "Notes 2", Value: "call back in May"})
	want.Maturity.Rate(core.ProgramDesign, core.Strategic)
	want.Maturity.Rate(core.Measurement, core.Emerging)
	want.Review.Next = time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)
	equalPlans(t, got, want)
	for _, p := range res.Problems {
		t.Errorf("problem: %v", p)
	}
}

// TestReorderedColumns moves columns around: the reopen finds them by header.
func TestReorderedColumns(t *testing.T) {
	want := planbooktest.Ecosystem(today)
	path := save(t, want, "plan.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Rewrite the Partners sheet with its columns reversed, as plain cells.
	rows, err := f.GetRows("Partners", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	nf := excelize.NewFile()
	for _, s := range f.GetSheetList() {
		if s == "Partners" {
			continue
		}
		if _, err := nf.NewSheet(s); err != nil {
			t.Fatal(err)
		}
		src, _ := f.GetRows(s, excelize.Options{RawCellValue: true})
		for r, row := range src {
			for c, v := range row {
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				nf.SetCellStr(s, name, v)
			}
		}
	}
	nf.NewSheet("Partners")
	nf.DeleteSheet("Sheet1")
	width := len(rows[0])
	for r, row := range rows {
		for c := 0; c < width; c++ {
			v := ""
			if c < len(row) {
				v = row[c]
			}
			name, _ := excelize.CoordinatesToCellName(width-c, r+3) // two rows of title above
			if r > 0 && c >= 9 && c < 14 && v != "" {
				var x float64
				fmt.Sscan(v, &x)
				nf.SetCellValue("Partners", name, x)
				continue
			}
			nf.SetCellStr("Partners", name, v)
		}
	}
	nf.SetCellStr("Partners", "A1", "Our partners, reshuffled")
	out := filepath.Join(t.TempDir(), "reordered.xlsx")
	if err := nf.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	got, res := reopen(t, out)
	// Unmapped columns come in the order of the sheet, reversed here.
	for _, p := range want.Partners {
		slices.Reverse(p.Extras)
	}
	equalPlans(t, got, want)
	for _, p := range res.Problems {
		t.Errorf("problem: %v", p)
	}
}

// TestLibreOfficeRoundTrip converts the workbook with LibreOffice (which
// rewrites every part of it) and reopens the result: the app must still
// recognise its workbook and read the same plan.
func TestLibreOfficeRoundTrip(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	want := planbooktest.Ecosystem(today)
	src := save(t, want, "plan.xlsx")
	out := t.TempDir()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "lo"), "--headless",
		"--convert-to", "xlsx", "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	conv := filepath.Join(out, "plan.xlsx")
	if _, err := os.Stat(conv); err != nil {
		t.Fatalf("LibreOffice wrote nothing: %v", err)
	}
	got, res := reopen(t, conv)
	equalPlans(t, got, want)
	for _, p := range res.Problems {
		t.Errorf("problem: %v", p)
	}
}

func BenchmarkReopen10k(b *testing.B) { benchReopen(b, 10_000) }

// BenchmarkReopen100k reopens the plan workbook of 100,000 partners, as
// the app opens it (the "opening the 100k workbook").
func BenchmarkReopen100k(b *testing.B) { benchReopen(b, 100_000) }

func benchReopen(b *testing.B, n int) {
	e := core.NewEcosystem("Big", today)
	for i := 0; i < n; i++ {
		p := &core.Partner{Name: fmt.Sprintf("Partner %05d", i), Website: fmt.Sprintf("https://p%05d.example.com", i),
			Domain: fmt.Sprintf("p%05d.example.com", i), Roles: []core.Role{core.Roles[i%5]}, Formal: i%2 == 0,
			Extras: []core.Extra{{Column: "Notes", Value: "n"}}}
		for j, c := range e.Scorecard.Criteria {
			p.SetValue(c.Key, float64(1+(i+j)%5))
		}
		e.Partners = append(e.Partners, p)
	}
	var buf bytes.Buffer
	if err := planbook.Write(&buf, e, planbook.Options{Today: today}); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "big.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := planbook.ReadFile(path, importers.Options{})
		if err != nil || len(res.Plan.Partners) != n {
			b.Fatalf("reopen: %v", err)
		}
	}
}
