package planbook

import (
	"fmt"
	"time"

	"partneratlas/core"
	"partneratlas/importers"
)

// Source is one file read for a document: a plan workbook restored whole,
// or any other spreadsheet read as a partner list. The import preview shows
// it before anything is merged.
type Source struct {
	importers.Result
	// Plan is set when the file is a plan workbook written by Partner Atlas;
	// then Partners are Plan.Partners.
	Plan *core.Ecosystem
}

// ReadFile reads the file at path for a document. See ReadSource.
func ReadFile(path string, opt importers.Options) (*Source, error) {
	f, err := importers.OpenFile(path, opt)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadSource(f, opt)
}

// ReadData reads a file held in memory for a document; name gives its base
// name and extension. See ReadSource.
func ReadData(name string, data []byte, opt importers.Options) (*Source, error) {
	f, err := importers.Open(name, data, opt)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadSource(f, opt)
}

// ReadSource reads f, opened through importers' one way in: a plan workbook
// is restored whole (Read), any other spreadsheet is read as a partner list
// (importers.ReadPartners, with its partial result on a missing name column
// so the preview can map the columns by hand).
func ReadSource(f *importers.File, opt importers.Options) (*Source, error) {
	if Is(f) {
		return Read(f)
	}
	res, err := importers.ReadPartners(f, opt)
	if res == nil {
		return nil, err
	}
	return &Source{Result: *res}, err
}

// PlanSource is a document already open, as the base to merge more files
// into: its name and its ecosystem.
func PlanSource(name string, e *core.Ecosystem) *Source {
	s := &Source{Plan: e}
	s.File, s.Partners = name, e.Partners
	return s
}

// Assembly is a document put together from files: the ecosystem, its
// evaluation with tier confidence, and what was met on the way.
type Assembly struct {
	Ecosystem  *core.Ecosystem
	Evaluation core.Evaluation
	// Problems are every problem of the sources and of the merge, each once.
	Problems []importers.Problem
	// Merged are the problems the merge alone found: second plans, rows
	// folded into another row's partner, possible duplicates kept apart,
	// conflicting values.
	Merged []importers.Problem
}

// Assemble puts sources together into one document (read → merge →
// evaluate), the one path by which the app and the command line make a
// document from files. The first plan among the sources is the base; rows
// of the same partner are merged by core.Combine, and each disagreement
// becomes a problem of Kind Conflict at the row whose value was not kept.
// Sources are not changed.
func Assemble(sources []*Source, today time.Time) *Assembly { return AssembleWith(sources, today, nil) }

// AssembleWith is Assemble with verdicts on partners that look alike that
// the caller adds (the command line's --same and --apart).
func AssembleWith(sources []*Source, today time.Time, same core.SamePartners) *Assembly {
	inputs := make([]core.Input, len(sources))
	for i, s := range sources {
		inputs[i] = core.Input{File: s.File, Plan: s.Plan, Partners: s.Partners}
	}
	c := core.Combine(inputs, today, same)
	a := &Assembly{Ecosystem: c.Ecosystem}
	for _, file := range c.ExtraPlans {
		a.Merged = append(a.Merged, importers.Problem{Kind: importers.Conflict, File: file, Message: fmt.Sprintf(
			"this is a second plan workbook: its partners were added, but the scorecard, tier thresholds, plays, maturity and review dates of %s were kept.", c.Base)})
	}
	for _, m := range c.Merged {
		a.Merged = append(a.Merged, importers.Problem{Kind: importers.Merged, File: m.Row.File, Sheet: m.Row.Sheet, Row: m.Row.Row,
			Message: fmt.Sprintf("%q is the same partner as %s in %s (%s); its values were merged into it.", m.Name, m.Partner, m.Into, m.Reason)})
	}
	for _, d := range c.Possible {
		a.Merged = append(a.Merged, importers.Problem{Kind: importers.Duplicate, File: d.BAt.File, Sheet: d.BAt.Sheet, Row: d.BAt.Row,
			Message: fmt.Sprintf("%q may be the same partner as %s in %s (%s). Both were kept; merge them in Discover, or with --same on the command line, if they are one.", d.B, d.A, d.AAt, d.Reason)})
	}
	for _, x := range c.Conflicts {
		a.Merged = append(a.Merged, importers.Problem{
			Kind: importers.Conflict, File: x.OtherAt.File, Sheet: x.OtherAt.Sheet, Row: x.OtherAt.Row,
			Message: fmt.Sprintf("%s has %s \"%s\" here but \"%s\" in %s; \"%s\" was kept. Correct the one that is wrong and import again.",
				x.Partner, x.Field, x.Other, x.Kept, x.KeptAt, x.Kept),
		})
	}
	lists := make([][]importers.Problem, 0, len(sources)+1)
	for _, s := range sources {
		lists = append(lists, s.Problems)
	}
	a.Problems = importers.UniqueProblems(append(lists, a.Merged)...)
	a.Evaluation = a.Ecosystem.Evaluate()
	a.Evaluation.Confidence = a.Ecosystem.TierConfidence()
	return a
}
