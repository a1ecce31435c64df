package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// private-overlap: the three steps of a private overlap, each run by one
// side on its own computer, exchanging .pao files (core.PrivateFile).
//
// The requesting side's secret lives in a state file, one per request,
// named after the request id, in the private folder: by default
// os.UserConfigDir()/partneratlas/private (on Linux ~/.config/partneratlas/
// private), --state-dir to choose another. The folder is made 0700 and each
// state file 0600; finish replaces the state by a record without the secret,
// so a request is finished once. The answering side records the requests
// it answered in answered.txt in the same folder, so a request is answered
// once.

var privateOverlapCommand = command{
	name: "private-overlap",
	synopsis: "private-overlap request --ours FILE [--mode counts|matches] -o REQUEST.pao | " +
		"private-overlap answer --ours FILE REQUEST.pao -o ANSWER.pao [--max-entries N] [--counts-only] | " +
		"private-overlap finish REQUEST.pao ANSWER.pao [--json] [-o OUT.xlsx] [--result RESULT.pao] | " +
		"private-overlap result ANSWER.pao RESULT.pao [--json] [-o OUT.xlsx]",
	summary: "learn what our account list shares with a partner's without either side handing its list over: " +
		"request blinds our list into a file for the partner, answer blinds the partner's list and our request with its own secret, " +
		"finish opens the answer and prints the shared customers and prospects as overlap does (and, with --result, writes a last file back so the partner learns the same), " +
		"result lets the answering side read that last file; exact matches only (domain and name), " +
		"since fuzzy matching cannot work on blinded keys",
	needs: needsWith(map[string]string{
		"ours":        "an account list, such as --ours customers.csv",
		"mode":        "counts or matches",
		"from":        "your company's name, such as --from \"Acme Analytics\"",
		"max-entries": "a number of entries, such as --max-entries 50000",
		"state-dir":   "a folder",
		"result":      "a file name ending in .pao, such as --result result.pao",
		"plan":        "a plan workbook saved by Partner Atlas, such as --plan plan.xlsx",
	}, "request.pao", true),
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		var opt privateOptions
		fs.StringVar(&opt.ours, "ours", "", "request, answer: your own account list, `FILE` (.xlsx or .csv)")
		fs.StringVar(&opt.mode, "mode", string(core.PrivateCounts), "request: what you learn, `MODE`: counts (how many of your accounts the partner has, per population) or matches (which ones)")
		fs.StringVar(&opt.from, "from", "", "request, answer: who makes the file, `NAME`, as its header says (default: your user name)")
		fs.BoolVar(&opt.withholdPopulations, "withhold-populations", false, "request, answer: send no populations (customer, prospect): the counts then come without the population matrix")
		fs.IntVar(&opt.maxEntries, "max-entries", core.DefaultMaxEntries, "answer: refuse a request of more than `N` entries (default 200000)")
		fs.BoolVar(&opt.countsOnly, "counts-only", false, "answer: refuse a request that asks which of its accounts you have (mode matches)")
		fs.StringVar(&opt.plan, "plan", "", "request: keep the request's secret in the plan workbook `PLAN.xlsx` instead of the private folder (never send that workbook to the partner); finish: look for the secret there too")
		fs.StringVar(&opt.stateDir, "state-dir", "", "where the secrets of your requests and the record of your answers are kept, `DIR` (default: your configuration folder)")
		opt.table.register(fs, "the account list")
		fs.StringVar(&opt.result, "result", "", "finish: also write `RESULT.pao`, a last file for the partner, so that it learns what you learnt (which of its accounts you share in mode matches, how many in mode counts)")
		fs.BoolVar(&opt.json, "json", false, "finish, result: print the overlap as JSON on standard output, as overlap --json does; the report goes to standard error")
		outFlag(fs, &opt.out, "the file to write, `OUT`: REQUEST.pao, ANSWER.pao, or with finish a workbook (.xlsx) with the Overlap sheet")
		return func(args []string, stdout, stderr io.Writer) int {
			if len(args) == 0 {
				return fail(stderr, "private-overlap needs a step: request, answer, finish or result.")
			}
			opt.args = args[1:]
			switch args[0] {
			case "request":
				return runPrivateRequest(opt, stdout, stderr)
			case "answer":
				return runPrivateAnswer(opt, stdout, stderr)
			case "finish":
				return runPrivateFinish(opt, stdout, stderr)
			case "result":
				return runPrivateResult(opt, stdout, stderr)
			}
			return fail(stderr, fmt.Sprintf("%q is not a step of private-overlap: the steps are request, answer, finish and result.", args[0]))
		}
	},
}

