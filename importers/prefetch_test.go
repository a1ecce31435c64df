package importers

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
)

// fakeRows is a row source of n rows that then ends with end, or panics
// with the message panics when it is set.
type fakeRows struct {
	n, at  int
	end    error
	panics string
	// gate, when set, is waited on before each row, so a test decides when
	// the facts come.
	gate chan struct{}
}

func (f *fakeRows) next() ([]string, int, error) {
	if f.gate != nil {
		<-f.gate
	}
	if f.at == f.n {
		if f.panics != "" {
			panic(f.panics)
		}
		return nil, 0, f.end
	}
	f.at++
	return []string{fmt.Sprint("row ", f.at), ""}, f.at + 1, nil
}

// TestPrefetchGivesWhatTheSourceGives reads fake sheets through a prefetch
// and then the source, as found.each does: the rows must come once each, in
// order, and the end as the source gave it (an error, or its panic again on
// the reader's goroutine), whether the facts came before the end or after.
func TestPrefetchGivesWhatTheSourceGives(t *testing.T) {
	broken := errors.New("the sheet's XML is broken at row 5")
	for _, tt := range []struct {
		name        string
		src         fakeRows
		factsAfter  int // rows read ahead before the facts come; -1: they come after the end
		wantRows    int
		wantErr     error
		wantPanic   string
		wantEndedIn bool // the end was met while reading ahead
	}{
		{"facts after the end", fakeRows{n: 50, end: io.EOF}, -1, 50, nil, "", true},
		{"facts halfway", fakeRows{n: 50, end: io.EOF}, 20, 50, nil, "", false},
		{"facts at once", fakeRows{n: 50, end: io.EOF}, 0, 50, nil, "", false},
		{"an error ahead", fakeRows{n: 4, end: broken}, -1, 4, broken, "", true},
		{"an error after", fakeRows{n: 4, end: broken}, 2, 4, broken, "", false},
		{"a panic ahead", fakeRows{n: 3, panics: "index out of range"}, -1, 3, nil, "index out of range", true},
		{"an empty sheet", fakeRows{n: 0, end: io.EOF}, -1, 0, nil, "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src
			src.gate = make(chan struct{})
			facts := make(chan struct{})
			p := startPrefetch(&src, facts)
			// Let the reader take factsAfter rows (or all of them), then
			// the facts come.
			for i := 0; tt.factsAfter < 0 || i < tt.factsAfter; i++ {
				if tt.factsAfter < 0 && i > src.n {
					break
				}
				src.gate <- struct{}{}
			}
			close(facts)
			close(src.gate) // the source no longer waits
			p.wait()
			if ended := p.end != nil || p.panicked != nil; ended != tt.wantEndedIn {
				t.Fatalf("ended while reading ahead: %v, want %v (%d rows ahead)", ended, tt.wantEndedIn, p.count())
			}
			var got []int
			var err error
			func() {
				defer func() {
					switch r := recover(); {
					case tt.wantPanic == "" && r != nil:
						t.Fatalf("panicked with %v", r)
					case tt.wantPanic != "" && r != tt.wantPanic:
						t.Fatalf("panicked with %v, want %q", r, tt.wantPanic)
					}
				}()
				emit := func(cells []string, n int) {
					if want := fmt.Sprint("row ", n-1); cells[0] != want {
						t.Errorf("row %d holds %q, want %q", n, cells[0], want)
					}
					got = append(got, n)
				}
				ended, e := p.each(emit)
				err = e
				for !ended {
					cells, n, e := src.next()
					if e == io.EOF {
						break
					}
					if e != nil {
						err = e
						break
					}
					emit(cells, n)
				}
			}()
			if tt.wantPanic != "" {
				return
			}
			want := make([]int, tt.wantRows)
			for i := range want {
				want[i] = i + 2
			}
			if len(got) == 0 {
				got = []int{}
			}
			if !reflect.DeepEqual(got, want) || !errors.Is(err, tt.wantErr) {
				t.Errorf("rows %v, error %v; want rows 2…%d, error %v", got, err, tt.wantRows+1, tt.wantErr)
			}
		})
	}
}
