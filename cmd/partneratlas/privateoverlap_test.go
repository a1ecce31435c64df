package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"partneratlas/internal/fixtures"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// universityHalves writes two overlapping halves of the world
// universities list, with a status and an amount, as two companies' lists.
func universityHalves(t *testing.T, dir string) (ours, theirs string) {
	t.Helper()
	recs := fixtures.CSV(t, accountsData+"world-universities.csv")
	write := func(name string, rows [][]string) string {
		path := filepath.Join(dir, name)
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(out)
		w.Write([]string{"Name", "Domains", "Status", "Amount"})
		for i, r := range rows {
			status, amount := "Prospect", ""
			switch {
			case i%7 == 0:
				status, amount = "Open opportunity", fmt.Sprint(1000+i)
			case i%3 == 0:
				status = "Customer"
			}
			w.Write([]string{r[0], r[1], status, amount})
		}
		w.Flush()
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	rows := recs[1:]
	return write("ours.csv", rows[:3000]), write("theirs.csv", rows[2000:5000])
}

// exactPopulations is plain overlap's population matrix restricted to its
// exact matches, from the same importers overlap uses.
func exactPopulations(t *testing.T, ours, theirs string) (map[string]int, float64) {
	t.Helper()
	read := func(p string) []core.Account {
		res, err := importers.ReadAccounts(p, importers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return res.List.Accounts
	}
	o := core.MatchLists(&core.AccountList{Accounts: read(ours)}, []core.AccountList{{Partner: "p", Accounts: read(theirs)}}, nil)[0]
	var counts [4]int
	pipeline := 0.0
	for _, s := range o.Shared {
		if s.Kind != core.MatchFuzzy {
			counts[s.Population]++
			pipeline += s.Amount
		}
	}
	return map[string]int{"both_customers": counts[0], "our_customer_their_prospect": counts[1],
		"their_customer_our_prospect": counts[2], "both_prospects": counts[3]}, pipeline
}

// TestPrivateOverlapCommandEqualsOverlap runs the three steps in two
// folders (two people, two computers) on real lists and checks the counts
// against plain overlap's exact matches, in both modes.
func TestPrivateOverlapCommandEqualsOverlap(t *testing.T) {
	tmp := t.TempDir()
	uOurs, uTheirs := universityHalves(t, tmp)
	lists := []struct{ name, ours, theirs string }{
		{"S&P 500 and Nasdaq", accountsData + "sp500-constituents.csv", accountsData + "nasdaq-listed-symbols.csv"},
		{"universities", uOurs, uTheirs},
	}
	for _, l := range lists {
		status, stdout, stderr := runCmd("overlap", "--ours", l.ours, "--partner", "Them="+l.theirs, "--json")
		if status != 0 {
			t.Fatalf("overlap: %s", stderr)
		}
		var plain []jsonOverlap
		if err := json.Unmarshal([]byte(stdout), &plain); err != nil {
			t.Fatal(err)
		}
		pops, pipeline := exactPopulations(t, l.ours, l.theirs)
		for _, mode := range []string{"counts", "matches"} {
			t.Run(l.name+"/"+mode, func(t *testing.T) {
				us, them := t.TempDir(), t.TempDir()
				req, ans := filepath.Join(us, "request.pao"), filepath.Join(them, "answer.pao")
				if status, _, stderr := runCmd("private-overlap", "request", "--ours", l.ours, "--mode", mode, "--from", "Us Inc",
					"--state-dir", us, "-o", req); status != 0 {
					t.Fatalf("request: %s", stderr)
				}
				status, stdout, stderr := runCmd("private-overlap", "answer", "--ours", l.theirs, "--from", "Them", "--state-dir", them, req, "-o", ans)
				if status != 0 {
					t.Fatalf("answer: %s", stderr)
				}
				if !strings.Contains(stdout, "entries, mode "+mode) {
					t.Errorf("answer does not say how many entries the request holds:\n%s", stdout)
				}
				out := filepath.Join(us, "overlap.xlsx")
				result := filepath.Join(us, "result.pao")
				status, stdout, stderr = runCmd("private-overlap", "finish", "--state-dir", us, req, ans, "--json", "-o", out, "--result", result)
				if status != 0 {
					t.Fatalf("finish: %s", stderr)
				}
				var got []jsonOverlap
				if err := json.Unmarshal([]byte(stdout), &got); err != nil {
					t.Fatalf("the JSON does not parse: %v\n%s", err, stdout)
				}
				// The partner reads the result back: what we learnt, from its side.
				status, stdout, resErr := runCmd("private-overlap", "result", "--state-dir", them, ans, result, "--json")
				if status != 0 {
					t.Fatalf("result: %s", resErr)
				}
				var back []jsonOverlap
				if err := json.Unmarshal([]byte(stdout), &back); err != nil {
					t.Fatalf("the result's JSON does not parse: %v\n%s", err, stdout)
				}
				checkResultJSON(t, back[0], got[0], mode)
				p := plain[0]
				if len(got) != 1 || got[0].Partner != "Them" || got[0].Companies != p.Companies || got[0].Customers != p.Customers ||
					got[0].Matches["domain"] != p.Matches["domain"] || got[0].Matches["name"] != p.Matches["name"] || got[0].Matches["fuzzy"] != 0 {
					t.Errorf("private %+v, plain %+v", got, p)
				}
				for k, v := range pops {
					if got[0].Populations[k] != v {
						t.Errorf("%s = %d, want %d", k, got[0].Populations[k], v)
					}
				}
				if mode == "matches" && got[0].Pipeline != pipeline {
					t.Errorf("pipeline = %v, want %v", got[0].Pipeline, pipeline)
				}
				if mode == "matches" && !strings.Contains(stderr, "more: every one is on the Overlap sheet of "+out) {
					t.Errorf("the report does not stop listing the shared accounts:\n%.2000s", stderr)
				}
				if !strings.Contains(stderr, "computed privately") || !strings.Contains(stderr, "fuzzy matching cannot work") {
					t.Errorf("the report does not say how the overlap was computed:\n%s", stderr)
				}
				res, err := planbook.ReadFile(out, importers.Options{})
				if err != nil || res.Plan.OverlapOf("Them") == nil || res.Plan.OverlapOf("Them").SharedCompanies() != got[0].Matches["domain"]+got[0].Matches["name"] {
					t.Errorf("the workbook's overlap: %v", err)
				}
				// Finished once: the secret is gone, a second finish is refused by name.
				status, _, stderr = runCmd("private-overlap", "finish", "--state-dir", us, req, ans)
				if status == 0 || !strings.Contains(stderr, "finished once") {
					t.Errorf("second finish: status %d, %s", status, stderr)
				}
				b, err := os.ReadFile(filepath.Join(us, "request-"+readID(t, req)+".json"))
				if err != nil || strings.Contains(string(b), "secret") {
					t.Errorf("the finished state still holds the secret (%v):\n%.300s", err, b)
				}
				// Answered once.
				status, _, stderr = runCmd("private-overlap", "answer", "--ours", l.theirs, "--state-dir", them, req, "-o", filepath.Join(them, "again.pao"))
				if status == 0 || !strings.Contains(stderr, "answered once") {
					t.Errorf("second answer: status %d, %s", status, stderr)
				}
			})
		}
	}
}

// TestPrivateOverlapCommandWithheldPopulations checks that populations
// withheld on both sides leave the number shared as it is, and are said.
func TestPrivateOverlapCommandWithheldPopulations(t *testing.T) {
	us, them := t.TempDir(), t.TempDir()
	req, ans := filepath.Join(us, "request.pao"), filepath.Join(them, "answer.pao")
	ours, theirs := accountsData+"sp500-constituents.csv", accountsData+"nasdaq-listed-symbols.csv"
	if status, _, stderr := runCmd("private-overlap", "request", "--ours", ours, "--withhold-populations", "--state-dir", us, "-o", req); status != 0 {
		t.Fatalf("request: %s", stderr)
	}
	if status, _, stderr := runCmd("private-overlap", "answer", "--ours", theirs, "--withhold-populations", "--state-dir", them, req, "-o", ans); status != 0 {
		t.Fatalf("answer: %s", stderr)
	}
	status, stdout, stderr := runCmd("private-overlap", "finish", "--state-dir", us, req, ans)
	if status != 0 {
		t.Fatalf("finish: %s", stderr)
	}
	for _, want := range []string{"142 shared (0 by domain, 142 by name)", "which are customers not shared", "did not send our populations", "did not share which of its accounts are customers"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("finish does not say %q:\n%s", want, stdout)
		}
	}
	b, _ := os.ReadFile(req)
	if !strings.Contains(string(b), "Populations: not shared") {
		t.Error("the request's header does not say its populations are not shared")
	}
}

// checkResultJSON checks what the partner read from the result against
// what we learnt: the same shared companies by the same keys; in counts
// mode the population matrix seen from its side, in matches mode its own
// populations only (ours are not sent).
func checkResultJSON(t *testing.T, back, got jsonOverlap, mode string) {
	t.Helper()
	shared := func(o jsonOverlap) int { return o.Matches["domain"] + o.Matches["name"] }
	if shared(back) != shared(got) || back.Matches["domain"] != got.Matches["domain"] || back.Partner != "Us Inc" {
		t.Errorf("the partner's result: %+v, ours %+v", back, got)
	}
	p := got.Populations
	want := map[string]int{"both_customers": p["both_customers"], "our_customer_their_prospect": p["their_customer_our_prospect"],
		"their_customer_our_prospect": p["our_customer_their_prospect"], "both_prospects": p["both_prospects"]}
	if mode == "matches" {
		want = map[string]int{"both_customers": 0, "our_customer_their_prospect": want["both_customers"] + want["our_customer_their_prospect"],
			"their_customer_our_prospect": 0, "both_prospects": want["their_customer_our_prospect"] + want["both_prospects"]}
	}
	for k, v := range want {
		if back.Populations[k] != v {
			t.Errorf("the partner's %s = %d, want %d", k, back.Populations[k], v)
		}
	}
}

func readID(t *testing.T, path string) string {
	t.Helper()
	f, err := readPrivateFile(path, core.PrivateLimits{})
	if err != nil {
		t.Fatal(err)
	}
	return f.Header.RequestID
}

// TestPrivateOverlapCommandRefuses checks the command line's refusals:
// a request over --max-entries (saying how many entries it holds), a
// matches request under --counts-only, a state file readable by others,
// and the wrong file in the wrong place.
func TestPrivateOverlapCommandRefuses(t *testing.T) {
	us, them := t.TempDir(), t.TempDir()
	req := filepath.Join(us, "request.pao")
	if status, _, stderr := runCmd("private-overlap", "request", "--ours", accountsData+"sp500-constituents.csv", "--mode", "matches",
		"--state-dir", us, "-o", req); status != 0 {
		t.Fatalf("request: %s", stderr)
	}
	states, _ := filepath.Glob(filepath.Join(us, "request-*.json"))
	if len(states) != 1 {
		t.Fatalf("states = %v, want one", states)
	}
	if fi, err := os.Stat(states[0]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("state mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	tests := []struct {
		name string
		args []string
		says []string
	}{
		{"over the limit", []string{"answer", "--ours", accountsData + "nasdaq-listed-symbols.csv", "--max-entries", "100", req, "-o", filepath.Join(them, "a.pao")},
			[]string{"500 entries", "more than the 100 you accept"}},
		{"counts only", []string{"answer", "--ours", accountsData + "nasdaq-listed-symbols.csv", "--counts-only", req, "-o", filepath.Join(them, "a.pao")},
			[]string{"you accept counts only"}},
		{"no such step", []string{"swap"}, []string{"not a step"}},
		{"a spreadsheet as the request", []string{"answer", "--ours", accountsData + "nasdaq-listed-symbols.csv", accountsData + "sp500-constituents.csv", "-o", filepath.Join(them, "a.pao")},
			[]string{"not a private overlap file"}},
		{"finish without an answer", []string{"finish", req}, []string{"request and the partner's answer"}},
		{"a request read as a result", []string{"result", req, req}, []string{"not a result"}},
		{"a result over the request", []string{"finish", req, req, "--result", req}, []string{"would overwrite the request"}},
		{"finish on another computer", []string{"finish", "--state-dir", them, req, req}, []string{"not the partner's answer"}},
		{"an unknown mode", []string{"request", "--ours", accountsData + "sp500-constituents.csv", "--mode", "all", "-o", filepath.Join(us, "r.pao")}, []string{"not a mode"}},
		{"a secret for a plan that is not there", []string{"request", "--ours", accountsData + "sp500-constituents.csv", "--plan", filepath.Join(us, "no-plan.xlsx"), "-o", filepath.Join(us, "r.pao")},
			[]string{"no-plan.xlsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, stderr := runCmd(append([]string{"private-overlap", "--state-dir", them}, tt.args...)...)
			if status == 0 {
				t.Fatal("status 0, want a refusal")
			}
			for _, s := range tt.says {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr = %q, want it to say %q", stderr, s)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(them, "a.pao")); err == nil {
		t.Error("a refused answer was written")
	}
	if _, err := os.Stat(filepath.Join(us, "r.pao")); err == nil {
		t.Error("a refused request was written: its answer could not be opened")
	}
}

// TestPrivateOverlapCommandSecretInPlan keeps the request's secret in a plan
// workbook (--plan), not the private folder, and finishes from it.
func TestPrivateOverlapCommandSecretInPlan(t *testing.T) {
	us, them := t.TempDir(), t.TempDir()
	plan := filepath.Join(us, "plan.xlsx")
	if err := exporters.SaveWorkbook(plan, core.NewEcosystem("Acme", time.Now()), planbook.Options{}); err != nil {
		t.Fatal(err)
	}
	req, ans := filepath.Join(us, "request.pao"), filepath.Join(them, "answer.pao")
	ours, theirs := accountsData+"sp500-constituents.csv", accountsData+"nasdaq-listed-symbols.csv"
	status, stdout, stderr := runCmd("private-overlap", "request", "--ours", ours, "--mode", "matches", "--plan", plan, "--state-dir", us, "-o", req)
	if status != 0 || !strings.Contains(stdout, "never send that workbook") {
		t.Fatalf("request: %s%s", stdout, stderr)
	}
	if states, _ := filepath.Glob(filepath.Join(us, "request-*.json")); len(states) != 0 {
		t.Errorf("the secret went to the private folder too: %v", states)
	}
	if status, _, stderr := runCmd("private-overlap", "answer", "--ours", theirs, "--state-dir", them, req, "-o", ans); status != 0 {
		t.Fatalf("answer: %s", stderr)
	}
	if status, _, stderr := runCmd("private-overlap", "finish", "--state-dir", us, req, ans); status == 0 || !strings.Contains(stderr, "not made on this computer") {
		t.Errorf("finish without --plan: status %d, %s", status, stderr)
	}
	status, stdout, stderr = runCmd("private-overlap", "finish", "--plan", plan, "--state-dir", us, req, ans)
	if status != 0 || !strings.Contains(stdout, "142 shared") {
		t.Fatalf("finish --plan: %s%s", stdout, stderr)
	}
	res, err := planbook.ReadFile(plan, importers.Options{})
	if err != nil || len(res.Plan.PrivateRequests) != 1 || res.Plan.PrivateRequests[0].Secret != "" {
		t.Errorf("after finishing, the plan keeps %+v (%v), want one record without the secret", res.Plan.PrivateRequests, err)
	}
	if status, _, stderr := runCmd("private-overlap", "finish", "--plan", plan, "--state-dir", us, req, ans); status == 0 || !strings.Contains(stderr, "finished once") {
		t.Errorf("second finish: status %d, %s", status, stderr)
	}
}
