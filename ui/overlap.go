package ui

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
	"partneratlas/importers"
)

// overlapView is account mapping: our accounts and each partner's go in,
// the population matrix per partner comes out, and the matches behind a
// partner's numbers are one click away, fuzzy ones with accept and reject.
type overlapView struct {
	ws       workspace
	win      fyne.Window // where its dialogs open
	status   *widget.Label
	matrix   *widget.Table
	matches  *widget.List
	heading  *widget.Label
	typed    *widget.Check
	remove   *widget.Button // drops the selected partner's list
	share    *widget.Check
	selected int // the partner row chosen in the matrix, -1 for none
	box      fyne.CanvasObject
	imports  int // account lists read, to name each import's undo step
}

// showOverlap opens the overlap view in a window of its own, from Discover.
func (w *MainWindow) showOverlap() {
	win := w.app.NewWindow("Account overlap — " + Title)
	win.SetContent(newOverlap(w, win).box)
	win.Resize(fyne.NewSize(1100, 720))
	win.Show()
}

// newOverlap builds the view over ws; win is the window it is shown in.
func newOverlap(ws workspace, win fyne.Window) *overlapView {
	v := &overlapView{ws: ws, win: win, selected: -1}
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.heading = widget.NewLabel("Choose a partner in the table to see its matches.")
	v.heading.TextStyle.Bold = true
	v.matrix = v.newMatrix()
	v.matches = v.newMatchList()
	v.typed = widget.NewCheck("Keep the typed customer overlap for this partner", func(on bool) {
		rs := v.results()
		if v.selected < 0 || v.selected >= len(rs) || on == v.ws.ecosystem().UsesTypedOverlap(rs[v.selected].Partner) {
			return
		}
		name := rs[v.selected].Partner
		v.edit("overlap typed "+name, func(e *core.Ecosystem) { e.UseTypedOverlap(name, on) })
	})
	v.remove = widget.NewButtonWithIcon("Remove this partner's list", theme.DeleteIcon(), func() {
		rs := v.results()
		if v.selected < 0 || v.selected >= len(rs) {
			return
		}
		name := rs[v.selected].Partner
		v.edit("", func(e *core.Ecosystem) { e.RemovePartnerAccounts(name) })
		v.selected = -1
		v.matrix.UnselectAll()
		v.refresh()
	})
	v.share = widget.NewCheck("Write account names in the workbook (else counts only)", func(on bool) {
		m := v.ws.ecosystem().Accounts
		if m == nil || m.HideAccountNames == !on {
			return
		}
		v.edit("overlap share", func(e *core.Ecosystem) { e.Accounts.HideAccountNames = !on })
	})

	ours := widget.NewButtonWithIcon("Import our accounts…", theme.FolderOpenIcon(), func() { v.importList("") })
	ours.Importance = widget.HighImportance
	theirs := widget.NewButtonWithIcon("Import a partner's accounts…", theme.FolderOpenIcon(), v.choosePartner)
	survey := widget.NewButtonWithIcon("Import a tech-stack survey…", theme.FolderOpenIcon(), v.importSurvey)
	private := widget.NewButtonWithIcon("Private overlap with a partner…", theme.VisibilityOffIcon(), func() { showPrivateOverlap(v.ws, v.win, v.refresh) })
	top := container.NewVBox(
		container.NewHBox(ours, theirs, survey, private),
		note("Accounts are matched on website domain, then on the company name without legal forms, then on similar names (fuzzy, to check). The lists stay on this computer and are not saved in the workbook: the workbook keeps the figures and the matches, and matching again needs the lists imported again."),
		v.status, v.share)
	bottom := container.NewBorder(container.NewVBox(v.heading, container.NewHBox(v.typed, v.remove)), nil, nil, nil, v.matches)
	v.refresh()
	v.box = container.NewBorder(top, nil, nil, nil, container.NewVSplit(v.matrix, bottom))
	return v
}

