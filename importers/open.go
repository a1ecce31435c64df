package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
)

// MaxFileSize is the largest file an import accepts: 1 GiB.
const MaxFileSize = 1 << 30

// File is a user's file opened for reading, whatever table it holds: an
// .xlsx workbook, or a text file decoded to UTF-8 with its delimiter found.
// It is the one way in: every reader (partner lists, account lists,
// surveys, and the plan workbook in exporters/planbook) starts from a File,
// so a file is sniffed, refused, decrypted and decoded in one place.
type File struct {
	// Name is the file's base name, as problems name it.
	Name string
	// Sheets lists a workbook's sheets in order and HiddenSheets the hidden
	// ones among them; both are empty for a text file.
	Sheets       []string
	HiddenSheets []string
	// Encoding and Delimiter say how a text file was read ("utf-8",
	// "utf-16le", "windows-1252"…; ',', ';', '\t' or '|').
	Encoding  string
	Delimiter rune
	// Problems are what opening met: a guessed encoding, NUL characters
	// removed, a workbook's name on a text file. Every reader puts them
	// first among its own.
	Problems []Problem

	book *excelize.File // nil for a text file
	data []byte         // a workbook's bytes, for the quick scan of a sheet's XML
	// withheld are the worksheets' parts not given to excelize (see
	// withoutBigSheets) until whole gives them; lean is the workbook as
	// opened without them, once whole has opened it again.
	withheld map[string]bool
	lean     *excelize.File
	date1904 bool
	text     string // a text file's decoded text
}

// OpenFile opens the file at path, refusing a folder, a file that cannot be
// read and one larger than MaxFileSize: see Open.
func OpenFile(path string, opt Options) (*File, error) {
	data, err := readUserFile(path, nil)
	if err != nil {
		return nil, err
	}
	return open(filepath.Base(path), data, opt, true)
}

// Open opens a file held in memory; name gives its base name and extension.
// It chooses by the first bytes, then by the extension: .xlsx workbooks
// (decrypted with Options.Password) and text files (.csv, .tsv, .txt,
// decoded from Options.Encoding or the detected encoding) open; legacy .xls,
// .xlsb, .ods, Numbers documents, encrypted workbooks without their password,
// pictures, archives and web pages are refused with an *Error that says how
// to convert them. Close the File when done.
func Open(name string, data []byte, opt Options) (*File, error) {
	return open(filepath.Base(name), data, opt, false)
}

