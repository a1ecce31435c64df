// Package importers turns the spreadsheets a partner team already has into
// core partners: .xlsx workbooks (through excelize) and .csv, .tsv and .txt
// exports (through gocsv over a per-file encoding/csv reader).
//
// An import finds the sheet and the header row that hold the partner table,
// maps each column to a field by its header (case and punctuation do not
// matter, synonyms such as "Company", "Site" and "Category" are known), reads
// each row into a core.Partner, keeps every column it does not map as an
// extra, and reports every problem with its file, sheet, row and column in
// words a partner manager understands. Nothing a user gives it panics: wrong
// formats, encrypted and legacy workbooks, odd encodings and damaged files end
// in an *Error whose Kind says what went wrong.
//
// importers imports core, excelize, gocsv and golang.org/x/text; never
// exporters, ui or fyne.
package importers
