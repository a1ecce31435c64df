package ui

import (
	"partneratlas/internal/fixtures"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestAboutSaysWhatToSendAndOpensTheLogFolder(t *testing.T) {
	l := newUILoop(t)
	dir := t.TempDir()
	e := testEnv()
	e.Options = Options{Version: "1.4.0", Build: "17", LogFile: filepath.Join(dir, "logs", "partneratlas.log"),
		RecoveryFolder: filepath.Join(dir, "recovery")}
	w := newMainWindow(l, nil, e)
	defer w.Window.Close()

	// Help › About is on the menu.
	var about *fyne.MenuItem
	for _, m := range w.Window.MainMenu().Items {
		if m.Label == "Help" {
			for _, i := range m.Items {
				if i.Label == "About Partner Atlas" {
					about = i
				}
			}
		}
	}
	if about == nil {
		t.Fatal("no Help › About Partner Atlas")
	}
	about.Action()
	if w.about == nil || topDialog(w) == nil {
		t.Fatal("About shows no dialog")
	}
	text := dialogText(w)
	// A test binary records no dependency, so no Fyne version: the
	// version a binary records is fyneVersionIn's test.
	for _, want := range []string{"1.4.0", "17", runtime.Version(), "unknown", e.LogFile, e.RecoveryFolder} {
		if !strings.Contains(text, want) {
			t.Errorf("About does not say %q:\n%s", want, text)
		}
	}

	test.Tap(w.about.openFolder)
	if len(l.opened) != 1 || l.opened[0].String() != "file://"+filepath.ToSlash(filepath.Join(dir, "logs")) {
		t.Errorf("Open log folder opened %v, want the folder %s", l.opened, filepath.Join(dir, "logs"))
	}
	test.Tap(w.about.copy)
	if got := l.Clipboard().Content(); !strings.Contains(got, "Version: 1.4.0") || !strings.Contains(got, "Log file: "+e.LogFile) {
		t.Errorf("Copy details copied %q", got)
	}
}

func TestFyneVersionIn(t *testing.T) {
	fyne := fixtures.GoModVersion(t, "fyne.io/fyne/v2")
	tests := []struct {
		name string
		deps []*debug.Module
		want string
	}{
		{"required", []*debug.Module{{Path: "github.com/xuri/excelize/v2", Version: "v2.11.1"}, {Path: "fyne.io/fyne/v2", Version: fyne}}, fyne},
		{"replaced", []*debug.Module{{Path: "fyne.io/fyne/v2", Version: fyne, Replace: &debug.Module{Path: "../fyne", Version: "v2.8.2-local"}}}, "v2.8.2-local"},
		{"replaced by a folder", []*debug.Module{{Path: "fyne.io/fyne/v2", Version: fyne, Replace: &debug.Module{Path: "../fyne"}}}, fyne},
		{"absent", nil, "unknown"},
	}
	for _, tt := range tests {
		if got := fyneVersionIn(&debug.BuildInfo{Deps: tt.deps}); got != tt.want {
			t.Errorf("%s: fyneVersionIn = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFolderURL(t *testing.T) {
	tests := []struct{ dir, want string }{
		{"/home/ana/.config/fyne/io.partneratlas.app", "file:///home/ana/.config/fyne/io.partneratlas.app"},
		{"C:/Users/Ana Ruiz/AppData/Roaming/fyne", "file:///C:/Users/Ana%20Ruiz/AppData/Roaming/fyne"},
	}
	for _, tt := range tests {
		if got := folderURL(tt.dir).String(); got != tt.want {
			t.Errorf("folderURL(%q) = %q, want %q", tt.dir, got, tt.want)
		}
	}
}
