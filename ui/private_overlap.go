package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/importers"
)

// privateOverlap is the guided exchange of a private overlap with a
// partner, in three steps: make a request from our account list, send it,
// open the partner's answer. Neither list leaves its computer; the result
// becomes the partner's overlap, and sets its customer overlap criterion,
// as plain matching's does.
//
// The secret of a request is kept where the command line keeps it
// (os.UserConfigDir()/partneratlas/private, request-ID.json, 0600), so a
// request made here can be finished with `partneratlas private-overlap
// finish` and the other way round.
type privateOverlap struct {
	ws      workspace
	win     fyne.Window
	changed func() // called once a result is applied, to redraw the caller
	dir     string // the private folder; "" for the user's configuration folder

	mode     *widget.RadioGroup
	share    *widget.Check
	inPlan   *widget.Check // keep the request's secret in the plan, not the private folder
	from     *widget.Entry
	reveals  *widget.Label
	ourList  *widget.Label
	choose   *widget.Button
	request  *widget.Button
	sent     *widget.Label // step 2: where the request is and what to do with it
	answer   *widget.Button
	result   *widget.Label
	partner  *widget.SelectEntry
	apply    *widget.Button
	sendBack *widget.Button // writes the result file for the partner
	respond  *widget.Button // answers a partner's request
	// maxEntries and countsOnly are what the answering side accepts: the
	// largest request, and whether one may learn which accounts match.
	maxEntries *widget.Entry
	countsOnly *widget.Check
	readBack   *widget.Button // reads the result a partner sent back
	status     *widget.Label
	progress   *widget.ProgressBar
	cancel     *widget.Button
	box        fyne.CanvasObject
	dialog     *dialog.CustomDialog

	list    []core.Account // a list chosen here when the document has none of ours
	listing string         // its file
	stop    context.CancelFunc
	// finished is the overlap opened from an answer, waiting to be
	// applied, with the state it was finished from.
	finished *core.Overlap
	state    *core.PrivateState
	// stateInPlan says the state came from the plan: finishing then
	// replaces it there, in the same undoable step.
	stateInPlan bool
	// resultFile is the last file the partner may be sent, once an answer
	// is opened.
	resultFile *core.PrivateFile
	// prepared is our half of an answer, begun while the user reads the
	// request it is for.
	prepared *preparedAnswer
}

// The modes as the dialog offers them.
const (
	privateCountsChoice  = "Counts only: how many of our accounts they have, per population"
	privateMatchesChoice = "Our matches: which of our accounts they have"
)

// showPrivateOverlap opens the private overlap dialog over win; changed is
// called after a result was applied to the document. The overlap screen
// calls it from its "Private overlap with a partner…" button.
func showPrivateOverlap(ws workspace, win fyne.Window, changed func()) *privateOverlap {
	p := newPrivateOverlap(ws, win, changed)
	p.dialog = dialog.NewCustom("Private overlap with a partner", "Close", container.NewVScroll(p.box), win)
	p.dialog.SetOnClosed(func() {
		if p.stop != nil {
			p.stop()
		}
		p.dropPrepared()
	})
	p.dialog.Resize(fyne.NewSize(760, 680))
	p.dialog.Show()
	return p
}

