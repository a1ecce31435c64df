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

// endOfRows is where the body of a streamed sheet goes: after the rows
// excelize's stream writer wrote.
var endOfRows = []byte(`</sheetData>`)

// formulaCell is the start of a streamed cell holding a formula.
var formulaCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"([^>]*)><f>`)

// assemble writes the workbook to w: the parts excelize wrote in data, copied
// without recompressing, with the body of each streamed sheet (parts, by
// sheet name, deflated already) put at the end of its <sheetData>. It
// rewrites two things excelize's stream writer cannot write: a sheet's
// drawing reference, as <drawing r:id="…"/> (the root element declares the r
// prefix), and the array formulas of arrays (cells by sheet name) in the rows
// excelize wrote, as <f t="array">, which a MEDIAN(IF(…)) needs in Excel
// before 365 and in LibreOffice.
//
// charts names the sheets with charts; only they, the sheets with array
// formulas and the sheets with a body are read and written again.
func assemble(w io.Writer, data []byte, charts []string, arrays map[string][]string, parts map[string]*deflatedPart, d *deflater) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	names, err := sheetParts(zr)
	if err != nil {
		return err
	}
	rows := map[string]*deflatedPart{} // zip part → its rows
	for sheet, p := range parts {
		part, ok := names[sheet]
		if !ok {
			return fmt.Errorf("no part for sheet %s", sheet)
		}
		rows[part] = p
	}
	drawn := map[string]bool{}
	for _, sheet := range charts {
		if part, ok := names[sheet]; ok {
			drawn[part] = true
		}
	}
	cells := map[string]map[string]bool{} // part → its array cells
	for sheet, refs := range arrays {
		part, ok := names[sheet]
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
		p, streamed := rows[f.Name]
		if !streamed && !drawn[f.Name] && cells[f.Name] == nil {
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
		if drawn[f.Name] && streamedDrawing.Match(b) {
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
		if !streamed && !changed {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		if !streamed {
			out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
			if err != nil {
				return err
			}
			if _, err := out.Write(b); err != nil {
				return err
			}
			continue
		}
		at := bytes.Index(b, endOfRows)
		if at < 0 || bytes.Index(b[at+1:], endOfRows) >= 0 {
			return fmt.Errorf("%s has no single </sheetData> to put its rows before", f.Name)
		}
		e := d.entry(b[:at], p, b[at:])
		out, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified,
			CRC32: e.crc, CompressedSize64: uint64(e.compressed), UncompressedSize64: uint64(e.size)})
		if err != nil {
			return err
		}
		if err := e.writeTo(out); err != nil {
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
