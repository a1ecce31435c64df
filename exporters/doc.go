// Package exporters writes an ecosystem out: the plan workbook (.xlsx) that
// is both what the user shares and what the app reopens, and a CSV of the
// partner table.
//
// The workbook's sheets, in order, are Summary, Partners, Scorecard, Tiered
// plan, Plays and Maturity matrix, plus a hidden About sheet by which the
// app recognises its own workbook. Scores and tiers on the Partners sheet
// are live formulas over the Scorecard sheet, each written with the value
// core computed as its cached result, so that readers that do not
// recalculate see the same numbers as Excel and LibreOffice do.
//
// exporters imports core and excelize, never importers or the ui.
package exporters
