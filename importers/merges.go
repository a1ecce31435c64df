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
				return strings.TrimSpace(cell(r.cells, col))
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

// setMerges keeps the merges that run down over data rows below the header
// (row), so that each row they cover gets the merged value in the merge's
// first column.
func (t *table) setMerges(merges []cellRange, header int) {
	for _, m := range merges {
		if m.r1 > header && m.r2 > m.r1 {
			t.vmerges = append(t.vmerges, m)
		}
	}
	sort.Slice(t.vmerges, func(i, j int) bool { return t.vmerges[i].r1 < t.vmerges[j].r1 })
	t.mergeValue = make([]string, len(t.vmerges))
}

// fill gives the cells of row that a vertical merge covers the merge's value,
// remembering the value when row is the merge's first. It returns cells,
// grown when needed.
func (t *table) fill(cells []string, row int) []string {
	// Merges start in row order; those that ended are dropped from the front
	// of the pending list lazily.
	for t.mergeNext < len(t.vmerges) && t.vmerges[t.mergeNext].r2 < row {
		t.mergeNext++
	}
	for i := t.mergeNext; i < len(t.vmerges) && t.vmerges[i].r1 <= row; i++ {
		m := t.vmerges[i]
		switch {
		case m.r2 < row:
		case m.r1 == row:
			t.mergeValue[i] = cell(cells, m.c1)
		case cell(cells, m.c1) == "" && t.mergeValue[i] != "":
			for len(cells) <= m.c1 {
				cells = append(cells, "")
			}
			cells[m.c1] = t.mergeValue[i]
		}
	}
	return cells
}
