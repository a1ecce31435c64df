// Command partneratlas is the Partner Atlas app. With no argument it opens
// the window with the sample ecosystem; `partneratlas FILE` opens the window
// and imports FILE; `partneratlas plan` and `partneratlas overlap` run the
// same work headless, for scripts and tests.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// commands are the subcommands, in the order the help lists them.
var commands = []command{planCommand, overlapCommand}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches the command line and returns the exit status. A panic
// becomes a one-paragraph message, never a stack trace.
func run(args []string, stdout, stderr io.Writer) (status int) {
	defer func() {
		if v := recover(); v != nil {
			if os.Getenv("PARTNERATLAS_DEBUG") != "" {
				debug.PrintStack()
			}
			fail(stderr, fmt.Sprintf("internal error: %v. Please report it, with the command you ran.", v))
			status = 1
		}
	}()
	if len(args) == 0 {
		return runGUI(nil)
	}
	for _, c := range commands {
		if args[0] == c.name {
			return c.run(args[1:], stdout, stderr)
		}
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			for _, c := range commands {
				if args[1] == c.name {
					c.help(stdout)
					return 0
				}
			}
			return fail(stderr, fmt.Sprintf("there is no command %q to show the help of.", args[1]))
		}
		usage(stdout)
		return 0
	}
	if strings.HasPrefix(args[0], "-") {
		return fail(stderr, fmt.Sprintf("unknown option %s.", args[0]))
	}
	if len(args) == 1 {
		if fi, err := os.Stat(args[0]); err == nil && !fi.IsDir() {
			return runGUI(args)
		}
	}
	return fail(stderr, fmt.Sprintf("unknown command %q.", args[0]))
}

// run parses c's options and runs it; -h or --help shows its help.
func (c command) run(args []string, stdout, stderr io.Writer) int {
	fs := c.newFlagSet()
	work := c.flags(fs)
	rest, err := c.parse(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		c.help(stdout)
		return 0
	}
	if err != nil {
		return fail(stderr, err.Error())
	}
	return work(rest, stdout, stderr)
}

// usage writes the help of the whole command, generated from the
// subcommands.
func usage(w io.Writer) {
	fmt.Fprint(w, "Partner Atlas: define, score and tier your partner ecosystem.\n\nUsage:\n")
	line := func(synopsis, summary string) {
		fmt.Fprintf(w, "  %s\n", strings.TrimSpace("partneratlas "+synopsis))
		for _, l := range wrap(summary, 70) {
			fmt.Fprintf(w, "      %s\n", l)
		}
	}
	line("", "open the window with the sample ecosystem, or the plan saved last")
	line("FILE", "open the window and import FILE")
	for _, c := range commands {
		line(c.synopsis, c.summary)
	}
	line("help [COMMAND]", "show this help, or the options of a command")
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fail writes msg as one paragraph with a pointer to the help, and returns
// the exit status 1.
func fail(stderr io.Writer, msg string) int {
	msg = strings.Join(strings.Fields(msg), " ")
	fmt.Fprintf(stderr, "partneratlas: %s Run 'partneratlas help' for usage.\n", msg)
	return 1
}
