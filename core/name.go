package core

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

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
func NormaliseName(name string) string {
	s := name
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			if t, _, err := transform.String(foldAccents, s); err == nil {
				s = t
			}
			break
		}
	}
	// A listing's security part: "Artius II Acquisition Inc. - Class A Ordinary Shares".
	if i := strings.Index(s, " - "); i > 0 {
		s = s[:i]
	}
	// One pass writes lower-case words separated by single spaces.
	buf := make([]byte, 0, len(s)+8)
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			buf = append(buf, byte(r))
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r+'a'-'A'))
		case r == '&':
			buf = appendSpace(buf)
			buf = append(buf, "and "...)
		case r == '.' && i > 0 && i+1 < len(s) && isLetter(s[i-1]) && isLetter(s[i+1]):
			// "S.A." reads as "sa"
		case r == '\'' || r == '’':
			// "O'Reilly" → "oreilly"
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			buf = appendSpace(buf)
		}
	}
	out := strings.TrimSpace(string(buf))
	if strings.HasPrefix(out, "the ") {
		out = out[4:]
	}
	// Drop trailing legal forms and share-class noise, keeping one word.
	for {
		i := strings.LastIndexByte(out, ' ')
		if i < 0 {
			return out
		}
		last := out[i+1:]
		switch {
		case legalSuffixes[last] || shareNoise[last]:
			out = out[:i]
		case len(last) == 1 && strings.HasSuffix(out[:i], " class"):
			out = out[:i-len(" class")]
		default:
			return out
		}
	}
}

// appendSpace ends a word unless the buffer is empty or already ends one.
func appendSpace(buf []byte) []byte {
	if len(buf) == 0 || buf[len(buf)-1] == ' ' {
		return buf
	}
	return append(buf, ' ')
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
