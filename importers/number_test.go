package importers

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGroupedNumberAsTheLongWay holds groupedNumber, the short way through
// ParseNumber for amounts like "$12,345.00", to what the long way
// (parseNumberSlowly) gives the same text: on 200,000 strings made of
// digits, commas, points and dollar signs, whenever groupedNumber takes
// one, both must give the same number, to the bit; and on the forms it must
// leave to the long way, it must not take them.
func TestGroupedNumberAsTheLongWay(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"$12,345.00", 12345, true},
		{"1,026,746", 1026746, true},
		{"$0.50", 0.5, true},
		{"1,234.5", 1234.5, true},
		{"$999,999,999,999,999", 999999999999999, true},
		{"0,123", 0, false},                 // a decimal comma
		{"12,34", 0, false},                 // a decimal comma
		{"1,2345", 0, false},                // not grouped in threes
		{"1.", 0, false},                    // no decimals
		{"-1,234", 0, false},                // negative: the long way
		{" 1,234", 0, false},                // spaces: the long way
		{"1,234,567,890,123,456", 0, false}, // more than 15 digits
	} {
		got, ok := groupedNumber(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("groupedNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := "0123456789012345678901234567890123456789,,,..$"
	taken := 0
	for n := 0; n < 200_000; n++ {
		var b strings.Builder
		if n%2 == 0 { // the shape of an amount, most of them well grouped
			if rng.IntN(2) == 0 {
				b.WriteByte('$')
			}
			b.WriteByte(byte('0' + rng.IntN(10)))
			for g := rng.IntN(5); g > 0; g-- {
				if rng.IntN(8) > 0 {
					b.WriteByte(',')
				}
				for d := 3 + rng.IntN(3)/2 - rng.IntN(3)/2; d > 0; d-- {
					b.WriteByte(byte('0' + rng.IntN(10)))
				}
			}
			if rng.IntN(2) == 0 {
				b.WriteByte('.')
				for d := rng.IntN(4); d > 0; d-- {
					b.WriteByte(byte('0' + rng.IntN(10)))
				}
			}
		} else {
			for k := 1 + rng.IntN(12); k > 0; k-- {
				b.WriteByte(alphabet[rng.IntN(len(alphabet))])
			}
		}
		in := b.String()
		got, ok := groupedNumber(in)
		if !ok {
			continue
		}
		taken++
		want, wok := parseNumberSlowly(in)
		if !wok || got != want {
			t.Fatalf("groupedNumber(%q) = %v; the long way gives %v, %v", in, got, want, wok)
		}
	}
	if taken < 20_000 {
		t.Fatalf("groupedNumber took only %d of the strings: the test compares too little", taken)
	}
}
