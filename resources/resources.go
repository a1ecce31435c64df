// Package resources holds the assets the app embeds: the icon and the sample
// ecosystem that opens on first start. It imports nothing, so every layer may
// use it; the ui wraps the bytes in a fyne.Resource.
package resources

import _ "embed"

// SampleFileName is the name the sample ecosystem is imported under; it is
// the name the window shows and the name in each sample partner's sources.
const SampleFileName = "sample-partners.csv"

// SamplePartnersCSV is the sample ecosystem: 40 invented partners of
// "Northwind Analytics", a made-up B2B analytics company.
//
//go:embed sample-partners.csv
var SamplePartnersCSV []byte

// SampleDealsFileName is the name the sample deal export is imported under:
// the file the dashboard names as the source of the sample's deals.
const SampleDealsFileName = "sample-deals.csv"

// SampleDealsCSV is the sample ecosystem's deals: a Salesforce opportunity
// report of Northwind Analytics over the two years to 30 November 2026, so
// that the first start already shows the Activate & measure dashboard. It
// is written by its generator, TestGenerateSampleDeals, never by hand.
//
//go:embed sample-deals.csv
var SampleDealsCSV []byte

// IconPNG is the app icon, the same file FyneApp.toml names.
//
//go:embed icon.png
var IconPNG []byte
