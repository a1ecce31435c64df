package ui

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FyneVersion is the version of the Fyne toolkit built into the binary, as
// the Go toolchain recorded it; "unknown" when it did not.
func FyneVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return fyneVersionIn(info)
}

// fyneVersionIn is the version of Fyne that info records: the version
// it was replaced with, if it was; "unknown" when it records none (a test
// binary records no dependency).
func fyneVersionIn(info *debug.BuildInfo) string {
	for _, m := range info.Deps {
		if m.Path == "fyne.io/fyne/v2" {
			if m.Replace != nil && m.Replace.Version != "" {
				return m.Replace.Version
			}
			if m.Version != "" {
				return m.Version
			}
		}
	}
	return "unknown"
}

// aboutDialog is Help › About: what a user reads out, or copies, when they
// ask for help. Tests look at its facts and tap its buttons.
type aboutDialog struct {
	dialog     *dialog.CustomDialog
	facts      [][2]string
	openFolder *widget.Button
	copy       *widget.Button
}

// aboutFacts are the lines of Help › About: the version and build, the Go
// and Fyne versions, the log file and where recovery files live.
func (w *MainWindow) aboutFacts() [][2]string {
	orNone := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	orDev := func(s, dev string) string {
		if s == "" {
			return dev
		}
		return s
	}
	return [][2]string{
		{"Version", orDev(w.env.Version, "dev")},
		{"Build", orDev(w.env.Build, "0")},
		{"Go", runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH},
		{"Fyne", FyneVersion()},
		{"Log file", orNone(w.env.LogFile)},
		{"Recovery files", orNone(w.env.RecoveryFolder)},
	}
}

// showAbout shows Help › About, with a button that opens the folder of the
// log in the file manager, so the user can send it.
func (w *MainWindow) showAbout() {
	a := &aboutDialog{facts: w.aboutFacts()}
	w.about = a
	form := widget.NewForm()
	var text []string
	for _, f := range a.facts {
		value := widget.NewLabel(f[1])
		value.Selectable = true
		value.Wrapping = fyne.TextWrapBreak
		form.Append(f[0], value)
		text = append(text, f[0]+": "+f[1])
	}
	head := widget.NewLabel(Title + " defines, scores and tiers your partner ecosystem, on your own files, offline. " +
		"When something goes wrong, the log file says what the app did, without your partners' names or figures: send it with your question.")
	head.Wrapping = fyne.TextWrapWord
	a.openFolder = widget.NewButtonWithIcon("Open log folder", theme.FolderOpenIcon(), func() { w.openLogFolder() })
	if w.env.LogFile == "" {
		a.openFolder.Disable()
	}
	a.copy = widget.NewButtonWithIcon("Copy details", theme.ContentCopyIcon(), func() {
		w.app.Clipboard().SetContent(strings.Join(text, "\n"))
		w.say("Copied the version and the log's place.")
	})
	ok := widget.NewButton("OK", func() { a.dialog.Hide() })
	ok.Importance = widget.HighImportance
	a.dialog = dialog.NewCustomWithoutButtons("About "+Title, container.NewVBox(head, form), w.Window)
	a.dialog.SetButtons([]fyne.CanvasObject{a.copy, a.openFolder, ok})
	a.dialog.Resize(fyne.NewSize(720, 420))
	a.dialog.Show()
}

// openLogFolder opens the folder of the log in the file manager.
func (w *MainWindow) openLogFolder() {
	u := folderURL(filepath.Dir(w.env.LogFile))
	if err := w.app.OpenURL(u); err != nil {
		w.logFailure("open log folder", err)
		w.showProblem("Could not open the folder", fmt.Sprintf("Partner Atlas could not open %s in the file manager.", filepath.Dir(w.env.LogFile)),
			"Open it from your file manager: the path is in Help › About.")
	}
}

// folderURL is the file:// URL of a folder, on any system: Windows' drive
// letters get the slash in front that a URL needs.
func folderURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}
