package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"partneratlas/core"
	"slices"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// fastSheets says whether worksheets are read by sheetReader; tests and the
// peak measure turn it off to compare with excelize's Rows. streamSheets
// has the reader unpack even the sheets excelize holds in memory, as it
// does big ones, for tests.
var fastSheets, streamSheets = true, false

// cellRows is what sheetRows reads a worksheet with: excelize's Rows
// iterator, or sheetReader, which gives the same rows faster.
type cellRows interface {
	Next() bool
	Columns(opts ...excelize.Options) ([]string, error)
	Error() error
	Close() error
}

// bookParts is what the readers of one workbook's sheets share: the shared
// string table, decoded once, and the number formats.
type bookParts struct {
	f       *File
	once    sync.Once
	sst     *sharedStrings
	sstOK   bool
	formats *cellFormats
}

func newBookParts(f *File) *bookParts {
	return &bookParts{f: f, formats: newCellFormats(f.book, f.date1904)}
}

func (p *bookParts) close() {
	if p != nil {
		p.formats.close()
	}
}

// sharedStrings returns the workbook's shared strings, decoding them the
// first time; false when they cannot be read as excelize reads them.
func (p *bookParts) sharedStrings() (*sharedStrings, bool) {
	p.once.Do(func() {
		data, ok := p.f.part(sharedStringsPart)
		switch {
		case !ok:
		case len(bytes.TrimSpace(data)) == 0:
			p.sst, p.sstOK = &sharedStrings{}, true // no table: excelize reads it as empty
		default:
			p.sst, p.sstOK = readSharedStrings(data)
		}
	})
	return p.sst, p.sstOK
}

// sharedStringsPart is where excelize reads the shared strings from,
// whatever the workbook's relationships say.
const sharedStringsPart = "xl/sharedStrings.xml"

// part returns the unpacked bytes of a part as excelize holds it: from
// excelize's package when it holds the part, else unpacked from the file's
// zip (excelize keeps the shared strings and worksheets over its size limit
// in temporary files), where excelize finds the part in any case. nil, true
// when the workbook has no such part; false when the part cannot be had (an
// encrypted workbook's large part).
func (f *File) part(name string) ([]byte, bool) {
	if v, ok := f.book.Pkg.Load(name); ok {
		b, ok := v.([]byte)
		return b, ok
	}
	zr, err := openParts(f.data)
	if err != nil {
		return nil, false
	}
	var zf *zip.File
	for _, e := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(e.Name, "\\", "/"), name) {
			zf = e // the last of equals, as excelize keeps it
		}
	}
	if zf == nil {
		return nil, true
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	return readAllLimited(rc, zf.UncompressedSize64, xlsxOptions.UnzipSizeLimit)
}

