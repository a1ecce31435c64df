// The public suffix lookup below is golang.org/x/net/publicsuffix v0.62.0's,
// copied with its tables (core/publicsuffix: children, nodes, text, from
// publicsuffix.org's list at git revision d6c92f1b, 2026-02-06) under its
// licence, core/publicsuffix/LICENSE:
//
// Copyright 2012 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package core

import (
	_ "embed"
	"strings"
)

// publicSuffix is x/net's publicsuffix.PublicSuffix less its first step,
// which asks netip.ParseAddr whether the domain is an IP address. Host
// never gives one (no top-level domain ends in a digit), and that question
// cost more than the lookup itself: 70 ns and an allocation a domain, a
// million times when a CRM export or a partner list of a million rows is
// read. Everything else is x/net's, so that the answers are the same; when
// golang.org/x/net is updated, copy its publicsuffix/data again
// (TestPublicSuffixAsXNet says when the two part).
//
// icann is whether the suffix is managed by ICANN ("co.uk") rather than
// privately ("github.io", "blogspot.com").
func publicSuffix(domain string) (suffix string, icann bool) {
	lo, hi := uint32(0), uint32(suffixTLDs)
	s, at, icannNode, wildcard := domain, len(domain), false, false
loop:
	for {
		dot := strings.LastIndexByte(s, '.')
		if wildcard {
			icann = icannNode
			at = 1 + dot
		}
		if lo == hi {
			break
		}
		f := findSuffixLabel(s[1+dot:], lo, hi)
		if f == suffixNotFound {
			break
		}

		u := uint32(suffixNodes.get(f) >> (suffixNodeTextOffset + suffixNodeTextLength))
		icannNode = u&(1<<suffixNodeICANN-1) != 0
		u >>= suffixNodeICANN
		u = suffixChildren.get(u & (1<<suffixNodeChildren - 1))
		lo = u & (1<<suffixChildrenLo - 1)
		u >>= suffixChildrenLo
		hi = u & (1<<suffixChildrenHi - 1)
		u >>= suffixChildrenHi
		switch u & (1<<suffixChildrenNodeType - 1) {
		case suffixNormal:
			at = 1 + dot
		case suffixException:
			at = 1 + len(s)
			break loop
		}
		u >>= suffixChildrenNodeType
		wildcard = u&(1<<suffixChildrenWildcard-1) != 0
		if !wildcard {
			icann = icannNode
		}

		if dot == -1 {
			break
		}
		s = s[:dot]
	}
	if at == len(domain) {
		// If no rules match, the prevailing rule is "*".
		return domain[1+strings.LastIndexByte(domain, '.'):], icann
	}
	return domain[at:], icann
}

// The layout of the tables, as x/net's generator wrote them (table.go).
const (
	suffixNodeBits       = 40
	suffixNodeChildren   = 10
	suffixNodeICANN      = 1
	suffixNodeTextOffset = 16
	suffixNodeTextLength = 6

	suffixChildrenWildcard = 1
	suffixChildrenNodeType = 2
	suffixChildrenHi       = 14
	suffixChildrenLo       = 14

	suffixNormal    = 0 // node types; the third, 2, is a parent only
	suffixException = 1

	suffixTLDs     = 1450 // the number of top-level domains
	suffixNotFound = uint32(1<<32 - 1)
)

// suffixText is the text of all labels; suffixNodes the labels' nodes, 40
// bits each: [7] unused, [10] children index, [1] ICANN, [16] text index, [6]
// text length; suffixChildren the nodes' children, 32 bits each: [1] unused,
// [1] wildcard, [2] node type, [14] high index (exclusive), [14] low index.
var (
	//go:embed publicsuffix/text
	suffixText string
	//go:embed publicsuffix/nodes
	suffixNodes uint40String
	//go:embed publicsuffix/children
	suffixChildren uint32String
)

// findSuffixLabel returns the index of the node in [lo, hi) whose label is
// label, or suffixNotFound; the range is in increasing label order.
func findSuffixLabel(label string, lo, hi uint32) uint32 {
	for lo < hi {
		mid := lo + (hi-lo)/2
		s := suffixLabel(mid)
		if s < label {
			lo = mid + 1
		} else if s == label {
			return mid
		} else {
			hi = mid
		}
	}
	return suffixNotFound
}

// suffixLabel returns the label of node i.
func suffixLabel(i uint32) string {
	x := suffixNodes.get(i)
	length := x & (1<<suffixNodeTextLength - 1)
	x >>= suffixNodeTextLength
	offset := x & (1<<suffixNodeTextOffset - 1)
	return suffixText[offset : offset+length]
}

type uint32String string

func (u uint32String) get(i uint32) uint32 {
	off := i * 4
	u = u[off:] // help the compiler reduce bounds checks
	return uint32(u[3]) |
		uint32(u[2])<<8 |
		uint32(u[1])<<16 |
		uint32(u[0])<<24
}

type uint40String string

func (u uint40String) get(i uint32) uint64 {
	off := uint64(i * (suffixNodeBits / 8))
	u = u[off:] // help the compiler reduce bounds checks
	return uint64(u[4]) |
		uint64(u[3])<<8 |
		uint64(u[2])<<16 |
		uint64(u[1])<<24 |
		uint64(u[0])<<32
}