// privateOptions is the parsed command line of private-overlap.
type privateOptions struct {
	args                []string // the files after the step
	ours                string
	mode                string
	from                string
	withholdPopulations bool
	maxEntries          int
	countsOnly          bool
	stateDir            string
	json                bool
	out                 string
	result              string
	plan                string
	table               tableChoice
}

// privateDir opens the folder of the request secrets and the answer
// record: --state-dir, else the one the app uses too.
func (o privateOptions) privateDir() (exporters.PrivateFolder, error) {
	f, err := exporters.OpenPrivateFolder(o.stateDir)
	if err != nil && o.stateDir == "" {
		return f, fmt.Errorf("%w; give one with --state-dir", err)
	}
	return f, err
}

// sender is the --from name, or the user's.
func (o privateOptions) sender() string {
	if o.from != "" {
		return o.from
	}
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return "someone"
}

// readOurList reads an account list with the table options, as overlap
// does.
func (o privateOptions) readOurList(stderr io.Writer) (*importers.AccountsResult, string) {
	if o.ours == "" {
		return nil, "give your own account list with --ours FILE."
	}
	if msg := checkInput(o.ours, "the account list file"); msg != "" {
		return nil, msg
	}
	maps, err := o.table.mappings(core.DefaultScorecard())
	if err != nil {
		return nil, err.Error()
	}
	res, err := importers.ReadAccounts(o.ours, o.table.first())
	if res != nil && len(maps) > 0 {
		if opt := o.table.options(maps, res.Columns); opt.Columns != nil {
			res, err = importers.ReadAccounts(o.ours, opt)
		}
	}
	if err != nil {
		return nil, importMessage(o.ours, err)
	}
	if res != nil {
		if msg := unused(maps, []string{o.ours}, [][]importers.Column{res.Columns}); msg != "" {
			return nil, msg
		}
	}
	writeWarnings(stderr, importers.UniqueProblems(res.Problems), "")
	return res, ""
}

// checkOut says what is wrong with -o for a file ending in ext.
func checkOut(out, ext, step string) string {
	switch {
	case out == "":
		return fmt.Sprintf("%s needs a file to write: -o FILE%s.", step, ext)
	case strings.ToLower(filepath.Ext(out)) != ext:
		return fmt.Sprintf("cannot write %s: give -o a name ending in %s.", out, ext)
	}
	return ""
}

// readPrivateFile opens and reads a .pao file, saying so plainly when it is
// missing or a folder.
func readPrivateFile(path string, lim core.PrivateLimits) (*core.PrivateFile, error) {
	if msg := checkInput(path, "the .pao file"); msg != "" {
		return nil, errors.New(strings.TrimSuffix(msg, "."))
	}
	return exporters.ReadPrivateFile(path, lim)
}

// runPrivateRequest blinds our list into REQUEST.pao and keeps the secret.
func runPrivateRequest(opt privateOptions, stdout, stderr io.Writer) int {
	mode, err := core.ParsePrivateMode(opt.mode)
	switch {
	case len(opt.args) > 0:
		return fail(stderr, fmt.Sprintf("request takes no file but --ours and -o; %s is one too many.", opt.args[0]))
	case err != nil:
		return fail(stderr, err.Error()+".")
	case checkOut(opt.out, ".pao", "request") != "":
		return fail(stderr, checkOut(opt.out, ".pao", "request"))
	}
	dir, err := opt.privateDir()
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	pops := !opt.withholdPopulations
	fmt.Fprintf(stdout, "Mode %s. %s\n", mode, mode.Reveals(pops && mode == core.PrivateCounts))
	res, msg := opt.readOurList(stderr)
	if msg != "" {
		return fail(stderr, msg)
	}
	start := time.Now()
	req, st, err := core.MakePrivateRequest(context.Background(), res.List.Accounts, core.PrivateRequestOptions{
		Mode: mode, From: opt.sender(), List: opt.ours, SharePopulations: pops})
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	state, err := dir.SendRequest(opt.out, req, st, opt.plan != "")
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	if opt.plan != "" {
		state = opt.plan + " (About sheet)"
		if err := keepInPlan(opt.plan, st); err != nil {
			os.Remove(opt.out) // its answer could not be opened
			return fail(stderr, err.Error())
		}
	}
	fmt.Fprintf(stdout, "Wrote %s: request %s, %d entries (one per company of %s), in %.1f s.\n",
		opt.out, st.RequestID[:8], req.Header.Entries, opt.ours, time.Since(start).Seconds())
	if st.Truncated > 0 {
		fmt.Fprintf(stdout, "%d of your companies have more than %d websites and names (rows merged into one company): in counts mode each matches on its first %d.\n",
			st.Truncated, st.Width, st.Width)
	}
	fmt.Fprintf(stdout, "Send it to your partner; they answer it with: partneratlas private-overlap answer --ours THEIR-LIST %s -o answer.pao\n", filepath.Base(opt.out))
	if opt.plan != "" {
		fmt.Fprintf(stdout, "The secret that opens the answer is in %s: finish with --plan %s, and never send that workbook to your partner; keep %s to finish.\n", state, opt.plan, filepath.Base(opt.out))
	} else {
		fmt.Fprintf(stdout, "The secret that opens the answer stays on this computer, in %s; keep %s to finish.\n", state, filepath.Base(opt.out))
	}
	return 0
}