// sheetReader reads a worksheet's rows straight from its XML, giving what
// excelize's Rows iterator gives (Next, Columns with or without
// RawCellValue, gaps between numbered rows as empty rows, ErrMaxRows), at
// a fraction of the time and memory: a byte-level scanner over the
// unpacked part (unpacked ahead in a goroutine), shared strings decoded
// once, a row's cells kept as spans of the XML until Columns turns them
// into strings.
//
// It falls back to excelize's Rows, from the row it has reached, when it
// cannot be sure to read a sheet as excelize does. Before the first row:
// a sheet it cannot find or unpack (an encrypted workbook's sheet above
// excelize's in-memory size, a name that only differs in case from
// another's), a declared encoding other than UTF-8, a syntax error or a
// <row> before <sheetData>. At the first row: shared strings it cannot
// decode alike. At a row: rows out of order or repeated, a row or cell reference that does
// not parse, markup it does not handle inside a row or a cell (elements
// other than c, v, f and is; comments inside a value; processing
// instructions; a syntax error, after which excelize stops), a date cell
// (t="d") or a number format the scratch workbook cannot take when values
// are formatted; after </sheetData>, another <row>. fellBack says why.
type sheetReader struct {
	f     *File
	sheet string
	parts *bookParts
	w     xmlWindow
	pos   int    // absolute offset of the next unread byte
	data  []byte // the qualified name of <sheetData>, for its end tag

	seek      int    // rows handed out by Next
	last      int    // the number of the last row read
	pending   bool   // row holds a row read ahead of seek (after a gap)
	ended     bool   // past </sheetData>
	ahead     rowTag // the next row's start tag, read with the row before
	row       xmlRow
	tag       xmlTag // a row's or a cell's start tag
	inner     xmlTag // a tag inside a cell
	scratch   xmlScratch
	reuse     bool // Columns may return the same slice again (see sheetRows)
	cells     []string
	texts     []string       // the current row's cellTexts
	textArena core.TextArena // where cellTexts keeps them
	// rowName is the qualified name of the last row tag read and rowEnd
	// its end tag: every row of a sheet has the same, made once.
	rowName, rowEnd []byte
	// rowsFrom is where the first row starts and rowsRead how many rows
	// were read: what a guess of the rows to come rests on (rowsAhead).
	rowsFrom, rowsRead int
	err                error

	slow     *excelize.Rows // excelize's iterator, once fallen back
	fellBack string

	// What a sheet read before its facts are known needs (see readEarly):
	// the part's unpacked size; the facts of the head before <sheetData>
	// and whether the scan of it ended between elements (headClean); the
	// bytes after </sheetData>; why the rows themselves may hold facts
	// (doubt: a formula, a comment…), whereupon the facts are scanned as
	// usual, from the start of the part, while the rows go on (exact).
	size      uint64
	headFacts sheetFacts
	headClean bool
	tail      []byte
	doubt     string
	early     bool
	exact     *factsScan
}

// earlyFactsSize is the unpacked size from which a worksheet's rows are read
// before its facts are known: below it, the scan of the facts is over before
// the head is read; above it, it would unpack the part a second time (a
// million-row sheet: 286 MB of XML, a second of a core). Tests lower it to
// read every sheet both ways.
var earlyFactsSize uint64 = 16 << 20

// maxTail caps the bytes after </sheetData> kept for the facts: beyond it,
// the facts are scanned as usual.
const maxTail = 4 << 20

// readEarly says whether the table's rows can be read before the sheet's
// facts are known, and if so has the reader watch for what would make the
// facts need a scan of their own: a streamed part of earlyFactsSize or
// more, whose head left no element open and whose rows so far held
// nothing but plain cells. The facts then come from the head and the tail
// (lateFacts), and are the same as scanSheet's: the rows of such a sheet
// hold none.
func (r *sheetReader) readEarly() bool {
	if r.w.src == nil || r.size < earlyFactsSize || !r.headClean || r.doubt != "" || r.slow != nil {
		return false
	}
	r.early = true
	return true
}

// unsure notes that the rows hold something the facts may depend on; once
// the rows are read early, the facts are then scanned as usual, on another
// core while the rows go on.
func (r *sheetReader) unsure(why string) {
	if r.doubt != "" {
		return
	}
	r.doubt = why
	if r.early {
		r.exact = startScanSheet(r.f.data, r.sheet)
	}
}

// lateFacts returns the facts of a sheet read early, once its rows are read.
func (r *sheetReader) lateFacts() sheetFacts {
	if !r.ended {
		r.unsure("rows left unread") // or an error: the rows gave no more
	}
	if r.exact != nil {
		return r.exact.wait()
	}
	facts := r.headFacts
	facts.merges = slices.Clip(facts.merges)
	facts.uncached = slices.Clip(facts.uncached)
	_ = scanFacts(&xmlWindow{buf: r.tail}, &facts) // a window over bytes held has no error
	return facts
}

// keepTail keeps the bytes of the window from *from on, after </sheetData>,
// for a streamed part: only such a part is read early (see readEarly).
func (r *sheetReader) keepTail(from *int) {
	if r.w.src == nil {
		return
	}
	if b := r.w.buf[*from-r.w.base:]; len(r.tail)+len(b) <= maxTail {
		r.tail = append(r.tail, b...)
	} else {
		r.unsure("a long part after the rows")
	}
	*from = r.w.end()
}

// xmlRow is one row read from the XML: its number and cells, whose values
// are spans of the row's bytes, or of arena for values that had to be
// decoded.
type xmlRow struct {
	n      int
	bytes  []byte
	arena  []byte
	cells  []xmlCell
	maxErr bool // the next row is past Excel's last row
}

