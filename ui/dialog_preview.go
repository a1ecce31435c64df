package ui

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
	"partneratlas/exporters/planbook"
	"partneratlas/importers"
)

const criterionPrefix = "Criterion: "

// importPreview is the dialog that shows an import before it is merged,
// and lets the user change the sheet, the header row and each column's
// mapping. It works through a queue of files, one at a time: partner lists,
// merged into the plan, and deal exports, added to its deals.
type importPreview struct {
	w     *MainWindow
	queue []queuedFile
	open  bool

	uri     fyne.URI
	deals   bool // the file is a deal export, not a partner list
	opt     importers.Options
	res     *planbook.Source       // the last read of a partner list
	dealRes *importers.DealsResult // the last read of a deal export
	err     error
	gen     int // the last read asked for

	dialog  *dialog.CustomDialog
	summary *widget.Label
	sheet   *widget.Select
	// sampleWidths are the widths of the preview's columns, each from its
	// header and its values, so a partner's name shows whole.
	sampleWidths []float32
	// sheetBox holds the sheet selector as wide as its longest sheet name.
	sheetBox *fyne.Container
	header   *widget.Entry
	encoding *encodingChoice
	mapping  *fyne.Container
	selects  []*widget.Select
	sample   *widget.Table
	problems *widget.Label
	reading  *widget.ProgressBarInfinite
	importOK *widget.Button
	cancel   *widget.Button
	// read closes when the last read is shown, merged when the merge is;
	// tests wait on them.
	read   chan struct{}
	merged <-chan struct{}
	// password asks for the password of an encrypted workbook; tests type
	// into passwordEntry and submit.
	password      *dialog.FormDialog
	passwordEntry *widget.Entry
}

// next previews the next file of the queue, or ends. The channel closes
// when its first read is shown.
func (p *importPreview) next() <-chan struct{} {
	p.read = make(chan struct{})
	if len(p.queue) == 0 {
		p.open = false
		close(p.read)
		return p.read
	}
	p.uri, p.deals, p.queue = p.queue[0].uri, p.queue[0].deals, p.queue[1:]
	p.res, p.dealRes = nil, nil
	p.opt = importers.Options{Scorecard: p.w.doc.Ecosystem.Scorecard.Clone()}
	p.open = true
	p.w.useFolder(p.uri)
	return p.readFirst()
}

// readFirst reads the current file for its first preview, off the UI
// goroutine. A password-protected workbook asks for its password and is
// read again with it.
func (p *importPreview) readFirst() <-chan struct{} {
	p.read = make(chan struct{})
	uri, opt, read, deals := p.uri, p.opt, p.read, p.deals
	p.w.startJob("Importing", "Reading "+uri.Name()+"…", func() func() {
		start := time.Now()
		res, dealRes, err := readFor(deals, uri, opt)
		p.w.logRead(uri, deals, start, res, dealRes, err)
		return func() {
			defer close(read)
			if importers.KindOf(err) == importers.Encrypted {
				p.askPassword(err)
				return
			}
			if !canPreview(res != nil || dealRes != nil, err) {
				p.w.showImportError(uri.Name(), err)
				p.next()
				return
			}
			p.res, p.dealRes, p.err = res, dealRes, err
			p.show()
		}
	})
	return read
}

// readFor reads uri as a partner list or, when deals is set, as a deal
// export. It runs off the UI goroutine.
func readFor(deals bool, uri fyne.URI, opt importers.Options) (*planbook.Source, *importers.DealsResult, error) {
	if deals {
		res, err := readDealsURI(uri, opt)
		return nil, res, err
	}
	res, err := readURI(uri, opt)
	return res, nil, err
}

// table is the table of the last read, nil before the first.
func (p *importPreview) table() *importers.Table {
	switch {
	case p.deals && p.dealRes != nil:
		return &p.dealRes.Table
	case !p.deals && p.res != nil:
		return &p.res.Table
	}
	return nil
}

// fieldChoices lists what a column of the file can map to.
func (p *importPreview) fieldChoices() []string {
	if p.deals {
		return dealFieldChoices()
	}
	return fieldChoices(p.opt.Scorecard)
}

