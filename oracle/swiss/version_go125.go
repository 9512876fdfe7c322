//go:build go1.25

package main

import "unsafe"

// swissMap mirrors maps.Map of Go 1.25 and 1.26 (internal/runtime/maps/map.go). 48 bytes.
type swissMap struct {
	used                   uint64
	seed                   uintptr
	dirPtr                 unsafe.Pointer
	dirLen                 int
	globalDepth            uint8
	globalShift            uint8
	writing                uint8
	tombstonePossibleField bool
	clearSeq               uint64
}

func (m *swissMap) tombstonePossible() bool { return m.tombstonePossibleField }

const (
	hasTombstonePossible              = true
	prunesTombstones                  = true
	clearEarlyReturnIgnoresTombstones = false
)
