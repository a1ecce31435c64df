// Command checkwinexe checks a Windows program the way `make dist` needs its
// Partner Atlas.exe to be, from the file alone (no Windows or Wine here): a
// valid 64-bit PE that starts without a console window (the Windows GUI
// subsystem), with an icon, a version resource and a manifest in its
// resources. It prints what it found and exits with status 1 when something
// is missing or differs from what the flags ask for.
//
//	go run ./scripts/checkwinexe -version 0.1.0.1 -name "Partner Atlas" "Partner Atlas.exe"
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	version := flag.String("version", "", "the file version the version resource must hold, as a.b.c.d")
	name := flag.String("name", "", "the product name the version resource must hold")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: checkwinexe [-version a.b.c.d] [-name NAME] FILE.exe")
		os.Exit(2)
	}
	path := flag.Arg(0)
	exe, err := inspect(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "checkwinexe:", err)
		os.Exit(1)
	}
	fmt.Print(exe.report(path))
	if problems := exe.problems(*version, *name); len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "checkwinexe: %s: %s\n", path, strings.Join(problems, "; "))
		os.Exit(1)
	}
	fmt.Println("  all checks passed")
}

// report describes exe in a few lines, one per kind of thing checked.
func (exe *executable) report(path string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: PE32+ %s, subsystem %d (%s)\n", path, exe.Machine, exe.Subsystem, subsystemName(exe.Subsystem))
	for _, g := range exe.IconGroups {
		var sizes []string
		for _, ic := range g.Icons {
			sizes = append(sizes, fmt.Sprintf("%d×%d %s", ic.Width, ic.Height, ic.Format))
		}
		fmt.Fprintf(&b, "  icon group %s: %s\n", g.ID, strings.Join(sizes, ", "))
	}
	if exe.Version != nil {
		fmt.Fprintf(&b, "  version resource: file %s, product %s; %s\n", exe.Version.FileVersion, exe.Version.ProductVersion,
			strings.Join(exe.Version.stringList(), ", "))
	}
	for _, m := range exe.Manifests {
		fmt.Fprintf(&b, "  manifest: %d bytes\n", len(m))
	}
	return b.String()
}

// problems lists what keeps exe from being the program make dist ships.
func (exe *executable) problems(version, name string) []string {
	var p []string
	if exe.Machine != "x86-64" {
		p = append(p, "not an x86-64 program")
	}
	if exe.Subsystem != subsystemWindowsGUI {
		p = append(p, fmt.Sprintf("subsystem %d (%s), want %d (Windows GUI): it would open a console window",
			exe.Subsystem, subsystemName(exe.Subsystem), subsystemWindowsGUI))
	}
	icons := 0
	for _, g := range exe.IconGroups {
		icons += len(g.Icons)
	}
	if icons == 0 {
		p = append(p, "no icon")
	}
	switch {
	case exe.Version == nil:
		p = append(p, "no version resource")
	default:
		if version != "" && exe.Version.FileVersion != version {
			p = append(p, fmt.Sprintf("file version %s, want %s", exe.Version.FileVersion, version))
		}
		if name != "" && exe.Version.Strings["ProductName"] != name {
			p = append(p, fmt.Sprintf("product name %q, want %q", exe.Version.Strings["ProductName"], name))
		}
	}
	if len(exe.Manifests) == 0 {
		p = append(p, "no manifest")
	}
	return p
}
