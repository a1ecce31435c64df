package exporters

import (
	"bytes"
	"partneratlas/exporters/planbook/planbooktest"
	"partneratlas/internal/fixtures"
	"strings"
	"testing"
)

// TestCSVInjectionPayloads: every payload is written behind a quote, real
// numbers are not.
func TestCSVInjectionPayloads(t *testing.T) {
	e := planbooktest.Injection(planbooktest.Today)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, e, nil); err != nil {
		t.Fatal(err)
	}
	rows := fixtures.CSVData(t, "the CSV written", buf.Bytes())
	col := planbooktest.Columns(rows[0])
	for i, s := range planbooktest.InjectionPayloads {
		row := rows[i+1]
		for _, h := range []string{"Owner", "Region", "Notes"} {
			got := row[col[h]]
			dangerous := strings.ContainsAny(strings.TrimLeft(s, " ")[:1], "=+-@\t\r\n")
			if dangerous && !strings.HasPrefix(got, "'") {
				t.Errorf("%s of payload %q = %q, want it behind a quote", h, s, got)
			}
			if !dangerous && got != s {
				t.Errorf("%s of payload %q = %q, want it unchanged", h, s, got)
			}
		}
		if got := row[col["Shared ICP"]]; got != "3" {
			t.Errorf("Shared ICP = %q, want the number 3 untouched", got)
		}
		if got := row[col["Score"]]; strings.HasPrefix(got, "'") {
			t.Errorf("Score = %q, a number behind a quote", got)
		}
	}
}
