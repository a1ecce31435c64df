package core

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestWithoutAccentsAsTheTransformers checks the table of folded runes
// against the transformers it stands in for: every rune of the table's
// ranges alone and between letters, names as lists write them, and random
// mixes with combining marks, Greek, CJK, Hangul and bytes that are not
// UTF-8 (which take the transformers' path).
func TestWithoutAccentsAsTheTransformers(t *testing.T) {
	var cases []string
	for _, span := range [][2]rune{{0x80, 0x250}, {0x2010, 0x2070}} {
		for r := span[0]; r < span[1]; r++ {
			cases = append(cases, string(r), "a"+string(r)+"b", string(r)+string(r), "E"+string(r)+"\u0301")
		}
	}
	cases = append(cases, "Société Générale", "Nestlé S.A.", "Ørsted A/S", "Müller’s Bäckerei", "Škoda Auto a.s.",
		"Crédit Agricole — Groupe", "e\u0301cole", "Zoë\u0308", "ΑΒΓ Ltd", "株式会社 Café", "한국 Hüls", "\xff\xfeAcme", "İş Bankası")
	pool := []rune("aeiouAEIOU .-&'éèêëçñøåæœßüöäÀÉÖÜŁłŒĐđǅǄȘș’“”–—…\u0301\u0308\u0327ΩЖ中한\u00a0\u2028\ufffd")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		r := make([]rune, 1+rng.IntN(12))
		for i := range r {
			r[i] = pool[rng.IntN(len(pool))]
		}
		cases = append(cases, string(r))
	}
	for _, file := range []string{"../importers/testdata/world-universities.csv", "testdata/sp500-constituents.csv", "testdata/nasdaq-listed-symbols.csv"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(string(data), "\n")...)
	}
	for _, c := range cases {
		if got, want := withoutAccents(c), foldAccentsSlowly(c); got != want {
			t.Errorf("withoutAccents(%q) = %q, want %q as the transformers give", c, got, want)
		}
	}
}
