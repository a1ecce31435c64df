package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/importers"
)

// Answering a partner's private overlap request, from the same dialog,
// and the optional last file of the exchange.

// chooseRequestToAnswer asks for a partner's request, shows what it is and
// what answering reveals, and asks where to write the answer.
func (p *privateOverlap) chooseRequestToAnswer() {
	p.openPAO(func(path string) {
		accept, err := p.accepted() // the fields are read here, on the UI goroutine
		if err != nil {
			p.fail(err)
			return
		}
		p.status.SetText("Reading " + filepath.Base(path) + "…")
		check := func() (*core.PrivateFile, error) { return p.checkRequest(path, accept) }
		fileInBackground(p.ws, "private overlap request read", path, check, func(req *core.PrivateFile, err error) {
			if err != nil {
				p.fail(err)
				return
			}
			p.status.SetText("")
			p.confirmAnswer(req, path)
		})
	})
}

// confirmAnswer shows who sent the request at path, its size and what
// answering reveals; on yes, it asks where to write the answer and makes
// it.
func (p *privateOverlap) confirmAnswer(req *core.PrivateFile, path string) {
	p.prepareAnswer(req.Header.RequestID)
	dialog.ShowConfirm("Answer this request?", p.describeRequest(req), func(ok bool) {
		if !ok {
			p.dropPrepared()
			return
		}
		p.savePAO("private-overlap-answer.pao", func(out string) { p.answerRequest(req, path, out) })
	}, p.win)
}

// preparedAnswer is our half of an answer being made while the user
// decides (core.PrepareAnswer): blinding our own list does not depend on
// the request, so answering is then half the work.
type preparedAnswer struct {
	request string // the request id it is for
	done    chan struct{}
	prep    *core.PreparedAnswer
	err     error
	stop    context.CancelFunc
}

