// Package importers reads the spreadsheets a partner team already has: the
// one way in for a user's file. Open (or OpenFile) sniffs the file by its
// first bytes, refuses what it cannot read with a reason and a fix, decrypts
// a workbook with its password, decodes a text file (BOM, UTF-16, a guessed
// Windows-1252 or the encoding the user names) and finds its delimiter. The
// readers then find their table in the File, the same way for every kind:
// the sheet and the header row that fit best (or those the user chose), a
// header merged over several rows joined, hidden rows read, cells merged
// down filled. Partner lists (ReadPartners), account lists
// (ReadAccountList) and tech-stack surveys (ReadSurveyTable) are such
// tables; exporters/planbook reads the app's own workbook through the same
// File.
//
// Each column maps to a field by its header (case and punctuation do not
// matter, synonyms such as "Company", "Site" and "Category" are known); every
// column a reader does not map is kept; numbers are read as people write
// them (ParseNumber). Every problem names its file, sheet, row and column in
// words a partner manager understands. Nothing a user gives it panics: wrong
// formats, encrypted and legacy workbooks, odd encodings and damaged files
// end in an *Error whose Kind says what went wrong.
//
// importers imports core, excelize and golang.org/x/text; never exporters,
// ui or fyne.
package importers
