package planbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// streamedRows writes rows with excelize's StreamWriter, which the row
// encoder replaces, and returns what it wrote between <sheetData> and
// </sheetData>.
func streamedRows(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := sw.SetRow(cell(0, i+1), r); err != nil {
			t.Fatalf("excelize SetRow %d: %v", i+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	xml := zipFiles(t, buf.Bytes())["xl/worksheets/sheet1.xml"]
	start, end := strings.Index(xml, "<sheetData>"), strings.Index(xml, "</sheetData>")
	if start < 0 || end < 0 {
		t.Fatalf("no sheetData in %.300s", xml)
	}
	return xml[start+len("<sheetData>") : end]
}

// TestRowEncoderWritesWhatExcelizeWrites compares the row encoder with
// excelize's StreamWriter byte for byte on every kind of value the workbook
// writes and on the strings that need care: escaping, spaces, control
// characters, invalid UTF-8, _xHHHH_ sequences, cells too long for Excel.
func TestRowEncoderWritesWhatExcelizeWrites(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	if paris == nil {
		paris = time.FixedZone("CET", 3600)
	}
	strs := []string{
		"Acme", "Société Générale", "Zoë & Co <b>", `say "hi" it's`, " leading", "trailing ", "\tTab", "line\nbreak",
		"crlf\r\nend", "bell\x07", "vt\x0b", "nul\x00byte", "bad \xff utf8", "\uFFFD replacement", "non-char \uFFFE",
		"emoji 😀", "_x0041_", "_x005F_x0041_", "a_x12G4_b", "_x005F_", "x_x00e9_y_x005f_", "=1+1", "@SUM(1)",
		"", " ", "\n", "Référence client à Paris — \"très bon\"", "Q3 QBR: pipeline ≥ $1M",
		strings.Repeat("a", 32767), strings.Repeat("b", 40000), strings.Repeat("é", 20000), strings.Repeat("😀", 17000),
		strings.Repeat("x", 32766) + "😀",
	}
	floats := []float64{0, math.Copysign(0, -1), 0.1, 1.0 / 3, 0.1 + 0.2, 1e21, 1e-7, 123456789012345678, -2.5,
		37.5, 100, math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1), 1234567.891011121314}
	var values []any
	for _, s := range strs {
		values = append(values, s, []byte(s), excelize.Cell{Formula: "A1&B1", Value: s}, excelize.Cell{StyleID: 3, Value: s})
	}
	for _, v := range floats {
		values = append(values, v, float32(v), excelize.Cell{StyleID: 2, Value: v}, excelize.Cell{Formula: "SUM(A1:A3)", Value: v})
	}
	values = append(values, 0, -1, 42, math.MaxInt64, int8(-8), int16(16), int32(-32), int64(64), uint(1), uint8(8),
		uint16(16), uint32(32), uint64(math.MaxUint64), true, false, nil,
		excelize.Cell{Formula: `IF(A1>0,"yes","no")`}, excelize.Cell{Formula: "A1", Value: true},
		excelize.Cell{Formula: "A1", Value: 7}, excelize.Cell{StyleID: -4, Value: "negative style"},
		excelize.Cell{StyleID: 5}, &excelize.Cell{StyleID: 2, Value: 1.5}, (*excelize.Cell)(nil),
		struct{ A, B int }{1, 2}, time.Second > 0,
	)
	for _, d := range []time.Time{
		time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 3, 1, 12, 30, 0, 0, time.UTC), time.Date(1899, 12, 31, 6, 0, 0, 0, time.UTC),
		time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC), time.Date(2025, 10, 26, 2, 30, 0, 0, paris),
		time.Date(2026, 12, 3, 23, 59, 59, 999, time.FixedZone("IST", 19800)), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		values = append(values, excelize.Cell{StyleID: 1, Value: d})
	}
	// Rows of up to 30 cells, with gaps, so that every value is met in
	// several columns.
	rng := rand.New(rand.NewPCG(1, 2))
	var rows [][]any
	for i := 0; i < len(values); {
		n := 1 + rng.IntN(30)
		row := make([]any, n)
		for j := range row {
			if i < len(values) && rng.IntN(5) > 0 {
				row[j] = values[i]
				i++
			}
		}
		rows = append(rows, row)
	}
	rows = append(rows, nil, []any{}, []any{nil, nil, "after gaps"})
	want := streamedRows(t, rows)
	var enc rowEncoder
	for i, r := range rows {
		if err := enc.row(i+1, r); err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
	}
	if got := string(enc.buf); got != want {
		at := 0
		for at < len(got) && at < len(want) && got[at] == want[at] {
			at++
		}
		t.Errorf("the encoder differs from excelize at byte %d of %d:\n got …%.200s\nwant …%.200s", at, len(want), got[max(0, at-100):], want[max(0, at-100):])
	}
}

