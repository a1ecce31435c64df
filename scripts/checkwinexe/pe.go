package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"image/png"
	"sort"
	"unicode/utf16"
)

// The resource types and subsystem this check knows (winnt.h, winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24

	subsystemWindowsGUI = 2
	subsystemConsole    = 3
)

func subsystemName(s uint16) string {
	switch s {
	case subsystemWindowsGUI:
		return "Windows GUI"
	case subsystemConsole:
		return "Windows console"
	}
	return "other"
}

// executable is what checkwinexe reads from a PE file.
type executable struct {
	Machine    string
	Subsystem  uint16
	IconGroups []iconGroup
	Version    *versionInfo
	Manifests  [][]byte
}

// iconGroup is one RT_GROUP_ICON resource: the icon Windows shows for the
// program, at each of the sizes it holds.
type iconGroup struct {
	ID    string
	Icons []icon
}

// icon is one image of an icon group, as its RT_ICON resource holds it.
type icon struct {
	Width, Height int
	Format        string // "PNG" or "BMP"
}

// versionInfo is the VS_VERSIONINFO resource: what Explorer shows in the
// file's Properties › Details.
type versionInfo struct {
	FileVersion, ProductVersion string // from VS_FIXEDFILEINFO, a.b.c.d
	Strings                     map[string]string
}

func (v *versionInfo) stringList() []string {
	var keys []string
	for k := range v.Strings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var list []string
	for _, k := range keys {
		list = append(list, fmt.Sprintf("%s %q", k, v.Strings[k]))
	}
	return list
}

// resource is a leaf of the resource tree: type, name and its data.
type resource struct {
	Type, Name string
	TypeID     uint32
	Data       []byte
}

// inspect reads the PE file at path.
func inspect(path string) (*executable, error) {
	f, err := pe.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a valid PE file: %w", path, err)
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return nil, fmt.Errorf("%s is not a 64-bit (PE32+) program", path)
	}
	exe := &executable{Machine: machineName(f.Machine), Subsystem: oh.Subsystem}
	dir := oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	if dir.VirtualAddress == 0 {
		return exe, nil
	}
	image, err := newImage(f)
	if err != nil {
		return nil, err
	}
	resources, err := image.resources(dir.VirtualAddress)
	if err != nil {
		return nil, fmt.Errorf("%s: resources: %w", path, err)
	}
	icons := map[string]icon{}
	for _, r := range resources {
		if r.TypeID == rtIcon {
			ic, err := readIcon(r.Data)
			if err != nil {
				return nil, fmt.Errorf("%s: icon %s: %w", path, r.Name, err)
			}
			icons[r.Name] = ic
		}
	}
	for _, r := range resources {
		switch r.TypeID {
		case rtGroupIcon:
			g, err := readIconGroup(r.Name, r.Data, icons)
			if err != nil {
				return nil, fmt.Errorf("%s: icon group %s: %w", path, r.Name, err)
			}
			exe.IconGroups = append(exe.IconGroups, g)
		case rtVersion:
			v, err := readVersion(r.Data)
			if err != nil {
				return nil, fmt.Errorf("%s: version resource: %w", path, err)
			}
			exe.Version = v
		case rtManifest:
			exe.Manifests = append(exe.Manifests, r.Data)
		}
	}
	return exe, nil
}

func machineName(m uint16) string {
	switch m {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		return "x86-64"
	case pe.IMAGE_FILE_MACHINE_ARM64:
		return "arm64"
	case pe.IMAGE_FILE_MACHINE_I386:
		return "x86"
	}
	return fmt.Sprintf("machine %#x", m)
}

// peImage reads the file's sections by virtual address, as the resource
// directory points into them.
type peImage struct {
	sections []*pe.Section
	data     [][]byte
}

func newImage(f *pe.File) (*peImage, error) {
	img := &peImage{}
	for _, s := range f.Sections {
		d, err := s.Data()
		if err != nil {
			return nil, fmt.Errorf("section %s: %w", s.Name, err)
		}
		img.sections = append(img.sections, s)
		img.data = append(img.data, d)
	}
	return img, nil
}