// newPrivateOverlap builds the dialog's content over ws.
func newPrivateOverlap(ws workspace, win fyne.Window, changed func()) *privateOverlap {
	p := &privateOverlap{ws: ws, win: win, changed: changed}
	p.reveals = note("")
	p.share = widget.NewCheck("Send whether each of our accounts is a customer, an open opportunity or a prospect, so the counts come per population", nil)
	p.share.SetChecked(true)
	p.inPlan = widget.NewCheck("Keep the secret in this plan's workbook, not on this computer", nil)
	p.mode = widget.NewRadioGroup([]string{privateCountsChoice, privateMatchesChoice}, nil)
	p.mode.SetSelected(privateCountsChoice)
	p.mode.Required = true
	p.share.OnChanged = func(bool) { p.explain() }
	p.mode.OnChanged = func(string) { p.explain() }
	p.from = widget.NewEntry()
	p.from.SetPlaceHolder("Your company, as your partner knows it")
	if e := ws.ecosystem(); e != nil {
		p.from.SetText(e.Name)
	}
	p.ourList = widget.NewLabel("")
	p.ourList.Wrapping = fyne.TextWrapWord
	p.choose = widget.NewButtonWithIcon("Choose our account list…", theme.FolderOpenIcon(), p.chooseList)
	p.request = widget.NewButtonWithIcon("Make the request…", theme.DocumentSaveIcon(), p.chooseRequestFile)
	p.request.Importance = widget.HighImportance
	p.sent = note("Once the request is made, send the file to your partner, by e-mail or a shared folder. " +
		"It holds one scrambled value per website and name of your accounts: no names, no websites, nothing your partner can turn back into them. " +
		"Your partner answers it with Partner Atlas (partneratlas private-overlap answer --ours THEIR-LIST REQUEST.pao -o ANSWER.pao) and sends the answer back.")
	p.answer = widget.NewButtonWithIcon("Open their answer…", theme.FolderOpenIcon(), p.chooseAnswerFile)
	p.answer.Importance = widget.HighImportance
	p.result = widget.NewLabel("")
	p.result.Wrapping = fyne.TextWrapWord
	p.partner = widget.NewSelectEntry(nil)
	p.partner.SetPlaceHolder("The partner these figures are for")
	p.apply = widget.NewButtonWithIcon("Use as this partner's overlap", theme.ConfirmIcon(), func() { p.applyResult(strings.TrimSpace(p.partner.Text)) })
	p.apply.Disable()
	p.sendBack = widget.NewButtonWithIcon("Write a result for your partner…", theme.DocumentSaveIcon(), p.chooseResultFile)
	p.sendBack.Disable()
	p.respond = widget.NewButtonWithIcon("Answer a partner's request…", theme.MailReplyIcon(), p.chooseRequestToAnswer)
	p.readBack = widget.NewButtonWithIcon("Open the result they sent back…", theme.FolderOpenIcon(), p.chooseResultToRead)
	p.maxEntries = widget.NewEntry()
	p.maxEntries.SetText(fmt.Sprint(core.DefaultMaxEntries))
	p.maxEntries.Validator = func(s string) error { _, err := p.acceptedEntries(s); return err }
	p.countsOnly = widget.NewCheck("Answer requests for counts only, not for which accounts match", nil)
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.progress = widget.NewProgressBar()
	p.progress.Hide()
	p.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		if p.stop != nil {
			p.stop()
		}
	})
	p.cancel.Hide()

	step := func(title string) *widget.Label {
		l := widget.NewLabel(title)
		l.TextStyle.Bold = true
		return l
	}
	p.box = container.NewVBox(
		note("Learn which customers you share with a partner without either of you handing over your account list. "+
			"Matches are exact, on the website domain or the company name without legal forms: similar names (fuzzy matches) cannot be compared in scrambled form."),
		step("1. Make a request from our account list"),
		container.NewBorder(nil, nil, nil, p.choose, p.ourList),
		p.mode, p.share, p.inPlan,
		note("The request's secret opens the answer. Kept in the plan, it goes wherever the plan goes: save the plan after making the request, "+
			"and never send that workbook to your partner, since with it anyone can test guesses against your list."),
		widget.NewForm(widget.NewFormItem("From", p.from)),
		p.reveals,
		container.NewHBox(p.request),
		step("2. Send it to your partner"),
		p.sent,
		step("3. Open their answer"),
		note("The answer holds your request's values scrambled again by your partner, and your partner's accounts scrambled: no names, no websites. "+
			"Only this computer, which keeps the request's secret, can open it, and only once."),
		container.NewHBox(p.answer),
		p.result,
		container.NewBorder(nil, nil, nil, p.apply, p.partner),
		note("Optional: send your partner a last file so that it learns what you learnt: which of its accounts you share in \"our matches\" mode, how many in \"counts only\". "+
			"It can leave matches out but never invent one, and tells your partner nothing else about your list."),
		container.NewHBox(p.sendBack),
		step("Your partner sent you a request?"),
		note("Answer it with your account list: Partner Atlas shows who sent it, how many entries it holds and what your answer reveals before anything is written. "+
			"A request is answered once; one with far more entries than your partner has customers is probing, not mapping: refuse it."),
		widget.NewForm(widget.NewFormItem("Largest request answered (entries)", p.maxEntries)),
		p.countsOnly,
		container.NewHBox(p.respond, p.readBack),
		container.NewBorder(nil, nil, nil, p.cancel, p.progress),
		p.status,
	)
	p.explain()
	p.describeList()
	return p
}

