package main

// version and build identify this binary. The Makefile sets them from
// FyneApp.toml (Version, Build) with -ldflags "-X main.version=… -X
// main.build=…"; a plain `go build` says "dev".
var (
	version = "dev"
	build   = "0"
)
