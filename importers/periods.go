package importers

import (
	"iter"
	"strings"
	"time"
)

// grain is what a full date in a date column stands for: itself, or the
// month, quarter or year it falls in, which a column headed Month says.
type grain int

const (
	asIs grain = iota
	monthGrain
	quarterGrain
	yearGrain
)

// grainOf reads a date column's header.
func grainOf(header string) grain {
	switch f := bracketless(header); {
	case strings.Contains(f, "month"):
		return monthGrain
	case strings.Contains(f, "quarter"):
		return quarterGrain
	case f == "year" || f == "fiscalyear":
		return yearGrain
	}
	return asIs
}

// end is the last day of the period of grain g that t falls in.
func (g grain) end(t time.Time) time.Time {
	switch g {
	case monthGrain:
		return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	case quarterGrain:
		return time.Date(t.Year(), (t.Month()-1)/3*3+4, 0, 0, 0, 0, 0, time.UTC)
	case yearGrain:
		return time.Date(t.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// revenueDate reads a date or a period as revenue files write them, in a
// column whose numeric dates are in order: a date (ParseDate) is itself, or
// the end of the period of grain g it falls in; a period is its last day
// (periodEnd).
func revenueDate(v string, order DateOrder, g grain) (time.Time, bool) {
	if t, ok := ParseDate(v, order); ok {
		return g.end(t), true
	}
	return periodEnd(v)
}

// monthNames are the months' English names and their short forms.
var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// periodEnd reads a month, quarter, half-year or year as revenue files
// write them and returns its last day: "2026-03", "03/2026", "Mar 2026",
// "March 2026", "Mar-26" (Excel's mmm-yy), "Q1 2026", "2026 Q1", "Q1-26",
// "1Q26", "H2 2025", "FY2025", "FY25", "2025". Fiscal years are calendar
// years. A two-figure year is only read beside a month's name, a quarter,
// a half or FY, as "03-26" could be many things.
func periodEnd(v string) (time.Time, bool) {
	toks := periodTokens(v)
	if len(toks) == 0 || len(toks) > 5 {
		return time.Time{}, false
	}
	var nums []string
	year, month, quarter, half := 0, time.Month(0), 0, 0
	marked := false                // a month's name, a quarter, a half or FY: a short number is a year
	lone := func(i, max int) int { // toks[i] as one digit from 1 to max, or 0
		if i >= 0 && i < len(toks) && len(toks[i]) == 1 && toks[i][0] >= '1' && toks[i][0] <= byte('0'+max) {
			return int(toks[i][0] - '0')
		}
		return 0
	}
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		switch {
		case tok[0] >= '0' && tok[0] <= '9':
			nums = append(nums, tok)
		case tok == "q" || tok == "quarter" || tok == "h" || tok == "half":
			max, at := 4, &quarter
			if tok[0] == 'h' {
				max, at = 2, &half
			}
			switch {
			case *at != 0:
				return time.Time{}, false
			case lone(i+1, max) > 0:
				*at = lone(i+1, max)
				i++
			case len(nums) > 0 && len(nums[len(nums)-1]) == 1 && lone(i-1, max) > 0:
				*at = lone(i-1, max) // 1Q26
				nums = nums[:len(nums)-1]
			default:
				return time.Time{}, false
			}
			marked = true
		case tok == "fy" || tok == "cy":
			marked = true
		default:
			m, ok := monthNames[tok]
			if !ok || month != 0 {
				return time.Time{}, false
			}
			month, marked = m, true
		}
	}
	for _, n := range nums {
		x := 0
		for _, c := range n {
			x = x*10 + int(c-'0')
		}
		switch {
		case len(n) == 4 && year == 0:
			year = x
		case len(n) <= 2 && month == 0 && quarter == 0 && half == 0 && !marked && x >= 1 && x <= 12 && len(nums) == 2:
			month = time.Month(x) // 2026-03, 03/2026
		case len(n) == 2 && marked && year == 0:
			year = fullYear(x)
		default:
			return time.Time{}, false
		}
	}
	if year < 1900 || year > 2200 || (month != 0 && (quarter != 0 || half != 0)) || (quarter != 0 && half != 0) {
		return time.Time{}, false
	}
	last := time.Month(12)
	switch {
	case month != 0:
		last = month
	case quarter != 0:
		last = time.Month(3 * quarter)
	case half != 0:
		last = time.Month(6 * half)
	}
	return time.Date(year, last+1, 0, 0, 0, 0, 0, time.UTC), true
}

// periodTokens splits a period into lower-case words and numbers: "Q1'26"
// is q, 1, 26; "FY2025" is fy, 2025; "Mar-2026" is mar, 2026.
func periodTokens(v string) []string {
	var toks []string
	v = strings.ToLower(strings.TrimSpace(v))
	start, kind := -1, 0 // kind: 1 letters, 2 digits
	for i := 0; i <= len(v); i++ {
		k := 0
		if i < len(v) {
			switch c := v[i]; {
			case c >= 'a' && c <= 'z':
				k = 1
			case c >= '0' && c <= '9':
				k = 2
			case c >= 0x80:
				return nil // no words of other alphabets: not a period
			}
		}
		if k != kind {
			if start >= 0 {
				toks = append(toks, v[start:i])
			}
			start, kind = -1, k
			if k != 0 {
				start = i
			}
		}
	}
	return toks
}

// fullYear reads a two-figure year as dateFields does: this century,
// unless that is more than twenty years ahead.
func fullYear(x int) int {
	y := 2000 + x
	if y > time.Now().Year()+20 {
		y -= 100
	}
	return y
}

// revenueOrder decides the order of a column of revenue dates: the
// column's own (dateColumn). When that is ambiguous, the order in which
// the dates fall on one day of varying months wins, as snapshots do
// (01/02/2026, 01/03/2026 … are the 1st of each month, day first); the
// column is still reported as ambiguous, as a guess it stays.
func revenueOrder(values iter.Seq[string]) (order DateOrder, ambiguous bool) {
	order, ambiguous = dateColumn(values)
	if !ambiguous {
		return order, false
	}
	firsts, seconds := map[int]bool{}, map[int]bool{}
	for v := range values {
		if a, b, _, _, ok := dateFields(v); ok {
			firsts[a], seconds[b] = true, true
		}
	}
	switch {
	case len(firsts) == 1 && len(seconds) > 1:
		return DayFirst, true
	case len(seconds) == 1 && len(firsts) > 1:
		return MonthFirst, true
	}
	return order, true
}

// orderWords says how numeric dates were read.
func orderWords(o DateOrder) string {
	if o == DayFirst {
		return "day first (03/04/2026 is 3 April)"
	}
	return "month first (03/04/2026 is 4 March)"
}
