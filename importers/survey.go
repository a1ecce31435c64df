package importers

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// SurveyResult is a customer tech-stack survey read: one response per
// customer row, and the survey's counts.
type SurveyResult struct {
	File      string
	Sheet     string
	HeaderRow int
	Responses []core.SurveyResponse
	Survey    *core.Survey
	// ToolColumns names the columns read as one tool each ("one column per
	// tool" layout); empty when the tools came from one delimited cell.
	ToolColumns []string
	Problems    []Problem
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
// text file: one row per customer, the customer's name in a column such as
// Customer, Company or Account Name, and the tools either in one cell
// separated by ";", ",", "|" or line breaks (a column called Tools, Tech
// Stack, Software…) or one column per tool marked yes, 1, x or true.
func ReadSurvey(path string, opt Options) (*SurveyResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fail(BadFile, filepath.Base(path), err, "the file could not be read: %s", plainOSError(err))
	}
	return ReadSurveyData(path, data, opt)
}

// ReadSurveyData reads a survey held in memory. See ReadSurvey.
func ReadSurveyData(name string, data []byte, opt Options) (res *SurveyResult, err error) {
	file := filepath.Base(name)
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fail(BadFile, file, fmt.Errorf("panic: %v", r), "Partner Atlas could not read this file: it looks damaged. Save it again as .xlsx or .csv, then import that file.")
		}
	}()
	res = &SurveyResult{File: file}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(Empty, file, nil, "the file is empty.")
	}
	var src rowSource
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		if err := checkZip(file, data); err != nil {
			return nil, err
		}
		f, err := excelize.OpenReader(bytes.NewReader(data), xlsxOptions)
		if err != nil {
			return nil, openError(file, err, false)
		}
		defer f.Close()
		sheet := opt.Sheet
		if sheet == "" {
			for _, s := range f.GetSheetList() {
				if v, err := f.GetSheetVisible(s); err != nil || v {
					sheet = s
					break
				}
			}
		}
		sr, err := openSheet(f, sheet)
		if err != nil {
			return nil, sheetError(file, sheet, err)
		}
		defer sr.close()
		res.Sheet, src = sheet, sr
	} else {
		if what := binaryKind(data); what != "" || bytes.HasPrefix(data, oleMagic) {
			return nil, fail(Unsupported, file, nil, "this is not a survey Partner Atlas can read. Save it as .xlsx (Excel Workbook) or .csv, then import that file.")
		}
		text, _, _, err := decodeText(data, opt.Encoding)
		if err != nil {
			return nil, fail(Unsupported, file, err, "the text encoding %s is not one Partner Atlas knows.", quote(opt.Encoding))
		}
		text = loneCRtoLF(bytes.ReplaceAll(text, []byte{0}, nil))
		src = &textRecords{s: string(text), delim: byte(detectDelimiter(text, strings.ToLower(filepath.Ext(file))))}
	}
	head, err := scanHead(src, opt.HeaderRow)
	if err != nil || len(head) == 0 {
		return nil, fail(Empty, file, err, "the survey is empty: there is no row to import.")
	}
	// The header: the first row naming a customer column.
	hi, nameCol := -1, -1
	for i, r := range head {
		if opt.HeaderRow > 0 && r.row != opt.HeaderRow {
			continue
		}
		cols, ranks := accountColumns(r.cells, opt.Columns)
		for j, c := range cols {
			if c.Field == FieldName && (nameCol < 0 || ranks[j] < ranks[nameCol]) {
				nameCol = j
			}
		}
		if nameCol >= 0 {
			hi = i
			break
		}
	}
	if hi < 0 {
		e := fail(MissingColumn, file, nil, "no column holds the customers' names. The first row has: %s. Name the column Customer, Company or Account Name.", headerList(head[0].cells))
		e.Sheet, e.Row = res.Sheet, head[0].row
		return nil, e
	}
	header := head[hi]
	res.HeaderRow = header.row
	var rows []rawRow
	rows = append(rows, head[hi+1:]...)
	for {
		cells, row, err := src.next()
		if err == io.EOF || err != nil {
			break
		}
		rows = append(rows, rawRow{row: row, cells: append([]string(nil), cells...)})
	}
	listCol := -1
	for j, h := range header.cells {
		if toolListHeaders[fold(h)] {
			listCol = j
			break
		}
	}
	var toolCols []int
	if listCol < 0 {
		// One column per tool: every column other than the customer's and
		// the account fields whose filled cells all read as yes or no.
		cols, _ := accountColumns(header.cells, nil)
		for j := range header.cells {
			if j == nameCol || cols[j].Field != FieldExtra || cleanHeader(header.cells[j]) == "" {
				continue
			}
			filled, yesNo := 0, 0
			for _, r := range rows {
				v := strings.TrimSpace(cell(r.cells, j))
				if v == "" {
					continue
				}
				filled++
				if _, ok := parseYesNo(v); ok {
					yesNo++
				}
			}
			if filled > 0 && yesNo == filled {
				toolCols = append(toolCols, j)
				res.ToolColumns = append(res.ToolColumns, cleanHeader(header.cells[j]))
			}
		}
		if len(toolCols) == 0 {
			e := fail(MissingColumn, file, nil, "no column lists the customers' tools. Add a column called Tools (or Tech Stack) with the tools separated by \";\", or one column per tool marked yes or no.")
			e.Sheet, e.Row = res.Sheet, header.row
			return nil, e
		}
	}
	for _, r := range rows {
		name := strings.TrimSpace(cell(r.cells, nameCol))
		if name == "" && isBlank(r.cells) {
			continue
		}
		resp := core.SurveyResponse{Customer: name, Row: r.row}
		if listCol >= 0 {
			resp.Tools = strings.FieldsFunc(cell(r.cells, listCol), func(c rune) bool {
				return c == ';' || c == ',' || c == '|' || c == '\n'
			})
		}
		for k, j := range toolCols {
			if yes, _ := parseYesNo(strings.TrimSpace(cell(r.cells, j))); yes {
				resp.Tools = append(resp.Tools, res.ToolColumns[k])
			}
		}
		if name == "" {
			res.Problems = append(res.Problems, Problem{Kind: BadValue, File: file, Sheet: res.Sheet, Row: r.row,
				Message: "this row has no customer name; its tools still count, as one customer."})
		}
		res.Responses = append(res.Responses, resp)
	}
	res.Survey = core.NewSurvey(file, res.Responses)
	return res, nil
}
