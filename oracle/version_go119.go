//go:build !go1.21 && !go1.24

package main

// Constants of Go 1.19 (and 1.20) runtime/map.go and runtime/msize.go.
const (
	// loadFactorNum / loadFactorDen = 6.5 (runtime/map.go).
	loadFactorNum = 13
	// mallocHeaders: roundupsize has no malloc-header rule before Go 1.22.
	mallocHeaders = false
	// clearKind names how the clear op reaches runtime.mapclear.
	// clearMarksEmpty: mapclear sets every tophash of the current and old buckets to
	// emptyRest first, so that running iterators stop (issue 59411; Go 1.21+).
	clearMarksEmpty = false
	clearKind       = "for-range-delete idiom (compiler -> mapclear)"
)