// newMatrix is the population matrix: a row per partner list, its shared
// companies per population and where its customer overlap comes from.
func (v *overlapView) newMatrix() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(v.results()) + 1, len(overlapColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("Their customer, our prospect") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = id.Row == 0
			if id.Row == 0 {
				l.SetText(overlapColumns[id.Col].title)
				return
			}
			rs := v.results()
			if id.Row-1 < len(rs) {
				l.SetText(overlapColumns[id.Col].value(v.ws.ecosystem(), rs[id.Row-1]))
			}
		})
	for i, c := range overlapColumns {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row > 0 {
			v.selected = id.Row - 1
			v.refreshMatches()
		}
	}
	return t
}

// newMatchList lists the matches behind the chosen partner's figures, each
// in three lines (the two names; the population, how they matched and the
// decision; the reason), cut with an ellipsis rather than wrapped, since a
// list gives every row its template's height; a fuzzy one with accept and
// reject.
func (v *overlapView) newMatchList() *widget.List {
	return listOf(v.shared,
		func() fyne.CanvasObject {
			pair := cell("Acme Corporation ↔ ACME Corp", fyne.TextStyle{Bold: true})
			how := cell("Our customer, their prospect · fuzzy, confidence 0.80 · pending", fyne.TextStyle{})
			reason := cell("Same website domain acme.com", fyne.TextStyle{Italic: true})
			accept := widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), nil)
			reject := widget.NewButtonWithIcon("Reject", theme.CancelIcon(), nil)
			return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(accept, reject)), lines(pair, how, reason))
		},
		func(s core.SharedAccount, c *fyne.Container) {
			texts := c.Objects[0].(*fyne.Container)
			lineLabel(texts, 0).SetText(s.Ours + " ↔ " + s.Theirs)
			lineLabel(texts, 1).SetText(fmt.Sprintf("%s · %s, confidence %.2f%s", s.Population, s.Kind, s.Confidence, decisionNote(s)))
			lineLabel(texts, 2).SetText(s.Reason)
			buttons := c.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container)
			if s.Kind != core.MatchFuzzy {
				buttons.Hide()
				return
			}
			buttons.Show()
			key := s.DecisionKey()
			buttons.Objects[0].(*widget.Button).OnTapped = func() { v.decide(key, core.Accepted) }
			buttons.Objects[1].(*widget.Button).OnTapped = func() { v.decide(key, core.Rejected) }
		})
}

// overlapColumn is one column of the population matrix.
type overlapColumn struct {
	title string
	width float32
	value func(e *core.Ecosystem, o core.Overlap) string
}

var overlapColumns = []overlapColumn{
	{"Partner", 180, func(_ *core.Ecosystem, o core.Overlap) string { return o.Partner }},
	{"Both customers", 120, func(_ *core.Ecosystem, o core.Overlap) string { return formatCount(o.Counts[core.BothCustomers]) }},
	{"Our customer, their prospect", 200, func(_ *core.Ecosystem, o core.Overlap) string {
		return formatCount(o.Counts[core.OurCustomerTheirProspect])
	}},
	{"Their customer, our prospect", 200, func(_ *core.Ecosystem, o core.Overlap) string {
		return formatCount(o.Counts[core.TheirCustomerOurProspect])
	}},
	{"Both prospects", 120, func(_ *core.Ecosystem, o core.Overlap) string { return formatCount(o.Counts[core.BothProspects]) }},
	{"Overlapping pipeline", 150, func(_ *core.Ecosystem, o core.Overlap) string { return formatAmount(o.Pipeline) }},
	{"Score", 70, func(_ *core.Ecosystem, o core.Overlap) string { return fmt.Sprint(core.OverlapScore(o)) }},
	{"Customer overlap from", 170, func(e *core.Ecosystem, o core.Overlap) string {
		if e.UsesTypedOverlap(o.Partner) {
			return "Typed value"
		}
		return "Account lists"
	}},
}

func decisionNote(s core.SharedAccount) string {
	if s.Kind != core.MatchFuzzy {
		return ""
	}
	return " · " + strings.ToLower(s.Decision.String())
}

func (v *overlapView) results() []core.Overlap {
	if m := v.ws.ecosystem().Accounts; m != nil {
		return m.Results
	}
	return nil
}

func (v *overlapView) shared() []core.SharedAccount {
	rs := v.results()
	if v.selected < 0 || v.selected >= len(rs) {
		return nil
	}
	return rs[v.selected].Shared
}

