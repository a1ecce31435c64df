package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The sheet reader must give exactly what excelize's Rows gives. These tests
// read every workbook of testdata and generated ones both ways and compare:
// every row (Next, Columns raw and formatted, errors), and what the readers
// built on them (ReadPartners, ReadAccountList, ReadDealList,
// ReadAccountRevenueList) make of the file.

// sheetDump is what an iterator gives for a whole sheet: each row's cells
// and the error that stopped it.
type sheetDump struct {
	rows [][]string
	err  string
}

// dumpRows reads every row of sheet of f, with excelize's Rows (fast false)
// or the sheet reader, raw or formatted, and says why the sheet reader fell
// back, if it did.
func dumpRows(t *testing.T, f *File, sheet string, raw, fast bool) (sheetDump, string) {
	return dumpSomeRows(t, f, sheet, raw, fast, excelize.TotalRows+2, 1)
}

// dumpSomeRows is dumpRows up to limit rows, reading the cells of one row in
// every (the others are passed over with Next alone).
func dumpSomeRows(t *testing.T, f *File, sheet string, raw, fast bool, limit, every int) (sheetDump, string) {
	t.Helper()
	var rows cellRows
	var err error
	warmStyles(f.book)
	parts := newBookParts(f)
	defer parts.close()
	if fast {
		r, ok := openSheetReader(f, sheet, parts)
		if !ok {
			return sheetDump{}, "not opened"
		}
		rows = r
	} else {
		rows, err = f.excelizeRows(sheet)
		if err != nil {
			return sheetDump{err: err.Error()}, ""
		}
	}
	defer rows.Close()
	var d sheetDump
	for n := 0; rows.Next(); n++ {
		if n == limit {
			break
		}
		if n%every != 0 {
			continue
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: raw})
		if err != nil {
			d.err = err.Error()
			break
		}
		d.rows = append(d.rows, cells)
	}
	if err := rows.Error(); err != nil && d.err == "" {
		d.err = err.Error()
	}
	if r, ok := rows.(*sheetReader); ok && r.fellBack != "" {
		return d, r.fellBack
	}
	return d, ""
}

// compareSheets compares both iterators on every sheet of the workbook
// data; fallback lists the sheets on which the sheet reader may fall back
// (and must, when the reason is not "").
func compareSheets(t *testing.T, name string, data []byte, fallback map[string]string) {
	t.Helper()
	// Each reader has a File of its own: excelize's Rows makes a workbook
	// whole (see withoutBigSheets), and the sheet reader must be compared on
	// the big sheets withheld from excelize too.
	f, err := Open(name, data, Options{})
	if err != nil {
		t.Logf("%s: not a workbook to compare: %v", name, err)
		return
	}
	defer f.Close()
	if f.book == nil {
		return
	}
	x, err := Open(name, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, sheet := range f.Sheets {
		for _, raw := range []bool{false, true} {
			want, _ := dumpRows(t, x, sheet, raw, false)
			got, why := dumpRows(t, f, sheet, raw, true)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, sheet %q, raw %v: the sheet reader differs from excelize (fell back: %q)\n%s", name, sheet, raw, why, firstDifference(got, want))
			}
			if !raw {
				want, _ := dumpSomeRows(t, x, sheet, raw, false, excelize.TotalRows+2, 2)
				got, why := dumpSomeRows(t, f, sheet, raw, true, excelize.TotalRows+2, 2)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, sheet %q, every other row: the sheet reader differs from excelize (fell back: %q)\n%s", name, sheet, why, firstDifference(got, want))
				}
			}
			expect, listed := fallback[sheet]
			switch {
			case why != "" && !listed:
				t.Errorf("%s, sheet %q, raw %v: fell back to excelize: %s", name, sheet, raw, why)
			case listed && expect != "" && !strings.Contains(why, expect):
				t.Errorf("%s, sheet %q, raw %v: fell back for %q, want %q", name, sheet, raw, why, expect)
			}
		}
	}
}

func firstDifference(got, want sheetDump) string {
	if got.err != want.err {
		return fmt.Sprintf("error %q, want %q", got.err, want.err)
	}
	for i := 0; i < max(len(got.rows), len(want.rows)); i++ {
		var g, w []string
		if i < len(got.rows) {
			g = got.rows[i]
		}
		if i < len(want.rows) {
			w = want.rows[i]
		}
		if !reflect.DeepEqual(g, w) {
			return fmt.Sprintf("row %d (of %d, want %d): %q\nwant %q", i+1, len(got.rows), len(want.rows), g, w)
		}
	}
	return "(nil and empty rows differ)"
}

