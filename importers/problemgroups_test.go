package importers

import (
	"strings"
	"testing"
)

func TestGroupProblems(t *testing.T) {
	var ps []Problem
	for i := 0; i < 3; i++ {
		ps = append(ps, Problem{Kind: BadValue, File: "a.csv", Row: 2 + i, Column: `D "Shared ICP"`, Message: `"high" is not a number`})
	}
	ps = append(ps, Problem{Kind: UnknownRole, File: "a.csv", Row: 9, Column: `C "Type"`, Message: `"Wholesale" is not a role`})
	ps = append(ps, Problem{Kind: BadValue, File: "b.csv", Row: 4, Column: `D "Shared ICP"`, Message: `"x" is not a number`})
	g := GroupProblems(ps)
	if len(g) != 3 || g[0].Count != 3 || g[1].Count != 1 || g[2].File != "b.csv" {
		t.Fatalf("groups = %+v", g)
	}
	want := `a.csv, column D "Shared ICP": 3 cells that could not be read as their column wants; the first, row 2: "high" is not a number`
	if g[0].String() != want {
		t.Errorf("group says %q\nwant %q", g[0], want)
	}
	if !strings.HasPrefix(g[1].String(), "a.csv, row 9, column C") {
		t.Errorf("a lone problem says %q, want the problem itself", g[1])
	}
}
