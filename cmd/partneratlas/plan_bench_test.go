package main

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// bigBook is issue 10's 100,000-partner workbook saved by LibreOffice, which
// the importers' BenchmarkReadXLSXLibreOffice100k makes and caches under
// os.TempDir() (it needs soffice, and 25 s, so this package does not make it
// again).
func bigBook(b *testing.B) string {
	path := filepath.Join(os.TempDir(), "partneratlas-bench", "partners-libreoffice-100000x20-v1.xlsx")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s is not made yet: run go test -run '^$' -bench ReadXLSXLibreOffice100k -benchtime 1x ./importers first", path)
	}
	return path
}

// BenchmarkPlan100kXLSX is `partneratlas plan` on the 100k-row workbook as a
// whole: read, merge, score, tier and save the plan workbook.
func BenchmarkPlan100kXLSX(b *testing.B) { benchPlan(b, bigBook(b)) }

// benchPlan times `partneratlas plan` on the file in.
func benchPlan(b *testing.B, in string) {
	out := filepath.Join(b.TempDir(), "plan.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if status := run([]string{"plan", "-o", out, in}, io.Discard, io.Discard); status != 0 {
			b.Fatalf("plan exited with %d", status)
		}
	}
}

// bigCSV is bigBook as CSV, as a CRM or a spreadsheet exports it: written
// next to it from the workbook's values the first time it is needed.
func bigCSV(b *testing.B) string {
	book := bigBook(b)
	path := strings.TrimSuffix(book, ".xlsx") + ".csv"
	if _, err := os.Stat(path); err == nil {
		return path
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		b.Fatal(err)
	}
	out, err := os.Create(path + ".part")
	if err != nil {
		b.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.WriteAll(rows)
	if err := out.Close(); err != nil || w.Error() != nil {
		b.Fatal(err, w.Error())
	}
	if err := os.Rename(path+".part", path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkPlan100kCSV is `partneratlas plan` on the same 100,000 partners
// exported as CSV (21 MB).
func BenchmarkPlan100kCSV(b *testing.B) { benchPlan(b, bigCSV(b)) }
