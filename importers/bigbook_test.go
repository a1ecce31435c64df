package importers

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The big partner workbook is issue 10's file: 100,000 partners × 20
// columns of real company names (the S&P 500, Nasdaq and university names of
// testdata, through accountGen) with the noise of real exports and about one
// row in ten a duplicate of an earlier partner written another way; scores,
// a revenue column in dollars, employee counts, two date columns and free
// notes with accents, ampersands and line breaks; saved by LibreOffice, so
// its strings are shared, its cells styled and its dates LibreOffice's own
// formats. It is made once and cached under os.TempDir() (11 MB, kept out of
// git).

// bigBookHeader are the 20 columns of the big partner workbook.
var bigBookHeader = []string{"Partner Name", "Website", "Partner Type", "Formal Partner", "Owner", "Region",
	"Country", "Industry", "Shared ICP", "Customer Overlap", "Product Alignment", "Revenue Potential",
	"Annual Revenue", "Employees", "Signed On", "Last Review", "Ticker", "Status", "Tags", "Notes"}

var (
	bigCountries  = []string{"United States", "Germany", "France", "United Kingdom", "Brazil", "Japan", "India", "Australia", "Canada", "Sweden", "España", "Österreich"}
	bigIndustries = []string{"Information Technology", "Health Care", "Financials", "Industrials", "Consumer Discretionary", "Energy", "Utilities", "Real Estate", "Materials", "Communication Services"}
	bigStatuses   = []string{"Active", "Onboarding", "Paused", "Prospect", "Churned"}
	bigTags       = []string{"Cloud; Security", "Data & AI", "CRM", "", "Payments", "E-commerce; Marketplace", "Analytics", "DevOps <beta>"}
	bigNotes      = []string{"", "", "Met at the partner summit; wants a co-sell plan.", "Référence client à Paris — \"très bon\"", "Renewal due\nCheck pricing & terms", "Intro via AWS Marketplace", "  leading spaces kept  ", "Q3 QBR: pipeline ≥ $1M", "Contact: ops@example.com"}
)

// writeBigBookSource writes the big workbook as excelize writes it (inline
// strings), the source LibreOffice opens and saves again.
func writeBigBookSource(tb testing.TB, path string, n int) {
	tb.Helper()
	g := newAccountGen(tb)
	rng := rand.New(rand.NewPCG(10, 100))
	book := newStreamedBook(tb, bigBookHeader)
	isoDate, usDate, dollars := book.style(0, "yyyy-mm-dd"), book.style(14, ""), book.style(0, `"$"#,##0`)
	day := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	row := make([]any, len(bigBookHeader))
	for i := 0; i < n; i++ {
		k := i
		if i > 10 && rng.IntN(10) == 0 {
			k = rng.IntN(i) // a partner listed again, written another way
		}
		name, dom := g.company(k)
		name, dom = g.noisy(rng, name, dom)
		row[0], row[1] = name, dom
		row[2] = benchTypes[k%len(benchTypes)]
		row[3] = benchFormal[rng.IntN(len(benchFormal))]
		row[4] = benchOwners[rng.IntN(len(benchOwners))]
		row[5] = benchRegions[k%len(benchRegions)]
		row[6] = bigCountries[k%len(bigCountries)]
		row[7] = bigIndustries[k%len(bigIndustries)]
		row[8], row[9], row[10] = 1+rng.IntN(5), 1+rng.IntN(5), 1+rng.IntN(5)
		row[11] = float64(1+rng.IntN(9)) / 2
		row[12] = excelize.Cell{StyleID: dollars, Value: float64(rng.IntN(5000)) * 10_000}
		row[13] = 10 + rng.IntN(200_000)
		row[14] = excelize.Cell{StyleID: isoDate, Value: day.AddDate(0, 0, rng.IntN(2000))}
		row[15] = excelize.Cell{StyleID: usDate, Value: day.AddDate(0, 0, 1000+rng.IntN(1000))}
		row[16] = strings.ToUpper(strings.Fields(name + " X")[0])
		if len(row[16].(string)) > 5 {
			row[16] = row[16].(string)[:4]
		}
		row[17] = bigStatuses[rng.IntN(len(bigStatuses))]
		row[18] = bigTags[rng.IntN(len(bigTags))]
		row[19] = bigNotes[rng.IntN(len(bigNotes))]
		if rng.IntN(50) == 0 {
			row[19] = fmt.Sprintf("Merged with row %d", 2+rng.IntN(i+1))
		}
		book.add(row)
	}
	book.saveAs(path)
}

var bigBookOnce sync.Mutex

// libreOfficeBook returns the path of the n-row big partner workbook saved by
// LibreOffice, making it when it is not cached yet. It skips the test or
// benchmark when soffice is not installed.
func libreOfficeBook(tb testing.TB, n int) string {
	tb.Helper()
	bigBookOnce.Lock()
	defer bigBookOnce.Unlock()
	dir := filepath.Join(os.TempDir(), "partneratlas-bench")
	path := filepath.Join(dir, fmt.Sprintf("partners-libreoffice-%dx20-v1.xlsx", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		tb.Skip("soffice (LibreOffice) is not installed: the LibreOffice-saved workbook cannot be made")
	}
	src := filepath.Join(tb.TempDir(), "src")
	out := filepath.Join(tb.TempDir(), "out")
	if err := os.MkdirAll(src, 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	name := strings.TrimSuffix(filepath.Base(path), ".xlsx") + ".xlsx"
	writeBigBookSource(tb, filepath.Join(src, name), n)
	profile := "file://" + filepath.Join(dir, "lo-profile")
	cmd := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "xlsx", "--outdir", out, filepath.Join(src, name))
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("soffice --convert-to xlsx: %v\n%s", err, msg)
	}
	tmp := path + ".part"
	data, err := os.ReadFile(filepath.Join(out, name))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkReadXLSXLibreOffice100k reads issue 10's workbook: 100,000
// partners × 20 columns saved by LibreOffice.
func BenchmarkReadXLSXLibreOffice100k(b *testing.B) {
	path := libreOfficeBook(b, 100_000)
	benchReadFile(b, path, -1)
}
