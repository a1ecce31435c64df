package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"partneratlas/core"
	"partneratlas/exporters"
)

// The optional last file of a private overlap, both ways: the requester
// writes a result for its partner once it has opened the answer; the
// partner opens it with the answer it made, and learns what the requester
// learnt.

// chooseResultFile asks where to write the result for the partner, then
// writes it.
func (p *privateOverlap) chooseResultFile() {
	if p.resultFile == nil {
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
		p.writeResult(out)
	}, p.win)
	save.SetFileName("private-overlap-result.pao")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".pao"}))
	save.Show()
}

// writeResult writes the result for the partner to out.
func (p *privateOverlap) writeResult(out string) {
	if err := exporters.WritePrivateFile(out, p.resultFile); err != nil {
		p.fail(err)
		return
	}
	p.status.SetText(fmt.Sprintf("Wrote %s: %d entries. Send it to your partner: %s", filepath.Base(out), p.resultFile.Header.Entries, p.resultFile.Header.Reveals))
}

// chooseResultToRead asks for the result a partner sent back, then reads
// it.
func (p *privateOverlap) chooseResultToRead() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.readResult(path)
	}, p.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pao"}))
	d.Show()
}

// readResult reads the result at path off the UI goroutine, with the
// answer we made and its record, and shows the overlap seen from our side,
// ready to be used as that partner's. The channel closes when it is done,
// for tests.
func (p *privateOverlap) readResult(path string) <-chan struct{} {
	done := make(chan struct{})
	_, _ = p.begin("Reading " + filepath.Base(path) + "…")
	p.ws.inBackground(func() {
		start := time.Now()
		o, from, err := p.openResult(path)
		p.ws.logDone("private overlap result", path, start, err)
		fyne.Do(func() {
			defer close(done)
			p.end("", err)
			if err != nil {
				return
			}
			p.finished, p.state, p.stateInPlan, p.resultFile = &o, nil, false, nil
			p.sendBack.Disable()
			p.showResult(o, from)
		})
	})
	return done
}

// openResult reads a result, the record of the answer its request id names
// and that answer, and works out what the result reveals.
func (p *privateOverlap) openResult(path string) (core.Overlap, string, error) {
	dir, err := p.folder()
	if err != nil {
		return core.Overlap{}, "", err
	}
	res, err := exporters.ReadPrivateFile(path, core.PrivateLimits{})
	if err != nil {
		return core.Overlap{}, "", err
	}
	if res.Header.File != core.FileResult {
		return core.Overlap{}, "", fmt.Errorf("%s is %s, not a result: open the result your partner sent back for your answer", filepath.Base(path), res.Header.File)
	}
	ast, err := dir.LoadAnswerState(res.Header.RequestID)
	if errors.Is(err, fs.ErrNotExist) {
		return core.Overlap{}, "", fmt.Errorf("%s is the result of request %.8s, which was not answered on this computer: only the computer that answered can read its result: %w", filepath.Base(path), res.Header.RequestID, err)
	}
	if err != nil {
		return core.Overlap{}, "", err
	}
	ans, err := exporters.ReadPrivateFile(ast.AnswerFile, core.PrivateLimits{})
	if err != nil {
		return core.Overlap{}, "", fmt.Errorf("the answer this result is for, %s, cannot be read; put it back where it was written: %w", ast.AnswerFile, err)
	}
	o, err := core.ReadPrivateResult(ast, ans, res)
	return o, res.Header.From, err
}
