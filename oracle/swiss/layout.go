//go:build go1.24

package main

// Mirrors of the Swiss-table map structures of Go 1.24, 1.25 and 1.26, amd64 only.
//
// Checked field by field against the Debian golang-1.24-src 1.24.4, golang-1.25-src
// 1.25.12 and golang-1.26-src 1.26.10 sources:
//   - Map, table, groupsReference, groupReference, Iter: internal/runtime/maps/map.go,
//     table.go, group.go (identical in the three versions except Map.tombstonePossible,
//     which 1.25 added in what was padding: see version_go124.go / version_go125.go);
//   - the map type: internal/abi/map_swiss.go SwissMapType (1.24, 1.25) and
//     internal/abi/map.go MapType (1.26), same fields and flags;
//   - the group layout: cmd/compile/internal/reflectdata/map_swiss.go (1.24, 1.25) and
//     map.go (1.26): ctrl uint64, then 8 slots struct{key; elem};
//   - reflect.MapIter: reflect/map_swiss.go (1.24, 1.25), reflect/map.go (1.26):
//     {m Value; hiter maps.Iter}.
// checkLayouts verifies the mirrors against live maps at start-up; the oracle refuses to
// run if anything disagrees.
//
// The oracle reads map memory through these mirrors only while the map keeps it alive and
// never stores a pointer into map memory (only uintptr addresses), so it keeps no table,
// groups array or directory alive itself.

import (
	"reflect"
	"unsafe"
)

// rtype mirrors internal/abi.Type (48 bytes).
type rtype struct {
	size       uintptr
	ptrBytes   uintptr // 0: the type holds no pointers
	hash       uint32
	tflag      uint8
	align      uint8
	fieldAlign uint8
	kind       uint8
	equal      func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata     *byte
	str        int32
	ptrToThis  int32
}

// mapType mirrors abi.SwissMapType (1.24, 1.25) / abi.MapType (1.26). 112 bytes.
type mapType struct {
	typ       rtype
	key       *rtype
	elem      *rtype
	group     *rtype                                // the group type built by the compiler
	hasher    func(unsafe.Pointer, uintptr) uintptr // (pointer to key, seed) -> hash
	groupSize uintptr                               // == group.size
	slotSize  uintptr                               // size of one key/elem slot
	elemOff   uintptr                               // offset of the elem in a slot
	flags     uint32
}

// Map type flags (abi: NeedKeyUpdate, HashMightPanic, IndirectKey, IndirectElem).
const (
	flagNeedKeyUpdate  = 1
	flagHashMightPanic = 2
	flagIndirectKey    = 4
	flagIndirectElem   = 8
)

func (t *mapType) indirectKey() bool  { return t.flags&flagIndirectKey != 0 }
func (t *mapType) indirectElem() bool { return t.flags&flagIndirectElem != 0 }

// keySlotSize / elemSlotSize: what a slot stores (a pointer when indirect).
func (t *mapType) keySlotSize() uintptr {
	if t.indirectKey() {
		return 8
	}
	return t.key.size
}
func (t *mapType) elemSlotSize() uintptr {
	if t.indirectElem() {
		return 8
	}
	return t.elem.size
}

// Group layout constants (internal/runtime/maps/group.go, abi).
const (
	groupSlots       = 8
	groupSlotsOffset = 8 // the control word comes first
	ctrlEmpty        = 0x80
	ctrlDeleted      = 0xFE
	maxTableCapacity = 1024
	maxAvgGroupLoad  = 7
)

// groupsRef mirrors maps.groupsReference (16 bytes).
type groupsRef struct {
	data       unsafe.Pointer // *[lengthMask+1]group
	lengthMask uint64
}

// table mirrors maps.table (32 bytes).
type table struct {
	used       uint16
	capacity   uint16
	growthLeft uint16
	localDepth uint8
	index      int // first directory index, -1 once replaced
	groups     groupsRef
}

// iter mirrors maps.Iter (96 bytes).
type iter struct {
	key         unsafe.Pointer
	elem        unsafe.Pointer
	typ         *mapType
	m           *swissMap
	entryOffset uint64
	dirOffset   uint64
	clearSeq    uint64
	globalDepth uint8
	dirIdx      int
	tab         *table
	group       unsafe.Pointer // groupReference{data}
	entryIdx    uint64
}

// mapIter mirrors reflect.MapIter: a reflect.Value (3 words) and the maps.Iter.
type mapIter struct {
	m  [3]uintptr
	it iter
}

// eface mirrors an interface{} value.
type eface struct {
	typ  *rtype
	data unsafe.Pointer
}

func mapTypeOf(i any) *mapType {
	if reflect.TypeOf(i).Kind() != reflect.Map {
		panic("mapTypeOf: not a map")
	}
	return (*mapType)(unsafe.Pointer((*eface)(unsafe.Pointer(&i)).typ))
}

// mapOf returns the *maps.Map behind the map held by i (a map value is that pointer).
func mapOf(i any) *swissMap {
	if reflect.TypeOf(i).Kind() != reflect.Map {
		panic("mapOf: not a map")
	}
	return (*swissMap)((*eface)(unsafe.Pointer(&i)).data)
}

func iterOf(it *reflect.MapIter) *iter { return &(*mapIter)(unsafe.Pointer(it)).it }

// ---- group and directory access ----

func ctrlAt(g unsafe.Pointer, i int) uint8 { return *(*uint8)(unsafe.Add(g, i)) }

func ctrlWord(g unsafe.Pointer) uint64 { return *(*uint64)(g) }

func slotKey(t *mapType, g unsafe.Pointer, i int) unsafe.Pointer {
	k := unsafe.Add(g, groupSlotsOffset+uintptr(i)*t.slotSize)
	if t.indirectKey() {
		k = *(*unsafe.Pointer)(k)
	}
	return k
}

func slotElem(t *mapType, g unsafe.Pointer, i int) unsafe.Pointer {
	e := unsafe.Add(g, groupSlotsOffset+uintptr(i)*t.slotSize+t.elemOff)
	if t.indirectElem() {
		e = *(*unsafe.Pointer)(e)
	}
	return e
}

func groupAt(t *mapType, gs groupsRef, i uint64) unsafe.Pointer {
	return unsafe.Add(gs.data, uintptr(i)*t.groupSize)
}

func (m *swissMap) directoryAt(i int) *table {
	return *(**table)(unsafe.Add(m.dirPtr, 8*uintptr(i)))
}

func isFull(c uint8) bool { return c&ctrlEmpty == 0 }

func h1(hash uint64) uint64 { return hash >> 7 }
func h2(hash uint64) uint8  { return uint8(hash & 0x7f) }

// directoryIndex is maps.Map.directoryIndex.
func (m *swissMap) directoryIndex(hash uint64) int {
	if m.dirLen == 1 {
		return 0
	}
	return int(hash >> (m.globalShift & 63))
}

// maxGrowthLeft is table.maxGrowthLeft (resetGrowthLeft in 1.24).
func maxGrowthLeft(capacity uint16) uint16 {
	if capacity <= groupSlots {
		return capacity - 1
	}
	return capacity * maxAvgGroupLoad / groupSlots
}

// tombstones is table.tombstones.
func (t *table) tombstones() int {
	return int(t.capacity)*maxAvgGroupLoad/groupSlots - int(t.used) - int(t.growthLeft)
}
