package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/importers"
)

// overlapOptions is the parsed command line of overlap.
type overlapOptions struct {
	ours     string
	partners []namedFile
	json     bool
	out      string
}

type namedFile struct{ name, file string }

// parseOverlapArgs reads overlap's command line.
func parseOverlapArgs(args []string) (overlapOptions, error) {
	var opt overlapOptions
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			return opt, fmt.Errorf("%s is not an option; give our list with --ours FILE and each partner's with --partner NAME=FILE.", a)
		}
		needValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value.", a)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "ours":
			v, err := needValue()
			if err != nil {
				return opt, fmt.Errorf("--ours needs our account list, such as --ours customers.csv.")
			}
			opt.ours = v
		case "partner":
			v := ""
			if hasValue {
				v = value // --partner=NAME=FILE
			} else if i+1 < len(args) {
				i++
				v = args[i]
			}
			pn, pf, ok := strings.Cut(v, "=")
			if !ok || strings.TrimSpace(pn) == "" || pf == "" {
				return opt, fmt.Errorf("--partner needs a partner's name and its account list, such as --partner \"Acme Cloud=acme-accounts.csv\".")
			}
			opt.partners = append(opt.partners, namedFile{strings.TrimSpace(pn), pf})
		case "json":
			opt.json = true
		case "o", "out", "output":
			v, err := needValue()
			if err != nil || v == "" {
				return opt, fmt.Errorf("-o needs a file name, such as -o overlap.xlsx.")
			}
			opt.out = v
		case "h", "help":
			return opt, errHelp
		default:
			return opt, fmt.Errorf("unknown option %s.", a)
		}
	}
	switch {
	case opt.ours == "":
		return opt, fmt.Errorf("overlap needs our account list: --ours FILE.")
	case len(opt.partners) == 0:
		return opt, fmt.Errorf("overlap needs at least one partner's account list: --partner NAME=FILE.")
	case opt.out != "" && strings.ToLower(filepath.Ext(opt.out)) != ".xlsx":
		return opt, fmt.Errorf("cannot write %s: the overlap is written as an .xlsx workbook; give -o a name ending in .xlsx.", opt.out)
	}
	return opt, nil
}

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
func runOverlap(args []string, stdout, stderr io.Writer) int {
	opt, err := parseOverlapArgs(args)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if err != nil {
		return fail(stderr, err.Error())
	}
	read := func(file string) (*importers.AccountsResult, error) {
		if fi, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("cannot find %s.", file)
		} else if fi.IsDir() {
			return nil, fmt.Errorf("%s is a folder; give the account list file inside it.", file)
		}
		res, err := importers.ReadAccounts(file, importers.Options{})
		if err != nil {
			return nil, errors.New(importMessage(file, err))
		}
		return res, nil
	}
	e := core.NewEcosystem("Customer overlap", time.Now())
	var problems []importers.Problem
	ours, err := read(opt.ours)
	if err != nil {
		return fail(stderr, err.Error())
	}
	problems = append(problems, ours.Problems...)
	e.SetOurAccounts(ours.List)
	for _, p := range opt.partners {
		if e.FindPartner(p.name) != nil {
			return fail(stderr, fmt.Sprintf("the partner %q is given twice.", p.name))
		}
		e.Partners = append(e.Partners, &core.Partner{Name: p.name, Formal: true})
		res, err := read(p.file)
		if err != nil {
			return fail(stderr, err.Error())
		}
		problems = append(problems, res.Problems...)
		res.List.Partner = p.name
		if err := e.SetPartnerAccounts(res.List); err != nil {
			return fail(stderr, err.Error()+".")
		}
	}
	e.MatchAccounts()

	report := stdout
	if opt.json {
		report = stderr
		out := make([]jsonOverlap, 0, len(e.Accounts.Results))
		for _, o := range e.Accounts.Results {
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
		if err := writeJSON(stdout, out); err != nil {
			return fail(stderr, fmt.Sprintf("cannot write the JSON: %v.", err))
		}
	}
	fmt.Fprintf(report, "Our list %s: %d accounts, %d companies\n", ours.List.File, len(ours.List.Accounts), core.IndexAccounts(ours.List.Accounts).Companies())
	for _, o := range e.Accounts.Results {
		fmt.Fprintf(report, "%s: %d companies (%d customers); %d shared (%d by domain, %d by name, %d fuzzy); customer overlap score %g\n",
			o.Partner, o.Companies, o.Customers, o.SharedCompanies(), o.ByKind[core.MatchDomain], o.ByKind[core.MatchName], o.ByKind[core.MatchFuzzy], core.OverlapScore(o))
		for _, p := range core.OverlapPopulations {
			fmt.Fprintf(report, "  %-56s %6d\n", p, o.Counts[p])
		}
		fmt.Fprintf(report, "  %-56s %9.2f\n", "Our open pipeline among them", o.Pipeline)
	}
	writeWarnings(report, uniqueProblems(problems))
	if opt.out != "" {
		if err := exporters.SaveWorkbook(opt.out, e, exporters.Options{}); err != nil {
			return fail(stderr, fmt.Sprintf("cannot write %s: %v.", opt.out, err))
		}
		fmt.Fprintf(report, "Wrote %s\n", opt.out)
	}
	return 0
}