// prepareAnswer starts blinding our list for request id off the UI
// goroutine, replacing any answer prepared before.
func (p *privateOverlap) prepareAnswer(id string) {
	p.dropPrepared()
	accounts, _ := p.ourAccounts()
	if accounts == nil {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	pa := &preparedAnswer{request: id, done: make(chan struct{}), stop: stop}
	p.prepared = pa
	p.ws.inBackground(func() {
		defer close(pa.done)
		pa.prep, pa.err = core.PrepareAnswer(ctx, accounts, core.PrivateAnswerOptions{SharePopulations: true})
	})
}

// dropPrepared cancels and forgets the answer being prepared, and with it
// its secret.
func (p *privateOverlap) dropPrepared() {
	if p.prepared != nil {
		p.prepared.stop()
		p.prepared = nil
	}
}

// takePrepared hands over the answer prepared for request id, or nil.
func (p *privateOverlap) takePrepared(id string) *preparedAnswer {
	pa := p.prepared
	if pa == nil || pa.request != id {
		p.dropPrepared()
		return nil
	}
	p.prepared = nil
	return pa
}

// checkRequest reads a partner's request at path within accept, what the
// user accepts, and refuses it when it is too big, of the wrong shape, or
// answered before on this computer. It reads no widget: it runs off the UI
// goroutine.
func (p *privateOverlap) checkRequest(path string, accept core.PrivateAnswerOptions) (*core.PrivateFile, error) {
	dir, err := p.folder()
	if err != nil {
		return nil, err
	}
	return dir.ReadRequest(path, accept)
}

// acceptedEntries reads the largest request the user accepts.
func (p *privateOverlap) acceptedEntries(s string) (int, error) {
	n, ok := importers.ParseNumber(s)
	if !ok || n < 1 || n != math.Trunc(n) || n > math.MaxInt32 {
		return 0, fmt.Errorf("the largest request you accept must be a whole number of entries above 0, not %q", s)
	}
	return int(n), nil
}

// accepted is what the user accepts to answer: the largest request and
// whether only counts.
func (p *privateOverlap) accepted() (core.PrivateAnswerOptions, error) {
	n, err := p.acceptedEntries(p.maxEntries.Text)
	return core.PrivateAnswerOptions{MaxEntries: n, CountsOnly: p.countsOnly.Checked}, err
}

// describeRequest says who sent a request, how big it is and what
// answering it reveals, for the user to decide.
func (p *privateOverlap) describeRequest(req *core.PrivateFile) string {
	h := req.Header
	accounts, _ := p.ourAccounts()
	return fmt.Sprintf("From %s, made %s: %s entries, mode %s.\n\n%s\n\nYour answer is made of your account list (%s accounts) and tells %s how many companies it holds and, for each shared one, whether it is your customer. Your list itself stays on this computer.",
		h.From, h.Made.Local().Format("2 January 2006 15:04"), formatCount(h.Entries), h.Mode, h.Reveals, formatCount(len(accounts)), h.From)
}

// answerRequest answers a partner's request with our list, off the UI
// goroutine, writes the answer to out and records that the request was
// answered. The channel closes when it is done, for tests.
func (p *privateOverlap) answerRequest(req *core.PrivateFile, from, out string) <-chan struct{} {
	accounts, _ := p.ourAccounts()
	if accounts == nil {
		p.fail(errors.New("choose your account list first: the answer is made of it"))
		done := make(chan struct{})
		close(done)
		return done
	}
	ctx, progress := p.begin(fmt.Sprintf("Answering %s's request with %s accounts…", req.Header.From, formatCount(len(accounts))))
	opt, _ := p.accepted()
	opt.From, opt.SharePopulations, opt.Now, opt.Progress = strings.TrimSpace(p.from.Text), true, p.ws.today(), progress
	pa := p.takePrepared(req.Header.RequestID)
	_, list := p.ourAccounts()
	answer := func() (string, error) {
		var prep *core.PreparedAnswer
		if pa != nil {
			select { // our half, begun while the user decided
			case <-pa.done:
				prep = pa.prep
			case <-ctx.Done():
				pa.stop()
			}
		}
		return p.writeAnswer(ctx, req, prep, accounts, list, from, out, opt)
	}
	return fileInBackground(p.ws, "private overlap answer made", out, answer, p.end)
}

// writeAnswer makes the answer (from our prepared half when there is one),
// writes it and records the request as answered.
func (p *privateOverlap) writeAnswer(ctx context.Context, req *core.PrivateFile, prep *core.PreparedAnswer, accounts []core.Account, list, from, out string, opt core.PrivateAnswerOptions) (string, error) {
	dir, err := p.folder()
	if err != nil {
		return "", err
	}
	var ans *core.PrivateFile
	var ast *core.PrivateAnswerState
	if prep != nil {
		ans, ast, err = prep.Answer(ctx, req, opt)
	} else {
		ans, ast, err = core.AnswerPrivateRequest(ctx, req, accounts, opt)
	}
	if err != nil {
		return "", err
	}
	not, err := dir.SendAnswer(out, ans, ast, list, from, time.Now())
	if err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Wrote %s. Send it back to %s.", filepath.Base(out), req.Header.From)
	if not.Record != nil {
		msg += " Partner Atlas could not keep the record of this answer (" + not.Record.Error() + "): a result sent back cannot be read."
	}
	if not.Answered != nil {
		msg += " Partner Atlas could not record that it was answered (" + not.Answered.Error() + ")."
	}
	return msg, nil
}

// The optional last file of a private overlap, both ways: the requester
// writes a result for its partner once it has opened the answer; the
// partner opens it with the answer it made, and learns what the requester
// learnt.

// chooseResultFile asks where to write the result for the partner, then
// writes it.
func (p *privateOverlap) chooseResultFile() {
	if p.resultFile != nil {
		p.savePAO("private-overlap-result.pao", p.writeResult)
	}
}

// writeResult writes the result for the partner to out.
func (p *privateOverlap) writeResult(out string) {
	if err := exporters.WritePrivateFile(out, p.resultFile); err != nil {
		p.fail(err)
		return
	}
	p.status.SetText(fmt.Sprintf("Wrote %s: %s entries. Send it to your partner: %s", filepath.Base(out), formatCount(p.resultFile.Header.Entries), p.resultFile.Header.Reveals))
}

// chooseResultToRead asks for the result a partner sent back, then reads
// it.
func (p *privateOverlap) chooseResultToRead() {
	p.openPAO(func(path string) { p.readResult(path) })
}

// readResult reads the result at path off the UI goroutine, with the
// answer we made and its record, and shows the overlap seen from our side,
// ready to be used as that partner's. The channel closes when it is done,
// for tests.
func (p *privateOverlap) readResult(path string) <-chan struct{} {
	_, _ = p.begin("Reading " + filepath.Base(path) + "…")
	open := func() (exporters.OpenedPrivate, error) {
		dir, err := p.folder()
		if err != nil {
			return exporters.OpenedPrivate{}, err
		}
		return dir.OpenResult(path)
	}
	return fileInBackground(p.ws, "private overlap result", path, open, func(r exporters.OpenedPrivate, err error) {
		if p.showOpened(r, err) {
			p.result.SetText("From the result " + r.From + " sent back for your answer: what it learnt, seen from your side.\n" + p.result.Text)
		}
	})
}

// savePAO asks where to write a .pao file, proposing name, and calls then
// with the path chosen, ".pao" added when missing.
func (p *privateOverlap) savePAO(name string, then func(path string)) {
	p.ws.askWhereToSave(p.win, "Save the private overlap file", "Save", name, ".pao", then)
}

// openPAO asks for a .pao file to open and calls then with its path.
func (p *privateOverlap) openPAO(then func(path string)) {
	p.ws.askToOpen(p.win, "Open a private overlap file (.pao)", "Open", []string{".pao"}, then)
}
