package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// today is the fixed date of every test, so review dates and the golden
// image do not move.
var today = time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC)

func newTestWindow(t *testing.T) *MainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	doc, err := SampleDocument(today)
	if err != nil {
		t.Fatalf("SampleDocument: %v", err)
	}
	w := newMainWindow(a, doc, func() time.Time { return today })
	t.Cleanup(w.Window.Close)
	return w
}

// cellText renders the table cell of row and col into a fresh template and
// returns the text it shows.
func cellText(v *partnersView, row, col int) string {
	o := newPartnerCell()
	v.updateCell(widget.TableCellID{Row: row, Col: col}, o)
	cell := o.(*fyne.Container)
	if chip := cell.Objects[1].(*tierChip); chip.Visible() {
		return chip.text.Text
	}
	return cell.Objects[0].(*widget.Label).Text
}

func TestSampleTableShowsCoreScores(t *testing.T) {
	w := newTestWindow(t)
	v := w.partners
	eco := w.Document().Ecosystem
	ev := eco.Evaluate()

	if rows, cols := v.table.Length(); rows != 40 || cols != numColumns {
		t.Fatalf("table.Length() = %d, %d, want 40, %d", rows, cols, numColumns)
	}
	if got, want := v.count.Text, "Showing 40 of 40 partners"; got != want {
		t.Errorf("count = %q, want %q", got, want)
	}
	seen := map[string]bool{}
	for row := 0; row < 40; row++ {
		name := cellText(v, row, colName)
		i := slices.IndexFunc(eco.Partners, func(p *core.Partner) bool { return p.Name == name })
		if i < 0 {
			t.Fatalf("row %d shows %q, not a partner of the sample", row, name)
		}
		seen[name] = true
		if got, want := cellText(v, row, colScore), formatScore(ev.Results[i].Score); got != want {
			t.Errorf("score of %s = %q, want %q", name, got, want)
		}
		if got, want := cellText(v, row, colTier), string(ev.Results[i].Tier); got != want {
			t.Errorf("tier of %s = %q, want %q", name, got, want)
		}
	}
	if len(seen) != 40 {
		t.Errorf("the table shows %d different partners, want 40", len(seen))
	}
	// The first sort is by score, highest first.
	for row := 1; row < 40; row++ {
		prev, cur := ev.Results[v.rows[row-1]].Score, ev.Results[v.rows[row]].Score
		if prev < cur {
			t.Fatalf("row %d scores %v after %v: not sorted by score, highest first", row, cur, prev)
		}
	}
	// The status bar says what core says.
	if got, want := w.band.Text, ev.Band.Message; got != want {
		t.Errorf("band = %q, want %q", got, want)
	}
	if got, want := w.count.Text, "40 partners"; got != want {
		t.Errorf("status count = %q, want %q", got, want)
	}
	if got, want := w.file.Text, "sample-partners.csv (sample)"; got != want {
		t.Errorf("file = %q, want %q", got, want)
	}
	if got, want := w.review.Text, "Next review "+formatDate(eco.Review.Next); got != want {
		t.Errorf("review = %q, want %q", got, want)
	}
}