// xmlCell is one <c> element: its column (1-based), type and style, the
// spans of its value and inline string, and whether it has a formula.
type xmlCell struct {
	col        int
	kind       byte // 's', 'n' (and any other type), 'b', 'd', 'i' (inlineStr), 't' (str)
	style      int
	hasF       bool
	hasV, hasI bool
	v, is      span
}

type span struct {
	from, to int32
	arena    bool
}

// openSheetReader opens the reader on sheet, or returns false when the
// sheet's part cannot be had as excelize reads it (the caller uses
// excelize's Rows then).
func openSheetReader(f *File, sheet string, parts *bookParts) (*sheetReader, bool) {
	if f.book == nil {
		return nil, false
	}
	for _, s := range f.Sheets {
		if s != sheet && strings.EqualFold(s, sheet) {
			return nil, false // excelize picks either of the two
		}
	}
	zr, err := openParts(f.data)
	var files map[string]*zip.File // named as excelize names its parts
	if err == nil {
		files = map[string]*zip.File{}
		for _, zf := range zr.File {
			files[strings.ReplaceAll(zf.Name, "\\", "/")] = zf
		}
	}
	if !workbookAt(f.book, "xl/workbook.xml") {
		return nil, false // sheetPart resolves sheets from there only
	}
	name := ""
	if files != nil {
		name = sheetPart(files, sheet)
	} else {
		name = pkgSheetPart(f.book, sheet)
	}
	if name == "" {
		return nil, false
	}
	if _, loaded := f.book.Sheet.Load(name); loaded {
		return nil, false // excelize would write the sheet it holds back first
	}
	r := &sheetReader{f: f, sheet: sheet, parts: parts}
	if v, ok := f.book.Pkg.Load(name); ok && !(streamSheets && files[name] != nil) {
		b, _ := v.([]byte)
		if b == nil {
			return nil, false
		}
		r.w.buf = b
	} else {
		zf := files[name]
		inTemp := zf != nil && int64(zf.UncompressedSize64) > xlsxOptions.UnzipXMLSizeLimit &&
			strings.HasPrefix(strings.ToLower(name), "xl/worksheets/sheet") || f.withheld[name]
		if zf == nil || !ok && !inTemp {
			return nil, false // not where excelize keeps it
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, false
		}
		r.w.src = startInflater(rc, xlsxOptions.UnzipSizeLimit)
		r.size = zf.UncompressedSize64
	}
	if !r.start() {
		r.w.close()
		return nil, false
	}
	return r, true
}

// workbookAt says whether the package's relationships put the workbook
// part where excelize will look for it at path.
func workbookAt(book *excelize.File, path string) bool {
	v, ok := book.Pkg.Load("_rels/.rels")
	if !ok {
		return false
	}
	b, _ := v.([]byte)
	var rels struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(b, &rels) != nil {
		return false
	}
	for _, r := range rels.Rels {
		if r.Type == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ||
			r.Type == "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" { // Strict OOXML
			return strings.TrimPrefix(r.Target, "/") == path // excelize takes the first
		}
	}
	return false
}

// pkgSheetPart resolves a sheet's part through the workbook parts excelize
// holds (an encrypted workbook, whose zip is inside the encryption).
func pkgSheetPart(book *excelize.File, sheet string) string {
	wb, ok1 := book.Pkg.Load("xl/workbook.xml")
	rels, ok2 := book.Pkg.Load("xl/_rels/workbook.xml.rels")
	if !ok1 || !ok2 {
		return ""
	}
	wbb, _ := wb.([]byte)
	relb, _ := rels.([]byte)
	return resolveSheetPart(wbb, relb, sheet)
}

