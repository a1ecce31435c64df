package core

import (
	"hash/maphash"
	"sort"
	"strings"
)

// FuzzySimilarity is the lowest FuzzyScore (the Dice coefficient over letter
// pairs of the two names after expandName, 0–1) at which two names that
// share a loose key count as a fuzzy match. Names only become candidates when
// they have the same words once abbreviations, plurals, small words and word
// order are set aside ("Stark Industries Intl" and "Stark Industries
// International" score 1.0, "University of Leeds" and "Leeds University"
// 0.92); the threshold keeps out the rare candidates whose keys only agree
// because words were joined differently.
const FuzzySimilarity = 0.80

// abbreviation expands the short forms company lists use. A switch, not a
// map: it runs for every word of millions of names.
func abbreviation(w string) (string, bool) {
	switch w {
	case "intl", "int":
		return "international", true
	case "tech", "technologies":
		return "technology", true
	case "univ":
		return "university", true
	case "mfg":
		return "manufacturing", true
	case "svcs":
		return "services", true
	case "svc":
		return "service", true
	case "assoc":
		return "association", true
	case "natl":
		return "national", true
	case "sys":
		return "systems", true
	case "labs", "lab":
		return "laboratories", true
	case "ctr", "centre":
		return "center", true
	case "dept":
		return "department", true
	case "grp":
		return "group", true
	case "hldgs":
		return "holdings", true
	case "mgmt":
		return "management", true
	case "pharma":
		return "pharmaceuticals", true
	case "bros":
		return "brothers", true
	case "st":
		return "saint", true
	case "mt":
		return "mount", true
	case "fin":
		return "financial", true
	case "ins":
		return "insurance", true
	}
	return w, false
}

// isSmallWord says whether w carries no identity in a company name.
func isSmallWord(w string) bool {
	switch w {
	case "of", "and", "the", "de", "du", "la", "for":
		return true
	}
	return false
}

// expandName reduces a normalised name further, for fuzzy matching:
// abbreviations expanded ("intl" → "international"), a plural s dropped,
// "of", "and", "the" and similar small words removed. It appends the words
// to dst, which lets looseKey keep them on the stack.
func expandName(dst []string, norm string) []string {
	for len(norm) > 0 {
		var w string
		w, norm = cutAny(norm, " ")
		if w == "" || len(w) <= 3 && isSmallWord(w) {
			continue
		}
		if len(w) <= 12 {
			w, _ = abbreviation(w)
		}
		if len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
			w = w[:len(w)-1]
		}
		dst = append(dst, w)
	}
	return dst
}

// looseKey is the expanded name's words sorted and joined, so one lookup
// finds "Leeds University" for "University of Leeds" and "Stark Industries
// International" for "Stark Industries Intl".
func looseKey(norm string) string {
	var stack [12]string
	words, n := looseWords(stack[:0], norm)
	if n < 4 {
		return "" // too short to compare loosely
	}
	var b strings.Builder
	b.Grow(n)
	for _, w := range words {
		b.WriteString(w)
	}
	return b.String()
}

// looseWords appends the expanded name's words to dst, sorted, and returns
// them with their total length: what looseKey joins and looseKeyHash hashes.
func looseWords(dst []string, norm string) ([]string, int) {
	words := expandName(dst, norm)
	// insertion sort: names have few words
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && words[j] < words[j-1]; j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
	n := 0
	for _, w := range words {
		n += len(w)
	}
	return words, n
}

// looseKeyHash is the hash of looseKey(norm) without building the key;
// false when the key is too short to compare loosely.
func looseKeyHash(norm string) (uint64, bool) {
	var stack [12]string
	words, n := looseWords(stack[:0], norm)
	if n < 4 {
		return 0, false
	}
	var h maphash.Hash
	h.SetSeed(hashSeed)
	for _, w := range words {
		h.WriteString(w)
	}
	return h.Sum64() | 1, true // never 0, which marks "no key"
}

// FuzzyScore is the similarity of two normalised names once expanded:
// letter pairs compared in the words' own order, so a changed word order
// costs a little and an expanded abbreviation nothing.
func FuzzyScore(a, b string) float64 {
	return Similarity(strings.Join(expandName(nil, a), " "), strings.Join(expandName(nil, b), " "))
}

// Similarity is the Dice coefficient of the two strings' letter pairs
// (spaces ignored): 1 for the same letters in the same pairs, 0 for nothing
// in common.
func Similarity(a, b string) float64 {
	pa, pb := letterPairs(a), letterPairs(b)
	if len(pa) == 0 || len(pb) == 0 {
		if a == b {
			return 1
		}
		return 0
	}
	sort.Slice(pa, func(i, j int) bool { return pa[i] < pa[j] })
	sort.Slice(pb, func(i, j int) bool { return pb[i] < pb[j] })
	common := 0
	for i, j := 0, 0; i < len(pa) && j < len(pb); {
		switch {
		case pa[i] == pb[j]:
			common++
			i++
			j++
		case pa[i] < pb[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(pa)+len(pb))
}

func letterPairs(s string) []uint64 {
	var rs []rune
	for _, r := range s {
		if r != ' ' {
			rs = append(rs, r)
		}
	}
	if len(rs) < 2 {
		return nil
	}
	out := make([]uint64, len(rs)-1)
	for i := range out {
		out[i] = uint64(rs[i])<<32 | uint64(rs[i+1])
	}
	return out
}