// edit changes the document as an undoable step, then redraws the view.
func (v *overlapView) edit(key string, change func(e *core.Ecosystem)) {
	_ = v.ws.edit(key, func(e *core.Ecosystem) error { change(e); return nil })
	v.refresh()
}

func (v *overlapView) decide(key string, d core.Decision) {
	v.edit("", func(e *core.Ecosystem) { e.Decide(key, d) })
}

// refresh redraws everything from the document.
func (v *overlapView) refresh() {
	e := v.ws.ecosystem()
	m := e.Accounts
	switch {
	case m == nil || (m.Ours == nil && len(m.Results) == 0):
		v.status.SetText("Start with your own account list: a CRM export with the company name, website and status (customer, open opportunity, prospect).")
	case m.Ours == nil:
		v.status.SetText("These figures were reopened from the workbook. To match again, import your accounts and the partners' lists again.")
	default:
		v.status.SetText(fmt.Sprintf("Our list: %s, %s accounts. Partner lists: %s.", m.Ours.File, formatCount(len(m.Ours.Accounts)), formatCount(len(m.Lists))))
	}
	v.share.SetChecked(m == nil || !m.HideAccountNames)
	if m == nil {
		v.share.Disable()
	} else {
		v.share.Enable()
	}
	v.matrix.Refresh()
	v.refreshMatches()
}

func (v *overlapView) refreshMatches() {
	rs := v.results()
	if v.selected >= 0 && v.selected < len(rs) {
		o := rs[v.selected]
		v.heading.SetText(fmt.Sprintf("%s: %s shared companies, %s matches listed", o.Partner, formatCount(o.SharedCompanies()), formatCount(len(o.Shared))))
		v.typed.SetChecked(v.ws.ecosystem().UsesTypedOverlap(o.Partner))
		v.typed.Enable()
		v.remove.Enable()
	} else {
		v.typed.Disable()
		v.remove.Disable()
	}
	v.matches.Refresh()
}

// choosePartner asks which partner the list belongs to, then for the file.
func (v *overlapView) choosePartner() {
	var names []string
	for _, p := range v.ws.ecosystem().Partners {
		names = append(names, p.Name)
	}
	if len(names) == 0 {
		dialog.ShowInformation("No partner yet", "Import a partner list first: a partner's accounts are tied to one of your partners.", v.win)
		return
	}
	sel := widget.NewSelectEntry(names)
	dialog.ShowForm("Whose accounts?", "Choose the file…", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Partner", sel)}, func(ok bool) {
			if ok && strings.TrimSpace(sel.Text) != "" {
				v.importList(strings.TrimSpace(sel.Text))
			}
		}, v.win)
}

// importList asks for an account list and reads it off the UI goroutine:
// ours when partner is "", else that partner's. Then every list is matched.
func (v *overlapView) importList(partner string) {
	title := "Import our accounts"
	if partner != "" {
		title = "Import " + partner + "'s accounts"
	}
	v.ws.askToOpen(v.win, title+" (.xlsx, .csv, .tsv, .txt)", "Import", importExtensions,
		func(path string) { v.readList(partner, path) })
}

// readList reads the account list at path, ours when partner is "", else
// that partner's, away from the UI goroutine; then every list is matched.
// The channel closes when all of it is done, for tests.
func (v *overlapView) readList(partner, path string) <-chan struct{} {
	done := make(chan struct{})
	v.status.SetText("Reading " + filepath.Base(path) + "…")
	v.ws.inBackground(func() {
		start := time.Now()
		res, err := importers.ReadAccounts(path, importers.Options{})
		if err == nil {
			v.ws.logDone("account list read", path, start, nil, "accounts", len(res.List.Accounts), "problems", problemKinds(res.Problems))
		} else {
			v.ws.logDone("account list read", path, start, err)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, v.win)
				v.refresh()
				close(done)
				return
			}
			var tieErr error
			v.imports++
			key := fmt.Sprintf("account list %d", v.imports)
			v.edit(key, func(e *core.Ecosystem) {
				if partner == "" {
					e.SetOurAccounts(res.List)
				} else {
					res.List.Partner = partner
					tieErr = e.SetPartnerAccounts(res.List)
				}
			})
			if tieErr != nil {
				v.ws.logFailure("partner account list", tieErr)
				dialog.ShowError(tieErr, v.win)
				close(done)
			} else {
				v.matchInBackground(key, done)
			}
			v.showWarnings(res.Problems)
		})
	})
	return done
}

