// Command partneratlas is the Partner Atlas app. With no argument it opens
// the window with the sample ecosystem; `partneratlas FILE` opens the window
// and imports FILE; `partneratlas plan` runs the same work headless, for
// scripts and tests.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

const usage = `Partner Atlas: define, score and tier your partner ecosystem.

Usage:
  partneratlas                     open the window with the sample ecosystem
  partneratlas FILE                open the window and import FILE
  partneratlas plan [-o OUT] [--json] FILE...
                                   import partner lists or a plan workbook, score and
                                   tier every partner, and write OUT (.xlsx or .csv,
                                   default partner-plan.xlsx)
  partneratlas overlap --ours FILE --partner NAME=FILE [--partner NAME=FILE ...] [--json] [-o OUT.xlsx]
                                   match each partner's account list against ours and
                                   print the shared customers and prospects per partner
  partneratlas help                show this help

Options of plan:
  -o, --output OUT   where to write the plan (.xlsx or .csv)
  --json             print the partners as JSON on standard output; the report
                     goes to standard error
`

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
	switch args[0] {
	case "plan":
		return runPlan(args[1:], stdout, stderr)
	case "overlap":
		return runOverlap(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
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

// fail writes msg as one paragraph with a pointer to the help, and returns
// the exit status 1.
func fail(stderr io.Writer, msg string) int {
	msg = strings.Join(strings.Fields(msg), " ")
	fmt.Fprintf(stderr, "partneratlas: %s Run 'partneratlas help' for usage.\n", msg)
	return 1
}