// TestRowEncoderRefusesWhatItCannotWrite: a value excelize would write with
// a style of its own, or as rich text, is an error, not a silently wrong
// cell.
func TestRowEncoderRefusesWhatItCannotWrite(t *testing.T) {
	for _, v := range []any{time.Now(), time.Minute, []excelize.RichTextRun{{Text: "x"}}} {
		var enc rowEncoder
		if err := enc.row(1, []any{v}); err == nil {
			t.Errorf("%T written without an error", v)
		}
	}
}

// TestSharedFormulas: the Score and Tier formulas are shared, written in
// full once, and every reader that expands them (excelize here, LibreOffice
// in TestLibreOfficeRoundTrip) finds each row's own formula.
func TestSharedFormulas(t *testing.T) {
	e := bigEcosystem(300)
	data, f := export(t, e)
	xml := partnersXML(t, zipFiles(t, data))
	if n := strings.Count(xml, "<f>"); n != 0 {
		t.Errorf("%d formulas written in full, want 0: every Score and Tier formula is shared", n)
	}
	if n := strings.Count(xml, `<f t="shared" ref="`); n != 2 {
		t.Errorf("%d shared formulas, want 2 (Score, Tier)", n)
	}
	b, err := newBook(e, Options{Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	defer b.f.Close()
	score, tier := cell(b.cols.Index(colScore), 0), cell(b.cols.Index(colTier), 0)
	score, tier = strings.TrimSuffix(score, "0"), strings.TrimSuffix(tier, "0")
	for r := 2; r <= len(e.Partners)+1; r += 37 {
		for _, c := range []struct {
			col  string
			want string
		}{{score, b.scoreFormula(r)}, {tier, b.tierFormula(r)}} {
			got, err := f.GetCellFormula(SheetPartners, c.col+strconv.Itoa(r))
			if err != nil || got != c.want {
				t.Fatalf("%s%d: formula %q (%v), want %q", c.col, r, got, err, c.want)
			}
		}
	}
}

// TestSharedFormulaOutsideItsRun: a shared cell met in another column or
// after its last row is written in full.
func TestSharedFormulaOutsideItsRun(t *testing.T) {
	tpl := rowTemplate(func(r int) string { return fmt.Sprintf("A%d*2", r) })
	var enc rowEncoder
	for r := 2; r <= 5; r++ {
		cells := []any{r, sharedCell{t: &tpl, last: 4, value: 2 * r}}
		if r == 3 {
			cells = append(cells, sharedCell{t: &tpl, last: 4, value: 6})
		}
		if err := enc.row(r, cells); err != nil {
			t.Fatal(err)
		}
	}
	got := string(enc.buf)
	for _, want := range []string{
		`<c r="B2" t=""`, // never: a number has no t
	} {
		if strings.Contains(got, want) {
			t.Errorf("wrote %s", want)
		}
	}
	for _, want := range []string{
		`<c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>4</v></c>`,
		`<c r="B3"><f t="shared" si="0"/><v>6</v></c>`,
		`<c r="C3"><f>A3*2</f><v>6</v></c>`,
		`<c r="B4"><f t="shared" si="0"/><v>8</v></c>`,
		`<c r="B5"><f>A5*2</f><v>10</v></c>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
}

func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	data := make([]byte, 3<<20)
	for i := range data {
		data[i] = byte(rng.IntN(256))
	}
	for _, cut := range []int{0, 1, 7, 4096, 1 << 20, len(data) - 1, len(data)} {
		a, b := data[:cut], data[cut:]
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
		if want := crc32.ChecksumIEEE(data); got != want {
			t.Errorf("cut at %d: combined %08x, want %08x", cut, got, want)
		}
	}
}

// TestChunkedEntry: a sheet body deflated in many chunks on several
// goroutines inflates to exactly the XML written, under the right CRC.
func TestChunkedEntry(t *testing.T) {
	d := newDeflater()
	var p deflatedPart
	var want bytes.Buffer
	prefix, suffix := []byte(`<worksheet><sheetData>`), []byte(`</sheetData></worksheet>`)
	want.Write(prefix)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 7 {
		raw := d.buffer()
		for len(raw) < chunkSize+rng.IntN(chunkSize/2) {
			raw = fmt.Appendf(raw, `<row r="%d"><c><v>%d</v></c></row>`, rng.IntN(1e6), rng.Int64())
		}
		want.Write(raw)
		d.add(&p, raw)
	}
	d.add(&p, d.buffer()) // an empty chunk is no chunk
	d.wait()
	want.Write(suffix)
	var out bytes.Buffer
	e := d.entry(prefix, &p, suffix)
	if err := e.writeTo(&out); err != nil {
		t.Fatal(err)
	}
	if int64(out.Len()) != e.compressed {
		t.Errorf("%d bytes written, %d announced", out.Len(), e.compressed)
	}
	crc, size := e.crc, e.size
	got, err := io.ReadAll(flate.NewReader(&out))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("inflated %d bytes differ from the %d written", len(got), want.Len())
	}
	if size != int64(want.Len()) || crc != crc32.ChecksumIEEE(want.Bytes()) {
		t.Errorf("size %d crc %08x, want %d %08x", size, crc, want.Len(), crc32.ChecksumIEEE(want.Bytes()))
	}
}

// TestBigWorkbookEntries: in a workbook whose sheets span many chunks every
// part inflates under its CRC (archive/zip checks it) and excelize reads
// every partner back.
func TestBigWorkbookEntries(t *testing.T) {
	e := bigEcosystem(12_000)
	data, f := export(t, e)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			t.Errorf("%s: %v", zf.Name, err)
		}
		rc.Close()
	}
	rows, err := f.GetRows(SheetPartners)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(e.Partners)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(e.Partners)+1)
	}
	for i, p := range e.Partners {
		if rows[i+1][0] != p.Name {
			t.Fatalf("row %d: %q, want %q", i+2, rows[i+1][0], p.Name)
		}
	}
}

// TestEscapingIsEncodingXMLs: appendEscaped writes what xml.EscapeText
// writes, for every byte alone and for random mixes of ASCII, accents,
// emoji, control characters and invalid UTF-8.
func TestEscapingIsEncodingXMLs(t *testing.T) {
	var cases []string
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"é")
	}
	pieces := []string{"a", "Z", " ", "\"", "'", "&", "<", ">", "\t", "\n", "\r", "\x01", "\x7f", "é", "😀", "\xff", "\xe2\x82", "\uFFFD", "\uFFFE", "IF(", "$F$5"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		var want bytes.Buffer
		_ = xml.EscapeText(&want, []byte(s))
		if got := string(appendEscaped(nil, s)); got != want.String() {
			t.Fatalf("%q: escaped %q, encoding/xml %q", s, got, want.String())
		}
		keep := strings.ReplaceAll(want.String(), "&#xA;", "\n")
		if got := string(appendEscapedText(nil, s, true)); got != keep {
			t.Fatalf("%q, line feeds kept: %q, want %q", s, got, keep)
		}
	}
}

// TestSharedDealFormulas: the formulas of the Deals sheet are shared, and
// every row's, as excelize expands it, is the one its template gives.
func TestSharedDealFormulas(t *testing.T) {
	e := dealEcosystem()
	data, f := export(t, e)
	rows, err := f.GetRows(SheetDeals)
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	influencers := 0
	for _, h := range head {
		if strings.HasPrefix(h, "Influenced by") {
			influencers++
		}
	}
	l := newDealLayout(influencers, len(e.Deals.Deals))
	if !slices.Equal(l.headers, head) {
		t.Fatalf("layout %v, sheet %v", l.headers, head)
	}
	for r := 2; r <= len(e.Deals.Deals)+1; r++ {
		for h, want := range l.dealFormulas(r) {
			got, err := f.GetCellFormula(SheetDeals, l.ref(h, r))
			if err != nil || got != want {
				t.Fatalf("%s of row %d: %q (%v), want %q", h, r, got, err, want)
			}
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	names, err := sheetParts(zr)
	if err != nil {
		t.Fatal(err)
	}
	deals := zipFiles(t, data)[names[SheetDeals]]
	if n := strings.Count(deals, `<f t="shared" si="`); n < len(l.dealFormulas(2))*(len(e.Deals.Deals)-1) {
		t.Errorf("%d shared formula cells, want one for each templated column of every row but the first", n)
	}
}
