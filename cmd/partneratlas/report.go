package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/importers"
	"path/filepath"
	"strings"
)

// What plan and overlap both do with what they read and write: check an
// input, word an import or save error for the command line, print the
// warnings and the JSON.

// checkInput says what is wrong with an input path before it is read ("" if
// nothing): missing, unreadable, or a folder. what names the files expected
// inside a folder.
func checkInput(path, what string) string {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("cannot find %s.", path)
	case err != nil:
		return fmt.Sprintf("cannot open %s: %v.", path, err)
	case fi.IsDir():
		return fmt.Sprintf("%s is a folder; give %s inside it.", path, what)
	}
	return ""
}

// writeWarnings prints the problems under "Warnings:", grouped by kind,
// file and column with counts (importers.GroupProblems), at most
// maxWarningLines groups; log says where every single one is. Nothing when
// there are none.
func writeWarnings(w io.Writer, problems []importers.Problem, log string) {
	if len(problems) == 0 {
		return
	}
	groups := importers.GroupProblems(problems)
	fmt.Fprintf(w, "Warnings (%s, in %d groups):\n", core.Thousands(len(problems)), len(groups))
	for i, g := range groups {
		if i == maxWarningLines {
			fmt.Fprintf(w, "  … and %d more groups. %s\n", len(groups)-i, log)
			return
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(strings.Fields(g.String()), " "))
	}
	if len(groups) < len(problems) {
		fmt.Fprintf(w, "  %s\n", log)
	}
}

// maxWarningLines is how many groups of warnings a report prints: about
// what a person reads.
const maxWarningLines = 50

// writeJSON writes v to w as indented JSON, as plan and overlap report it.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// importMessage is an import error as a sentence that names the file.
func importMessage(file string, err error) string {
	msg := strings.TrimSpace(err.Error())
	if !strings.Contains(msg, filepath.Base(file)) {
		msg = fmt.Sprintf("cannot import %s: %s", file, msg)
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// saveMessage words a failed save for the command line: the facts the
// error carries, and what to do about its kind.
func saveMessage(out string, err error) string {
	msg := err.Error()
	switch exporters.SaveKindOf(err) {
	case exporters.ReadOnly, exporters.NoFolder, exporters.NotAFile:
		msg += " Give -o a path in a folder you can write to."
	case exporters.DiskFull:
		msg += " Free some space, or give -o a path on another drive."
	case exporters.InUse:
		msg += " Close it in the other program and run the command again."
	case "":
		msg = fmt.Sprintf("cannot write %s: %v.", out, err)
	}
	return msg
}