// choiceOf is the choice that shows a column's mapping.
func (p *importPreview) choiceOf(c importers.Column) string {
	if p.deals {
		return dealFieldLabels[c.Field]
	}
	return choiceOf(c, p.opt.Scorecard)
}

// columnOf turns a choice back into a mapping.
func (p *importPreview) columnOf(choice string) importers.Column {
	if p.deals {
		for f, l := range dealFieldLabels {
			if l == choice {
				return importers.Column{Field: f}
			}
		}
		return importers.Column{Field: importers.FieldExtra}
	}
	return columnOf(choice, p.opt.Scorecard)
}

// plan says whether the preview reads a plan workbook saved by the app.
func (p *importPreview) plan() bool { return !p.deals && p.res != nil && p.res.Plan != nil }

// reread reads the file again with the options the user changed, off the
// UI goroutine, while the preview shows that it reads.
func (p *importPreview) reread() {
	p.gen++
	gen := p.gen
	uri, opt, deals := p.uri, p.opt, p.deals
	p.read = make(chan struct{})
	read := p.read
	p.reading.Show()
	p.reading.Start()
	p.importOK.Disable()
	p.w.env.background(func() {
		start := time.Now()
		res, dealRes, err := readFor(deals, uri, opt)
		p.w.logRead(uri, deals, start, res, dealRes, err)
		fyne.Do(func() {
			defer close(read)
			if gen != p.gen || !p.open {
				return
			}
			p.reading.Stop()
			p.reading.Hide()
			if res == nil && dealRes == nil {
				// Nothing read: the sheets stay those of the last read.
				blank := importers.Table{File: uri.Name(), Sheet: opt.Sheet, Sheets: p.table().Sheets, HeaderRow: opt.HeaderRow}
				if deals {
					dealRes = &importers.DealsResult{Table: blank}
				} else {
					res = &planbook.Source{}
					res.Table = blank
				}
			}
			p.res, p.dealRes = res, dealRes
			p.err = err
			p.fill()
		})
	})
}

// show opens the dialog on the file just read.
func (p *importPreview) show() {
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.sheet = widget.NewSelect(nil, func(s string) {
		if s == "" || p.table() == nil || s == p.table().Sheet {
			return
		}
		p.opt.Sheet, p.opt.HeaderRow, p.opt.Columns = s, 0, nil
		p.reread()
	})
	p.header = widget.NewEntry()
	p.header.OnSubmitted = func(string) { p.setHeaderRow(p.header.Text) }
	minus := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { p.stepHeader(-1) })
	plus := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { p.stepHeader(1) })
	apply := widget.NewButton("Read again", func() { p.setHeaderRow(p.header.Text) })
	p.mapping = container.NewVBox()
	p.sample = widget.NewTable(
		func() (int, int) {
			tb := p.table()
			if tb == nil {
				return 0, 0
			}
			return len(tb.Sample), len(tb.Columns)
		},
		func() fyne.CanvasObject {
			l := cell("sample value", fyne.TextStyle{})
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			tb := p.table()
			if tb == nil || id.Row >= len(tb.Sample) || id.Col >= len(tb.Sample[id.Row]) {
				l.SetText("")
				return
			}
			l.SetText(tb.Sample[id.Row][id.Col])
		})
	labelHeaders(p.sample, func(col int, l *widget.Label) bool {
		tb := p.table()
		if tb == nil || col >= len(tb.Columns) {
			return false
		}
		c := tb.Columns[col]
		l.SetText(c.Letter + ": " + p.choiceOf(c))
		return true
	})
	p.problems = widget.NewLabel("")
	p.problems.Wrapping = fyne.TextWrapWord
	p.reading = widget.NewProgressBarInfinite()
	p.reading.Hide()
	p.reading.Stop()

	p.sheetBox = container.New(&fixedWidth{width: selectWidth(nil)}, p.sheet)
	p.encoding = newEncodingChoice(func(name string) {
		p.opt.Encoding = name
		p.reread()
	})
	controls := container.NewHBox(widget.NewLabel("Sheet"), p.sheetBox, widget.NewSeparator(),
		widget.NewLabel("Header row"), container.NewGridWrap(fyne.NewSize(64, p.header.MinSize().Height), p.header), minus, plus, apply,
		p.encoding.box)
	mapping := container.NewBorder(subheading("Columns: what each one holds"), nil, nil, nil, newWheelScroll(p.mapping))
	sample := container.NewBorder(subheading("The first rows, as they will be read"), nil, nil, nil, p.sample)
	problems := container.NewBorder(subheading("Problems found"), nil, nil, nil, newWheelScroll(p.problems))
	rows := container.NewVSplit(sample, problems)
	rows.Offset = 0.75 // the rows first: problems, when there are, scroll
	split := container.NewHSplit(mapping, rows)
	split.Offset = 0.42
	content := container.NewBorder(container.NewVBox(p.summary, controls, p.reading), nil, nil, nil, split)

	p.importOK = widget.NewButton("Import", p.merge)
	p.importOK.Importance = widget.HighImportance
	p.cancel = widget.NewButton("Cancel", func() {
		p.dialog.Hide()
		p.w.say("Did not import %s.", p.uri.Name())
		p.next()
	})
	title := "Import " + p.uri.Name()
	if p.deals {
		title = "Import deals from " + p.uri.Name()
	}
	p.dialog = dialog.NewCustomWithoutButtons(title, content, p.w.Window)
	p.dialog.SetButtons([]fyne.CanvasObject{p.cancel, p.importOK})
	size := p.w.Window.Canvas().Size()
	p.dialog.Resize(fyne.NewSize(min(1160, size.Width-40), min(720, size.Height-40)))
	p.fill()
	p.dialog.Show()
}

