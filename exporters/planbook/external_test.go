package planbook

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/exporters/planbook/planbooktest"
)

// TestLibreOfficeRecalculates converts the workbook with LibreOffice after
// a weight was changed (so the cached values are stale) and checks that
// LibreOffice's recalculated Score and Tier equal core's for every partner.
// It also checks that LibreOffice opens the file without repair: the
// conversion succeeds and keeps every sheet and the charts.
func TestLibreOfficeRecalculates(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	e := planbooktest.Ecosystem(testToday)
	data, f := export(t, e)
	dir := t.TempDir()
	profile := recalculatingProfile(t, dir)
	tests := []struct {
		name string
		edit func(f *excelize.File) error
		want func(e *core.Ecosystem)
	}{
		{"as exported", nil, func(*core.Ecosystem) {}},
		{"weight of Customer overlap to 60", func(f *excelize.File) error { return f.SetCellValue(SheetScorecard, "D6", 60) },
			func(e *core.Ecosystem) { e.Scorecard.Criteria[1].Weight = 60 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".xlsx")
			if tc.edit == nil {
				if err := os.WriteFile(src, data, 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				if err := tc.edit(f); err != nil {
					t.Fatal(err)
				}
				if err := f.SaveAs(src); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, "lo-"+strings.ReplaceAll(tc.name, " ", "_"))
			lo := resaveInLibreOffice(t, soffice, profile, src, out)
			for _, s := range []string{SheetSummary, SheetPartners, SheetScorecard, SheetPlan, SheetPlays, SheetMaturity, SheetAbout} {
				if idx, _ := lo.GetSheetIndex(s); idx < 0 {
					t.Errorf("sheet %s lost by LibreOffice", s)
				}
			}
			if charts := countCharts(t, filepath.Join(out, filepath.Base(src))); charts < 3 {
				t.Errorf("LibreOffice kept %d charts, want 3", charts)
			}
			want := e.Clone()
			tc.want(want)
			checkScoresAndTiers(t, "LibreOffice", want, func(cell string) (string, error) {
				return lo.GetCellValue(SheetPartners, cell, excelize.Options{RawCellValue: true})
			})
		})
	}
}

// recalculatingProfile makes a LibreOffice user profile in dir that
// recalculates every workbook it opens, and returns its folder. LibreOffice
// trusts the cached values of an .xlsx unless told to recalculate on load;
// the profile tells it to, so the values it writes are those of its own
// formula engine.
func recalculatingProfile(t *testing.T, dir string) string {
	t.Helper()
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(loAlwaysRecalc), 0o644); err != nil {
		t.Fatal(err)
	}
	return profile
}

// resaveInLibreOffice opens src in LibreOffice with the user profile given
// and saves it as .xlsx into the folder out, then opens what it wrote.
func resaveInLibreOffice(t *testing.T, soffice, profile, src, out string) *excelize.File {
	t.Helper()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", "xlsx", "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	lo, err := excelize.OpenFile(filepath.Join(out, filepath.Base(src)))
	if err != nil {
		t.Fatalf("LibreOffice's output: %v", err)
	}
	t.Cleanup(func() { lo.Close() })
	return lo
}

// loAlwaysRecalc sets Tools ▸ Options ▸ Calc ▸ Formula ▸ Recalculation on
// file load ▸ Excel 2007 and newer to "Always recalculate".
const loAlwaysRecalc = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

func countCharts(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for name := range zipFiles(t, data) {
		if strings.HasPrefix(name, "xl/charts/chart") && strings.HasSuffix(name, ".xml") {
			n++
		}
	}
	return n
}

