package main

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"testing"
)

// TestWriteSizes shrinks the app's real icon to every size the Linux
// archive ships and checks each file: a PNG of the size asked for, whose
// overall colour (the alpha-weighted mean of its pixels) and coverage (the
// mean alpha) stay those of the original, computed here by a plain loop over
// the original's pixels.
func TestWriteSizes(t *testing.T) {
	src := filepath.Join("..", "..", "resources", "icon.png")
	orig, err := readPNG(src)
	if err != nil {
		t.Fatal(err)
	}
	want := meanColour(orig)
	sizes := []int{16, 22, 24, 32, 48, 64, 128, 256, 512}
	out := t.TempDir()
	written, err := writeSizes(src, out, "io.partneratlas.app", sizes)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != len(sizes) {
		t.Fatalf("writeSizes wrote %d files, want %d", len(written), len(sizes))
	}
	for i, size := range sizes {
		wantPath := filepath.Join(out, fmt.Sprintf("%dx%d", size, size), "apps", "io.partneratlas.app.png")
		if written[i] != wantPath {
			t.Errorf("file %d is %s, want %s", i, written[i], wantPath)
		}
		img, err := readPNG(wantPath)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("%s is %d×%d, want %d×%d", wantPath, b.Dx(), b.Dy(), size, size)
		}
		// Small sizes lose detail, not colour: allow 4 % of the range.
		got := meanColour(img)
		for c := range got {
			if math.Abs(got[c]-want[c]) > 0.04 {
				t.Errorf("%d px: mean (r, g, b, a) = %.3f, want %.3f ± 0.04", size, got, want)
				break
			}
		}
	}
}

func TestWriteSizesRefusesANonSquareIcon(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wide.png")
	wide := image.NewNRGBA(image.Rect(0, 0, 20, 10))
	wide.Set(1, 1, color.NRGBA{R: 255, A: 255})
	if err := writePNG(path, wide); err != nil {
		t.Fatal(err)
	}
	if _, err := writeSizes(path, dir, "x", []int{16}); err == nil {
		t.Error("writeSizes accepted a 20×10 icon")
	}
}

// meanColour returns the mean red, green and blue of img weighted by alpha,
// and its mean alpha, each from 0 to 1.
func meanColour(img image.Image) [4]float64 {
	var r, g, b, a float64
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			alpha := float64(c.A) / 255
			r += float64(c.R) / 255 * alpha
			g += float64(c.G) / 255 * alpha
			b += float64(c.B) / 255 * alpha
			a += alpha
		}
	}
	if a == 0 {
		return [4]float64{}
	}
	n := float64(bounds.Dx() * bounds.Dy())
	return [4]float64{r / a, g / a, b / a, a / n}
}