// found says what the last read found: "12 partners", "1,204 deals", and
// how many.
func (p *importPreview) found() (string, int) {
	if p.deals {
		n := len(p.dealRes.Deals)
		return dealCount(n), n
	}
	n := len(p.res.Partners)
	return partnerCount(n), n
}

// missingCriteria are the scorecard's criteria the partners read have no
// value for, those no column holds first: said before any other problem,
// since a criterion left unmapped lowers every score without a word (a plan
// workbook and a deal export have none to say).
func (p *importPreview) missingCriteria() []core.MissingCriterion {
	if p.deals || p.res == nil || p.plan() || len(p.res.Partners) == 0 {
		return nil
	}
	e := core.Ecosystem{Partners: p.res.Partners, Scorecard: p.opt.Scorecard}
	return e.MissingCriteria()
}

// fill shows the last read.
func (p *importPreview) fill() {
	res := p.table()
	found, n := p.found()
	var b strings.Builder
	if p.plan() {
		fmt.Fprintf(&b, "%s is a plan workbook saved by Partner Atlas: its %s are read as saved.", res.File, found)
	} else {
		where := res.File
		if res.Sheet != "" {
			where += ", sheet " + res.Sheet
		}
		fmt.Fprintf(&b, "%s: header on row %d, %s %s below it, %s.", where, res.HeaderRow, formatCount(res.Rows), plural(res.Rows, "row", "rows"), found)
		if res.Encoding != "" {
			fmt.Fprintf(&b, " Read as %s.", p.encoding.label(res.Encoding))
		}
		if p.deals {
			if c := p.dealRes.Currencies; len(c) > 0 {
				fmt.Fprintf(&b, " Amounts in %s.", strings.Join(c, ", "))
			}
			if p.w.importedDeals(res.File) {
				fmt.Fprintf(&b, " An export named %s was imported before: its deals will be replaced by these.", res.File)
			}
		}
		b.WriteString(" Check that each column holds what it says; change a mapping and the rows are read again.")
	}
	p.summary.SetText(b.String())

	p.sheet.Options = res.Sheets
	p.sheet.Selected = res.Sheet
	if len(res.Sheets) > 1 && !p.plan() {
		p.sheet.Enable()
	} else {
		p.sheet.Disable()
	}
	p.sheet.Refresh()
	p.sheetBox.Layout.(*fixedWidth).width = selectWidth(res.Sheets)
	p.sheetBox.Refresh()
	p.header.SetText(strconv.Itoa(res.HeaderRow))
	p.encoding.show(res.Encoding)

	p.mapping.RemoveAll()
	p.selects = p.selects[:0]
	choices := p.fieldChoices()
	for _, c := range res.Columns {
		c := c
		name := cell(c.Letter+"  "+dash(c.Header), fyne.TextStyle{})
		sel := widget.NewSelect(choices, nil)
		sel.Selected = p.choiceOf(c)
		sel.OnChanged = func(v string) { p.setMapping(c.Index, v) }
		if p.plan() {
			sel.Disable()
		}
		p.selects = append(p.selects, sel)
		p.mapping.Add(container.NewGridWithColumns(2, name, sel))
	}
	p.mapping.Refresh()
	p.sampleWidths = p.sampleWidths[:0]
	for i, c := range res.Columns {
		col := tableColumn{title: c.Letter + ": " + p.choiceOf(c), text: func(row int) string {
			if i < len(res.Sample[row]) {
				return res.Sample[row][i]
			}
			return ""
		}}
		p.sampleWidths = append(p.sampleWidths, min(columnWidth(col, len(res.Sample)), 260))
		p.sample.SetColumnWidth(i, p.sampleWidths[i])
	}
	p.sample.Refresh()

	var lines []string
	if p.err != nil {
		lines = append(lines, "Cannot import yet: "+p.err.Error()+" "+importSuggestion(importers.KindOf(p.err)))
	}
	missing := p.missingCriteria()
	lines = append(lines, missingSentences(missing, "on the left", "type the values in Evaluate after the import")...)
	for i, pr := range res.Problems {
		if i == maxProblemsShown {
			lines = append(lines, fmt.Sprintf("… and %s more.", formatCount(len(res.Problems)-maxProblemsShown)))
			break
		}
		lines = append(lines, pr.String())
	}
	if len(lines) == 0 {
		p.problems.Importance = widget.SuccessImportance
		p.problems.SetText("None: every row reads cleanly.")
	} else {
		p.problems.Importance = widget.MediumImportance
		if p.err != nil || len(missing) > 0 && missing[0].NoColumn() {
			p.problems.Importance = widget.DangerImportance
		}
		p.problems.SetText("• " + strings.Join(lines, "\n• "))
	}
	if p.err == nil && n > 0 {
		p.importOK.SetText("Import " + found)
		p.importOK.Enable()
	} else {
		p.importOK.SetText("Import")
		p.importOK.Disable()
	}
}

