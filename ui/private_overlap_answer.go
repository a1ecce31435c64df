package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"partneratlas/core"
	"partneratlas/exporters"
	"partneratlas/importers"
)

// Answering a partner's private overlap request, from the same dialog.

// chooseRequestToAnswer asks for a partner's request, shows what it is and
// what answering reveals, and asks where to write the answer.
func (p *privateOverlap) chooseRequestToAnswer() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.status.SetText("Reading " + filepath.Base(path) + "…")
		p.ws.inBackground(func() {
			req, err := p.checkRequest(path)
			fyne.Do(func() {
				if err != nil {
					p.fail(err)
					return
				}
				p.status.SetText("")
				p.confirmAnswer(req, path)
			})
		})
	}, p.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pao"}))
	d.Show()
}

// confirmAnswer shows who sent the request at path, its size and what
// answering reveals; on yes, it asks where to write the answer and makes
// it.
func (p *privateOverlap) confirmAnswer(req *core.PrivateFile, path string) {
	dialog.ShowConfirm("Answer this request?", p.describeRequest(req), func(ok bool) {
		if !ok {
			return
		}
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			out := w.URI().Path()
			w.Close()
			if !strings.EqualFold(filepath.Ext(out), ".pao") {
				out += ".pao"
			}
			p.answerRequest(req, path, out)
		}, p.win)
		save.SetFileName("private-overlap-answer.pao")
		save.SetFilter(storage.NewExtensionFileFilter([]string{".pao"}))
		save.Show()
	}, p.win)
}

// checkRequest reads a partner's request and refuses it when it is too
// big, of the wrong shape, or answered before on this computer.
func (p *privateOverlap) checkRequest(path string) (*core.PrivateFile, error) {
	accept, err := p.accepted()
	if err != nil {
		return nil, err
	}
	req, err := exporters.ReadPrivateFile(path, core.PrivateLimits{MaxEntries: accept.MaxEntries})
	if err != nil {
		return nil, err
	}
	if err := core.CheckPrivateRequest(req, accept); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	dir, err := p.folder()
	if err != nil {
		return nil, err
	}
	if when, ok := dir.AnsweredOn(req.Header.RequestID); ok {
		return nil, fmt.Errorf("you answered request %.8s on %s; a request is answered once: ask your partner for a new request", req.Header.RequestID, when)
	}
	return req, nil
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
	return fmt.Sprintf("From %s, made %s: %d entries, mode %s.\n\n%s\n\nYour answer is made of your account list (%d accounts) and tells %s how many companies it holds and, for each shared one, whether it is your customer. Your list itself stays on this computer.",
		h.From, h.Made.Local().Format("2 January 2006 15:04"), h.Entries, h.Mode, h.Reveals, len(accounts), h.From)
}

// answerRequest answers a partner's request with our list, off the UI
// goroutine, writes the answer to out and records that the request was
// answered. The channel closes when it is done, for tests.
func (p *privateOverlap) answerRequest(req *core.PrivateFile, from, out string) <-chan struct{} {
	done := make(chan struct{})
	accounts, _ := p.ourAccounts()
	if accounts == nil {
		p.fail(errors.New("choose your account list first: the answer is made of it"))
		close(done)
		return done
	}
	ctx, progress := p.begin(fmt.Sprintf("Answering %s's request with %d accounts…", req.Header.From, len(accounts)))
	opt, _ := p.accepted()
	opt.From, opt.SharePopulations, opt.Now, opt.Progress = strings.TrimSpace(p.from.Text), true, p.ws.today(), progress
	p.ws.inBackground(func() {
		start := time.Now()
		msg, err := p.writeAnswer(ctx, req, accounts, from, out, opt)
		p.ws.logDone("private overlap answer made", out, start, err)
		fyne.Do(func() {
			defer close(done)
			p.end(msg, err)
		})
	})
	return done
}

// writeAnswer makes the answer, writes it and records the request as
// answered.
func (p *privateOverlap) writeAnswer(ctx context.Context, req *core.PrivateFile, accounts []core.Account, from, out string, opt core.PrivateAnswerOptions) (string, error) {
	dir, err := p.folder()
	if err != nil {
		return "", err
	}
	ans, ast, err := core.AnswerPrivateRequest(ctx, req, accounts, opt)
	if err != nil {
		return "", err
	}
	if err := exporters.WritePrivateFile(out, ans); err != nil {
		return "", err
	}
	_, list := p.ourAccounts()
	ast.AnswerFile, ast.List = out, list
	msg := fmt.Sprintf("Wrote %s. Send it back to %s.", filepath.Base(out), req.Header.From)
	if _, err := dir.SaveAnswerState(ast); err != nil {
		msg += " Partner Atlas could not keep the record of this answer (" + err.Error() + "): a result sent back cannot be read."
	}
	if err := dir.RecordAnswered(req.Header.RequestID, from, time.Now()); err != nil {
		msg += " Partner Atlas could not record that it was answered (" + err.Error() + ")."
	}
	return msg, nil
}
