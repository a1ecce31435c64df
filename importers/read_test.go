package importers

import (
	"archive/zip"
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"partneratlas/core"

	"golang.org/x/text/encoding/htmlindex"
)

// nameFirst is the preview's manual mapping: column A holds the names.
var nameFirst = map[int]Column{0: {Field: FieldName}}

func findPartner(res *Result, name string) *core.Partner {
	for _, p := range res.Partners {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// problemsOf returns the problems of one kind.
func problemsOf(res *Result, kind Kind) []Problem {
	var out []Problem
	for _, p := range res.Problems {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

func extra(t *testing.T, p *core.Partner, column string) string {
	t.Helper()
	v, ok := p.Extra(column)
	if !ok {
		t.Fatalf("%s has no extra %q; extras = %v", p.Name, column, p.Extras)
	}
	return v
}

// TestReadFixtures reads real files written by other tools. They are not
// partner lists, so the default import stops at MissingColumn (or NoHeader)
// with a Result describing the sheet, and the manual mapping "column A is the
// name" reads them.
func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file     string
		opt      Options
		kind     Kind // the error's kind, "" for none
		sheet    string
		header   int
		rows     int
		partners int
		check    func(t *testing.T, res *Result)
	}{
		{file: "csvkit-test_utf8_bom.csv", kind: MissingColumn, header: 1, check: func(t *testing.T, res *Result) {
			if got := res.Columns[0].Header; got != "foo" {
				t.Errorf("first header = %q, want %q (byte order mark stripped)", got, "foo")
			}
		}},
		{file: "csvkit-test_utf8_bom.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 2, partners: 2, check: func(t *testing.T, res *Result) {
			if got := extra(t, res.Partners[1], "baz"); got != "ʤ" {
				t.Errorf("baz of row 3 = %q, want %q", got, "ʤ")
			}
			if res.Encoding != "utf-8" {
				t.Errorf("encoding = %q, want utf-8", res.Encoding)
			}
		}},
		{file: "csvkit-test_latin1.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 2, partners: 2, check: func(t *testing.T, res *Result) {
			if got := extra(t, res.Partners[1], "c"); got != "©" {
				t.Errorf("c of row 3 = %q, want %q", got, "©")
			}
			if res.Encoding != "windows-1252" || len(problemsOf(res, Guessed)) != 1 {
				t.Errorf("encoding = %q with %d guess problems, want windows-1252 and 1", res.Encoding, len(problemsOf(res, Guessed)))
			}
		}},
		{file: "csvkit-test_utf16_little.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 2, partners: 2, check: func(t *testing.T, res *Result) {
			if got := extra(t, res.Partners[1], "c"); got != "ʤ" || res.Encoding != "utf-16le" {
				t.Errorf("c of row 3 = %q in %s, want %q in utf-16le", got, res.Encoding, "ʤ")
			}
		}},
		{file: "csvkit-test_utf16_big.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 2, partners: 2, check: func(t *testing.T, res *Result) {
			if got := extra(t, res.Partners[1], "c"); got != "ʤ" || res.Encoding != "utf-16be" {
				t.Errorf("c of row 3 = %q in %s, want %q in utf-16be", got, res.Encoding, "ʤ")
			}
		}},
		{file: "sheetjs-write.txt", kind: NoHeader, header: 1},
		{file: "sheetjs-write.txt", opt: Options{Columns: nameFirst}, header: 1, rows: 3, partners: 3, check: func(t *testing.T, res *Result) {
			if res.Delimiter != '\t' || res.Encoding != "utf-16le" {
				t.Errorf("delimiter %q, encoding %q; want tab and utf-16le", res.Delimiter, res.Encoding)
			}
			p := res.Partners[1]
			if p.Name != "foo" || extra(t, p, "3") != "2/19/14" || extra(t, p, "Column D") != "0.3" {
				t.Errorf("row 3 = %q %v, want foo with 3=2/19/14, Column D=0.3", p.Name, p.Extras)
			}
		}},
		{file: "frictionless-issue-1009-semicolon.csv", kind: MissingColumn, header: 1},
		{file: "frictionless-issue-1009-semicolon.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 1, partners: 1, check: func(t *testing.T, res *Result) {
			if res.Delimiter != ';' {
				t.Errorf("delimiter = %q, want ';'", res.Delimiter)
			}
			if p := res.Partners[0]; p.Name != "0123" || extra(t, p, "fieldNameB") != "c" {
				t.Errorf("row 2 = %q %v, want 0123 (kept as text) and c", p.Name, p.Extras)
			}
		}},
		{file: "frictionless-skip-rows-before-headers.csv", header: 2, rows: 2, partners: 2, check: func(t *testing.T, res *Result) {
			if p := res.Partners[1]; p.Name != "中国人" || p.Sources[0].Row != 4 || extra(t, p, "id") != "2" {
				t.Errorf("second partner = %q at %v, extras %v; want 中国人 at row 4 with id 2", p.Name, p.Sources, p.Extras)
			}
		}},
		{file: "csvkit-mac_newlines.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 2, partners: 2, check: func(t *testing.T, res *Result) {
			if p := res.Partners[1]; p.Name != "Once upon\na time" || extra(t, p, "c") != "6" || p.Sources[0].Row != 3 {
				t.Errorf("row 3 = %q %v at %v, want \"Once upon\\na time\" with c=6 at row 3", p.Name, p.Extras, p.Sources)
			}
		}},
		{file: "csvkit-bad.csv", kind: MissingColumn, header: 1},
		{file: "csvkit-bad.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 3, partners: 2, check: func(t *testing.T, res *Result) {
			ragged := problemsOf(res, RaggedRow)
			if len(ragged) != 2 || ragged[0].Row != 2 || ragged[1].Row != 3 {
				t.Errorf("ragged rows = %v, want rows 2 and 3", ragged)
			}
			if got := extra(t, res.Partners[0], "Column D"); got != "I'm too long!" {
				t.Errorf("Column D of row 2 = %q, want the extra cell kept", got)
			}
			if got := extra(t, res.Partners[1], "Column D"); got != "" {
				t.Errorf("Column D of row 4 = %q, want it present and empty", got)
			}
			if p := res.Partners[1]; p.Name != "0" || extra(t, p, "column_c") != "17" {
				t.Errorf("row 4 = %q %v, want 0 with column_c=17", p.Name, p.Extras)
			}
		}},
		{file: "csvkit-null_byte.csv", opt: Options{Columns: nameFirst}, header: 1, rows: 1, partners: 0, check: func(t *testing.T, res *Result) {
			found := false
			for _, p := range problemsOf(res, BadValue) {
				found = found || strings.Contains(p.Message, "NUL")
			}
			if !found {
				t.Errorf("problems = %v, want one about the NUL byte", res.Problems)
			}
		}},
		{file: "frictionless-table-infer-iso-8859-7.csv", opt: Options{Encoding: "iso-8859-7"}, header: 1, rows: 4, partners: 4, check: func(t *testing.T, res *Result) {
			if res.Partners[0].Name != "Λεωνιδας" || len(problemsOf(res, Guessed)) != 0 {
				t.Errorf("first name = %q (problems %v), want Λεωνιδας with no guess", res.Partners[0].Name, res.Problems)
			}
		}},
		{file: "frictionless-table-infer-iso-8859-7.csv", header: 1, rows: 4, partners: 4, check: func(t *testing.T, res *Result) {
			if len(problemsOf(res, Guessed)) != 1 {
				t.Errorf("problems = %v, want the guessed encoding reported", res.Problems)
			}
		}},
		{file: "tealeg-googleDocsTest.xlsx", kind: MissingColumn, sheet: "Sheet1", header: 1},
		{file: "tealeg-googleDocsTest.xlsx", opt: Options{Columns: nameFirst}, sheet: "Sheet1", header: 1, rows: 1, partners: 1, check: func(t *testing.T, res *Result) {
			p := res.Partners[0]
			if p.Name != "as well as a couple of rows" || extra(t, p, "It has a couple of columns") != "hello hello" {
				t.Errorf("row 2 = %q %v", p.Name, p.Extras)
			}
		}},
		{file: "tealeg-macNumbersTest.xlsx", kind: MissingColumn, sheet: "主动技能", header: 1},
		{file: "tealeg-macNumbersTest.xlsx", opt: Options{Columns: nameFirst}, sheet: "主动技能", header: 1, check: func(t *testing.T, res *Result) {
			if len(problemsOf(res, Empty)) != 1 || res.Columns[0].Header != "编号" {
				t.Errorf("header %q, problems %v; want 编号 and one Empty problem", res.Columns[0].Header, res.Problems)
			}
		}},
		{file: "calamine-header-row.xlsx", kind: MissingColumn, sheet: "Sheet1", header: 9},
		{file: "calamine-header-row.xlsx", opt: Options{Columns: nameFirst}, sheet: "Sheet1", header: 9, rows: 1, partners: 1, check: func(t *testing.T, res *Result) {
			p := res.Partners[0]
			if p.Name != "put data here" || p.Sources[0].Row != 10 || extra(t, p, "Column C") != "3" {
				t.Errorf("row 10 = %q at %v, extras %v", p.Name, p.Sources, p.Extras)
			}
		}},
		{file: "calamine-header-row.xlsx", opt: Options{Columns: nameFirst, HeaderRow: 3}, sheet: "Sheet1", header: 3, rows: 2, partners: 2},
		{file: "calamine-no-header.xlsx", kind: MissingColumn, sheet: "Feuille 1", header: 3},
		{file: "tealeg-empty_rows.xlsx", opt: Options{Columns: nameFirst}, sheet: "EmptyRows", header: 3, rows: 1, partners: 1},
		{file: "tealeg-empty_rows.xlsx", opt: Options{Columns: map[int]Column{2: {Field: FieldName}}, Sheet: "emptycols"}, sheet: "EmptyCols", header: 1, rows: 1, partners: 1, check: func(t *testing.T, res *Result) {
			if p := res.Partners[0]; p.Name != "C2" || extra(t, p, "D1") != "D2" {
				t.Errorf("row 2 = %q %v, want C2 with D1=D2", p.Name, p.Extras)
			}
		}},
		{file: "sheetjs-sheet_visibility.xlsx", kind: MissingColumn, sheet: "Visible", header: 1, check: func(t *testing.T, res *Result) {
			if strings.Join(res.HiddenSheets, ",") != "Hidden,VeryHidden" || len(res.Sheets) != 3 {
				t.Errorf("sheets %v, hidden %v; want 3 with Hidden and VeryHidden hidden", res.Sheets, res.HiddenSheets)
			}
		}},
		{file: "sheetjs-sheet_visibility.xlsx", opt: Options{Columns: nameFirst}, sheet: "Visible", header: 1, rows: 1, partners: 1, check: func(t *testing.T, res *Result) {
			if p := res.Partners[0]; p.Name != "118" || extra(t, p, "i (2)") != "105" {
				t.Errorf("row 2 = %q %v, want 118 and the second \"i\" kept as \"i (2)\"", p.Name, p.Extras)
			}
		}},
		{file: "sheetjs-sheet_visibility.xlsx", opt: Options{Columns: nameFirst, Sheet: "Hidden"}, sheet: "Hidden", header: 1, rows: 1, partners: 1, check: func(t *testing.T, res *Result) {
			if res.Partners[0].Name != "72" {
				t.Errorf("name = %q, want 72", res.Partners[0].Name)
			}
		}},
		{file: "sheetjs-sheet_visibility.xlsx", opt: Options{Sheet: "Partners"}, kind: NoSheet},
		{file: "sheetjs-AutoFilter.xlsx", opt: Options{Columns: nameFirst, Sheet: "Two Cond"}, sheet: "Two Cond", header: 1, rows: 21, partners: 21},
		{file: "calamine-pass_protected.xlsx", kind: Encrypted},
		{file: "calamine-date.xls", kind: Unsupported},
		{file: "calamine-any_sheets.xlsb", kind: Unsupported},
		{file: "calamine-any_sheets.ods", kind: Unsupported},
	}
	for _, tt := range tests {
		name := tt.file
		if tt.opt.Columns != nil {
			name += "/mapped"
		}
		if tt.opt.Sheet != "" {
			name += "/" + tt.opt.Sheet
		}
		if tt.opt.HeaderRow != 0 || tt.opt.Encoding != "" {
			name += "/options"
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			res, err := ReadFile(path, tt.opt)
			if got := KindOf(err); got != tt.kind {
				t.Fatalf("ReadFile(%q) error kind = %q (%v), want %q", tt.file, got, err, tt.kind)
			}
			if err != nil && !strings.HasPrefix(err.Error(), tt.file) {
				t.Errorf("ReadFile(%q) error = %q, want it to name the file", tt.file, err)
			}
			if res == nil {
				if tt.kind == MissingColumn || tt.kind == NoHeader || tt.kind == "" {
					t.Fatalf("ReadFile(%q) result = nil, want one describing the sheet", tt.file)
				}
				return
			}
			if res.File != tt.file || res.Sheet != tt.sheet || res.HeaderRow != tt.header {
				t.Errorf("ReadFile(%q) file, sheet, header row = %q, %q, %d; want %q, %q, %d", tt.file, res.File, res.Sheet, res.HeaderRow, tt.file, tt.sheet, tt.header)
			}
			if res.Rows != tt.rows || len(res.Partners) != tt.partners {
				t.Errorf("ReadFile(%q) rows = %d, partners = %d; want %d, %d", tt.file, res.Rows, len(res.Partners), tt.rows, tt.partners)
			}
			for _, p := range res.Partners {
				if len(p.Sources) != 1 || p.Sources[0].File != tt.file || p.Sources[0].Sheet != tt.sheet {
					t.Errorf("ReadFile(%q) partner %q sources = %v", tt.file, p.Name, p.Sources)
				}
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
}

// TestRefusalMessages checks that what the user reads names the fix.
func TestRefusalMessages(t *testing.T) {
	tests := []struct {
		file string
		opt  Options
		want string
	}{
		{"calamine-pass_protected.xlsx", Options{}, "this workbook is protected with a password. Type its password to open it, or open it in Excel, remove the password"},
		{"calamine-pass_protected.xlsx", Options{Password: "not it"}, "the password is not right"},
		{"calamine-date.xls", Options{}, "save it as .xlsx (Excel Workbook) or .csv"},
		{"calamine-any_sheets.xlsb", Options{}, "save it as .xlsx (Excel Workbook) or .csv"},
		{"calamine-any_sheets.ods", Options{}, "save it as .xlsx (Excel Workbook) or .csv"},
		{"sheetjs-sheet_visibility.xlsx", Options{Sheet: "Nope"}, `"Visible", "Hidden", "VeryHidden"`},
		{"csvkit-bad.csv", Options{}, `"column_a", "column_b", "column_c"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := ReadFile(filepath.Join("testdata", tt.file), tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadFile(%q) error = %v, want it to contain %q", tt.file, err, tt.want)
			}
		})
	}
}

// TestReadWrongFiles feeds files that are not what their name says: each
// must end in a clear error of the right kind, never a panic.
func TestReadWrongFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random[:200]...)
	junk := bytes.Repeat([]byte{0, 1, 2, 3, 'a', 0, 0, 0xff}, 64)
	var zipNotXLSX bytes.Buffer
	zw := zip.NewWriter(&zipNotXLSX)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("hello"))
	zw.Close()
	var docx bytes.Buffer
	zw = zip.NewWriter(&docx)
	w, _ = zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()
	real, err := os.ReadFile("testdata/partners-libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		kind Kind
	}{
		{"random.xlsx", random, BadFile},
		{"random.csv", random, BadFile},
		{"picture.csv", png, BadFile},
		{"picture.xlsx", png, BadFile},
		{"junk.csv", junk, BadFile},
		{"empty.csv", nil, Empty},
		{"empty.xlsx", []byte{}, Empty},
		{"blank.csv", []byte(" \r\n\r\n\t\n"), Empty},
		{"archive.xlsx", zipNotXLSX.Bytes(), BadFile},
		{"letter.xlsx", docx.Bytes(), BadFile},
		{"truncated.xlsx", real[:len(real)/2], BadFile},
		{"web-export.xls", []byte("<html><body><table><tr><td>Partner</td></tr></table></body></html>"), Unsupported},
		{"xml2003.xls", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>`), Unsupported},
		{"empty-workbook.xlsx", workbook(t, sheet{name: "Sheet1"}), Empty},
		{"hidden-only.xlsx", workbook(t, sheet{name: "Visible"}, sheet{name: "Data", hidden: true, rows: [][]any{{"Partner Name"}, {"Acme"}}}), Empty},
		{"ole.xls", append(append([]byte{}, oleMagic...), random[:600]...), Unsupported},
		{"ole-encrypted.xlsx", append(append(append([]byte{}, oleMagic...), random[:600]...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...), Encrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.name, tt.data, Options{})
			if got := KindOf(err); got != tt.kind {
				t.Errorf("Read(%q) error kind = %q (%v), want %q", tt.name, got, err, tt.kind)
			}
		})
	}
}

