package core

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTextArenaKeepsEveryString keeps strings of every length around the
// block's edges and checks, once all are kept, that none was overwritten by
// a later one or by a change to the buffer it was copied from.
func TestTextArenaKeepsEveryString(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var arena TextArena
	var want, got []string
	buf := make([]byte, 0, textArenaBlock)
	for i := 0; i < 20_000; i++ {
		var n int
		switch i % 4 {
		case 0:
			n = rng.IntN(40) // a name
		case 1:
			n = rng.IntN(400)
		case 2:
			n = textArenaBlock/4 - 2 + rng.IntN(4) // either side of the own-allocation edge
		default:
			n = rng.IntN(textArenaBlock / 2)
		}
		buf = buf[:0]
		for j := 0; j < n; j++ {
			buf = append(buf, byte('a'+rng.IntN(26)))
		}
		want = append(want, string(buf))
		if i%2 == 0 {
			got = append(got, arena.KeepBytes(buf))
		} else {
			got = append(got, arena.Keep(string(buf)))
		}
		for j := range buf {
			buf[j] = '#' // the caller reuses its buffer
		}
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("string %d (%d bytes) changed after it was kept: %.20q…, want %.20q…", i, len(want[i]), got[i], want[i])
		}
		if strings.Contains(got[i], "#") {
			t.Fatalf("string %d holds the caller's later bytes", i)
		}
	}
}
