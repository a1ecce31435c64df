package core

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// inParallel runs work over [0, n) in pieces of piece items (the last one
// shorter), on one goroutine per core, each taking the next piece when it is
// done with one. On one core, or for a single piece, the pieces run in turn
// on the calling goroutine: work is given one piece at a time either way.
//
// It is the one worker pool of core: names are normalised in a few large
// pieces (piece = n / cores), account lists are matched one list a piece
// (lists differ in size, so a core that finishes early takes the next), tier
// confidence runs in one piece per core. Each piece writes only its own part
// of the output, so no lock is needed.
func inParallel(n, piece int, work func(lo, hi int)) {
	if n <= 0 {
		return
	}
	piece = max(piece, 1)
	pieces := (n + piece - 1) / piece
	workers := min(runtime.GOMAXPROCS(0), pieces)
	if workers < 2 { // one core: the pieces in turn, each as it would be given on many
		for k := range pieces {
			work(k*piece, min(n, (k+1)*piece))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[workerPanic]
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					failed.CompareAndSwap(nil, &workerPanic{v, debug.Stack()})
					next.Store(int64(pieces)) // no worker takes another piece
				}
			}()
			for {
				k := int(next.Add(1)) - 1
				if k >= pieces {
					return
				}
				work(k*piece, min(n, (k+1)*piece))
			}
		}()
	}
	wg.Wait()
	if p := failed.Load(); p != nil {
		panic(*p) // on the caller's goroutine, where its recovery is
	}
}

// workerPanic is a panic met by a worker of inParallel, given on to the
// caller with the worker's stack: a panic on a worker goroutine would
// otherwise end the app before the caller could log it or turn it into an
// error (a damaged file), and the caller's stack does not show where it
// was.
type workerPanic struct {
	value any
	stack []byte
}

func (p workerPanic) String() string { return fmt.Sprintf("%v\n\nin a worker:\n%s", p.value, p.stack) }

// perCore is the piece size that gives every core one piece of n items, or
// all of them to one core when n is below least: below it the goroutines
// cost more than they save.
func perCore(n, least int) int {
	if n < least {
		return n
	}
	procs := runtime.GOMAXPROCS(0)
	return (n + procs - 1) / procs
}
