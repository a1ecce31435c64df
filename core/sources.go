package core

// SourceFile is one file the partners came from, with how much of the
// ecosystem it brought.
type SourceFile struct {
	File string
	Rows int // rows of the file that became partners
	// Partners counts the partners with a row in the file; Only counts those
	// that came from this file alone and would go if it were removed.
	Partners int
	Only     int
}

// SourceFiles lists the files the partners came from, in the order they
// first appear.
func (e *Ecosystem) SourceFiles() []SourceFile {
	var out []SourceFile
	at := map[string]int{}
	for _, p := range e.Partners {
		seen := map[string]bool{}
		for _, s := range p.Sources {
			i, ok := at[s.File]
			if !ok {
				i = len(out)
				at[s.File] = i
				out = append(out, SourceFile{File: s.File})
			}
			out[i].Rows++
			if !seen[s.File] {
				seen[s.File] = true
				out[i].Partners++
			}
		}
		if len(seen) == 1 {
			for f := range seen {
				out[at[f]].Only++
			}
		}
	}
	return out
}

// RemoveSource takes a file back out of the ecosystem: the partners that came
// only from it go, and partners that came from it and other files lose it
// from their sources. Partners with no source at all (added by hand) stay.
// It returns the number of partners removed.
func (e *Ecosystem) RemoveSource(file string) int {
	kept := e.Partners[:0:0]
	removed := 0
	for _, p := range e.Partners {
		if len(p.Sources) == 0 {
			kept = append(kept, p)
			continue
		}
		var rest []Source
		for _, s := range p.Sources {
			if s.File != file {
				rest = append(rest, s)
			}
		}
		if len(rest) == 0 {
			removed++
			continue
		}
		p.Sources = rest
		kept = append(kept, p)
	}
	e.Partners = kept
	return removed
}
