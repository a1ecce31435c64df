package main

import "testing"

func TestHeapLimit(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, current, want int64
	}{
		{0, footprintTarget, footprintTarget},
		{100 * mb, footprintTarget, footprintTarget},
		{275 * mb, footprintTarget, footprintTarget}, // under 80 % full: kept
		{284 * mb, footprintTarget, 426 * mb},        // fuller: half as much again as the live data
		{350 * mb, 426 * mb, 525 * mb},               // and again
		{458 * mb, 426 * mb, 687 * mb},               // the overlap's index, when a collection falls on it
		{900 * mb, footprintTarget, 1350 * mb},       // a million rows
		{300 * mb, 1800 * mb, 1800 * mb},             // never moves down
	} {
		if got := heapLimit(c.live, c.current); got != c.want {
			t.Errorf("heapLimit(%d MB, %d MB) = %d MB, want %d MB", c.live/mb, c.current/mb, got/mb, c.want/mb)
		}
	}
}
