package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
)

// Choices of the deals list's filters besides the categories and partners.
const (
	anyCategory = "Every category"
	anyPartner  = "Any partner"
)

// dealsView is the Deals tab of Activate & measure: every deal of the
// exports in a virtual table (only the rows in sight are drawn, so 100,000
// deals scroll as smoothly as 10), filtered by category, partner and text,
// with the chosen deal's attribution explained; beside it the exports
// imported, each removable, and the partner names that match no partner,
// each with a Fix… that maps it to one.
type dealsView struct {
	s        *activateScreen
	category *widget.Select
	partner  *widget.Select
	text     *widget.Entry
	inWindow *widget.Check
	table    *widget.Table
	count    *widget.Label
	explain  *widget.Label
	files    *widget.List
	names    *widget.List
	noNames  *widget.Label
	// leaveOut keeps the deal rows out of the saved workbook.
	leaveOut *widget.Check
	box      fyne.CanvasObject

	shown    *measured // the measure the rows and lists show
	rows     []int32   // the deals shown, indexes into shown's deals
	selected int       // the deal chosen, -1 for none
	gen      int       // the last filtering asked for
	setting  bool
	// fixing is the Fix… dialog open, for tests.
	fixing *partnerNameFix
}

// dealColumn is one column of the deals list.
type dealColumn struct {
	title   string
	width   float32
	numeric bool
	text    func(m *measured, i int) string
}

var dealColumns = []dealColumn{
	{"Account", 180, false, func(m *measured, i int) string { return m.eco.Deals.Deals[i].Account }},
	{"Stage", 140, false, func(m *measured, i int) string { return m.eco.Deals.Deals[i].Stage }},
	{"Amount", 112, true, func(m *measured, i int) string { return formatAmount(m.eco.Deals.Deals[i].Amount) }},
	{"Closed", 112, false, func(m *measured, i int) string { return dateOrDash(m.eco.Deals.Deals[i].Closed) }},
	{"Counts as", 124, false, func(m *measured, i int) string { return m.impact.Attributions[i].Category.String() }},
	{"Partners", 280, false, func(m *measured, i int) string { return dealPartners(m, i) }},
	{"Deal", 220, false, func(m *measured, i int) string { return m.eco.Deals.Deals[i].Name }},
	{"Created", 112, false, func(m *measured, i int) string { return dateOrDash(m.eco.Deals.Deals[i].Created) }},
	{"Type", 120, false, func(m *measured, i int) string { return string(m.eco.Deals.Deals[i].Type) }},
	{"ID", 140, false, func(m *measured, i int) string { return m.eco.Deals.Deals[i].ID }},
	{"Export", 200, false, func(m *measured, i int) string { return m.eco.Deals.Deals[i].Source.String() }},
}

