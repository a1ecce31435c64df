package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"partneratlas/importers"
)

// importExtensions are the files the Import dialog offers.
var importExtensions = []string{".xlsx", ".csv", ".txt", ".tsv"}

// maxProblemsShown caps the problems dialog; "Copy all" copies every one.
const maxProblemsShown = 500

// showImportDialog asks for a file and imports it.
func (w *MainWindow) showImportDialog() {
	if w.busy {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.showProblem("Could not open the file", err.Error(), "")
			return
		}
		if r == nil {
			return // the user closed the dialog
		}
		uri := r.URI()
		r.Close()
		w.ImportURIs(uri)
	}, w.Window)
	d.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	d.SetConfirmText("Import")
	d.SetTitleText("Import a partner list or a plan workbook")
	if dir := w.lastFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show()
	d.Resize(fyne.NewSize(960, 640)) // a file dialog can only be resized once shown
}

// Import reads the files at paths, as the Import dialog does with the file
// the user picks. See ImportURIs.
func (w *MainWindow) Import(paths ...string) <-chan struct{} {
	uris := make([]fyne.URI, len(paths))
	for i, p := range paths {
		uris[i] = storage.NewFileURI(p)
	}
	return w.ImportURIs(uris...)
}

// ImportURIs reads partner lists or plan workbooks off the UI goroutine and
// merges them into the current document; when the document is the untouched
// sample (or empty), the import replaces it. Problems found are listed in a
// dialog; an import that fails is explained in one and changes nothing. It
// returns at once; the channel closes when the result has been shown, or
// dropped after Cancel.
func (w *MainWindow) ImportURIs(uris ...fyne.URI) <-chan struct{} {
	if len(uris) == 0 {
		done := make(chan struct{})
		close(done)
		return done
	}
	doc := w.doc
	base := doc.Ecosystem.Clone() // the goroutine reads a copy
	// The untouched sample, or an empty new document, gives way to the files.
	replace := !doc.Unsaved && (doc.Sample || len(doc.Ecosystem.Partners) == 0)
	names := make([]string, len(uris))
	for i, u := range uris {
		names[i] = u.Name()
	}
	name := joinNames(names)
	today := w.now()
	w.folder = parentFolder(uris[0])
	return w.startJob("Importing", "Reading "+name+"…", func() func() {
		var results []*importers.Result
		if !replace {
			results = append(results, &importers.Result{File: doc.Name, Partners: base.Partners, Plan: base})
		}
		var found [][]importers.Problem
		rows := 0
		for i, uri := range uris {
			res, err := readURI(uri, importers.Options{Scorecard: base.Scorecard})
			if err != nil {
				return func() { w.showImportError(names[i], err) }
			}
			results = append(results, res)
			found = append(found, res.Problems)
			rows += len(res.Partners)
		}
		eco, combined := importers.Combine(results, today)
		problems := uniqueProblems(append(found, combined)...)
		ev := evaluate(eco)
		last := results[len(results)-1]
		return func() {
			next := &Document{Ecosystem: eco, Path: doc.Path, Name: doc.Name, Unsaved: true}
			switch {
			case replace && len(uris) == 1 && last.Plan != nil && uris[0].Scheme() == "file":
				// A plan workbook opened in place of the sample is the document.
				next.Path, next.Name, next.Unsaved = uris[0].Path(), name, false
			case replace:
				next.Path, next.Name = "", names[0]
			}
			w.setDocument(next, ev)
			var summary string
			switch {
			case replace && doc.Sample:
				summary = fmt.Sprintf("Replaced the sample with %s: %s.", name, partnerCount(len(eco.Partners)))
			case replace:
				summary = fmt.Sprintf("Opened %s: %s.", name, partnerCount(len(eco.Partners)))
			default:
				added := len(eco.Partners) - len(base.Partners)
				summary = fmt.Sprintf("Imported %s: %d rows, %s new, %s in all.",
					name, rows, partnerCount(added), partnerCount(len(eco.Partners)))
			}
			w.setMessage("%s", summary)
			if len(problems) > 0 {
				w.showProblems(name, summary, problems)
			}
		}
	})
}

// joinNames writes file names for a sentence: "a.csv", "a.csv and b.csv",
// "3 files".
func joinNames(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return fmt.Sprintf("%d files", len(names))
}

func partnerCount(n int) string {
	if n == 1 {
		return "1 partner"
	}
	return fmt.Sprintf("%d partners", n)
}

// readURI imports one file: through its path when it is a local file, else
// through the storage API.
func readURI(uri fyne.URI, opt importers.Options) (*importers.Result, error) {
	if uri.Scheme() == "file" {
		return importers.ReadFile(uri.Path(), opt)
	}
	r, err := storage.Reader(uri)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return importers.Read(uri.Name(), data, opt)
}

// showImportError explains, in plain words, an import that could not go on.
func (w *MainWindow) showImportError(name string, err error) {
	var ie *importers.Error
	message := err.Error()
	if !errors.As(err, &ie) {
		message = fmt.Sprintf("Partner Atlas could not read %s: %v.", name, err)
	}
	w.showProblem("Could not import "+name, message, importSuggestion(importers.KindOf(err)))
	w.setMessage("Could not import %s.", name)
}

// importSuggestion says what the user can do about a kind of import error.
func importSuggestion(k importers.Kind) string {
	switch k {
	case importers.Unsupported:
		return "Open the file in Excel or LibreOffice, save it as .xlsx or .csv, and import that file."
	case importers.Encrypted:
		return "Remove the password in Excel (File › Info › Protect Workbook), save, and import the file again."
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

// showProblems lists what an import found, one problem a line, in a
// scrollable dialog with a button that copies them all.
func (w *MainWindow) showProblems(name, summary string, problems []importers.Problem) {
	all := make([]string, len(problems))
	for i, p := range problems {
		all[i] = p.String()
	}
	shown := all
	if len(shown) > maxProblemsShown {
		shown = append(shown[:maxProblemsShown:maxProblemsShown],
			fmt.Sprintf("… and %d more (Copy all copies every one).", len(all)-maxProblemsShown))
	}
	head := widget.NewLabel(summary + " Partner Atlas kept every row it could; check these:")
	head.Wrapping = fyne.TextWrapWord
	list := widget.NewLabel("• " + strings.Join(shown, "\n• "))
	list.Wrapping = fyne.TextWrapWord
	title := fmt.Sprintf("Imported %s with %d warnings", name, len(problems))
	if len(problems) == 1 {
		title = fmt.Sprintf("Imported %s with 1 warning", name)
	}
	d := dialog.NewCustomWithoutButtons(title, container.NewBorder(head, nil, nil, nil, container.NewVScroll(list)), w.Window)
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton("Copy all", func() {
			w.app.Clipboard().SetContent(strings.Join(all, "\n"))
		}),
		widget.NewButton("OK", d.Hide),
	})
	d.Resize(fyne.NewSize(860, 500))
	d.Show()
	w.problems = d
}

// lastFolder is the folder of the last file imported or exported, so the
// next file dialog opens there.
func (w *MainWindow) lastFolder() fyne.ListableURI {
	if w.folder == nil {
		return nil
	}
	l, err := storage.ListerForURI(w.folder)
	if err != nil {
		return nil
	}
	return l
}

func parentFolder(uri fyne.URI) fyne.URI {
	p, err := storage.Parent(uri)
	if err != nil {
		return nil
	}
	return p
}
