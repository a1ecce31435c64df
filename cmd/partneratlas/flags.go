package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// command is one subcommand: its flags, generated help and work.
type command struct {
	name     string
	synopsis string // the command line, as the help shows it
	summary  string // what it does, in a sentence or two
	// flags declares the command's options on fs and returns the work to
	// run once they are parsed, with the arguments that are no option.
	flags func(fs *flag.FlagSet) func(args []string, stdout, stderr io.Writer) int
	// needs says what an option's value is, for the message when it is
	// missing: "o" → "a file name, such as -o partner-plan.xlsx".
	needs map[string]string
}

// newFlagSet makes the flag set of c, whose errors and help the caller
// words, never the flag package.
func (c command) newFlagSet() *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// help writes c's usage, summary and options, generated from its flags.
func (c command) help(w io.Writer) {
	fs := c.newFlagSet()
	c.flags(fs)
	fmt.Fprintf(w, "Usage: partneratlas %s\n\n", c.synopsis)
	summary := strings.ToUpper(c.summary[:1]) + c.summary[1:] + "."
	for _, l := range wrap(summary, 78) {
		fmt.Fprintln(w, l)
	}
	if opts := options(fs); opts != "" {
		fmt.Fprintf(w, "\nOptions:\n%s", opts)
	}
}

// options lists the flags of fs, one line each, aliases together ("-o,
// --output OUT"), as the help shows them.
func options(fs *flag.FlagSet) string {
	type option struct {
		names []string
		arg   string
		usage string
	}
	var list []*option
	byValue := map[flag.Value]*option{}
	fs.VisitAll(func(f *flag.Flag) {
		if o, ok := byValue[f.Value]; ok {
			o.names = append(o.names, f.Name)
			if o.usage == "" {
				o.arg, o.usage = flag.UnquoteUsage(f)
				o.arg = strings.ToUpper(o.arg)
			}
			return
		}
		arg, usage := flag.UnquoteUsage(f)
		o := &option{names: []string{f.Name}, arg: strings.ToUpper(arg), usage: usage}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			o.arg = ""
		}
		byValue[f.Value] = o
		list = append(list, o)
	})
	var b strings.Builder
	for _, o := range list {
		sort.Slice(o.names, func(i, j int) bool { return len(o.names[i]) < len(o.names[j]) })
		names := make([]string, len(o.names))
		for i, n := range o.names {
			names[i] = "--" + n
			if len(n) == 1 {
				names[i] = "-" + n
			}
		}
		head := strings.Join(names, ", ")
		if o.arg != "" {
			head += " " + o.arg
		}
		fmt.Fprintf(&b, "  %-26s %s\n", head, o.usage)
	}
	return b.String()
}

