//go:build go1.21 && !go1.22 && !go1.24

package main

// Constants of Go 1.21 runtime/map.go and runtime/msize.go.
const (
	// Go 1.21 writes loadFactorNum = (bucketCnt * 13 / 16) * loadFactorDen, and untyped
	// constant division truncates 104/16 to 6: the real load factor is 6, not 6.5
	// (golang/go issue 63438).
	loadFactorNum = 12
	mallocHeaders = false
	// clearMarksEmpty: mapclear sets every tophash of the current and old buckets to
	// emptyRest first, so that running iterators stop (issue 59411; Go 1.21+).
	clearMarksEmpty = true
	clearKind       = "clear builtin"
)
