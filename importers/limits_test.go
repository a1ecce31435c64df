package importers

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// bombSheetSize is how much the zip bomb's worksheet unpacks to.
const bombSheetSize = 1 << 30

// zipBomb returns an .xlsx of about 3 MB whose worksheet unpacks to
// bombSheetSize bytes of XML. With lie, the zip headers claim the sheet is
// small, as a hand-made bomb would.
func zipBomb(t testing.TB, lie bool) []byte { return zipBombOf(t, lie, bombSheetSize) }

// rezipped is a one-partner workbook, its parts copied raw into a new zip
// but for those edit handles (it returns true for a part it wrote itself).
// edit may add parts at the end, when called with a nil part.
func rezipped(t testing.TB, edit func(zw *zip.Writer, f *zip.File) bool) []byte {
	t.Helper()
	base := workbook(t, sheet{name: "Sheet1", rows: [][]any{{"Partner Name"}, {"Acme"}}})
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if edit(zw, f) {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	edit(zw, nil)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func zipBombOf(t testing.TB, lie bool, sheetSize int) []byte {
	t.Helper()
	return rezipped(t, func(zw *zip.Writer, f *zip.File) bool {
		if f != nil {
			return f.Name == "xl/worksheets/sheet1.xml"
		}
		writeBombSheet(t, zw, lie, sheetSize)
		return true
	})
}

// writeBombSheet writes a sheet of sheetSize bytes of XML that deflate
// packs tight; with lie, its header claims 4 kB.
func writeBombSheet(t testing.TB, zw *zip.Writer, lie bool, sheetSize int) {
	// The sheet: one header row, then the same row over and over.
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	head := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Partner Name</t></is></c></row>`
	tail := `</sheetData></worksheet>`
	_, _ = io.WriteString(w, head)
	filler := bytes.Repeat([]byte(`<row><c t="inlineStr"><is><t>Acme</t></is></c></row>`), 1<<14)
	n := len(head) + len(tail)
	for n+len(filler) <= sheetSize {
		_, _ = w.Write(filler)
		n += len(filler)
	}
	_, _ = io.WriteString(w, tail)
	_ = fw.Close()
	size := uint64(n)
	if lie {
		size = 4096
	}
	hw, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc.Sum32(), CompressedSize64: uint64(comp.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = hw.Write(comp.Bytes())
}

// TestZipBomb reads two zip bombs (and a sheet past Excel's last row) in a child process (so that its peak memory
// can be measured alone) and wants each refused within seconds, as
// TooLarge or BadFile, with the child's peak memory under 300 MB.
func TestZipBomb(t *testing.T) {
	if lie := os.Getenv("PARTNERATLAS_BOMB_CHILD"); lie != "" {
		data := zipBomb(t, lie == "lie")
		if lie == "under" { // under the unzip limit: 2.4 million rows, past Excel's
			data = zipBombOf(t, false, 128<<20)
		}
		start := time.Now()
		_, err := Read("bomb.xlsx", data, Options{})
		fmt.Printf("bomb: %d bytes, %v, kind %q: %v\n", len(data), time.Since(start).Round(time.Millisecond), KindOf(err), err)
		if k := KindOf(err); k != TooLarge && k != BadFile {
			t.Fatalf("Read(bomb) = %v (kind %q), want TooLarge or BadFile", err, k)
		}
		return
	}
	if testing.Short() {
		t.Skip("the zip bomb takes a few seconds to build")
	}
	for _, lie := range []string{"honest", "lie", "under"} {
		t.Run(lie, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestZipBomb$", "-test.v")
			cmd.Env = append(os.Environ(), "PARTNERATLAS_BOMB_CHILD="+lie)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			took := time.Since(start)
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			peak := ru.Maxrss >> 10 // kB on Linux
			for _, l := range strings.Split(string(out), "\n") {
				if strings.HasPrefix(l, "bomb:") {
					t.Logf("%s (child: %v, peak memory %d MB)", l, took.Round(time.Millisecond), peak)
				}
			}
			if lie == "under" {
				// Not a bomb but a real 1,048,577-row sheet: refused at the
				// last row, after reading a million partners, whose memory
				// is the import's own (see BenchmarkReadCSV1M).
				return
			}
			if peak > 300 {
				t.Errorf("peak memory %d MB reading the bomb, want under 300 MB", peak)
			}
			if took > 60*time.Second {
				t.Errorf("the bomb took %v to refuse", took)
			}
		})
	}
}

// TestZipLiesUp: a tiny workbook whose sheet claims to unpack to 500 MB is
// refused before excelize allocates for the claim (it allocated 503 MB and
// then said the sheet was empty).
func TestZipLiesUp(t *testing.T) {
	liar := rezipped(t, func(zw *zip.Writer, f *zip.File) bool {
		if f == nil || f.Name != "xl/worksheets/sheet1.xml" {
			return false
		}
		h := f.FileHeader
		h.UncompressedSize64 = 500 << 20
		raw, _ := f.OpenRaw()
		w, _ := zw.CreateRaw(&h)
		_, _ = io.Copy(w, raw)
		return true
	})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Read("liar.xlsx", liar, Options{})
	runtime.ReadMemStats(&after)
	if KindOf(err) != BadFile || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("Read = %v, want BadFile (damaged)", err)
	}
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 50 {
		t.Errorf("Read allocated %d MB for a %d-byte file", mb, len(liar))
	}
}

// TestLimits checks what is past Excel's limits: a sheet that says it spans
// more rows or columns than Excel has, a row past row 1,048,576, and a cell
// longer than Excel keeps.
func TestLimits(t *testing.T) {
	withSheet := func(xml string) []byte { return fuzzSheet([]byte(xml)) }
	const ws = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
	huge := strings.Repeat("x", maxCellChars+1)
	tests := []struct {
		name string
		data []byte
		kind Kind // of the error; "" = imported with a TooLarge problem
	}{
		{"absurd dimension", withSheet(ws + `<dimension ref="A1:XFD99999999"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`), TooLarge},
		{"absurd columns", withSheet(ws + `<dimension ref="A1:ZZZZ9"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`), TooLarge},
		{"row past the limit", withSheet(ws + `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048577"><c r="A1048577" t="s"><v>2</v></c></row></sheetData></worksheet>`), TooLarge},
		{"huge cell", withSheet(ws + `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>` + huge + `</t></is></c></row></sheetData></worksheet>`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read("limits.xlsx", tt.data, Options{})
			if KindOf(err) != tt.kind {
				t.Fatalf("Read = %v (kind %q), want kind %q", err, KindOf(err), tt.kind)
			}
			if tt.kind == "" && len(problemsOf(res, TooLarge)) != 1 {
				t.Errorf("problems:\n%s\nwant one TooLarge", problemList(res))
			}
		})
	}
}

// TestPassword opens a workbook encrypted by excelize with its password, and
// says Encrypted without it or with a wrong one.
func TestPassword(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Partner Name", "Shared ICP"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"Acme", 4})
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "s3cret ü"}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	for _, tt := range []struct {
		password string
		kind     Kind
		want     string
	}{
		{"", Encrypted, "Type its password"},
		{"wrong", Encrypted, "the password is not right"},
		{"s3cret ü", "", ""},
	} {
		res, err := Read("locked.xlsx", data, Options{Password: tt.password})
		if KindOf(err) != tt.kind || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Read(password %q) = %v, want kind %q saying %q", tt.password, err, tt.kind, tt.want)
		}
		if err == nil && (len(res.Partners) != 1 || valueOf(res.Partners[0], "shared_icp") != 4) {
			t.Errorf("Read(password %q) = %+v, want Acme with Shared ICP 4", tt.password, res.Partners)
		}
	}
}

