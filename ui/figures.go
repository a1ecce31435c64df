package ui

import (
	"fmt"
	"math"
	"partneratlas/core"
	"strconv"
	"strings"
)

// How the dashboard writes the figures core measures: amounts with
// thousands separators in tables, short in tiles and charts; rates as whole
// percentages; a figure with nothing to rest on as a dash.

// noFigure stands for a rate or an average that has nothing to rest on.
const noFigure = "—"

// formatAmount writes an amount in whole units with thousands separators:
// 1,234,567. A negative amount keeps its sign.
func formatAmount(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return noFigure
	}
	s := strconv.FormatFloat(math.Abs(math.Round(v)), 'f', 0, 64)
	var b strings.Builder
	if v < 0 && s != "0" {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// formatShort writes an amount short enough for a tile or a bar: 845,
// 12.5 k, 845 k, 1.24 M, 3.1 B.
func formatShort(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return noFigure
	}
	a := math.Abs(v)
	sign := ""
	if v < 0 {
		sign = "-"
	}
	switch {
	case a >= 1e9:
		return sign + trimZeros(fmt.Sprintf("%.2f", a/1e9)) + " B"
	case a >= 1e6:
		return sign + trimZeros(fmt.Sprintf("%.2f", a/1e6)) + " M"
	case a >= 1e5:
		return sign + fmt.Sprintf("%.0f", a/1e3) + " k"
	case a >= 1e3:
		return sign + trimZeros(fmt.Sprintf("%.1f", a/1e3)) + " k"
	}
	return sign + fmt.Sprintf("%.0f", a)
}

// trimZeros drops the zeros a fixed number of decimals leaves: 1.50 → 1.5,
// 2.00 → 2.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// formatRate writes a rate (0–1) as a whole percentage: 62%.
func formatRate(r float64) string {
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return noFigure
	}
	return fmt.Sprintf("%.0f%%", 100*r)
}

// formatDays writes a number of days: 45 d.
func formatDays(d float64) string {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return noFigure
	}
	return fmt.Sprintf("%.0f d", d)
}

// formatCount writes a count with thousands separators: 12,408.
func formatCount(n int) string { return core.Thousands(n) }

// dealCount writes "1 deal", "12,408 deals".
func dealCount(n int) string {
	if n == 1 {
		return "1 deal"
	}
	return formatCount(n) + " deals"
}
