// Package roundtrip holds only tests: it checks that the plan workbook that
// package exporters writes is read back by package importers without loss,
// and that a workbook edited in a spreadsheet reopens with the edits. It
// sits apart because importers and exporters must not import each other.
package roundtrip