// chosenMode is the mode the radio buttons say.
func (p *privateOverlap) chosenMode() core.PrivateMode {
	if p.mode.Selected == privateMatchesChoice {
		return core.PrivateMatches
	}
	return core.PrivateCounts
}

// explain says what the chosen mode reveals, before anything is written.
func (p *privateOverlap) explain() {
	mode := p.chosenMode()
	if mode == core.PrivateMatches {
		p.share.Disable()
	} else {
		p.share.Enable()
	}
	pops := p.share.Checked && mode == core.PrivateCounts
	p.reveals.SetText("What the request reveals. " + mode.Reveals(pops) +
		" Here the requesting side is you, the answering side your partner.")
}

// ourAccounts is the list a request is made of: the document's list of
// ours, else the one chosen here.
func (p *privateOverlap) ourAccounts() ([]core.Account, string) {
	if m := p.ws.ecosystem().Accounts; m != nil && m.Ours != nil {
		return m.Ours.Accounts, m.Ours.File
	}
	return p.list, p.listing
}

func (p *privateOverlap) describeList() {
	accounts, file := p.ourAccounts()
	if accounts == nil {
		p.ourList.SetText("Choose your account list: a CRM export with the company name, website and status (customer, open opportunity, prospect).")
		p.request.Disable()
		return
	}
	p.ourList.SetText(fmt.Sprintf("Our list: %s, %s accounts.", filepath.Base(file), formatCount(len(accounts))))
	p.request.Enable()
}

// chooseList asks for our account list when the document has none.
func (p *privateOverlap) chooseList() {
	p.ws.askToOpen(p.win, "Choose our account list (.xlsx, .csv, .tsv, .txt)", "Choose", importExtensions,
		func(path string) { p.readList(path) })
}

// readList reads our account list at path off the UI goroutine. The
// channel closes when it is done, for tests.
func (p *privateOverlap) readList(path string) <-chan struct{} {
	p.status.SetText("Reading " + filepath.Base(path) + "…")
	read := func() (*importers.AccountsResult, error) { return importers.ReadAccounts(path, importers.Options{}) }
	return fileInBackground(p.ws, "account list read", path, read, func(res *importers.AccountsResult, err error) {
		if err != nil {
			p.fail(err)
			return
		}
		p.list, p.listing = res.List.Accounts, path
		p.status.SetText("")
		p.describeList()
	})
}

// chooseRequestFile asks where to write the request, then makes it.
func (p *privateOverlap) chooseRequestFile() {
	p.savePAO("private-overlap-request.pao", func(path string) { p.makeRequest(path) })
}

// folder opens the private folder the command line uses too, made if
// missing.
func (p *privateOverlap) folder() (exporters.PrivateFolder, error) {
	return exporters.OpenPrivateFolder(p.dir)
}

// begin shows the progress bar and the cancel button, and returns the
// context the work watches and the progress it reports to.
func (p *privateOverlap) begin(what string) (context.Context, core.PrivateProgress) {
	ctx, stop := context.WithCancel(context.Background())
	p.stop = stop
	p.status.SetText(what)
	p.progress.SetValue(0)
	p.progress.Show()
	p.cancel.Show()
	p.request.Disable()
	p.answer.Disable()
	p.respond.Disable()
	return ctx, func(done, total int) {
		if total > 0 {
			fyne.Do(func() { p.progress.SetValue(float64(done) / float64(total)) })
		}
	}
}