// setMapping changes what column i holds and reads the file again.
func (p *importPreview) setMapping(i int, choice string) {
	if p.opt.Columns == nil {
		p.opt.Columns = map[int]importers.Column{}
	}
	p.opt.Columns[i] = p.columnOf(choice)
	p.reread()
}

// setHeaderRow reads the file again with the header on the row typed.
func (p *importPreview) setHeaderRow(text string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 1 {
		p.problems.Importance = widget.DangerImportance
		p.problems.SetText("The header row is a row number: 1 for the first row.")
		return
	}
	p.opt.HeaderRow, p.opt.Columns = n, nil
	p.reread()
}

func (p *importPreview) stepHeader(d int) {
	n := p.table().HeaderRow + d
	if n >= 1 {
		p.setHeaderRow(strconv.Itoa(n))
	}
}

// merge adds the previewed file to the plan, off the UI goroutine, then
// goes on with the next file.
func (p *importPreview) merge() {
	p.dialog.Hide()
	if p.deals {
		p.addDeals()
		return
	}
	w := p.w
	res, uri := p.res, p.uri
	doc := w.doc
	base := doc.Ecosystem.Clone() // given to the merge: the document's own stays for undo
	before := len(base.Partners)
	// The untouched sample, or an empty plan, gives way to the file.
	replace := (doc.Sample && !w.history.canUndo()) || len(doc.Ecosystem.Partners) == 0
	today := w.env.now()
	p.merged = w.startJob("Importing", "Merging "+uri.Name()+"…", func() func() {
		start := time.Now()
		var sources []*planbook.Source
		if !replace {
			sources = append(sources, planbook.PlanSource(doc.displayName(), base))
		}
		merged := planbook.Assemble(append(sources, res), today)
		eco := merged.Ecosystem
		w.logDone("import merge", uriFile(uri), start, nil, "partners before", before,
			"partners after", len(eco.Partners), "problems", problemKinds(merged.Merged))
		return func() {
			path := ""
			if uri.Scheme() == "file" {
				path = uri.Path()
			}
			switch {
			case replace && res.Plan != nil && path != "":
				// A plan workbook in place of the sample is the document.
				w.setDocument(&Document{Ecosystem: eco, Path: path, Name: uri.Name()}, &merged.Evaluation)
				w.addRecent(path)
			case replace && doc.Sample:
				// A list in place of the sample starts a new document, as
				// opening a file does: its undo history starts afresh, and
				// File › Open sample brings the sample back.
				doc := &Document{Ecosystem: eco, Name: uri.Name(), Unsaved: true}
				if path != "" {
					doc.Imported = []string{path}
				}
				w.setDocument(doc, &merged.Evaluation)
			default:
				w.editStructure("", func(e *core.Ecosystem) error {
					*e = *eco
					return nil
				})
				if replace && doc.Path == "" {
					doc.Name = uri.Name() // an empty new plan takes the list's name
				}
				if path != "" {
					doc.Imported = append(doc.Imported, path)
				}
				w.refreshStatus()
			}
			added := len(eco.Partners) - before
			if replace {
				added = len(eco.Partners)
			}
			w.say("Imported %s: %s rows, %s new, %s in all.", uri.Name(), formatCount(res.Rows), partnerCount(max(added, 0)), partnerCount(len(eco.Partners)))
			if len(merged.Merged) > 0 {
				w.showProblems(uri.Name(), fmt.Sprintf("Merged %s.", uri.Name()), merged.Merged)
			}
			p.next()
		}
	})
}

