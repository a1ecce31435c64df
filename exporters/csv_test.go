package exporters

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"partneratlas/core"
	"partneratlas/exporters/planbook/planbooktest"
	"partneratlas/internal/fixtures"
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	e := core.NewEcosystem("CSV", planbooktest.Today)
	e.Scorecard.Criteria[0].Min = -5 // a scale with negative values
	payloads := []string{`=cmd|' /C calc'!A0`, `@SUM(1+1)`, `+1+1`, `-2+3`, "\t=1", "\r=1", "plain", "Ωmega 🚀"}
	for i, s := range payloads {
		p := &core.Partner{Name: s, Owner: s, Roles: []core.Role{core.Channel},
			Extras: []core.Extra{{Column: "Notes", Value: s}}}
		p.SetValue(core.SharedICP, float64(-i))
		p.SetValue(core.CustomerOverlap, 2.5)
		e.Partners = append(e.Partners, p)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, e, nil); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	if !strings.HasPrefix(raw, "\uFEFF") {
		t.Error("no UTF-8 byte-order mark")
	}
	if !strings.Contains(raw, "\r\n") || strings.Count(raw, "\r\n") < len(payloads)+1 {
		t.Error("lines do not end in CRLF")
	}
	rows := fixtures.CSVData(t, "the CSV written", buf.Bytes())
	head := rows[0]
	col := func(h string) int {
		for i, x := range head {
			if x == h {
				return i
			}
		}
		t.Fatalf("no column %q", h)
		return -1
	}
	ev := e.Evaluate()
	for i, s := range payloads {
		row := rows[i+1]
		want := s
		if strings.ContainsAny(s[:1], "=+-@\t\r") {
			want = "'" + s
		}
		if s[0] == '\r' {
			// With UseCRLF, encoding/csv drops a lone CR inside a field;
			// what matters is that the cell starts with the quote.
			want = "'=1"
		}
		for _, h := range []string{"Partner", "Owner", "Notes"} {
			if got := row[col(h)]; got != want {
				t.Errorf("%s of %q = %q, want %q", h, s, got, want)
			}
		}
		// Numbers are never prefixed, negative ones included.
		if got, want := row[col("Shared ICP")], []string{"0", "-1", "-2", "-3", "-4", "-5", "-6", "-7"}[i]; got != want {
			t.Errorf("Shared ICP = %q, want %q", got, want)
		}
		if got := row[col("Customer overlap")]; got != "2.5" {
			t.Errorf("Customer overlap = %q, want 2.5", got)
		}
		if got, want := row[col("Score")], strconv.FormatFloat(ev.Results[i].Score, 'f', 2, 64); got != want {
			t.Errorf("Score = %q, want %q", got, want)
		}
		if got := row[col("Tier")]; got != string(ev.Results[i].Tier) {
			t.Errorf("Tier = %q, want %s", got, ev.Results[i].Tier)
		}
	}
}
