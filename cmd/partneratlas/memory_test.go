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
		{285 * mb, footprintTarget, 570 * mb},        // fuller: twice the live data
		{900 * mb, footprintTarget, 1800 * mb},       // a million rows
		{300 * mb, 1800 * mb, 1800 * mb},             // never moves down
	} {
		if got := heapLimit(c.live, c.current); got != c.want {
			t.Errorf("heapLimit(%d MB, %d MB) = %d MB, want %d MB", c.live/mb, c.current/mb, got/mb, c.want/mb)
		}
	}
}
