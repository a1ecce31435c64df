package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestOpenAcceptsATypedPath types paths into the location field of the
// file dialogs: a file of the right kind is taken, anything else is
// explained and nothing is opened.
func TestOpenAcceptsATypedPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "six", "folders", "deep", "in", "the", "drive")
	os.MkdirAll(dir, 0o755)
	list := filepath.Join(dir, "partner list.csv")
	os.WriteFile(list, []byte("Partner Name,Website\nAcme,acme.example\n"), 0o644)
	notes := filepath.Join(dir, "notes.pdf")
	os.WriteFile(notes, []byte("%PDF"), 0o644)

	proposed := filepath.Join(t.TempDir(), "downloads") + string(filepath.Separator)
	tests := []struct {
		name     string
		proposed string // the folder the field starts with
		typed    string // after it
		want     string // the file chosen; "" for none
		problem  string // in what the dialog says
	}{
		{"a file", "", list, list, ""},
		{"pasted after the folder proposed", proposed, list, list, ""},
		{"pasted after the folder proposed, missing", proposed, filepath.Join(dir, "missing.csv"), "", "no file at"},
		{"pasted with quotes", "", `"` + list + `"`, list, ""},
		{"no such file", "", filepath.Join(dir, "missing.csv"), "", "no file at"},
		{"another kind of file", "", notes, "", "not one of the files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newTestWindow(t)
			if tt.proposed != "" {
				os.MkdirAll(tt.proposed, 0o755)
				w.useFolder(storage.NewFileURI(filepath.Join(tt.proposed, "last.csv")))
			}
			var got fyne.URI
			w.showOpenDialog("Import a partner list", "Import", importExtensions, func(u fyne.URI) { got = u })
			entry, ok := w.Window.Canvas().Focused().(*widget.Entry)
			if !ok {
				t.Fatal("the location field does not have the focus")
			}
			if tt.proposed == "" {
				entry.SetText("")
			} else if entry.Text != tt.proposed {
				t.Fatalf("the location field holds %q, want the last folder %s", entry.Text, tt.proposed)
			}
			test.Type(entry, tt.typed)
			entry.OnSubmitted(entry.Text)
			if tt.want != "" {
				if got == nil || got.Path() != tt.want {
					t.Fatalf("chosen %v, want %s", got, tt.want)
				}
				return
			}
			if got != nil {
				t.Fatalf("chosen %v, want nothing", got)
			}
			if !strings.Contains(strings.ToLower(dialogText(w)), tt.problem) {
				t.Errorf("the dialog says %q, want %q", dialogText(w), tt.problem)
			}
		})
	}
}

// TestImportStartsInTheLastFolder imports a file, then opens a new window
// of the app, as at the next start: Import proposes the folder of that
// file.
func TestImportStartsInTheLastFolder(t *testing.T) {
	w := newTestWindow(t)
	list := previewList(t, w, "agencies.csv", "Partner Name,Website\nAcme,acme.example\n")
	dir := filepath.Dir(list)
	test.Tap(w.preview.cancel)

	doc, _ := SampleDocument(today)
	again := newMainWindow(fyne.CurrentApp(), doc, testEnv())
	defer again.Window.Close()
	if got := again.lastFolder(); got == nil || filepath.Clean(got.Path()) != dir {
		t.Fatalf("the next start's last folder = %v, want %s", got, dir)
	}
	again.showImportDialog()
	entry, ok := again.Window.Canvas().Focused().(*widget.Entry)
	if !ok || entry.Text != dir+string(filepath.Separator) {
		t.Fatalf("the location field holds %q, want the folder %s", entry.Text, dir)
	}
	test.Type(entry, "agencies.csv")
	entry.OnSubmitted(entry.Text)
	eventually(t, "the preview of agencies.csv", func() bool {
		return again.preview != nil && again.preview.uri != nil && again.preview.uri.String() == storage.NewFileURI(list).String()
	})
}

// TestSaveAcceptsATypedPath types into the file name field of the save
// dialog: a name is saved in the folder the dialog shows, a whole path
// where it says, as a native save dialog does (it was put below the
// folder shown), with the extension added when left off; a file that
// exists there is replaced only when the user says so (the dialog asked
// only about the file it was given).
func TestSaveAcceptsATypedPath(t *testing.T) {
	shown := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "plans")
	os.MkdirAll(elsewhere, 0o755)
	os.WriteFile(filepath.Join(elsewhere, "kept.xlsx"), []byte("PK"), 0o644)
	os.WriteFile(filepath.Join(shown, "kept.xlsx"), []byte("PK"), 0o644)
	tests := []struct {
		name, typed, want string
		replaces          bool // want exists: the user is asked first
	}{
		{"a name", "plan.xlsx", filepath.Join(shown, "plan.xlsx"), false},
		{"a name without its extension", "plan", filepath.Join(shown, "plan.xlsx"), false},
		{"a whole path", filepath.Join(elsewhere, "q4.xlsx"), filepath.Join(elsewhere, "q4.xlsx"), false},
		{"a whole path without its extension", filepath.Join(elsewhere, "q4"), filepath.Join(elsewhere, "q4.xlsx"), false},
		{"a whole path in quotes", `"` + filepath.Join(elsewhere, "q4.xlsx") + `"`, filepath.Join(elsewhere, "q4.xlsx"), false},
		{"a whole path to a file there", filepath.Join(elsewhere, "kept.xlsx"), filepath.Join(elsewhere, "kept.xlsx"), true},
		{"a name without its extension, of a file there", "kept", filepath.Join(shown, "kept.xlsx"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newTestWindow(t)
			w.useFolder(storage.NewFileURI(filepath.Join(shown, "last.csv")))
			got := ""
			w.askWhereToSave(w.Window, "Save the plan", "Save", "partner-plan.xlsx", ".xlsx", func(p string) { got = p })
			entry, ok := w.Window.Canvas().Focused().(*widget.Entry)
			if !ok {
				t.Fatal("the file name field does not have the focus")
			}
			entry.SetText(tt.typed)
			test.Tap(findButton(t, topDialog(w), "Save"))
			if tt.replaces {
				if got != "" || !strings.Contains(dialogText(w), "already exists") {
					t.Fatalf("chosen %q and the dialog says %q; want to be asked first", got, dialogText(w))
				}
				test.Tap(findButton(t, topDialog(w), "Replace"))
			}
			if got != tt.want {
				t.Errorf("chosen %q, want %s", got, tt.want)
			}
		})
	}
}
