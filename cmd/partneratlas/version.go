package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and build identify this binary. The Makefile sets them from
// FyneApp.toml (Version, Build) with -ldflags "-X main.version=… -X
// main.build=…"; a plain `go build` says "dev".
var (
	version = "dev"
	build   = "0"
)

// fyneModule is the module path of the Fyne toolkit, whose version the
// binary's build information records.
const fyneModule = "fyne.io/fyne/v2"

// versionLine is what `partneratlas --version` prints and what a bug
// report should quote: the app's version and build, the Go release and the
// Fyne version the binary was built with, for example
// "Partner Atlas 0.1.0 (build 1), go1.26.8, Fyne v2.8.1".
func versionLine() string {
	info, _ := debug.ReadBuildInfo()
	return describeVersion(version, build, runtime.Version(), info)
}

// describeVersion words versionLine from its parts; info may be nil, as it
// is in a binary built without module support.
func describeVersion(version, build, goVersion string, info *debug.BuildInfo) string {
	return fmt.Sprintf("Partner Atlas %s (build %s), %s, Fyne %s",
		version, build, goVersion, moduleVersion(info, fyneModule))
}

// moduleVersion returns the version of the module at path that info says
// the binary was built with: the replacement's when the module was
// replaced, and "unknown" when info is nil or does not list the module
// (a test binary whose package does not import it).
func moduleVersion(info *debug.BuildInfo, path string) string {
	if info == nil {
		return "unknown"
	}
	for _, m := range info.Deps {
		if m.Path != path {
			continue
		}
		if m.Replace != nil {
			if m.Replace.Version != "" {
				return m.Replace.Version
			}
			return "(replaced by " + m.Replace.Path + ")"
		}
		return m.Version
	}
	return "unknown"
}
