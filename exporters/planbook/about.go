package planbook

import (
	"fmt"
	"sort"
	"strings"

	"partneratlas/core"
	"partneratlas/importers"
)

// The labels of the About sheet, beside the marker in A1.
const (
	aboutVersion   = "Format version"
	aboutEcosystem = "Ecosystem"
	aboutExported  = "Exported"
	// The user's verdicts on partners that look alike (core.SamePartners).
	aboutPartner = "Partner"
	aboutOther   = "Looks like"
	aboutSame    = "One partner"
)

// writeAbout writes the hidden sheet by which the app recognises its own
// workbook. A sheet survives Excel, LibreOffice and Google Sheets, where
// custom document properties and defined names are not always kept.
func (b *book) writeAbout() error {
	s, err := b.stream(SheetAbout, 24, 60)
	if err != nil {
		return err
	}
	if err := s.addAll([][]any{
		{Marker},
		{aboutVersion, FormatVersion},
		{aboutEcosystem, b.e.Name},
		{aboutExported, styled(b.st.date, core.Date(b.opt.Today))},
		nil,
		{"Partner Atlas reads this sheet to recognise and reopen the workbook. Please leave it in place."},
	}); err != nil {
		return err
	}
	if len(b.e.SamePartners) > 0 {
		if err := s.addAll([][]any{nil, {"Your verdicts on partners that look alike (names as compared):"}, {aboutPartner, aboutOther, aboutSame}}); err != nil {
			return err
		}
		keys := make([]string, 0, len(b.e.SamePartners))
		for k := range b.e.SamePartners {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			a, other, _ := strings.Cut(k, "\x00")
			if err := s.add(a, other, YesNo(b.e.SamePartners[k])); err != nil {
				return err
			}
		}
	}
	return s.flush()
}

// readAbout reads the About sheet: the format version, refused when newer
// than FormatVersion, and the ecosystem's name. A workbook without the sheet
// (deleted by hand) is read as version 1.
func (pr *reader) readAbout() error {
	about := sheetNamed(pr.f, SheetAbout)
	if about == "" {
		return nil
	}
	rows, _ := rawRows(pr.f, about, headerScan)
	if v, ok := labelled(rows, aboutVersion); ok {
		n, isNumber := number(v)
		if !isNumber || n != float64(int(n)) || n < 1 {
			pr.problem(importers.BadValue, about, 0, "", "the format version %q cannot be read; the workbook is read as version %d.", v, FormatVersion)
		} else if int(n) > FormatVersion {
			return &importers.Error{Problem: importers.Problem{Kind: importers.Unsupported, File: pr.file, Sheet: about,
				Message: fmt.Sprintf("this plan workbook was saved by a newer Partner Atlas (format version %d; this one reads version %d). Update Partner Atlas to open it; nothing was changed in the file.", int(n), FormatVersion)},
				Err: ErrVersion}
		}
	}
	if v, ok := labelled(rows, aboutEcosystem); ok {
		pr.e.Name = v
	}
	if v, ok := labelled(rows, aboutExported); ok {
		pr.exported, _ = date(v)
	}
	all, _ := rawRows(pr.f, about, 0)
	if h, ok := findLabels(all, aboutPartner, aboutOther, aboutSame); ok {
		idx := indexHeader(all[h])
		for _, r := range all[h+1:] {
			a, other := idx.cell(r, aboutPartner), idx.cell(r, aboutOther)
			if a == "" || other == "" {
				continue
			}
			if pr.e.SamePartners == nil {
				pr.e.SamePartners = core.SamePartners{}
			}
			pr.e.SamePartners[core.PairKey(a, other)] = fold(idx.cell(r, aboutSame)) == "yes"
		}
	}
	return nil
}
