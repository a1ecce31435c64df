package planbook_test

import (
	"encoding/csv"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// TestRealWorldRoundTrip imports a partner list holding what real lists
// hold — unmapped columns, CJK, right-to-left and emoji text, a cell of
// Excel's maximum length, numbers stored as text, blank cells — saves the
// plan workbook, reopens it and saves it again: every value comes back as it
// was imported, both times.
func TestRealWorldRoundTrip(t *testing.T) {
	long := strings.Repeat("ab😀", 32767/4) + "xyz" // 32,767 characters as Excel counts them (UTF-16)
	if n := len(utf16.Encode([]rune(long))); n != 32767 {
		t.Fatalf("long text has %d characters", n)
	}
	rows := [][]string{
		{"Partner Name", "Website", "Partner Type", "Shared ICP", "Account ID", "Notes", "مدير", "备注", "Zip", "Blank"},
		{"Acme 株式会社", "acme.co.jp", "Reseller", "4", "007", "=1+1", "أحمد", "重要伙伴 🚀", "02134", ""},
		{"שותף ישראלי", "partner.co.il", "Technology", "", "1e5", "-3", "", "", "", ""},
		{"Émoji 👩🏽‍💻 GmbH", "", "Agency", "3,5", "0000", long, "x", "", "1.50", ""},
		{"Blank Cells Inc", "", "", "", "", "", "", "", "", ""},
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.WriteAll(rows)
	res, err := planbook.ReadData("partners.csv", []byte(b.String()), importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Partners) != 4 {
		t.Fatalf("imported %d partners, want 4: %v", len(res.Partners), res.Problems)
	}
	e := planbook.Assemble([]*planbook.Source{res}, today).Ecosystem
	want := snapshot(e)

	path := save(t, e, "plan.xlsx")
	for round := 1; round <= 2; round++ {
		back, _ := reopen(t, path)
		got := snapshot(back)
		for name, w := range want {
			g, ok := got[name]
			if !ok {
				t.Errorf("round %d: %q is missing", round, name)
				continue
			}
			for k, v := range w {
				if g[k] != v {
					t.Errorf("round %d: %s %s = %q, want %q", round, name, k, clip(g[k]), clip(v))
				}
			}
		}
		if len(got) != len(want) {
			t.Errorf("round %d: %d partners, want %d", round, len(got), len(want))
		}
		path = filepath.Join(t.TempDir(), "again.xlsx")
		if err := exporters.SaveWorkbook(path, back, planbook.Options{Today: today}); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot flattens what a partner holds into name → field → text.
func snapshot(e *core.Ecosystem) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, p := range e.Partners {
		m := map[string]string{"website": p.Website, "roles": core.FormatRoles(p.Roles)}
		for _, v := range p.Values {
			m["value "+v.Key] = strconv.FormatFloat(v.Value, 'g', -1, 64)
		}
		for _, x := range p.Extras {
			m["extra "+x.Column] = x.Value
		}
		out[p.Name] = m
	}
	return out
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
