package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
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
	// origin is the plan workbook a document restored after a crash came
	// from: it has no Path, so that Save asks where, and Save As proposes
	// this one.
	origin string
}

// NewDocument returns an empty document with the default scorecard.
func NewDocument(today time.Time) *Document {
	return &Document{Ecosystem: core.NewEcosystem("Partner ecosystem", today), Name: "Untitled"}
}

// SampleDocument imports the embedded sample ecosystem, as the app shows it
// on first start, through the path every document takes: its partner list,
// then its deal export, so the first start already shows what partners
// bring in.
func SampleDocument(today time.Time) (*Document, error) {
	src, err := planbook.ReadData(resources.SampleFileName, resources.SamplePartnersCSV, importers.Options{})
	if err != nil {
		return nil, err
	}
	eco := planbook.Assemble([]*planbook.Source{src}, today).Ecosystem
	if eco.Name == "" {
		eco.Name = "Sample ecosystem"
	}
	deals, err := sampleDeals()
	if err != nil {
		return nil, err
	}
	eco.AddDeals(resources.SampleDealsFileName, deals)
	return &Document{Ecosystem: eco, Name: resources.SampleFileName, Sample: true}, nil
}

// sampleDeals reads the sample's deal export as any export is read.
func sampleDeals() ([]core.Deal, error) {
	f, err := importers.Open(resources.SampleDealsFileName, resources.SampleDealsCSV, importers.Options{})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	res, err := importers.ReadDealList(f, importers.Options{})
	if err != nil {
		return nil, fmt.Errorf("the sample deals: %w", err)
	}
	return res.Deals, nil
}

// Icon is the app icon as a Fyne resource.
func Icon() fyne.Resource {
	return fyne.NewStaticResource("icon.png", resources.IconPNG)
}