// showWarnings shows the problems a list was read with, the first ten and
// how many more, when there are any.
func (v *overlapView) showWarnings(problems []importers.Problem) {
	if len(problems) == 0 {
		return
	}
	var lines []string
	for i, p := range problems {
		if i == 10 {
			lines = append(lines, fmt.Sprintf("… and %s more.", formatCount(len(problems)-10)))
			break
		}
		lines = append(lines, p.String())
	}
	dialog.ShowInformation("Read with warnings", strings.Join(lines, "\n"), v.win)
}

// matchInBackground matches the document's account lists away from the UI
// goroutine (a million accounts take a few seconds) and then sets the
// results as part of the same undo step, the edit named key that imported
// the list. When the lists changed meanwhile, the results are dropped: the
// newer import starts its own matching. done is closed at the end.
func (v *overlapView) matchInBackground(key string, done chan struct{}) {
	m := v.ws.ecosystem().Accounts
	if m == nil || m.Ours == nil || len(m.Lists) == 0 {
		v.refresh()
		close(done)
		return
	}
	ours, lists, decisions := m.Ours, append([]core.AccountList(nil), m.Lists...), maps.Clone(m.Decisions)
	v.status.SetText("Matching the account lists…")
	v.ws.inBackground(func() {
		results := core.MatchLists(ours, lists, decisions)
		fyne.Do(func() {
			defer close(done)
			now := v.ws.ecosystem().Accounts
			if now == nil || now.Ours != ours || len(now.Lists) != len(lists) {
				return
			}
			for i := range lists {
				if now.Lists[i].File != lists[i].File || len(now.Lists[i].Accounts) != len(lists[i].Accounts) {
					return
				}
			}
			v.edit(key, func(e *core.Ecosystem) { e.SetOverlapResults(results) })
		})
	})
}

// importSurvey reads a tech-stack survey, keeps its reach per tool and
// offers to add the tools that are not partners yet.
func (v *overlapView) importSurvey() {
	v.ws.askToOpen(v.win, "Import a tech-stack survey (.xlsx, .csv, .tsv, .txt)", "Import", importExtensions,
		func(path string) { v.readSurvey(path) })
}

// readSurvey reads the survey at path off the UI goroutine, says what it
// was read with, keeps it and offers to add its tools. The channel closes
// when the survey is kept or refused, for tests.
func (v *overlapView) readSurvey(path string) <-chan struct{} {
	read := func() (*importers.SurveyResult, error) { return importers.ReadSurvey(path, importers.Options{}) }
	return fileInBackground(v.ws, "survey read", path, read, func(res *importers.SurveyResult, err error) {
		if err != nil {
			dialog.ShowError(err, v.win)
			return
		}
		v.edit("", func(e *core.Ecosystem) { e.SetSurvey(res.Survey) })
		defer v.showWarnings(res.Problems) // last, so on top: how the file was read comes first
		proposed := v.ws.ecosystem().ProposePartners(0)
		if len(proposed) == 0 {
			v.status.SetText(fmt.Sprintf("Survey: %s customers; every tool is already a partner.", formatCount(res.Survey.Customers)))
			return
		}
		var names []string
		for _, p := range proposed {
			names = append(names, p.Name)
		}
		dialog.ShowConfirm("Add the tools your customers use?",
			fmt.Sprintf("%s customers answered. These tools are not partners yet: %s.\n\nAdd them as partners that influence customers, with no contract (Formal: No)?", formatCount(res.Survey.Customers), strings.Join(names, ", ")),
			func(ok bool) {
				if ok {
					_ = v.ws.editStructure("", func(e *core.Ecosystem) error { e.AddProposedPartners(0); return nil })
					v.refresh()
				}
			}, v.win)
	})
}
