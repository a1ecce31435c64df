package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DefaultWorkbookName is the name Save As proposes for a new plan.
const DefaultWorkbookName = "partner-plan.xlsx"

// importExtensions are the files the Import dialog offers.
var importExtensions = []string{".xlsx", ".csv", ".txt", ".tsv"}

// locationDialog asks for a file by its path, typed or pasted into a
// location field, or found with Browse…, which opens the file dialog in the
// folder typed or in the folder of the last file used. Fyne's own file
// dialog has no place to type a path: a user whose file sits six folders
// deep would click through all six.
type locationDialog struct {
	w   *MainWindow
	win fyne.Window // the window it opens over
	// proposed is the folder the location field starts with, "" for none.
	proposed string
	title    string
	exts     []string
	chosen   func(fyne.URI)
	entry    *widget.Entry
	problem  *widget.Label
	confirm  *widget.Button
	dialog   *dialog.CustomDialog
}

// showOpenDialog asks over the main window for a file with one of exts, by
// its path or with the file dialog, starting in the folder of the last file
// used, and calls chosen with it.
func (w *MainWindow) showOpenDialog(title, confirm string, exts []string, chosen func(fyne.URI)) {
	w.askToOpenOver(w.Window, title, confirm, exts, chosen)
}

// askToOpen is showOpenDialog over win, for the views in windows of their
// own; the folder of the file chosen is the next dialog's.
func (w *MainWindow) askToOpen(win fyne.Window, title, confirm string, exts []string, chosen func(path string)) {
	w.askToOpenOver(win, title, confirm, exts, func(uri fyne.URI) {
		w.useFolder(uri)
		chosen(uri.Path())
	})
}

func (w *MainWindow) askToOpenOver(win fyne.Window, title, confirm string, exts []string, chosen func(fyne.URI)) {
	l := &locationDialog{w: w, win: win, title: title, exts: exts, chosen: chosen}
	l.entry = widget.NewEntry()
	l.entry.SetPlaceHolder("Type or paste the path of the file, or a folder to browse")
	if dir := w.lastFolder(); dir != nil && dir.Scheme() == "file" {
		l.proposed = filepath.Clean(dir.Path()) + string(filepath.Separator)
		l.entry.SetText(l.proposed)
	}
	l.entry.OnSubmitted = func(string) { l.open() }
	l.entry.OnChanged = func(string) { l.problem.Hide() }
	browse := widget.NewButtonWithIcon("Browse…", theme.FolderOpenIcon(), l.browse)
	l.problem = widget.NewLabel("")
	l.problem.Importance = widget.DangerImportance
	l.problem.Wrapping = fyne.TextWrapWord
	l.problem.Hide()
	hint := note("Files: " + strings.Join(exts, ", ") + ". You can also drop a file on the window.")
	content := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Location"), browse, l.entry),
		l.problem, hint)
	l.confirm = widget.NewButton(confirm, l.open)
	l.confirm.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { l.dialog.Hide() })
	l.dialog = dialog.NewCustomWithoutButtons(title, content, win)
	l.dialog.SetButtons([]fyne.CanvasObject{cancel, l.confirm})
	l.dialog.Show()
	l.dialog.Resize(fyne.NewSize(min(760, win.Canvas().Size().Width-40), content.MinSize().Height+120))
	win.Canvas().Focus(l.entry)
	l.entry.CursorColumn = len([]rune(l.entry.Text))
	l.entry.Refresh()
}

// open takes the path typed: a file is chosen, a folder is browsed.
func (l *locationDialog) open() {
	path := l.typedPath()
	if path == "" {
		l.browse()
		return
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		l.say(fmt.Sprintf("There is no file at %s. Check the path, or use Browse….", path))
	case info.IsDir():
		l.browse()
	case !slices.ContainsFunc(l.exts, func(ext string) bool { return strings.EqualFold(filepath.Ext(path), ext) }):
		l.say(fmt.Sprintf("%s is not one of the files this reads (%s).", filepath.Base(path), strings.Join(l.exts, ", ")))
	default:
		l.dialog.Hide()
		l.chosen(storage.NewFileURI(path))
	}
}

func (l *locationDialog) say(problem string) {
	l.problem.SetText(problem)
	l.problem.Show()
}

// browse opens the file dialog in the folder typed, else in the folder of
// the last file used.
func (l *locationDialog) browse() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if uri := l.w.fileChosen(r, err, "Could not open the file", ""); uri != nil {
			l.dialog.Hide()
			l.chosen(uri)
		}
	}, l.win)
	d.SetFilter(storage.NewExtensionFileFilter(l.exts))
	d.SetConfirmText(l.confirm.Text)
	d.SetTitleText(l.title)
	if dir := typedFolder(l.entry.Text); dir != nil {
		d.SetLocation(dir)
	} else if dir := l.w.lastFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show()
	d.Resize(fyne.NewSize(960, 640)) // a file dialog can only be resized once shown
}

// typedPath is the path in the location field. A whole path pasted after
// the folder proposed, as a person who did not clear the field pastes it,
// is taken alone when the two together name nothing
// ("/home/ana/Downloads//home/ana/crm/accounts.csv").
func (l *locationDialog) typedPath() string {
	clean := func(s string) string { return expandHome(strings.Trim(strings.TrimSpace(s), `"'`)) }
	typed := strings.TrimSpace(l.entry.Text)
	path := clean(typed)
	rest, ok := strings.CutPrefix(typed, l.proposed)
	if !ok || l.proposed == "" {
		return path
	}
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if pasted := clean(rest); filepath.IsAbs(pasted) {
		if _, err := os.Stat(pasted); err == nil {
			return pasted
		}
	}
	return path
}