// open opens data; owned says the bytes belong to the File alone (read from
// disk here), so a text file's text may be used in place.
func open(file string, data []byte, opt Options, owned bool) (f *File, err error) {
	defer recovered(file, &err)
	if int64(len(data)) > MaxFileSize {
		return nil, fail(TooLarge, file, nil, "the file is %s MB; Partner Atlas imports files up to %d MB.", core.Thousands(len(data)>>20), MaxFileSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(Empty, file, nil, "the file is empty.")
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		if err := checkZip(file, data); err != nil {
			return nil, err
		}
		return openWorkbook(file, data, opt)
	case bytes.HasPrefix(data, oleMagic):
		if !isEncrypted(data) {
			return nil, fail(Unsupported, file, nil, legacyXLSMessage)
		}
		if opt.Password == "" {
			return nil, fail(Encrypted, file, nil, encryptedMessage)
		}
		return openWorkbook(file, data, opt) // excelize decrypts it with the password
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
	f, err = openText(file, data, opt, owned)
	if f != nil && (ext == ".xlsx" || ext == ".xlsm" || ext == ".xls") {
		f.Problems = append([]Problem{{Kind: BadFile, File: file, Message: fmt.Sprintf(
			"the file is named %s but holds text, not a workbook; it was read as a CSV file. Check that the columns came out right.", ext)}}, f.Problems...)
	}
	return f, err
}

// readPath opens the file at path and reads one kind of table from it with
// read: every reader's way in from a path.
func readPath[T any](path string, opt Options, read func(*File, Options) (T, error)) (T, error) {
	f, err := OpenFile(path, opt)
	if err != nil {
		var none T
		return none, err
	}
	defer f.Close()
	return read(f, opt)
}

// readPathCopied is readPath for a reader whose result keeps nothing of the
// file's text (an account list: its names and domains are copied as read,
// its table detached). A text file's bytes then go back to textBuffers once
// read, for the next such file to be read into: the two hundred lists of
// 10,000 accounts of an overlap otherwise allocate 140 MB that are garbage
// as soon as each is read. A workbook's bytes are never given back: the
// workbook may keep parts of them.
func readPathCopied[T any](path string, opt Options, read func(*File, Options) (T, error)) (T, error) {
	var none T
	var buf []byte
	if b, ok := textBuffers.Get().(*[]byte); ok {
		buf = *b
	}
	data, err := readUserFile(path, buf)
	if err != nil {
		giveBack(buf)
		return none, err
	}
	f, err := open(filepath.Base(path), data, opt, true)
	if err != nil {
		giveBack(data)
		return none, err
	}
	res, err := read(f, opt)
	text := f.book == nil
	f.Close()
	if text {
		giveBack(data)
	}
	return res, err
}

// textBuffers holds the buffers readPathCopied reads files into (*[]byte).
var textBuffers sync.Pool

// pooledFileSize is the largest buffer textBuffers keeps: a partner's list,
// not a million-row export that is read once.
const pooledFileSize = 16 << 20

// giveBack puts a buffer no string points into back in textBuffers.
func giveBack(buf []byte) {
	if cap(buf) > 0 && cap(buf) <= pooledFileSize {
		buf = buf[:0]
		textBuffers.Put(&buf)
	}
}

// readData is readPath for a file held in memory.
func readData[T any](name string, data []byte, opt Options, read func(*File, Options) (T, error)) (T, error) {
	f, err := Open(name, data, opt)
	if err != nil {
		var none T
		return none, err
	}
	defer f.Close()
	return read(f, opt)
}

// Close frees the workbook behind the file, and its temporary files.
func (f *File) Close() error {
	if f == nil || f.book == nil {
		return nil
	}
	if f.lean != nil {
		f.lean.Close()
	}
	return f.book.Close()
}

// Workbook is the workbook behind the file, every sheet in it, nil for a
// text file. The first call on a workbook with big sheets unpacks them (see
// withoutBigSheets), which Rows never does: readers, the plan workbook's
// included, read every sheet with Rows.
func (f *File) Workbook() *excelize.File {
	if f.book != nil {
		_ = f.whole() // the bytes opened once already; should it fail, Rows still reads every sheet
	}
	return f.book
}

// readUserFile reads the file the user chose at path, refusing a folder, a
// file that cannot be opened and one larger than MaxFileSize; into buf when
// it has room (buf may be nil).
func readUserFile(path string, buf []byte) ([]byte, error) {
	file := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, fail(BadFile, file, err, "the file could not be opened: %s", plainOSError(err))
	}
	if st.IsDir() {
		return nil, fail(BadFile, file, nil, "this is a folder, not a file. Choose a spreadsheet (.xlsx or .csv) inside it.")
	}
	if st.Size() > MaxFileSize {
		return nil, fail(TooLarge, file, nil, "the file is %s MB; Partner Atlas imports files up to %d MB. Split it, or remove columns it does not need.", core.Thousands(int(st.Size()>>20)), MaxFileSize>>20)
	}
	data, err := readInto(path, st.Size(), buf)
	if err != nil {
		return nil, fail(BadFile, file, err, "the file could not be read: %s", plainOSError(err))
	}
	return data, nil
}

// splitReadSize is the size from which readInto reads a file in parts.
const splitReadSize = 8 << 20

// readSplit fills buf from the start of fh, a part on each core, and says
// how many bytes it read: fewer when the file shrank meanwhile.
func readSplit(fh *os.File, buf []byte) (int, error) {
	parts := min(runtime.GOMAXPROCS(0), 8)
	size := len(buf)
	got := make([]int, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for k := range parts {
		lo, hi := k*size/parts, (k+1)*size/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[k], errs[k] = io.ReadFull(io.NewSectionReader(fh, int64(lo), int64(hi-lo)), buf[lo:hi])
		}()
	}
	wg.Wait()
	n := 0
	for k := range parts {
		if errs[k] != nil && errs[k] != io.ErrUnexpectedEOF && errs[k] != io.EOF {
			return 0, errs[k]
		}
		n += got[k]
		if got[k] < (k+1)*size/parts-k*size/parts {
			break // the file ends here: it shrank
		}
	}
	// What follows is read from here on (the parts did not move the file's
	// offset), should the file have grown.
	if _, err := fh.Seek(int64(n), io.SeekStart); err != nil {
		return 0, err
	}
	return n, nil
}

// readInto is os.ReadFile reading into buf when it has room for size bytes
// and one more (to see the end without a second read).
func readInto(path string, size int64, buf []byte) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data := buf[:0]
	if int64(cap(data)) < size+1 {
		data = make([]byte, 0, size+512)
	}
	if size >= splitReadSize {
		// The halves are read on cores of their own: the bytes are mostly
		// copied from the system's cache into memory this process has not
		// used yet, and on a machine where each fresh page costs a fault,
		// reading a 100 MB file on one core was a tenth of a second alone.
		n, err := readSplit(fh, data[:size])
		if err != nil {
			return nil, err
		}
		data = data[:n]
	}
	for {
		if len(data) == cap(data) { // the file grew while read
			data = append(data, 0)[:len(data)]
		}
		n, err := fh.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// damagedMessage is what a reader says when a file made it panic: the file
// is not what it claims, and saving it again usually mends it.
const damagedMessage = "Partner Atlas could not read this file: it looks damaged. Open it in Excel or LibreOffice, save it again as .xlsx (Excel Workbook) or .csv, then import that file."

// recovered turns a panic met while reading file into an error of Kind
// BadFile whose cause keeps the stack, so nothing a user gives the app
// takes it down. Use it as defer recovered(file, &err) in a function with a
// named error result.
func recovered(file string, err *error) {
	if r := recover(); r != nil {
		*err = fail(BadFile, file, panicked(r), damagedMessage)
	}
}

// caught is recovered for a goroutine a reader starts (unpacking a part,
// scanning a sheet's facts): it keeps the panic in *err, which the reader
// reports as the damaged file it is when it takes the goroutine's result.
// Use it as defer caught(&err).
func caught(err *error) {
	if r := recover(); r != nil {
		*err = panicked(r)
	}
}

// panicked is a recovered panic as an error that keeps its stack.
func panicked(r any) error {
	return fmt.Errorf("panic: %v\n%s", r, debug.Stack())
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
			return fail(BadFile, file, nil, "the file is damaged: the part %s says it unpacks to %s MB, which its %s bytes cannot hold. Open it in Excel or LibreOffice and save it again as .xlsx, then import.", quote(f.Name), core.Thousands(int(f.UncompressedSize64>>20)), core.Thousands(int(f.CompressedSize64)))
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
		{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"}, {"\x7fELF", "a program"},
	}
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
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