// start reads the part's head, up to <sheetData>, with encoding/xml itself:
// what comes before the rows is read exactly as excelize reads it.
func (r *sheetReader) start() bool {
	src := &windowBytes{w: &r.w}
	d := xml.NewDecoder(src)
	depth := 0 // the elements open
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if _, ok := tok.(xml.EndElement); ok {
			depth--
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		depth++
		switch el.Name.Local {
		case "row":
			return false
		case "sheetData":
		default:
			continue
		}
		off := int(d.InputOffset())
		b := r.w.buf[:off-r.w.base]
		lt := bytes.LastIndexByte(b, '<')
		if lt < 0 || readStartTag(b, lt, &r.tag) != scanOK || r.tag.end != len(b) {
			return false
		}
		if r.w.src != nil && r.w.base == 0 {
			// The facts of the head, for a sheet whose rows are read
			// before its facts are known (readEarly): sheetData must be
			// the root's child, so that no cell the scan met is open.
			r.headFacts = sheetFacts{size: r.size}
			_ = scanFacts(&xmlWindow{buf: b}, &r.headFacts)
			r.headClean = depth == 2 && !r.headFacts.cellOpen
		}
		r.data = append([]byte(nil), r.tag.name...)
		r.pos, r.w.keep = off, off
		if r.tag.empty {
			r.ended = true
			return r.afterSheetData()
		}
		return true
	}
}

// afterSheetData reads the rest of the part after </sheetData>: excelize
// would take a <row> found there for one more row.
func (r *sheetReader) afterSheetData() bool {
	r.w.keep = r.pos
	from := r.pos
	kept := r.pos // the bytes before it are in r.tail
	for {
		b := r.w.buf[from-r.w.base:]
		for k := 0; ; {
			j := bytes.Index(b[k:], []byte("row"))
			if j < 0 {
				break
			}
			j += k
			if j > 0 && (b[j-1] == '<' || b[j-1] == ':') && j+3 < len(b) && (isSpace(b[j+3]) || b[j+3] == '>' || b[j+3] == '/') {
				return false
			}
			k = j + 1
		}
		r.keepTail(&kept)
		from = max(r.w.end()-4, from)
		r.w.keep = from
		if !r.w.fill() {
			return r.w.err == nil
		}
	}
}

// fallBack switches to excelize's Rows, moved past the rows handed out:
// replay rows are read again as sheetRows reads them (Next, then Columns,
// which also moves excelize's decoder).
func (r *sheetReader) fallBack(why string, replay int) bool {
	r.fellBack = why
	r.unsure("rows read by excelize")
	r.w.close()
	rows, err := r.f.excelizeRows(r.sheet)
	if err != nil {
		r.err = err
		return false
	}
	for range replay {
		if !rows.Next() {
			break
		}
		if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
			break
		}
	}
	r.slow = rows
	return true
}

// Next moves to the next row, as excelize's Rows.Next does.
func (r *sheetReader) Next() bool {
	if r.slow != nil {
		return r.slow.Next()
	}
	if r.err != nil {
		return false
	}
	r.seek++
	if r.pending && r.row.n >= r.seek {
		return true // a row the sheet leaves out, before the one read
	}
	r.pending = false // the row was passed over without Columns
	if r.ended {
		return false
	}
	switch ok, why := r.readRow(); {
	case why != "":
		if !r.fallBack(why, r.seek-1) {
			return false
		}
		return r.slow.Next()
	case !ok:
		return false
	}
	r.pending = true
	return true
}

// Columns returns the current row's cells, as excelize's Rows.Columns does.
func (r *sheetReader) Columns(opts ...excelize.Options) ([]string, error) {
	if r.slow != nil {
		return r.slow.Columns(opts...)
	}
	if !r.pending || r.row.n > r.seek {
		return nil, nil // a row the sheet leaves out
	}
	raw := len(opts) > 0 && opts[0].RawCellValue
	cells, why := r.convert(raw)
	if why != "" {
		if !r.fallBack(why, r.seek-1) || !r.slow.Next() {
			return nil, r.Error()
		}
		return r.slow.Columns(opts...)
	}
	r.pending = false
	if r.row.maxErr {
		r.err = excelize.ErrMaxRows
		return cells, r.err
	}
	return cells, nil
}

// Error returns the error that stopped the rows.
func (r *sheetReader) Error() error {
	if r.slow != nil {
		return r.slow.Error()
	}
	return r.err
}

// Close stops the unpacking and releases excelize's iterator.
func (r *sheetReader) Close() error {
	r.w.close()
	if r.slow != nil {
		return r.slow.Close()
	}
	return r.err
}
