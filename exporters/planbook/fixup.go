package planbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
)

// summaryPart is the Summary sheet's part: the first sheet created.
const summaryPart = "xl/worksheets/sheet1.xml"

// streamedDrawing is how excelize's stream writer writes a sheet's drawing
// reference: with the relationships namespace declared on the element under
// the prefix "relationships". That is valid XML, but exceljs (4.4) looks for
// the attribute "r:id" literally and fails to open the workbook.
var streamedDrawing = regexp.MustCompile(`<drawing xmlns:relationships="http://schemas\.openxmlformats\.org/officeDocument/2006/relationships" relationships:id="(rId\d+)"></drawing>`)

// writeFixed copies the workbook in data to w, rewriting the Summary sheet's
// drawing reference as <drawing r:id="…"/> (the root element declares the
// r prefix). Every other part is copied as it is, without recompressing.
func writeFixed(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if f.Name != summaryPart {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte(`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`)) {
			return fmt.Errorf("%s does not declare the r prefix", summaryPart)
		}
		b = streamedDrawing.ReplaceAll(b, []byte(`<drawing r:id="$1"/>`))
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
