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
}
