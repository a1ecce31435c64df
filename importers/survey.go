package importers

import (
	"strings"

	"partneratlas/core"
)

// SurveyResult is a customer tech-stack survey read: one response per
// customer row, and the survey's counts.
type SurveyResult struct {
	Table
	Responses []core.SurveyResponse
	Survey    *core.Survey
	// ToolColumns names the columns read as one tool each ("one column per
	// tool" layout); empty when the tools came from one delimited cell.
	ToolColumns []string
}

// toolListHeaders are headers of a column that lists a customer's tools in
// one cell.
var toolListHeaders = map[string]bool{}

func init() {
	for _, h := range []string{"Tools", "Tools Used", "Tech Stack", "Technology Stack", "Stack", "Technologies",
		"Software", "Apps", "Applications", "Integrations", "Platforms", "Vendors", "Products Used", "Systems"} {
		toolListHeaders[fold(h)] = true
	}
}

// ReadSurvey reads a customer tech-stack survey from an .xlsx workbook or a
// text file: see ReadSurveyTable.
func ReadSurvey(path string, opt Options) (*SurveyResult, error) {
	return readPath(path, opt, ReadSurveyTable)
}

// ReadSurveyTable reads the survey of f: one row per customer, the
// customer's name in a column such as Customer, Company or Account Name, and
// the tools either in one cell separated by ";", ",", "|" or line breaks (a
// column called Tools, Tech Stack, Software…) or one column per tool marked
// yes, 1, x or true. A survey is small: its facts are always scanned
// before its rows (see readAgain).
func ReadSurveyTable(f *File, opt Options) (res *SurveyResult, err error) {
	defer recovered(f.Name, &err)
	res = &SurveyResult{}
	t, err := f.start(opt, func(cells []string) headerFit {
		cols, _ := accountColumns(cells, opt.Columns)
		return headerFit{name: hasField(cols, FieldName)}
	}, "survey", &res.Table)
	if err != nil {
		return nil, err
	}
	defer t.close()
	cols, ranks := accountColumns(t.header.cells, opt.Columns)
	nameCol := -1
	for j, c := range cols {
		if c.Field == FieldName && (nameCol < 0 || ranks[j] < ranks[nameCol]) {
			nameCol = j
		}
	}
	if nameCol < 0 {
		e := fail(MissingColumn, f.Name, nil, "no column holds the customers' names. The header (row %d) has: %s. Name the column Customer, Company or Account Name.", t.header.row, headerList(t.header.cells))
		e.Sheet, e.Row = t.sheet, t.header.row
		return nil, e
	}
	var rows []rawRow
	_ = t.each(func(cells []string, n int) {
		rows = append(rows, rawRow{row: n, cells: append([]string(nil), cells...)})
	})
	listCol, toolCols := surveyToolColumns(t.header.cells, nameCol, rows)
	if listCol < 0 && len(toolCols) == 0 {
		e := fail(MissingColumn, f.Name, nil, "no column lists the customers' tools. Add a column called Tools (or Tech Stack) with the tools separated by \";\", or one column per tool marked yes or no.")
		e.Sheet, e.Row = t.sheet, t.header.row
		return nil, e
	}
	for _, j := range toolCols {
		res.ToolColumns = append(res.ToolColumns, cleanHeader(t.header.cells[j]))
	}
	for _, r := range rows {
		res.Rows++
		name := strings.TrimSpace(Cell(r.cells, nameCol))
		resp := core.SurveyResponse{Customer: name, Row: r.row}
		if listCol >= 0 {
			resp.Tools = strings.FieldsFunc(Cell(r.cells, listCol), func(c rune) bool {
				return c == ';' || c == ',' || c == '|' || c == '\n'
			})
		}
		for k, j := range toolCols {
			if yes, _ := ParseYesNo(strings.TrimSpace(Cell(r.cells, j))); yes {
				resp.Tools = append(resp.Tools, res.ToolColumns[k])
			}
		}
		if name == "" {
			res.Problems = append(res.Problems, Problem{Kind: BadValue, File: f.Name, Sheet: t.sheet, Row: r.row,
				Message: "this row has no customer name; its tools still count, as one customer."})
		}
		res.Responses = append(res.Responses, resp)
	}
	res.Survey = core.NewSurvey(f.Name, res.Responses)
	return res, nil
}

// surveyToolColumns finds where a survey keeps the tools: the column whose
// header names a list of tools (listCol), else every column other than the
// customer's and the account fields whose filled cells all read as yes or
// no (toolCols, one tool each).
func surveyToolColumns(header []string, nameCol int, rows []rawRow) (listCol int, toolCols []int) {
	for j, h := range header {
		if toolListHeaders[fold(h)] {
			return j, nil
		}
	}
	cols, _ := accountColumns(header, nil)
	for j := range header {
		if j == nameCol || cols[j].Field != FieldExtra || cleanHeader(header[j]) == "" {
			continue
		}
		filled, yesNo := 0, 0
		for _, r := range rows {
			v := strings.TrimSpace(Cell(r.cells, j))
			if v == "" {
				continue
			}
			filled++
			if _, ok := ParseYesNo(v); ok {
				yesNo++
			}
		}
		if filled > 0 && yesNo == filled {
			toolCols = append(toolCols, j)
		}
	}
	return -1, toolCols
}

// hasField says whether a column maps to f.
func hasField(cols []Column, f Field) bool {
	for _, c := range cols {
		if c.Field == f {
			return true
		}
	}
	return false
}
