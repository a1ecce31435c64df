package exporters

import (
	"io"
	"testing"
)

func benchmarkWrite(b *testing.B, n int) {
	e := bigEcosystem(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteWorkbook(io.Discard, e, Options{Today: testToday}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteWorkbook10k(b *testing.B)  { benchmarkWrite(b, 10_000) }
func BenchmarkWriteWorkbook100k(b *testing.B) { benchmarkWrite(b, 100_000) }

func BenchmarkWriteCSV100k(b *testing.B) {
	e := bigEcosystem(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteCSV(io.Discard, e); err != nil {
			b.Fatal(err)
		}
	}
}
