package importers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The benchmark partner list: the 12 columns of a typical export.
var benchHeader = []string{"Partner Name", "Website", "Partner Type", "Formal Partner", "Owner", "Region",
	"Shared ICP", "Customer Overlap", "Product Alignment", "Revenue Potential", "Notes", "Signed On"}

var (
	benchTypes   = []string{"Technology", "Channel; Service", "Marketplace", "Agency", "ISV, Community"}
	benchOwners  = []string{"Dana Lee", "Sam Ortiz", "Priya Nair", "Marie Dupont", ""}
	benchRegions = []string{"EMEA", "NA", "APAC", "LATAM"}
	benchFormal  = []string{"Yes", "No", "", "yes"}
)

// writeBenchXLSX writes an n-row partner workbook with excelize's
// StreamWriter, dates formatted as dates.
func writeBenchXLSX(b testing.TB, n int) string {
	b.Helper()
	book := newStreamedBook(b, benchHeader)
	dateStyle := book.style(14, "")
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	row := make([]any, 12)
	for i := 0; i < n; i++ {
		row[0] = fmt.Sprintf("Partner %d", i)
		row[1] = fmt.Sprintf("https://www.partner%d.com", i)
		row[2] = benchTypes[i%len(benchTypes)]
		row[3] = benchFormal[i%len(benchFormal)]
		row[4] = benchOwners[i%len(benchOwners)]
		row[5] = benchRegions[i%len(benchRegions)]
		row[6], row[7], row[8], row[9] = 1+i%5, 1+(i/5)%5, 1+(i/25)%5, float64(1+i%9)/2
		row[10] = fmt.Sprintf("note %d", i)
		row[11] = excelize.Cell{StyleID: dateStyle, Value: day.AddDate(0, 0, i%900)}
		book.add(row)
	}
	return book.saveAs(filepath.Join(b.TempDir(), fmt.Sprintf("partners-%d.xlsx", n)))
}

// benchCSV returns an n-row partner list as CSV.
func benchCSV(n int) []byte {
	var buf bytes.Buffer
	buf.Grow(n * 130)
	w := csv.NewWriter(&buf)
	_ = w.Write(benchHeader)
	rec := make([]string, 12)
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		rec[0] = "Partner " + strconv.Itoa(i)
		rec[1] = "https://www.partner" + strconv.Itoa(i) + ".com"
		rec[2] = benchTypes[i%len(benchTypes)]
		rec[3] = benchFormal[i%len(benchFormal)]
		rec[4] = benchOwners[i%len(benchOwners)]
		rec[5] = benchRegions[i%len(benchRegions)]
		rec[6] = strconv.Itoa(1 + i%5)
		rec[7] = strconv.Itoa(1 + (i/5)%5)
		rec[8] = strconv.Itoa(1 + (i/25)%5)
		rec[9] = strconv.FormatFloat(float64(1+i%9)/2, 'f', -1, 64)
		rec[10] = "note " + strconv.Itoa(i)
		rec[11] = day.AddDate(0, 0, i%900).Format("2006-01-02")
		_ = w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// benchReadFile reads the partner workbook at path b.N times; rows is the
// number of partners it must give, or -1 when any will do.
func benchReadFile(b *testing.B, path string, rows int) {
	benchReads(b, rows, func() (*Result, error) { return ReadFile(path, Options{}) }, partnersRead)
	reportPeak(b)
}

// partnersRead counts the partners of a partner list read.
func partnersRead(r *Result) int { return len(r.Partners) }

// benchReads times read, whose result must hold want rows each time, as
// count counts them (any number when want is negative), with allocations
// reported.
func benchReads[R any](b *testing.B, want int, read func() (R, error), count func(R) int) {
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, reads := cpuTime(), 0
	for b.Loop() {
		res, err := read()
		if err != nil {
			b.Fatal(err)
		}
		if n := count(res); want >= 0 && n != want {
			b.Fatalf("%d rows read, want %d", n, want)
		}
		reads++
	}
	b.StopTimer()
	// cpu-s, both cores together, says what a read costs when the wall
	// time is noisy (a shared machine).
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(reads), "cpu-s")
}

// benchFile writes data to a file called name in a folder of its own, for a
// benchmark that reads from disk as the app does, and counts its bytes.
func benchFile(b *testing.B, name string, data []byte) string {
	path := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	return path
}

// reportPeak reports the heap in use after a GC, with the last result
// dropped: a rough check that nothing stays behind.
func reportPeak(b *testing.B) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap-after")
}

// writeAmountsXLSX writes an n-row partner workbook whose annual revenue
// column is in dollars and cents, every value distinct: a column formatted
// as currency keeps excelize's formatting (see chooseRaw), and each
// distinct amount is formatted by excelize itself.
func writeAmountsXLSX(b testing.TB, n int) string {
	b.Helper()
	book := newStreamedBook(b, []string{"Partner Name", "Website", "Annual Revenue"})
	dollars := book.style(0, `"$"#,##0.00`)
	for i := 0; i < n; i++ {
		amount := excelize.Cell{StyleID: dollars, Value: float64(100_000+i*7919%9_000_000) + float64(i%100)/100}
		book.add([]any{fmt.Sprintf("Partner %d", i), fmt.Sprintf("partner%d.example", i), amount})
	}
	return book.saveAs(filepath.Join(b.TempDir(), fmt.Sprintf("amounts-%d.xlsx", n)))
}

func BenchmarkReadXLSX10k(b *testing.B) { benchReadFile(b, writeBenchXLSX(b, 10_000), 10_000) }

// BenchmarkReadXLSX100kAmounts reads 100,000 partners whose revenue column
// is formatted as dollars, every amount distinct: the sheet reader's worst
// case, where excelize formats every value.
func BenchmarkReadXLSX100kAmounts(b *testing.B) {
	benchReadFile(b, writeAmountsXLSX(b, 100_000), 100_000)
}

func BenchmarkReadXLSX100k(b *testing.B) { benchReadFile(b, writeBenchXLSX(b, 100_000), 100_000) }

func BenchmarkReadCSV1M(b *testing.B) {
	data := benchCSV(1_000_000)
	b.SetBytes(int64(len(data)))
	benchReads(b, 1_000_000, func() (*Result, error) { return Read("partners.csv", data, Options{}) }, partnersRead)
}

// BenchmarkReadCSVFile1M reads the 1,000,000-row partner list from disk,
// as the app and the CLI do (the file's bytes are the text's own: no copy).
func BenchmarkReadCSVFile1M(b *testing.B) {
	benchReadFile(b, benchFile(b, "partners.csv", benchCSV(1_000_000)), 1_000_000)
}

// BenchmarkCSVRecords compares two ways of getting the records of the
// 1M-row file: encoding/csv (what the importers used before, with a per-file
// reader, LazyQuotes and ReuseRecord) and records, the reader they use now,
// whose cells are substrings of the text.
func BenchmarkCSVRecords(b *testing.B) {
	data := benchCSV(1_000_000)
	b.Run("csv.Reader", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			r := csv.NewReader(bytes.NewReader(data))
			r.LazyQuotes, r.FieldsPerRecord, r.ReuseRecord = true, -1, true
			for {
				if _, err := r.Read(); err == io.EOF {
					break
				}
			}
		}
	})
	b.Run("records", func(b *testing.B) {
		b.ReportAllocs()
		text := string(data)
		for i := 0; i < b.N; i++ {
			r := newRecords(text, ',')
			for {
				if _, _, err := r.next(); err == io.EOF {
					break
				}
			}
		}
	})
}
