package importers

import (
	"fmt"
	"partneratlas/core"
	"strings"
)

// ProblemGroup is the problems of one kind in one column of one file
// (or about no column), counted: what a person reads when an import of
// 100,000 rows meets the same trouble 37,000 times. The problems
// themselves go to the plan workbook's Import log sheet.
type ProblemGroup struct {
	Kind                Kind
	File, Sheet, Column string
	Count               int
	First               Problem // the first of them, as an example
}

// kindWords say what the problems of a kind are, counted.
var kindWords = map[Kind]string{
	BadValue:      "cells that could not be read as their column wants",
	UnknownRole:   "role words Partner Atlas does not know",
	Conflict:      "values that differ from the row kept",
	RaggedRow:     "rows with more or fewer cells than the header",
	Merged:        "rows merged into a partner listed before",
	Duplicate:     "partners kept apart that may be one",
	TooLarge:      "cells or sheets past a limit",
	MissingColumn: "missing columns",
}

// GroupProblems groups problems by kind, file, sheet and column, in the
// order their first problems come.
func GroupProblems(problems []Problem) []ProblemGroup {
	type key struct {
		kind                Kind
		file, sheet, column string
	}
	index := map[key]int{}
	var out []ProblemGroup
	for _, p := range problems {
		k := key{p.Kind, p.File, p.Sheet, p.Column}
		if i, ok := index[k]; ok {
			out[i].Count++
			continue
		}
		index[k] = len(out)
		out = append(out, ProblemGroup{Kind: p.Kind, File: p.File, Sheet: p.Sheet, Column: p.Column, Count: 1, First: p})
	}
	return out
}

// String says the group in a sentence: the problem itself when it is
// alone, else how many, of what, where, and the first as an example.
func (g ProblemGroup) String() string {
	if g.Count == 1 {
		return g.First.String()
	}
	var at []string
	for _, s := range []string{g.File, sheetWord(g.Sheet), columnWord(g.Column)} {
		if s != "" {
			at = append(at, s)
		}
	}
	what, ok := kindWords[g.Kind]
	if !ok {
		what = "problems (" + string(g.Kind) + ")"
	}
	first := g.First
	first.File, first.Sheet, first.Column = "", "", ""
	return fmt.Sprintf("%s: %s %s; the first, %s", strings.Join(at, ", "), core.Thousands(g.Count), what, first)
}

func sheetWord(s string) string {
	if s == "" {
		return ""
	}
	return "sheet " + s
}

func columnWord(c string) string {
	if c == "" {
		return ""
	}
	return "column " + c
}
