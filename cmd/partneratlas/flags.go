package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
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
