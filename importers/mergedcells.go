package importers

import (
	"sort"
	"strings"
)

// maxHeaderRows is how many rows a merged header may span.
const maxHeaderRows = 5

// headerEnd returns the last row of a header that starts at row: a merged
// cell that starts in the header and reaches below it takes the header down
// with it (and a merge starting there may take it further), up to
// maxHeaderRows rows in all. With no such merge it returns row.
func headerEnd(row int, merges []cellRange) int {
	last := row
	for changed := true; changed; {
		changed = false
		for _, m := range merges {
			if m.r1 <= last && m.r1 >= row-maxHeaderRows && m.r2 >= row && m.r2 > last && m.r2 < row+maxHeaderRows {
				last, changed = m.r2, true
			}
		}
	}
	return last
}

// joinHeader builds one header from rows first…last: every cell of a merge
// takes the merge's value, and each column joins its distinct parts from top
// to bottom with a space.
func joinHeader(head []rawRow, first, last int, merges []cellRange) []string {
	n := last - first + 1
	grid := make([][]string, n)
	width := 0
	value := func(row, col int) string {
		for _, r := range head {
			if r.row == row {
				return strings.TrimSpace(Cell(r.cells, col))
			}
		}
		return ""
	}
	for _, r := range head {
		if r.row >= first && r.row <= last {
			width = max(width, len(r.cells))
		}
	}
	for _, m := range merges {
		if m.r2 >= first && m.r1 <= last {
			width = max(width, m.c2+1)
		}
	}
	width = min(width, 16384)
	for i := range grid {
		grid[i] = make([]string, width)
		for c := range grid[i] {
			grid[i][c] = value(first+i, c)
		}
	}
	for _, m := range merges {
		if m.r2 < first || m.r1 > last {
			continue
		}
		v := value(m.r1, m.c1)
		for r := max(m.r1, first); r <= min(m.r2, last); r++ {
			for c := m.c1; c <= min(m.c2, width-1); c++ {
				grid[r-first][c] = v
			}
		}
	}
	out := make([]string, width)
	for c := range width {
		var parts []string
		for r := range n {
			v := grid[r][c]
			if v != "" && (len(parts) == 0 || parts[len(parts)-1] != v) {
				parts = append(parts, v)
			}
		}
		out[c] = strings.Join(parts, " ")
	}
	// A header merged across columns names the first of them; the others
	// keep a name only when a row below tells them apart.
	for _, m := range merges {
		if m.r2 < first || m.r1 > last {
			continue
		}
		for c := m.c1 + 1; c <= min(m.c2, width-1); c++ {
			if out[c] == out[m.c1] {
				out[c] = ""
			}
		}
	}
	return out
}

// mergedDown gives the cells of data rows that a merge running down over
// them covers the merge's value, as a person reading the sheet sees it: a
// "Region" cell merged over five partners applies to all five.
type mergedDown struct {
	merges []cellRange // by first row
	value  []string    // each merge's value, once its first row is read
	next   int         // the first merge that may still cover a row
}

// newMergedDown keeps the merges that run down over data rows below the
// header (row); nil when there are none.
func newMergedDown(merges []cellRange, header int) *mergedDown {
	var down []cellRange
	for _, m := range merges {
		if m.r1 > header && m.r2 > m.r1 {
			down = append(down, m)
		}
	}
	if len(down) == 0 {
		return nil
	}
	sort.Slice(down, func(i, j int) bool { return down[i].r1 < down[j].r1 })
	return &mergedDown{merges: down, value: make([]string, len(down))}
}

// fill gives the cells of row that a merge covers the merge's value,
// remembering the value when row is the merge's first. It returns cells,
// grown when needed.
func (md *mergedDown) fill(cells []string, row int) []string {
	if md == nil {
		return cells
	}
	// Merges start in row order; those that ended are dropped from the front
	// of the pending list lazily.
	for md.next < len(md.merges) && md.merges[md.next].r2 < row {
		md.next++
	}
	for i := md.next; i < len(md.merges) && md.merges[i].r1 <= row; i++ {
		m := md.merges[i]
		switch {
		case m.r2 < row:
		case m.r1 == row:
			md.value[i] = Cell(cells, m.c1)
		case Cell(cells, m.c1) == "" && md.value[i] != "":
			for len(cells) <= m.c1 {
				cells = append(cells, "")
			}
			cells[m.c1] = md.value[i]
		}
	}
	return cells
}
