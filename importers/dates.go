package importers

import (
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"
)

// DateOrder is how a column writes the day, month and year of its dates.
type DateOrder int

// The orders of a numeric date ("03/04/2026"). Year first ("2026-04-03")
// and dates with a month's name read the same in every order.
const (
	MonthFirst DateOrder = iota // 04/03/2026 is 3 April (United States)
	DayFirst                    // 03/04/2026 is 3 April (most of the world)
)

// dateColumn decides the order of a column of dates from its values: day
// first when some first field exceeds 12 (a month cannot), month first when
// some second field does. When neither does, the column is ambiguous: it is
// read month first ("." separators: day first) and the caller reports it.
// When both do, the column mixes orders: ambiguous too.
func dateColumn(values iter.Seq[string]) (order DateOrder, ambiguous bool) {
	dayFirst, monthFirst, dots, numeric := false, false, false, false
	for v := range values {
		a, b, _, sep, ok := dateFields(v)
		if !ok {
			continue
		}
		numeric = true
		dots = dots || sep == '.'
		if a > 12 && a <= 31 {
			dayFirst = true
		}
		if b > 12 && b <= 31 {
			monthFirst = true
		}
	}
	switch {
	case dayFirst && !monthFirst:
		return DayFirst, false
	case monthFirst && !dayFirst:
		return MonthFirst, false
	case dots:
		return DayFirst, numeric && dayFirst == monthFirst
	}
	return MonthFirst, numeric
}

// dateFields splits a numeric date whose year comes last ("20-10-16",
// "1/31/2026 14:05") into its two first fields, its year and its separator.
func dateFields(v string) (a, b, year int, sep byte, ok bool) {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, " T"); i > 0 {
		v = v[:i] // a time of day
	}
	for _, s := range []byte{'/', '-', '.'} {
		parts := strings.Split(v, string(s))
		if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 2 && len(parts[2]) != 4) {
			continue
		}
		x, err1 := strconv.Atoi(parts[0])
		y, err2 := strconv.Atoi(parts[1])
		z, err3 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || err3 != nil {
			return 0, 0, 0, 0, false
		}
		if len(parts[2]) == 2 {
			z += 2000
			if z > time.Now().Year()+20 {
				z -= 100
			}
		}
		return x, y, z, s, true
	}
	return 0, 0, 0, 0, false
}

// textDateLayouts are the dates with a month's name, or year first, that
// exports write.
var textDateLayouts = []string{
	"2006-01-02", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05",
	"2006/01/02", "2006/1/2", "2006.01.02", "2-Jan-06", "02-Jan-06", "2-Jan-2006", "2 Jan 2006", "02 Jan 2006",
	"2 January 2006", "Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "Mon, 2 Jan 2006", "Monday, January 2, 2006",
}

// ParseDate reads a date as exports write it, in a column whose order is
// order: year first ("2026-03-31", with or without a time), a month's name
// ("31 Mar 2026", "Mar 31, 2026"), numeric in the column's order
// ("03/31/2026", "31.03.26"), or a spreadsheet date serial ("46112"). It
// returns the calendar day, in UTC.
func ParseDate(v string, order DateOrder) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if a, b, y, _, ok := dateFields(v); ok {
		d, m := b, a
		if order == DayFirst {
			d, m = a, b
		}
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return time.Time{}, false
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return time.Time{}, false // 31 February
		}
		return t, true
	}
	for _, l := range textDateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	if x, err := strconv.ParseFloat(v, 64); err == nil && x > 20000 && x < 80000 {
		// a serial: days since 30 December 1899
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(x))
		return t, true
	}
	return time.Time{}, false
}

// ambiguousColumn is the problem of a column of dates that could be day
// first or month first, read in order: what the deal and revenue readers
// report.
func ambiguousColumn(t *Table, col int, order DateOrder) Problem {
	return Problem{Kind: BadValue, File: t.File, Sheet: t.Sheet, Column: columnName(t.Columns, col),
		Message: fmt.Sprintf("the dates of this column could be day first or month first: no day in it is over 12. They were read %s; if that is wrong, save the file with dates written as 2026-03-31.", orderWords(order))}
}

// cellDates parses the values of a column of date cells, which the sheet
// reader wrote in layout itself: exactly, without guessing an order. ok is
// false when the layout lacks a day or a year, or a value does not fit it
// (a date typed as text among the cells).
func cellDates(values iter.Seq[string], layout string) (dates map[string]time.Time, ok bool) {
	rest := strings.Replace(strings.Replace(layout, "2006", "", 1), "06", "", 1)
	if len(rest) == len(layout) || !strings.Contains(rest, "2") || !strings.ContainsAny(rest, "1J") {
		return nil, false // no year, day or month
	}
	dates = map[string]time.Time{}
	for v := range values {
		t, err := time.Parse(layout, v)
		if err != nil {
			return nil, false
		}
		dates[v] = t
	}
	return dates, true
}
