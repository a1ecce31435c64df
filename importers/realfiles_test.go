package importers

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRealFiles reads every real-world file of testdata/ (copied byte for
// byte from ../shared/data; origins in testdata/README.md) and says what
// comes out: the partners read, or the exact kind of refusal. A file that is
// not a partner list (most of them) must still be described, header and
// sample, so the preview can let the user map its columns by hand.
func TestRealFiles(t *testing.T) {
	tests := []struct {
		file   string
		opt    Options
		kind   Kind   // the error's kind; "" = imported
		sheet  string // the sheet read
		header int    // the header row found; 0 = not checked
		rows   int    // data rows read; -1 = not checked
		name   string // the header of the column mapped to the partner name
		first  string // the first partner's name
		check  func(t *testing.T, res *Result)
	}{
		// accounts/: organisation lists. The name column is found by its header.
		{file: "sp500-constituents.csv", header: 1, rows: 503, name: "Security", first: "3M", check: func(t *testing.T, res *Result) {
			// "2013 (1888)" in Founded is an extra: kept as written.
			if p := findPartner(res, "AbbVie"); p == nil || extra(t, p, "Founded") != "2013 (1888)" {
				t.Errorf("AbbVie's Founded = %v, want 2013 (1888)", p)
			}
		}},
		{file: "nasdaq-listed-symbols.csv", header: 1, rows: 5570, name: "Company Name", first: "Pacer Barings CLO Market Flex ETF", check: wantProblem(BadValue, 5571)},
		{file: "world-universities.csv", header: 1, rows: 10251, name: "name", first: "Fundação Hermínio Ometto", check: func(t *testing.T, res *Result) {
			if res.Columns[3].Field != FieldRegion {
				t.Errorf("column D %q = %s, want region", res.Columns[3].Header, res.Columns[3].Field)
			}
		}},
		// csv-encodings/: none is a partner list; each is decoded right.
		{file: "csvkit-test_latin1.csv", kind: MissingColumn, header: 1, check: sample(0, 0, "1", "Windows-1252")},
		{file: "csvkit-test_utf16_big.csv", kind: MissingColumn, header: 1, check: sample(1, 2, "ʤ", "utf-16be")},
		{file: "csvkit-test_utf16_little.csv", kind: MissingColumn, header: 1, check: sample(1, 2, "ʤ", "utf-16le")},
		{file: "csvkit-test_utf8_bom.csv", kind: MissingColumn, header: 1, check: headers("foo", "bar", "baz")},
		{file: "csvkit-mac_newlines.csv", kind: MissingColumn, header: 1, check: sample(1, 2, "6", "utf-8")},
		{file: "csvkit-bad.csv", kind: MissingColumn, header: 1, check: headers("column_a", "column_b", "column_c")},
		{file: "csvkit-bad.csv", opt: Options{Columns: map[int]Column{0: {Field: FieldName}}}, header: 1, rows: 3, first: "1", check: func(t *testing.T, res *Result) {
			rows := []int{}
			for _, p := range problemsOf(res, RaggedRow) {
				rows = append(rows, p.Row)
			}
			if len(rows) != 2 || rows[0] != 2 || rows[1] != 3 {
				t.Errorf("ragged rows at %v, want [2 3]", rows)
			}
		}},
		{file: "csvkit-null_byte.csv", kind: MissingColumn, header: 1, check: sample(0, 1, "2", "utf-8")},
		{file: "csvkit-optional_quote_characters.csv", kind: MissingColumn, header: 1, check: sample(0, 1, "2", "utf-8")},
		{file: "frictionless-issue-1009-semicolon.csv", opt: Options{Columns: map[int]Column{1: {Field: FieldName}}}, header: 1, rows: 1, first: "c", check: func(t *testing.T, res *Result) {
			if res.Delimiter != ';' || extra(t, res.Partners[0], "fieldNameA") != "0123" {
				t.Errorf("delimiter %q, fieldNameA %q; want ';' and 0123 kept as text", res.Delimiter, extra(t, res.Partners[0], "fieldNameA"))
			}
		}},
		{file: "frictionless-skip-rows-before-headers.csv", header: 2, rows: 2, name: "name", first: "english"},
		{file: "frictionless-table-infer-iso-8859-7.csv", header: 1, rows: 4, name: "name", first: "Ëåùíéäáò", check: wantProblem(Guessed, 0)},
		{file: "frictionless-table-infer-iso-8859-7.csv", opt: Options{Encoding: "iso-8859-7"}, header: 1, rows: 4, name: "name", first: "Λεωνιδας", check: func(t *testing.T, res *Result) {
			if len(problemsOf(res, Guessed)) != 0 {
				t.Errorf("an encoding the user chose is no guess:\n%s", problemList(res))
			}
		}},
		{file: "sheetjs-write.txt", kind: NoHeader, check: sample(-1, 0, "1", "utf-16le")},
		// spreadsheets/
		{file: "calamine-any_sheets.ods", kind: Unsupported},
		{file: "calamine-any_sheets.xlsb", kind: Unsupported},
		{file: "calamine-date.xls", kind: Unsupported},
		{file: "calamine-pass_protected.xlsx", kind: Encrypted},
		{file: "calamine-pass_protected.xlsx", opt: Options{Password: "wrong"}, kind: Encrypted},
		{file: "calamine-errors.xlsx", kind: MissingColumn, sheet: "Feuil1", header: 1, check: func(t *testing.T, res *Result) {
			if res.Columns[0].Header != "" { // "#NAME?" is an error value, not a Name column
				t.Errorf("header A = %q, want blank", res.Columns[0].Header)
			}
		}},
		{file: "calamine-errors.xlsx", opt: Options{Columns: map[int]Column{0: {Field: FieldName}}}, sheet: "Feuil1", header: 1, rows: 6, check: func(t *testing.T, res *Result) {
			if len(res.Partners) != 0 || len(problemsOf(res, BadValue)) != 6 {
				t.Errorf("%d partners, %d bad values; want error cells skipped with a warning each:\n%s", len(res.Partners), len(problemsOf(res, BadValue)), problemList(res))
			}
		}},
		{file: "calamine-header-row.xlsx", kind: MissingColumn, header: 9, check: headers("Columns", "Column A", "Column B", "Column C")},
		{file: "calamine-merged_range.xlsx", kind: MissingColumn, header: 1, check: func(t *testing.T, res *Result) {
			// A1:A2 … merged down: a two-row header; C1:D2 names C only.
			headers("A1", "B1", "C1", "", "E1", "F1", "G1", "H1")(t, res)
			if got := Cell(res.Sample[0], 2); got != "C3" {
				t.Errorf("first data row C = %q, want C3 (row 3)", got)
			}
		}},
		{file: "calamine-no-header.xlsx", kind: MissingColumn, header: 3, sheet: "Feuille 1"},
		{file: "calamine-table-multiple.xlsx", kind: MissingColumn, sheet: "Sheet1", header: 1, check: headers("Item", "Type", "Quantity")},
		{file: "calamine-table-multiple.xlsx", opt: Options{Sheet: "Sheet2", Columns: map[int]Column{0: {Field: FieldName}}}, sheet: "Sheet2", header: 1, rows: 4, first: "1", check: func(t *testing.T, res *Result) {
			if got := extra(t, res.Partners[2], "Price"); got != "0.55" {
				t.Errorf("Price of item 3 = %q, want 0.55", got)
			}
		}},
		{file: "calamine-whitespace_trim.xlsx", kind: MissingColumn, sheet: "inlineStr", header: 1},
		{file: "frictionless-multiline-headers.xlsx", kind: MissingColumn, sheet: "Лист1", header: 1, check: func(t *testing.T, res *Result) {
			headers("Region", "Caloric contribution (%)", "Cumulative impact of changes on cost of food basket from previous quarter",
				"Cumulative impact of changes on cost of food basket from baseline (%)")(t, res)
			if len(res.Sample) == 0 || res.Sample[0][0] != "A" {
				t.Errorf("first data row = %q, want row 6 (A B C D)", res.Sample)
			}
		}},
		{file: "sheetjs-1900.xlsx", kind: NoHeader, check: datesAgree},
		{file: "sheetjs-1904.xlsx", kind: NoHeader, check: datesAgree},
		{file: "sheetjs-AutoFilter.xlsx", opt: Options{Columns: map[int]Column{0: {Field: FieldName}}}, sheet: "No Filter", header: 1, rows: 21},
		{file: "sheetjs-AutoFilter.xlsx", opt: Options{Sheet: "Just Filter", Columns: map[int]Column{0: {Field: FieldName}}}, sheet: "Just Filter", header: 1, rows: 21}, // rows the filter hides are read
		{file: "sheetjs-DataTypesFormats.xlsx", kind: MissingColumn, header: 1, check: func(t *testing.T, res *Result) {
			want := []string{"7/23/2020 9:00:00", "$123.00", "98.76%", "456.00", "7,890"}
			for i, w := range want {
				if got := Cell(res.Sample[i], 1); got != w {
					t.Errorf("row %d shows %q, want %q", i+2, got, w)
				}
			}
		}},
		{file: "sheetjs-formulae_test_simple.xlsx", kind: NoHeader},
		{file: "sheetjs-issue.xlsx", header: 1, rows: 43, name: "Name", first: "testtest", check: func(t *testing.T, res *Result) {
			if got := extra(t, res.Partners[0], "Designation"); got != "" {
				t.Errorf("Designation = %q", got)
			}
			if res.Columns[2].Header != "" || res.Columns[9].Header != "" { // B1:C1 and I1:M1 merged: one name each
				t.Errorf("headers C, J = %q, %q; want blank", res.Columns[2].Header, res.Columns[9].Header)
			}
		}},
		{file: "sheetjs-merge_cells.xlsx", kind: MissingColumn, header: 1, check: headers("A1:B2", "", "C1:C2", "Separate blocks")},
		{file: "sheetjs-outline.xlsx", kind: NoHeader},
		{file: "sheetjs-sheet_visibility.xlsx", kind: MissingColumn, sheet: "Visible", header: 1, check: func(t *testing.T, res *Result) {
			if strings.Join(res.HiddenSheets, ",") != "Hidden,VeryHidden" {
				t.Errorf("hidden sheets %q, want Hidden and VeryHidden listed", res.HiddenSheets)
			}
		}},
		{file: "sheetjs-sheet_visibility.xlsx", opt: Options{Sheet: "VeryHidden"}, kind: MissingColumn, sheet: "VeryHidden", header: 1},
		{file: "tealeg-empty_rows.xlsx", kind: MissingColumn, sheet: "EmptyRows", header: 3, check: headers("A3", "B3")},
		{file: "tealeg-googleDocsTest.xlsx", kind: MissingColumn, sheet: "Sheet1", header: 1},
		{file: "tealeg-macNumbersTest.xlsx", kind: MissingColumn, sheet: "主动技能", header: 1, check: headers("编号")},
		{file: "tealeg-wpsBlankLineTest.xlsx", kind: MissingColumn, sheet: "Sheet1", header: 1, check: headers("编号")},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			res, err := ReadFile(filepath.Join("testdata", tt.file), tt.opt)
			if KindOf(err) != tt.kind {
				t.Fatalf("ReadFile error = %v (kind %q), want kind %q", err, KindOf(err), tt.kind)
			}
			if err != nil && !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q does not name the file", err)
			}
			if res == nil {
				if tt.header != 0 || tt.check != nil {
					t.Fatalf("no result")
				}
				return
			}
			if tt.sheet != "" && res.Sheet != tt.sheet {
				t.Errorf("sheet = %q, want %q", res.Sheet, tt.sheet)
			}
			if tt.header != 0 && res.HeaderRow != tt.header {
				t.Errorf("header row = %d, want %d", res.HeaderRow, tt.header)
			}
			if tt.kind == "" && res.Rows != tt.rows {
				t.Errorf("rows = %d, want %d", res.Rows, tt.rows)
			}
			if tt.name != "" {
				got := ""
				for _, c := range res.Columns {
					if c.Field == FieldName {
						got = c.Header
					}
				}
				if got != tt.name {
					t.Errorf("name column = %q, want %q", got, tt.name)
				}
			}
			if tt.first != "" && (len(res.Partners) == 0 || res.Partners[0].Name != tt.first) {
				t.Errorf("first partner = %v, want %q", res.Partners[:min(1, len(res.Partners))], tt.first)
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
	// Every real file has a line above.
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		b := filepath.Base(f)
		if strings.HasPrefix(b, "partner") || ownExports[b] || b == "README.md" || b == "fuzz" || seen[b] {
			continue
		}
		t.Errorf("testdata/%s has no line in TestRealFiles", b)
	}
}

// sample checks one cell of the preview (row -1: the header row's cells)
// and the encoding the file was read in.
func sample(row, col int, want, enc string) func(*testing.T, *Result) {
	return func(t *testing.T, res *Result) {
		t.Helper()
		var got string
		if row < 0 {
			got = res.Columns[col].Header
		} else if row < len(res.Sample) {
			got = Cell(res.Sample[row], col)
		}
		if got != want || !strings.EqualFold(res.Encoding, enc) {
			t.Errorf("cell (%d, %d) = %q in %s, want %q in %s", row, col, got, res.Encoding, want, enc)
		}
	}
}

// headers checks the column headers found.
func headers(want ...string) func(*testing.T, *Result) {
	return func(t *testing.T, res *Result) {
		t.Helper()
		var got []string
		for _, c := range res.Columns[:min(len(want), len(res.Columns))] {
			got = append(got, c.Header)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("headers = %q, want %q", got, want)
		}
	}
}

// wantProblem checks that a problem of kind is reported at row.
func wantProblem(kind Kind, row int) func(*testing.T, *Result) {
	return func(t *testing.T, res *Result) {
		t.Helper()
		for _, p := range problemsOf(res, kind) {
			if p.Row == row {
				return
			}
		}
		t.Errorf("no %s problem at row %d:\n%s", kind, row, problemList(res))
	}
}

// datesAgree checks sheetjs-1900.xlsx and sheetjs-1904.xlsx: column B holds
// date serials with a date format, column C the same date written by Excel's
// TEXT formula. Whatever the date system, B reads as C.
func datesAgree(t *testing.T, res *Result) {
	t.Helper()
	if len(res.Sample) != 4 {
		t.Fatalf("sample has %d rows, want 4", len(res.Sample))
	}
	for i, r := range res.Sample {
		if Cell(r, 1) != Cell(r, 2) || Cell(r, 1) == "" {
			t.Errorf("row %d: date cell reads %q, Excel shows %q", i+2, Cell(r, 1), Cell(r, 2))
		}
	}
}
