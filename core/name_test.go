package core

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
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

// TestNameWordsAsRuneByRune holds appendNameWords, which looks ASCII bytes
// up in a table, to appendNameRunes, which reads every rune: on whole lines
// of real lists (names, quotes, commas, URLs), on names as they are written
// and on random mixes of letters, punctuation and other scripts, with the
// first non-ASCII byte anywhere.
func TestNameWordsAsRuneByRune(t *testing.T) {
	cases := []string{"", "&", "A&B", "S.A.", "A/S", ".a", "a.", "a.b", "a..b", "1.2", "O'Reilly", "O’Reilly", "AT&T Inc.",
		"Procter & Gamble", "Société Générale S.A.", "é.a", "a.é", "Ørsted A/S", "ÿAcme", "Acmeÿ.b", "  --Acme--  "}
	for _, file := range []string{"../importers/testdata/world-universities.csv", "testdata/sp500-constituents.csv", "testdata/nasdaq-listed-symbols.csv"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, strings.Split(string(data), "\n")...)
	}
	pool := []rune("aAzZ09 .,/&'’-_()[]~\"\t\x7féÖß中\ufffd")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		r := make([]rune, 1+rng.IntN(10))
		for i := range r {
			r[i] = pool[rng.IntN(len(pool))]
		}
		cases = append(cases, string(r))
	}
	ascii, runes := 0, 0
	for _, c := range cases {
		got := string(appendNameWords([]byte("x "), c))
		want := string(appendNameRunes([]byte("x "), c, 0))
		if got != want {
			t.Errorf("appendNameWords(%q) = %q, rune by rune %q", c, got, want)
		}
		if strings.IndexFunc(c, func(r rune) bool { return r >= utf8.RuneSelf }) < 0 {
			ascii++
		} else {
			runes++
		}
	}
	if ascii < 1000 || runes < 1000 {
		t.Errorf("%d ASCII cases and %d others: the test does not try both ways", ascii, runes)
	}
}

// BenchmarkNormaliseNames normalises the names of the S&P 500 and Nasdaq
// lists, as matching a million accounts normalises every name once.
func BenchmarkNormaliseNames(b *testing.B) {
	var names []string
	for _, file := range []string{"testdata/sp500-constituents.csv", "testdata/nasdaq-listed-symbols.csv"} {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n")[1:] {
			if f := strings.Split(line, ","); len(f) > 1 {
				names = append(names, f[1])
			}
		}
	}
	var buf [128]byte
	for b.Loop() {
		for _, n := range names {
			appendNormalised(buf[:0], n, false)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(names)), "ns/name")
}
