package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestScreenImages renders each step over the sample at 1280×800 and
// compares it with the golden image a person looked at. On a miss the image
// lands in testdata/failed/; look at it, and copy it over the master when
// the change is wanted.
func TestScreenImages(t *testing.T) {
	test.ApplyTheme(t, test.Theme())
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	for s := stepDiscover; s < numSteps; s++ {
		w.Show(s)
		waitConfidence(t, w)
		test.AssertRendersToImage(t, goldenNames[s], w.Window.Canvas())
	}
}

var goldenNames = [numSteps]string{
	stepDiscover:   "discover.png",
	stepSegment:    "segment.png",
	stepEvaluate:   "evaluate.png",
	stepPrioritize: "prioritize.png",
	stepDesign:     "design.png",
	stepActivate:   "activate.png",
	stepMaturity:   "maturity.png",
}
