package roundtrip

import (
	"bytes"
	"fmt"
	"math/rand/v2"
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
	"partneratlas/importers"
)

var today = time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)

// sample is an ecosystem that exercises every field the workbook holds.
func sample(t testing.TB) *core.Ecosystem {
	t.Helper()
	e := core.NewEcosystem("Acme 生态 — אקמה 🚀", today)
	e.Review.MarkReviewed(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC))
	e.Scorecard.AddCriterion("Co-sell readiness", 7.5)
	e.Scorecard.Criteria[4].Min, e.Scorecard.Criteria[4].Max = 0, 10
	e.Scorecard.Criteria[4].Description = "Can their sellers work deals with ours?"
	e.Thresholds = core.Thresholds{Tier1: 72.5, Tier2: 50, Tier3: 30}
	e.Maturity.Rate(core.Prioritization, core.Emerging)
	e.Maturity.Rate(core.Clarity, core.Strategic)
	e.Plays = append(e.Plays[:7:7], core.Play{Role: core.Influencer, Tier: core.Tier2, Type: "Podcast swap",
		Name: "Guest on each other's show", Owner: "=Marketing", Cadence: "Monthly", KPI: "+10% reach"})
	add := func(name, site string, roles []core.Role, formal bool, vals []float64, extras ...string) *core.Partner {
		p := &core.Partner{Name: name, Website: site, Domain: core.RegistrableDomain(site), Roles: roles, Formal: formal,
			Owner: "Dana Ng", Region: "EMEA",
			Sources: []core.Source{{File: "partners.xlsx", Sheet: "List, 2025", Row: len(e.Partners) + 2}, {File: "extra; list.csv", Row: 7}}}
		for i, v := range vals {
			if v >= 0 {
				p.SetValue(e.Scorecard.Criteria[i].Key, v)
			}
		}
		for i := 0; i+1 < len(extras); i += 2 {
			p.Extras = append(p.Extras, core.Extra{Column: extras[i], Value: extras[i+1]})
		}
		e.Partners = append(e.Partners, p)
		return p
	}
	T, C, S, M, I := core.Technology, core.Channel, core.Service, core.Marketplace, core.Influencer
	add("Salesforce", "https://www.salesforce.com", []core.Role{T, M}, true, []float64{5, 5, 4, 5, 9}, "Notes", "=HYPERLINK(\"http://evil.example\",\"x\")", "Phone", "+1 555 0100")
	add("AWS Marketplace", "https://aws.amazon.com", []core.Role{M}, true, []float64{4, 4, 3, 5, 8.5}, "Notes", "-3", "Account ID", "007")
	add("株式会社テスト", "https://test.co.jp", []core.Role{C}, true, []float64{3, 4, 3, 3, 3.3}, "Notes", "日本のパートナー")
	add("شريك عربي", "https://partner.example.sa", []core.Role{S, I, C}, false, []float64{2, 3, 2, 4, 6.7}, "Notes", "نص عربي")
	add("Emoji Labs 🚀", "https://emoji.io", []core.Role{I, T}, false, []float64{4, 2, 5, 1, 0.1}, "Notes", "@SUM(1+1)", "Phone", "  padded  ")
	add("Missing Values Inc", "https://missing.example.com", []core.Role{T}, true, []float64{5, -1, -1, 4, 2.25})
	add("Out Of Scale", "https://oos.example.org", []core.Role{C}, true, []float64{7, 0, 5, 5, 12}, "Phone", "=1+1")
	p := add("Overridden Co", "https://overridden.example", []core.Role{S, C}, true, []float64{1, 1, 1, 1, 0})
	if err := p.SetOverride(core.Tier1, "Board-level strategic deal"); err != nil {
		t.Fatal(err)
	}
	add("No Role Yet", "", nil, false, []float64{3, 3, 3, 3, 5}, "Account ID", "0042")
	add("Quotes \"and\" <xml> & a\ttab", "https://quotes.example", []core.Role{I}, false, []float64{2.5, 3.5, 4.5, 1.5, 7.77})
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 30; i++ {
		vals := make([]float64, 5)
		for j := range vals {
			vals[j] = float64(1 + rng.IntN(5))
			if rng.IntN(10) == 0 {
				vals[j] = -1
			}
		}
		add(fmt.Sprintf("Generated %02d", i), fmt.Sprintf("https://gen%02d.example.com", i), []core.Role{core.Roles[i%5]}, i%3 != 0, vals)
	}
	return e
}

func save(t testing.TB, e *core.Ecosystem, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := exporters.SaveWorkbook(path, e, exporters.Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	return path
}

func reopen(t testing.TB, path string) (*core.Ecosystem, *importers.Result) {
	t.Helper()
	res, err := importers.ReadFile(path, importers.Options{})
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
	want := sample(t)
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
	first := save(t, sample(t), "first.xlsx")
	e1, _ := reopen(t, first)
	second := save(t, e1, "second.xlsx")
	e2, _ := reopen(t, second)
	equalPlans(t, e2, e1)
	r1, r2 := sheetRows(t, first, "Partners"), sheetRows(t, second, "Partners")
	if !reflect.DeepEqual(r1, r2) {
		t.Error("the Partners sheets of the two exports differ")
	}
	for _, s := range []string{"Scorecard", "Plays", "Maturity matrix", "Tiered plan"} {
		if !reflect.DeepEqual(sheetRows(t, first, s), sheetRows(t, second, s)) {
			t.Errorf("the %s sheets of the two exports differ", s)
		}
	}
}

func sheetRows(t testing.TB, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestEditedWorkbook edits an exported workbook as a user would in Excel
// and checks that the reopen honours each edit.
func TestEditedWorkbook(t *testing.T) {
	path := save(t, sample(t), "plan.xlsx")
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
	want := sample(t)
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
	want := sample(t)
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
	want := sample(t)
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

func BenchmarkReopen10k(b *testing.B) {
	e := core.NewEcosystem("Big", today)
	for i := 0; i < 10000; i++ {
		p := &core.Partner{Name: fmt.Sprintf("Partner %05d", i), Website: fmt.Sprintf("https://p%05d.example.com", i),
			Domain: fmt.Sprintf("p%05d.example.com", i), Roles: []core.Role{core.Roles[i%5]}, Formal: i%2 == 0,
			Extras: []core.Extra{{Column: "Notes", Value: "n"}}}
		for j, c := range e.Scorecard.Criteria {
			p.SetValue(c.Key, float64(1+(i+j)%5))
		}
		e.Partners = append(e.Partners, p)
	}
	var buf bytes.Buffer
	if err := exporters.WriteWorkbook(&buf, e, exporters.Options{Today: today}); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "big.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := importers.ReadFile(path, importers.Options{})
		if err != nil || len(res.Plan.Partners) != 10000 {
			b.Fatalf("reopen: %v", err)
		}
	}
}
