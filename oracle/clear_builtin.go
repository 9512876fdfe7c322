//go:build go1.21 && !go1.24

package main

// Go 1.21 and later: the clear builtin compiles to runtime.mapclear.
// (The //go:build go1.21 line lets this file use clear although go.mod says go 1.19.)
// Not inlined, so that scripts/go-toolchains.sh build-oracle can check each of these
// functions calls runtime.mapclear, as in clear_idiom.go.

//go:noinline
func clearU64(m map[uint64]uint64) { clear(m) }

//go:noinline
func clearStr(m map[string]uint64) { clear(m) }

//go:noinline
func clearBig(m map[uint64][200]byte) { clear(m) }
