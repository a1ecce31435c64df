package core

import (
	"bytes"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// legalSuffixes are the company-form words that say nothing about which
// company it is; they are dropped from the end of a normalised name, several
// in a row ("Co., Ltd.", "Pty Ltd", "AB (publ)"). Dotted forms arrive here
// without their dots: "S.A." is "sa", "N.V." is "nv", "A/S" is "as".
var legalSuffixes = map[string]bool{
	// English-speaking countries
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true,
	"company": true, "cos": true, "llc": true, "llp": true, "lp": true, "ltd": true, "limited": true,
	"plc": true, "pty": true, "pte": true, "pvt": true, "ulc": true, "na": true, "lllp": true,
	// German, Austrian, Swiss, Dutch, Belgian
	"gmbh": true, "mbh": true, "ag": true, "kg": true, "kgaa": true, "ohg": true, "ug": true,
	"bv": true, "nv": true, "bvba": true, "cvba": true, "vof": true,
	// French, Spanish, Italian, Portuguese, Latin American
	"sa": true, "sas": true, "sasu": true, "sarl": true, "sca": true, "snc": true, "cie": true,
	"sl": true, "slu": true, "spa": true, "srl": true, "sapa": true, "lda": true, "ltda": true,
	"sab": true, "cv": true, "sacv": true, "eireli": true,
	// Nordic and Baltic
	"ab": true, "publ": true, "as": true, "asa": true, "aps": true, "oy": true, "oyj": true,
	"hf": true, "ehf": true, "ou": true,
	// Central and Eastern European
	"sro": true, "kft": true, "zrt": true, "nyrt": true, "doo": true, "ood": true,
	"eood": true, "spzoo": true,
	// Asian and other
	"kk": true, "gk": true, "yk": true, "bhd": true, "sdn": true, "tbk": true, "jsc": true, "pjsc": true,
	"ojsc": true, "cjsc": true, "ooo": true, "pao": true, "se": true,
	// group forms
	"holdings": true, "holding": true, "group": true,
}

// foldAccents holds transformers that remove accents ("Société" →
// "Societe"). A chained transformer keeps state, so each goroutine takes its
// own from the pool: names are normalised on every core at once.
var foldAccents = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// withoutAccents is s through foldAccents. The letters of Western names and
// the punctuation of typed ones (Latin-1, Latin Extended-A and B, General
// Punctuation: "é", "ø", "’") come from a table of what foldAccents makes
// of each alone, which is what it makes of them in a name too: none is a
// combining mark or composes with its neighbour. Any other letter, a mark
// typed apart, or a byte that is not UTF-8 goes through the transformers,
// which take several times as long.
func withoutAccents(s string) string {
	var stack [128]byte
	buf := stack[:0]
	for _, r := range s {
		switch {
		case r < 0x80:
			buf = append(buf, byte(r))
		case r < 0x80+rune(len(foldedLatin)):
			buf = append(buf, foldedLatin[r-0x80]...)
		case r >= 0x2010 && r < 0x2010+rune(len(foldedPunctuation)):
			buf = append(buf, foldedPunctuation[r-0x2010]...)
		default:
			return foldAccentsSlowly(s)
		}
	}
	return string(buf)
}

func foldAccentsSlowly(s string) string {
	tr := foldAccents.Get().(transform.Transformer)
	defer foldAccents.Put(tr)
	if t, _, err := transform.String(tr, s); err == nil {
		return t
	}
	return s
}

// foldedLatin and foldedPunctuation hold what foldAccents makes of each
// rune from U+0080 to U+024F and from U+2010 to U+206F.
var foldedLatin, foldedPunctuation = foldedRunes(0x80, 0x250), foldedRunes(0x2010, 0x2070)

func foldedRunes(from, to rune) []string {
	out := make([]string, to-from)
	for r := from; r < to; r++ {
		out[r-from] = foldAccentsSlowly(string(r))
	}
	return out
}

// shareNoise are words that listings add to a company's name to name a
// security, not the company: "Class A Common Stock", "Ordinary Shares".
var shareNoise = map[string]bool{
	"common": true, "stock": true, "stocks": true, "ordinary": true, "shares": true, "share": true,
	"depositary": true, "depository": true, "ads": true, "adr": true, "units": true, "unit": true,
	"warrants": true, "warrant": true, "rights": true, "right": true, "preferred": true,
	"subordinate": true, "voting": true, "capital": false,
}

// NormaliseName reduces a company name to the form two lists of the same
// company agree on: HTML entities decoded, accents folded, lower case, "&"
// read as "and", punctuation dropped, a leading "The" and trailing legal
// forms (Inc, Ltd, GmbH, S.A. …) and share-class noise ("Class A Common
// Stock") removed. "The Coca-Cola Company" and "coca cola co." both give
// "coca cola". ASCII names, the common case, skip the Unicode folding.
func NormaliseName(name string) string { return normaliseName(name, false) }

// groupWords are the legal-form words that also tell the companies of a
// group apart ("Acme Holdings" is not "Acme Group"): NormaliseName drops
// them, PartnerName keeps them.
var groupWords = map[string]bool{"holdings": true, "holding": true, "group": true, "company": true, "cos": true}

// PartnerName is the name by which two rows are the same partner beyond
// doubt: NormaliseName, but "Group", "Holdings" and "Company" are part of
// the name, so "Acme Holdings plc" and "Acme Group" stay two partners
// (possible duplicates, see LookAlike) while "Acme Holdings plc" and "ACME
// HOLDINGS" are one.
func PartnerName(name string) string { return normaliseName(name, true) }

func normaliseName(name string, keepGroup bool) string {
	var stack [128]byte // most names fit: no allocation but the result
	return string(appendNormalised(stack[:0], name, keepGroup))
}

// appendNormalised writes name as normaliseName gives it into buf's spare
// room and returns the normalised name, which is part of what it wrote,
// so that a caller with many names (AccountIndex) can keep them in a
// TextArena instead of making each a string of its own.
func appendNormalised(buf []byte, name string, keepGroup bool) []byte {
	s := name
	if i := strings.IndexByte(s, '&'); i >= 0 && strings.IndexByte(s[i:], ';') > 0 {
		s = html.UnescapeString(s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			s = withoutAccents(s)
			break
		}
	}
	// A listing's security part: "Artius II Acquisition Inc. - Class A
	// Ordinary Shares"; not a campus or a division ("University of Alaska -
	// Anchorage").
	if i := strings.Index(s, " - "); i > 0 && namesSecurity(s[i+3:]) {
		s = s[:i]
	}
	buf = appendNameWords(buf, s)
	// The words are trimmed on the buffer, so that the caller makes the
	// name a string once, at its final length.
	out := buf
	if len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1] // the only space a word can leave at an end
	}
	out = bytes.TrimPrefix(out, []byte("the "))
	// Drop trailing legal forms and share-class noise, keeping one word; an
	// "and" or "the" left at the end by them goes too ("JPMorgan Chase &
	// Co." → "jpmorgan chase", "Eastern Company (The)" → "eastern").
	for {
		i := bytes.LastIndexByte(out, ' ')
		if i < 0 {
			return out
		}
		last := out[i+1:]
		var w uint8
		if len(last) > 0 && trailingShapes[last[0]]&(1<<min(len(last), 31)) != 0 {
			w = trailingWords[string(last)]
		}
		switch {
		case keepGroup && w&groupWord != 0:
			return out
		case w&dropWord != 0:
			out = out[:i]
		case len(last) == 1 && bytes.HasSuffix(out[:i], []byte(" class")):
			out = out[:i-len(" class")]
		default:
			return out
		}
	}
}

