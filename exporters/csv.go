package exporters

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
)

// SaveWorkbook writes the plan workbook of e (see planbook.Write) to path
// atomically: a temporary file in the same folder is written, synced and
// renamed over path, so a failed save leaves the old file as it was.
func SaveWorkbook(path string, e *core.Ecosystem, opt planbook.Options) error {
	return saveAtomic(path, func(w io.Writer) error { return planbook.Write(w, e, opt) })
}

// SaveCSV writes the partner table as CSV to path atomically. ev is e's
// evaluation when the caller has it (nil: it is worked out).
func SaveCSV(path string, e *core.Ecosystem, ev *core.Evaluation) error {
	return saveAtomic(path, func(w io.Writer) error { return WriteCSV(w, e, ev) })
}

// WriteCSV writes the partner table as CSV: the Partners sheet's columns,
// with score and tier as values, UTF-8 with a byte-order mark and CRLF line
// ends so that Excel opens it with accents intact. A text cell that a
// spreadsheet could take for a formula (it starts with =, +, -, @, a tab or
// a carriage return) is prefixed with a single quote, as OWASP advises
// against CSV injection. Numbers are written as numbers, never prefixed.
func WriteCSV(w io.Writer, e *core.Ecosystem, evaluation *core.Evaluation) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	pc := planbook.LayoutPartnerColumns(e)
	head := make([]string, len(pc.Headers))
	for i, h := range pc.Headers {
		head[i] = safeText(h)
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	ev := planbook.Evaluate(e, evaluation)
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	row := make([]string, len(pc.Headers))
	for i, p := range e.Partners {
		res := ev.Results[i]
		clear(row)
		for j, v := range planbook.FixedCells(p) {
			row[j] = safeText(v)
		}
		for j, c := range e.Scorecard.Criteria {
			if v, ok := p.Value(c.Key); ok {
				row[pc.Criteria+j] = num(v)
			}
		}
		at := pc.After
		row[at] = strconv.FormatFloat(res.Score, 'f', 2, 64)
		row[at+1] = string(res.Tier)
		row[at+2] = string(p.Override)
		row[at+3] = safeText(p.OverrideReason)
		if ev.Results[i].Complete {
			row[at+4] = strconv.FormatFloat(ev.Confidence[i], 'f', 3, 64)
		} else {
			row[at+4] = core.IncompleteText(e.MissingValues(p))
		}
		row[at+5] = strconv.Itoa(res.Rank)
		for j, h := range pc.ExtraCols {
			if v, ok := p.Extra(h); ok {
				row[pc.Extras+j] = safeText(v)
			}
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// safeText neutralises a text cell that a spreadsheet would run as a
// formula by putting a single quote in front of it: a cell that starts with
// =, +, -, @, a tab, a carriage return or a line feed, also after leading
// spaces (some programs trim them before they look).
func safeText(s string) string {
	t := strings.TrimLeft(s, " \u00a0")
	if t == "" {
		return s
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + s
	}
	return s
}
