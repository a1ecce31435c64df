package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

var overlapCommand = command{
	name:     "overlap",
	synopsis: "overlap --ours FILE --partner NAME=FILE [--partner NAME=FILE ...] [--column HEADER=FIELD ...] [--sheet NAME] [--header-row N] [--encoding NAME] [--json] [-o OUT.xlsx]",
	summary: "match each partner's account list against ours, on this computer, and print the shared customers and " +
		"prospects per partner; -o writes a workbook with the Overlap sheet",
	needs: needsWith(map[string]string{
		"ours":    "our account list, such as --ours customers.csv",
		"partner": "a partner's name and its account list, such as --partner \"Acme Cloud=acme-accounts.csv\"",
	}, "overlap.xlsx", true),
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		var opt overlapOptions
		fs.StringVar(&opt.ours, "ours", "", "our account list, `FILE` (.xlsx or .csv)")
		fs.Var(&opt.partners, "partner", "a partner's account list, `NAME=FILE`; repeat for each partner")
		opt.table.register(fs, "the account lists")
		fs.BoolVar(&opt.json, "json", false, "print the overlaps as JSON on standard output; the report goes to standard error")
		outFlag(fs, &opt.out, "write a workbook to `OUT` (.xlsx) with the named partners and the Overlap sheet")
		return func(args []string, stdout, stderr io.Writer) int {
			if len(args) > 0 {
				return fail(stderr, fmt.Sprintf("%s is not an option; give our list with --ours FILE and each partner's with --partner NAME=FILE.", args[0]))
			}
			return runOverlap(opt, stdout, stderr)
		}
	},
}

// overlapOptions is the parsed command line of overlap.
type overlapOptions struct {
	ours     string
	partners list // NAME=FILE
	json     bool
	out      string
	table    tableChoice // which column is which (name, website, status, amount)
}

// namedFiles splits the --partner values into names and files.
func (o overlapOptions) namedFiles() ([]namedFile, error) {
	var out []namedFile
	for _, v := range o.partners {
		pn, pf, ok := strings.Cut(v, "=")
		if !ok || strings.TrimSpace(pn) == "" || pf == "" {
			return nil, fmt.Errorf("--partner needs a partner's name and its account list, such as --partner \"Acme Cloud=acme-accounts.csv\".")
		}
		out = append(out, namedFile{strings.TrimSpace(pn), pf})
	}
	return out, nil
}

type namedFile struct{ name, file string }

// jsonOverlap is one partner in overlap's --json output.
type jsonOverlap struct {
	Partner     string         `json:"partner"`
	Companies   int            `json:"companies"`
	Customers   int            `json:"customers"`
	Populations map[string]int `json:"populations"`
	Matches     map[string]int `json:"matches"`
	Pipeline    float64        `json:"overlapping_pipeline"`
	Score       float64        `json:"customer_overlap_score"`
}

