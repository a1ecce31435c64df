package importers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"partneratlas/core"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"
)

// batchesCSV is a partner list of n rows that gives problems of several
// kinds all the way down (websites that are none, unknown roles, values
// outside the scale, names missing, ragged rows, a cell pasted with tabs)
// and, at row wide, a row wider than the header, which adds columns.
func batchesCSV(n, wide int) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"Partner Name", "Website", "Partner Type", "Formal Partner", "Shared ICP", "Notes"})
	for i := range n {
		rec := []string{fmt.Sprint("Partner ", i), fmt.Sprintf("partner%d.com", i), "Reseller", "Yes", fmt.Sprint(1 + i%5), fmt.Sprint("note ", i)}
		switch {
		case i == wide:
			rec = append(rec, "an extra cell", "and another")
		case i%97 == 0:
			rec[1] = "not a website"
		case i%89 == 0:
			rec[2] = "Wizard"
		case i%83 == 0:
			rec[4] = "9"
		case i%79 == 0:
			rec[0] = ""
		case i%73 == 0:
			rec = rec[:4]
		case i%71 == 0:
			rec = []string{fmt.Sprint("Partner ", i) + "\t" + fmt.Sprintf("partner%d.com", i), "Channel", "No", "3", "pasted"}
		case i%67 == 0:
			rec[3] = "perhaps"
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

// TestPartnerBatchesMatchOneReader checks that a list read in batches on
// every core gives what one reader gives: the same partners in the same
// order, the same problems in the same order, the same columns and counts,
// for lists of one batch, of many, with a row that widens the table early,
// late or not at all, from a CSV and from a workbook.
func TestPartnerBatchesMatchOneReader(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		n, wide int
		xlsx    bool
	}{
		{"one batch", batchRows - 5, -1, false},
		{"one batch, widened among the rows the header was found in", batchRows - 5, 10, false},
		{"one batch and a row, widened", batchRows + 1, 100, false},
		{"many batches, widened in the first", 3*batchRows + 17, 100, false},
		{"many batches, widened in the third", 3*batchRows + 17, 2*batchRows + 3, false},
		{"many batches, widened on a batch's first row", 3*batchRows + 17, batchRows, false},
		{"never widened", 2*batchRows + 1, -1, false},
		{"a workbook of many batches", 2*batchRows + 9, batchRows + 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := batchesCSV(tt.n, tt.wide)
			path := filepath.Join(dir, tt.name+".csv")
			if tt.xlsx {
				path = csvAsXLSX(t, data, filepath.Join(dir, tt.name+".xlsx"))
			} else if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			one, many := readOnCores(t, path, 1), readOnCores(t, path, 4)
			if len(one.Partners) < tt.n*9/10 || len(one.Problems) < tt.n/40 {
				t.Fatalf("%d partners and %d problems read: the list does not test much", len(one.Partners), len(one.Problems))
			}
			if !reflect.DeepEqual(one.Table, many.Table) {
				for i := range min(len(one.Problems), len(many.Problems)) {
					if one.Problems[i] != many.Problems[i] {
						t.Fatalf("problem %d: one reader %+v, batches %+v", i, one.Problems[i], many.Problems[i])
					}
				}
				t.Fatalf("the tables differ: %d problems against %d, %d rows against %d, columns %v against %v",
					len(one.Problems), len(many.Problems), one.Rows, many.Rows, one.Columns, many.Columns)
			}
			if len(one.Partners) != len(many.Partners) {
				t.Fatalf("%d partners against %d", len(one.Partners), len(many.Partners))
			}
			for i := range one.Partners {
				if !reflect.DeepEqual(one.Partners[i], many.Partners[i]) {
					t.Fatalf("partner %d: one reader %+v, batches %+v", i, one.Partners[i], many.Partners[i])
				}
			}
		})
	}
}

// TestPartnerBatchesListTheFirstProblems checks that, past the problems a
// list names of one kind, batches list the table's first ones and count
// the rest, as one reader does.
func TestPartnerBatchesListTheFirstProblems(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200,000 problems twice")
	}
	var buf bytes.Buffer
	buf.WriteString("Partner Name,Website\n")
	for i := range maxProblemsPerKind + 3*batchRows {
		fmt.Fprintf(&buf, "Partner %d,not a website %d\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "many.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	one, many := readOnCores(t, path, 1), readOnCores(t, path, 4)
	if !reflect.DeepEqual(one.Problems, many.Problems) {
		t.Fatalf("%d problems listed by one reader, %d by batches", len(one.Problems), len(many.Problems))
	}
	last := one.Problems[len(one.Problems)-1]
	if want := fmt.Sprintf("%s more problems of this kind", core.Thousands(3*batchRows)); !bytes.Contains([]byte(last.Message), []byte(want)) {
		t.Errorf("the last problem says %q, want %q", last.Message, want)
	}
}

// readOnCores reads the partner list at path with procs cores.
func readOnCores(t *testing.T, path string, procs int) *Result {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	res, err := ReadFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// csvAsXLSX writes the rows of a CSV as the first sheet of a workbook at
// path, each cell a string.
func csvAsXLSX(t testing.TB, data []byte, path string) string {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	book := newStreamedBook(t, rows[0])
	for _, r := range rows[1:] {
		row := make([]any, len(r))
		for i, c := range r {
			row[i] = c
		}
		book.add(row)
	}
	return book.saveAs(path)
}

// panicRows is a row source that panics after n rows, as a damaged sheet
// could make a reader do.
type panicRows struct{ n, row int }

func (p *panicRows) next() ([]string, int, error) {
	if p.row == p.n {
		panic("a damaged row")
	}
	p.row++
	return []string{fmt.Sprint("Partner ", p.row), "partner.com"}, p.row + 1, nil
}

// TestPartnerBatchesEndWhenReadingPanics checks that a panic while rows are
// read, with batches already handed out, leaves no worker behind: each
// damaged file opened in the app would otherwise leave a core's worth of
// goroutines waiting for ever.
func TestPartnerBatchesEndWhenReadingPanics(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	before := runtime.NumGoroutine()
	f := &File{Name: "damaged.csv"}
	res := &Result{}
	tab := &found{f: f, header: rawRow{row: 1, cells: []string{"Partner Name", "Website"}}, src: &panicRows{n: 3 * batchRows}}
	r := newPartnerReader(res, Options{Scorecard: core.DefaultScorecard()}, tab)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not come through")
			}
		}()
		r.readRows(tab)
	}()
	for range 100 { // the workers end once they are done with what they were given
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines before reading, %d after", before, runtime.NumGoroutine())
}
