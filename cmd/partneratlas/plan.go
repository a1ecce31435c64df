package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/importers"
)

// defaultPlanFile is where plan writes when -o is not given.
const defaultPlanFile = "partner-plan.xlsx"

// planOptions is the parsed command line of plan.
type planOptions struct {
	out   string
	json  bool
	files []string
}

// parsePlanArgs reads plan's command line. Options may come before or after
// the files; "--" ends the options.
func parsePlanArgs(args []string) (planOptions, error) {
	opt := planOptions{out: defaultPlanFile}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			opt.files = append(opt.files, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			opt.files = append(opt.files, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch name {
		case "o", "out", "output":
			if !hasValue {
				if i+1 >= len(args) {
					return opt, fmt.Errorf("%s needs a file name, such as %s %s.", a, a, defaultPlanFile)
				}
				i++
				value = args[i]
			}
			if value == "" {
				return opt, fmt.Errorf("%s needs a file name, such as -o %s.", a, defaultPlanFile)
			}
			opt.out = value
		case "json":
			if hasValue {
				return opt, fmt.Errorf("--json takes no value.")
			}
			opt.json = true
		case "h", "help":
			return opt, errHelp
		default:
			return opt, fmt.Errorf("unknown option %s.", a)
		}
	}
	if len(opt.files) == 0 {
		return opt, fmt.Errorf("plan needs at least one partner list (.xlsx or .csv) to import.")
	}
	return opt, nil
}

var errHelp = errors.New("help")

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
func runPlan(args []string, stdout, stderr io.Writer) int {
	opt, err := parsePlanArgs(args)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if err != nil {
		return fail(stderr, err.Error())
	}
	ext := strings.ToLower(filepath.Ext(opt.out))
	if ext != ".xlsx" && ext != ".csv" {
		return fail(stderr, fmt.Sprintf("cannot write %s: the plan is written as .xlsx or .csv; give -o a name ending in one of them.", opt.out))
	}

	if in := sameFileAsOutput(opt.out, opt.files); in != "" {
		return fail(stderr, fmt.Sprintf("%s is one of the files to import; plan never writes over its input. Give -o another name, such as %s.", in, suggestOutput(opt.out)))
	}

	today := time.Now()
	var results []*importers.Result
	var found [][]importers.Problem
	for _, f := range opt.files {
		fi, err := os.Stat(f)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fail(stderr, fmt.Sprintf("cannot find %s.", f))
		case err != nil:
			return fail(stderr, fmt.Sprintf("cannot open %s: %v.", f, err))
		case fi.IsDir():
			return fail(stderr, fmt.Sprintf("%s is a folder; give the partner list files inside it.", f))
		}
		res, err := importers.ReadFile(f, importers.Options{Scorecard: core.DefaultScorecard()})
		if err != nil {
			return fail(stderr, importMessage(f, err))
		}
		results = append(results, res)
		found = append(found, res.Problems)
	}
	eco, combined := importers.Combine(results, today)
	problems := uniqueProblems(append(found, combined)...)
	ev := eco.Evaluate()
	conf := eco.TierConfidence()

	var werr error
	if ext == ".xlsx" {
		werr = exporters.SaveWorkbook(opt.out, eco, exporters.Options{Today: today})
	} else {
		werr = exporters.SaveCSV(opt.out, eco)
	}
	if werr != nil {
		return fail(stderr, fmt.Sprintf("cannot write %s: %v.", opt.out, werr))
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
				Score: core.Round2(ev.Results[i].Score), Tier: string(ev.Results[i].Tier), Confidence: conf[i],
			}
		}
		if err := writeJSON(stdout, out); err != nil {
			return fail(stderr, fmt.Sprintf("cannot write the JSON: %v.", err))
		}
	}
	writeReport(report, eco, ev, problems, opt.out)
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

// writeWarnings prints the problems, one a line, under "Warnings:"; nothing
// when there are none.
func writeWarnings(w io.Writer, problems []importers.Problem) {
	if len(problems) > 0 {
		fmt.Fprintf(w, "Warnings:\n")
		for _, p := range problems {
			fmt.Fprintf(w, "  %s\n", strings.Join(strings.Fields(p.String()), " "))
		}
	}
}

// writeJSON writes v to w as indented JSON, as plan and overlap report it.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// importMessage is an import error as a sentence that names the file.
func importMessage(file string, err error) string {
	msg := strings.TrimSpace(err.Error())
	if !strings.Contains(msg, filepath.Base(file)) {
		msg = fmt.Sprintf("cannot import %s: %s", file, msg)
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// uniqueProblems joins problem lists, dropping repeats, so a problem reported
// both by a file's import and by Combine is printed once.
func uniqueProblems(lists ...[]importers.Problem) []importers.Problem {
	var out []importers.Problem
	seen := map[string]bool{}
	for _, l := range lists {
		for _, p := range l {
			if s := p.String(); !seen[s] {
				seen[s] = true
				out = append(out, p)
			}
		}
	}
	return out
}