// runPrivateAnswer answers a partner's request with our list.
func runPrivateAnswer(opt privateOptions, stdout, stderr io.Writer) int {
	switch {
	case len(opt.args) != 1:
		return fail(stderr, "answer needs the partner's request, one file: answer --ours FILE REQUEST.pao -o ANSWER.pao.")
	case checkOut(opt.out, ".pao", "answer") != "":
		return fail(stderr, checkOut(opt.out, ".pao", "answer"))
	case opt.maxEntries <= 0:
		return fail(stderr, "--max-entries needs a number above 0.")
	}
	dir, err := opt.privateDir()
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	if msg := checkInput(opt.args[0], "the .pao file"); msg != "" {
		return fail(stderr, msg)
	}
	req, err := dir.ReadRequest(opt.args[0], core.PrivateAnswerOptions{MaxEntries: opt.maxEntries, CountsOnly: opt.countsOnly})
	if core.PrivateErrorKindOf(err) == core.PrivateTooLarge {
		err = fmt.Errorf("%w (--max-entries %d)", err, opt.maxEntries)
	}
	if req != nil {
		h := req.Header
		fmt.Fprintf(stdout, "Request %s from %s, made %s: %d entries, mode %s.\n%s\n",
			h.RequestID[:8], h.From, h.Made.Local().Format("2 January 2006 15:04"), h.Entries, h.Mode, h.Reveals)
	}
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	res, msg := opt.readOurList(stderr)
	if msg != "" {
		return fail(stderr, msg)
	}
	pops := !opt.withholdPopulations
	what := "how many companies are on your list and, for each shared one, whether it is your customer"
	if !pops {
		what = "how many companies are on your list, not which are your customers"
	}
	fmt.Fprintf(stdout, "Your answer tells %s %s; your list itself does not leave this computer.\n", req.Header.From, what)
	start := time.Now()
	ans, ast, err := core.AnswerPrivateRequest(context.Background(), req, res.List.Accounts, core.PrivateAnswerOptions{
		From: opt.sender(), MaxEntries: opt.maxEntries, CountsOnly: opt.countsOnly, SharePopulations: pops})
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	not, err := dir.SendAnswer(opt.out, ans, ast, opt.ours, opt.args[0], time.Now())
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	if not.Record != nil {
		fmt.Fprintf(stderr, "Warning: cannot keep the record of this answer (%v): a result sent back could not be read.\n", not.Record)
	}
	if not.Answered != nil {
		fmt.Fprintf(stderr, "Warning: cannot record that request %s was answered (%v): nothing stops answering it again.\n", req.Header.RequestID[:8], not.Answered)
	}
	fmt.Fprintf(stdout, "Wrote %s: %d of their entries blinded again, %d companies of yours blinded, in %.1f s. Send it back to %s.\n",
		opt.out, len(ans.Ours), len(ans.Theirs), time.Since(start).Seconds(), req.Header.From)
	fmt.Fprintf(stdout, "If %s sends a result back, read it with: partneratlas private-overlap result %s RESULT.pao\n", req.Header.From, filepath.Base(opt.out))
	return 0
}

// maxSharedLines is how many shared accounts finish prints: enough to see
// what matched; the workbook holds them all.
const maxSharedLines = 20

