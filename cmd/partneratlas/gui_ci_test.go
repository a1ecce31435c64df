//go:build ci

package main

import "testing"

func TestNoGUIUnderCI(t *testing.T) {
	if status, _, _ := runCmd(); status != 1 {
		t.Errorf("with no argument under the ci tag, status = %d, want 1", status)
	}
}
