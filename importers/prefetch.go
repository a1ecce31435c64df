package importers

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// prefetch holds the rows of a worksheet read below its head while the
// facts of the sheet's XML were still being scanned (see startScanSheet).
// The facts come from the whole sheet (its merged cells are written after
// the last row), and the table cannot be read until they are known; on a
// sheet of a million rows the scan takes most of a second, which the rows
// would otherwise wait. They are read meanwhile on a goroutine of their own
// and kept, as written, for found.each to give in order before the rest.
type prefetch struct {
	rows []rawRow
	// end is what ended the reading: io.EOF at the end of the sheet, the
	// error that stopped it, nil when the facts came first.
	end error
	// panicked holds what the reader panicked with, to panic with again on
	// the caller's goroutine, where its recovery is.
	panicked any
	done     chan struct{}
}

// startPrefetch reads rows from src until facts is closed or the sheet
// ends. Nothing else may read src until wait has returned.
func startPrefetch(src rowSource, facts <-chan struct{}) *prefetch {
	p := &prefetch{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer func() { p.panicked = recover() }()
		var slab []string
		for len(p.rows) < excelize.TotalRows {
			select {
			case <-facts:
				return
			default:
			}
			cells, n, err := src.next()
			if err != nil {
				p.end = err
				return
			}
			// The cells are copied into slabs of a few thousand: one
			// allocation a row would be a million on a big sheet.
			if len(cells) > cap(slab)-len(slab) {
				slab = make([]string, 0, max(len(cells), 4096))
			}
			from := len(slab)
			slab = append(slab, cells...)
			p.rows = append(p.rows, rawRow{row: n, cells: slab[from:len(slab):len(slab)]})
		}
	}()
	return p
}

// wait returns once the reading has stopped.
func (p *prefetch) wait() { <-p.done }

// each gives the rows read ahead to emit, in order, and says whether the
// source has ended (with its error, nil at its end) or has more to read.
func (p *prefetch) each(emit func(cells []string, n int)) (ended bool, err error) {
	if p == nil {
		return false, nil
	}
	for i, r := range p.rows {
		emit(r.cells, r.row)
		p.rows[i] = rawRow{} // given: its slab can go once every row of it is
	}
	switch {
	case p.panicked != nil:
		panic(p.panicked)
	case p.end == io.EOF:
		return true, nil
	case p.end != nil:
		return true, p.end
	}
	return false, nil
}

// ended says whether the reading ahead met the end of the sheet.
func (p *prefetch) ended() bool { return p != nil && p.end == io.EOF }

// count is how many rows were read ahead.
func (p *prefetch) count() int {
	if p == nil {
		return 0
	}
	return len(p.rows)
}
