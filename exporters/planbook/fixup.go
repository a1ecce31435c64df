package planbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
)

// streamedDrawing is how excelize's stream writer writes a sheet's drawing
// reference: with the relationships namespace declared on the element under
// the prefix "relationships". That is valid XML, but exceljs (4.4) looks for
// the attribute "r:id" literally and fails to open the workbook.
var streamedDrawing = regexp.MustCompile(`<drawing xmlns:relationships="http://schemas\.openxmlformats\.org/officeDocument/2006/relationships" relationships:id="(rId\d+)"></drawing>`)

// formulaCell is the start of a streamed cell holding a formula.
var formulaCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"([^>]*)><f>`)

// writeFixed copies the workbook in data to w, rewriting two things the
// stream writer cannot write: a sheet's drawing reference, as
// <drawing r:id="…"/> (the root element declares the r prefix), and the
// array formulas of arrays (cells by sheet name), as <f t="array">, which
// a MEDIAN(IF(…)) needs in Excel before 365 and in LibreOffice. Every other
// part is copied as it is, without recompressing.
//
// charts names the sheets with charts; only they and the sheets with array
// formulas are read and rewritten.
func writeFixed(w io.Writer, data []byte, charts []string, arrays map[string][]string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	parts, err := sheetParts(zr)
	if err != nil {
		return err
	}
	cells := map[string]map[string]bool{} // part → array cells; every part to rewrite
	for _, sheet := range charts {
		if part, ok := parts[sheet]; ok && cells[part] == nil {
			cells[part] = map[string]bool{}
		}
	}
	for sheet, refs := range arrays {
		part, ok := parts[sheet]
		if !ok {
			return fmt.Errorf("no part for sheet %s", sheet)
		}
		if cells[part] == nil {
			cells[part] = map[string]bool{}
		}
		for _, r := range refs {
			cells[part][r] = true
		}
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if _, rewrite := cells[f.Name]; !rewrite {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		b, err := readPart(f)
		if err != nil {
			return err
		}
		changed := false
		if streamedDrawing.Match(b) {
			if !bytes.Contains(b, []byte(`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`)) {
				return fmt.Errorf("%s does not declare the r prefix", f.Name)
			}
			b = streamedDrawing.ReplaceAll(b, []byte(`<drawing r:id="$1"/>`))
			changed = true
		}
		if set := cells[f.Name]; len(set) > 0 {
			b = formulaCell.ReplaceAllFunc(b, func(m []byte) []byte {
				sub := formulaCell.FindSubmatch(m)
				if !set[string(sub[1])] {
					return m
				}
				return []byte(fmt.Sprintf(`<c r="%s"%s><f t="array" ref="%s">`, sub[1], sub[2], sub[1]))
			})
			changed = true
		}
		if !changed {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		hdr := f.FileHeader
		out, err := zw.CreateHeader(&zip.FileHeader{Name: hdr.Name, Method: zip.Deflate, Modified: hdr.Modified})
		if err != nil {
			return err
		}
		if _, err := out.Write(b); err != nil {
			return err
		}
	}
	return zw.Close()
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

var (
	workbookSheet = regexp.MustCompile(`<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"`)
	relationship  = regexp.MustCompile(`<Relationship [^>]*Id="([^"]*)"[^>]*Target="([^"]*)"`)
)

// sheetParts maps each sheet's name to its part ("xl/worksheets/sheet8.xml"),
// from the workbook and its relationships as excelize writes them.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb, rels []byte
	for _, f := range zr.File {
		var err error
		switch f.Name {
		case "xl/workbook.xml":
			wb, err = readPart(f)
		case "xl/_rels/workbook.xml.rels":
			rels, err = readPart(f)
		}
		if err != nil {
			return nil, err
		}
	}
	targets := map[string]string{}
	for _, m := range relationship.FindAllSubmatch(rels, -1) {
		t := string(m[2])
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[string(m[1])] = t
	}
	parts := map[string]string{}
	for _, m := range workbookSheet.FindAllSubmatch(wb, -1) {
		parts[unescapeXML(string(m[1]))] = targets[string(m[2])]
	}
	return parts, nil
}

func unescapeXML(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}
