package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"partneratlas/core"
	"partneratlas/importers"
	"partneratlas/resources"
)

// Document is what the window works on: one ecosystem and the plan workbook
// it lives in.
type Document struct {
	Ecosystem *core.Ecosystem
	// Path is the plan workbook the document was opened from or last saved
	// to. It is empty for the sample and for a document made from partner
	// lists: Save then asks where to write, so that the app never writes over
	// a spreadsheet the user imported.
	Path string
	// Name is what the status bar calls a document without a Path.
	Name string
	// Sample says this is the embedded sample, untouched: the first import
	// replaces it instead of merging into it.
	Sample bool
	// Unsaved says the document changed since it was last saved.
	Unsaved bool
	// Imported lists the paths of the files imported into the document in
	// this session; Save As asks before writing over one of them.
	Imported []string
}

// NewDocument returns an empty document with the default scorecard.
func NewDocument(today time.Time) *Document {
	return &Document{Ecosystem: core.NewEcosystem("Partner ecosystem", today), Name: "Untitled"}
}

// SampleDocument imports the embedded sample ecosystem, as the app shows it
// on first start.
func SampleDocument(today time.Time) (*Document, error) {
	res, err := importers.Read(resources.SampleFileName, resources.SamplePartnersCSV,
		importers.Options{Scorecard: core.DefaultScorecard()})
	if err != nil {
		return nil, err
	}
	eco, _ := importers.Combine([]*importers.Result{res}, today)
	if eco.Name == "" {
		eco.Name = "Sample ecosystem"
	}
	return &Document{Ecosystem: eco, Name: resources.SampleFileName, Sample: true}, nil
}

// Icon is the app icon as a Fyne resource.
func Icon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", resources.IconPNG)
}

// evaluation is everything core computes that the window shows. Confidence
// is worked out off the UI goroutine and may be nil until it arrives.
type evaluation struct {
	core.Evaluation
	Confidence []float64 // per partner, 0–1, in the order of Ecosystem.Partners
}

// confidence returns partner i's tier confidence and whether it is known.
func (ev evaluation) confidence(i int) (float64, bool) {
	if i < len(ev.Confidence) {
		return ev.Confidence[i], true
	}
	return 0, false
}

// uniqueProblems joins problem lists, dropping repeats, so a problem reported
// both by a file's import and by Combine is shown once.
func uniqueProblems(lists ...[]importers.Problem) []importers.Problem {
	var out []importers.Problem
	seen := map[string]bool{}
	for _, l := range lists {
		for _, p := range l {
			s := p.String()
			if !seen[s] {
				seen[s] = true
				out = append(out, p)
			}
		}
	}
	return out
}
