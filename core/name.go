package core

import (
	"html"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// legalSuffixes are the company-form words that say nothing about which
// company it is; they are dropped from the end of a normalised name.
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true,
	"company": true, "llc": true, "llp": true, "lp": true, "ltd": true, "limited": true,
	"plc": true, "gmbh": true, "ag": true, "sa": true, "sas": true, "sarl": true,
	"bv": true, "nv": true, "pty": true, "kk": true, "oy": true, "oyj": true, "ab": true,
	"spa": true, "srl": true, "as": true, "asa": true, "aps": true, "se": true,
	"holdings": true, "holding": true, "group": true, "sl": true, "kg": true,
	"pte": true, "pvt": true, "bhd": true, "sdn": true, "ulc": true, "lda": true,
}

// foldAccents removes accents: "Société" → "Societe".
var foldAccents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// NormaliseName reduces a company name to the form two lists of the same
// company agree on: HTML entities decoded, accents folded, lower case, "&"
// read as "and", punctuation dropped, a leading "The" and trailing legal
// forms (Inc, Ltd, GmbH, S.A. …) removed. "The Coca-Cola Company" and
// "coca cola co." both give "coca cola".
func NormaliseName(name string) string {
	s := html.UnescapeString(name)
	if t, _, err := transform.String(foldAccents, s); err == nil {
		s = t
	}
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "&", " and ")
	// Join dotted abbreviations first so "S.A." reads as "sa".
	var b strings.Builder
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '.' && i+1 < len(s) && i > 0 && isLetterByte(s[i+1]) && isLetterByte(s[i-1]):
			// "s.a" stays "sa"
		case r == '\'' || r == '’':
			// "O'Reilly" → "oreilly"
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 1 && legalSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' }
