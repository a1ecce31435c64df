package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellRange is a rectangle of cells: rows 1-based, columns 0-based, both
// inclusive.
type cellRange struct {
	r1, c1, r2, c2 int
}

// sheetFacts is what a quick pass over a worksheet's XML finds that
// excelize's streaming Rows iterator does not say: the merged ranges and the
// dimension the file claims. The pass reads the decompressed XML once as
// bytes, never holding it whole, and stops at maxScan bytes.
type sheetFacts struct {
	merges    []cellRange
	dimension string // e.g. "A1:L100001"; "" when absent
	size      uint64 // the part's unpacked size as the zip says
	// err is set when the part cannot be unpacked: its checksum or its size
	// is not what the zip says (a damaged file, or a zip bomb that lies).
	err error
	// uncached are the cells holding a formula with no saved result (files
	// written by programs that leave calculation to Excel): the Rows
	// iterator reads them as empty, so the import says so. At most
	// maxUncached are kept; uncachedMore counts the rest.
	uncached     []cellRef
	uncachedMore int
	// cellOpen says the scan ended inside a cell: bytes after those it
	// scanned would have continued that cell.
	cellOpen bool
}

// cellRef is one cell: row 1-based, column 0-based.
type cellRef struct{ row, col int }

// maxUncached caps the formula cells without a result that are listed.
const maxUncached = 20

// maxMerges caps the merged ranges kept for one sheet.
const maxMerges = 10_000

// factsScan is scanSheet running in a goroutine of its own, so that a
// sheet's facts are found on another core while its head is read.
type factsScan struct {
	done  chan struct{}
	stop  chan struct{}
	facts sheetFacts
}

// startScanSheet starts scanning the facts of sheet.
func startScanSheet(data []byte, sheet string) *factsScan {
	fs := &factsScan{done: make(chan struct{}), stop: make(chan struct{})}
	go func() {
		defer close(fs.done)
		defer caught(&fs.facts.err) // scanSheet did not return: the facts are only this
		fs.facts = scanSheet(data, sheet, fs.stop)
	}()
	return fs
}

// wait returns the facts once found.
func (fs *factsScan) wait() sheetFacts {
	<-fs.done
	return fs.facts
}

// cancel stops a scan whose facts are not needed.
func (fs *factsScan) cancel() {
	if fs == nil {
		return
	}
	closeOnce(fs.stop)
	<-fs.done
}

// scanSheet finds the worksheet part of sheet in the workbook's zip data and
// scans it, until stop is closed. It returns zero facts when anything is
// unclear: the facts only refine an import, the import does not depend on
// them.
func scanSheet(data []byte, sheet string, stop <-chan struct{}) sheetFacts {
	zr, err := openParts(data)
	if err != nil {
		return sheetFacts{}
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	part := sheetPart(files, sheet)
	f := files[part]
	if f == nil {
		return sheetFacts{}
	}
	facts := sheetFacts{size: f.UncompressedSize64}
	rc, err := f.Open()
	if err != nil {
		return facts
	}
	w := xmlWindow{src: startInflater(rc, xlsxOptions.UnzipSizeLimit), stop: stop}
	defer w.close()
	facts.err = scanFacts(&w, &facts)
	return facts
}

// sheetPart resolves a sheet's name to its part, "xl/worksheets/sheet1.xml",
// through xl/workbook.xml and its relationships.
func sheetPart(files map[string]*zip.File, sheet string) string {
	wb, ok1 := readSmallPart(files["xl/workbook.xml"])
	rels, ok2 := readSmallPart(files["xl/_rels/workbook.xml.rels"])
	if !ok1 || !ok2 {
		return ""
	}
	return resolveSheetPart(wb, rels, sheet)
}

// resolveSheetPart finds a sheet's part from the workbook part and its
// relationships.
func resolveSheetPart(workbook, rels []byte, sheet string) string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rs struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(workbook, &wb) != nil || xml.Unmarshal(rels, &rs) != nil {
		return ""
	}
	id := ""
	for _, s := range wb.Sheets {
		if s.Name == sheet {
			id = s.ID
		}
	}
	for _, r := range rs.Rels {
		if r.ID == id && id != "" {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/")
			}
			return path.Join("xl", r.Target)
		}
	}
	return ""
}

// readSmallPart reads a small part (up to 16 MB).
func readSmallPart(f *zip.File) ([]byte, bool) {
	if f == nil || f.UncompressedSize64 > 16<<20 {
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 16<<20))
	return b, err == nil
}

