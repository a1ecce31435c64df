package importers

import (
	"math"
	"strconv"
	"strings"
)

// ParseNumber reads a number as people write it, in a cell or in an entry of
// the app: "4", " 4 ", "4.0", "3,5" (decimal comma), "1,234.5", "1,026,746"
// and "1.234,5" (thousands separators; a lone comma before exactly three
// digits, "1,337", is one too), "$1,337.00", "12 €", "EUR 12 500" and
// "1.234,56 CHF" (currency signs and codes), "42%" (0.42), "(12)" (-12),
// " 9.8 M", "3k" and "2bn" (thousands, millions, billions). It is the one
// number parser of the app: partner lists, account lists, the plan workbook
// and the weights typed in the window all read numbers through it.
func ParseNumber(s string) (float64, bool) {
	if x, ok := plainNumber(s); ok {
		return x, true
	}
	if x, ok := groupedNumber(s); ok {
		return x, true
	}
	return parseNumberSlowly(s)
}

// parseNumberSlowly is ParseNumber for every form but the two common ones
// plainNumber and groupedNumber read.
func parseNumberSlowly(s string) (float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	if s == "" || len(s) > 64 {
		return 0, false
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	scale := 1.0
	if strings.HasSuffix(s, "%") {
		scale, s = 0.01, strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	s = withoutCurrency(s)
	if strings.HasPrefix(s, "-") && len(s) > 1 {
		s = "-" + withoutCurrency(s[1:]) // -$12
	}
	if scale == 1 && len(s) > 1 {
		last := s[len(s)-1]
		mult := 0.0
		switch last {
		case 'k', 'K':
			mult = 1e3
		case 'm', 'M':
			mult = 1e6
		case 'b', 'B':
			mult = 1e9
		}
		if mult != 0 && strings.ContainsAny(s[len(s)-2:len(s)-1], "0123456789 ") {
			scale, s = mult, strings.TrimSpace(s[:len(s)-1])
		} else if strings.HasSuffix(s, "bn") {
			scale, s = 1e9, strings.TrimSpace(strings.TrimSuffix(s, "bn"))
		}
	}
	s = strings.ReplaceAll(s, " ", "")
	s = strings.ReplaceAll(s, "'", "") // 1'234 (Swiss)
	if s == "" {
		return 0, false
	}
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case comma >= 0 && dot < 0:
		if strings.Count(s, ",") == 1 && !(len(s)-comma-1 == 3 && comma > 0 && strings.Trim(s[:comma], "-+0") != "") {
			s = strings.Replace(s, ",", ".", 1)
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case comma >= 0 && dot >= 0 && comma < dot:
		s = strings.ReplaceAll(s, ",", "")
	case comma >= 0 && dot >= 0:
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case dot >= 0 && strings.Count(s, ".") > 1:
		s = strings.ReplaceAll(s, ".", "") // 1.234.567
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E') {
			return 0, false // no hex, no "Inf", no "NaN"
		}
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	x *= scale
	if neg {
		x = -x
	}
	return x, true
}

// plainNumber reads a number written the way a spreadsheet stores it and
// most exports write it: digits, at most one point, an optional minus
// ("12500", "-3.25"). Most cells are such numbers; they skip the work of
// ParseNumber's other forms.
func plainNumber(s string) (float64, bool) {
	if s == "" || len(s) > 24 {
		return 0, false
	}
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		case c == '-' && i == 0:
		default:
			return 0, false
		}
	}
	if digits == 0 || dots > 1 {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil
}

// groupedNumber reads, without allocating, an amount as a CRM export writes
// it: an optional "$", digits grouped by commas in threes and an optional
// point and decimals ("$12,345.00", "1,026,746", "$0.50"), at most 15
// digits in all. With commas, the first group has one to three digits and
// does not start with 0 ("0,123" is a decimal comma, for parseNumberSlowly).
// It gives exactly what strconv.ParseFloat gives the digits without commas:
// the digits as a whole number and a power of ten are both exact in a
// float64, and one division of exact numbers is correctly rounded.
func groupedNumber(s string) (float64, bool) {
	s = strings.TrimPrefix(s, "$")
	var mant uint64
	digits, group, commas, decimals := 0, 0, 0, -1 // decimals: -1 before the point
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			group++
			if decimals >= 0 {
				decimals++
			}
		case c == ',' && decimals < 0:
			if commas == 0 && (group == 0 || group > 3 || s[0] == '0') || commas > 0 && group != 3 {
				return 0, false
			}
			commas++
			group = 0
		case c == '.' && decimals < 0:
			if commas > 0 && group != 3 || group == 0 {
				return 0, false
			}
			decimals, group = 0, 0
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 || decimals == 0 || commas > 0 && decimals < 0 && group != 3 {
		return 0, false
	}
	return float64(mant) / pow10[max(decimals, 0)], true
}

// pow10 holds the powers of ten groupedNumber divides by, all exact.
var pow10 = [16]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// withoutCurrency trims currency signs ("$", "€", "R$", "kr") and a
// currency code ("EUR", "CHF") from either end of s.
func withoutCurrency(s string) string {
	s = strings.TrimSpace(strings.Trim(s, "$€£¥₹"))
	if s == "" || !isASCIILetter(s[0]) && !isASCIILetter(s[len(s)-1]) {
		return s // no code: each starts with a letter, and ends with one but "R$" (whose "$" the Trim took)
	}
	for _, c := range currencyCodes {
		if t, ok := strings.CutPrefix(s, c); ok {
			s = t
			break
		}
		if t, ok := strings.CutSuffix(s, c); ok {
			s = t
			break
		}
	}
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "$€£¥₹"))
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// currencyCodes are the currency codes and signs of letters that amounts
// carry in CRM exports.
var currencyCodes = []string{"USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK",
	"PLN", "CZK", "HUF", "INR", "CNY", "HKD", "SGD", "BRL", "MXN", "ZAR", "AED", "R$", "kr"}

// isErrorValue says whether a cell holds one of a spreadsheet's error values,
// which a formula gives when it fails.
func isErrorValue(s string) bool {
	switch strings.TrimSpace(s) {
	case "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
		"#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!":
		return true
	}
	return false
}

// maxCellChars is the most characters Excel keeps in one cell, counted as
// Excel counts them: in UTF-16 code units, so an emoji counts two.
const maxCellChars = 32767

// excelLength is the length of s as Excel counts it.
func excelLength(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// ParseYesNo reads a yes-or-no cell ("Yes", "n", "x", "✓", "Oui"…); ok is
// false when the cell says neither.
func ParseYesNo(s string) (yes, ok bool) {
	var buf [32]byte
	switch string(appendFolded(buf[:0], s)) { // compared, not kept: no allocation
	case "yes", "y", "true", "1", "x", "formal", "signed", "contract", "ja", "oui", "si", "sí":
		return true, true
	case "no", "n", "false", "0", "informal", "none", "unsigned", "nocontract", "nein", "non":
		return false, true
	}
	if s == "✓" || s == "✔" || s == "☑" {
		return true, true
	}
	return false, false
}