func newDealsView(s *activateScreen) *dealsView {
	v := &dealsView{s: s, selected: -1}
	categories := []string{anyCategory}
	for _, c := range []core.Category{core.SourcedDeal, core.InfluencedOnly, core.NoPartner} {
		categories = append(categories, c.String())
	}
	v.category = widget.NewSelect(categories, func(string) { v.filter() })
	v.category.Selected = anyCategory
	v.partner = widget.NewSelect([]string{anyPartner}, func(string) { v.filter() })
	v.partner.Selected = anyPartner
	v.text = widget.NewEntry()
	v.text.SetPlaceHolder("Account, deal, stage or partner as written")
	v.text.OnChanged = func(string) { v.filter() }
	v.inWindow = widget.NewCheck("In the window", func(bool) { v.filter() })
	v.inWindow.Checked = true
	v.count = widget.NewLabel("")
	v.explain = widget.NewLabel("Choose a deal to see how it is attributed.")
	v.explain.Wrapping = fyne.TextWrapWord

	v.table = widget.NewTable(
		func() (int, int) { return len(v.rows), len(dealColumns) },
		func() fyne.CanvasObject {
			l := cell("Template account name", fyne.TextStyle{})
			return l
		},
		v.updateCell)
	labelHeaders(v.table, func(col int, l *widget.Label) bool {
		if col >= len(dealColumns) {
			return false
		}
		dealColumns[col].show(l, dealColumns[col].title)
		return true
	})
	for i, c := range dealColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.rows) {
			v.selected = int(v.rows[id.Row])
			v.showExplanation()
		}
	}

	v.files = listOf(v.exports,
		func() fyne.CanvasObject {
			name := cell("salesforce-opportunities-2026.csv", fyne.TextStyle{Bold: true})
			count := widget.NewLabel("12,408 deals")
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			remove.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, container.NewHBox(count, remove), name)
		},
		func(x exportDeals, c *fyne.Container) {
			c.Objects[0].(*widget.Label).SetText(x.file)
			right := c.Objects[1].(*fyne.Container)
			right.Objects[0].(*widget.Label).SetText(dealCount(x.deals))
			right.Objects[1].(*widget.Button).OnTapped = func() { v.confirmRemove(x) }
		})
	v.files.OnSelected = func(widget.ListItemID) { v.files.UnselectAll() }

	v.names = listOf(v.unmatched,
		func() fyne.CanvasObject {
			name := cell("Bluewater Channel Partners Ltd", fyne.TextStyle{Bold: true})
			deals := widget.NewLabel("12 deals")
			suggestion := cell("Did you mean Bluewater Channel?", fyne.TextStyle{Italic: true})
			fix := widget.NewButton("Fix…", nil)
			return container.NewBorder(nil, nil, nil, container.NewCenter(fix), lines(name, deals, suggestion))
		},
		func(u core.Unmatched, c *fyne.Container) {
			texts := c.Objects[0].(*fyne.Container)
			lineLabel(texts, 0).SetText(u.Name)
			lineLabel(texts, 1).SetText(dealCount(u.Deals))
			if u.Suggestion != "" {
				lineLabel(texts, 2).SetText("Did you mean " + u.Suggestion + "?")
			} else {
				lineLabel(texts, 2).SetText("No partner's name is close.")
			}
			c.Objects[1].(*fyne.Container).Objects[0].(*widget.Button).OnTapped = func() { v.fix(u) }
		})
	v.names.OnSelected = func(widget.ListItemID) { v.names.UnselectAll() }
	v.noNames = note("Every partner named on a deal is one of yours.")

	wide := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	filters := container.NewBorder(nil, nil, container.NewHBox(wide(v.category, 160), wide(v.partner, 190)), nil, v.text)
	list := container.NewBorder(container.NewVBox(filters, container.NewBorder(nil, nil, v.count, v.inWindow)),
		panel(container.New(&minHeight{height: 112}, newWheelScroll(v.explain))), nil, nil, v.table)
	imp := widget.NewButtonWithIcon("Import deals…", theme.FolderOpenIcon(), s.importDeals)
	v.leaveOut = widget.NewCheck("Save totals only, without the deal rows", func(on bool) {
		if v.setting {
			return
		}
		s.editDeals("", func(b *core.DealBook) { b.LeaveDealsOut = on })
	})
	exports := container.NewBorder(subheading("Exports imported"), container.NewVBox(container.NewHBox(imp), v.leaveOut), nil, nil, v.files)
	names := container.NewBorder(container.NewVBox(subheading("Partner names to fix"), v.noNames), nil, nil, nil, v.names)
	split := container.NewVSplit(exports, names)
	split.Offset = 0.35
	side := container.New(&fixedWidth{width: 330}, panel(split))
	v.box = container.NewBorder(nil, nil, nil, side, container.NewPadded(list))
	return v
}

func (v *dealsView) reset() {
	v.selected = -1
	v.table.UnselectAll()
}

// exports are the exports of the last measure with their deals.
func (v *dealsView) exports() []exportDeals {
	if v.shown == nil {
		return nil
	}
	return v.shown.files
}

// unmatched are the partner names of the last measure that match no
// partner.
func (v *dealsView) unmatched() []core.Unmatched {
	if v.shown == nil {
		return nil
	}
	return v.shown.impact.Unmatched
}

// show lists the deals of m again, with the filters as they are.
func (v *dealsView) show(m *measured) {
	if m != v.shown && v.shown != nil && m != nil && len(m.eco.Deals.Deals) != len(v.shown.eco.Deals.Deals) {
		v.selected = -1 // the deals are not those numbered before
	}
	v.shown = m
	v.setPartners(m)
	if b := v.s.ws.ecosystem().Deals; b != nil && v.leaveOut.Checked != b.LeaveDealsOut {
		v.setting = true
		v.leaveOut.SetChecked(b.LeaveDealsOut)
		v.setting = false
	}
	v.files.Refresh()
	v.names.Refresh()
	if len(v.unmatched()) == 0 {
		v.noNames.Show()
	} else {
		v.noNames.Hide()
	}
	v.filter()
}