// TestReadMangledWorkbooks flips bytes of a real workbook: whatever comes
// out, it must not panic, and an error must be an *Error.
func TestReadMangledWorkbooks(t *testing.T) {
	real, err := os.ReadFile("testdata/partners-libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 200; i++ {
		data := append([]byte(nil), real...)
		for k := 0; k < 1+i%8; k++ {
			data[rng.IntN(len(data))] ^= byte(1 + rng.IntN(255))
		}
		_, err := Read("mangled.xlsx", data, Options{})
		if err != nil && KindOf(err) == "" {
			t.Errorf("Read(mangled #%d) error = %v, want an *Error with a kind", i, err)
		}
	}
}

func TestTextNamedXLSX(t *testing.T) {
	res, err := Read("export.xlsx", []byte("Partner Name,Website\nAcme,acme.com\n"), Options{})
	if err != nil {
		t.Fatalf("Read(text named .xlsx) error = %v", err)
	}
	if len(res.Partners) != 1 || res.Partners[0].Domain != "acme.com" || len(problemsOf(res, BadFile)) != 1 {
		t.Errorf("Read(text named .xlsx) partners = %v, problems = %v; want Acme and a warning", res.Partners, res.Problems)
	}
}

func TestReadFileMissing(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "gone.xlsx"), Options{})
	if KindOf(err) != BadFile || !strings.Contains(err.Error(), "gone.xlsx") {
		t.Errorf("ReadFile(missing) error = %v, want BadFile naming the file", err)
	}
}

// TestTextEncodingsAreNamesTheReaderTakes checks that every encoding the
// import preview offers reads a list written in it, and that the file then
// says it was read in that encoding by the same name, so the preview shows
// the choice the user made.
func TestTextEncodingsAreNamesTheReaderTakes(t *testing.T) {
	for _, enc := range TextEncodings {
		t.Run(enc.Name, func(t *testing.T) {
			e, err := htmlindex.Get(enc.Name)
			if err != nil {
				t.Fatal(err)
			}
			data, err := e.NewEncoder().Bytes([]byte("Partner Name,Website\nAcme,acme.com\n"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Read("list.csv", data, Options{Encoding: enc.Name})
			if err != nil {
				t.Fatal(err)
			}
			if res.Encoding != enc.Name || len(res.Partners) != 1 || res.Partners[0].Name != "Acme" {
				t.Errorf("read as %q: %d partners, first %q; want read as %q, Acme", res.Encoding, len(res.Partners), res.Partners[0].Name, enc.Name)
			}
		})
	}
}
