package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	synopsis: "plan [-o OUT] [--json] [--deals FILE ...] [--since DATE] [--until DATE] FILE...",
	summary: "import partner lists (.xlsx or .csv) or a plan workbook saved by the app, merge them, score and tier every " +
		"partner, and write OUT (.xlsx or .csv, default " + defaultPlanFile + "); print the partners per tier and every warning; " +
		"with --deals, measure what partners bring in from CRM deal exports: sourced and influenced pipeline and revenue, " +
		"win rates, sales cycles and the top partners",
	needs: map[string]string{
		"o": "a file name, such as -o " + defaultPlanFile, "out": "a file name", "output": "a file name",
		"deals": "a deal export, such as --deals opportunities.csv",
		"since": "a date, such as --since 2026-01-01", "until": "a date, such as --until 2026-12-31",
	},
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		opt := planOptions{out: defaultPlanFile}
		out := (*stringValue)(&opt.out)
		fs.Var(out, "o", "write the plan to `OUT` (.xlsx or .csv)")
		fs.Var(out, "out", "")
		fs.Var(out, "output", "")
		fs.BoolVar(&opt.json, "json", false, "print the partners and the measurement as JSON on standard output; the report goes to standard error")
		fs.Var(&opt.deals, "deals", "import a CRM deal export, `FILE` (.xlsx or .csv), and measure what partners bring in; repeat for each export")
		fs.Var(dayValue{day: &opt.since}, "since", "measure the deals from `DATE` on (YYYY-MM-DD): won and lost ones by close date, open ones by creation date")
		fs.Var(dayValue{day: &opt.until, end: true}, "until", "measure the deals up to `DATE` (YYYY-MM-DD); without --since or --until, the window saved in the plan, else all deals")
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
	// deals are the deal exports; since and until bound the window the
	// deals are measured over (zero: not given).
	deals        list
	since, until time.Time
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

// runPlan imports the files, scores and tiers every partner, adds and
// measures the deals, writes the plan and reports. It returns the exit
// status: 0, or 1 with one paragraph on stderr.
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
	if in := sameFileAsOutput(opt.out, slices.Concat(opt.files, opt.deals)); in != "" {
		return fail(stderr, fmt.Sprintf("%s is one of the files to import; plan never writes over its input. Give -o another name, such as %s.", in, suggestOutput(opt.out)))
	}
	if !opt.since.IsZero() && !opt.until.IsZero() && opt.since.After(opt.until) {
		return fail(stderr, fmt.Sprintf("--since %s comes after --until %s; give the window's first day to --since and its last to --until.",
			opt.since.Format(time.DateOnly), opt.until.Format(time.DateOnly)))
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
	exports, msg := readDealExports(opt.deals)
	if msg != "" {
		return fail(stderr, msg)
	}
	doc := planbook.Assemble(sources, today)
	eco, ev, problems := doc.Ecosystem, doc.Evaluation, doc.Problems
	if len(exports) > 0 || !opt.since.IsZero() || !opt.until.IsZero() {
		var dealProblems [][]importers.Problem
		for _, x := range exports {
			eco.AddDeals(x.File, x.Deals)
			dealProblems = append(dealProblems, x.Problems)
		}
		problems = importers.UniqueProblems(append([][]importers.Problem{problems}, dealProblems...)...)
		if len(exports) == 0 && (eco.Deals == nil || len(eco.Deals.Deals) == 0) {
			return fail(stderr, "--since and --until set the window the deals are measured over, and there are none: give the deal exports with --deals FILE.")
		}
		if !opt.since.IsZero() || !opt.until.IsZero() {
			eco.Deals.Window = core.Window{Kind: core.Custom, Since: opt.since, Until: opt.until}
		}
		// Deals may set the revenue potential criterion (when the plan
		// says so): score and tier again.
		if eco.Deals.RevenueFromDeals {
			eco.ApplyMeasuredRevenue(today)
			ev = eco.Evaluate()
			ev.Confidence = eco.TierConfidence()
		}
	}
	impact := eco.Measure(ev, today)

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
		out := jsonPlan{Partners: make([]jsonPartner, len(eco.Partners)), Measurement: measurementJSON(eco, impact, today)}
		for i, p := range eco.Partners {
			roles := make([]string, len(p.Roles))
			for j, r := range p.Roles {
				roles[j] = string(r)
			}
			out.Partners[i] = jsonPartner{
				Name: p.Name, PrimaryRole: string(p.PrimaryRole()), Roles: roles,
				Score: core.Round2(ev.Results[i].Score), Tier: string(ev.Results[i].Tier), Confidence: ev.Confidence[i],
			}
		}
		if err := writeJSON(stdout, out); err != nil {
			return fail(stderr, fmt.Sprintf("cannot write the JSON: %v.", err))
		}
	}
	writeReport(report, eco, ev, impact, problems, opt.out, today)
	return 0
}

// jsonPlan is plan's --json output: the partners as scored and tiered, and
// what they bring in when there are deals.
type jsonPlan struct {
	Partners    []jsonPartner    `json:"partners"`
	Measurement *jsonMeasurement `json:"measurement,omitempty"`
}

// readDealExports reads the --deals files. It returns a message for the
// command line when one cannot be read, or when two different files share
// a name: the plan tells exports apart by name, so that importing this
// week's export again replaces last week's.
func readDealExports(files []string) ([]*importers.DealsResult, string) {
	var out []*importers.DealsResult
	byName := map[string]string{}
	for _, f := range files {
		if msg := checkInput(f, "the deal export files"); msg != "" {
			return nil, msg
		}
		name := filepath.Base(f)
		if other, ok := byName[name]; ok {
			a, errA := os.Stat(other)
			b, errB := os.Stat(f)
			if errA == nil && errB == nil && os.SameFile(a, b) {
				continue
			}
			return nil, fmt.Sprintf("%s and %s are both named %s; the plan tells deal exports apart by their names, so rename one of them.", other, f, name)
		}
		byName[name] = f
		res, err := importers.ReadDeals(f, importers.Options{})
		if err != nil {
			return nil, importMessage(f, err)
		}
		out = append(out, res)
	}
	return out, ""
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

// writeReport prints the partners per tier, the 10–20 band check, what
// partners bring in when there are deals, every warning and where the plan
// went.
func writeReport(w io.Writer, eco *core.Ecosystem, ev core.Evaluation, impact *core.Impact, problems []importers.Problem, out string, today time.Time) {
	fmt.Fprintf(w, "Partners: %d\n", len(eco.Partners))
	for _, t := range core.Tiers {
		fmt.Fprintf(w, "  %-8s %4d\n", t, ev.Counts[t])
	}
	fmt.Fprintln(w, ev.Band.Message)
	if impact != nil {
		writeMeasurement(w, eco, ev, impact, today)
	}
	writeWarnings(w, problems)
	fmt.Fprintf(w, "Wrote %s\n", out)
}
