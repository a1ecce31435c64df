package core

import "strconv"

// Thousands writes a count as a spreadsheet shows it, with thousands
// separators: 87,347. The app, the command line and the workbook all write
// their counts with it, so that "31,902 partners" reads the same wherever a
// user meets it.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
