package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"partneratlas/resources"
)

// sample writes the embedded sample to a temporary folder and returns its path.
func sample(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), resources.SampleFileName)
	if err := os.WriteFile(path, resources.SamplePartnersCSV, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runCmd(args ...string) (status int, stdout, stderr string) {
	var out, errb bytes.Buffer
	status = run(args, &out, &errb)
	return status, out.String(), errb.String()
}

func TestPlanWritesWorkbookAndCSV(t *testing.T) {
	in := sample(t)
	dir := t.TempDir()
	for _, c := range []struct {
		out   string
		magic string
	}{
		{filepath.Join(dir, "plan.xlsx"), "PK\x03\x04"},
		{filepath.Join(dir, "plan.csv"), ""},
	} {
		status, stdout, stderr := runCmd("plan", in, "-o", c.out) // options after the file
		if status != 0 {
			t.Fatalf("plan -o %s: status %d, stderr %q", c.out, status, stderr)
		}
		data, err := os.ReadFile(c.out)
		if err != nil {
			t.Fatalf("plan -o %s wrote nothing: %v", c.out, err)
		}
		if !bytes.HasPrefix(data, []byte(c.magic)) {
			t.Errorf("%s starts %q, want %q", c.out, data[:min(4, len(data))], c.magic)
		}
		for _, want := range []string{"Partners: 40", "Tier 1", "Tier 2", "Tier 3", "Monitor", "Tier 1 and Tier 2 hold", "Wrote " + c.out} {
			if !strings.Contains(stdout, want) {
				t.Errorf("plan -o %s: report lacks %q:\n%s", c.out, want, stdout)
			}
		}
	}
}

func TestPlanDefaultOutput(t *testing.T) {
	in := sample(t)
	t.Chdir(t.TempDir())
	if status, _, stderr := runCmd("plan", in); status != 0 {
		t.Fatalf("plan: status %d, stderr %q", status, stderr)
	}
	if _, err := os.Stat(defaultPlanFile); err != nil {
		t.Errorf("plan did not write %s: %v", defaultPlanFile, err)
	}
}

func TestPlanJSON(t *testing.T) {
	in := sample(t)
	out := filepath.Join(t.TempDir(), "plan.xlsx")
	status, stdout, stderr := runCmd("plan", "--json", "-o", out, in)
	if status != 0 {
		t.Fatalf("plan --json: status %d, stderr %q", status, stderr)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &top); err != nil {
		t.Fatalf("stdout is not only a JSON object: %v\n%s", err, stdout)
	}
	if _, ok := top["measurement"]; ok || len(top) != 1 {
		t.Errorf("the JSON has %d keys, want \"partners\" only when there are no deals", len(top))
	}
	var partners []struct {
		Name        string   `json:"name"`
		PrimaryRole string   `json:"primary_role"`
		Roles       []string `json:"roles"`
		Score       *float64 `json:"score"`
		Tier        string   `json:"tier"`
		Confidence  *float64 `json:"confidence"`
	}
	if err := json.Unmarshal(top["partners"], &partners); err != nil {
		t.Fatalf("\"partners\" is not the list of partners: %v\n%s", err, stdout)
	}
	if len(partners) != 40 {
		t.Fatalf("%d partners in the JSON, want 40", len(partners))
	}
	tiers := map[string]int{}
	for _, p := range partners {
		tiers[p.Tier]++
		if p.Name == "" || p.Score == nil || p.Confidence == nil {
			t.Errorf("incomplete partner in the JSON: %+v", p)
			continue
		}
		if *p.Score < 0 || *p.Score > 100 || *p.Score*100 != float64(int64(*p.Score*100+0.5*sign(*p.Score))) {
			t.Errorf("%s: score %v is not on 0–100 with 2 decimals", p.Name, *p.Score)
		}
		if *p.Confidence < 0 || *p.Confidence > 1 {
			t.Errorf("%s: confidence %v is not on 0–1", p.Name, *p.Confidence)
		}
		if len(p.Roles) > 0 && p.Roles[0] != p.PrimaryRole {
			t.Errorf("%s: roles %v do not start with the primary role %q", p.Name, p.Roles, p.PrimaryRole)
		}
	}
	for tier := range tiers {
		if tier != "Tier 1" && tier != "Tier 2" && tier != "Tier 3" && tier != "Monitor" {
			t.Errorf("unknown tier %q in the JSON", tier)
		}
	}
	if tiers["Tier 1"] == 0 || tiers["Monitor"] == 0 {
		t.Errorf("tiers = %v, want the sample to fill Tier 1 and Monitor", tiers)
	}
	if !strings.Contains(stderr, "Partners: 40") || !strings.Contains(stderr, "Wrote "+out) {
		t.Errorf("the report is not on stderr with --json:\n%s", stderr)
	}
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

func TestPlanMergesFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.csv")
	head := "Partner Name,Website,Partner Type,Shared ICP,Customer Overlap,Product Alignment,Revenue Potential\n"
	os.WriteFile(a, []byte(head+"Acme Resale,acme-resale.example,Reseller,5,4,4,5\nBorealis,borealis.example,ISV,3,3,3,3\n"), 0o644)
	os.WriteFile(b, []byte(head+"Cirrus Agency,cirrus.example,Agency,4,4,4,4\nAcme Resale Inc.,https://www.acme-resale.example,Reseller,5,4,4,5\n"), 0o644)
	out := filepath.Join(dir, "plan.csv")
	status, stdout, stderr := runCmd("plan", "--json", a, b, "--output="+out)
	if status != 0 {
		t.Fatalf("plan: status %d, stderr %q", status, stderr)
	}
	var plan struct{ Partners []map[string]any }
	if err := json.Unmarshal([]byte(stdout), &plan); err != nil {
		t.Fatalf("bad JSON: %v", err)
	}
	partners := plan.Partners
	if len(partners) != 3 {
		t.Errorf("%d partners after merging two files, want 3 (Acme Resale once): %v", len(partners), partners)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	xls := filepath.Join(dir, "old.xls")
	os.WriteFile(xls, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 legacy"), 0o644)
	garbage := filepath.Join(dir, "garbage.xlsx")
	os.WriteFile(garbage, []byte("this is not a zip"), 0o644)
	in := sample(t)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no command", []string{"frobnicate"}, "unknown command"},
		{"no files", []string{"plan"}, "at least one"},
		{"missing file", []string{"plan", filepath.Join(dir, "nope.csv")}, "cannot find"},
		{"unknown flag", []string{"plan", "--frob", in}, "unknown option --frob"},
		{"unknown top flag", []string{"--frob"}, "unknown option"},
		{"-o without value", []string{"plan", in, "-o"}, "needs a file name"},
		{"bad output ext", []string{"plan", in, "-o", filepath.Join(dir, "x.pdf")}, ".xlsx or .csv"},
		{"legacy xls", []string{"plan", xls}, "old.xls"},
		{"not a workbook", []string{"plan", garbage}, "garbage.xlsx"},
		{"folder", []string{"plan", dir}, "folder"},
		{"output is an input", []string{"plan", in, "-o", in}, "never writes over its input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, stdout, stderr := runCmd(c.args...)
			if status != 1 {
				t.Errorf("status = %d, want 1", status)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.HasPrefix(stderr, "partneratlas: ") || !strings.Contains(stderr, c.want) {
				t.Errorf("stderr = %q, want \"partneratlas: …%s…\"", stderr, c.want)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("stderr is more than one paragraph: %q", stderr)
			}
			for _, bad := range []string{"goroutine", "panic", ".go:"} {
				if strings.Contains(stderr, bad) {
					t.Errorf("stderr shows %q: %q", bad, stderr)
				}
			}
			if !strings.Contains(stderr, "partneratlas help") {
				t.Errorf("stderr lacks the usage hint: %q", stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}, {"plan", "-h"}} {
		status, stdout, _ := runCmd(args...)
		if status != 0 || !strings.Contains(stdout, "partneratlas plan [-o OUT] [--json] [--column HEADER=FIELD ...] [--sheet NAME] [--header-row N] [--encoding NAME] [--same A=B ...] [--apart A=B ...] [--deals FILE ...] [--since DATE] [--until DATE] FILE...") {
			t.Errorf("%v: status %d, stdout %q", args, status, stdout)
		}
	}
}
