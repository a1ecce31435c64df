package importers

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// streamedBook is a workbook the benchmarks and the big-file tests
// generate: its first sheet written row by row with excelize's
// StreamWriter, as exporting CRMs and scripts write theirs.
type streamedBook struct {
	tb   testing.TB
	f    *excelize.File
	sw   *excelize.StreamWriter
	rows int
}

// newStreamedBook starts a workbook whose first sheet's first row is
// header.
func newStreamedBook(tb testing.TB, header []string) *streamedBook {
	tb.Helper()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	s := &streamedBook{tb: tb, f: f, sw: sw}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = h
	}
	s.add(head)
	return s
}

// style adds a number format and returns its style: Excel's built-in
// format numFmt, or the custom format code when it is not "".
func (s *streamedBook) style(numFmt int, code string) int {
	st := &excelize.Style{NumFmt: numFmt}
	if code != "" {
		st = &excelize.Style{CustomNumFmt: &code}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		s.tb.Fatal(err)
	}
	return id
}

// add writes the next row.
func (s *streamedBook) add(row []any) {
	s.rows++
	cell, _ := excelize.CoordinatesToCellName(1, s.rows)
	if err := s.sw.SetRow(cell, row); err != nil {
		s.tb.Fatal(err)
	}
}

// saveAs ends the sheet and saves the workbook at path.
func (s *streamedBook) saveAs(path string) string {
	defer s.f.Close()
	if err := s.sw.Flush(); err != nil {
		s.tb.Fatal(err)
	}
	if err := s.f.SaveAs(path); err != nil {
		s.tb.Fatal(err)
	}
	return path
}
