package planbook

import (
	"strconv"
	"strings"
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
// The sources are given to the document (core.Input's Take): their plan and
// partners become its own, changed where rows merge, so a caller reads them
// for this alone, or passes copies (as the app passes the document it adds
// a file to).
func Assemble(sources []*Source, today time.Time) *Assembly { return AssembleWith(sources, today, nil) }

// AssembleWith is Assemble with verdicts on partners that look alike that
// the caller adds (the command line's --same and --apart).
func AssembleWith(sources []*Source, today time.Time, same core.SamePartners) *Assembly {
	inputs := make([]core.Input, len(sources))
	for i, s := range sources {
		inputs[i] = core.Input{File: s.File, Plan: s.Plan, Partners: s.Partners, Take: true}
	}
	c := core.Combine(inputs, today, same)
	a := &Assembly{Ecosystem: c.Ecosystem}
	a.Merged = mergeProblems(c)
	lists := make([][]importers.Problem, 0, len(sources)+1)
	for _, s := range sources {
		lists = append(lists, s.Problems)
	}
	a.Problems = importers.UniqueProblems(append(lists, a.Merged)...)
	a.Evaluation = a.Ecosystem.Evaluate()
	a.Evaluation.Confidence = a.Ecosystem.TierConfidence()
	return a
}

// mergeProblems words what the merge found as problems: second plans, rows
// folded into another row's partner, possible duplicates kept apart, and
// conflicting values, in that order. The messages are written into one
// buffer sized beforehand, which they share as one string: at 100,000 rows
// there are 150,000 of them, and a Sprintf each took a fifth of a second.
func mergeProblems(c core.Combined) []importers.Problem {
	n := len(c.ExtraPlans) + len(c.Merged) + len(c.Possible) + len(c.Conflicts)
	if n == 0 {
		return nil
	}
	const (
		secondPlan = "this is a second plan workbook: its partners were added, but the scorecard, tier thresholds, plays, maturity and review dates of "
		merged     = "; its values were merged into it."
		kept       = ". Both were kept; merge them in Discover, or with --same on the command line, if they are one."
		correct    = "\" was kept. Correct the one that is wrong and import again."
		place      = len(", sheet , row -1000000000") // a source's words beside its file and sheet
	)
	size := len(c.ExtraPlans) * (len(secondPlan) + len(c.Base) + 16)
	for _, m := range c.Merged {
		size += len(m.Name) + len(m.Partner) + len(m.Reason) + len(m.Into.File) + len(m.Into.Sheet) + place + 32 + len(merged)
	}
	for _, d := range c.Possible {
		size += len(d.B) + len(d.A) + len(d.Reason) + len(d.AAt.File) + len(d.AAt.Sheet) + place + 40 + len(kept)
	}
	for _, x := range c.Conflicts {
		size += len(x.Partner) + len(x.Field) + len(x.Other) + 2*len(x.Kept) + len(x.KeptAt.File) + len(x.KeptAt.Sheet) + place + 32 + len(correct)
	}
	var w strings.Builder
	w.Grow(size)
	var scratch []byte
	quote := func(s string) {
		scratch = strconv.AppendQuote(scratch[:0], s)
		w.Write(scratch)
	}
	source := func(s core.Source) {
		scratch, _ = s.AppendText(scratch[:0])
		w.Write(scratch)
	}
	out := make([]importers.Problem, 0, n)
	ends := make([]int, 0, n)
	add := func(p importers.Problem) {
		out, ends = append(out, p), append(ends, w.Len())
	}
	for _, file := range c.ExtraPlans {
		w.WriteString(secondPlan)
		w.WriteString(c.Base)
		w.WriteString(" were kept.")
		add(importers.Problem{Kind: importers.Conflict, File: file})
	}
	// samePartner writes `"row" is (or may be) the same partner as
	// partner in place (reason)` and what follows.
	samePartner := func(row, is, partner string, at core.Source, reason, then string) {
		quote(row)
		w.WriteString(is)
		w.WriteString(partner)
		w.WriteString(" in ")
		source(at)
		w.WriteString(" (")
		w.WriteString(reason)
		w.WriteString(then)
	}
	for _, m := range c.Merged {
		samePartner(m.Name, " is the same partner as ", m.Partner, m.Into, m.Reason, ")"+merged)
		add(importers.Problem{Kind: importers.Merged, File: m.Row.File, Sheet: m.Row.Sheet, Row: m.Row.Row})
	}
	for _, d := range c.Possible {
		samePartner(d.B, " may be the same partner as ", d.A, d.AAt, d.Reason, ")"+kept)
		add(importers.Problem{Kind: importers.Duplicate, File: d.BAt.File, Sheet: d.BAt.Sheet, Row: d.BAt.Row})
	}
	for _, x := range c.Conflicts {
		w.WriteString(x.Partner)
		w.WriteString(" has ")
		w.WriteString(x.Field)
		w.WriteString(" \"")
		w.WriteString(x.Other)
		w.WriteString("\" here but \"")
		w.WriteString(x.Kept)
		w.WriteString("\" in ")
		source(x.KeptAt)
		w.WriteString("; \"")
		w.WriteString(x.Kept)
		w.WriteString(correct)
		add(importers.Problem{Kind: importers.Conflict, File: x.OtherAt.File, Sheet: x.OtherAt.Sheet, Row: x.OtherAt.Row})
	}
	text, from := w.String(), 0
	for i, end := range ends {
		out[i].Message, from = text[from:end], end
	}
	return out
}
