package importers

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
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
