package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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

// TestScreenImagesAtLaptopSizes renders each step at 1280×800 and
// 1366×768, over the sample and over a 40-partner list imported as a user
// does, and compares each with its golden image in testdata/laptop.
func TestScreenImagesAtLaptopSizes(t *testing.T) {
	for _, doc := range []struct {
		name string
		make func(t *testing.T) *MainWindow
	}{{"sample", func(t *testing.T) *MainWindow { return newTestWindow(t) }}, {"imported", newImportedWindow}} {
		test.ApplyTheme(t, test.Theme())
		w := doc.make(t)
		for _, size := range laptopSizes {
			w.Window.Resize(size)
			for s := stepDiscover; s < numSteps; s++ {
				if doc.name == "sample" && size.Width == 1280 {
					continue // TestScreenImages
				}
				w.Show(s)
				waitConfidence(t, w)
				name := fmt.Sprintf("laptop/%s-%vx%v-%s", doc.name, size.Width, size.Height, goldenNames[s])
				test.AssertRendersToImage(t, name, w.Window.Canvas())
			}
		}
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

// TestDashboardImages renders the tabs of Activate & measure over the
// sample's partners and the Salesforce export of testdata (a deal chosen in
// the deals list), and the tab without deals, and compares each with its
// golden image.
func TestDashboardImages(t *testing.T) {
	test.ApplyTheme(t, test.Theme())
	w := newDealsWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.Show(stepActivate)
	waitConfidence(t, w)
	s := activate(w)
	for i, name := range []string{"activate-impact.png", "activate-partners.png", "activate-deals.png", "activate-rules.png"} {
		s.tabs.SelectIndex(i)
		if s.tabs.Selected() == s.dealsTab {
			s.deals.table.Select(widget.TableCellID{Row: 2, Col: 0})
		}
		test.AssertRendersToImage(t, name, w.Window.Canvas())
	}
	s.tabs.SelectIndex(0)
	s.deals.removeExport(salesforceExport)
	test.AssertRendersToImage(t, "activate-empty.png", w.Window.Canvas())
}