// scanFacts reads the worksheet XML as bytes and picks out <dimension
// ref="…"/>, every <mergeCell ref="…"/> and the cells with a formula and no
// value, with or without a namespace prefix. It looks at each tag's first
// bytes only, in the window the inflater fills from another goroutine, and
// reads a tag as a 64 kB buffered reader would (a tag longer than that is
// passed over).
//
// It returns the error that stopped the reading, nil at the end of the part.
func scanFacts(w *xmlWindow, facts *sheetFacts) error {
	const bufSize = 64 << 10
	// The cell being read: its reference and whether it has a formula and
	// a value so far.
	var cell []byte
	var hasF, hasV bool
	defer func() { facts.cellOpen = len(cell) > 0 }()
	endCell := func() {
		if len(cell) > 0 && hasF && !hasV {
			if len(facts.uncached) < maxUncached {
				if col, row, err := excelize.CellNameToCoordinates(string(cell)); err == nil {
					facts.uncached = append(facts.uncached, cellRef{row: row, col: col - 1})
				}
			} else {
				facts.uncachedMore++
			}
		}
		cell, hasF, hasV = cell[:0], false, false
	}
	// more makes n bytes from p available, or as many as the part holds.
	more := func(p, n int) []byte {
		w.keep = p
		for p+n > w.end() && w.fill() {
		}
		return w.buf[p-w.base : min(p+n, w.end())-w.base]
	}
	// readTag reads from p to the next '>' as bufio's ReadSlice does: the
	// tag, or full when 64 kB hold no '>' (they are passed over), or the
	// end of the part.
	readTag := func(p int) (tag []byte, next int, full, end bool) {
		b := more(p, bufSize)
		if k := bytes.IndexByte(b, '>'); k >= 0 {
			return b[:k+1], p + k + 1, false, false
		}
		if len(b) == bufSize {
			return nil, p + bufSize, true, false
		}
		return nil, p + len(b), false, true
	}
	pos := w.base
	for {
		// Skip to the next tag.
		w.keep = pos
		for {
			if k := bytes.IndexByte(w.buf[pos-w.base:], '<'); k >= 0 {
				pos += k + 1
				break
			}
			pos = w.end()
			w.keep = pos
			if !w.fill() {
				return w.err
			}
		}
		name := more(pos, 24)
		if len(name) == 0 {
			return w.err
		}
		var isMerge bool
		switch factTag(name) {
		case factCellEnd:
			endCell()
			continue
		case factCell:
			endCell()
			tag, next, full, end := readTag(pos)
			pos = next
			if full || end {
				continue
			}
			if !bytes.HasSuffix(tag, []byte("/>")) {
				cell = append(cell, attrBytes(tag, attrR)...)
			}
			continue
		case factFormula:
			hasF = true
			continue
		case factValue:
			hasV = true
			continue
		case factMerge:
			isMerge = true
		case factDimension:
		default:
			continue
		}
		tag, next, full, end := readTag(pos)
		pos = next
		if full {
			continue
		}
		if end {
			return w.err
		}
		facts.keep(tag, isMerge)
	}
}

// eof turns the end of the part into nil.
// factKind is what scanFacts makes of a tag.
type factKind uint8

const (
	factNone      factKind = iota
	factCellEnd            // </c>
	factCell               // <c …>
	factFormula            // <f>
	factValue              // <v>
	factMerge              // <mergeCell …>
	factDimension          // <dimension …>
)

// factTag says what scanFacts makes of the markup after a '<', name (its
// first 24 bytes or fewer): a tag with or without a namespace prefix,
// open or closing.
func factTag(name []byte) factKind {
	closing := len(name) > 0 && name[0] == '/'
	if closing {
		name = name[1:]
	}
	if i := bytes.IndexByte(name, ':'); i >= 0 && i < 12 && bytes.IndexAny(name[:i], " />") < 0 {
		name = name[i+1:]
	}
	switch {
	case closing:
		if bytes.HasPrefix(name, []byte("c>")) {
			return factCellEnd
		}
	case bytes.HasPrefix(name, []byte("c ")) || bytes.HasPrefix(name, []byte("c>")):
		return factCell
	case bytes.HasPrefix(name, []byte("f>")) || bytes.HasPrefix(name, []byte("f ")) || bytes.HasPrefix(name, []byte("f/")):
		return factFormula
	case bytes.HasPrefix(name, []byte("v>")) || bytes.HasPrefix(name, []byte("v ")):
		return factValue
	case bytes.HasPrefix(name, []byte("mergeCell ")):
		return factMerge
	case bytes.HasPrefix(name, []byte("dimension ")):
		return factDimension
	}
	return factNone
}

// mentionsFacts says whether scanFacts would find a tag of the facts in b:
// in markup, comments and CDATA alike, as it reads every '<'.
func mentionsFacts(b []byte) bool {
	for i := bytes.IndexByte(b, '<'); i >= 0; {
		if factTag(b[i+1:min(i+25, len(b))]) != factNone {
			return true
		}
		k := bytes.IndexByte(b[i+1:], '<')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

func eof(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// attrR and attrRef are what attrBytes looks for: an attribute's name
// after a space, before '='.
var attrR, attrRef = []byte(" r="), []byte(" ref=")

// attrBytes returns the value of the attribute named (" name=") in a tag's
// bytes.
func attrBytes(tag, named []byte) []byte {
	i := bytes.Index(tag, named)
	if i < 0 {
		return nil
	}
	rest := tag[i+len(named):]
	if len(rest) < 2 {
		return nil
	}
	q := rest[0]
	end := bytes.IndexByte(rest[1:], q)
	if end < 0 {
		return nil
	}
	return rest[1 : 1+end]
}

// parseRange reads "A1:C3" (or "B2") into a cellRange.
func parseRange(ref string) (cellRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return cellRange{}, false
	}
	if r2 < r1 {
		r1, r2 = r2, r1
	}
	if c2 < c1 {
		c1, c2 = c2, c1
	}
	return cellRange{r1: r1, c1: c1 - 1, r2: r2, c2: c2 - 1}, true
}

// keep keeps the range a <mergeCell> or <dimension> tag names.
func (facts *sheetFacts) keep(tag []byte, isMerge bool) {
	ref := string(attrBytes(tag, attrRef))
	if !isMerge {
		facts.dimension = ref
	} else if cr, ok := parseRange(ref); ok && len(facts.merges) < maxMerges {
		facts.merges = append(facts.merges, cr)
	}
}