// typedFolder is the folder a typed path names, or holds when it names a
// file; nil when there is none.
func typedFolder(typed string) fyne.ListableURI {
	path := expandHome(strings.Trim(strings.TrimSpace(typed), `"'`))
	if path == "" {
		return nil
	}
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		path = filepath.Dir(path)
	}
	if info, err := os.Stat(path); err != nil || !info.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(path))
	if err != nil {
		return nil
	}
	return l
}

// expandHome reads a leading ~ as the home folder, as a shell does.
func expandHome(path string) string {
	if path != "~" && !strings.HasPrefix(path, "~/") && !strings.HasPrefix(path, `~\`) {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, path[1:])
}

// fileChosen is the file a file dialog handed over, closed: nil when the
// user closed the dialog, or when it failed (then the problem is shown,
// titled title, with suggestion).
func (w *MainWindow) fileChosen(f interface {
	URI() fyne.URI
	Close() error
}, err error, title, suggestion string) fyne.URI {
	if err != nil {
		w.logFailure("file dialog", err)
		w.showProblem(title, err.Error(), suggestion)
		return nil
	}
	if f == nil {
		return nil // the user closed the dialog
	}
	uri := f.URI()
	f.Close()
	return uri
}

// showImportDialog asks for a file and previews its import.
func (w *MainWindow) showImportDialog() {
	if w.busy {
		return
	}
	w.showOpenDialog("Import a partner list (.xlsx, .csv, .tsv, .txt)", "Import", importExtensions,
		func(uri fyne.URI) { w.PreviewImport(uri) })
}

// dealExtensions are the files Import deals… offers: the CRM exports.
var dealExtensions = []string{".xlsx", ".csv"}

// showImportDealsDialog asks for a deal export and previews its import.
func (w *MainWindow) showImportDealsDialog() {
	if w.busy {
		return
	}
	w.showOpenDialog("Import deals: an opportunity or deal export (.xlsx, .csv)", "Import", dealExtensions,
		func(uri fyne.URI) { w.PreviewDeals(uri) })
}

// showSaveDialog asks where to write a file with extension ext and calls
// chosen with the path, the extension added when the user left it off.
func (w *MainWindow) showSaveDialog(title, confirm, name, ext string, chosen func(path string)) {
	if w.busy {
		return
	}
	w.askWhereToSave(w.Window, title, confirm, name, ext, chosen)
}

// askWhereToSave is showSaveDialog over win, for the views in windows of their
// own, proposing name in the folder of the last file used.
func (w *MainWindow) askWhereToSave(win fyne.Window, title, confirm, name, ext string, chosen func(path string)) {
	var nameField *widget.Entry
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		uri := w.fileChosen(wc, err, "Could not save the file", "Choose another folder or file name.")
		if uri == nil {
			return
		}
		if uri.Scheme() != "file" {
			w.env.Log.Warn("save refused: not a local file", "scheme", uri.Scheme(), "file", uri.Name())
			w.showProblem("Could not save "+uri.Name(), "Partner Atlas can only save to a folder on this computer.", "")
			return
		}
		// Nothing was written through wc: the file, if it exists, is
		// untouched (see untouchedUntilWritten); the save replaces it
		// atomically or not at all.
		path := uri.Path()
		if typed := typedPath(nameField); typed != "" {
			path = typed
		}
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		// The dialog asked before replacing the file it was given, not one
		// typed as a whole path or named without its extension.
		if _, err := os.Stat(path); err == nil && path != uri.Path() {
			confirmReplace(win, path, func() { chosen(path) })
			return
		}
		chosen(path)
	}, win)
	d.SetFileName(name)
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if dir := w.lastFolder(); dir != nil {
		d.SetLocation(dir)
	}
	d.Show()
	d.Resize(fyne.NewSize(960, 640)) // a file dialog can only be resized once shown
	// Select the proposed name, as native save dialogs do, so that typing
	// replaces it instead of writing in front of it.
	if e, ok := win.Canvas().Focused().(*widget.Entry); ok {
		nameField = e
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// typedPath is the whole path typed or pasted into the file name field of
// a save dialog, as native save dialogs take one ("C:\Plans\plan.xlsx",
// "/home/me/plan.xlsx", quotes and all); "" for a plain name, which the
// dialog puts in the folder it shows. Fyne's dialog would put even a whole
// path in that folder.
func typedPath(field *widget.Entry) string {
	if field == nil {
		return ""
	}
	typed := strings.Trim(strings.TrimSpace(field.Text), `"`)
	if !filepath.IsAbs(typed) {
		return ""
	}
	return filepath.Clean(typed)
}

// lastFolderKey is the preference that keeps the folder of the last file
// used from one start of the app to the next.
const lastFolderKey = "folder.last"

// useFolder remembers the folder of a file imported, opened or saved, for
// the next file dialog, in this run and the next.
func (w *MainWindow) useFolder(file fyne.URI) {
	w.folder = parentFolder(file)
	if w.folder != nil {
		w.app.Preferences().SetString(lastFolderKey, w.folder.String())
	}
}

// lastFolder is the folder of the last file imported, opened or saved, so
// the next file dialog opens there; at the start of the app, the one of
// the last run.
func (w *MainWindow) lastFolder() fyne.ListableURI {
	if w.folder == nil {
		if s := w.app.Preferences().String(lastFolderKey); s != "" {
			if u, err := storage.ParseURI(s); err == nil {
				w.folder = u
			}
		}
	}
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
