//go:build go1.22 && !go1.24

package main

// Constants of Go 1.22 and 1.23 runtime/map.go and runtime/msize*.go.
const (
	loadFactorNum = 13
	// roundupsize(size, noscan) adds an 8-byte malloc header for pointerful objects
	// over 512 bytes (msize_allocheaders.go in 1.22, msize.go in 1.23).
	mallocHeaders = true
	// clearMarksEmpty: mapclear sets every tophash of the current and old buckets to
	// emptyRest first, so that running iterators stop (issue 59411; Go 1.21+).
	clearMarksEmpty = true
	clearKind       = "clear builtin"
)