// runPrivateFinish opens the partner's answer and reports the overlap.
func runPrivateFinish(opt privateOptions, stdout, stderr io.Writer) int {
	dir, files, msg := opt.readTwo("finish needs your request and the partner's answer: finish REQUEST.pao ANSWER.pao.")
	if msg != "" {
		return fail(stderr, msg)
	}
	req, ans := files[0], files[1]
	state := dir.StatePath(req.Header.RequestID)
	st, err := dir.LoadState(req.Header.RequestID)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(stderr, err.Error()+".")
	}
	inPlan := false
	if st == nil && opt.plan != "" {
		e, msg := readPlan(opt.plan)
		if msg != "" {
			return fail(stderr, msg)
		}
		st, inPlan, state = e.PrivateRequest(req.Header.RequestID), true, opt.plan
	}
	switch {
	case opt.result == "":
	case strings.ToLower(filepath.Ext(opt.result)) != ".pao":
		return fail(stderr, fmt.Sprintf("cannot write %s: give --result a name ending in .pao.", opt.result))
	case samePath(opt.result, opt.args[0]) || samePath(opt.result, opt.args[1]):
		return fail(stderr, fmt.Sprintf("--result %s would overwrite the request or the answer: give the result a name of its own.", opt.result))
	}
	start := time.Now()
	o, res, err := core.FinishPrivateOverlapWithResult(context.Background(), st, req, ans, nil, time.Time{})
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	notes := []string{}
	if st.Mode == core.PrivateCounts && !req.Header.Populations {
		notes = append(notes, "The request did not send our populations: every shared account counts as our prospect.")
	}
	if !ans.Header.Populations {
		notes = append(notes, "The partner did not share which of its accounts are customers: every shared account counts as its prospect.")
	}
	if code := reportPrivate(opt, o, st.List, st.Companies, st.Mode, ans.Header.Populations, notes, start, stdout, stderr); code != 0 {
		return code
	}
	if opt.result != "" {
		if err := exporters.WritePrivateFile(opt.result, res); err != nil {
			return fail(stderr, err.Error()+".")
		}
		fmt.Fprintf(opt.reportTo(stdout, stderr), "Wrote %s for %s: %s They read it with: partneratlas private-overlap result THEIR-ANSWER.pao %s\n",
			opt.result, o.Partner, res.Header.Reveals, filepath.Base(opt.result))
	}
	if inPlan {
		if err := keepInPlan(opt.plan, st.Forget(time.Now())); err != nil {
			fmt.Fprintf(stderr, "Warning: cannot delete the secret of request %s from %s (%v).\n", st.RequestID[:8], opt.plan, err)
		}
	} else if _, err := dir.ForgetSecret(st, time.Now()); err != nil {
		fmt.Fprintf(stderr, "Warning: cannot delete the secret of request %s from %s (%v): delete the file by hand.\n", st.RequestID[:8], state, err)
	}
	return 0
}

// readTwo checks the arguments of a step that reads two .pao files and
// reports an overlap (finish, result), opens the private folder and reads
// both files; msg says what is wrong, usage when the files are not two.
func (o privateOptions) readTwo(usage string) (dir exporters.PrivateFolder, files [2]*core.PrivateFile, msg string) {
	switch {
	case len(o.args) != 2:
		return dir, files, usage
	case o.out != "" && strings.ToLower(filepath.Ext(o.out)) != ".xlsx":
		return dir, files, fmt.Sprintf("cannot write %s: the overlap is written as an .xlsx workbook; give -o a name ending in .xlsx.", o.out)
	}
	dir, err := o.privateDir()
	if err != nil {
		return dir, files, err.Error() + "."
	}
	for i, path := range o.args {
		if files[i], err = readPrivateFile(path, core.PrivateLimits{}); err != nil {
			return dir, files, err.Error() + "."
		}
	}
	return dir, files, ""
}

// reportTo is where the report goes: standard error when standard output
// carries the JSON.
func (o privateOptions) reportTo(stdout, stderr io.Writer) io.Writer {
	if o.json {
		return stderr
	}
	return stdout
}

