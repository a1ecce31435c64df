package importers

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadUserFileWhole: a file is read whole and exactly, whether in one
// piece or, from splitReadSize on, in parts on several cores, into a fresh
// buffer or into one given back by an earlier read that is larger or
// smaller than the file.
func TestReadUserFileWhole(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tt := range []struct {
		name    string
		size    int
		bufSize int
	}{
		{"small", 1_000, 0},
		{"small into a larger buffer", 1_000, 64 << 10},
		{"one byte short of parts", splitReadSize - 1, 0},
		{"in parts", splitReadSize, 0},
		{"in parts, an odd size", 3*splitReadSize + 7, 0},
		{"in parts into a larger buffer", splitReadSize + 1, 2 * splitReadSize},
		{"in parts into a smaller buffer", splitReadSize + 1, 1 << 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := make([]byte, tt.size)
			for i := range want {
				want[i] = byte(rng.Uint32())
			}
			path := filepath.Join(dir, "file.csv")
			if err := os.WriteFile(path, want, 0o600); err != nil {
				t.Fatal(err)
			}
			buf := bytes.Repeat([]byte{'x'}, tt.bufSize)
			got, err := readUserFile(path, buf)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("read %d bytes, want the file's %d", len(got), len(want))
			}
		})
	}
}

// TestAccountListsShareOneBuffer: account lists read from files are read
// into one buffer, given back once each is read (readPathCopied), so what
// a list's result holds must survive the next file read into the same
// bytes. Before the give-back, a string kept in place would change here.
func TestAccountListsShareOneBuffer(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.csv")
	second := filepath.Join(dir, "second.csv")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(first, "Account Name,Website,Status,Amount\nAcme Corp,https://WWW.Acme.com/x,Customer,\n"+
		"Globex,globex.com; globex.co.uk,Open opportunity,\"$12,500\"\nInitech,,Opportunity,lots\nUmbrella,umbrella.io,Lead,\n")
	write(second, strings.Repeat("X", 40)+"\nzzzz,zzzz,zzzz\n"+strings.Repeat("y,", 200)+"\n")
	// A sync.Pool may drop what it is given (under the race detector it
	// drops a quarter on purpose): the first list is read until its buffer
	// is seen given back.
	var res *AccountsResult
	for try := 0; ; try++ {
		var err error
		if res, err = ReadAccounts(first, Options{}); err != nil {
			t.Fatal(err)
		}
		if b, ok := textBuffers.Get().(*[]byte); ok && cap(*b) > 0 {
			textBuffers.Put(b)
			break
		}
		if try == 20 {
			t.Fatal("the first file's buffer was never given back: the test checks nothing")
		}
	}
	was := fmt.Sprintf("%+v", *res)
	for range 3 {
		ReadAccounts(second, Options{}) // a list the reader refuses, read into the same bytes
	}
	if now := fmt.Sprintf("%+v", *res); now != was {
		t.Fatalf("the first list changed when the second was read:\nwas %s\nnow %s", was, now)
	}
}

// TestCaught: a panic in a reader's own goroutine, the facts scan's or the
// inflater's, comes back as an error with its stack instead of ending the
// program, and a goroutine that returns leaves the error alone.
func TestCaught(t *testing.T) {
	tests := []struct {
		name string
		work func()
		want string // "" for no error
	}{
		{"returns", func() {}, ""},
		{"panics", func() { panic("boom") }, "panic: boom"},
		{"index out of range", func() { _ = []int{}[len(os.Args)] }, "panic: runtime error: index out of range"},
	}
	for _, tt := range tests {
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer caught(&err)
			tt.work()
		}()
		<-done
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: err = %v, want none", tt.name, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want) || !strings.Contains(err.Error(), "TestCaught")):
			t.Errorf("%s: err = %v, want %q and the stack", tt.name, err, tt.want)
		}
	}
}