// trailingWords marks, for normaliseName, the words it drops from the end of
// a name (legal forms, share-class noise, a stray "the", "and" or "de") and
// the group words PartnerName keeps: one lookup a word instead of three.
var trailingWords = func() map[string]uint8 {
	m := map[string]uint8{"the": dropWord, "and": dropWord, "de": dropWord}
	for _, words := range []map[string]bool{legalSuffixes, shareNoise} {
		for w, drop := range words {
			if drop {
				m[w] |= dropWord
			}
		}
	}
	for w := range groupWords {
		m[w] |= groupWord
	}
	return m
}()

// trailingShapes has, for each first byte of the words of trailingWords, a
// bit for each of their lengths (31 for 31 and more): most names end in a
// word of no such shape ("analytics", "2"), which then needs no lookup.
var trailingShapes = func() (t [256]uint32) {
	for w := range trailingWords {
		t[w[0]] |= 1 << min(len(w), 31)
	}
	return t
}()

const (
	dropWord uint8 = 1 << iota
	groupWord
)

// namesSecurity says whether the part of a name after " - " names a
// security ("Class A Common Stock", "Warrants", "American Depositary
// Shares") rather than a part of the company.
func namesSecurity(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if w == "class" || shareNoise[strings.Trim(w, ".,()")] {
			return true
		}
	}
	return false
}

// appendNameWords writes the words of a name in lower case, separated by
// single spaces, for appendNormalised: "&" is " and ", a dot or slash
// between letters ("S.A.", "A/S") and an apostrophe ("O'Reilly") join, and
// other punctuation separates. The bytes of ASCII names, nearly all, are
// looked up in nameBytes; from the first other byte on, appendNameRunes
// reads runes.
func appendNameWords(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return appendNameRunes(buf, s, i)
		}
		if b := nameBytes[c]; b != 0 {
			buf = append(buf, b)
			continue
		}
		switch {
		case c == '&':
			buf = appendSpace(buf)
			buf = append(buf, "and "...)
		case (c == '.' || c == '/') && i > 0 && i+1 < len(s) && isLetter(s[i-1]) && isLetter(s[i+1]):
		case c == '\'':
		default:
			buf = appendSpace(buf)
		}
	}
	return buf
}

// appendNameRunes is appendNameWords for s[from:], rune by rune.
func appendNameRunes(buf []byte, s string, from int) []byte {
	for i := from; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			buf = append(buf, byte(r))
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r+'a'-'A'))
		case r == '&':
			buf = appendSpace(buf)
			buf = append(buf, "and "...)
		case (r == '.' || r == '/') && i > 0 && i+1 < len(s) && isLetter(s[i-1]) && isLetter(s[i+1]):
			// "S.A." reads as "sa", "A/S" as "as"
		case r == '\'' || r == '’':
			// "O'Reilly" → "oreilly"
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			buf = appendSpace(buf)
		}
		i += size
	}
	return buf
}

// nameBytes gives, for an ASCII byte, what appendNameWords writes for it
// as part of a word: a digit or a lower-case letter, 0 for the others.
var nameBytes = func() (t [utf8.RuneSelf]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// appendSpace ends a word unless the buffer is empty or already ends one.
func appendSpace(buf []byte) []byte {
	if len(buf) == 0 || buf[len(buf)-1] == ' ' {
		return buf
	}
	return append(buf, ' ')
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
