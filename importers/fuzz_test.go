package importers

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fuzz targets feed arbitrary bytes to the import entry points. Read
// recovers panics and turns them into an error of Kind BadFile whose cause
// says "panic:"; a fuzz target fails on such an error, so a recovered panic
// is still found and fixed. `go test` runs the seed corpus (the real files of
// testdata/ and testdata/fuzz/); `go test -fuzz FuzzReadCSV` explores.

// seedFiles adds every testdata file whose name ends with one of exts, up to
// maxSize bytes, to the corpus.
func seedFiles(f *testing.F, maxSize int, exts ...string) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		ok := false
		for _, e := range exts {
			ok = ok || strings.HasSuffix(name, e)
		}
		if !ok {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= maxSize {
			f.Add(data)
		}
	}
}

// checkRead runs Read and checks what must hold for any input: no panic
// (recovered or not), an error with a kind and a message, or a result whose
// counts agree.
func checkRead(t *testing.T, name string, data []byte, opt Options) *Result {
	res, err := Read(name, data, opt)
	if err != nil {
		var e *Error
		if !asError(err, &e) {
			t.Fatalf("Read: error %T without a kind: %v", err, err)
		}
		if e.Err != nil && strings.Contains(e.Err.Error(), "panic:") {
			t.Fatalf("Read panicked: %v", e.Err)
		}
		if e.Kind == "" || e.Message == "" || e.File == "" {
			t.Fatalf("Read: error without kind, message or file: %#v", e)
		}
		return res
	}
	if res == nil {
		t.Fatal("Read returned neither a result nor an error")
	}
	if len(res.Partners) > res.Rows {
		t.Fatalf("Read: %d partners from %d rows", len(res.Partners), res.Rows)
	}
	for _, p := range res.Partners {
		if strings.TrimSpace(p.Name) == "" {
			t.Fatalf("Read: a partner without a name: %+v", p)
		}
	}
	for _, p := range res.Problems {
		if p.Kind == "" || p.Message == "" {
			t.Fatalf("Read: problem without kind or message: %#v", p)
		}
	}
	return res
}

func asError(err error, e **Error) bool {
	x, ok := err.(*Error)
	if ok {
		*e = x
	}
	return ok
}

func FuzzReadCSV(f *testing.F) {
	seedFiles(f, 64<<10, ".csv", ".txt", ".tsv")
	f.Add([]byte("Partner Name,Website,Shared ICP\nAcme,acme.com,\"1,5\"\n\"Beta\r\n\",b.io,42%\n"))
	f.Add([]byte("# note\n\nName;Score\n\"x\"\"y\";1.234,56\n"))
	f.Add([]byte("\xff\xfeN\x00a\x00m\x00e\x00\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "fuzz.csv", data, Options{})
		checkRead(t, "fuzz.csv", data, Options{HeaderRow: 2, Encoding: "iso-8859-7"})
	})
}

// fuzzSheet wraps data as the XML of the one worksheet of a minimal
// workbook, so the fuzzer explores the sheet parser rather than the zip
// checksum.
func fuzzSheet(data []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(body))
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	put("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>Partner Name</t></si><si><t>Shared ICP</t></si><si><t>Acme</t></si><si><t>#N/A</t></si></sst>`)
	put("xl/worksheets/sheet1.xml", string(data))
	_ = zw.Close()
	return buf.Bytes()
}

const fuzzSheetSeed = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>` +
	`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
	`<row r="2" hidden="1"><c r="A2" t="s"><v>2</v></c><c r="B2" s="0"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="e"><v>#N/A</v></c></row>` +
	`<row r="3"><c r="A3" t="inlineStr"><is><t>Beta</t></is></c><c r="B3"><v>0.8</v></c></row>` +
	`</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells></worksheet>`

func FuzzReadXLSX(f *testing.F) {
	seedFiles(f, 64<<10, ".xlsx", ".xlsb", ".ods", ".xls")
	f.Add([]byte(fuzzSheetSeed))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			data = fuzzSheet(data)
		}
		checkRead(t, "fuzz.xlsx", data, Options{})
	})
}