// TestMergedCells: a header merged over two rows is joined, a header merged
// across two columns names the first, and a value merged down over data rows
// belongs to each row.
func TestMergedCells(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Partner Name", "Scores", nil, "Region"},
		{nil, "Shared ICP", "Product Alignment", nil},
		{"Acme", 4, 3, "EMEA"},
		{"Beta", 2, 5, nil},
		{"Gamma", 1, 1, "APAC"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	for _, m := range [][2]string{{"A1", "A2"}, {"B1", "C1"}, {"D1", "D2"}, {"D3", "D4"}} {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	_ = f.Write(&buf)
	res, err := Read("merged.xlsx", buf.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Columns {
		got = append(got, c.Header+"→"+string(c.Field))
	}
	want := "Partner Name→name|Scores Shared ICP→extra|Scores Product Alignment→extra|Region→region"
	if strings.Join(got, "|") != want {
		t.Errorf("columns = %q, want %q", strings.Join(got, "|"), want)
	}
	if res.HeaderRow != 1 || res.Rows != 3 {
		t.Errorf("header row %d, %d rows; want 1 and 3", res.HeaderRow, res.Rows)
	}
	for _, p := range res.Partners {
		want := map[string]string{"Acme": "EMEA", "Beta": "EMEA", "Gamma": "APAC"}[p.Name]
		if p.Region != want {
			t.Errorf("%s region = %q, want %q (D3:D4 merged)", p.Name, p.Region, want)
		}
	}
}

// TestErrorCells: error values in criterion and name cells are warnings.
func TestErrorCells(t *testing.T) {
	data := []byte("Partner Name,Shared ICP,Notes\nAcme,#DIV/0!,#N/A\n#REF!,3,x\nBeta,4,\n")
	res, err := Read("errors.csv", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Partners) != 2 || len(problemsOf(res, BadValue)) != 2 {
		t.Fatalf("%d partners; problems:\n%s\nwant Acme and Beta, two warnings", len(res.Partners), problemList(res))
	}
	if _, ok := res.Partners[0].Value("shared_icp"); ok || extra(t, res.Partners[0], "Notes") != "#N/A" {
		t.Errorf("Acme = %+v, want no Shared ICP and Notes kept as #N/A", res.Partners[0])
	}
}

// TestNumbersAsWritten reads numbers the way users write them.
func TestNumbersAsWritten(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1,026,746", 1026746, true}, {"$1,337.00", 1337, true}, {"42%", 0.42, true}, {"1.234,56", 1234.56, true},
		{" 9.8 M", 9.8e6, true}, {"3k", 3000, true}, {"(12)", -12, true}, {"-$5", -5, true}, {"12 €", 12, true},
		{"1,337", 1337, true}, {"3,5", 3.5, true}, {"0,125", 0.125, true}, {"1.234.567", 1234567, true},
		{"0123", 123, true}, {"1e3", 1000, true}, {"Inf", 0, false}, {"NaN", 0, false}, {"0x10", 0, false},
		{"2024-01-02", 0, false}, {"high", 0, false}, {"%", 0, false}, {"M", 0, false}, {"$", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseNumber(tt.in)
		if ok != tt.ok || (ok && (got-tt.want > 1e-9 || tt.want-got > 1e-9)) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// In a file: a criterion given as a percentage is value/100 and, off
	// the 1–5 scale, reported; "0123" in a text column stays text.
	res, err := Read("n.csv", []byte("Partner Name;Shared ICP;Account ID\nAcme;80%;0123\nBeta;1.234,56;0042\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v := valueOf(res.Partners[0], "shared_icp"); v != 0.8 || extra(t, res.Partners[0], "Account ID") != "0123" {
		t.Errorf("Acme = %v, %q; want 0.8 and 0123", v, extra(t, res.Partners[0], "Account ID"))
	}
	if n := len(problemsOf(res, BadValue)); n != 2 {
		t.Errorf("problems:\n%s\nwant two out-of-scale values", problemList(res))
	}
}

// TestRawReadMatchesExcel: the fast path (raw values, dates formatted by the
// importer) shows every cell as excelize's formatted reading does, below the
// rows it learnt the formats from too; a column formatted otherwise (here a
// percentage) keeps excelize's formatting.
func TestRawReadMatchesExcel(t *testing.T) {
	for _, percent := range []bool{false, true} {
		f := excelize.NewFile()
		d14, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		d22, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
		iso := "yyyy-mm-dd"
		dISO, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &iso})
		pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
		_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Partner Name", "Signed On", "Updated", "Renewal", "Share", "Seats"})
		day := time.Date(2023, 12, 30, 0, 0, 0, 0, time.UTC)
		for i := range 200 {
			r := i + 2
			_ = f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r), &[]any{fmt.Sprintf("P%d", i), day.AddDate(0, 0, i*37), day.Add(time.Duration(i) * 7 * time.Hour), day.AddDate(0, i, 0), 0.25 + float64(i)/1000, i * 1000})
			_ = f.SetCellStyle("Sheet1", fmt.Sprintf("B%d", r), fmt.Sprintf("B%d", r), d14)
			_ = f.SetCellStyle("Sheet1", fmt.Sprintf("C%d", r), fmt.Sprintf("C%d", r), d22)
			_ = f.SetCellStyle("Sheet1", fmt.Sprintf("D%d", r), fmt.Sprintf("D%d", r), dISO)
			if percent {
				_ = f.SetCellStyle("Sheet1", fmt.Sprintf("E%d", r), fmt.Sprintf("E%d", r), pct)
			}
		}
		var buf bytes.Buffer
		_ = f.Write(&buf)
		// The reference: excelize's formatted reading of the saved file, as
		// the importer did before it read raw values.
		saved, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := saved.GetRows("Sheet1")
		res, err := Read("dates.xlsx", buf.Bytes(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range res.Partners {
			for c, h := range want[0][1:] {
				if got := extra(t, p, h); got != want[i+1][c+1] {
					t.Fatalf("percent %v: row %d %s = %q, want %q as excelize shows it", percent, i+2, h, got, want[i+1][c+1])
				}
			}
		}
	}
}

func TestGeneralNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0.282000000000000": "0.282", "0.28200000000000003": "0.282", "1.0000000000000002": "1",
		"0123": "0123", "2.0": "2.0", "1234567890123456": "1234567890123456", "3.14": "3.14",
		"12345678901234567890.5": "1.23456789012346E+19", "Acme 1.000000000000000": "Acme 1.000000000000000",
	} {
		if got := generalNumber(in); got != want {
			t.Errorf("generalNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
