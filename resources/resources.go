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

// IconPNG is the app icon, the same file FyneApp.toml names.
//
//go:embed icon.png
var IconPNG []byte
