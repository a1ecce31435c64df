package planbook

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"partneratlas/core"
	"partneratlas/importers"
)

// BenchmarkAssembleLibreOffice100k is what the app does once the import
// preview of issue 10's 100,000-row workbook is accepted: merge its rows
// into partners, word the merge's problems, evaluate and find tier
// confidence. The workbook is the one importers'
// BenchmarkReadXLSXLibreOffice100k makes under os.TempDir().
func BenchmarkAssembleLibreOffice100k(b *testing.B) {
	path := filepath.Join(os.TempDir(), "partneratlas-bench", "partners-libreoffice-100000x20-v1.xlsx")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s is not made yet: run go test -run '^$' -bench ReadXLSXLibreOffice100k -benchtime 1x ./importers first", path)
	}
	src, err := ReadFile(path, importers.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		// Assemble takes its sources' partners: each run is given copies.
		b.StopTimer()
		given := *src
		given.Partners = make([]*core.Partner, len(src.Partners))
		for i, p := range src.Partners {
			given.Partners[i] = p.Clone()
		}
		runtime.GC()
		b.StartTimer()
		a := Assemble([]*Source{&given}, testToday)
		if len(a.Ecosystem.Partners) != 87_347 {
			b.Fatalf("%d partners, want 87,347", len(a.Ecosystem.Partners))
		}
	}
}
