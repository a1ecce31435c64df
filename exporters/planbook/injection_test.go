package planbook

import (
	"strings"
	"testing"

	"partneratlas/exporters/planbook/planbooktest"
)

// TestWorkbookInjectionPayloads: in the workbook every payload is a text
// cell, never a formula, and reads back as written.
func TestWorkbookInjectionPayloads(t *testing.T) {
	e := planbooktest.Injection(testToday)
	data, f := export(t, e)
	xml := partnersXML(t, zipFiles(t, data))
	if n := strings.Count(xml, "<f>") + strings.Count(xml, `<f t="shared"`); n != 2*len(e.Partners) {
		t.Errorf("%d formulas on the Partners sheet, want %d (Score and Tier only)", n, 2*len(e.Partners))
	}
	rows, err := f.GetRows(SheetPartners)
	if err != nil {
		t.Fatal(err)
	}
	col := planbooktest.Columns(rows[0])
	for i, s := range planbooktest.InjectionPayloads {
		for _, h := range []string{"Owner", "Region", "Notes"} {
			if got := cellAt(rows[i+1], col[h]); got != s && got != strings.ReplaceAll(s, "\r", "\n") {
				t.Errorf("%s of payload %q reads back %q", h, s, got)
			}
		}
	}
}
