package core

import "strings"

// TextArena copies short strings into shared blocks of memory, so that a
// million account names cost a few dozen allocations instead of a million,
// and the garbage collector has a few dozen objects to track instead of a
// million. A block is never cleared before it is written
// (strings.Builder.Grow does not zero what it will overwrite) and never
// moves, so the strings it gives stay valid for as long as one of them is
// held. A TextArena must not be copied once used.
type TextArena struct {
	block strings.Builder
}

// textArenaBlock is the size of one block: large enough that its
// allocation is rare, small enough that a short list wastes little.
const textArenaBlock = 64 << 10

// Keep returns a copy of s held in the arena. A string longer than a
// quarter of a block gets an allocation of its own.
func (a *TextArena) Keep(s string) string {
	switch {
	case len(s) == 0:
		return ""
	case len(s) > textArenaBlock/4:
		return strings.Clone(s)
	}
	start := a.room(len(s))
	a.block.WriteString(s)
	return a.block.String()[start:]
}

// KeepBytes is Keep for text still in a buffer.
func (a *TextArena) KeepBytes(b []byte) string {
	switch {
	case len(b) == 0:
		return ""
	case len(b) > textArenaBlock/4:
		return string(b)
	}
	start := a.room(len(b))
	a.block.Write(b)
	return a.block.String()[start:]
}

// room makes sure the block has n bytes free, starting a new block when it
// has not (the old one stays with the strings cut from it), and returns
// where the next string starts.
func (a *TextArena) room(n int) int {
	if a.block.Cap()-a.block.Len() < n {
		a.block = strings.Builder{}
		a.block.Grow(textArenaBlock)
	}
	return a.block.Len()
}