// compareReaders reads the workbook data with each reader, with the sheet
// reader and without, and requires the same results.
func compareReaders(t *testing.T, name string, data []byte) {
	t.Helper()
	compareReadings(t, name, data, "with the sheet reader", func(fast bool) func() {
		old := fastSheets
		fastSheets = fast
		return func() { fastSheets = old }
	})
}

// compareReadings reads the workbook data with each reader, in a way that
// set(false) sets and in the way that set(true) sets (each returns what
// undoes it), and requires the same results.
func compareReadings(t *testing.T, name string, data []byte, how string, set func(bool) func()) {
	t.Helper()
	read := func(on bool) []any {
		defer set(on)()
		var out []any
		for _, opt := range []Options{{}, {Columns: nameFirst}} {
			add := func(res any, err error) {
				out = append(out, res, fmt.Sprint(err))
			}
			p, err := readData(name, data, opt, ReadPartners)
			add(p, err)
			a, err := readData(name, data, opt, ReadAccountList)
			add(a, err)
			d, err := readData(name, data, opt, ReadDealList)
			add(d, err)
			r, err := readData(name, data, opt, ReadAccountRevenueList)
			add(r, err)
			s, err := readData(name, data, opt, ReadSurveyTable)
			add(s, err)
		}
		return out
	}
	want, got := read(false), read(true)
	for _, v := range append(want, got...) {
		sortProblems(reflect.ValueOf(v))
	}
	names := []string{"ReadPartners", "ReadAccountList", "ReadDealList", "ReadAccountRevenueList", "ReadSurveyTable"}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: %s (options %d, %s) differs %s:\n got %+v\nwant %+v", name, names[(i/2)%5], i/10, map[bool]string{true: "result", false: "error"}[i%2 == 0], how, got[i], want[i])
		}
	}
}

// sortProblems sorts every []Problem held in v: the account reader lists
// the unknown status words from a map, in any order.
func sortProblems(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			sortProblems(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				sortProblems(v.Field(i))
			}
		}
	case reflect.Slice:
		if ps, ok := v.Interface().([]Problem); ok {
			slices.SortStableFunc(ps, func(a, b Problem) int { return strings.Compare(a.String(), b.String()) })
		}
	}
}

// TestSheetReaderFixtures compares the sheet reader with excelize on every
// workbook of testdata.
func TestSheetReaderFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.xlsx")
	if err != nil || len(files) == 0 {
		t.Fatalf("no workbooks in testdata: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			compareSheets(t, filepath.Base(path), data, nil)
			compareReaders(t, filepath.Base(path), data)
		})
	}
}