// runOverlap reads the account lists, matches each partner's against ours
// and reports the populations; -o writes a workbook whose partners are the
// named ones, with the Overlap sheet.
func runOverlap(opt overlapOptions, stdout, stderr io.Writer) int {
	partners, err := opt.namedFiles()
	switch {
	case err != nil:
		return fail(stderr, err.Error())
	case opt.ours == "":
		return fail(stderr, "overlap needs our account list: --ours FILE.")
	case len(partners) == 0:
		return fail(stderr, "overlap needs at least one partner's account list: --partner NAME=FILE.")
	case opt.out != "" && strings.ToLower(filepath.Ext(opt.out)) != ".xlsx":
		return fail(stderr, fmt.Sprintf("cannot write %s: the overlap is written as an .xlsx workbook; give -o a name ending in .xlsx.", opt.out))
	}
	maps, err := opt.table.mappings(core.DefaultScorecard())
	if err != nil {
		return fail(stderr, err.Error())
	}
	files := []string{opt.ours}
	for _, p := range partners {
		files = append(files, p.file)
	}
	var mu sync.Mutex // the lists are read on several goroutines at once, and options marks the mappings used
	read := func(file string) (*importers.AccountsResult, error) {
		if msg := checkInput(file, "the account list file"); msg != "" {
			return nil, errors.New(msg)
		}
		res, err := importers.ReadAccounts(file, opt.table.first())
		if res != nil && len(maps) > 0 {
			mu.Lock()
			o := opt.table.options(maps, res.Columns) // marks the mappings used
			mu.Unlock()
			if o.Columns != nil {
				res, err = importers.ReadAccounts(file, o)
			}
		}
		if err != nil {
			return res, errors.New(importMessage(file, err))
		}
		return res, nil
	}
	e := core.NewEcosystem("Customer overlap", time.Now())
	for _, p := range partners {
		if e.FindPartner(p.name) != nil {
			return fail(stderr, fmt.Sprintf("the partner %q is given twice.", p.name))
		}
		e.Partners = append(e.Partners, &core.Partner{Name: p.name, Formal: true})
	}
	// The lists are read as they are matched, and only the overlaps kept:
	// the workbook holds no account list (see core.AccountMap).
	var (
		ours     *importers.AccountsResult
		problems = make([][]importers.Problem, len(files))
		seen     = make([][]importers.Column, len(files))
	)
	readAt := func(k int) (core.AccountList, error) {
		res, err := read(files[k])
		if res == nil {
			return core.AccountList{}, err
		}
		seen[k] = res.Columns // each list its own place: no lock
		if err != nil {
			return core.AccountList{}, err
		}
		problems[k] = res.Problems
		if k == 0 {
			ours = res
			return res.List, nil
		}
		l := res.List
		l.Partner = partners[k-1].name
		return l, nil
	}
	ix, overlaps, err := core.MatchRead(func() (core.AccountList, error) { return readAt(0) }, len(partners),
		func(i int) (core.AccountList, error) { return readAt(i + 1) }, nil)
	if err != nil {
		return fail(stderr, err.Error())
	}
	if msg := unused(maps, files, slices.DeleteFunc(seen, func(c []importers.Column) bool { return c == nil })); msg != "" {
		return fail(stderr, msg)
	}
	e.SetOurAccounts(ours.List)
	e.SetOverlapResults(overlaps)
	var all []importers.Problem
	for _, p := range problems {
		all = append(all, p...)
	}

	report := stdout
	if opt.json {
		report = stderr
		out := overlapJSON(e.Accounts.Results)
		if err := writeJSON(stdout, out); err != nil {
			return fail(stderr, fmt.Sprintf("cannot write the JSON: %v.", err))
		}
	}
	n := core.Thousands
	fmt.Fprintf(report, "Our list %s: %s accounts, %s companies\n", ours.List.File, n(len(ours.List.Accounts)), n(ix.Companies()))
	for _, o := range e.Accounts.Results {
		fmt.Fprintf(report, "%s: %s companies (%s customers); %s shared (%s by domain, %s by name, %s fuzzy); customer overlap score %g\n",
			o.Partner, n(o.Companies), n(o.Customers), n(o.SharedCompanies()), n(o.ByKind[core.MatchDomain]), n(o.ByKind[core.MatchName]), n(o.ByKind[core.MatchFuzzy]), core.OverlapScore(o))
		for _, p := range core.OverlapPopulations {
			fmt.Fprintf(report, "  %-56s %7s\n", p, n(o.Counts[p]))
		}
		fmt.Fprintf(report, "  %-56s %9.2f\n", "Our open pipeline among them", o.Pipeline)
	}
	log := "Every warning, one a row, is on the Import log sheet of the workbook -o writes."
	if opt.out != "" {
		log = "Every warning, one a row, is on the Import log sheet of " + opt.out + "."
	}
	writeWarnings(report, importers.UniqueProblems(all), log)
	if opt.out != "" {
		if err := exporters.SaveWorkbook(opt.out, e, planbook.Options{Problems: importers.UniqueProblems(all)}); err != nil {
			return fail(stderr, saveMessage(opt.out, err))
		}
		fmt.Fprintf(report, "Wrote %s\n", opt.out)
	}
	return 0
}

// overlapJSON is the --json output of overlap: per partner, the
// populations, the matches by kind, the overlapping pipeline and the score.
func overlapJSON(results []core.Overlap) []jsonOverlap {
	out := make([]jsonOverlap, 0, len(results))
	for _, o := range results {
		out = append(out, jsonOverlap{
			Partner: o.Partner, Companies: o.Companies, Customers: o.Customers,
			Populations: map[string]int{
				"both_customers":              o.Counts[core.BothCustomers],
				"our_customer_their_prospect": o.Counts[core.OurCustomerTheirProspect],
				"their_customer_our_prospect": o.Counts[core.TheirCustomerOurProspect],
				"both_prospects":              o.Counts[core.BothProspects],
			},
			Matches:  map[string]int{"domain": o.ByKind[core.MatchDomain], "name": o.ByKind[core.MatchName], "fuzzy": o.ByKind[core.MatchFuzzy]},
			Pipeline: o.Pipeline, Score: core.OverlapScore(o),
		})
	}
	return out
}
