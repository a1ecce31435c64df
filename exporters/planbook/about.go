package planbook

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"slices"
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
	// The private overlap requests whose state the user keeps in the plan.
	aboutRequest = "Private overlap request"
	aboutPart    = "Part"
	aboutState   = "Secret and state (encoded)"
)

// privateChunk is the most characters of an encoded state one cell holds:
// well under Excel's 32,767.
const privateChunk = 16_000

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
	if err := b.writePrivateRequests(s); err != nil {
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

// writePrivateRequests writes the private overlap requests kept in the
// plan: each state as core writes it, base64-encoded and cut into cells.
func (b *book) writePrivateRequests(s *streamSheet) error {
	if len(b.e.PrivateRequests) == 0 {
		return nil
	}
	if err := s.addAll([][]any{nil,
		{"The secrets of private overlap requests you chose to keep in this plan. With this workbook and one of its requests, anyone can test guesses against your account list: never send this workbook to the partner."},
		{aboutRequest, aboutPart, aboutState}}); err != nil {
		return err
	}
	for _, st := range b.e.PrivateRequests {
		var raw bytes.Buffer
		if _, err := st.WriteTo(&raw); err != nil {
			return err
		}
		enc := base64.StdEncoding.EncodeToString(raw.Bytes())
		for part := 0; part*privateChunk < len(enc); part++ {
			if err := s.add(st.RequestID, part+1, enc[part*privateChunk:min(len(enc), (part+1)*privateChunk)]); err != nil {
				return err
			}
		}
	}
	return nil
}

// readPrivateRequests reads the private overlap requests kept in the plan,
// from the rows below their header to the first row without a request.
func (pr *reader) readPrivateRequests(about string, all [][]string) {
	h, ok := findLabels(all, aboutRequest, aboutPart, aboutState)
	if !ok {
		return
	}
	idx := indexHeader(all[h])
	type piece struct {
		part int
		text string
	}
	parts := map[string][]piece{}
	var ids []string
	for _, r := range all[h+1:] {
		id := idx.cell(r, aboutRequest)
		if id == "" {
			break
		}
		n, _ := number(idx.cell(r, aboutPart))
		if _, seen := parts[id]; !seen {
			ids = append(ids, id)
		}
		parts[id] = append(parts[id], piece{int(n), idx.cell(r, aboutState)})
	}
	for _, id := range ids {
		ps := parts[id]
		slices.SortFunc(ps, func(a, b piece) int { return a.part - b.part })
		var enc strings.Builder
		for _, p := range ps {
			enc.WriteString(p.text)
		}
		raw, err := base64.StdEncoding.DecodeString(enc.String())
		var st *core.PrivateState
		if err == nil {
			st, err = core.ReadPrivateState(bytes.NewReader(raw))
		}
		if err != nil || st.RequestID != id {
			pr.problem(importers.BadValue, about, 0, "", "the kept secret of private overlap request %.8s cannot be read (%v); its answer cannot be opened from this plan.", id, err)
			continue
		}
		pr.e.PrivateRequests = append(pr.e.PrivateRequests, st)
	}
}

// readAbout reads the About sheet: the format version, refused when newer
// than FormatVersion, and the ecosystem's name. A workbook without the sheet
// (deleted by hand) is read as version 1.
func (pr *reader) readAbout() error {
	about := pr.sheetNamed(SheetAbout)
	if about == "" {
		return nil
	}
	rows, _ := pr.rawRows(about, headerScan)
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
	all, _ := pr.rawRows(about, 0)
	pr.readPrivateRequests(about, all)
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
