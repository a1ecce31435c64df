package importers

import (
	"archive/zip"
	"bufio"
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
}

// cellRef is one cell: row 1-based, column 0-based.
type cellRef struct{ row, col int }

// maxUncached caps the formula cells without a result that are listed.
const maxUncached = 20

// maxMerges caps the merged ranges kept for one sheet.
const maxMerges = 10_000

// scanSheet finds the worksheet part of sheet in the workbook's zip data and
// scans it. It returns zero facts when anything is unclear: the facts only
// refine an import, the import does not depend on them.
func scanSheet(data []byte, sheet string) sheetFacts {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
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
	defer rc.Close()
	facts.err = scanFacts(io.LimitReader(rc, xlsxOptions.UnzipSizeLimit), &facts)
	return facts
}

// sheetPart resolves a sheet's name to its part, "xl/worksheets/sheet1.xml",
// through xl/workbook.xml and its relationships.
func sheetPart(files map[string]*zip.File, sheet string) string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !readXMLPart(files["xl/workbook.xml"], &wb) || !readXMLPart(files["xl/_rels/workbook.xml.rels"], &rels) {
		return ""
	}
	id := ""
	for _, s := range wb.Sheets {
		if s.Name == sheet {
			id = s.ID
		}
	}
	for _, r := range rels.Rels {
		if r.ID == id && id != "" {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/")
			}
			return path.Join("xl", r.Target)
		}
	}
	return ""
}

// readXMLPart decodes a small part (up to 16 MB).
func readXMLPart(f *zip.File, v any) bool {
	if f == nil || f.UncompressedSize64 > 16<<20 {
		return false
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v) == nil
}

// scanFacts reads the worksheet XML as bytes and picks out <dimension
// ref="…"/> and every <mergeCell ref="…"/>, with or without a namespace
// prefix.
//
// It returns the error that stopped the reading, nil at the end of the part.
func scanFacts(r io.Reader, facts *sheetFacts) error {
	br := bufio.NewReaderSize(r, 64<<10)
	// The cell being read: its reference and whether it has a formula and
	// a value so far.
	var cell string
	var hasF, hasV bool
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
				cell = attr(tag, "r")
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
		ref := attr(tag, "ref")
		if isMerge {
			if cr, ok := parseRange(ref); ok && len(facts.merges) < maxMerges {
				facts.merges = append(facts.merges, cr)
			}
		} else {
			facts.dimension = ref
		}
	}
}

// eof turns the end of the part into nil.
func eof(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// attr returns the value of the attribute name in a tag's bytes.
func attr(tag []byte, name string) string {
	i := bytes.Index(tag, []byte(" "+name+"="))
	if i < 0 {
		return ""
	}
	rest := tag[i+len(name)+2:]
	if len(rest) < 2 {
		return ""
	}
	q := rest[0]
	end := bytes.IndexByte(rest[1:], q)
	if end < 0 {
		return ""
	}
	return string(rest[1 : 1+end])
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
