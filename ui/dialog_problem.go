package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"partneratlas/exporters"
	"partneratlas/importers"
)

// maxProblemsShown caps the problems dialog, about what a person reads
// (and what a label lays out at once: 500 long lines kept the window busy
// for 17 s on a 100,000-partner plan); more problems are shown grouped by
// kind, file and column with counts, and "Copy all" copies every one.
const maxProblemsShown = 50

// showProblem shows a plain-words dialog: what went wrong and what to do.
// The title goes to the log (a title names at most a file); the message,
// which may quote the user's data, does not.
func (w *MainWindow) showProblem(title, message, suggestion string) {
	w.env.Log.Info("dialog", "title", title)
	text := message
	if suggestion != "" {
		text += "\n\n" + suggestion
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", l, w.Window)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// showProblems lists what an import found, one problem a line, in a
// scrollable dialog with a button that copies them all.
func (w *MainWindow) showProblems(name, summary string, problems []importers.Problem) {
	all := make([]string, len(problems))
	for i, p := range problems {
		all[i] = p.String()
	}
	shown, intro := all, " Partner Atlas kept every row it could; check these:"
	if len(problems) > maxProblemsShown {
		groups := importers.GroupProblems(problems)
		shown = make([]string, 0, min(len(groups), maxProblemsShown)+1)
		for _, g := range groups[:min(len(groups), maxProblemsShown)] {
			shown = append(shown, g.String())
		}
		if len(groups) > maxProblemsShown {
			shown = append(shown, fmt.Sprintf("… and %s more groups.", formatCount(len(groups)-maxProblemsShown)))
		}
		intro = fmt.Sprintf(" Partner Atlas kept every row it could; the %s warnings, grouped (Copy all copies every one):", formatCount(len(problems)))
	}
	head := widget.NewLabel(summary + intro)
	head.Wrapping = fyne.TextWrapWord
	list := widget.NewLabel("• " + strings.Join(shown, "\n• "))
	list.Wrapping = fyne.TextWrapWord
	title := fmt.Sprintf("%s: %s warnings", name, formatCount(len(problems)))
	if len(problems) == 1 {
		title = name + ": 1 warning"
	}
	w.env.Log.Info("dialog", "title", title, "problems", problemKinds(problems))
	d := dialog.NewCustomWithoutButtons(title, container.NewBorder(head, nil, nil, nil, newWheelScroll(list)), w.Window)
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton("Copy all", func() {
			w.app.Clipboard().SetContent(strings.Join(all, "\n"))
		}),
		widget.NewButton("OK", d.Hide),
	})
	d.Resize(fyne.NewSize(860, 500))
	d.Show()
}

// showImportError explains, in plain words, an import that could not go on.
func (w *MainWindow) showImportError(name string, err error) {
	var ie *importers.Error
	message := err.Error()
	if !errors.As(err, &ie) {
		message = fmt.Sprintf("Partner Atlas could not read %s: %v.", name, err)
	}
	w.showProblem("Could not import "+name, message, importSuggestion(importers.KindOf(err)))
	w.say("Could not import %s.", name)
}

// importSuggestion says what the user can do about a kind of import error.
func importSuggestion(k importers.Kind) string {
	switch k {
	case importers.Unsupported:
		return "Open the file in Excel or LibreOffice, save it as .xlsx or .csv, and import that file."
	case importers.Encrypted:
		return "Type the workbook's password when Partner Atlas asks for it, or remove the password in Excel (File › Info › Protect Workbook), save, and import the file again."
	case importers.BadFile:
		return "Check that the file is a spreadsheet and opens in Excel or LibreOffice, then try again."
	case importers.Empty:
		return "Choose the file or sheet that lists your partners."
	case importers.NoHeader, importers.MissingColumn:
		return "Partner Atlas needs a header row with a column of partner names, such as “Partner Name”."
	case importers.TooLarge:
		return "Split the file into smaller files and import them one after the other."
	}
	return ""
}

// showSaveError explains a save or export that failed, in plain words: the
// facts the error carries (which file, what happened, that the file as it
// was is unchanged) and what to do about its kind.
func (w *MainWindow) showSaveError(name, path string, err error) {
	message := fmt.Sprintf("Partner Atlas could not write %s: %v.", path, err)
	if exporters.SaveKindOf(err) != "" {
		message = "Partner Atlas " + err.Error()
	}
	w.showProblem("Could not save "+name, message, saveSuggestion(exporters.SaveKindOf(err)))
	w.say("Could not save %s.", name)
}

// saveSuggestion says what the user can do about a failed save.
func saveSuggestion(k exporters.SaveKind) string {
	const open = "Your work is still open and unchanged. "
	switch k {
	case exporters.ReadOnly:
		return open + "Use Save As to save it in a folder you can write to, or under another name."
	case exporters.DiskFull:
		return open + "Free some space on the disk, or use Save As to save it on another drive."
	case exporters.InUse:
		return open + "Close the file in Excel or the other program that has it open, then save again."
	case exporters.NoFolder:
		return open + "The folder is gone (a drive unplugged or a folder renamed?). Use Save As to choose another."
	case exporters.NotAFile:
		return open + "That name is a folder: use Save As and choose another name."
	}
	return open + "Choose another folder with Save As, or close the file if it is open in another program, and save again."
}