// handmadeBook makes an .xlsx from the XML of its sheets (named Sheet1,
// Sheet2…), its shared strings and styles ("" for none), in the 1904 date
// system when asked: what other programs write, byte for byte as chosen.
func handmadeBook(t testing.TB, sheets []string, sst, styles string, date1904 bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	var types, wbSheets, rels strings.Builder
	for i := range sheets {
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wbSheets, `<sheet name="Sheet%d" sheetId="%d" r:id="rId%d"/>`, i+1, i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	if sst != "" {
		types.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		rels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
	}
	if styles != "" {
		types.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
		rels.WriteString(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+types.String()+`</Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+pr+`<sheets>`+wbSheets.String()+`</sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	for i, s := range sheets {
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s)
	}
	if sst != "" {
		put("xl/sharedStrings.xml", sst)
	}
	if styles != "" {
		put("xl/styles.xml", styles)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const mainNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// worksheet wraps rows (and what follows sheetData) in a worksheet part.
func worksheet(dimension, rows, after string) string {
	dim := ""
	if dimension != "" {
		dim = `<dimension ref="` + dimension + `"/>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + mainNS + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + dim + `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="3" width="20" customWidth="1"/></cols><sheetData>` + rows + `</sheetData>` + after + `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
}

// handmadeStyles are number formats of every kind: style 1 a custom
// General (as LibreOffice writes), 2 dollars, 3 ISO dates, 4 a format with
// a text section, 5 the built-in date 14, 6 text (49), 7 percent (10), 8
// the accounting format 44, whose text section pads text, 9 thousands (3),
// 10 a date and time, 11 d-mmm-yy (15), 12 an ID with no format excelize
// knows (5), 13 an empty custom format, 14 fractions (12), 15 a custom
// format overriding built-in 14, 16 elapsed hours (46).
const handmadeStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet ` + mainNS + `><numFmts count="7"><numFmt numFmtId="164" formatCode="General"/><numFmt numFmtId="165" formatCode="\$#,##0"/><numFmt numFmtId="166" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="167" formatCode="0.00;\-0.00;0;&quot;text: &quot;@"/><numFmt numFmtId="168" formatCode="m/d/yyyy h:mm"/><numFmt numFmtId="169" formatCode=""/><numFmt numFmtId="14" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="17"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="44" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="15" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="5" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="12" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`

// handmadeStrings are shared strings of every kind: plain, with spaces
// kept, entities and numeric references, rich text runs with properties,
// phonetic runs (left out), _xHHHH_ escapes, CDATA, line breaks, several
// <t> in one item (the last counts), an empty item.
const handmadeStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst ` + mainNS + ` count="20" uniqueCount="20">` +
	`<si><t>Partner Name</t></si>` + // 0
	`<si><t>Website</t></si>` + // 1
	`<si><t>Annual Revenue</t></si>` + // 2
	`<si><t>Signed On</t></si>` + // 3
	`<si><t xml:space="preserve">  Acme &amp; Sons  </t></si>` + // 4
	`<si><r><t>Rich</t></r><r><rPr><b/><sz val="11"/><color theme="1" tint="-0.5"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t xml:space="preserve"> Text Co</t></r></si>` + // 5
	`<si><t>日本</t><rPh sb="0" eb="2"><t>ニホン</t></rPh><phoneticPr fontId="1"/></si>` + // 6
	`<si><t>Tab_x0009_Separated_x005F_x0041_ &#x41;&#66; &lt;b&gt; &quot;q&quot; &apos;a&apos;</t></si>` + // 7
	`<si><t><![CDATA[Data <&> Co]]></t></si>` + // 8
	"<si><t>Line one\r\nLine two\rLine three</t></si>" + // 9
	`<si><t>first</t><t>Second Wins Inc</t></si>` + // 10
	`<si><t/></si>` + // 11
	`<si><t>0042</t></si>` + // 12
	`<si><t>Notes</t></si>` + // 13
	`<si><t>Flag</t></si>` + // 14
	`<si><t>Score</t></si>` + // 15
	`<si><t>Bad _xD800_ half</t></si>` + // 16
	`<si><r><t>only run</t></r></si>` + // 17
	`<si><!-- a comment --><t>Commented Ltd</t></si>` + // 18
	`<si><t>Überweisung GmbH</t></si>` + // 19
	`</sst>`

// kitchenSink is a partner sheet holding every kind of cell.
var kitchenSink = worksheet("A1:J20", `<row r="1" spans="1:10"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>14</v></c><c r="F1" t="s"><v>13</v></c><c r="G1" t="s"><v>15</v></c><c r="H1" t="inlineStr"><is><t>Formula</t></is></c><c r="I1" t="inlineStr"><is><t>Error</t></is></c><c r="J1" t="inlineStr"><is><t>Text</t></is></c></row>
<row r="2"><c r="A2" t="s" s="1"><v>4</v></c><c r="B2" t="inlineStr"><is><t>www.acme.example</t></is></c><c r="C2" s="2"><v>1234567.5</v></c><c r="D2" s="3"><v>45000</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="str"><v>a &amp; b</v></c><c r="G2" s="7"><v>0.25</v></c><c r="H2"><f t="shared" ref="H2:H4" si="0">C2*2</f><v>2469135</v></c><c r="I2" t="e"><v>#N/A</v></c><c r="J2" t="s" s="4"><v>7</v></c></row>
<row r="4" hidden="1"><c r="A4" t="s"><v>5</v></c><c r="C4" s="9"><v>-98765.4321</v></c><c r="D4" s="5"><v>45000.75</v></c><c r="E4" t="b"><v>0</v></c><c r="G4" s="8"><v>-3</v></c><c r="H4"><f t="shared" si="0"/><v>-197530.8642</v></c><c r="I4" t="e" s="2"><v>#DIV/0!</v></c><c r="J4" t="s" s="8"><v>12</v></c></row>
<row r="5"><c t="s"><v>6</v></c><c t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r></is></c><c s="2"><v>12345678901234</v></c><c s="10"><v>44197.5</v></c><c t="b" s="4"><v>TRUE</v></c><c><f>SUM(1,2)</f></c></row>
<row r="6"><c r="A6" t="s"><v>8</v></c><c r="C6" s="1"><v>123456789012345678</v></c><c r="D6" s="11"><v>1</v></c><c r="F6" t="s"><v>9</v></c><c r="G6" s="12"><v>77</v></c><c r="J6" s="6"><v>0.1</v></c></row>
<row r="7"><c r="A7" t="s"><v>10</v></c><c r="C7"><v>0.30000000000000004</v></c><c r="D7" s="15"><v>45123</v></c><c r="G7" s="13"><v>5</v></c><c r="J7" s="14"><v>1.25</v></c></row>
<row r="8"/>
<row r="9"><c r="A9" t="s"><v>11</v></c><c r="B9" t="s"><v>99</v></c><c r="C9"><v>1E+20</v></c><c r="D9" s="16"><v>1.5</v></c></row>
<row r="10"><c r="A10" t="s"><v>16</v></c><c r="B10" t="s"><v> 1 </v></c><c r="C10" s="1"><v>-12345678901234</v></c><c r="D10" s="3"><v>not a date</v></c><c r="E10" t="n"><v>007</v></c></row>
<row r="11"><c r="A11" t="s"><v>17</v></c><c r="C11" t="s"><v></v></c><c r="D11" s="3"/><c r="E11"/><c r="F11" t="inlineStr"><v>v of an inline string</v></c><c r="H11"><f>NOW()</f><v></v></c></row>
<row r="12"><c r="B12" t="s"><v>18</v></c><c r="A12" t="s"><v>19</v></c></row>
<row r="14" customHeight="1" ht="30"><c r="A14" t="inlineStr"><is><t xml:space="preserve">Inline _x0041_ &amp; co
</t></is></c><c r="C14" s="2"><v>&#49;&#50;</v></c><c r="D14" s="3"><v>2958466</v></c></row>
<row r="15"><c r="A15" t="inlineStr"><is><t>Column Gap</t></is></c><c r="Z15" t="inlineStr"><is><t>far right</t></is></c></row>
<row r="20"><c r="A20" t="inlineStr"><is><t>Last Partner</t></is></c><c r="B20" t="inlineStr"><is><t>https://last.example/</t></is></c></row>
`, `<mergeCells count="1"><mergeCell ref="F2:F4"/></mergeCells>`)

// handmadeSheets are generated workbooks, each with the sheets on which the
// sheet reader must fall back (and why).
func handmadeSheets(t testing.TB) []struct {
	name     string
	data     []byte
	fallback map[string]string
} {
	prefixed := `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Partner Name</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Prefixed Inc</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>prefixed.example</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`
	noRefs := worksheet("", `<row><c t="inlineStr"><is><t>Company</t></is></c><c t="inlineStr"><is><t>Domain</t></is></c><c t="inlineStr"><is><t>Status</t></is></c></row><row><c t="inlineStr"><is><t>Alpha</t></is></c><c t="inlineStr"><is><t>alpha.example</t></is></c><c t="inlineStr"><is><t>Customer</t></is></c></row><row><c t="inlineStr"><is><t>Beta</t></is></c><c/><c t="inlineStr"><is><t>Prospect</t></is></c></row>`, "")
	lyingDimension := worksheet("A1:B2", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>One</t></is></c></row><row r="40"><c r="D40" t="inlineStr"><is><t>Far</t></is></c><c r="A40" t="inlineStr"><is><t>Forty</t></is></c></row>`, "")
	commented := worksheet("", `<!-- before --><row r="1"><c r="A1" t="s"><v>0</v></c></row>
	<!-- between rows -->
	<row r="2"><!-- in a row --><c r="A2"><!-- in a cell --><v>12</v></c></row>`, "")
	merged := worksheet("A1:C6", `<row r="1"><c r="A1" t="inlineStr"><is><t>Region</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>EMEA</t></is></c><c r="B2" t="inlineStr"><is><t>One</t></is></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>Two</t></is></c></row><row r="5"><c r="B5" t="inlineStr"><is><t>Five</t></is></c></row>`, `<mergeCells count="1"><mergeCell ref="A2:A5"/></mergeCells>`)
	duplicate := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Two</t></is></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>again</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Three</t></is></c></row>`, "")
	backwards := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="5"><c r="A5" t="inlineStr"><is><t>Five</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Three</t></is></c></row>`, "")
	dateType := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Dated</t></is></c><c r="B2" t="d" s="3"><v>2024-03-01T00:00:00Z</v></c></row>`, "")
	truncated := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Kept</t></is></c></row>`, "")
	truncated = truncated[:strings.Index(truncated, `<row r="2">`)+40]
	textInRow := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c>stray<c r="B1" t="s"><v>1</v></c></row>`, "")
	rowAfter := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, `<extLst><ext uri="x"><row r="2"><c r="A2" t="inlineStr"><is><t>late</t></is></c></row></ext></extLst>`)
	badRef := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="1A" t="inlineStr"><is><t>bad</t></is></c></row>`, "")
	entityValue := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>&unknown;</v></c></row>`, "")
	tooFar := worksheet("", `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>last</t></is></c></row><row r="1048577"><c r="A1048577" t="inlineStr"><is><t>past</t></is></c></row>`, "")
	emptyData := `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + mainNS + `><sheetData/></worksheet>`
	// Rows whose tags are named two ways in one sheet: the row's end tag is
	// made once per name, not once per sheet.
	mixedPrefixes := `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + mainNS + ` xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Partner Name</t></is></c></row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Mixed One</x:t></x:is></x:c></x:row><row r="3"><c r="A3" t="inlineStr"><is><t>Mixed Two</t></is></c></row><x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>Mixed Three</x:t></x:is></x:c></x:row><x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t>Mixed Four</x:t></x:is></x:c></x:row><row r="6"><c r="A6"><v>6</v></c></row></sheetData></worksheet>`
	// Inline strings of every form: the plain one is read without a copy,
	// the others as before.
	inlineForms := worksheet("", `<row r="1"><c r="A1" t="inlineStr"><is><t>Partner Name</t></is></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> Notes </t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>First</t><t>Second</t></is></c><c r="B2" t="inlineStr"><is><t>Plain</t><r><t>Run</t></r></is></c><c r="C2" t="inlineStr"><is><t>a &amp; b</t></is></c></row>`+
		`<row r="3"><c r="A3" t="inlineStr"><is><t></t></is></c><c r="B3" t="inlineStr"><is><t/></is></c><c r="C3" t="inlineStr"><is> <t>spaced</t> </is></c><c r="D3" t="inlineStr"><is><!-- c --><t>commented</t></is></c></row>`+
		`<row r="4"><c r="A4" t="inlineStr"><is><t>_x0041_ escaped</t></is></c><c r="B4" t="inlineStr"><is><t>tab	and
line</t></is></c><c r="C4" t="inlineStr"><is><t>crlf`+"\r\n"+`</t></is></c><c r="D4" t="inlineStr"><is><t><![CDATA[<cdata>]]></t></is></c></row>`, "")
	var dates strings.Builder
	dates.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="inlineStr"><is><t>Reviewed</t></is></c><c r="D1" t="inlineStr"><is><t>Met</t></is></c></row>`)
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&dates, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Partner %d</t></is></c><c r="B%d" s="5"><v>%d</v></c><c r="C%d" s="3"><v>%d.25</v></c><c r="D%d" s="11"><v>%d</v></c></row>`, i+2, i+2, i, i+2, 40000+i*37, i+2, 1+i*400, i+2, 43000+i)
	}
	datesSheet := worksheet("", dates.String(), "")
	return []struct {
		name     string
		data     []byte
		fallback map[string]string
	}{
		{"kitchen-sink.xlsx", handmadeBook(t, []string{kitchenSink, prefixed, noRefs, lyingDimension, commented, merged, emptyData}, handmadeStrings, handmadeStyles, false), nil},
		{"kitchen-sink-1904.xlsx", handmadeBook(t, []string{kitchenSink, datesSheet}, handmadeStrings, handmadeStyles, true), nil},
		{"dates-1900.xlsx", handmadeBook(t, []string{datesSheet}, handmadeStrings, handmadeStyles, false), nil},
		{"mixed-prefixes.xlsx", handmadeBook(t, []string{mixedPrefixes, inlineForms}, handmadeStrings, handmadeStyles, false), nil},
		{"no-styles.xlsx", handmadeBook(t, []string{kitchenSink}, handmadeStrings, "", false), nil},
		{"no-strings.xlsx", handmadeBook(t, []string{noRefs}, "", handmadeStyles, false), nil},
		{"fallbacks.xlsx", handmadeBook(t, []string{duplicate, backwards, dateType, truncated, textInRow, rowAfter, badRef, entityValue, tooFar}, handmadeStrings, handmadeStyles, false),
			map[string]string{"Sheet1": "out of order", "Sheet2": "out of order", "Sheet3": "", "Sheet4": "ends", "Sheet5": "text inside a row",
				"Sheet6": "after </sheetData>", "Sheet7": "reference", "Sheet8": "", "Sheet9": ""}},
	}
}

