package exporters

import (
	"io"
	"testing"

	"partneratlas/exporters/planbook/planbooktest"
)

func BenchmarkWriteCSV100k(b *testing.B) {
	e := planbooktest.Big(100_000, planbooktest.Today)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteCSV(io.Discard, e, nil); err != nil {
			b.Fatal(err)
		}
	}
}
