package planbook

import (
	"io"
	"testing"
)

func benchmarkWrite(b *testing.B, n int) {
	e := bigEcosystem(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Write(io.Discard, e, Options{Today: testToday}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteWorkbook10k(b *testing.B)  { benchmarkWrite(b, 10_000) }
func BenchmarkWriteWorkbook100k(b *testing.B) { benchmarkWrite(b, 100_000) }
