package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
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
func BenchmarkPlan100kXLSX(b *testing.B) {
	in := bigBook(b)
	out := filepath.Join(b.TempDir(), "plan.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if status := run([]string{"plan", "-o", out, in}, io.Discard, io.Discard); status != 0 {
			b.Fatalf("plan exited with %d", status)
		}
	}
}