// samePath says whether a and b name the same file.
func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// reportPrivate prints a private overlap as overlap does (as JSON too with
// --json) and writes the workbook -o names.
func reportPrivate(opt privateOptions, o core.Overlap, list string, companies int, mode core.PrivateMode, popsKnown bool, notes []string, start time.Time, stdout, stderr io.Writer) int {
	if o.Partner == "" {
		o.Partner = "Partner"
	}
	report := opt.reportTo(stdout, stderr)
	if opt.json {
		if err := writeJSON(stdout, overlapJSON([]core.Overlap{o})); err != nil {
			return fail(stderr, fmt.Sprintf("cannot write the JSON: %v.", err))
		}
	}
	fmt.Fprintf(report, "Overlap %s (%.1f s).\n", o.Method, time.Since(start).Seconds())
	fmt.Fprintf(report, "Our list %s: %d companies\n", list, companies)
	customers := fmt.Sprintf("%d customers", o.Customers)
	if !popsKnown {
		customers = "which are customers not shared"
	}
	fmt.Fprintf(report, "%s: %d companies (%s); %d shared (%d by domain, %d by name); customer overlap score %g\n",
		o.Partner, o.Companies, customers, o.SharedCompanies(), o.ByKind[core.MatchDomain], o.ByKind[core.MatchName], core.OverlapScore(o))
	for _, p := range core.OverlapPopulations {
		fmt.Fprintf(report, "  %-56s %6d\n", p, o.Counts[p])
	}
	if mode == core.PrivateMatches {
		fmt.Fprintf(report, "  %-56s %9.2f\n", "Our open pipeline among them", o.Pipeline)
		for i, s := range o.Shared {
			if i == maxSharedLines {
				where := "the Overlap sheet of the workbook -o writes"
				if opt.out != "" {
					where = "the Overlap sheet of " + opt.out
				}
				fmt.Fprintf(report, "    … and %d more: every one is on %s.\n", len(o.Shared)-i, where)
				break
			}
			fmt.Fprintf(report, "    %s (%s, by %s %s)\n", s.Ours, s.Population, s.Kind, s.Key)
		}
	} else {
		fmt.Fprintln(report, "  Which accounts, and the open pipeline among them, are not known in counts mode.")
	}
	for _, n := range notes {
		fmt.Fprintln(report, "  "+n)
	}
	if opt.out != "" {
		e := core.NewEcosystem("Customer overlap", time.Now())
		e.Partners = append(e.Partners, &core.Partner{Name: o.Partner, Formal: true})
		e.SetOverlapResults([]core.Overlap{o})
		if err := exporters.SaveWorkbook(opt.out, e, planbook.Options{}); err != nil {
			return fail(stderr, saveMessage(opt.out, err))
		}
		fmt.Fprintf(report, "Wrote %s\n", opt.out)
	}
	return 0
}

// runPrivateResult reads the result a requester sent back, with the answer
// we made for it: what the requester learnt, seen from our side.
func runPrivateResult(opt privateOptions, stdout, stderr io.Writer) int {
	dir, files, msg := opt.readTwo("result needs the answer you made and the result your partner sent back: result ANSWER.pao RESULT.pao.")
	if msg != "" {
		return fail(stderr, msg)
	}
	ans, res := files[0], files[1]
	ast, err := dir.LoadAnswerState(ans.Header.RequestID)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fail(stderr, err.Error()+".")
	}
	start := time.Now()
	o, err := core.ReadPrivateResult(ast, ans, res)
	if err != nil {
		return fail(stderr, err.Error()+".")
	}
	fmt.Fprintf(opt.reportTo(stdout, stderr), "Result of %s for request %s: %s\n", res.Header.From, res.Header.RequestID[:8], res.Header.Reveals)
	notes := []string{"A result can leave matches out, never invent one: making a·b·H(key) takes both secrets."}
	if ast.Mode == core.PrivateCounts && !res.Header.Populations {
		notes = append(notes, "You did not share which of your accounts are customers: every shared account counts as your prospect.")
	}
	// The requester's populations came with its entries, if it sent them.
	popsKnown := slices.ContainsFunc(ans.Ours, func(e core.BlindedAccount) bool { return e.Tag != core.TagWithheld })
	if !popsKnown {
		notes = append(notes, "The requester's populations were not sent: every shared account counts as its prospect.")
	}
	return reportPrivate(opt, o, ast.List, len(ans.Theirs), ast.Mode, popsKnown, notes, start, stdout, stderr)
}

// readPlan reads a plan workbook Partner Atlas saved, or says why not.
func readPlan(path string) (*core.Ecosystem, string) {
	if msg := checkInput(path, "the plan workbook"); msg != "" {
		return nil, msg
	}
	res, err := planbook.ReadFile(path, importers.Options{})
	if err != nil {
		return nil, importMessage(path, err)
	}
	if res.Plan == nil {
		return nil, fmt.Sprintf("%s is not a plan workbook saved by Partner Atlas: --plan keeps a secret only in one.", path)
	}
	return res.Plan, ""
}

// keepInPlan keeps st in the plan workbook at path, replacing the state of
// the same request, and saves the workbook in place.
func keepInPlan(path string, st *core.PrivateState) error {
	e, msg := readPlan(path)
	if msg != "" {
		return errors.New(msg)
	}
	e.KeepPrivateRequest(st)
	if err := exporters.SaveWorkbook(path, e, planbook.Options{Today: time.Now()}); err != nil {
		return errors.New(saveMessage(path, err))
	}
	return nil
}
