package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// defaultPlanFile is where plan writes when -o is not given.
const defaultPlanFile = "partner-plan.xlsx"

var planCommand = command{
	name:     "plan",
	synopsis: "plan [-o OUT] [--json] FILE...",
	summary: "import partner lists (.xlsx or .csv) or a plan workbook saved by the app, merge them, score and tier every " +
		"partner, and write OUT (.xlsx or .csv, default " + defaultPlanFile + "); print the partners per tier and every warning",
	needs: map[string]string{"o": "a file name, such as -o " + defaultPlanFile, "out": "a file name", "output": "a file name"},
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		opt := planOptions{out: defaultPlanFile}
		out := (*stringValue)(&opt.out)
		fs.Var(out, "o", "write the plan to `OUT` (.xlsx or .csv)")
		fs.Var(out, "out", "")
		fs.Var(out, "output", "")
		fs.BoolVar(&opt.json, "json", false, "print the partners as JSON on standard output; the report goes to standard error")
		return func(files []string, stdout, stderr io.Writer) int {
			opt.files = files
			return runPlan(opt, stdout, stderr)
		}
	},
}

// planOptions is the parsed command line of plan.
type planOptions struct {
	out   string
	json  bool
	files []string
}

// jsonPartner is one partner in plan's --json output.
type jsonPartner struct {
	Name        string   `json:"name"`
	PrimaryRole string   `json:"primary_role"`
	Roles       []string `json:"roles"`
	Score       float64  `json:"score"`
	Tier        string   `json:"tier"`
	Confidence  float64  `json:"confidence"`
}

// runPlan imports the files, scores and tiers every partner, writes the plan
// and reports. It returns the exit status: 0, or 1 with one paragraph on
// stderr.
func runPlan(opt planOptions, stdout, stderr io.Writer) int {
	if len(opt.files) == 0 {
		return fail(stderr, "plan needs at least one partner list (.xlsx or .csv) to import.")
	}
	if opt.out == "" {
		return fail(stderr, fmt.Sprintf("-o needs a file name, such as -o %s.", defaultPlanFile))
	}
	ext := strings.ToLower(filepath.Ext(opt.out))
	if ext != ".xlsx" && ext != ".csv" {
		return fail(stderr, fmt.Sprintf("cannot write %s: the plan is written as .xlsx or .csv; give -o a name ending in one of them.", opt.out))
	}
	if in := sameFileAsOutput(opt.out, opt.files); in != "" {
		return fail(stderr, fmt.Sprintf("%s is one of the files to import; plan never writes over its input. Give -o another name, such as %s.", in, suggestOutput(opt.out)))
	}

	today := time.Now()
	var sources []*planbook.Source
	for _, f := range opt.files {
		if msg := checkInput(f, "the partner list files"); msg != "" {
			return fail(stderr, msg)
		}
		src, err := planbook.ReadFile(f, importers.Options{})
		if err != nil {
			return fail(stderr, importMessage(f, err))
		}
		sources = append(sources, src)
	}
	doc := planbook.Assemble(sources, today)
	eco, ev := doc.Ecosystem, doc.Evaluation

	var werr error
	if ext == ".xlsx" {
		werr = exporters.SaveWorkbook(opt.out, eco, planbook.Options{Today: today, Evaluation: &ev})
	} else {
		werr = exporters.SaveCSV(opt.out, eco, &ev)
	}
	if werr != nil {
		return fail(stderr, saveMessage(opt.out, werr))
	}

	report := stdout
	if opt.json {
		report = stderr
		out := make([]jsonPartner, len(eco.Partners))
		for i, p := range eco.Partners {
			roles := make([]string, len(p.Roles))
			for j, r := range p.Roles {
				roles[j] = string(r)
			}
			out[i] = jsonPartner{
				Name: p.Name, PrimaryRole: string(p.PrimaryRole()), Roles: roles,
				Score: core.Round2(ev.Results[i].Score), Tier: string(ev.Results[i].Tier), Confidence: ev.Confidence[i],
			}
		}
		if err := writeJSON(stdout, out); err != nil {
			return fail(stderr, fmt.Sprintf("cannot write the JSON: %v.", err))
		}
	}
	writeReport(report, eco, ev, doc.Problems, opt.out)
	return 0
}

// sameFileAsOutput returns the input that is the output file, or "".
func sameFileAsOutput(out string, inputs []string) string {
	o, err := os.Stat(out)
	if err != nil {
		return ""
	}
	for _, in := range inputs {
		if i, err := os.Stat(in); err == nil && os.SameFile(o, i) {
			return in
		}
	}
	return ""
}

// suggestOutput proposes a name beside out: "plan.xlsx" → "plan-updated.xlsx".
func suggestOutput(out string) string {
	ext := filepath.Ext(out)
	return strings.TrimSuffix(out, ext) + "-updated" + ext
}

// writeReport prints the partners per tier, the 10–20 band check, every
// warning and where the plan went.
func writeReport(w io.Writer, eco *core.Ecosystem, ev core.Evaluation, problems []importers.Problem, out string) {
	fmt.Fprintf(w, "Partners: %d\n", len(eco.Partners))
	for _, t := range core.Tiers {
		fmt.Fprintf(w, "  %-8s %4d\n", t, ev.Counts[t])
	}
	fmt.Fprintln(w, ev.Band.Message)
	writeWarnings(w, problems)
	fmt.Fprintf(w, "Wrote %s\n", out)
}
