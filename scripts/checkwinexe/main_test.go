package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/josephspurrier/goversioninfo"
)

// TestInspect cross-builds two small Windows programs, one as make dist
// builds Partner Atlas.exe (the GUI subsystem, with an icon of two sizes, a
// version resource and a manifest made by the library fyne package uses)
// and one plain console program, and checks that inspect tells them apart.
func TestInspect(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-builds two Windows programs")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	writeFile(t, filepath.Join(src, "go.mod"), "module example.com/app\n\ngo 1.22\n")
	writeFile(t, filepath.Join(src, "main.go"), "package main\n\nfunc main() {}\n")
	console := filepath.Join(dir, "console.exe")
	goBuild(t, src, console)

	icoPath := filepath.Join(dir, "app.ico")
	writeICO(t, icoPath, 16, 48, 256)
	manifestPath := filepath.Join(dir, "app.manifest")
	writeFile(t, manifestPath, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity version="1.2.3.4" name="Test App" type="win32"/>
</assembly>
`)
	vi := &goversioninfo.VersionInfo{IconPath: icoPath, ManifestPath: manifestPath}
	vi.StringFileInfo.ProductName = "Test App"
	vi.StringFileInfo.ProductVersion = "1.2.3.4"
	vi.FixedFileInfo.FileVersion = goversioninfo.FileVersion{Major: 1, Minor: 2, Patch: 3, Build: 4}
	vi.FixedFileInfo.ProductVersion = vi.FixedFileInfo.FileVersion
	vi.Build()
	vi.Walk()
	if err := vi.WriteSyso(filepath.Join(src, "rsrc.syso"), "amd64"); err != nil {
		t.Fatal(err)
	}
	gui := filepath.Join(dir, "gui.exe")
	goBuild(t, src, gui, "-ldflags", "-H=windowsgui")

	exe, err := inspect(gui)
	if err != nil {
		t.Fatal(err)
	}
	if exe.Machine != "x86-64" || exe.Subsystem != 2 {
		t.Errorf("gui.exe: machine %s, subsystem %d, want x86-64, 2", exe.Machine, exe.Subsystem)
	}
	// The library writes the icon twice: the first group is the one Explorer
	// shows for the file, 32512 (IDI_APPLICATION) the window's.
	if len(exe.IconGroups) != 2 || exe.IconGroups[1].ID != "32512" {
		t.Fatalf("gui.exe: icon groups %+v, want 2, the second 32512", exe.IconGroups)
	}
	for _, g := range exe.IconGroups {
		var sizes []int
		for _, ic := range g.Icons {
			if ic.Width != ic.Height || ic.Format != "PNG" {
				t.Errorf("gui.exe: icon %d×%d %s, want square PNG", ic.Width, ic.Height, ic.Format)
			}
			sizes = append(sizes, ic.Width)
		}
		if len(sizes) != 3 || sizes[0] != 16 || sizes[1] != 48 || sizes[2] != 256 {
			t.Errorf("gui.exe: icon group %s sizes %v, want [16 48 256]", g.ID, sizes)
		}
	}
	if exe.Version == nil {
		t.Fatal("gui.exe: no version resource")
	}
	if exe.Version.FileVersion != "1.2.3.4" || exe.Version.Strings["ProductName"] != "Test App" ||
		exe.Version.Strings["ProductVersion"] != "1.2.3.4" {
		t.Errorf("gui.exe: version %s, strings %v, want 1.2.3.4 and ProductName Test App", exe.Version.FileVersion, exe.Version.Strings)
	}
	if len(exe.Manifests) != 1 || !bytes.Contains(exe.Manifests[0], []byte(`name="Test App"`)) {
		t.Errorf("gui.exe: manifests %q, want the one given", exe.Manifests)
	}
	if p := exe.problems("1.2.3.4", "Test App"); len(p) != 0 {
		t.Errorf("gui.exe: problems %q, want none", p)
	}
	if p := exe.problems("1.2.3.5", "Other"); len(p) != 2 {
		t.Errorf("gui.exe against another version and name: problems %q, want 2", p)
	}

	exe, err = inspect(console)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"subsystem 3 (Windows console)", "no icon", "no version resource", "no manifest"}
	got := exe.problems("", "")
	if len(got) != len(want) {
		t.Fatalf("console.exe: problems %q, want %d starting %q", got, len(want), want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("console.exe: problem %d is %q, want it to start %q", i, got[i], want[i])
		}
	}

	if _, err := inspect(filepath.Join(src, "main.go")); err == nil {
		t.Error("inspect accepted a Go source file as a program")
	}
}

func goBuild(t *testing.T, dir, out string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", append(append([]string{"build", "-o", out}, args...), ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", out, err, b)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeICO writes an .ico file holding one PNG image per size, laid out by
// hand: ICONDIR, one ICONDIRENTRY per image, then the images.
func writeICO(t *testing.T, path string, sizes ...int) {
	t.Helper()
	var images [][]byte
	for _, size := range sizes {
		img := image.NewNRGBA(image.Rect(0, 0, size, size))
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				img.Set(x, y, color.NRGBA{R: uint8(x), G: 128, B: uint8(y), A: 255})
			}
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		images = append(images, b.Bytes())
	}
	var ico bytes.Buffer
	le := func(v any) { _ = binary.Write(&ico, binary.LittleEndian, v) }
	le([3]uint16{0, 1, uint16(len(sizes))})
	offset := 6 + 16*len(sizes)
	for i, size := range sizes {
		side := uint8(size) // 256 is written as 0
		le([4]uint8{side, side, 0, 0})
		le([2]uint16{1, 32})
		le([2]uint32{uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		ico.Write(img)
	}
	if err := os.WriteFile(path, ico.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