// TestSheetReaderGenerated compares the sheet reader with excelize on
// generated workbooks holding every kind of cell, and on those where it
// must fall back.
func TestSheetReaderGenerated(t *testing.T) {
	for _, tc := range handmadeSheets(t) {
		t.Run(tc.name, func(t *testing.T) {
			compareSheets(t, tc.name, tc.data, tc.fallback)
			compareReaders(t, tc.name, tc.data)
		})
	}
}

// TestSheetReaderStreamed reads the generated workbooks and those of
// testdata through the inflater in small chunks, so that chunks end inside
// every kind of tag and value: the window must give the same rows.
func TestSheetReaderStreamed(t *testing.T) {
	defer func(chunk int) { inflateChunk, streamSheets = chunk, false }(inflateChunk)
	streamSheets = true
	files, _ := filepath.Glob("testdata/*.xlsx")
	for _, chunk := range []int{1, 7, 64, 1000} {
		inflateChunk = chunk
		for _, tc := range handmadeSheets(t) {
			compareSheets(t, fmt.Sprintf("%s in %d-byte chunks", tc.name, chunk), tc.data, tc.fallback)
		}
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			compareSheets(t, fmt.Sprintf("%s in %d-byte chunks", filepath.Base(path), chunk), data, nil)
		}
	}
}

