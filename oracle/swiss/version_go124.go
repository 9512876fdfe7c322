//go:build go1.24 && !go1.25

package main

import "unsafe"

// swissMap mirrors maps.Map of Go 1.24 (internal/runtime/maps/map.go): no
// tombstonePossible field yet (its byte is padding). 48 bytes.
type swissMap struct {
	used        uint64
	seed        uintptr
	dirPtr      unsafe.Pointer
	dirLen      int
	globalDepth uint8
	globalShift uint8
	writing     uint8
	_           uint8 // padding; 1.25 puts tombstonePossible here
	clearSeq    uint64
}

func (m *swissMap) tombstonePossible() bool { return false }

const (
	// hasTombstonePossible: Map.tombstonePossible exists (1.25+).
	hasTombstonePossible = false
	// prunesTombstones: the fast32/fast64/faststr assigns call pruneTombstones (1.25+).
	prunesTombstones = false
	// clearEarlyReturnIgnoresTombstones: Map.Clear returns early when used == 0, even with
	// tombstones left (1.24 only).
	clearEarlyReturnIgnoresTombstones = true
	mapTypeName                       = "abi.SwissMapType"
)
