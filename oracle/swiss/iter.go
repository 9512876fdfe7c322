//go:build go1.24

package main

// Iterators. A paused `for range` loop is a reflect.MapIter: its hiter field is a
// maps.Iter, and MapIter.Next calls runtime.mapIterStart (Iter.Init then Iter.Next) the
// first time and runtime.mapIterNext (Iter.Next) afterwards: the same runtime functions a
// compiled range loop calls.
//
// The trace wants the iterator's random offsets as Init drew them, before the first Next
// (which may lower dirOffset to the first table's index). mapIterStart runs both at once,
// and Iter.Init cannot be called from outside the runtime without -checklinkname=0. So the
// oracle performs Init itself: it writes into the MapIter's maps.Iter exactly the fields
// that Iter.Init writes (internal/runtime/maps/table.go, identical in 1.24-1.26), drawing
// entryOffset and then dirOffset from runtime.rand, the very generator that Init's rand()
// is linknamed to. MapIter.Next then sees an initialized iterator and calls
// runtime.mapIterNext, i.e. the real Iter.Next. The emulation is checked at every start
// against the real Init: a second MapIter is started by mapIterStart, and a copy of the
// emulated state given that iterator's offsets must, after the real Next, equal it field
// by field (verifyStart).

import (
	"fmt"
	"reflect"
	"unsafe"
)

// runtimeRand is runtime.rand, which internal/runtime/maps uses for seeds and iterator
// offsets (push-linknamed by the runtime for outside users, so no linker flag is needed).
//
//go:linkname runtimeRand runtime.rand
func runtimeRand() uint64

// initIter performs maps.Iter.Init(typ, m) on the iterator inside it.
func initIter(it *reflect.MapIter, typ *mapType, m *swissMap) {
	x := iterOf(it)
	x.typ = typ
	if m == nil || m.used == 0 {
		return
	}
	dirIdx := 0
	var groupSmall unsafe.Pointer
	if m.dirLen <= 0 {
		dirIdx = -1
		groupSmall = m.dirPtr
	}
	x.m = m
	x.entryOffset = runtimeRand()
	x.dirOffset = runtimeRand()
	x.globalDepth = m.globalDepth
	x.dirIdx = dirIdx
	x.group = groupSmall
	x.clearSeq = m.clearSeq
}

// notStarted is what initIter leaves in Iter.key until the first Next: reflect's
// MapIter.Next calls mapIterNext only on an iterator whose key is not nil, and Iter.Next
// only ever writes key (to the next key, or nil at the end), never reads it.
var notStarted byte

// firstNext runs the first Iter.Next of an iterator initIter initialized.
func firstNext(it *reflect.MapIter) {
	iterOf(it).key = unsafe.Pointer(&notStarted)
	it.Next() // runtime.mapIterNext
}

// startIter starts a range loop over the map held by mi: Init (emulated, offsets read
// before the first Next) and the first Next. It returns the iterator and its offsets.
func startIter(mi any, typ *mapType, m *swissMap) (*reflect.MapIter, uint64, uint64, error) {
	it := reflect.ValueOf(mi).MapRange()
	initIter(it, typ, m)
	x := iterOf(it)
	eo, do := x.entryOffset, x.dirOffset
	emulated := *x
	firstNext(it)
	if err := verifyStart(mi, &emulated, x); err != nil {
		return nil, 0, 0, err
	}
	return it, eo, do, nil
}

// verifyStart compares the emulated Init with the runtime's: a fresh MapIter started by
// runtime.mapIterStart (real Init and Next, with its own draws) must equal the emulated
// Init state given the same offsets and advanced by the real Next. (Next lowers dirOffset
// only to the index of the table it lands in, so the real iterator's final dirOffset, used
// as a start, needs no adjustment and leads to the same state.)
func verifyStart(mi any, emulated *iter, mine *iter) error {
	ref := reflect.ValueOf(mi).MapRange()
	ref.Next() // runtime.mapIterStart
	r := iterOf(ref)
	cp := reflect.ValueOf(mi).MapRange()
	c := iterOf(cp)
	*c = *emulated
	if r.m != nil {
		c.entryOffset, c.dirOffset = r.entryOffset, r.dirOffset
	}
	firstNext(cp)
	if *c != *r {
		return fmt.Errorf("emulated Iter.Init differs from the runtime's: runtime %+v, emulated then Next %+v", *r, *c)
	}
	// And the emulated iterator itself must have made the same kind of first step.
	if (mine.key == nil) != (r.key == nil) {
		return fmt.Errorf("emulated iterator found a first key: %v, the runtime's: %v", mine.key != nil, r.key != nil)
	}
	ref.Reset(reflect.Value{})
	cp.Reset(reflect.Value{})
	return nil
}
