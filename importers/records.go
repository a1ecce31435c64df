package importers

import (
	"io"
	"strings"
)

// records splits delimited text into records: the one CSV reader of the
// app, for partner lists, account lists and surveys alike. A quoted cell may
// hold delimiters, doubled quotes and line breaks (a CR LF inside it reads
// as LF, as encoding/csv has it); a stray quote inside an unquoted cell, and
// text after a closing quote, are kept as written; an unterminated quote
// runs to the end of the file. Rows are numbered as a spreadsheet opening
// the file numbers them: one a record, blank lines included, however many
// lines a quoted cell spans.
//
// Cells are substrings of s, so a row costs no allocation unless a cell
// holds a doubled quote or a CR LF inside quotes. encoding/csv, which the
// app used before, copies every record and reads the 1,000,000-row
// benchmark file 2–3 times slower (BenchmarkCSVRecords).
type records struct {
	s     string
	pos   int
	row   int
	delim byte
	rec   []string
}

func newRecords(text string, delim rune) *records {
	return &records{s: text, delim: byte(delim)}
}

func (t *records) next() ([]string, int, error) {
	if t.pos >= len(t.s) {
		return nil, 0, io.EOF
	}
	s := t.s
	t.rec = t.rec[:0]
	t.row++
	i := t.pos
	for {
		var c string
		if i < len(s) && s[i] == '"' {
			c, i = t.quoted(i)
		} else {
			k := i
			for k < len(s) && s[k] != t.delim && s[k] != '\n' {
				k++
			}
			c, i = strings.TrimSuffix(s[i:k], "\r"), k
		}
		t.rec = append(t.rec, c)
		if i >= len(s) || s[i] == '\n' {
			t.pos = min(i+1, len(s))
			return t.rec, t.row, nil
		}
		i++ // past the delimiter
	}
}

// quoted reads the quoted cell that starts at s[i] and returns it with the
// position of the delimiter or line end after it.
func (t *records) quoted(i int) (string, int) {
	s := t.s
	var b strings.Builder
	start, copied := i+1, false
	j := start
	for {
		k := strings.IndexByte(s[j:], '"')
		if k < 0 { // unterminated: the rest of the file
			j = len(s)
			break
		}
		j += k
		if j+1 < len(s) && s[j+1] == '"' {
			b.WriteString(s[start : j+1])
			copied = true
			j += 2
			start = j
			continue
		}
		break
	}
	end := min(j, len(s))
	var c string
	if copied {
		b.WriteString(s[start:end])
		c = b.String()
	} else {
		c = s[start:end]
	}
	if strings.Contains(c, "\r\n") {
		c = strings.ReplaceAll(c, "\r\n", "\n")
	}
	i = min(j+1, len(s))
	// Text after the closing quote, up to the delimiter, is kept.
	k := i
	for k < len(s) && s[k] != t.delim && s[k] != '\n' {
		k++
	}
	if k > i {
		c += strings.TrimRight(s[i:k], "\r")
	}
	return c, k
}