// TestSheetReaderWithheldSheets withholds every worksheet from excelize, as
// the big ones are (see withoutBigSheets): the sheet reader streams them
// from the file and gives what excelize gives once the workbook is made
// whole, on every fixture and every hand-made sheet, those it leaves to
// excelize included; the readers give the same results; Workbook holds
// every sheet.
func TestSheetReaderWithheldSheets(t *testing.T) {
	defer func(size int64) { bigSheet = size }(bigSheet)
	bigSheet = 1
	files, _ := filepath.Glob("testdata/*.xlsx")
	withheld := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, w := withoutBigSheets(data); len(w) > 0 {
			withheld++
		}
		compareSheets(t, filepath.Base(path)+" withheld", data, nil)
		compareReaders(t, filepath.Base(path)+" withheld", data)
	}
	for _, tc := range handmadeSheets(t) {
		compareSheets(t, tc.name+" withheld", tc.data, tc.fallback)
	}
	if withheld < len(files)/2 {
		t.Errorf("%d of %d fixtures had sheets withheld: the test compares too little", withheld, len(files))
	}
	data, err := os.ReadFile("testdata/deals-libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open("deals-libreoffice.xlsx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if len(f.withheld) == 0 {
		t.Fatal("no sheet was withheld")
	}
	book := f.Workbook()
	for _, s := range f.Sheets {
		if rows, err := book.GetRows(s); err != nil || len(rows) == 0 {
			t.Errorf("Workbook: sheet %q has %d rows, %v; want its rows", s, len(rows), err)
		}
	}
}

