package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"partneratlas/core"
)

// MaxFileSize is the largest file an import accepts: 1 GiB.
const MaxFileSize = 1 << 30

// Options are the choices a user can make in the import preview. The zero
// value imports automatically.
//
// Formal partner: when no column says whether a partner has a contract,
// every partner is formal (a partner list lists partners); when the column
// is there, a blank cell also means formal, and only a "No" (or n, false, 0)
// makes a partner informal.
type Options struct {
	Sheet     string         // "" = choose the sheet that holds the partner table
	HeaderRow int            // 0 = detect; else the 1-based row the user chose
	Scorecard core.Scorecard // criteria to match columns against; zero = core.DefaultScorecard()
	// Columns holds the user's mapping changes by 0-based column index (from
	// the preview); nil = automatic. Only Field and Criterion are read; an
	// entry with an empty Field changes nothing.
	Columns map[int]Column
	// Encoding of text files: "" = detect; else a name such as "utf-8",
	// "utf-16le", "utf-16be", "windows-1252" or "iso-8859-7".
	Encoding string
	// Password opens a password-protected workbook. Read returns an error of
	// Kind Encrypted when a workbook needs one and it is missing or wrong:
	// the preview then asks for it and reads again.
	Password string
}

// Result is one file read: where the partner table was found, how its
// columns map, the partners and the problems.
type Result struct {
	File         string   // the file's base name
	Sheet        string   // the sheet read; "" for text files
	Sheets       []string // every sheet of a workbook, in order
	HiddenSheets []string // the hidden ones among Sheets
	HeaderRow    int      // 1-based
	Columns      []Column
	Rows         int // data rows read below the header (blank rows not counted)
	Partners     []*core.Partner
	Problems     []Problem
	// Sample holds the first data rows as written (up to SampleRows), so the
	// preview can show what each column holds.
	Sample [][]string
	// Encoding and Delimiter say how a text file was read ("utf-8",
	// "utf-16le", "windows-1252"…; ',', ';', '\t' or '|').
	Encoding  string
	Delimiter rune
	// Plan is set when the file is a plan workbook written by Partner Atlas;
	// then Partners are Plan.Partners.
	Plan *core.Ecosystem
}

// ReadFile imports the file at path, choosing the reader by the file's first
// bytes and then by its extension. See Read.
func ReadFile(path string, opt Options) (*Result, error) {
	data, err := readUserFile(path, "a spreadsheet", " Split it, or remove columns it does not need.")
	if err != nil {
		return nil, err
	}
	return Read(path, data, opt)
}

// readUserFile reads the file the user chose at path, refusing a folder, a
// file that cannot be opened and one larger than MaxFileSize. choose names
// what to pick inside a folder ("a spreadsheet"); tooLarge is added to the
// message for a file too large.
func readUserFile(path, choose, tooLarge string) ([]byte, error) {
	file := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, fail(BadFile, file, err, "the file could not be opened: %s", plainOSError(err))
	}
	if st.IsDir() {
		return nil, fail(BadFile, file, nil, "this is a folder, not a file. Choose %s inside it.", choose)
	}
	if st.Size() > MaxFileSize {
		return nil, fail(TooLarge, file, nil, "the file is %s MB; Partner Atlas imports files up to %d MB.%s", thousands(int(st.Size()>>20)), MaxFileSize>>20, tooLarge)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fail(BadFile, file, err, "the file could not be read: %s", plainOSError(err))
	}
	return data, nil
}