// end hides the progress and says how the work ended: msg, or err.
func (p *privateOverlap) end(msg string, err error) {
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
	p.progress.Hide()
	p.cancel.Hide()
	p.answer.Enable()
	p.respond.Enable()
	p.describeList()
	if errors.Is(err, context.Canceled) {
		p.status.SetText("Cancelled: nothing was written.")
		return
	}
	if err != nil {
		p.fail(err)
		return
	}
	p.status.SetText(msg)
}

// fail says what went wrong, in the dialog and in the status line.
func (p *privateOverlap) fail(err error) {
	p.ws.logFailure("private overlap", err)
	p.status.SetText(err.Error())
	dialog.ShowError(err, p.win)
}

// makeRequest blinds our list into a request at path, off the UI
// goroutine, and keeps its secret in the private folder. The channel
// closes when it is done, for tests.
func (p *privateOverlap) makeRequest(path string) <-chan struct{} {
	done := make(chan struct{})
	accounts, file := p.ourAccounts()
	if accounts == nil {
		close(done)
		return done
	}
	mode := p.chosenMode()
	opt := core.PrivateRequestOptions{Mode: mode, From: strings.TrimSpace(p.from.Text), List: file,
		SharePopulations: p.share.Checked && mode == core.PrivateCounts, Now: p.ws.today()}
	ctx, progress := p.begin(fmt.Sprintf("Scrambling %s accounts…", formatCount(len(accounts))))
	opt.Progress = progress
	inPlan := p.inPlan.Checked
	p.ws.inBackground(func() {
		start := time.Now()
		msg, st, err := p.writeRequest(ctx, path, accounts, opt, inPlan)
		p.ws.logDone("private overlap request", path, start, err)
		fyne.Do(func() {
			defer close(done)
			if err == nil && inPlan {
				err = p.ws.edit("", func(e *core.Ecosystem) error { e.KeepPrivateRequest(st); return nil })
			}
			p.end(msg, err)
			if err == nil {
				p.sent.SetText("Send " + path + " to your partner, by e-mail or a shared folder. " +
					"It holds no names and no websites. Your partner answers it with Partner Atlas " +
					"(partneratlas private-overlap answer --ours THEIR-LIST " + filepath.Base(path) + " -o answer.pao) and sends the answer back; then open it in step 3, on this computer.")
			}
		})
	})
	return done
}

// writeRequest makes the request and writes the state (unless it is to be
// kept in the plan: the caller keeps it there), then the request.
func (p *privateOverlap) writeRequest(ctx context.Context, path string, accounts []core.Account, opt core.PrivateRequestOptions, inPlan bool) (string, *core.PrivateState, error) {
	dir, err := p.folder()
	if err != nil {
		return "", nil, err
	}
	req, st, err := core.MakePrivateRequest(ctx, accounts, opt)
	if err != nil {
		return "", nil, err
	}
	if _, err := dir.SendRequest(path, req, st, inPlan); err != nil {
		return "", nil, err
	}
	if inPlan {
		return fmt.Sprintf("Wrote %s: %s entries, one per company. Its secret is in this plan: save the plan to keep it, and never send the plan's workbook to your partner.", filepath.Base(path), formatCount(req.Header.Entries)), st, nil
	}
	return fmt.Sprintf("Wrote %s: %s entries, one per company. Its secret stays on this computer.", filepath.Base(path), formatCount(req.Header.Entries)), st, nil
}

// chooseAnswerFile asks for the partner's answer, then opens it.
func (p *privateOverlap) chooseAnswerFile() {
	p.openPAO(func(path string) { p.openAnswer(path) })
}

// openAnswer opens the partner's answer at path off the UI goroutine: it
// finds the request it answers and its secret, and works out the overlap,
// which waits for the user to say which partner it is for. The channel
// closes when it is done, for tests.
func (p *privateOverlap) openAnswer(path string) <-chan struct{} {
	ctx, progress := p.begin("Opening " + filepath.Base(path) + "…")
	kept := slices.Clone(p.ws.ecosystem().PrivateRequests)
	today := p.ws.today()
	open := func() (exporters.OpenedPrivate, error) {
		dir, err := p.folder()
		if err != nil {
			return exporters.OpenedPrivate{}, err
		}
		return dir.OpenAnswer(ctx, path, kept, progress, today)
	}
	return fileInBackground(p.ws, "private overlap answer", path, open, func(f exporters.OpenedPrivate, err error) { p.showOpened(f, err) })
}

