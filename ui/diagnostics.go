package ui

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"partneratlas/exporters"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

// The log is for whoever helps a user whose app failed: what the app did
// (start-up, opening, importing, saving, exporting, recovery), how long it
// took, and the underlying error of every failure the user was shown. It
// never holds the user's data beyond the names of files: no partner name,
// no cell value. Errors are therefore not logged with their text, which
// may quote a cell or list partners, but described by what their type
// says is safe (see describeError).

// logDone writes a file operation to the log: what it was, the file, how
// long it took since start, and its error when it failed. attrs add
// counts.
func (w *MainWindow) logDone(op, file string, start time.Time, err error, attrs ...any) {
	args := append([]any{"file", file, "took", time.Since(start).Round(time.Millisecond)}, attrs...)
	if err != nil {
		w.env.Log.Warn(op+" failed", append(args, "error", describeError(err))...)
		return
	}
	w.env.Log.Info(op, args...)
}

// logFailure writes a failure the user is shown (a dialog) to the log:
// what failed and its error, described as describeError does.
func (w *MainWindow) logFailure(what string, err error) {
	w.env.Log.Warn(what, "error", describeError(err))
}

// LogPanic writes a recovered panic to log with its stack: the panic's
// value as describePanic says it, and the stack of the goroutine that
// panicked (function names, files and lines: no data). Call it from the
// deferred function that recovered.
func LogPanic(log *slog.Logger, v any) {
	log.Error("panic", "value", describePanic(v), "stack", string(debug.Stack()))
}

// describePanic says what a panic's value is without its text when that
// text could hold the user's data: a runtime error (an index out of range,
// a nil map) is the runtime's words; an error is described as
// describeError does; anything else is only named by its type.
func describePanic(v any) string {
	switch x := v.(type) {
	case runtime.Error:
		return x.Error()
	case error:
		return describeError(x)
	}
	return fmt.Sprintf("a value of type %T", v)
}

// describeError describes err for the log, from the outside in, keeping
// only what cannot be the user's data: an import error's kind, file,
// sheet, row and column letter (not its message, which may quote a cell);
// a save error's kind and path; an operating system error's operation,
// path and cause; the standard library's fixed errors. Any other error is
// named by its type alone, since its text may name partners.
func describeError(err error) string {
	var parts []string
	for err != nil && len(parts) < 8 {
		part, next := describeOne(err)
		parts = append(parts, part)
		err = next
	}
	return strings.Join(parts, " ← ")
}

// describeOne describes the outer layer of err, and returns the error it
// wraps, if it is worth going on with.
func describeOne(err error) (string, error) {
	switch e := err.(type) {
	case *importers.Error:
		var b strings.Builder
		fmt.Fprintf(&b, "import error: %s", e.Kind)
		if e.File != "" {
			fmt.Fprintf(&b, ", file %s", e.File)
		}
		if e.Sheet != "" {
			fmt.Fprintf(&b, ", sheet %s", e.Sheet)
		}
		if e.Row > 0 {
			fmt.Fprintf(&b, ", row %d", e.Row)
		}
		if letter, _, _ := strings.Cut(e.Column, " "); letter != "" {
			fmt.Fprintf(&b, ", column %s", letter) // the letter only: a header may be a partner's name
		}
		return b.String(), e.Err
	case *exporters.SaveError:
		return fmt.Sprintf("save error: %s, file %s", e.Kind, e.Path), e.Err
	case *fs.PathError:
		return fmt.Sprintf("%s %s", e.Op, e.Path), e.Err
	case *os.LinkError:
		return fmt.Sprintf("%s %s %s", e.Op, e.Old, e.New), e.Err
	case *os.SyscallError:
		return e.Syscall, e.Err
	case syscall.Errno:
		return e.Error(), nil
	case *strconv.NumError:
		return e.Func + ": " + e.Err.Error(), nil // not e.Num: the value read
	case *xml.SyntaxError:
		return fmt.Sprintf("XML syntax error on line %d", e.Line), nil
	}
	for _, known := range []error{zip.ErrFormat, zip.ErrAlgorithm, zip.ErrChecksum, io.EOF, io.ErrUnexpectedEOF,
		planbook.ErrVersion, context.Canceled, context.DeadlineExceeded, fs.ErrNotExist, fs.ErrPermission, fs.ErrExist} {
		if err == known {
			return err.Error(), nil
		}
	}
	if u := errors.Unwrap(err); u != nil {
		return fmt.Sprintf("%T", err), u
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var each []string
		for _, e := range j.Unwrap() {
			each = append(each, describeError(e))
		}
		return fmt.Sprintf("%T [%s]", err, strings.Join(each, "; ")), nil
	}
	return fmt.Sprintf("%T", err), nil
}

// problemKinds counts problems by kind, for the log: "3 bad value, 1
// conflict". A problem's message may quote cells; its kind cannot.
func problemKinds(problems []importers.Problem) string {
	count := map[importers.Kind]int{}
	var order []importers.Kind
	for _, p := range problems {
		if count[p.Kind] == 0 {
			order = append(order, p.Kind)
		}
		count[p.Kind]++
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%d %s", count[k], k))
	}
	return strings.Join(parts, ", ")
}