// at returns n bytes at virtual address rva.
func (img *peImage) at(rva, n uint32) ([]byte, error) {
	for i, s := range img.sections {
		if rva >= s.VirtualAddress && uint64(rva)+uint64(n) <= uint64(s.VirtualAddress)+uint64(len(img.data[i])) {
			off := rva - s.VirtualAddress
			return img.data[i][off : off+n], nil
		}
	}
	return nil, fmt.Errorf("%d bytes at %#x lie outside the sections", n, rva)
}

var errTruncated = errors.New("cut short")

// resources walks the three levels of the resource tree at rva (type,
// name, language) and returns its leaves.
func (img *peImage) resources(rva uint32) ([]resource, error) {
	var out []resource
	var walk func(off uint32, level int, r resource) error
	walk = func(off uint32, level int, r resource) error {
		if level > 3 {
			return errors.New("more than three levels")
		}
		head, err := img.at(rva+off, 16)
		if err != nil {
			return err
		}
		n := uint32(binary.LittleEndian.Uint16(head[12:])) + uint32(binary.LittleEndian.Uint16(head[14:]))
		entries, err := img.at(rva+off+16, 8*n)
		if err != nil {
			return err
		}
		for i := uint32(0); i < n; i++ {
			nameOrID := binary.LittleEndian.Uint32(entries[8*i:])
			target := binary.LittleEndian.Uint32(entries[8*i+4:])
			id, err := img.entryName(rva, nameOrID)
			if err != nil {
				return err
			}
			child := r
			switch level {
			case 0:
				child.Type, child.TypeID = id, nameOrID
			case 1:
				child.Name = id
			}
			if target&0x80000000 != 0 {
				if err := walk(target&0x7fffffff, level+1, child); err != nil {
					return err
				}
				continue
			}
			entry, err := img.at(rva+target, 16)
			if err != nil {
				return err
			}
			child.Data, err = img.at(binary.LittleEndian.Uint32(entry), binary.LittleEndian.Uint32(entry[4:]))
			if err != nil {
				return err
			}
			out = append(out, child)
		}
		return nil
	}
	return out, walk(0, 0, resource{})
}

// entryName returns an entry's ID in decimal, or its name when the high
// bit says it is a string.
func (img *peImage) entryName(rva, nameOrID uint32) (string, error) {
	if nameOrID&0x80000000 == 0 {
		return fmt.Sprint(nameOrID), nil
	}
	off := rva + nameOrID&0x7fffffff
	head, err := img.at(off, 2)
	if err != nil {
		return "", err
	}
	n := uint32(binary.LittleEndian.Uint16(head))
	raw, err := img.at(off+2, 2*n)
	if err != nil {
		return "", err
	}
	return decodeUTF16(raw), nil
}

// readIcon reads the size and format of one RT_ICON image: a PNG file, or a
// BITMAPINFOHEADER whose height counts the image and its mask.
func readIcon(data []byte) (icon, error) {
	if bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return icon{}, err
		}
		return icon{cfg.Width, cfg.Height, "PNG"}, nil
	}
	if len(data) < 40 || binary.LittleEndian.Uint32(data) != 40 {
		return icon{}, errors.New("neither a PNG nor a bitmap")
	}
	w := int(int32(binary.LittleEndian.Uint32(data[4:])))
	h := int(int32(binary.LittleEndian.Uint32(data[8:])))
	return icon{w, h / 2, "BMP"}, nil
}