func TestFormatScore(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{80, "80.00"}, {82.5, "82.50"}, {76.25, "76.25"}, {0, "0.00"}, {100, "100.00"}, {33.33, "33.33"}} {
		if got := formatScore(c.in); got != c.want {
			t.Errorf("formatScore(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchFiltersByNameOwnerRegion(t *testing.T) {
	w := newTestWindow(t)
	eco := w.Document().Ecosystem
	for _, q := range []string{"Lindqvist", "apac", "cobalt", "zzz-nothing"} {
		want := 0
		for _, p := range eco.Partners {
			for _, s := range []string{p.Name, p.Owner, p.Region} {
				if strings.Contains(strings.ToLower(s), strings.ToLower(q)) {
					want++
					break
				}
			}
		}
		w.partners.search.SetText("")
		test.Type(w.partners.search, q)
		if got, wantText := w.partners.count.Text, fmt.Sprintf("Showing %d of 40 partners", want); got != wantText {
			t.Errorf("search %q: count = %q, want %q", q, got, wantText)
		}
		if rows, _ := w.partners.table.Length(); rows != want {
			t.Errorf("search %q: %d rows, want %d", q, rows, want)
		}
	}
}

// header finds the rendered header cell of column col.
func header(t *testing.T, w *MainWindow, col int) *headerCell {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Window.Content()) {
		if h, ok := o.(*headerCell); ok && h.col == col && h.Visible() {
			return h
		}
	}
	t.Fatalf("no header for column %d", col)
	return nil
}

func TestTapHeaderSorts(t *testing.T) {
	w := newTestWindow(t)
	v := w.partners
	scores := func() []float64 {
		s := make([]float64, len(v.rows))
		for i, r := range v.rows {
			s[i] = v.ev.Results[r].Score
		}
		return s
	}
	if s := scores(); !slices.IsSortedFunc(s, func(a, b float64) int { return cmpFloat(b, a) }) {
		t.Fatalf("first order is not by score, highest first: %v", s)
	}
	test.Tap(header(t, w, colScore))
	if s := scores(); !slices.IsSorted(s) {
		t.Errorf("after one tap on Score, scores are not ascending: %v", s)
	}
	test.Tap(header(t, w, colScore))
	if s := scores(); !slices.IsSortedFunc(s, func(a, b float64) int { return cmpFloat(b, a) }) {
		t.Errorf("after two taps on Score, scores are not descending: %v", s)
	}
	test.Tap(header(t, w, colName))
	names := make([]string, len(v.rows))
	for i, r := range v.rows {
		names[i] = strings.ToLower(w.Document().Ecosystem.Partners[r].Name)
	}
	if !slices.IsSorted(names) {
		t.Errorf("after a tap on Partner, names are not from A to Z: %v", names)
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportReplacesSampleThenMerges(t *testing.T) {
	w := newTestWindow(t)
	first := writeFile(t, "resellers.csv", "Partner Name,Website,Partner Type,Partner Owner,Region,Shared ICP,Customer Overlap,Product Alignment,Revenue Potential\n"+
		"Acme Resale,acme-resale.example,Reseller,Ann Lee,EMEA,5,4,4,5\n"+
		"Borealis Systems,borealis.example,Integration,Bo Tan,APAC,3,3,2,2\n")
	<-w.Import(first)
	doc := w.Document()
	if got := len(doc.Ecosystem.Partners); got != 2 {
		t.Fatalf("after importing into the sample, %d partners, want 2 (the import replaces the sample)", got)
	}
	if doc.Sample || !doc.Unsaved || doc.Name != "resellers.csv" {
		t.Errorf("document = sample %v, unsaved %v, name %q; want false, true, resellers.csv", doc.Sample, doc.Unsaved, doc.Name)
	}
	if got := w.message.Text; !strings.HasPrefix(got, "Replaced the sample with resellers.csv") {
		t.Errorf("message = %q, want it to say the sample was replaced", got)
	}
	if got := w.file.Text; got != "• resellers.csv" {
		t.Errorf("file = %q, want the unsaved marker and the name", got)
	}

	second := writeFile(t, "agencies.csv", "Partner Name,Website,Partner Type,Partner Owner,Region,Shared ICP,Customer Overlap,Product Alignment,Revenue Potential\n"+
		"Cirrus Agency,cirrus.example,Agency,Cy Ro,Global,4,4,4,4\n"+
		"Acme Resale,https://www.acme-resale.example/about,Reseller,Ann Lee,EMEA,5,4,4,5\n")
	<-w.Import(second)
	eco := w.Document().Ecosystem
	if got := len(eco.Partners); got != 3 {
		t.Fatalf("after merging, %d partners, want 3 (Acme Resale once)", got)
	}
	if rows, _ := w.partners.table.Length(); rows != 3 {
		t.Errorf("table shows %d rows, want 3", rows)
	}
	ev := eco.Evaluate()
	for row := 0; row < 3; row++ {
		i := w.partners.rows[row]
		if got, want := cellText(w.partners, row, colScore), formatScore(ev.Results[i].Score); got != want {
			t.Errorf("score of %s = %q, want %q", eco.Partners[i].Name, got, want)
		}
	}
}

func TestImportErrorKeepsDocument(t *testing.T) {
	w := newTestWindow(t)
	bad := writeFile(t, "old.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really a workbook")
	<-w.Import(bad)
	if got := len(w.Document().Ecosystem.Partners); got != 40 {
		t.Errorf("after a failed import, %d partners, want the sample's 40", got)
	}
	if top := w.Window.Canvas().Overlays().Top(); top == nil {
		t.Errorf("no dialog explains the failed import")
	}
	if got := w.message.Text; !strings.Contains(got, "Could not import old.xls") {
		t.Errorf("message = %q, want it to say the import failed", got)
	}
}

func TestExportWorkbookAndCSV(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "partner-plan.xlsx")
	<-w.ExportWorkbook(book)
	data, err := os.ReadFile(book)
	if err != nil {
		t.Fatalf("the workbook was not written: %v", err)
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		t.Errorf("the workbook is not a zip file: starts %q", data[:min(8, len(data))])
	}
	doc := w.Document()
	if doc.Path != book || doc.Unsaved || doc.Sample {
		t.Errorf("after export, document = path %q unsaved %v sample %v; want %q, false, false", doc.Path, doc.Unsaved, doc.Sample, book)
	}

	csvPath := filepath.Join(dir, "partners.csv")
	<-w.ExportCSV(csvPath)
	data, err = os.ReadFile(csvPath)
	if err != nil {
		t.Fatalf("the CSV was not written: %v", err)
	}
	if lines := strings.Count(strings.TrimSpace(string(data)), "\n"); lines < 40 {
		t.Errorf("the CSV has %d lines after its header, want at least 40", lines)
	}
}

func TestMainWindowImage(t *testing.T) {
	test.ApplyTheme(t, test.Theme())
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	test.AssertRendersToImage(t, "main_window.png", w.Window.Canvas())
}

func TestFileDialogsOpen(t *testing.T) {
	w := newTestWindow(t)
	for name, show := range map[string]func(){
		"import":          w.showImportDialog,
		"export workbook": w.showExportWorkbookDialog,
		"export csv":      w.showExportCSVDialog,
	} {
		show()
		top := w.Window.Canvas().Overlays().Top()
		if top == nil {
			t.Errorf("%s: no dialog shown", name)
			continue
		}
		w.Window.Canvas().Overlays().Remove(top)
	}
}

func TestCancelIgnoresResult(t *testing.T) {
	w := newTestWindow(t)
	release := make(chan struct{})
	finished := false
	done := w.startJob("Importing", "Reading big.xlsx…", func() func() {
		<-release
		return func() { finished = true }
	})
	if !w.importButton.Disabled() {
		t.Errorf("Import is enabled while a job runs")
	}
	var cancel *widget.Button
	for _, o := range test.LaidOutObjects(w.Window.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Cancel" {
			cancel = b
		}
	}
	if cancel == nil {
		t.Fatal("the progress dialog has no Cancel button")
	}
	test.Tap(cancel)
	if w.importButton.Disabled() {
		t.Errorf("Import is still disabled after Cancel")
	}
	close(release)
	<-done
	if finished {
		t.Errorf("the result of a cancelled job was applied")
	}
}