// Read imports a file held in memory; name gives its base name and
// extension. .xlsx workbooks and text files (.csv, .tsv, .txt) are read;
// legacy .xls, .xlsb, .ods and encrypted workbooks are refused with an
// *Error saying how to convert them.
//
// When the error's Kind is MissingColumn or NoHeader, Read also returns a
// Result describing the sheet (Sheets, Sheet, HeaderRow, Columns, Sample) so
// the preview can let the user map the columns by hand and read again with
// Options.Columns or Options.HeaderRow.
func Read(name string, data []byte, opt Options) (res *Result, err error) {
	file := filepath.Base(name)
	defer func() {
		if r := recover(); r != nil {
			res = nil
			err = fail(BadFile, file, fmt.Errorf("panic: %v\n%s", r, debug.Stack()),
				"Partner Atlas could not read this file: it looks damaged. Open it in Excel or LibreOffice, save it again as .xlsx (Excel Workbook), then import that file.")
		}
	}()
	if len(opt.Scorecard.Criteria) == 0 {
		opt.Scorecard = core.DefaultScorecard()
	}
	if int64(len(data)) > MaxFileSize {
		return nil, fail(TooLarge, file, nil, "the file is %s MB; Partner Atlas imports files up to %d MB.", thousands(len(data)>>20), MaxFileSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(Empty, file, nil, "the file is empty.")
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		if err := checkZip(file, data); err != nil {
			return nil, err
		}
		return readXLSX(file, data, opt)
	case bytes.HasPrefix(data, oleMagic):
		if isEncrypted(data) {
			if opt.Password == "" {
				return nil, fail(Encrypted, file, nil, encryptedMessage)
			}
			return readXLSX(file, data, opt) // excelize decrypts it with the password
		}
		return nil, fail(Unsupported, file, nil, legacyXLSMessage)
	}
	if what := binaryKind(data); what != "" {
		return nil, fail(BadFile, file, nil, "this is %s, not a spreadsheet. Choose an .xlsx workbook or a .csv file.", what)
	}
	if what := markupKind(data); what != "" {
		return nil, fail(Unsupported, file, nil, "this is %s saved under a spreadsheet's name, which Partner Atlas cannot read. Open it in Excel and save it as .xlsx (Excel Workbook) or .csv, then import that file.", what)
	}
	ext := strings.ToLower(filepath.Ext(file))
	switch ext {
	case ".xlsb", ".ods", ".numbers":
		return nil, fail(BadFile, file, nil, "the file is named %s but is not a real %s file: it may be damaged or renamed. Open it in the program that made it and save it as .xlsx (Excel Workbook) or .csv.", ext, ext)
	}
	res, err = readText(file, data, opt)
	if res != nil && (ext == ".xlsx" || ext == ".xlsm" || ext == ".xls") {
		res.Problems = append([]Problem{{Kind: BadFile, File: file, Message: fmt.Sprintf(
			"the file is named %s but holds text, not a workbook; it was read as a CSV file. Check that the columns came out right.", ext)}}, res.Problems...)
	}
	return res, err
}

// oleMagic starts every OLE2 compound file: legacy .xls, and the envelope
// Office puts around an encrypted .xlsx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// isEncrypted says whether an OLE2 file is an encrypted Office document: its
// directory names an "EncryptionInfo" stream (names are UTF-16LE).
func isEncrypted(data []byte) bool {
	var u16 []byte
	for _, c := range []byte("EncryptionInfo") {
		u16 = append(u16, c, 0)
	}
	return bytes.Contains(data, u16) || bytes.Contains(data, []byte("EncryptionInfo"))
}

// checkZip looks inside a zip archive to refuse, by name, what is not an
// .xlsx workbook.
func checkZip(file string, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(BadFile, file, err, "the file is damaged (its zip structure cannot be read). Open it in Excel or LibreOffice and save it again as .xlsx, then import.")
	}
	has := map[string]bool{}
	mimetype := ""
	for _, f := range zr.File {
		if lies(f) {
			return fail(BadFile, file, nil, "the file is damaged: the part %s says it unpacks to %s MB, which its %s bytes cannot hold. Open it in Excel or LibreOffice and save it again as .xlsx, then import.", quote(f.Name), thousands(int(f.UncompressedSize64>>20)), thousands(int(f.CompressedSize64)))
		}
		name := strings.ToLower(f.Name)
		has[name] = true
		if top, _, ok := strings.Cut(name, "/"); ok {
			has[top+"/"] = true
		}
		if name == "mimetype" && f.UncompressedSize64 < 200 {
			if rc, err := f.Open(); err == nil {
				b := make([]byte, 200)
				n, _ := rc.Read(b)
				rc.Close()
				mimetype = string(b[:n])
			}
		}
	}
	const convert = "save it as .xlsx (Excel Workbook) or .csv, then import that file."
	switch {
	case has["xl/workbook.bin"]:
		return fail(Unsupported, file, nil, "this is an Excel Binary Workbook (.xlsb), which Partner Atlas cannot read. Open it in Excel and "+convert)
	case strings.Contains(mimetype, "opendocument.spreadsheet"):
		return fail(Unsupported, file, nil, "this is an OpenDocument spreadsheet (.ods), which Partner Atlas cannot read. Open it in LibreOffice Calc and "+convert)
	case mimetype != "":
		return fail(BadFile, file, nil, "this is an OpenDocument file (%s), not a spreadsheet. Choose an .xlsx workbook or a .csv file.", mimetype)
	case has["index/"] && !has["xl/"]:
		return fail(Unsupported, file, nil, "this looks like an Apple Numbers document, which Partner Atlas cannot read. In Numbers choose File › Export To › Excel, then import the .xlsx file.")
	case has["word/"]:
		return fail(BadFile, file, nil, "this is a Word document, not a spreadsheet. Choose an .xlsx workbook or a .csv file.")
	case has["ppt/"]:
		return fail(BadFile, file, nil, "this is a PowerPoint presentation, not a spreadsheet. Choose an .xlsx workbook or a .csv file.")
	case !has["xl/"]:
		return fail(BadFile, file, nil, "this is a zip archive, not a spreadsheet. Unzip it and import the .xlsx or .csv file inside.")
	}
	return nil
}

