// Command partneratlas is the Partner Atlas app. With no argument it opens
// the window with the plan saved last (or the sample ecosystem);
// `partneratlas FILE…` opens the window with those files, a plan workbook as
// the document and any other spreadsheet in the import preview; `partneratlas plan` and `partneratlas overlap` run the
// same work headless, for scripts and tests; `partneratlas --version` says
// which build this is.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
)

// commands are the subcommands, in the order the help lists them.
var commands = []command{planCommand, overlapCommand, privateOverlapCommand}

func main() {
	keepFootprintSmall()
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
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, versionLine())
		return 0
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
	if opensFiles(args) {
		return runGUI(args)
	}
	return fail(stderr, fmt.Sprintf("unknown command %q.", args[0]))
}

// spreadsheetExtensions are the endings of the files a file manager hands
// the app (what FyneApp.toml's MimeTypes cover, and what Open reads).
var spreadsheetExtensions = []string{".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".txt"}

// opensFiles says whether args are files to open in the window, as a
// double-click or "Open with" passes them: every one an existing file, or
// named like a spreadsheet (a missing one then gets the window's own plain
// dialog, not a terminal message nobody sees). Anything else is a mistyped
// command.
func opensFiles(args []string) bool {
	if len(args) == 0 {
		return false
	}
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && !fi.IsDir() {
			continue
		}
		ext := strings.ToLower(filepath.Ext(a))
		if !slices.Contains(spreadsheetExtensions, ext) {
			return false
		}
	}
	return true
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
	line("FILE…", "open the window with these files: a plan workbook as the document, any other spreadsheet in the import preview")
	for _, c := range commands {
		line(c.synopsis, c.summary)
	}
	line("version", "print the version, the build and the Go and Fyne versions")
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
