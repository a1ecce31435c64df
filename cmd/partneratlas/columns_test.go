package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/exporters/planbook/planbooktest"
	"partneratlas/importers"
)

// write puts data in a file of dir and returns its path.
func write(t *testing.T, dir, name, data string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// vendorList is a list whose names sit under "Vendor" and whose ICP column
// no synonym knows: a CRM's weekly export nobody can rename columns in.
const vendorList = "Vendor,Website,Category,ICP rating,Overlap,Product fit,Revenue opportunity\n" +
	"Acme Analytics,acme.io,Technology,5,5,5,5\n" +
	"Globex,globex.com,Channel,4,3,3,2\n" +
	"Initech,initech.com,Service,2,2,1,1\n"

func TestPlanColumnOption(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "vendors.csv", vendorList)
	out := filepath.Join(dir, "plan.xlsx")
	tests := []struct {
		name   string
		args   []string
		status int
		want   string // in stdout on success, in stderr on failure
	}{
		{"refused with the likeliest column", nil, 1, `--column "Vendor=name"`},
		{"names mapped", []string{"--column", "Vendor=name"}, 0, "Warning: Shared ICP (35% of the score) has no value for any of the 3 partners"},
		{"names and ICP mapped", []string{"--column", "Vendor=name", "--column", "ICP rating=Shared ICP"}, 0, "Partners: 3"},
		{"by letter", []string{"--column", "A=Partner name", "--column", "D=shared icp"}, 0, "Partners: 3"},
		{"no such header", []string{"--column", "Supplier=name"}, 1, `no column of ` + in + ` is headed "Supplier". The headers are: "Vendor", "Website"`},
		{"no such field", []string{"--column", "Vendor=wingspan"}, 1, `"wingspan" is not a field`},
		{"no equals sign", []string{"--column", "Vendor"}, 1, `--column needs a header and a field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"plan", "-o", out}, tt.args...), in)
			status, stdout, stderr := runCmd(args...)
			got := stdout
			if tt.status != 0 {
				got = stderr
			}
			if status != tt.status || !strings.Contains(got, tt.want) {
				t.Errorf("status %d, stdout %q\nstderr %q\nwant status %d and %q", status, stdout, stderr, tt.status, tt.want)
			}
		})
	}
	// With ICP mapped, Acme Analytics, rated 5 on everything, scores 100;
	// without, the missing 35% leaves it at 65.
	for _, c := range []struct {
		args  []string
		score float64
	}{
		{[]string{"--column", "Vendor=name"}, 65},
		{[]string{"--column", "Vendor=name", "--column", "ICP rating=Shared ICP"}, 100},
	} {
		if status, _, stderr := runCmd(append(append([]string{"plan", "-o", out}, c.args...), in)...); status != 0 {
			t.Fatal(stderr)
		}
		src, err := planbook.ReadFile(out, importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s := src.Plan.Evaluate().Results[0].Score; s != c.score {
			t.Errorf("%v: Acme Analytics scores %v, want %v", c.args, s, c.score)
		}
	}
}

func TestPlanSheetAndHeaderRow(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "Notes")
	_ = f.SetSheetRow("Notes", "A1", &[]any{"Partner", "Comment"})
	_ = f.SetSheetRow("Notes", "A2", &[]any{"Not a partner", "a note"})
	if _, err := f.NewSheet("List"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetSheetRow("List", "A1", &[]any{"Exported from the CRM"})
	_ = f.SetSheetRow("List", "A2", &[]any{"Partner", "Comment"}) // a decoy header
	_ = f.SetSheetRow("List", "A3", &[]any{"Vendor", "Site"})
	_ = f.SetSheetRow("List", "A4", &[]any{"Acme Analytics", "acme.io"})
	_ = f.SetSheetRow("List", "A5", &[]any{"Globex", "globex.com"})
	in := filepath.Join(dir, "crm.xlsx")
	if err := f.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.xlsx")
	status, stdout, stderr := runCmd("plan", "-o", out, "--sheet", "List", "--header-row", "3", "--column", "Vendor=name", in)
	if status != 0 || !strings.Contains(stdout, "Partners: 2") {
		t.Fatalf("status %d\n%s\n%s", status, stdout, stderr)
	}
	src, err := planbook.ReadFile(out, importers.Options{})
	if err != nil || src.Plan.Partners[0].Name != "Acme Analytics" || src.Plan.Partners[1].Domain != "globex.com" {
		t.Errorf("partners = %+v, %v", src.Plan.Partners, err)
	}
	if status, _, stderr := runCmd("plan", "-o", out, "--header-row", "-2", in); status != 1 || !strings.Contains(stderr, "row number from 1") {
		t.Errorf("a negative header row: status %d, %q", status, stderr)
	}
}

// TestPlanEncoding: a list and a deal export saved in an encoding detection
// cannot tell apart (Mac Roman reads as valid Windows-1252) are both read
// right once --encoding names it, and an encoding Partner Atlas does not
// know is refused by name.
func TestPlanEncoding(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "mac.csv")
	// "Société Générale" in Mac Roman: é is 0x8E, read as Ž in Windows-1252.
	if err := os.WriteFile(in, []byte("Partner Name,Website\nSoci\x8et\x8e G\x8en\x8erale,societegenerale.fr\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	deals := filepath.Join(dir, "deals.csv") // the same CRM's export, in the same encoding
	if err := os.WriteFile(deals, []byte("Opportunity Name,Account Name,Stage,Amount,Close Date,Primary Partner\nRenewal,Caf\x8e Cr\x8fme,Closed Won,1000,2026-01-05,Soci\x8et\x8e G\x8en\x8erale\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.csv")
	tests := []struct {
		encoding, name, says, not string
		status                    int
	}{
		{"", "SociŽtŽ GŽnŽrale", "read as Windows-1252", "", 0},
		{"macintosh", "Société Générale", "Sourced", "is not UTF-8", 0}, // neither file guessed
		{"klingon", "", `the text encoding "klingon" is not one Partner Atlas knows`, "", 1},
	}
	for _, tt := range tests {
		args := []string{"plan", "-o", out, "--deals", deals}
		if tt.encoding != "" {
			args = append(args, "--encoding", tt.encoding)
		}
		status, stdout, stderr := runCmd(append(args, in)...)
		if status != tt.status || !strings.Contains(stdout+stderr, tt.says) || (tt.not != "" && strings.Contains(stdout+stderr, tt.not)) {
			t.Errorf("--encoding %q: status %d, output %q; want %d and %q", tt.encoding, status, stdout+stderr, tt.status, tt.says)
			continue
		}
		if tt.name == "" {
			continue
		}
		if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), tt.name) {
			t.Errorf("--encoding %q: the plan does not name %q:\n%.300s", tt.encoding, tt.name, data)
		}
	}
}

// TestPlanLookAlikes: a division on a subdomain of its parent is kept
// apart and named in a warning; --same merges it, and the verdict is saved
// in the plan; --apart stops the warning.
func TestPlanLookAlikes(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "partners.csv", "Partner,Website\nExample Inc,https://example.com\nExample Healthcare,https://healthcare.example.com\nGlobex,globex.com\n")
	out := filepath.Join(dir, "plan.xlsx")
	status, stdout, stderr := runCmd("plan", "-o", out, in)
	if status != 0 || !strings.Contains(stdout, "Partners: 3") || !strings.Contains(stdout, `"Example Healthcare" may be the same partner as Example Inc`) {
		t.Fatalf("status %d\n%s\n%s", status, stdout, stderr)
	}
	status, stdout, stderr = runCmd("plan", "-o", out, "--same", "Example Inc=Example Healthcare", in)
	if status != 0 || !strings.Contains(stdout, "Partners: 2") || strings.Contains(stdout, "may be the same partner") ||
		!strings.Contains(stdout, `"Example Healthcare" is the same partner as Example Inc`) {
		t.Fatalf("--same: status %d\n%s\n%s", status, stdout, stderr)
	}
	src, err := planbook.ReadFile(out, importers.Options{})
	if err != nil || !src.Plan.SamePartners[core.PairKey("Example Healthcare", "Example Inc")] {
		t.Errorf("the verdict was not saved: %v %v", src.Plan.SamePartners, err)
	}
	status, stdout, _ = runCmd("plan", "-o", out, "--apart", "Example Inc=Example Healthcare", in)
	if status != 0 || !strings.Contains(stdout, "Partners: 3") || strings.Contains(stdout, "may be the same partner") {
		t.Errorf("--apart: status %d\n%s", status, stdout)
	}
	status, _, stderr = runCmd("plan", "-o", out, "--same", "Example Inc=Initech", in)
	if status != 1 || !strings.Contains(stderr, `"Initech" is not a partner of the lists`) {
		t.Errorf("an unknown name: status %d, %q", status, stderr)
	}
}

// TestOverlapColumnOption: overlap reads account lists whose names sit
// under a header no synonym knows, with --column.
func TestOverlapColumnOption(t *testing.T) {
	dir := t.TempDir()
	ours := write(t, dir, "ours.csv", "Client,Web\nAcme Analytics,acme.io\nGlobex,globex.com\nInitech,initech.com\n")
	theirs := write(t, dir, "theirs.csv", "Client,Web\nGlobex Corporation,www.globex.com\nUmbrella,umbrella.example\n")
	status, _, stderr := runCmd("overlap", "--ours", ours, "--partner", "Nimbus="+theirs)
	if status != 1 || !strings.Contains(stderr, `--column "Client=name"`) {
		t.Errorf("without --column: status %d, %q", status, stderr)
	}
	status, stdout, stderr := runCmd("overlap", "--ours", ours, "--partner", "Nimbus="+theirs, "--column", "Client=name")
	if status != 0 || !strings.Contains(stdout, "Nimbus: 2 companies (2 customers); 1 shared (1 by domain") {
		t.Errorf("with --column: status %d\n%s\n%s", status, stdout, stderr)
	}
}

// TestPlanWarningsAPersonCanRead: a list with thousands of problems prints
// at most about fifty lines of grouped warnings, and the workbook's Import
// log sheet holds every one of them.
func TestPlanWarningsAPersonCanRead(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Partner Name,Website,Partner Type,Shared ICP\n")
	for i := 0; i < 3000; i++ {
		// A bad value and an unknown role on every row; every third row
		// repeats the partner before with another ICP (merged, conflict).
		n := i - i%3/2
		fmt.Fprintf(&b, "Partner %d,p%d.example.com,Wholesale,%s\n", n, n, []string{"high", "4", "5"}[i%3])
	}
	in := write(t, dir, "big.csv", b.String())
	out := filepath.Join(dir, "plan.xlsx")
	status, stdout, stderr := runCmd("plan", "-o", out, in)
	if status != 0 {
		t.Fatal(stderr)
	}
	_, warnings, _ := strings.Cut(stdout, "Warnings (")
	lines := strings.Count(warnings, "\n")
	if lines > 55 || !strings.Contains(stdout, "on the Import log sheet of "+out) {
		t.Errorf("%d lines of warnings:\n%s", lines, warnings)
	}
	rows := planbooktest.FileRows(t, out, planbook.SheetImportLog)
	// "Warnings (7,999, in 4 groups)": the count has thousands separators.
	total, _ := strconv.Atoi(strings.ReplaceAll(strings.TrimSuffix(strings.Fields(warnings)[0], ","), ",", ""))
	if logged := len(rows) - 3; logged != total || total < 3000 {
		t.Errorf("the Import log holds %d problems, the report counts %d", logged, total)
	}
}
