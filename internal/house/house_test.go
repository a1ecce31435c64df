// Package house holds the tests of the house rules of DESIGN.md that no
// compiler checks: the layers import only downwards, and no production file
// grows past what a newcomer reads in one go.
package house

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// root is the module's folder, two levels up from this package.
const root = "../.."

// maxLines is the most lines a production file may have (issue 13: split a
// longer one along a real seam).
const maxLines = 600

// goFiles calls f for every .go file of the module but vendored, cached and
// hidden folders, with its path relative to root.
func goFiles(t *testing.T, f func(rel, path string)) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			rel, _ := filepath.Rel(root, path)
			f(filepath.ToSlash(rel), path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNoProductionFileIsTooLong(t *testing.T) {
	n := 0
	goFiles(t, func(rel, path string) {
		if strings.HasSuffix(rel, "_test.go") {
			return
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n++
		if lines := strings.Count(string(data), "\n"); lines > maxLines {
			t.Errorf("%s has %d lines, more than %d: split it where its jobs part", rel, lines, maxLines)
		}
	})
	if n < 50 {
		t.Fatalf("only %d production files found from %s: the walk is looking in the wrong place", n, root)
	}
}

// TestLayersImportDownwards checks the layers of DESIGN.md on every
// production file's imports: core is pure (nothing of the module, no Fyne,
// no spreadsheet library); importers and exporters know nothing of Fyne or
// the app's screens; importers does not reach into exporters; only cmd
// starts a Fyne app.
func TestLayersImportDownwards(t *testing.T) {
	const mod = "partneratlas/"
	checked := 0
	goFiles(t, func(rel, path string) {
		if strings.HasSuffix(rel, "_test.go") {
			return
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			var broken bool
			switch {
			case strings.HasPrefix(rel, "core/"):
				broken = strings.HasPrefix(imp, mod) || strings.HasPrefix(imp, "fyne.io/") ||
					strings.Contains(imp, "xuri/") || strings.Contains(imp, "gocarina/")
			case strings.HasPrefix(rel, "importers/"):
				broken = strings.HasPrefix(imp, "fyne.io/") || strings.HasPrefix(imp, mod+"ui") || strings.HasPrefix(imp, mod+"exporters")
			case strings.HasPrefix(rel, "exporters/"):
				broken = strings.HasPrefix(imp, "fyne.io/") || strings.HasPrefix(imp, mod+"ui")
			}
			if imp == "fyne.io/fyne/v2/app" && !strings.HasPrefix(rel, "cmd/") {
				broken = true
			}
			if broken {
				t.Errorf("%s imports %s, against the layers of DESIGN.md", rel, imp)
			}
		}
	})
	if checked < 50 {
		t.Fatalf("only %d files checked", checked)
	}
}
