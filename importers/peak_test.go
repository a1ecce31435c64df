package importers

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestReadPeakMemory measures what one read of a big workbook costs a whole
// process, which a benchmark cannot: the peak resident memory (VmHWM, Linux
// only). It runs only when PARTNERATLAS_PEAK names what to read, in a
// process of its own, so nothing else has grown the peak before:
//
//	go test -c -o /tmp/importers.test ./importers
//	PARTNERATLAS_PEAK=libreoffice /tmp/importers.test -test.run TestReadPeakMemory -test.v
//
// PARTNERATLAS_PEAK is "libreoffice" (the big LibreOffice-saved workbook),
// "partners" or "deals" (the 100,000-row benchmark workbooks), or a path.
// Set PARTNERATLAS_SLOW=1 to read with excelize's Rows only, as before the
// sheet reader.
func TestReadPeakMemory(t *testing.T) {
	what := os.Getenv("PARTNERATLAS_PEAK")
	if what == "" {
		t.Skip("set PARTNERATLAS_PEAK to measure a read's peak memory")
	}
	if os.Getenv("PARTNERATLAS_SLOW") == "1" {
		fastSheets = false
		defer func() { fastSheets = true }()
	}
	var path string
	deals := false
	b := &testing.B{}
	switch what {
	case "libreoffice":
		path = libreOfficeBook(t, 100_000)
	case "partners":
		path = writeBenchXLSX(t, 100_000)
	case "deals":
		path, deals = writeBenchDealsXLSX(b, 100_000), true
	default:
		path = what
	}
	runtime.GC()
	before := vmHWM(t)
	start, cpu0 := time.Now(), cpuTime()
	var n int
	if deals {
		res, err := ReadDeals(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		n = len(res.Deals)
	} else {
		res, err := ReadFile(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		n = len(res.Partners)
	}
	wall, cpu := time.Since(start), cpuTime()-cpu0
	t.Logf("%s: %d rows read in %.2f s (%.2f s CPU); peak RSS %d MB (%d MB before the read)",
		what, n, wall.Seconds(), cpu.Seconds(), vmHWM(t)>>10, before>>10)
}

// vmHWM is the process's peak resident set in kB, from /proc/self/status.
func vmHWM(t *testing.T) int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status: peak memory is measured on Linux only")
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			var kb int
			for _, f := range strings.Fields(string(rest)) {
				for _, c := range f {
					if c >= '0' && c <= '9' {
						kb = kb*10 + int(c-'0')
					}
				}
				break
			}
			return kb
		}
	}
	t.Skip("no VmHWM in /proc/self/status")
	return 0
}
