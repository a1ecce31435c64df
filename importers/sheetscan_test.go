package importers

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// scanFactsBufio is scanFacts as it was before the sheet reader: a
// bufio.Reader read tag by tag. The window-based scanFacts must find the
// same facts.
func scanFactsBufio(r io.Reader, facts *sheetFacts) error {
	br := bufio.NewReaderSize(r, 64<<10)
	// The cell being read: its reference and whether it has a formula and
	// a value so far.
	var cell string
	var hasF, hasV bool
	defer func() { facts.cellOpen = cell != "" }()
	endCell := func() {
		if cell != "" && hasF && !hasV {
			if len(facts.uncached) < maxUncached {
				if col, row, err := excelize.CellNameToCoordinates(cell); err == nil {
					facts.uncached = append(facts.uncached, cellRef{row: row, col: col - 1})
				}
			} else {
				facts.uncachedMore++
			}
		}
		cell, hasF, hasV = "", false, false
	}
	for {
		// Skip to the next tag.
		if _, err := br.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			return eof(err)
		}
		name, err := br.Peek(24)
		if err != nil && len(name) == 0 {
			return eof(err)
		}
		closing := len(name) > 0 && name[0] == '/'
		if closing {
			name = name[1:]
		}
		if i := bytes.IndexByte(name, ':'); i >= 0 && i < 12 && bytes.IndexAny(name[:i], " />") < 0 {
			name = name[i+1:]
		}
		var isMerge bool
		switch {
		case closing:
			if bytes.HasPrefix(name, []byte("c>")) {
				endCell()
			}
			continue
		case bytes.HasPrefix(name, []byte("c ")) || bytes.HasPrefix(name, []byte("c>")):
			endCell()
			tag, err := br.ReadSlice('>')
			if err != nil {
				continue
			}
			if !bytes.HasSuffix(tag, []byte("/>")) {
				cell = string(attrBytes(tag, attrR))
			}
			continue
		case bytes.HasPrefix(name, []byte("f>")) || bytes.HasPrefix(name, []byte("f ")) || bytes.HasPrefix(name, []byte("f/")):
			hasF = true
			continue
		case bytes.HasPrefix(name, []byte("v>")) || bytes.HasPrefix(name, []byte("v ")):
			hasV = true
			continue
		case bytes.HasPrefix(name, []byte("mergeCell ")):
			isMerge = true
		case bytes.HasPrefix(name, []byte("dimension ")):
		default:
			continue
		}
		tag, err := br.ReadSlice('>')
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return eof(err)
		}
		facts.keep(tag, isMerge)
	}
}

// TestScanFactsAsBefore compares scanFacts with the bufio scanner it
// replaces, on every worksheet of testdata and of the generated workbooks,
// in chunks of every size.
func TestScanFactsAsBefore(t *testing.T) {
	defer func(chunk int) { inflateChunk = chunk }(inflateChunk)
	books := factBooks(t)
	for _, chunk := range []int{1, 5, 333, 512 << 10} {
		inflateChunk = chunk
		for _, b := range books {
			zr, err := zip.NewReader(bytes.NewReader(b.data), int64(len(b.data)))
			if err != nil {
				continue
			}
			for _, zf := range zr.File {
				if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
					continue
				}
				var want, got sheetFacts
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				want.err = scanFactsBufio(rc, &want)
				rc.Close()
				rc, err = zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				w := xmlWindow{src: startInflater(rc, xlsxOptions.UnzipSizeLimit)}
				got.err = scanFacts(&w, &got)
				w.close()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s in %d-byte chunks: scanFacts = %+v, want %+v", b.name, zf.Name, chunk, got, want)
				}
				if b.name == "odd.xlsx" && chunk == 1 && (len(want.uncached) == 0 || len(want.merges) == 0) {
					t.Errorf("odd.xlsx: facts %+v found nothing to compare", want)
				}
			}
		}
	}
}

// factBook is a workbook to read, by its name.
type factBook struct {
	name string
	data []byte
}

// factBooks are the workbooks whose facts (merges, dimension, formulas
// without a result) the tests of the facts compare: every workbook of
// testdata, the generated ones, and two of formulas without results.
func factBooks(t *testing.T) []factBook {
	var books []factBook
	files, _ := filepath.Glob("testdata/*.xlsx")
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		books = append(books, factBook{filepath.Base(path), data})
	}
	for _, tc := range handmadeSheets(t) {
		books = append(books, factBook{tc.name, tc.data})
	}
	// A formula without a result, a tag longer than the old 64 kB buffer,
	// prefixed elements, merges after the rows.
	long := strings.Repeat("x", 70_000)
	odd := worksheet("A1:C3", `<row r="1"><c r="A1"><f>1+1</f></c><c r="B1" s="1" t="n"><f>2</f><v>2</v></c><c r="C1" data="`+long+`"><f>3</f></c></row><x:row r="2"><x:c r="A2"><x:f>SUM(A1)</x:f></x:c></x:row>`, `<mergeCells><mergeCell ref="A2:A3"/><mergeCell ref="B1:C1"/></mergeCells>`)
	books = append(books, factBook{"odd.xlsx", handmadeBook(t, []string{odd}, "", "", false)})
	// Tags in comments and CDATA, which the scan of the facts reads as tags.
	inComment := worksheet("", `<row r="1"><c r="A1" t="inlineStr"><is><t>Partner Name</t></is></c><c r="B1" t="inlineStr"><is><t>Region</t></is></c></row><!-- <mergeCell ref="B2:B4"/> --><row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c><c r="B2" t="inlineStr"><is><t>EMEA</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Globex</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>Initech</t></is></c></row>`, "")
	inCDATA := worksheet("", `<row r="1"><c r="A1" t="inlineStr"><is><t>Partner Name</t></is></c><c r="B1" t="inlineStr"><is><t>Region</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c><c r="B2" t="inlineStr"><is><t>EMEA</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Globex</t></is></c><c r="B3"><v><![CDATA[<mergeCell ref="B3:B5"/>]]></v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>Initech</t></is></c></row>`, "")
	inInline := worksheet("", `<row r="1"><c r="A1" t="inlineStr"><is><t>Partner Name</t></is></c><c r="B1" t="inlineStr"><is><t>Region</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Acme &amp; Sons</t></is></c><c r="B2" t="inlineStr"><is><r><t>EM</t></r><r><t>EA</t></r></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Globex</t></is></c><c r="B3" t="inlineStr"><is><t>APAC</t><f>1+1</f></is></c></row>`, "")
	books = append(books, factBook{"tags-in-inline-string.xlsx", handmadeBook(t, []string{inInline}, "", "", false)})
	books = append(books, factBook{"tags-in-comment.xlsx", handmadeBook(t, []string{inComment}, "", "", false)})
	books = append(books, factBook{"tags-in-cdata.xlsx", handmadeBook(t, []string{inCDATA}, "", "", false)})
	books = append(books, factBook{"calc-later.xlsx", workbook(t, sheet{name: "Sheet1",
		rows:     [][]any{{"Partner Name", "Website", "Shared ICP"}, {"Acme", "acme.com", 4}, {"Globex", "globex.io", nil}, {"Initech", "initech.io", 3}},
		formulas: map[string]string{"C3": "2+2", "A5": "\"Hooli\""}})})
	return books
}
