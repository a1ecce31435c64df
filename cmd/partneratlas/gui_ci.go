//go:build ci

package main

import (
	"fmt"
	"os"
)

// runGUI is the window's stand-in in a build without a display driver (the
// ci tag, used with CGO_ENABLED=0): it says so and fails.
func runGUI([]string) int {
	fmt.Fprintln(os.Stderr, "partneratlas: built without a GUI (ci tag). Use 'partneratlas plan', or build without the ci tag.")
	return 1
}