// lies says whether a zip entry claims more unpacked bytes than its packed
// bytes can hold (deflate packs at most about 1,032 to 1). excelize sizes its
// buffer by that claim, so a 3 kB file claiming a 500 MB sheet would make it
// allocate 500 MB before finding out: found by FuzzReadXLSX.
func lies(f *zip.File) bool {
	switch f.Method {
	case zip.Store:
		return f.UncompressedSize64 != f.CompressedSize64
	case zip.Deflate:
		return f.UncompressedSize64 > f.CompressedSize64*1032+1<<16
	}
	return false
}

// binaryKind names well-known non-text formats by their first bytes, and
// returns "a binary file" for other data full of control bytes; "" for
// what may be text. UTF-16 text, whose every other byte is zero, is text.
func binaryKind(data []byte) string {
	magics := []struct {
		prefix, what string
	}{
		{"\x89PNG\r\n\x1a\n", "a PNG image"}, {"\xff\xd8\xff", "a JPEG image"}, {"GIF8", "a GIF image"},
		{"%PDF", "a PDF document"}, {"\x1f\x8b", "a gzip archive"}, {"Rar!", "a RAR archive"},
		{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"}, {"BM", ""}, {"\x7fELF", "a program"}, {"MZ", ""},
	}
	for _, m := range magics {
		if m.what != "" && bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.what
		}
	}
	if _, ok := utf16BOM(data); ok || looksUTF16(data) {
		return ""
	}
	sample := data[:min(len(data), 8192)]
	ctrl := 0
	for _, b := range sample {
		if b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1a) || b == 0x7f {
			ctrl++
		}
	}
	if ctrl > 2 && ctrl*20 > len(sample) {
		return "a binary file"
	}
	return ""
}

// markupKind spots web pages and Excel 2003 XML that web apps and old tools
// save as .xls: they are text, but no CSV.
func markupKind(data []byte) string {
	head := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 4096)], []byte("\xef\xbb\xbf")), " \t\r\n"))
	switch {
	case bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return "an Excel 2003 XML spreadsheet"
	case bytes.HasPrefix(head, []byte("<!doctype html")), bytes.HasPrefix(head, []byte("<html")),
		bytes.HasPrefix(head, []byte("<table")), bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head, []byte("<html")):
		return "a web page (HTML)"
	}
	return ""
}

