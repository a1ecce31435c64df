package importers

// This file is owned by the workbook engineer: it recognises a plan workbook
// written by package exporters and restores the ecosystem from it.