// TestSheetReaderBenchmarkBooks compares both ways on the benchmark
// workbooks: excelize's stream writer's inline strings and dates, and the
// deal export.
func TestSheetReaderBenchmarkBooks(t *testing.T) {
	for _, path := range []string{writeBenchXLSX(t, 3000)} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		compareSheets(t, filepath.Base(path), data, nil)
		compareReaders(t, filepath.Base(path), data)
	}
}

// TestSheetReaderLibreOffice100k compares both ways on issue 10's
// 100,000-row LibreOffice workbook (skipped with -short, and without
// LibreOffice).
func TestSheetReaderLibreOffice100k(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100,000 rows four times")
	}
	data, err := os.ReadFile(libreOfficeBook(t, 100_000))
	if err != nil {
		t.Fatal(err)
	}
	compareSheets(t, "partners-libreoffice-100000x20.xlsx", data, nil)
	f, err := Open("partners-libreoffice-100000x20.xlsx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	read := func(fast bool) *Result {
		old := fastSheets
		fastSheets = fast
		defer func() { fastSheets = old }()
		res, err := ReadPartners(f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if got, want := read(true), read(false); !reflect.DeepEqual(got, want) {
		t.Errorf("ReadPartners differs with the sheet reader on the LibreOffice workbook")
	}
}