// setPartners offers the partners of m in the partner filter, keeping the
// one chosen.
func (v *dealsView) setPartners(m *measured) {
	options := []string{anyPartner}
	if m != nil {
		names := make([]string, 0, len(m.eco.Partners))
		for _, p := range m.eco.Partners {
			names = append(names, p.Name)
		}
		slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		options = append(options, names...)
	}
	chosen := v.partner.Selected
	v.partner.Options = options
	if !slices.Contains(options, chosen) {
		chosen = anyPartner
	}
	v.setting = true
	v.partner.SetSelected(chosen)
	v.setting = false
	v.partner.Refresh()
}

// dealFilter is what the filters ask for: a category (-1 for any), a
// partner of the measured ecosystem (-1 for any), a text in lower case, and
// whether only the deals in the window are listed.
type dealFilter struct {
	category int
	partner  int
	text     string
	inWindow bool
}

func (v *dealsView) currentFilter() dealFilter {
	f := dealFilter{category: -1, partner: -1, text: strings.ToLower(strings.TrimSpace(v.text.Text)), inWindow: v.inWindow.Checked}
	for _, c := range []core.Category{core.SourcedDeal, core.InfluencedOnly, core.NoPartner} {
		if v.category.Selected == c.String() {
			f.category = int(c)
		}
	}
	if v.shown != nil && v.partner.Selected != anyPartner {
		f.partner = slices.IndexFunc(v.shown.eco.Partners, func(p *core.Partner) bool { return p.Name == v.partner.Selected })
	}
	return f
}

// filter lists the deals the filters keep. A million deals take a moment
// to go through: it runs off the UI goroutine, and only the last filtering
// asked for is shown.
func (v *dealsView) filter() {
	if v.setting {
		return
	}
	m := v.shown
	v.gen++
	gen := v.gen
	if m == nil {
		v.rows = nil
		v.count.SetText("")
		v.table.Refresh()
		v.showExplanation()
		return
	}
	f := v.currentFilter()
	v.s.ws.inBackground(func() {
		rows := filterDeals(m, f)
		fyne.Do(func() {
			if gen != v.gen || m != v.shown {
				return
			}
			v.rows = rows
			v.count.SetText(fmt.Sprintf("Showing %s of %s", formatCount(len(rows)), dealCount(len(m.eco.Deals.Deals))))
			v.table.UnselectAll()
			v.table.Refresh()
			v.showExplanation()
		})
	})
}

// filterDeals lists the deals of m that f keeps, in the export's order. It
// reads only m, which nothing changes, so it runs on any goroutine.
func filterDeals(m *measured, f dealFilter) []int32 {
	deals := m.eco.Deals.Deals
	out := make([]int32, 0, len(deals))
	for i := range deals {
		d := &deals[i]
		at := &m.impact.Attributions[i]
		if f.category >= 0 && int(at.Category) != f.category {
			continue
		}
		if f.partner >= 0 && !slices.ContainsFunc(at.Credits, func(c core.Credit) bool { return c.Partner == f.partner }) {
			continue
		}
		if f.inWindow {
			if in, _ := m.impact.InWindow(d); !in {
				continue
			}
		}
		if f.text != "" && !dealMentions(d, f.text) {
			continue
		}
		out = append(out, int32(i))
	}
	return out
}

// dealMentions says whether a deal's account, name, ID, stage or partners
// as written hold text (lower case).
func dealMentions(d *core.Deal, text string) bool {
	has := func(s string) bool { return s != "" && strings.Contains(strings.ToLower(s), text) }
	if has(d.Account) || has(d.Name) || has(d.ID) || has(d.Stage) || has(d.Sourced) {
		return true
	}
	return slices.ContainsFunc(d.Influencers, has)
}

func (v *dealsView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	m := v.shown
	if m == nil || id.Row < 0 || id.Row >= len(v.rows) || id.Col < 0 || id.Col >= len(dealColumns) {
		l.SetText("")
		return
	}
	c := dealColumns[id.Col]
	c.show(l, c.text(m, int(v.rows[id.Row])))
}

