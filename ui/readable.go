package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// minContrast is the contrast WCAG AA asks of normal text against its
// background.
const minContrast = 4.5

// readableTheme is the app's theme, or the system's, with the colours the
// screens write text in (success, warning, error, and the primary colour on
// a light background) darkened or lightened until they reach minContrast
// against both the window's background and a panel's. Fyne's default light
// theme writes success text in a green of 1.5:1 and warnings in an orange
// of 2.2:1, which a partner manager on a bright laptop screen cannot read.
type readableTheme struct{ base fyne.Theme }

// readable returns t with its text colours made readable; a theme already
// made so is returned as it is.
func readable(t fyne.Theme) fyne.Theme {
	if _, ok := t.(*readableTheme); ok || t == nil {
		return t
	}
	return &readableTheme{base: t}
}

// textColours are the colours labels are written in by importance.
var textColours = []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError, theme.ColorNamePrimary}

func (r *readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	c := r.base.Color(n, v)
	switch n {
	case theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError, theme.ColorNamePrimary:
	default:
		return c
	}
	bg := r.base.Color(theme.ColorNameBackground, v)
	panel := r.base.Color(theme.ColorNameInputBackground, v)
	dark := luminance(bg) < 0.2
	if n == theme.ColorNamePrimary && dark {
		// Lightening it would take contrast from the white text of the
		// buttons it fills.
		return c
	}
	return withContrast(c, []color.Color{bg, panel}, dark)
}

func (r *readableTheme) Font(s fyne.TextStyle) fyne.Resource     { return r.base.Font(s) }
func (r *readableTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return r.base.Icon(n) }
func (r *readableTheme) Size(n fyne.ThemeSizeName) float32       { return r.base.Size(n) }

// withContrast mixes c with white (lighter, over dark backgrounds) or black
// (darker) in small steps until it reaches minContrast against every
// background.
func withContrast(c color.Color, backgrounds []color.Color, lighter bool) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	towards := uint8(0)
	if lighter {
		towards = 0xFF
	}
	mix := func(v uint8, f float64) uint8 { return uint8(math.Round(float64(v) + (float64(towards)-float64(v))*f)) }
	for step := 0; step <= 20; step++ {
		f := float64(step) / 20
		m := color.NRGBA{R: mix(n.R, f), G: mix(n.G, f), B: mix(n.B, f), A: n.A}
		ok := true
		for _, bg := range backgrounds {
			ok = ok && contrast(m, bg) >= minContrast
		}
		if ok {
			return m
		}
	}
	return color.NRGBA{R: towards, G: towards, B: towards, A: 0xFF}
}

// contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is a colour's relative luminance as WCAG defines it.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xFFFF
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