// plainOSError turns an os error into words.
func plainOSError(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "it does not exist (it may have been moved or renamed)."
	case errors.Is(err, os.ErrPermission):
		return "Partner Atlas is not allowed to read it. Check the file's permissions, or copy it to your Documents folder."
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error() + "."
	}
	return err.Error()
}

// readTable runs the common part of every import once the rows of one sheet
// or text file are at hand: find the header, map the columns, read the rows.
// whatIsEmpty names the sheet or file for the Empty message.
//
// ragged asks for rows whose cell count differs from the header's to be
// reported, as a text file's should be (a workbook simply omits trailing
// blank cells).
//
// merges are a workbook sheet's merged ranges: a header merged down over
// several rows makes a multi-row header whose parts are joined ("Revenue" over
// "2025" gives "Revenue 2025"), and a cell merged down over data rows gives
// its value to every row it covers.
func readTable(res *Result, opt Options, head []rawRow, src rowSource, whatIsEmpty string, ragged bool, merges []cellRange) (*Result, error) {
	errAt := func(kind Kind, row int, format string, args ...any) *Error {
		e := fail(kind, res.File, nil, format, args...)
		e.Sheet, e.Row = res.Sheet, row
		return e
	}
	if len(head) == 0 {
		return nil, errAt(Empty, 0, "%s is empty: there is no row to import.", whatIsEmpty)
	}
	hi := -1
	var fit headerFit
	if opt.HeaderRow > 0 {
		for i, r := range head {
			if r.row == opt.HeaderRow {
				hi = i
			}
		}
		if hi < 0 {
			return res, errAt(NoHeader, opt.HeaderRow, "row %d is empty, so it cannot be the header. Choose the row that holds the column names.", opt.HeaderRow)
		}
		fit = fitOf(head[hi].cells, opt.Scorecard)
	} else {
		hi, fit = findHeader(head, opt.Scorecard)
	}
	header := head[hi]
	res.HeaderRow = header.row
	rest := head[hi+1:]
	if last := headerEnd(header.row, merges); last > header.row {
		header = rawRow{row: header.row, cells: joinHeader(head, header.row, last, merges)}
		for len(rest) > 0 && rest[0].row <= last {
			rest = rest[1:]
		}
	}
	width := len(header.cells)
	for _, r := range rest {
		width = max(width, len(r.cells))
	}
	t := newTable(res, opt, header.cells, width)
	t.setMerges(merges, header.row)
	if ragged {
		t.headerWidth = len(header.cells)
	}
	t.sample(rest)
	if t.name < 0 {
		if !fit.name && fit.fields < 2 && opt.HeaderRow == 0 && looksLikeData(header.cells) {
			return res, errAt(NoHeader, 0, "no row in the first %d looks like a header: the top rows hold numbers, not column names. Add a row above the data with names such as Partner Name, Website, Partner Type, or choose the columns in the import preview.", HeaderScanRows)
		}
		var found []string
		for _, c := range t.cols {
			if c.Header != "" {
				found = append(found, quote(c.Header))
			}
		}
		list := "none"
		if len(found) > 0 {
			list = strings.Join(found, ", ")
		}
		return res, errAt(MissingColumn, header.row, "no column holds the partner names. The header (row %d) has: %s. Rename the column with the partners' names to \"Partner Name\" (or Company, Account Name, Name), or choose it in the import preview.", header.row, list)
	}
	if err := t.read(rest, src); err != nil {
		return res, err
	}
	if res.Rows == 0 {
		res.Problems = append(res.Problems, Problem{Kind: Empty, File: res.File, Sheet: res.Sheet, Row: res.HeaderRow,
			Message: fmt.Sprintf("there are no rows below the header (row %d), so no partner was imported.", res.HeaderRow)})
	}
	return res, nil
}