// TestNodeReaders opens the workbook with SheetJS (xlsx) and exceljs, two
// readers that do not recalculate, and checks they see the partner rows and
// the cached scores.
func TestNodeReaders(t *testing.T) {
	e := planbooktest.Ecosystem(testToday)
	data, _ := export(t, e)
	out := readWithNode(t, data, `
const XLSX = require('xlsx');
const ExcelJS = require('exceljs');
(async () => {
  const wb = XLSX.readFile(process.argv[2]);
  const ws = wb.Sheets['Partners'];
  const rows = XLSX.utils.sheet_to_json(ws);
  console.log('sheetjs', wb.SheetNames.join('|'), rows.length, rows[0]['Score'], rows[0]['Tier'], rows[0]['Notes']);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(process.argv[2]);
  const sheet = book.getWorksheet('Partners');
  const score = sheet.getCell('O2').value;
  const notes = sheet.getCell('U2').value;
  console.log('exceljs', book.worksheets.map(w => w.name).join('|'), sheet.actualRowCount - 1,
    typeof score === 'object' ? score.result : score, JSON.stringify(notes));
})().catch(e => { console.error(e); process.exit(1); });
`)
	ev := e.Evaluate()
	sheets := "Summary|Partners|Scorecard|Tiered plan|Plays|Maturity matrix|About"
	score := strconv.FormatFloat(ev.Results[0].Score, 'f', -1, 64)
	n := strconv.Itoa(len(e.Partners))
	for _, want := range []string{
		"sheetjs " + sheets + " " + n + " " + score + " " + string(ev.Results[0].Tier) + ` =HYPERLINK("http://evil.example","x")`,
		"exceljs " + sheets + " " + n + " " + score + ` "=HYPERLINK(\"http://evil.example\",\"x\")"`,
	} {
		if !strings.Contains(string(out), want+"\n") {
			t.Errorf("node output:\n%s\nwant a line %q", out, want)
		}
	}
}

// TestNodeReadersOpenDeals opens a workbook with deals with SheetJS and
// exceljs: they see the Measurement and Deals sheets and the cached totals
// (exceljs fails on some workbooks excelize writes, see fixup.go).
func TestNodeReadersOpenDeals(t *testing.T) {
	e := dealEcosystem()
	data, _ := export(t, e)
	out := readWithNode(t, data, `
const XLSX = require('xlsx');
const ExcelJS = require('exceljs');
(async () => {
  const wb = XLSX.readFile(process.argv[2]);
  const m = XLSX.utils.sheet_to_json(wb.Sheets['Measurement'], {header: 1});
  const all = m.find(r => r[0] === 'All deals');
  console.log('sheetjs', wb.SheetNames.join('|'), all[1], all[5]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(process.argv[2]);
  let row;
  book.getWorksheet('Measurement').eachRow(r => { if (r.getCell(1).value === 'All deals') row = r; });
  console.log('exceljs', book.worksheets.map(w => w.name).join('|'), row.getCell(2).value.result, book.getWorksheet('Deals').actualRowCount - 1);
})().catch(e => { console.error(e); process.exit(1); });
`)
	m := e.Measure(e.Evaluate(), testToday)
	sheets := "Summary|Partners|Scorecard|Tiered plan|Plays|Maturity matrix|Measurement|Deals|About"
	for _, want := range []string{
		fmt.Sprintf("sheetjs %s %d %s", sheets, m.All.Deals, strconv.FormatFloat(m.All.Pipeline, 'f', -1, 64)),
		fmt.Sprintf("exceljs %s %d %d", sheets, m.All.Deals, len(e.Deals.Deals)),
	} {
		if !strings.Contains(string(out), want+"\n") {
			t.Errorf("node output:\n%s\nwant a line %q", out, want)
		}
	}
}

// readWithNode runs a node script on the workbook in data (its path is
// process.argv[2]) with SheetJS (xlsx) and exceljs on NODE_PATH, and
// returns what it printed; the test is skipped when they are not installed.
func readWithNode(t *testing.T, data []byte, script string) []byte {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not on PATH")
	}
	if os.Getenv("NODE_PATH") == "" || exec.Command(node, "-e", "require('xlsx'); require('exceljs')").Run() != nil {
		t.Skip("xlsx or exceljs not installed under NODE_PATH (make test installs them in .cache/npm)")
	}
	dir := t.TempDir()
	path, js := filepath.Join(dir, "plan.xlsx"), filepath.Join(dir, "read.js")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(js, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, js, path).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	return out
}
