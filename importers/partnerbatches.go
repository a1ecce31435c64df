package importers

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"partneratlas/core"
)

// A long partner table is turned into partners on every core. The calling
// goroutine reads the rows in the file's order (the sheet reader and the
// CSV scanner are sequential) and hands them out in batches; a worker turns
// a batch into partners with a partnerReader of its own (its slabs, its
// cache of role cells, its problems); the batches are then put back
// together in row order. What comes out is what one reader gives, partner
// for partner and problem for problem (TestPartnerBatchesMatchOneReader):
// a problem beyond maxProblemsPerKind is counted, not listed, whichever
// batch it is in. A table that fits in one batch is read on the calling
// goroutine, as before.

// batchRows is the rows of a batch: large enough that handing batches out
// costs nothing beside turning them into partners, small enough that the
// last batch does not keep one core waiting long.
const batchRows = 4096

// rowBatch is a run of rows read, in order, and the columns they are read
// by: a row wider than the header adds columns (widen), so a batch carries
// the columns as they were when it was handed out.
type rowBatch struct {
	seq   int
	cells []string // the rows' cells, one row after the other
	ends  []int    // where each row's cells end in cells
	rows  []int    // the rows' numbers in the sheet or file
	cols  columnsOf
}

// columnsOf is what a partnerReader reads a row by, as setColumns makes it.
// setColumns makes new slices each time, so a batch's copy does not change.
type columnsOf struct {
	cols     []Column
	name     int   // index of the name column
	extraIdx []int // indexes of the extra columns, in order
	extraCol []string
}

// batchResult is a batch turned into partners.
type batchResult struct {
	partners []*core.Partner
	problems []Problem
	counts   map[Kind]int // every problem of each kind, listed or not
	rows     int
	panicked any
}

// readRows turns every row of t into a partner (or a problem).
func (r *partnerReader) readRows(t *found) error {
	workers := runtime.GOMAXPROCS(0)
	var (
		results []*batchResult
		queue   chan *rowBatch
		free    = make(chan *rowBatch, 2*workers) // batches read, to fill again
		wg      sync.WaitGroup
		mu      sync.Mutex
	)
	batch := r.newBatch(0, free)
	stopped := false
	stop := func() { // the workers finish what they were given, then end
		if queue != nil && !stopped {
			stopped = true
			close(queue)
			wg.Wait()
		}
	}
	defer stop() // also when reading the rows panics: no worker is left waiting
	start := func() {
		queue = make(chan *rowBatch, workers)
		for range workers {
			wg.Add(1)
			w := r.worker() // here: r changes as rows widen it
			go func() {
				defer wg.Done()
				for b := range queue {
					res := w.readBatch(b)
					mu.Lock()
					results[b.seq] = res
					mu.Unlock()
					select {
					case free <- b:
					default:
					}
				}
			}()
		}
	}
	send := func() {
		if queue == nil {
			start()
		}
		mu.Lock()
		results = append(results, nil)
		mu.Unlock()
		queue <- batch
		batch = r.newBatch(batch.seq+1, free)
	}
	err := t.each(func(cells []string, n int) {
		if workers < 2 {
			r.row(cells, n)
			return
		}
		if len(cells) > len(r.cols) { // the batch's columns must be this row's
			if len(batch.rows) > 0 {
				send()
			}
			r.widen(len(cells))
			batch.cols = r.columnsOf
		}
		batch.cells = append(batch.cells, cells...)
		batch.ends = append(batch.ends, len(batch.cells))
		batch.rows = append(batch.rows, n)
		if len(batch.rows) == batchRows {
			send()
		}
	})
	if queue == nil { // one batch at most: read it here, as one reader
		r.rowsOf(batch)
		return err
	}
	if len(batch.rows) > 0 {
		send()
	}
	stop()
	for _, res := range results {
		if res.panicked != nil {
			panic(res.panicked) // ReadPartners recovers it as a damaged file
		}
	}
	r.gather(results)
	return err
}

// newBatch is an empty batch read by the reader's columns now: one read
// already, when free has one (a batch's cells are thousands of strings;
// allocating them afresh for every batch was as much as the partners).
func (r *partnerReader) newBatch(seq int, free chan *rowBatch) *rowBatch {
	select {
	case b := <-free:
		b.seq, b.cols = seq, r.columnsOf
		b.cells, b.ends, b.rows = b.cells[:0], b.ends[:0], b.rows[:0]
		return b
	default:
		return &rowBatch{seq: seq, cols: r.columnsOf, ends: make([]int, 0, batchRows), rows: make([]int, 0, batchRows)}
	}
}

// worker is a reader for batches: r's settings, and slabs, a role cache
// and problems of its own.
func (r *partnerReader) worker() *partnerReader {
	w := *r
	w.res = &Result{Table: Table{File: r.res.File, Sheet: r.res.Sheet}}
	w.report = newReport(&w.res.Table)
	w.roles = map[string]parsedRoles{}
	w.slabs = partnerSlabs{}
	return &w
}

// readBatch turns batch b into partners, on a worker.
func (w *partnerReader) readBatch(b *rowBatch) (res *batchResult) {
	defer func() {
		if v := recover(); v != nil { // with the worker's stack, for the log
			res = &batchResult{panicked: fmt.Errorf("rows %d to %d: %v\n%s", b.rows[0], b.rows[len(b.rows)-1], v, debug.Stack())}
		}
	}()
	w.columnsOf, w.res.Columns = b.cols, b.cols.cols
	w.res.Partners, w.res.Problems, w.res.Rows = make([]*core.Partner, 0, len(b.rows)), nil, 0
	w.report.count = map[Kind]int{}
	w.rowsOf(b)
	return &batchResult{partners: w.res.Partners, problems: w.res.Problems, counts: w.report.count, rows: w.res.Rows}
}

// rowsOf turns the rows of b into partners.
func (r *partnerReader) rowsOf(b *rowBatch) {
	from := 0
	for k, end := range b.ends {
		r.row(b.cells[from:end:end], b.rows[k])
		from = end
	}
}

// gather puts the batches' partners and problems into r's result in row
// order, listing the first maxProblemsPerKind problems of each kind of the
// whole table and counting the rest, as one reader does.
func (r *partnerReader) gather(results []*batchResult) {
	n := len(r.res.Partners)
	for _, b := range results {
		n += len(b.partners)
	}
	r.res.Partners = append(make([]*core.Partner, 0, n), r.res.Partners...)
	listed := map[Kind]int{}
	for k, c := range r.report.count {
		listed[k] = min(c, maxProblemsPerKind)
	}
	// The problems are listed at their final length at once: a big file's
	// hundred thousand would otherwise be copied at each doubling.
	room := map[Kind]int{}
	for _, b := range results {
		for k, c := range b.counts {
			room[k] += c
		}
	}
	more := 0
	for k, c := range room {
		more += max(0, min(c, maxProblemsPerKind-listed[k]))
	}
	r.res.Problems = slices.Grow(r.res.Problems, more)
	for _, b := range results {
		r.res.Rows += b.rows
		r.res.Partners = append(r.res.Partners, b.partners...)
		for _, p := range b.problems {
			if listed[p.Kind]++; listed[p.Kind] <= maxProblemsPerKind {
				r.res.Problems = append(r.res.Problems, p)
			}
		}
		for k, c := range b.counts {
			r.report.count[k] += c
		}
	}
}
