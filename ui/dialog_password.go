package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// askPassword asks for the password of the encrypted workbook being
// previewed; err says why (none given yet, or the one given is wrong).
// Cancel skips the file.
func (p *importPreview) askPassword(err error) {
	p.passwordEntry = widget.NewPasswordEntry()
	p.passwordEntry.SetPlaceHolder("Password")
	msg := "This workbook is protected with a password. Type it to open the workbook; Partner Atlas keeps it only while it reads."
	if p.opt.Password != "" {
		msg = "That password did not open the workbook. Check it (passwords are case-sensitive) and try again."
	}
	note := widget.NewLabel(msg)
	note.Wrapping = fyne.TextWrapWord
	p.password = dialog.NewForm("Open "+p.uri.Name(), "Open", "Skip this file", []*widget.FormItem{
		{Widget: note},
		widget.NewFormItem("Password", p.passwordEntry),
	}, func(ok bool) {
		if !ok || p.passwordEntry.Text == "" {
			p.w.say("Skipped %s: it needs its password.", p.uri.Name())
			p.next()
			return
		}
		p.opt.Password = p.passwordEntry.Text
		p.readFirst()
	}, p.w.Window)
	p.password.Resize(fyne.NewSize(520, 240))
	p.password.Show()
	p.w.Window.Canvas().Focus(p.passwordEntry)
}