// showOpened shows an answer or a result opened, or why it could not be
// opened; false when it could not. Only an answer comes with a result for
// the partner to be written.
func (p *privateOverlap) showOpened(f exporters.OpenedPrivate, err error) bool {
	p.end("", err)
	if err != nil {
		return false
	}
	p.finished, p.state, p.stateInPlan, p.resultFile = &f.Overlap, f.State, f.InPlan, f.Result
	if f.Result != nil {
		p.sendBack.Enable()
	} else {
		p.sendBack.Disable()
	}
	p.showResult(f.Overlap, f.From)
	return true
}

// showResult shows the opened overlap and proposes the partner it is for.
func (p *privateOverlap) showResult(o core.Overlap, from string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s's list: %s companies (%s customers). Shared with ours: %s (%s by domain, %s by name).\n",
		from, formatCount(o.Companies), formatCount(o.Customers), formatCount(o.SharedCompanies()), formatCount(o.ByKind[core.MatchDomain]), formatCount(o.ByKind[core.MatchName]))
	for _, pop := range core.OverlapPopulations {
		fmt.Fprintf(&b, "%s: %s\n", pop, formatCount(o.Counts[pop]))
	}
	if len(o.Shared) > 0 {
		fmt.Fprintf(&b, "Our open pipeline among them: %.2f\n", o.Pipeline)
	} else {
		b.WriteString("Which accounts, and the open pipeline among them, are not known in counts mode.\n")
	}
	if o.Customers == 0 && o.Companies > 0 {
		b.WriteString("Your partner sent no populations, or has no customers on its list: shared accounts count as its prospects.\n")
	}
	fmt.Fprintf(&b, "Overlap %s; customer overlap score %g.", o.Method, core.OverlapScore(o))
	p.result.SetText(b.String())
	var names []string
	for _, pt := range p.ws.ecosystem().Partners {
		names = append(names, pt.Name)
	}
	p.partner.SetOptions(names)
	if pt := p.ws.ecosystem().FindPartner(from); pt != nil {
		p.partner.SetText(pt.Name)
	} else {
		p.partner.SetText(from)
	}
	p.apply.Enable()
}

// applyResult makes the opened overlap the partner's, as one undoable
// step, replacing the overlap it had; the customer overlap criterion
// follows, as after plain matching. The request's secret is then deleted:
// a request is finished once.
func (p *privateOverlap) applyResult(partner string) {
	if p.finished == nil || partner == "" {
		return
	}
	o := *p.finished
	o.Partner = partner
	err := p.ws.edit("", func(e *core.Ecosystem) error {
		if pt := e.FindPartner(partner); pt != nil {
			o.Partner = pt.Name
		}
		m := e.Accounts
		var results []core.Overlap
		if m != nil {
			key := core.NormaliseName(o.Partner)
			for _, r := range m.Results {
				if core.NormaliseName(r.Partner) != key {
					results = append(results, r)
				}
			}
		}
		e.SetOverlapResults(append(results, o))
		if p.stateInPlan && p.state != nil {
			e.KeepPrivateRequest(p.state.Forget(p.ws.today()))
		}
		return nil
	})
	if err != nil {
		p.fail(err)
		return
	}
	p.finished = nil
	p.apply.Disable()
	msg := fmt.Sprintf("%s's overlap is now the private one: %s shared companies.", o.Partner, formatCount(o.SharedCompanies()))
	if dir, err := p.folder(); err == nil && p.state != nil && !p.stateInPlan {
		if state, err := dir.ForgetSecret(p.state, p.ws.today()); err != nil {
			msg += " The request's secret could not be deleted (" + err.Error() + "): delete " + state + " by hand."
		}
	}
	p.status.SetText(msg)
	p.ws.say("%s", msg)
	if p.changed != nil {
		p.changed()
	}
}
