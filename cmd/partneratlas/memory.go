package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Go's collector lets the heap grow to twice what is live before it collects:
// planning 100,000 partners keeps about 220 MB live at its busiest moment, so
// the process peaked at 480 MB, more than a laptop user expects of a
// spreadsheet tool. The footprint policy below caps the heap at
// footprintTarget while the live data is well under it, which costs nothing
// measurable (the same CPU time, 360 MB peak); once the live data outgrows a
// share of the cap (a million-row account list), the cap moves up to half as
// much again as the live data, so that a big job never runs with the
// collector working flat out.
//
// Half, not Go's usual twice: the cap never moves down, so it keeps the
// largest step it took, and a step to twice the live data doubled whatever
// the collector happened to find live at that moment. The overlap of 1M
// accounts against 200 lists peaked at 590 MB or at 870 MB from one run to
// the next, as its collections fell before or after the index was built;
// the page faults of the larger heap cost more system time than the extra
// collections of the smaller allowance cost.

// footprintTarget is the heap a command aims to stay under.
const footprintTarget = 350 << 20

// footprintShare is how full of live data the cap may be before it moves up.
const footprintShare = 0.8

// heapLimit is the soft limit for a live heap of live bytes, under a limit
// of current: the same while the live data fits the share, else half as
// much again as the live data.
func heapLimit(live, current int64) int64 {
	if float64(live) <= footprintShare*float64(current) {
		return current
	}
	return max(current, live+live/2)
}

// keepFootprintSmall sets the soft memory limit, and follows the live heap to
// move it up when the data needs room. A limit set by the user's GOMEMLIMIT is
// left alone.
func keepFootprintSmall() {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") == "off" {
		return
	}
	limit := int64(footprintTarget)
	debug.SetMemoryLimit(limit)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	go func() {
		for range time.Tick(50 * time.Millisecond) {
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return
			}
			live := int64(min(sample[0].Value.Uint64(), math.MaxInt64/4))
			if next := heapLimit(live, limit); next != limit {
				limit = next
				debug.SetMemoryLimit(limit)
			}
		}
	}()
}
