// Package exporters writes files out of an ecosystem: the plan workbook,
// saved atomically (its format, both ways, is package exporters/planbook),
// and the CSV of the partner table.
//
// Every save is atomic: a temporary file beside the target is written,
// synced and renamed over it, so a crash or a full disk leaves the previous
// file whole. A save that fails returns a *SaveError whose Kind says why
// (read only, disk full, in use, no folder), so each front end can say what
// to do in its own words.
//
// exporters imports core and exporters/planbook, never importers or the ui.
package exporters
