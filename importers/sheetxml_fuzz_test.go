package importers

import (
	"reflect"
	"testing"
)

// FuzzSheetReader is the differential test with arbitrary worksheet and
// shared string XML: whatever excelize's Rows gives, raw and formatted, the
// sheet reader must give too (falling back where it cannot be sure).
// `go test` runs the seeds; `go test -fuzz FuzzSheetReader` explores.
func FuzzSheetReader(f *testing.F) {
	sheets := []string{kitchenSink, fuzzSheetSeed, worksheet("", `<row><c t="inlineStr"><is><t>x</t></is></c></row>`, "")}
	for _, s := range sheets {
		f.Add([]byte(s), []byte(handmadeStrings))
	}
	f.Add([]byte(kitchenSink), []byte(`<sst `+mainNS+`><si><t>a</t></si></sst>`))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		data := handmadeBook(t, []string{string(sheet)}, string(sst), handmadeStyles, false)
		file, err := Open("fuzz.xlsx", data, Options{})
		if err != nil {
			return
		}
		defer file.Close()
		for _, raw := range []bool{false, true} {
			want, _ := dumpSomeRows(t, file, "Sheet1", raw, false, 2000, 1)
			got, why := dumpSomeRows(t, file, "Sheet1", raw, true, 2000, 1)
			if why == "not opened" {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("raw %v: the sheet reader differs from excelize (fell back: %q)\n%s", raw, why, firstDifference(got, want))
			}
		}
	})
}
