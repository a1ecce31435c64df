package core

import (
	"slices"
	"testing"
)

func sourcedEcosystem() *Ecosystem {
	src := func(files ...string) []Source {
		var out []Source
		for i, f := range files {
			out = append(out, Source{File: f, Row: i + 2})
		}
		return out
	}
	return &Ecosystem{Partners: []*Partner{
		{Name: "Only A", Sources: src("a.xlsx")},
		{Name: "A and B", Sources: src("a.xlsx", "b.csv")},
		{Name: "Only B", Sources: src("b.csv")},
		{Name: "By hand"},
		{Name: "Twice in A", Sources: src("a.xlsx", "a.xlsx")},
	}}
}

func TestSourceFiles(t *testing.T) {
	got := sourcedEcosystem().SourceFiles()
	want := []SourceFile{
		{File: "a.xlsx", Rows: 4, Partners: 3, Only: 2},
		{File: "b.csv", Rows: 2, Partners: 2, Only: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("SourceFiles() = %+v, want %+v", got, want)
	}
}

func TestRemoveSource(t *testing.T) {
	tests := []struct {
		file    string
		removed int
		left    []string
	}{
		{"a.xlsx", 2, []string{"A and B", "Only B", "By hand"}},
		{"b.csv", 1, []string{"Only A", "A and B", "By hand", "Twice in A"}},
		{"none.csv", 0, []string{"Only A", "A and B", "Only B", "By hand", "Twice in A"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			e := sourcedEcosystem()
			if got := e.RemoveSource(tt.file); got != tt.removed {
				t.Errorf("RemoveSource(%q) = %d, want %d", tt.file, got, tt.removed)
			}
			var names []string
			for _, p := range e.Partners {
				names = append(names, p.Name)
				for _, s := range p.Sources {
					if s.File == tt.file {
						t.Errorf("%s still has source %s", p.Name, s)
					}
				}
			}
			if !slices.Equal(names, tt.left) {
				t.Errorf("partners left = %v, want %v", names, tt.left)
			}
		})
	}
}
