package resources

import (
	"bytes"
	"testing"
)

func TestEmbedded(t *testing.T) {
	if !bytes.HasPrefix(IconPNG, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("IconPNG does not start with the PNG signature")
	}
	lines := bytes.Count(bytes.TrimSpace(SamplePartnersCSV), []byte("\n"))
	if lines != 40 {
		t.Errorf("SamplePartnersCSV has %d data rows, want 40", lines)
	}
	// The deals themselves are checked against their generator in
	// sampledeals_test.go; here, that the file is there and stays small
	// enough to embed in every build.
	if !bytes.HasPrefix(SampleDealsCSV, []byte("Opportunity ID,Opportunity Name,Account Name,Stage,")) {
		t.Errorf("SampleDealsCSV does not start with a Salesforce opportunity report's header: %.60q", SampleDealsCSV)
	}
	if n := len(SampleDealsCSV); n == 0 || n >= 100<<10 {
		t.Errorf("SampleDealsCSV is %d bytes, want some and under 100 KB", n)
	}
}
