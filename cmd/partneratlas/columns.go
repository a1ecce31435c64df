package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"partneratlas/core"
	"partneratlas/importers"
)

// tableChoice is what the import preview lets a user choose, on the command
// line: which column is which (--column "HEADER=FIELD"), the sheet
// (--sheet), the header row (--header-row) and a text file's encoding
// (--encoding), for a file a CRM exports every week that nobody can rename
// columns in.
type tableChoice struct {
	columns   list // HEADER=FIELD
	sheet     string
	headerRow int
	encoding  string
}

// register adds the options to fs; what names the files they apply to.
func (c *tableChoice) register(fs *flag.FlagSet, what string) {
	fs.Var(&c.columns, "column", "map the column headed `HEADER=FIELD` in "+what+" (FIELD: name, website, roles, owner, region, a criterion's name, ignore …; HEADER may be a column letter); repeat for each column")
	fs.StringVar(&c.sheet, "sheet", "", "read the sheet named `NAME` of "+what+" (default: the sheet that holds the table)")
	fs.IntVar(&c.headerRow, "header-row", 0, "the header is row `N` of "+what+" (default: found by its names)")
	fs.StringVar(&c.encoding, "encoding", "", "read every text file the command reads in the encoding `NAME`: utf-8, windows-1252, utf-16le, iso-8859-15, macintosh, shift_jis … (default: detected for each file)")
}

// columnNeeds says what --column, --sheet and --header-row need.
var columnNeeds = map[string]string{
	"column":     `a header and a field, such as --column "Vendor=name"`,
	"sheet":      "a sheet's name, such as --sheet Partners",
	"header-row": "a row number, such as --header-row 3",
	"encoding":   "an encoding's name, such as --encoding windows-1252",
}

// mapping is one --column, read.
type mapping struct {
	header string
	column importers.Column
	used   bool
}

// mappings reads the --column values against the scorecard.
func (c *tableChoice) mappings(sc core.Scorecard) ([]*mapping, error) {
	var out []*mapping
	for _, v := range c.columns {
		h, f, ok := strings.Cut(v, "=")
		h, f = strings.TrimSpace(h), strings.TrimSpace(f)
		if !ok || h == "" || f == "" {
			return nil, fmt.Errorf(`--column needs a header and a field, such as --column "Vendor=name"; %q has no "=".`, v)
		}
		col, ok := importers.ParseField(f, sc)
		if !ok {
			return nil, fmt.Errorf("--column %q: %q is not a field. Use name, website, roles, other roles, formal partner, owner, region, tier override, override reason, a criterion (%s), extra or ignore.", v, f, criterionNames(sc))
		}
		out = append(out, &mapping{header: h, column: col})
	}
	if c.headerRow < 0 {
		return nil, fmt.Errorf("--header-row needs a row number from 1, not %d.", c.headerRow)
	}
	return out, nil
}

func criterionNames(sc core.Scorecard) string {
	names := make([]string, len(sc.Criteria))
	for i, c := range sc.Criteria {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// first are the importers' options for a file's first read: the sheet, the
// header row and the encoding chosen.
func (c *tableChoice) first() importers.Options {
	return importers.Options{Sheet: c.sheet, HeaderRow: c.headerRow, Encoding: c.encoding}
}

// options are the importers' options for a file whose columns, as first
// read, are cols: each --column whose header (or letter) the file has.
func (c *tableChoice) options(maps []*mapping, cols []importers.Column) importers.Options {
	opt := c.first()
	for _, m := range maps {
		for _, col := range cols {
			if strings.EqualFold(strings.TrimSpace(col.Header), m.header) || strings.EqualFold(col.Letter, m.header) ||
				strconv.Itoa(col.Index+1) == m.header {
				if opt.Columns == nil {
					opt.Columns = map[int]importers.Column{}
				}
				opt.Columns[col.Index] = m.column
				m.used = true
			}
		}
	}
	return opt
}

// unused is the message for --column values no file had the header of.
func unused(maps []*mapping, files []string, seen [][]importers.Column) string {
	for _, m := range maps {
		if m.used {
			continue
		}
		var headers []string
		for _, cols := range seen {
			for _, c := range cols {
				if c.Header != "" {
					headers = append(headers, strconv.Quote(c.Header))
				}
			}
		}
		return fmt.Sprintf("--column %q: no column of %s is headed %q. The headers are: %s.", m.header+"="+importers.FieldLabel(m.column.Field),
			strings.Join(files, ", "), m.header, strings.Join(headers, ", "))
	}
	return ""
}