// readIconGroup reads a GRPICONDIR and finds each image it lists among the
// RT_ICON resources.
func readIconGroup(id string, data []byte, icons map[string]icon) (iconGroup, error) {
	if len(data) < 6 || binary.LittleEndian.Uint16(data[2:]) != 1 {
		return iconGroup{}, errors.New("not an icon directory")
	}
	n := int(binary.LittleEndian.Uint16(data[4:]))
	if len(data) < 6+14*n {
		return iconGroup{}, errTruncated
	}
	g := iconGroup{ID: id}
	for i := 0; i < n; i++ {
		e := data[6+14*i:]
		ref := fmt.Sprint(binary.LittleEndian.Uint16(e[12:]))
		ic, ok := icons[ref]
		if !ok {
			return g, fmt.Errorf("lists icon %s, which the file does not hold", ref)
		}
		// The directory says 0 for 256 pixels or more (a PNG image may be
		// larger: fyne package stores the 512-pixel icon as it is).
		if !sideFits(e[0], ic.Width) || !sideFits(e[1], ic.Height) {
			return g, fmt.Errorf("says icon %s is %d×%d, but it is %d×%d", ref, e[0], e[1], ic.Width, ic.Height)
		}
		g.Icons = append(g.Icons, ic)
	}
	return g, nil
}

// sideFits reports whether a side of an icon directory entry (0 meaning
// 256 or more) matches the image's side.
func sideFits(entry uint8, side int) bool {
	if entry == 0 {
		return side >= 256
	}
	return int(entry) == side
}

// readVersion reads a VS_VERSIONINFO block: its VS_FIXEDFILEINFO and the
// strings of its StringFileInfo tables.
func readVersion(data []byte) (*versionInfo, error) {
	root, err := readVersionBlock(data)
	if err != nil {
		return nil, err
	}
	if root.Key != "VS_VERSION_INFO" || len(root.Value) < 52 ||
		binary.LittleEndian.Uint32(root.Value) != 0xfeef04bd {
		return nil, errors.New("no VS_FIXEDFILEINFO")
	}
	v := &versionInfo{
		FileVersion:    fourPart(root.Value[8:]),
		ProductVersion: fourPart(root.Value[16:]),
		Strings:        map[string]string{},
	}
	for _, info := range root.Children {
		if info.Key != "StringFileInfo" {
			continue
		}
		for _, table := range info.Children {
			for _, s := range table.Children {
				v.Strings[s.Key] = decodeUTF16(s.Value)
			}
		}
	}
	return v, nil
}

// fourPart words the two DWORDs (most, least significant) of a
// VS_FIXEDFILEINFO version as a.b.c.d.
func fourPart(b []byte) string {
	ms, ls := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
	return fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
}

// versionBlock is one node of a version resource: wLength, wValueLength,
// wType, a UTF-16 key, the value and the children, each 32-bit aligned.
type versionBlock struct {
	Key      string
	Value    []byte
	Children []versionBlock
}

func readVersionBlock(data []byte) (versionBlock, error) {
	if len(data) < 6 {
		return versionBlock{}, errTruncated
	}
	length := int(binary.LittleEndian.Uint16(data))
	valueLength := int(binary.LittleEndian.Uint16(data[2:]))
	text := binary.LittleEndian.Uint16(data[4:]) == 1
	if length < 6 || length > len(data) {
		return versionBlock{}, errTruncated
	}
	data = data[:length]
	end := 6
	for end+1 < len(data) && (data[end] != 0 || data[end+1] != 0) {
		end += 2
	}
	b := versionBlock{Key: decodeUTF16(data[6:end])}
	pos := align4(end + 2)
	if text {
		valueLength *= 2 // counted in UTF-16 characters
	}
	if pos+valueLength > len(data) {
		valueLength = max(len(data)-pos, 0)
	}
	if pos <= len(data) {
		b.Value = data[pos : pos+valueLength]
	}
	pos = align4(pos + valueLength)
	for pos+6 <= len(data) {
		child, err := readVersionBlock(data[pos:])
		if err != nil {
			return b, err
		}
		b.Children = append(b.Children, child)
		pos = align4(pos + int(binary.LittleEndian.Uint16(data[pos:])))
	}
	return b, nil
}

func align4(n int) int { return (n + 3) &^ 3 }

// decodeUTF16 decodes little-endian UTF-16 up to its first NUL.
func decodeUTF16(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}
