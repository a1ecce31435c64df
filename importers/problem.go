package importers

import (
	"errors"
	"fmt"
	"hash/maphash"
	"strings"
)

// Kind sorts what went wrong with a file, so callers and tests can match a
// category without reading the message.
type Kind string

// The kinds of problem an import can meet.
const (
	BadFile       Kind = "bad file"           // not a spreadsheet, or damaged
	Unsupported   Kind = "unsupported format" // .xls, .xlsb, .ods, …
	Encrypted     Kind = "encrypted"          // password-protected workbook
	Empty         Kind = "empty"              // no rows, or no sheet with data
	NoHeader      Kind = "no header"          // no row looks like a partner table's header
	MissingColumn Kind = "missing column"     // no column holds partner names
	BadValue      Kind = "bad value"          // a cell that cannot be read as its column wants
	UnknownRole   Kind = "unknown role"       // a role word the app does not know
	Conflict      Kind = "conflict"           // two rows of one partner disagree
	NoSheet       Kind = "no such sheet"      // the sheet the user named is not in the workbook
	Guessed       Kind = "guessed encoding"   // a text file read in an encoding Partner Atlas guessed
	TooLarge      Kind = "too large"          // past Excel's limits or this app's
	RaggedRow     Kind = "ragged row"         // a row with more or fewer cells than the header
	Merged        Kind = "merged"             // a row folded into the partner of another row
	Duplicate     Kind = "possible duplicate" // two partners kept apart that may be one
)

// kinds lists every kind, in the order a summary of problems goes through
// them.
var kinds = []Kind{BadFile, Unsupported, Encrypted, Empty, NoHeader, MissingColumn, BadValue, UnknownRole,
	Conflict, NoSheet, Guessed, TooLarge, RaggedRow, Merged, Duplicate}

// Problem is one thing found while importing, with where it was found. A
// problem does not stop the import: the row or cell is skipped or kept as
// text, and the problem is reported.
type Problem struct {
	Kind   Kind
	File   string
	Sheet  string // empty for CSV
	Row    int    // 1-based; 0 when the problem is not about one row
	Column string // the column's letter and header, e.g. `C "Partner Type"`; empty when not about one column
	// Message says what is wrong and what to do, in plain words.
	Message string
}

// String writes the problem as one sentence for the user:
// `partners.xlsx, sheet Partners, row 12, column C "Partner Type": "Wholesale" is not a role we know; …`
func (p Problem) String() string {
	var at []string
	if p.File != "" {
		at = append(at, p.File)
	}
	if p.Sheet != "" {
		at = append(at, "sheet "+p.Sheet)
	}
	if p.Row > 0 {
		at = append(at, fmt.Sprintf("row %d", p.Row))
	}
	if p.Column != "" {
		at = append(at, "column "+p.Column)
	}
	if len(at) == 0 {
		return p.Message
	}
	return strings.Join(at, ", ") + ": " + p.Message
}

// Error is an import that could not go on at all. It carries the kind, the
// place and the cause.
type Error struct {
	Problem
	Err error // the underlying cause, if any
}

func (e *Error) Error() string { return e.Problem.String() }

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of an import error, or "" for other errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// fail builds an *Error.
func fail(kind Kind, file string, cause error, format string, args ...any) *Error {
	return &Error{Problem: Problem{Kind: kind, File: file, Message: fmt.Sprintf(format, args...)}, Err: cause}
}

// UniqueProblems joins problem lists, dropping repeats, so a problem that
// two steps of an import both report (a file's read and the merge, say) is
// shown once.
//
// Two problems are the same when they say the same thing at the same place
// (as String writes them), whatever their kind; the comparison is by field,
// not by the sentence, which for 167,000 problems cost 130 MB of strings.
// The fields are hashed into a map of numbers, with a chain for the rare
// hashes two problems share: a map keyed by the four strings took 70 ms
// there.
func UniqueProblems(lists ...[]Problem) []Problem {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if n == 0 {
		return nil
	}
	seed := maphash.MakeSeed()
	var h maphash.Hash
	h.SetSeed(seed)
	out := make([]Problem, 0, n)
	first := make(map[uint64]int32, n) // a hash's last problem in out
	before := make([]int32, 0, n)      // the problem in out with the same hash before this one, or -1
	for _, l := range lists {
	next:
		for _, p := range l {
			h.Reset()
			for _, s := range [...]string{p.File, p.Sheet, p.Column, p.Message} {
				h.WriteString(s)
				h.WriteByte(0)
			}
			maphash.WriteComparable(&h, max(p.Row, 0))
			sum := h.Sum64()
			last, ok := first[sum]
			if !ok {
				last = -1
			}
			for i := last; i >= 0; i = before[i] {
				if samePlace(out[i], p) {
					continue next
				}
			}
			before = append(before, last)
			first[sum] = int32(len(out))
			out = append(out, p)
		}
	}
	return out
}

// samePlace tells whether two problems say the same thing at the same
// place, as UniqueProblems compares them.
func samePlace(a, b Problem) bool {
	return a.Message == b.Message && max(a.Row, 0) == max(b.Row, 0) && a.File == b.File && a.Sheet == b.Sheet && a.Column == b.Column
}
