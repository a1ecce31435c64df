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

// showImportDialog asks for a file and previews its import.
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
		w.PreviewImport(uri)
	}, w.Window)
	d.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	d.SetConfirmText("Import")
	d.SetTitleText("Import a partner list (.xlsx, .csv, .tsv, .txt)")
	if dir := w.lastFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show()
	d.Resize(fyne.NewSize(960, 640)) // a file dialog can only be resized once shown
}

// Import previews the import of the files at paths, one after the other,
// as the Import dialog does with the file the user picks. See PreviewImport.
func (w *MainWindow) Import(paths ...string) <-chan struct{} {
	uris := make([]fyne.URI, len(paths))
	for i, p := range paths {
		uris[i] = storage.NewFileURI(p)
	}
	return w.PreviewImport(uris...)
}

// PreviewImport reads each file off the UI goroutine and shows, before
// anything is merged, what the import will do: the sheet, the header row,
// each column's mapping (changeable), the first rows as they will be read,
// and every problem. Import in the preview merges the file into the plan.
// Files dropped while a preview is open wait their turn. The channel closes
// when the first file's preview (or its error) is shown.
func (w *MainWindow) PreviewImport(uris ...fyne.URI) <-chan struct{} {
	if len(uris) == 0 {
		done := make(chan struct{})
		close(done)
		return done
	}
	if w.preview != nil && w.preview.open {
		w.preview.queue = append(w.preview.queue, uris...)
		done := make(chan struct{})
		close(done)
		return done
	}
	p := &importPreview{w: w, queue: uris}
	w.preview = p
	return p.next()
}

// readURI imports one file: through its path when it is a local file, else
// through the storage API.
func readURI(uri fyne.URI, opt importers.Options) (*importers.Result, error) {
	if uri.Scheme() == "file" {
		return importers.ReadFile(uri.Path(), opt)
	}
	r, err := storage.Reader(uri)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", uri.Name(), err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", uri.Name(), err)
	}
	return importers.Read(uri.Name(), data, opt)
}

// canPreview says whether an import error still describes the sheet, so
// the user can fix the mapping or the header row in the preview.
func canPreview(res *importers.Result, err error) bool {
	k := importers.KindOf(err)
	return res != nil && (err == nil || k == importers.MissingColumn || k == importers.NoHeader)
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
	title := fmt.Sprintf("%s: %d warnings", name, len(problems))
	if len(problems) == 1 {
		title = name + ": 1 warning"
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

// lastFolder is the folder of the last file imported, opened or saved, so
// the next file dialog opens there.
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
