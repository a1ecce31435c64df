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
	synopsis: "plan [-o OUT] [--json] [--column HEADER=FIELD ...] [--sheet NAME] [--header-row N] [--encoding NAME] [--same A=B ...] [--apart A=B ...] [--deals FILE ...] [--since DATE] [--until DATE] FILE...",
	summary: "import partner lists (.xlsx or .csv) or a plan workbook saved by the app, merge them, score and tier every " +
		"partner, and write OUT (.xlsx or .csv, default " + defaultPlanFile + "); print the partners per tier and every warning; " +
		"with --deals, measure what partners bring in from CRM deal exports: sourced and influenced pipeline and revenue, " +
		"win rates, sales cycles and the top partners",
	needs: needsWith(map[string]string{
		"deals": "a deal export, such as --deals opportunities.csv",
		"since": "a date, such as --since 2026-01-01", "until": "a date, such as --until 2026-12-31",
		"same":  `two partners' names, such as --same "Acme=Acme Holdings"`,
		"apart": `two partners' names, such as --apart "Example=Example Healthcare"`,
	}, defaultPlanFile, true),
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		opt := planOptions{out: defaultPlanFile}
		outFlag(fs, &opt.out, "write the plan to `OUT` (.xlsx or .csv)")
		fs.BoolVar(&opt.json, "json", false, "print the partners and the measurement as JSON on standard output; the report goes to standard error")
		opt.table.register(fs, "the partner lists")
		fs.Var(&opt.same, "same", "merge two partners that look alike, `A=B` (as the warnings name them); the verdict is saved in the plan; repeat for each pair")
		fs.Var(&opt.apart, "apart", "keep two partners that look alike apart, `A=B`, and stop warning about them; repeat for each pair")
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
	// table says which column is which; same and apart are the user's
	// verdicts on partners that look alike (A=B).
	table       tableChoice
	same, apart list
}

// jsonPartner is one partner in plan's --json output.
type jsonPartner struct {
	Name        string   `json:"name"`
	PrimaryRole string   `json:"primary_role"`
	Roles       []string `json:"roles"`
	Score       float64  `json:"score"`
	Tier        string   `json:"tier"`
	Confidence  float64  `json:"confidence"`
	// Missing names the criteria the partner has no value for: its score
	// counts their minimum, and its confidence says nothing of them.
	Missing []string `json:"missing,omitempty"`
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
	maps, err := opt.table.mappings(core.DefaultScorecard())
	if err != nil {
		return fail(stderr, err.Error())
	}
	var sources []*planbook.Source
	var seen [][]importers.Column
	var failed error
	var failedFile string
	for _, f := range opt.files {
		if msg := checkInput(f, "the partner list files"); msg != "" {
			return fail(stderr, msg)
		}
		src, err := planbook.ReadFile(f, opt.table.first())
		if src != nil && src.Plan == nil && len(maps) > 0 {
			// The columns as found, then read again with the user's
			// mapping, as the import preview does.
			if o := opt.table.options(maps, src.Columns); o.Columns != nil {
				src, err = planbook.ReadFile(f, o)
			}
		}
		if src != nil {
			seen = append(seen, src.Columns)
		}
		if err != nil && failed == nil {
			failed, failedFile = err, f
		}
		sources = append(sources, src)
	}
	// A --column that matches no header says so before the errors it may
	// have caused.
	if msg := unused(maps, opt.files, seen); msg != "" {
		return fail(stderr, msg)
	}
	if failed != nil {
		return fail(stderr, importMessage(failedFile, failed))
	}
	exports, msg := readDealExports(opt.deals, opt.table.encoding)
	if msg != "" {
		return fail(stderr, msg)
	}
	verdicts, msg := readVerdicts(opt.same, opt.apart)
	if msg != "" {
		return fail(stderr, msg)
	}
	if msg := unknownInVerdicts(sources, opt.same, opt.apart); msg != "" {
		return fail(stderr, msg)
	}
	doc := planbook.AssembleWith(sources, today, verdicts)
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
		werr = exporters.SaveWorkbook(opt.out, eco, planbook.Options{Today: today, Evaluation: &ev, Impact: impact, Problems: problems})
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
				Missing: eco.MissingValues(p),
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
// week's export again replaces last week's. encoding is --encoding: the
// exports of one CRM come in the same encoding as its lists.
func readDealExports(files []string, encoding string) ([]*importers.DealsResult, string) {
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
		res, err := importers.ReadDeals(f, importers.Options{Encoding: encoding})
		if err != nil {
			return nil, importMessage(f, err)
		}
		out = append(out, res)
	}
	return out, ""
}

// readVerdicts reads --same and --apart (A=B) into verdicts. It returns a
// message when a value is not two names.
func readVerdicts(same, apart list) (core.SamePartners, string) {
	var out core.SamePartners
	for _, x := range []struct {
		flag   string
		values list
		same   bool
	}{{"same", same, true}, {"apart", apart, false}} {
		for _, v := range x.values {
			a, b, ok := strings.Cut(v, "=")
			if a, b = strings.TrimSpace(a), strings.TrimSpace(b); !ok || a == "" || b == "" {
				return nil, fmt.Sprintf(`--%s needs two partners' names, such as --%s "Acme=Acme Holdings"; %q has no "=".`, x.flag, x.flag, v)
			}
			if out == nil {
				out = core.SamePartners{}
			}
			out[core.PairKey(a, b)] = x.same
		}
	}
	return out, ""
}

// unknownInVerdicts is the message for a --same or --apart name that is
// no row of the lists, "" when all are.
func unknownInVerdicts(sources []*planbook.Source, same, apart list) string {
	names := map[string]bool{}
	for _, src := range sources {
		for _, p := range src.Partners {
			names[core.NormaliseName(p.Name)] = true
		}
	}
	for _, x := range []struct {
		flag   string
		values list
	}{{"same", same}, {"apart", apart}} {
		for _, v := range x.values {
			a, b, _ := strings.Cut(v, "=")
			for _, n := range []string{strings.TrimSpace(a), strings.TrimSpace(b)} {
				if !names[core.NormaliseName(n)] {
					return fmt.Sprintf("--%s %q: %q is not a partner of the lists.", x.flag, v, n)
				}
			}
		}
	}
	return ""
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
	for _, m := range eco.MissingCriteria() {
		if m.NoColumn() {
			fmt.Fprintf(w, "Warning: %s\n", m)
		}
	}
	fmt.Fprintf(w, "Partners: %s\n", core.Thousands(len(eco.Partners)))
	for _, t := range core.Tiers {
		fmt.Fprintf(w, "  %-8s %6s\n", t, core.Thousands(ev.Counts[t]))
	}
	fmt.Fprintln(w, ev.Band.Message)
	if impact != nil {
		writeMeasurement(w, eco, ev, impact, today)
	}
	log := "Every warning, one a row, is on the Import log sheet of " + out + "."
	if strings.ToLower(filepath.Ext(out)) != ".xlsx" {
		log = "Write the plan as .xlsx (-o plan.xlsx) for every warning, one a row, on its Import log sheet."
	}
	writeWarnings(w, problems, log)
	fmt.Fprintf(w, "Wrote %s\n", out)
}
