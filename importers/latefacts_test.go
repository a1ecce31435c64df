package importers

import "testing"

// TestFactsAfterRowsAsBefore reads every workbook of testdata and the
// generated ones (merged cells over headers and down data rows, formulas
// without results, comments, inline strings of every form, a dimension
// past Excel's limits) with each reader, its sheets' rows read before
// their facts are known, and requires what the readers give when the facts
// are scanned first: the same results, the same problems, the same errors.
func TestFactsAfterRowsAsBefore(t *testing.T) {
	early := func(on bool) func() {
		size, stream := earlyFactsSize, streamSheets
		streamSheets = true // small sheets are held by excelize otherwise, not streamed
		if on {
			earlyFactsSize = 0
		} else {
			earlyFactsSize = 1 << 62
		}
		return func() { earlyFactsSize, streamSheets = size, stream }
	}
	for _, b := range factBooks(t) {
		t.Run(b.name, func(t *testing.T) {
			compareReadings(t, b.name, b.data, "with the facts read after the rows", early)
		})
	}
}