// addDeals adds the previewed deals to the plan as one step the user can
// undo, in place of the deals of an export of the same name imported
// before, and shows what they bring in; then it goes on with the next file.
func (p *importPreview) addDeals() {
	w := p.w
	res, uri := p.dealRes, p.uri
	name := uri.Name()
	again := w.importedDeals(name)
	today := w.env.now()
	w.env.Log.Info("import deals", "file", name, "deals", len(res.Deals), "again", again)
	w.edit("", func(e *core.Ecosystem) error {
		e.AddDeals(name, res.Deals)
		e.ApplyMeasuredRevenue(today)
		return nil
	})
	if uri.Scheme() == "file" {
		w.doc.Imported = append(w.doc.Imported, uri.Path())
	}
	if again {
		w.say("Imported %s again: its %s replace those imported before.", name, dealCount(len(res.Deals)))
	} else {
		w.say("Imported %s from %s.", dealCount(len(res.Deals)), name)
	}
	w.Show(stepActivate)
	w.screens[stepActivate].(*activateScreen).showImpact()
	p.merged = closed()
	p.next()
}

// logRead writes a read of the preview to the log: the file, how long
// it took, what it found, or its error.
func (w *MainWindow) logRead(uri fyne.URI, deals bool, start time.Time, res *planbook.Source, dealRes *importers.DealsResult, err error) {
	file := uriFile(uri)
	switch {
	case res != nil:
		w.logDone("import read", file, start, err, "plan workbook", res.Plan != nil, "rows", res.Rows,
			"partners", len(res.Partners), "problems", problemKinds(res.Problems))
	case dealRes != nil:
		w.logDone("import deals read", file, start, err, "rows", dealRes.Rows, "deals", len(dealRes.Deals),
			"problems", problemKinds(dealRes.Problems))
	default:
		w.logDone("import read", file, start, err, "deals", deals)
	}
}

// uriFile names a file for the log: its path when it is a local file.
func uriFile(uri fyne.URI) string {
	if uri.Scheme() == "file" {
		return uri.Path()
	}
	return uri.Name()
}

// importedDeals says whether an export of this name was imported into the
// plan before.
func (w *MainWindow) importedDeals(name string) bool {
	b := w.doc.Ecosystem.Deals
	return b != nil && slices.Contains(b.Files, name)
}

// selectWidth is the width of a selector that shows the longest of options
// in full, up to half the width of a laptop's dialog: a sheet named
// "partners-master-2026" is not cut to "partners-m…".
func selectWidth(options []string) float32 {
	w := fyne.MeasureText("Sheet1", theme.TextSize(), fyne.TextStyle{}).Width
	for _, o := range options {
		w = max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	w += 2*theme.InnerPadding() + theme.IconInlineSize() + 2*theme.Padding()
	return min(float32(math.Ceil(float64(w))), 520)
}
