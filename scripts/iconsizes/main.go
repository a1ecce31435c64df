// Command iconsizes writes the app icon at the sizes a Linux desktop's
// hicolor icon theme looks for, so menus, docks and file managers show a
// sharp icon at every size instead of shrinking the 512-pixel one. The
// Linux archive of `make dist` ships its output.
//
//	go run ./scripts/iconsizes -name io.partneratlas.app -out DIR resources/icon.png 16 32 48
//
// writes DIR/16x16/apps/io.partneratlas.app.png, DIR/32x32/apps/… and so on.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/image/draw"
)

func main() {
	name := flag.String("name", "", "file name of the icons, without .png (the desktop entry's Icon=)")
	out := flag.String("out", "", "the hicolor folder to write into")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: iconsizes -name NAME -out DIR ICON.png SIZE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *name == "" || *out == "" || flag.NArg() < 2 {
		flag.Usage()
		os.Exit(2)
	}
	var sizes []int
	for _, arg := range flag.Args()[1:] {
		n, err := strconv.Atoi(arg)
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "iconsizes: %q is not a size in pixels\n", arg)
			os.Exit(2)
		}
		sizes = append(sizes, n)
	}
	written, err := writeSizes(flag.Arg(0), *out, *name, sizes)
	for _, path := range written {
		fmt.Println(path)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "iconsizes:", err)
		os.Exit(1)
	}
}

// writeSizes reads the square PNG icon at src and writes it at each size
// into out/SIZExSIZE/apps/name.png, returning the paths it wrote.
func writeSizes(src, out, name string, sizes []int) ([]string, error) {
	icon, err := readPNG(src)
	if err != nil {
		return nil, err
	}
	if b := icon.Bounds(); b.Dx() != b.Dy() {
		return nil, fmt.Errorf("%s is %d×%d pixels: an icon must be square", src, b.Dx(), b.Dy())
	}
	var written []string
	for _, size := range sizes {
		dir := filepath.Join(out, fmt.Sprintf("%dx%d", size, size), "apps")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return written, err
		}
		path := filepath.Join(dir, name+".png")
		if err := writePNG(path, scale(icon, size)); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

// scale returns img drawn at size×size pixels with a Catmull-Rom filter,
// which keeps edges sharp when shrinking.
func scale(img image.Image, size int) *image.NRGBA {
	dst := image.NewNRGBA(image.Rect(0, 0, size, size))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	return dst
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return img, nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	return errors.Join(enc.Encode(f, img), f.Close())
}
