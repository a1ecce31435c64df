package ui

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestTextColoursReachAAContrast checks the colours labels are written in,
// in the light and the dark variant of the default theme and of the test
// theme, against the window's background and a panel's.
func TestTextColoursReachAAContrast(t *testing.T) {
	themes := []struct {
		name string
		th   fyne.Theme
	}{{"default", theme.DefaultTheme()}, {"test", test.Theme()}}
	for _, tt := range themes {
		th := readable(tt.th)
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			bgs := map[string]fyne.ThemeColorName{"background": theme.ColorNameBackground, "panel": theme.ColorNameInputBackground}
			for bgName, bg := range bgs {
				names := append([]fyne.ThemeColorName{theme.ColorNameForeground}, textColours...)
				for _, n := range names {
					if n == theme.ColorNamePrimary && luminance(th.Color(theme.ColorNameBackground, v)) < 0.2 {
						continue // it fills buttons there, under white text
					}
					got := contrast(th.Color(n, v), th.Color(bg, v))
					if got < minContrast {
						t.Errorf("%s theme, variant %d: %s on the %s has a contrast of %.2f, want at least %v", tt.name, v, n, bgName, got, minContrast)
					}
				}
			}
		}
	}
}

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#FFFFFF", 21},
		{"#FFFFFF", "#FFFFFF", 1},
		{"#767676", "#FFFFFF", 4.54}, // the lightest grey AA allows on white
	}
	for _, tt := range tests {
		if got := contrast(hexColour(tt.a), hexColour(tt.b)); got < tt.want-0.01 || got > tt.want+0.01 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWithContrast(t *testing.T) {
	white, dark := hexColour("#FFFFFF"), hexColour("#171718")
	green := hexColour("#43F436") // Fyne's success colour: 1.5:1 on white
	if got := contrast(withContrast(green, []color.Color{white}, false), white); got < minContrast {
		t.Errorf("darkened green on white: %.2f, want at least %v", got, minContrast)
	}
	red := hexColour("#F44336")
	if got := contrast(withContrast(red, []color.Color{dark}, true), dark); got < minContrast {
		t.Errorf("lightened red on dark grey: %.2f, want at least %v", got, minContrast)
	}
	if got := withContrast(white, []color.Color{dark}, true); got != color.Color(hexColour("#FFFFFF")) {
		t.Errorf("a colour already readable changed to %v", got)
	}
}

// TestNoFaintText shows every step and checks that no label is written
// in the faint colour of disabled controls, which no one can read on a
// dark background.
func TestNoFaintText(t *testing.T) {
	w := newDealsWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	w.say("Imported partners.csv: 40 partners new")
	for s := stepDiscover; s < numSteps; s++ {
		w.Show(s)
		walkVisible(t, w.Window.Canvas().Content(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Importance == widget.LowImportance && l.Text != "" {
				t.Errorf("step %d: %q is written in the faint colour", s, l.Text)
			}
		})
	}
}

// TestLongMessageShownInFullOnClick taps a toolbar message too long for
// its line: the whole message opens below it.
func TestLongMessageShownInFullOnClick(t *testing.T) {
	w := newTestWindow(t)
	w.Window.Resize(fyne.NewSize(1280, 800))
	long := "Imported partners-master-list-2026.xlsx: " + strings.Repeat("40 partners new, 40 partners merged with the ones you had, ", 3) + "and 2 rows without a name skipped."
	w.say("%s", long)
	m := w.toolbar.message
	if m.MinSize().Width > 400 {
		t.Fatalf("the message line asks for %v px: a long message would widen the toolbar", m.MinSize().Width)
	}
	test.Tap(m)
	if m.full == nil || !m.full.Visible() {
		t.Fatal("a click on the message showed nothing")
	}
	if got := m.full.Content.(*widget.Label).Text; got != long {
		t.Errorf("shown in full: %q, want %q", got, long)
	}
}