// parse reads args with fs: options may come before, between or after the
// other arguments, which it returns in order; "--" ends the options. An
// error is worded as one sentence; errors.Is(err, flag.ErrHelp) asks for the
// command's help.
func (c command) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	all := args
	for {
		if err := fs.Parse(args); err != nil {
			return nil, c.flagError(all, err)
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			return append(rest, left...), nil
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

// flagError words an error of the flag package: "unknown option --frob.",
// "-o needs a value."
func (c command) flagError(args []string, err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	asWritten := func(name string) string {
		for _, a := range args {
			if strings.TrimLeft(strings.SplitN(a, "=", 2)[0], "-") == name {
				return strings.SplitN(a, "=", 2)[0]
			}
		}
		return "-" + name
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown option %s.", asWritten(name))
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		// "invalid value "x" for flag -since: why": the why names the value.
		if _, after, ok := strings.Cut(rest, " for flag -"); ok {
			if name, why, ok := strings.Cut(after, ": "); ok {
				return fmt.Errorf("%s: %s.", asWritten(name), strings.TrimSuffix(why, "."))
			}
		}
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		if what, ok := c.needs[name]; ok {
			return fmt.Errorf("%s needs %s.", asWritten(name), what)
		}
		return fmt.Errorf("%s needs a value.", asWritten(name))
	}
	return fmt.Errorf("%s.", strings.TrimSuffix(msg, "."))
}

// list is a repeatable option: each use adds a value.
type list []string

func (l *list) String() string     { return strings.Join(*l, ", ") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

// stringValue is a string option that several names share (-o, --output).
type stringValue string

func (s *stringValue) String() string     { return string(*s) }
func (s *stringValue) Set(v string) error { *s = stringValue(v); return nil }

// outFlag registers -o and its long names --out and --output, which set
// out; usage is -o's help.
func outFlag(fs *flag.FlagSet, out *string, usage string) {
	v := (*stringValue)(out)
	fs.Var(v, "o", usage)
	fs.Var(v, "out", "")
	fs.Var(v, "output", "")
}

// needsWith is a command's needs: its own, what -o needs (an example
// file name), and the column options' when table is set.
func needsWith(own map[string]string, example string, table bool) map[string]string {
	out := map[string]string{"o": "a file name, such as -o " + example, "out": "a file name", "output": "a file name"}
	if table {
		maps.Copy(out, columnNeeds)
	}
	maps.Copy(out, own)
	return out
}

// dayValue is a date option (--since, --until): a calendar day, written
// year first as the help asks (2026-03-31) or as people type dates ("31 Mar
// 2026", "March 31, 2026", "31/03/2026"). A year or a month alone ("2025",
// "2025-06") means its first day, or its last when end is set, so that
// --since 2025 --until 2025 is the whole year.
type dayValue struct {
	day *time.Time
	end bool
}

func (d dayValue) String() string {
	if d.day == nil || d.day.IsZero() {
		return ""
	}
	return d.day.Format(time.DateOnly)
}

func (d dayValue) Set(v string) error {
	t, err := parseDay(v, d.end)
	if err != nil {
		return err
	}
	*d.day = t
	return nil
}

// parseDay reads a day as dayValue takes it, in UTC. A numeric date whose
// order cannot be told ("03/04/2026": 3 April or 4 March?) is refused, never
// guessed.
func parseDay(v string, end bool) (time.Time, error) {
	s := strings.Join(strings.Fields(v), " ")
	if s == "" {
		return time.Time{}, fmt.Errorf("needs a date, such as 2026-01-31")
	}
	span := func(t time.Time, months int) time.Time {
		if end {
			return t.AddDate(0, months, -1)
		}
		return t
	}
	if len(s) == 4 {
		if y, err := strconv.Atoi(s); err == nil && y > 0 {
			return span(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), 12), nil
		}
	}
	if f := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' }); len(f) == 2 || len(f) == 3 {
		n := make([]int, len(f))
		numeric := true
		for i, x := range f {
			var err error
			if n[i], err = strconv.Atoi(x); err != nil || len(x) > 4 {
				numeric = false
			}
		}
		if numeric {
			return numericDay(s, f, n, span)
		}
	}
	words := titleWords(s)
	for _, l := range []string{"Jan 2006", "January 2006"} {
		if t, err := time.Parse(l, words); err == nil {
			return span(t, 1), nil
		}
	}
	for _, l := range []string{"2 Jan 2006", "2 January 2006", "Jan 2, 2006", "January 2, 2006", "Jan 2 2006",
		"January 2 2006", "2-Jan-2006", "2-January-2006", "Mon 2 Jan 2006", "Monday 2 January 2006"} {
		if t, err := time.Parse(l, strings.ReplaceAll(words, "Sept ", "Sep ")); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date; write it year first, as 2026-01-31 (31 Jan 2026 and 31/01/2026 are understood too)", v)
}

// numericDay reads a date of numbers: year first (2026-01-31, 2026-01),
// else day and month in the order their values show, the year last.
func numericDay(s string, f []string, n []int, span func(time.Time, int) time.Time) (time.Time, error) {
	var y, m, d int
	switch {
	case len(f) == 2 && len(f[0]) == 4:
		y, m = n[0], n[1]
	case len(f) == 3 && len(f[0]) == 4:
		y, m, d = n[0], n[1], n[2]
	case len(f) == 3 && (len(f[2]) == 4 || len(f[2]) == 2):
		y = n[2]
		if len(f[2]) == 2 {
			y += 2000
		}
		a, b := n[0], n[1]
		switch {
		case a > 12 && b <= 12:
			d, m = a, b
		case b > 12 && a <= 12:
			m, d = a, b
		case a == b:
			d, m = a, b
		case a <= 12 && b <= 12:
			return time.Time{}, fmt.Errorf("%q could be %s or %s; write it year first: %04d-%02d-%02d or %04d-%02d-%02d",
				s, dayWords(a, b), dayWords(b, a), y, b, a, y, a, b)
		}
	}
	if y == 0 || m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("%q is not a date; write it year first, as 2026-01-31", s)
	}
	first := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	if d == 0 && len(f) == 2 {
		return span(first, 1), nil
	}
	if last := first.AddDate(0, 1, -1).Day(); d < 1 || d > last {
		return time.Time{}, fmt.Errorf("%q is not a day: %s %d has %d days", s, time.Month(m), y, last)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// dayWords writes day d of month m: "3 April".
func dayWords(d, m int) string {
	return fmt.Sprintf("%d %s", d, time.Month(m))
}

// titleWords capitalises each word, so that time.Parse knows "31 mar
// 2026" and "MARCH 31, 2026".
func titleWords(s string) string {
	w := strings.Fields(strings.ToLower(s))
	for i, x := range w {
		r, n := utf8.DecodeRuneInString(x)
		w[i] = string(unicode.ToUpper(r)) + x[n:]
	}
	return strings.Join(w, " ")
}
