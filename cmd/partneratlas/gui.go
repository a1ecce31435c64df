//go:build !ci

package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2/app"

	"partneratlas/ui"
)

// AppID is the app's unique ID, as FyneApp.toml gives it.
const AppID = "io.partneratlas.app"

// runGUI opens the window and returns when it closes. With files (a
// double-clicked file, or several), it opens them as a file manager would:
// a plan workbook as the document, any other spreadsheet in the import
// preview; else it reopens the plan saved last or, on first start, the
// sample ecosystem. After a crash it first offers to restore the unsaved
// work.
//
// The log and the recovery files live in the app's storage folder, the
// user's config folder for this app (on Linux
// ~/.config/fyne/io.partneratlas.app, on Windows
// %AppData%\fyne\io.partneratlas.app, on macOS
// ~/Library/Preferences/fyne/io.partneratlas.app), beside its preferences.
func runGUI(files []string) (status int) {
	started := time.Now()
	a := app.NewWithID(AppID)
	folder := a.Storage().RootURI().Path()
	log, logFile := startLog(folder)
	logPath := ""
	if logFile != nil {
		logPath = logFile.path
		logFile.reportCrashes()
		defer logFile.Close()
	}
	// A panic on the UI goroutine comes up through ShowAndRun: it is
	// logged with its stack, then goes on to run's report.
	defer func() {
		if v := recover(); v != nil {
			ui.LogPanic(log, v)
			if noDisplay(v) {
				fmt.Fprintf(os.Stderr, "partneratlas: could not open the window: no display answered (DISPLAY=%q, WAYLAND_DISPLAY=%q). Start Partner Atlas from a desktop session; 'partneratlas plan' works without one.%s\n",
					os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY"), logHint(logPath))
				status = 1
				return
			}
			panic(v)
		}
	}()
	slog.SetDefault(log) // Fyne's own errors, written with package log, go to the log too
	log.Info("start", "version", version, "build", build, "go", runtime.Version(), "fyne", ui.FyneVersion(),
		"os", runtime.GOOS+"/"+runtime.GOARCH, "files", len(files))
	a.SetIcon(ui.Icon())
	w := ui.NewMainWindow(a, nil, ui.Options{Version: version, Build: build, Log: log, LogFile: logPath,
		RecoveryFolder: filepath.Join(folder, "recovery")})
	a.Lifecycle().SetOnStarted(func() {
		log.Info("window up", "took", time.Since(started).Round(time.Millisecond))
		w.Start(files)
	})
	w.ShowAndRun()
	log.Info("stop", "ran", time.Since(started).Round(time.Second))
	return 0
}

// noDisplay says whether a panic is the display driver's when it found no
// display to open a window on (GLFW could not start: no X server or
// Wayland compositor answered). That is no bug of the app: it gets a plain
// sentence, not "internal error".
func noDisplay(v any) bool {
	return strings.Contains(fmt.Sprint(v), "GLFW library is not initialized")
}

// logHint points at the log, when there is one.
func logHint(path string) string {
	if path == "" {
		return ""
	}
	return " The log is at " + path + "."
}
