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
	cases = append(cases, randomNames("aeiouAEIOU .-&'éèêëçñøåæœßüöäÀÉÖÜŁłŒĐđǅǄȘș’“”–—…\u0301\u0308\u0327ΩЖ中한\u00a0\u2028\ufffd", 1, 5000, 12)...)
	cases = append(cases, listLines(t)...)
	for _, c := range cases {
		if got, want := withoutAccents(c), foldAccentsSlowly(c); got != want {
			t.Errorf("withoutAccents(%q) = %q, want %q as the transformers give", c, got, want)
		}
	}
}

// listLines is every line of the real lists of testdata (universities, S&P
// 500, Nasdaq): names with their quotes, commas and URLs.
func listLines(t *testing.T) []string {
	t.Helper()
	var lines []string
	for _, file := range []string{"../importers/testdata/world-universities.csv", "testdata/sp500-constituents.csv", "testdata/nasdaq-listed-symbols.csv"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	return lines
}

// randomNames makes n strings of 1 to most runes drawn from pool.
func randomNames(pool string, seed uint64, n, most int) []string {
	runes := []rune(pool)
	rng := rand.New(rand.NewPCG(seed, seed+1))
	names := make([]string, n)
	for k := range names {
		r := make([]rune, 1+rng.IntN(most))
		for i := range r {
			r[i] = runes[rng.IntN(len(runes))]
		}
		names[k] = string(r)
	}
	return names
}

// TestNameWordsAsRuneByRune holds appendNameWords, which looks ASCII bytes
// up in a table, to appendNameRunes, which reads every rune: on whole lines
// of real lists (names, quotes, commas, URLs), on names as they are written
// and on random mixes of letters, punctuation and other scripts, with the
// first non-ASCII byte anywhere.
func TestNameWordsAsRuneByRune(t *testing.T) {
	cases := []string{"", "&", "A&B", "S.A.", "A/S", ".a", "a.", "a.b", "a..b", "1.2", "O'Reilly", "O’Reilly", "AT&T Inc.",
		"Procter & Gamble", "Société Générale S.A.", "é.a", "a.é", "Ørsted A/S", "\xffAcme", "Acme\xff.b", "  --Acme--  "}
	cases = append(cases, listLines(t)...)
	cases = append(cases, randomNames("aAzZ09 .,/&'’-_()[]~\"\t\x7féÖß中\ufffd", 3, 20000, 10)...)
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