// show puts text in l, aligned as the column wants: amounts and counts to
// the right, words to the left.
func (c dealColumn) show(l *widget.Label, text string) {
	l.Alignment = fyne.TextAlignLeading
	if c.numeric {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(text)
}

// cellText is the text the list shows in a row and column; tests use it.
func (v *dealsView) cellText(row, col int) string {
	l := widget.NewLabel("")
	v.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

// dealPartners lists a deal's partners: the sourcing one first, each as the
// ecosystem names it, or as written with a question mark when it matches no
// partner.
func dealPartners(m *measured, i int) string {
	at := m.impact.Attributions[i]
	var names []string
	for _, c := range at.Credits {
		name := c.Name + " (?)"
		if c.Partner >= 0 {
			name = m.eco.Partners[c.Partner].Name
		}
		if c.Sourced {
			name += " (sourced)"
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

// showExplanation explains the chosen deal: what it is, and how it is
// attributed, in core's words.
func (v *dealsView) showExplanation() {
	m := v.shown
	if m == nil || v.selected < 0 || v.selected >= len(m.eco.Deals.Deals) {
		v.explain.SetText("Choose a deal to see how it is attributed.")
		return
	}
	d := &m.eco.Deals.Deals[v.selected]
	var head []string
	title := dash(d.Account)
	if d.Name != "" {
		title += " — " + d.Name
	}
	if d.ID != "" {
		title += " (" + d.ID + ")"
	}
	head = append(head, title)
	stage := d.Outcome.String()
	if d.Stage != "" && !strings.EqualFold(d.Stage, stage) {
		stage = d.Stage + ": " + strings.ToLower(stage)
	}
	head = append(head, stage)
	amount := formatAmount(d.Amount)
	if d.Currency != "" {
		amount += " " + d.Currency
	}
	head = append(head, amount, "created "+dateOrDash(d.Created)+", closed "+dateOrDash(d.Closed), string(d.Type))
	switch in, dated := m.impact.InWindow(d); {
	case in:
		head = append(head, "in the window")
	case !dated:
		head = append(head, "outside the window: it lacks the date the window needs")
	default:
		head = append(head, "outside the window")
	}
	at := m.impact.Attributions[v.selected]
	v.explain.SetText(strings.Join(head, " · ") + "\n" + m.eco.Explain(at) + "\nFrom " + d.Source.String() + ".")
}

func dateOrDash(t time.Time) string {
	if t.IsZero() {
		return noFigure
	}
	return formatDate(t)
}

// confirmRemove asks before taking an export's deals out.
func (v *dealsView) confirmRemove(x exportDeals) {
	dialog.ShowConfirm("Remove "+x.file+"?",
		fmt.Sprintf("Its %s will be taken out of the figures.\n\nYou can undo this with Edit › Undo.", dealCount(x.deals)),
		func(ok bool) {
			if ok {
				v.removeExport(x.file)
			}
		}, v.s.ws.window())
}

// removeExport takes an export's deals out, as a step the user can undo.
func (v *dealsView) removeExport(file string) {
	removed := 0
	today := v.s.ws.today()
	_ = v.s.ws.edit("", func(e *core.Ecosystem) error {
		removed = e.RemoveDeals(file)
		e.ApplyMeasuredRevenue(today)
		return nil
	})
	v.s.ws.say("Removed %s: %s fewer.", file, dealCount(removed))
}

// fix asks which partner a name written on deals means, then maps it, as a
// step the user can undo; the figures follow.
func (v *dealsView) fix(u core.Unmatched) {
	v.fixing = showPartnerNameFix(v.s.ws, u, func(partner string) {
		v.fixing = nil
		today := v.s.ws.today()
		err := v.s.ws.edit("", func(e *core.Ecosystem) error {
			if err := e.MapPartnerName(u.Name, partner); err != nil {
				return err
			}
			e.ApplyMeasuredRevenue(today)
			return nil
		})
		if err != nil {
			v.s.ws.logFailure("map partner name", err)
			dialog.ShowError(err, v.s.ws.window())
			return
		}
		v.s.ws.say("The %s naming “%s” now count for %s.", plural(u.Deals, "deal", "deals"), u.Name, partner)
	})
}
