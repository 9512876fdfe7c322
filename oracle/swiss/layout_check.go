//go:build go1.24

package main

import (
	"fmt"
	"reflect"
	"unsafe"
)

// checkLayouts verifies the mirrors against live maps of the four map types the oracle
// uses and returns an error naming the first disagreement.
func checkLayouts() (err error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("layout check failed (runtime structures differ from the oracle's mirrors): "+format, args...)
	}
	if unsafe.Sizeof(rtype{}) != 48 || unsafe.Sizeof(mapType{}) != 112 || unsafe.Sizeof(swissMap{}) != 48 ||
		unsafe.Sizeof(table{}) != 32 || unsafe.Sizeof(iter{}) != 96 {
		return fail("mirror sizes type/mapType/Map/table/Iter = %d/%d/%d/%d/%d, want 48/112/48/32/96",
			unsafe.Sizeof(rtype{}), unsafe.Sizeof(mapType{}), unsafe.Sizeof(swissMap{}), unsafe.Sizeof(table{}), unsafe.Sizeof(iter{}))
	}
	if unsafe.Sizeof(reflect.MapIter{}) != unsafe.Sizeof(mapIter{}) {
		return fail("sizeof(reflect.MapIter) = %d, mirror %d", unsafe.Sizeof(reflect.MapIter{}), unsafe.Sizeof(mapIter{}))
	}
	type want struct {
		m                         any
		keySize, elemSize         uintptr
		slot, group, elemOff      uintptr
		indKey, indElem, groupPtr bool
		flags                     uint32
	}
	for _, c := range []want{
		{map[uint64]uint64{}, 8, 8, 16, 136, 8, false, false, false, 0},
		{map[string]uint64{}, 16, 8, 24, 200, 16, false, false, true, flagNeedKeyUpdate},
		{map[*T]uint64{}, 8, 8, 16, 136, 8, false, false, true, 0},
		{map[uint64][200]byte{}, 8, 200, 16, 136, 8, false, true, true, flagIndirectElem},
	} {
		t := mapTypeOf(c.m)
		name := reflect.TypeOf(c.m).String()
		if t.typ.size != 8 || t.key.size != c.keySize || t.elem.size != c.elemSize {
			return fail("%s: map/key/elem type sizes %d/%d/%d", name, t.typ.size, t.key.size, t.elem.size)
		}
		if t.slotSize != c.slot || t.groupSize != c.group || t.group.size != t.groupSize || t.elemOff != c.elemOff {
			return fail("%s: slotSize %d groupSize %d (group type %d) elemOff %d, want %d %d %d", name, t.slotSize,
				t.groupSize, t.group.size, t.elemOff, c.slot, c.group, c.elemOff)
		}
		if t.indirectKey() != c.indKey || t.indirectElem() != c.indElem || (t.group.ptrBytes != 0) != c.groupPtr ||
			t.flags != c.flags {
			return fail("%s: flags %#x, group ptrBytes %d", name, t.flags, t.group.ptrBytes)
		}
	}

	// A live map[uint64]uint64: small group, then a table, then a directory.
	m := make(map[uint64]uint64)
	mm := mapOf(m)
	if mm.dirPtr != nil || mm.dirLen != 0 || mm.used != 0 {
		return fail("fresh map: dirPtr %v dirLen %d used %d", mm.dirPtr, mm.dirLen, mm.used)
	}
	t := mapTypeOf(m)
	for k := uint64(1); k <= 5; k++ {
		m[k] = k * 100
	}
	if mm.used != 5 || mm.dirLen != 0 || mm.dirPtr == nil || mm.writing != 0 || mm.globalDepth != 0 {
		return fail("5-entry map: used %d dirLen %d writing %d", mm.used, mm.dirLen, mm.writing)
	}
	for i := 0; i < 8; i++ {
		c := ctrlAt(mm.dirPtr, i)
		if i >= 5 {
			if c != ctrlEmpty {
				return fail("small group slot %d ctrl %#x, want empty", i, c)
			}
			continue
		}
		k := *(*uint64)(slotKey(t, mm.dirPtr, i))
		v := *(*uint64)(slotElem(t, mm.dirPtr, i))
		if k != uint64(i+1) || v != k*100 || c != h2(hashOf(t, unsafe.Pointer(&k), mm.seed)) {
			return fail("small group slot %d: key %d elem %d ctrl %d", i, k, v, c)
		}
	}
	if err := checkStructure(&mapU64{m: m}, t, mm); err != nil {
		return fail("small map: %v", err)
	}
	if err := checkIterLayout(m, t, mm); err != nil {
		return err
	}
	for k := uint64(6); k <= 200; k++ {
		m[k] = k
	}
	if mm.dirLen != 1 || mm.used != 200 || mm.directoryAt(0).capacity != 256 || mm.directoryAt(0).index != 0 {
		return fail("200-entry map: dirLen %d used %d", mm.dirLen, mm.used)
	}
	if err := checkStructure(&mapU64{m: m}, t, mm); err != nil {
		return fail("200-entry map: %v", err)
	}
	if err := checkIterLayout(m, t, mm); err != nil {
		return err
	}
	for k := uint64(201); k <= 3000; k++ {
		m[k] = k
	}
	if mm.dirLen < 2 || mm.used != 3000 {
		return fail("3000-entry map: dirLen %d used %d", mm.dirLen, mm.used)
	}
	if err := checkStructure(&mapU64{m: m}, t, mm); err != nil {
		return fail("3000-entry map: %v", err)
	}
	if err := checkIterLayout(m, t, mm); err != nil {
		return err
	}
	// Delete 1.25's tombstonePossible: set by a delete that leaves a tombstone.
	for k := uint64(1); k <= 3000; k++ {
		delete(m, k)
		if tombs := countTombstones(mm); tombs > 0 {
			if mm.tombstonePossible() != hasTombstonePossible {
				return fail("tombstonePossible %v after a tombstone", mm.tombstonePossible())
			}
			break
		}
	}
	return nil
}

func countTombstones(m *swissMap) int {
	n := 0
	for _, t := range distinctTables(m) {
		n += t.tombstones()
	}
	return n
}

// checkIterLayout checks the Iter mirror inside reflect.MapIter after a real start.
func checkIterLayout(m map[uint64]uint64, t *mapType, mm *swissMap) error {
	it := reflect.ValueOf(m).MapRange()
	if !it.Next() {
		return fmt.Errorf("layout check: MapRange produced nothing")
	}
	x := iterOf(it)
	if x.typ != t || x.m != mm || x.key == nil || *(*uint64)(x.key) != it.Key().Uint() ||
		*(*uint64)(x.elem) != it.Value().Uint() || x.clearSeq != mm.clearSeq || x.globalDepth != mm.globalDepth {
		return fmt.Errorf("layout check: reflect.MapIter's Iter: typ %v m %v key %v", x.typ == t, x.m == mm, x.key)
	}
	if mm.dirLen == 0 {
		if x.dirIdx != -1 || x.group != mm.dirPtr || x.tab != nil {
			return fmt.Errorf("layout check: small-map Iter dirIdx %d", x.dirIdx)
		}
	} else if x.tab == nil || x.dirIdx != 0 || x.tab != mm.directoryAt(int((x.dirOffset)&uint64(mm.dirLen-1))) {
		return fmt.Errorf("layout check: table Iter dirIdx %d tab %v", x.dirIdx, x.tab)
	}
	// The emulated Init must agree with the runtime's.
	if _, _, _, err := startIter(m, t, mm); err != nil {
		return fmt.Errorf("layout check: %v", err)
	}
	return nil
}
