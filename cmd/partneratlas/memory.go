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
// share of the cap (a million-row account list), the cap moves up to twice the
// live data, Go's usual allowance, so that a big job never runs with the
// collector working flat out.

// footprintTarget is the heap a command aims to stay under.
const footprintTarget = 350 << 20

// footprintShare is how full of live data the cap may be before it moves up.
const footprintShare = 0.8

// heapLimit is the soft limit for a live heap of live bytes, under a limit
// of current: the same while the live data fits the share, else twice the
// live data.
func heapLimit(live, current int64) int64 {
	if float64(live) <= footprintShare*float64(current) {
		return current
	}
	return max(current, 2*live)
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
