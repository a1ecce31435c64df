package planbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// ImportLogHeader heads the Import log sheet: every problem of the import,
// one a row, where a summary groups them.
var ImportLogHeader = []string{"File", "Sheet", "Row", "Column", "Kind", "Message"}

// writeImportLog writes the Import log sheet, when the caller gave the
// problems. The workbook does not read it back: it is the record of the
// import that made the plan.
func (b *book) writeImportLog() error {
	ps := b.opt.Problems
	if len(ps) == 0 {
		return nil
	}
	if _, err := b.f.NewSheet(SheetImportLog); err != nil {
		return err
	}
	s, err := b.titled(SheetImportLog, "Import log", fmt.Sprintf("Every problem met when the lists were imported: %d, one a row. Filter a column to see those of one file, kind or column.", len(ps)),
		24, 18, 8, 26, 18, 100)
	if err != nil {
		return err
	}
	if err := s.add(headerCells(b.st.header, ImportLogHeader)...); err != nil {
		return err
	}
	s.startBody()
	first := s.row
	room := excelize.TotalRows - s.row - 1
	for i, p := range ps {
		if i == room {
			if err := s.add(styled(b.st.note, fmt.Sprintf("The log stops here: a sheet holds %d rows at most; %d more problems are not listed.", excelize.TotalRows, len(ps)-i))); err != nil {
				return err
			}
			break
		}
		if err := s.add(text(p.File), text(p.Sheet), rowNumber(p.Row), text(p.Column), text(string(p.Kind)), text(p.Message)); err != nil {
			return err
		}
	}
	// A table, for its filter buttons.
	if err := s.sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A%d:F%d", first, first+min(len(ps), room)),
		Name: "ImportLog", StyleName: "TableStyleLight1"}); err != nil {
		return err
	}
	return s.flush()
}
