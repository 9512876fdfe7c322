//go:build !go1.21 && !go1.24

package main

// Go 1.19 and 1.20 have no clear builtin. The compiler turns this exact idiom into one
// call of runtime.mapclear (cmd/compile/internal/walk/range.go isMapClear), but only
// when optimizing and not instrumenting: never build the oracle with -race or
// -gcflags=-N. Each function takes the map as a parameter so that the range
// expression and the delete's map are the same simple name, as isMapClear requires.
// (session.clear checks afterwards that noverflow is 0, which the delete loop would
// not do.)
//
// //go:noinline is essential: Go 1.19 does not recognize the idiom once the function
// is inlined into its caller (the inlined loop compiles to mapiterinit/mapdelete),
// while Go 1.21+ recognizes it either way. scripts/go-toolchains.sh build-oracle
// checks the binary: each of these functions must call runtime.mapclear.

//go:noinline
func clearU64(m map[uint64]uint64) {
	for k := range m {
		delete(m, k)
	}
}

//go:noinline
func clearStr(m map[string]uint64) {
	for k := range m {
		delete(m, k)
	}
}

//go:noinline
func clearBig(m map[uint64][200]byte) {
	for k := range m {
		delete(m, k)
	}
}
