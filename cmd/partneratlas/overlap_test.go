package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

const accountsData = "../../importers/testdata/"

func TestOverlapJSONAndWorkbook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "overlap.xlsx")
	status, stdout, stderr := runCmd("overlap", "--ours", accountsData+"sp500-constituents.csv",
		"--partner", "Nasdaq="+accountsData+"nasdaq-listed-symbols.csv", "--json", "-o", out)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	var got []jsonOverlap
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("the JSON does not parse: %v\n%s", err, stdout)
	}
	// 156 shared companies, 142 by name and 14 fuzzy (a brand beside its
	// legal name): see TestOverlapSP500Nasdaq in package importers for how
	// the count was checked.
	if len(got) != 1 || got[0].Partner != "Nasdaq" || got[0].Populations["both_customers"] != 156 ||
		got[0].Matches["name"] != 142 || got[0].Matches["fuzzy"] != 14 || got[0].Matches["domain"] != 0 || got[0].Score != 2 {
		t.Errorf("JSON = %+v", got)
	}
	for _, want := range []string{"Nasdaq: 4,675 companies", "row 5571", "Wrote " + out} {
		if !strings.Contains(stderr, want) {
			t.Errorf("report lacks %q:\n%s", want, stderr)
		}
	}
	res, err := planbook.ReadFile(out, importers.Options{})
	if err != nil || res.Plan == nil || res.Plan.Accounts == nil {
		t.Fatalf("reopen: %v", err)
	}
	o := res.Plan.OverlapOf("Nasdaq")
	if o == nil || o.SharedCompanies() != 156 || len(o.Shared) != 156 || len(res.Plan.Partners) != 1 {
		t.Fatalf("reopened overlap = %+v", o)
	}
	// The fuzzy matches come back as the proposals they were: pending, with
	// their confidence and the reason naming the shared word.
	fuzzy := 0
	for _, s := range o.Shared {
		if s.Kind != core.MatchFuzzy {
			continue
		}
		fuzzy++
		if s.Decision != core.Pending || s.Confidence < 0.6 || s.Confidence >= core.NameConfidence ||
			!strings.Contains(s.Reason, "distinctive") || !strings.Contains(s.Reason, strconv.Quote(s.Key)) {
			t.Errorf("reopened fuzzy match %+v", s)
		}
		if s.Ours == "Cisco" && (s.Theirs != "Cisco Systems, Inc." || s.Key != "cisco" || s.Confidence != core.SharedWordPrefixConfidence) {
			t.Errorf("reopened Cisco match %+v, want Cisco Systems, Inc. on \"cisco\" at %v", s, core.SharedWordPrefixConfidence)
		}
	}
	if fuzzy != 14 {
		t.Errorf("reopened %d fuzzy matches, want 14", fuzzy)
	}
	if v, _ := res.Plan.Partners[0].Value("customer_overlap"); v != 2 {
		t.Errorf("customer overlap = %v, want 2", v)
	}
}

func TestOverlapBadInput(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"overlap"}, "needs our account list"},
		{[]string{"overlap", "--ours", accountsData + "sp500-constituents.csv"}, "at least one partner"},
		{[]string{"overlap", "--ours", "nope.csv", "--partner", "A=b.csv"}, "cannot find nope.csv"}, // both are missing: the first is named
		{[]string{"overlap", "--ours", accountsData + "sp500-constituents.csv", "--partner", "A=b.csv", "--partner", "B=c.csv"}, "cannot find b.csv"},
		{[]string{"overlap", "--ours", accountsData + "sp500-constituents.csv", "--partner", "A=b.csv", "--partner", "a=c.csv"}, `partner "a" is given twice`},
		{[]string{"overlap", "--ours", accountsData + "sp500-constituents.csv", "--partner", "Nasdaq"}, "--partner needs"},
		{[]string{"overlap", "--ours", accountsData + "sp500-constituents.csv", "--partner", "A=" + accountsData + "calamine-date.xls"}, "97–2003"},
		{[]string{"overlap", "--ours", accountsData + "sp500-constituents.csv", "--partner", "A=" + accountsData + "sp500-constituents.csv", "-o", "x.csv"}, ".xlsx"},
	}
	for _, tt := range tests {
		status, _, stderr := runCmd(tt.args...)
		if status != 1 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: status %d, stderr %q; want 1 and one paragraph with %q", tt.args, status, stderr, tt.want)
		}
	}
}
