package importers

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestCanonicalNumber checks the shortcut of cellFormats.number against
// what it shortcuts: a number canonicalNumber accepts is one cellDefault
// leaves as it is, with the digits isNumeric counts.
func TestCanonicalNumber(t *testing.T) {
	values := []string{"0", "-0", "1", "-1", "12", "0.5", "-0.25", "10", "100000", "123456789012345", "1234567890123456",
		"0.000001", "0.1234567890123456", "1.5", "1.50", "01", "00", "-", ".5", "5.", "1e5", "1E+20", "+1", " 1", "1 ",
		"0.30000000000000004", "999999999999999", "9999999999999999", "-123456789012345", "0.0", "1.0", "NaN", "Inf", "1_000", "0x10", ""}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(30)-15))
		values = append(values, strconv.FormatFloat(x, 'f', -1, 64), strconv.FormatFloat(x, 'f', rng.IntN(8), 64),
			strconv.Itoa(rng.IntN(1<<40)-1<<39), strconv.FormatFloat(x, 'g', -1, 64))
	}
	accepted := 0
	for _, v := range values {
		digits, ok := canonicalNumber(v)
		if !ok {
			continue
		}
		accepted++
		if got := cellDefault(v); got != v {
			t.Errorf("canonicalNumber(%q) accepted it, but cellDefault gives %q", v, got)
		}
		if isNum, want, _ := isNumeric(v); !isNum || digits != want {
			t.Errorf("canonicalNumber(%q) = %d digits, isNumeric says %v, %d", v, digits, isNum, want)
		}
	}
	if accepted < len(values)/4 {
		t.Errorf("canonicalNumber accepted %d of %d values: the shortcut does not serve", accepted, len(values))
	}
}
