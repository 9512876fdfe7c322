//go:build !go1.24

package main

// Workloads that write inside a paused loop's body, exactly at the loop's next
// position (../docs/trace-format.md, "A paused loop is paused inside the body").
//
// The oracle reads the loop's hiter (startBucket, offset, bucket, i, bptr,
// checkBucket) through the mirrors in layout.go to see where the loop stands, and
// peeks at the key its next advance would find by running mapiternext on a copy of
// the hiter (mapiternext only reads the map). A fresh key is then chosen by its
// hash under the map's current seed so that it lands where the workload needs it.
// Each situation is asserted where it is set up, and the loop's next step is
// asserted to show its effect.

import (
	"reflect"
	"sort"
	"strconv"
	"unsafe"
)

// noCheck is the runtime's hiter.checkBucket "no filter" value (1<<(8*PtrSize) - 1).
const noCheck = ^uintptr(0)

// chainPos says where a bucket address lies: in the chain of bucket index of the
// current array ("new"), of the old array while growing ("old"), or of the loop's
// own snapshot once that is neither ("iter"); depth 0 is the main bucket.
type chainPos struct {
	array string
	index uintptr
	depth int
}

func findInChains(t *maptype, base unsafe.Pointer, n uintptr, p uintptr) (uintptr, int, bool) {
	if base == nil || p == 0 {
		return 0, 0, false
	}
	for i := uintptr(0); i < n; i++ {
		d := 0
		for b := bucketAt(t, base, i); b != nil; b = overflowOf(t, b) {
			if uintptr(b) == p {
				return i, d, true
			}
			d++
		}
	}
	return 0, 0, false
}

// locate finds the chain holding bucket address p (see chainPos).
func (s *session) locate(st *iterState, p uintptr) (chainPos, bool) {
	h := s.h()
	if i, d, ok := findInChains(s.t, h.buckets, uintptr(1)<<h.B, p); ok {
		return chainPos{"new", i, d}, true
	}
	if h.oldbuckets != nil {
		if i, d, ok := findInChains(s.t, h.oldbuckets, oldBucketCount(h), p); ok {
			return chainPos{"old", i, d}, true
		}
	}
	if hi := hiterOf(st.it); hi.buckets != nil {
		if i, d, ok := findInChains(s.t, hi.buckets, uintptr(1)<<hi.B, p); ok {
			return chainPos{"iter", i, d}, true
		}
	}
	return chainPos{}, false
}

// oldEvacuated tells whether old bucket j has been evacuated (tophash[0] is a mark).
func (s *session) oldEvacuated(j uintptr) bool {
	h := s.h()
	if h.oldbuckets == nil {
		return true
	}
	top := tophashAt(bucketAt(s.t, h.oldbuckets, j), 0)
	return top >= 2 && top <= 4
}

// here is where loop st stands: the chain of the key it reported last; array
// "gone" when that is an old array the map has dropped.
func (s *session) here(st *iterState) chainPos {
	s.require(!st.first && !st.atEnd && st.produced > 0, "the loop does not stand on a reported key")
	pos, ok := s.locate(st, uintptr(hiterOf(st.it).bptr))
	if !ok {
		return chainPos{array: "gone"}
	}
	return pos
}

// peekResult is what the loop's next advance would find now.
type peekResult struct {
	ok     bool
	key    string
	elem   string
	bptr   uintptr // the bucket it is found in (hiter.bptr after that advance)
	slot   int
	mark   bool     // the slot holds evacuatedX/Y: the entry is looked up again in the map (mapaccessK)
	bucket uintptr  // hiter.bucket after that advance: the next bucket index to visit
	check  uintptr  // hiter.checkBucket after that advance (noCheck: no filter)
	pos    chainPos // where bptr lies now (array "gone" if in no chain)
}

// peek runs mapiternext on a copy of the loop's hiter (reflect.MapIter.Next on a
// copy of the MapIter). mapiternext writes nothing but the hiter, so the map and
// the loop are unchanged; the copy is dropped at once.
func (s *session) peek(st *iterState) peekResult {
	s.require(!st.first && !st.atEnd, "peek: the loop does not stand on a reported key")
	cp := new(reflect.MapIter)
	*cp = *st.it
	var r peekResult
	if cp.Next() {
		hi := hiterOf(cp)
		r.ok = true
		r.key = s.mk.slotKeyJSON(hi.key)
		r.elem = s.mk.slotElemJSON(hi.elem)
		r.bptr = uintptr(hi.bptr)
		r.slot = int((hi.i - 1 + hi.offset) & (bucketCnt - 1))
		top := tophashAt(hi.bptr, r.slot)
		r.mark = top == 2 || top == 3
		r.bucket = hi.bucket
		r.check = hi.checkBucket
	}
	cp.Reset(reflect.Value{})
	if r.ok {
		var found bool
		if r.pos, found = s.locate(st, r.bptr); !found {
			r.pos = chainPos{array: "gone"}
		}
	}
	return r
}

// remainingIndices is the number of bucket indices loop st has not entered yet.
func remainingIndices(st *iterState) uintptr {
	hi := hiterOf(st.it)
	n := uintptr(1) << hi.B
	if hi.wrapped {
		return hi.startBucket - hi.bucket
	}
	return n - hi.bucket + hi.startBucket
}

// keyNumber returns the key number of a live key from its JSON.
func (s *session) keyNumber(j string) uint64 {
	for _, k := range s.keys.List {
		if s.mk.keyJSON(k) == j {
			return k
		}
	}
	s.failf("key %s is not held by the workload", j)
	return 0
}

// standWhere opens loops (at most tries, each run to its end if the situation
// does not come) and steps each one key at a time until cond holds while the loop
// stands on a key; it returns that loop, still open. Only reads happen meanwhile.
func (s *session) standWhere(what string, tries int, cond func(st *iterState) bool) int {
	for t := 0; t < tries; t++ {
		id := s.iterOpen()
		for {
			if _, ended := s.iterStep(id, 1); ended {
				break
			}
			if cond(s.iters[id]) {
				return id
			}
		}
		s.iterClose(id)
	}
	s.failf("%s: not reached in %d loops", what, tries)
	return 0
}

// standOn steps open loop id one key at a time until cond holds (at once if it
// already does); fails if the loop ends first.
func (s *session) standOn(id int, what string, cond func(st *iterState) bool) {
	st := s.iters[id]
	for st.produced == 0 || !cond(st) {
		_, ended := s.iterStep(id, 1)
		s.require(!ended, "%s: the loop ended first", what)
	}
}

// insertLandsNext tells whether a fresh key of the loop's current bucket, inserted
// now, is the next key the loop finds, and returns that bucket: the loop walks a
// chain of the current array (not an old chain), the chain's first empty slot
// (where mapassign puts a new key) is in the loop's bucket at a position the loop
// has not passed, and every slot between is empty.
func (s *session) insertLandsNext(st *iterState) (uintptr, bool) {
	hi := hiterOf(st.it)
	if hi.checkBucket != noCheck {
		return 0, false
	}
	pos := s.here(st)
	if pos.array != "new" {
		return 0, false
	}
	h := s.h()
	var eb unsafe.Pointer
	es := -1
	for b := bucketAt(s.t, h.buckets, pos.index); b != nil && es < 0; b = overflowOf(s.t, b) {
		for i := 0; i < bucketCnt; i++ {
			if tophashAt(b, i) <= 1 {
				eb, es = b, i
				break
			}
		}
	}
	if es < 0 || eb != hi.bptr {
		return 0, false
	}
	p := (uint8(es) - hi.offset) & (bucketCnt - 1)
	if p < hi.i {
		return 0, false
	}
	for q := hi.i; q < p; q++ {
		if tophashAt(hi.bptr, int((q+hi.offset)&(bucketCnt-1))) > 1 {
			return 0, false
		}
	}
	return pos.index, true
}

// noGrowthOnInsert: a new key inserted now starts no growth.
func (s *session) noGrowthOnInsert() bool {
	x := s.sum()
	B := x.B
	if B > 15 {
		B = 15
	}
	return x.growing || (x.count+1 <= growthLimit(x.B) && int(x.noverflow) < 1<<B)
}

// insertNext stands a loop where a fresh key inserted into its bucket is the next
// key it finds (opening up to tries loops), inserts it, and asserts that the next
// step reports it. Returns the loop, standing on the new key.
func (s *session) insertNext(what string, tries int) int {
	var x uintptr
	id := s.standWhere(what+": the first empty slot of the loop's bucket is next", tries, func(st *iterState) bool {
		var ok bool
		x, ok = s.insertLandsNext(st)
		return ok
	})
	s.require(s.noGrowthOnInsert(), "%s: the insert would start a growth", what)
	before := s.sum()
	k := s.freshIn(uint64(x), before.B)
	s.set(k)
	s.require(s.sum().B == before.B && (before.growing || !s.sum().growing), "%s: the insert started a growth", what)
	keys, _ := s.iterStep(id, 1)
	s.require(len(keys) == 1 && keys[0] == s.mk.keyJSON(k),
		"%s: after inserting %s into the loop's next slot the loop reported %v", what, s.mk.keyJSON(k), keys)
	return id
}

// deleteNext deletes the key loop id would find next and asserts that the next
// step does not report it. Returns what the loop would have found.
func (s *session) deleteNext(id int, what string) peekResult {
	st := s.iters[id]
	p := s.peek(st)
	s.require(p.ok, "%s: the loop has no next key", what)
	s.del(s.keyNumber(p.key))
	keys, _ := s.iterStep(id, 1)
	s.require(len(keys) == 0 || keys[0] != p.key, "%s: the loop reported %s, deleted in its body", what, p.key)
	return p
}

// updateNext gives the key loop id would find next a new elem and asserts that the
// next step reports that key with the new elem (*hiter.elem, the loop's v).
func (s *session) updateNext(id int, what string) peekResult {
	st := s.iters[id]
	p := s.peek(st)
	s.require(p.ok, "%s: the loop has no next key", what)
	v := uint64(1_000_000 + s.i)
	s.set(s.keyNumber(p.key), v)
	keys, _ := s.iterStep(id, 1)
	s.require(len(keys) == 1 && keys[0] == p.key, "%s: after updating %s the loop reported %v", what, p.key, keys)
	got := s.mk.slotElemJSON(hiterOf(st.it).elem)
	s.require(got == s.mk.elemJSON(v), "%s: the loop saw %s = %s, want the new elem %s", what, p.key, got, s.mk.elemJSON(v))
	return p
}

// nextInOldChain: the loop's next key lies in an old bucket not evacuated yet.
func (s *session) nextInOldChain(st *iterState) bool {
	p := s.peek(st)
	return p.ok && p.pos.array == "old" && !s.oldEvacuated(p.pos.index)
}

// nextInSameChain: the loop's next key lies in the chain the loop stands in.
func (s *session) nextInSameChain(st *iterState) bool {
	p := s.peek(st)
	here := s.here(st)
	return p.ok && p.pos.array == here.array && p.pos.index == here.index
}

// fillTo inserts fresh keys until count reaches n, without starting a growth.
func (s *session) fillTo(n int) {
	for s.sum().count < n {
		s.set(s.keys.Fresh())
		s.require(!s.sum().growing, "fillTo(%d): a growth started at count %d", n, s.sum().count)
	}
}

// stepChains fills a B2 map with chains of different lengths: bucket b holds b+2
// keys in slots 0..b+1. The slot a new key takes (the first empty one) then
// differs per bucket, so whatever offset a loop drew, some bucket has it after a
// live slot (only offset == that slot puts it first).
func (s *session) stepChains() {
	s.require(s.sum().B == 2 && s.sum().count == 0, "stepChains needs an empty B2 map")
	for b := uint64(0); b < 4; b++ {
		for j := uint64(0); j < b+2; j++ {
			s.set(s.freshIn(b, 2))
		}
	}
}

// ---- the workloads ----

func bodyInsertNextSlot(s *session) {
	s.makeMap(20) // B2, no growth below 27 keys (25 in Go 1.21)
	s.stepChains()

	// No growth: the inserted key is the loop's next key.
	id := s.insertNext("B2", 4)
	// An insert into the bucket the loop started in, which it has left: a key
	// created behind the loop is never reported.
	hi := hiterOf(s.iters[id].it)
	var behind string
	if here := s.here(s.iters[id]); here.index != hi.startBucket && s.noGrowthOnInsert() {
		k := s.freshIn(uint64(hi.startBucket), 2)
		behind = s.mk.keyJSON(k)
		s.set(k)
	}
	s.iterRest(id, 8)
	s.require(behind == "" || s.iters[id].seen[behind] == 0, "a key inserted into a bucket the loop had left was reported")
	s.iterClose(id)

	// Growth B2->B3 in progress: a loop opened during the growth walks new bucket x
	// once old bucket x&3 is evacuated; an insert into x lands ahead of it.
	s.setUntil(100, "growth B2->B3", func(x summary) bool { return x.growing })
	id = s.insertNext("growth in progress", 6)
	s.require(s.sum().growing, "the growth finished before the loop's next step")
	s.iterRest(id, 8)
	s.iterClose(id)

	// After the growth: B3, a new loop.
	s.setUntil(100, "growth finished", func(x summary) bool { return !x.growing })
	id = s.insertNext("B3 after the growth", 6)
	s.iterRest(id, 8)
	s.iterClose(id)
}

func bodyDeleteNextKey(s *session) {
	s.makeMap(20)
	s.fillTo(16)

	// No growth.
	id := s.standWhere("B2: a next key", 4, func(st *iterState) bool { return s.peek(st).ok })
	s.deleteNext(id, "B2")
	s.iterRest(id, 8)
	s.iterClose(id)

	// A loop opened before the growth, held across it.
	held := s.iterOpen()
	s.iterStep(held, 1)
	s.fillTo(growthLimit(2))
	s.set(s.keys.Fresh())
	s.require(s.sum().growing && s.sum().B == 3, "no growth B2->B3")

	// Growth in progress: a loop opened during the growth walks the unevacuated old
	// chain of its new bucket (checkBucket); its next key is deleted, which
	// evacuates that old bucket first.
	id = s.standWhere("growth in progress: the next key in an unevacuated old chain", 6, func(st *iterState) bool {
		return s.nextInOldChain(st) && s.peek(st).check != noCheck
	})
	p := s.deleteNext(id, "growth in progress, old chain")
	s.require(p.pos.array == "old" && s.oldEvacuated(p.pos.index), "the delete did not evacuate old bucket %d", p.pos.index)
	s.iterRest(id, 8)
	s.iterClose(id)

	// After the growth: the held loop walks its own (old) array, where every key is
	// an evacuation mark looked up again in the map; the deleted one is skipped.
	s.setUntil(100, "growth finished", func(x summary) bool { return !x.growing })
	s.standOn(held, "after the growth: the held loop's next key is looked up again", func(st *iterState) bool {
		p := s.peek(st)
		return p.ok && p.mark
	})
	s.deleteNext(held, "after the growth, looked up again")
	s.iterRest(held, 8)
	s.iterClose(held)
}

func bodyUpdateNextKey(s *session) {
	s.makeMap(20)
	s.fillTo(16)

	// No growth: the elem is read from the slot after the update.
	id := s.standWhere("B2: a next key", 4, func(st *iterState) bool { return s.peek(st).ok })
	s.updateNext(id, "B2")
	s.iterRest(id, 8)
	s.iterClose(id)

	// A loop opened before the growth, held across it.
	held := s.iterOpen()
	s.iterStep(held, 1)
	s.fillTo(growthLimit(2))
	s.set(s.keys.Fresh())
	s.require(s.sum().growing && s.sum().B == 3, "no growth B2->B3")

	// Growth in progress: the held loop's next key is in an old bucket not evacuated
	// yet; the update evacuates it (the key moves to the new array, its old slot
	// becomes a mark) and the loop finds the new elem by looking the key up again.
	s.standOn(held, "growth in progress: the held loop's next key in an unevacuated old bucket", s.nextInOldChain)
	p := s.updateNext(held, "growth in progress, unevacuated old bucket")
	s.require(p.pos.array == "old" && s.oldEvacuated(p.pos.index), "the update did not evacuate old bucket %d, where the loop's next key was", p.pos.index)

	// After the growth: the held loop's next key is a mark, looked up again.
	s.setUntil(100, "growth finished", func(x summary) bool { return !x.growing })
	s.standOn(held, "after the growth: the held loop's next key is looked up again", func(st *iterState) bool {
		p := s.peek(st)
		return p.ok && p.mark
	})
	s.updateNext(held, "after the growth, looked up again")
	s.iterRest(held, 8)
	s.iterClose(held)

	// After the growth, a new loop over B3.
	id = s.standWhere("B3: a next key", 4, func(st *iterState) bool { return s.peek(st).ok })
	s.updateNext(id, "B3")
	s.iterRest(id, 8)
	s.iterClose(id)
}

// growInBody inserts, in the body of loop id, a fresh key of the loop's current
// bucket that starts a growth; hashGrow's growWork then evacuates the loop's
// bucket in the same insert. Asserts the growth, the evacuation, and that the
// loop's next step reports the key it would have found before (now through its
// evacuation mark). Returns the key inserted.
func (s *session) growInBody(id int, what string, sameSize bool) string {
	st := s.iters[id]
	before := s.sum()
	s.require(!before.growing, "%s: already growing", what)
	here := s.here(st)
	s.require(here.array == "new", "%s: the loop is not in the current array", what)
	p := s.peek(st)
	s.require(p.ok, "%s: the loop has no next key", what)
	k := s.freshIn(uint64(here.index), before.B)
	s.set(k)
	x := s.sum()
	wantB := before.B + 1
	if sameSize {
		wantB = before.B
	}
	s.require(x.growing && x.sameSizeGrow == sameSize && x.B == wantB, "%s: no growth started: %+v", what, x)
	now := s.here(st)
	s.require(now.array == "old" && now.index == here.index && s.oldEvacuated(here.index),
		"%s: the loop's bucket %d was not evacuated by the insert (%+v)", what, here.index, now)
	keys, _ := s.iterStep(id, 1)
	s.require(len(keys) == 1 && keys[0] == p.key, "%s: the loop reported %v, want %s (its next key before the growth)", what, keys, p.key)
	return s.mk.keyJSON(k)
}

func bodyGrowthStarts(s *session) {
	// A same-size growth started inside the body: B2 with 2^B overflow buckets.
	s.makeMap(20)
	s.fillTo(8)
	for s.sum().noverflow < 4 {
		s.forceOverflowAny()
	}
	for s.sum().count+1 > growthLimit(2) {
		s.del(s.randomLive())
	}
	id := s.standWhere("B2 with 4 overflow buckets: the next key in the loop's chain", 6, func(st *iterState) bool {
		return s.here(st).array == "new" && s.nextInSameChain(st)
	})
	k := s.growInBody(id, "same-size growth", true)
	// The loop's B equals h.B: it walks the old chains (h.oldbuckets is its own
	// array) and never the new array, so keys inserted now are not reported.
	for n := 0; s.sum().growing; n++ {
		s.require(n < 10, "same-size growth does not finish")
		s.del(s.randomLive())
	}
	s.iterRest(id, 3)
	s.require(s.iters[id].seen[k] == 0, "the key that started the same-size growth was reported")
	s.iterClose(id)

	// A doubling started inside the body, the insert evacuating the loop's bucket.
	s.fillTo(growthLimit(2))
	id = s.standWhere("B2 at the load limit: the next key in the loop's chain", 6, func(st *iterState) bool {
		return s.here(st).array == "new" && s.nextInSameChain(st)
	})
	k = s.growInBody(id, "doubling", false)
	s.iterStep(id, 2)
	// Finish the growth inside the same body; the loop keeps walking its old array.
	s.setUntil(20, "growth finished", func(x summary) bool { return !x.growing })
	s.iterRest(id, 3)
	s.require(s.iters[id].seen[k] == 0, "the key that started the doubling was reported")
	s.iterClose(id)
	s.require(s.sawSame && s.maxB == 3, "max B %d, same-size growth seen %v", s.maxB, s.sawSame)
}

func bodyEvacuatesLoopBucket(s *session) {
	s.makeMap(20)
	s.fillTo(growthLimit(2))
	held := s.iterOpen() // opened before the growth: walks the old array
	s.iterStep(held, 1)
	s.set(s.keys.Fresh())
	s.require(s.sum().growing && s.sum().B == 3, "no growth B2->B3")

	// Both loops stand in old buckets not evacuated yet, with their next key in the
	// same chain: the held loop in old bucket j of its own array, a loop opened
	// during the growth in old chain u (filtering it for new bucket checkBucket).
	s.standOn(held, "the held loop in an unevacuated old bucket, next key in it", func(st *iterState) bool {
		h := s.here(st)
		return h.array == "old" && !s.oldEvacuated(h.index) && s.nextInSameChain(st)
	})
	during := s.standWhere("a loop opened during the growth in an unevacuated old chain, next key in it", 8, func(st *iterState) bool {
		h := s.here(st)
		return h.array == "old" && !s.oldEvacuated(h.index) && s.nextInSameChain(st)
	})
	j, u := s.here(s.iters[held]).index, s.here(s.iters[during]).index
	pHeld, pDuring := s.peek(s.iters[held]), s.peek(s.iters[during])
	x := hiterOf(s.iters[during].it).checkBucket
	s.require(x != noCheck && x&3 == u, "the loop opened during the growth does not filter old chain %d (checkBucket %d)", u, x)
	// One insert: growWork evacuates the old bucket of the new key (x&3 = u) and
	// then old bucket nevacuate; with two old buckets left, both go.
	unevac := 0
	for b := uintptr(0); b < 4; b++ {
		if !s.oldEvacuated(b) {
			unevac++
		}
	}
	s.require(unevac <= 2, "%d old buckets left unevacuated", unevac)
	k := s.freshIn(uint64(x), 3)
	s.set(k)
	s.require(s.oldEvacuated(j) && s.oldEvacuated(u), "old buckets %d and %d not both evacuated by the insert", j, u)
	keys, _ := s.iterStep(held, 1)
	s.require(len(keys) == 1 && keys[0] == pHeld.key, "the held loop reported %v after its bucket was evacuated, want %s", keys, pHeld.key)
	keys, _ = s.iterStep(during, 1)
	s.require(len(keys) == 1 && keys[0] == pDuring.key, "the loop opened during the growth reported %v after its chain was evacuated, want %s", keys, pDuring.key)
	s.iterRest(held, 8)
	s.iterRest(during, 8)
	// The new key went to new bucket x, which the second loop was walking through
	// the old chain: neither loop reports it.
	kj := s.mk.keyJSON(k)
	s.require(s.iters[held].seen[kj] == 0 && s.iters[during].seen[kj] == 0, "a loop reported the key inserted into its bucket's new chain")
	s.iterClose(held)
	s.iterClose(during)
}

func bodyEvacuatesNextBucket(s *session) {
	s.makeMap(20)
	s.fillTo(growthLimit(2))
	s.set(s.keys.Fresh())
	s.require(s.sum().growing && s.sum().B == 3, "no growth B2->B3")
	// A loop opened during the growth that has finished its current chain and
	// enters new bucket y next, whose old bucket y&3 is not evacuated: unchanged, it
	// would walk that old chain, filtered for y.
	var y uintptr
	id := s.standWhere("the loop's next bucket index has an unevacuated old bucket", 8, func(st *iterState) bool {
		hi := hiterOf(st.it)
		if remainingIndices(st) == 0 || s.oldEvacuated(hi.bucket&3) {
			return false
		}
		p := s.peek(st)
		y = hi.bucket
		return !p.ok || p.bucket != hi.bucket
	})
	// Insert a key of new bucket y: growWork evacuates old bucket y&3 first, so the
	// loop walks the new bucket y, which holds the new key.
	k := s.freshIn(uint64(y), 3)
	s.set(k)
	s.require(s.oldEvacuated(y&3), "the insert did not evacuate old bucket %d", y&3)
	keys, _ := s.iterStep(id, 1)
	st := s.iters[id]
	s.require(len(keys) == 1, "the loop ended")
	pos := s.here(st)
	s.require(pos.array == "new" && pos.index == y && hiterOf(st.it).checkBucket == noCheck,
		"the loop's next key is not in new bucket %d: %+v checkBucket %d", y, pos, hiterOf(st.it).checkBucket)
	for s.here(st).index == y && s.peek(st).ok && s.peek(st).bucket == hiterOf(st.it).bucket {
		s.iterStep(id, 1)
	}
	kj := s.mk.keyJSON(k)
	s.require(st.seen[kj] == 1, "the loop did not report %s, inserted into the new bucket it entered next", kj)
	s.iterRest(id, 8)
	s.iterClose(id)
}

func bodyStringKeys(s *session) {
	s.makeMap(20)
	s.stepChains()
	// No growth: insert at the next slot, then delete and update the next key.
	id := s.insertNext("string keys, B2", 4)
	if s.peek(s.iters[id]).ok {
		s.deleteNext(id, "string keys, B2")
	}
	if st := s.iters[id]; !st.ended && s.peek(st).ok {
		s.updateNext(id, "string keys, B2")
	}
	s.iterRest(id, 8)
	s.iterClose(id)

	// A doubling started in a loop's body, evacuating the loop's bucket.
	s.fillTo(growthLimit(2))
	held := s.standWhere("string keys at the load limit: the next key in the loop's chain", 6, func(st *iterState) bool {
		return s.here(st).array == "new" && s.nextInSameChain(st)
	})
	s.growInBody(held, "string keys, doubling", false)
	// Growth in progress: update the next key in an unevacuated old bucket.
	s.standOn(held, "string keys, growth in progress: the next key in an unevacuated old bucket", s.nextInOldChain)
	s.updateNext(held, "string keys, growth in progress")
	// After the growth: delete the next key (a mark, looked up again).
	s.setUntil(100, "growth finished", func(x summary) bool { return !x.growing })
	s.standOn(held, "string keys after the growth: the next key is looked up again", func(st *iterState) bool {
		p := s.peek(st)
		return p.ok && p.mark
	})
	s.deleteNext(held, "string keys after the growth")
	s.iterRest(held, 8)
	s.iterClose(held)
	// B3: insert at the next slot of a new loop.
	id = s.insertNext("string keys, B3", 6)
	s.iterRest(id, 8)
	s.iterClose(id)
}

// arrayOf returns the allocation record of the array whose extent holds address a.
func (s *session) arrayOf(a uintptr) (arrayRec, bool) {
	for _, r := range s.alloc.arrays {
		if a >= r.base && a < r.end {
			return r, true
		}
	}
	return arrayRec{}, false
}

// overflowIDsIn returns the ids of the separately allocated overflow buckets linked
// from the chains of the n-bucket array at base, in the order gc lists them.
func (s *session) overflowIDsIn(base unsafe.Pointer, n uintptr) []string {
	var ids []int
	for i := uintptr(0); i < n; i++ {
		for b := overflowOf(s.t, bucketAt(s.t, base, i)); b != nil; b = overflowOf(s.t, b) {
			if id, ok := s.alloc.overflow[uintptr(b)]; ok {
				ids = append(ids, id)
			}
		}
	}
	sort.Ints(ids)
	var out []string
	for _, id := range ids {
		out = append(out, "overflow#"+strconv.Itoa(id))
	}
	return out
}

func bodyGCNoscan(s *session) {
	s.makeMap(-1)
	s.setUntil(100, "B2", func(x summary) bool { return x.B == 2 && !x.growing })
	s.gc() // the B0 and B1 arrays (and their overflow buckets): not asserted here
	s.fillTo(growthLimit(2))
	s.set(s.keys.Fresh())
	h := s.h()
	s.require(h.oldbuckets != nil && h.B == 3, "no growth B2->B3")
	old, _ := s.arrayOf(uintptr(h.oldbuckets))
	oldOvf := s.overflowIDsIn(h.oldbuckets, 4)

	// A loop opened during the growth stands on a key in the main bucket of an
	// unevacuated old chain: hiter.bptr points into the old array. At least three
	// bucket indices are left, so that it reaches the new array later.
	id := s.standWhere("a loop in an old main bucket with indices left", 8, func(st *iterState) bool {
		h := s.here(st)
		return h.array == "old" && h.depth == 0 && remainingIndices(st) >= 3
	})
	s.gcExpect() // growing: h.oldbuckets holds the old array
	s.setUntil(20, "growth finished", func(x summary) bool { return !x.growing })
	bptr := uintptr(hiterOf(s.iters[id].it).bptr)
	s.require(bptr >= old.base && bptr < old.end, "the loop left the old array")
	s.gcExpect() // h.oldbuckets is nil, but the loop stands in the old array (hiter.bptr)
	s.standOn(id, "the loop in the new array", func(st *iterState) bool { return s.here(st).array == "new" })
	// The old array dies now; its overflow buckets are still held by the loop's
	// it.oldoverflow (pointer-free buckets: the slice keeps them alive).
	s.gcExpect("buckets#" + strconv.Itoa(old.id))
	s.iterRest(id, 8)
	s.iterClose(id)
	s.gcExpect(oldOvf...)
	s.require(s.maxB == 3, "max B %d, want 3", s.maxB)
}

func bodyGCRelookupNoscan(s *session) {
	s.makeMap(-1)
	s.setUntil(100, "B1", func(x summary) bool { return x.B == 1 && !x.growing })
	s.gc() // the B0 array
	s.fillTo(growthLimit(1))
	h := s.h()
	a1, _ := s.arrayOf(uintptr(h.buckets))
	a1Ovf := s.overflowIDsIn(h.buckets, 2)
	id := s.iterOpen() // it.buckets = the B1 array
	s.iterStep(id, 1)
	s.set(s.keys.Fresh()) // B1->B2: both old buckets are evacuated at once
	s.require(!s.sum().growing && s.sum().B == 2, "B1->B2 did not finish in one insert: %+v", s.sum())
	h = s.h()
	a2, _ := s.arrayOf(uintptr(h.buckets))
	// The loop walks its B1 array, all evacuation marks: each key is looked up
	// again (mapaccessK) and hiter.key/elem point at its slot in the current array.
	s.standOn(id, "the loop's key found by lookup in the B2 array's main buckets", func(st *iterState) bool {
		k := uintptr(hiterOf(st.it).key)
		return k >= a2.base && k < a2.base+4*uintptr(s.t.bucketsize)
	})
	// A doubling B2->B3 started and finished inside the same body.
	s.fillTo(growthLimit(2))
	a2Ovf := s.overflowIDsIn(s.h().buckets, 4)
	s.set(s.keys.Fresh())
	s.require(s.sum().growing && s.sum().B == 3, "no growth B2->B3")
	s.setUntil(20, "growth finished", func(x summary) bool { return !x.growing })
	k := uintptr(hiterOf(s.iters[id].it).key)
	s.require(k >= a2.base && k < a2.end, "hiter.key left the B2 array")
	// The B2 array is neither h.buckets, h.oldbuckets, it.buckets nor it.bptr (both
	// in the B1 array), but hiter.key and hiter.elem point into it: it stays. Its
	// separately allocated overflow buckets were held only by extra.oldoverflow.
	s.gcExpect(a2Ovf...)
	s.standOn(id, "the loop's key found in the B3 array", func(st *iterState) bool {
		k := uintptr(hiterOf(st.it).key)
		return !(k >= a2.base && k < a2.end)
	})
	s.gcExpect("buckets#" + strconv.Itoa(a2.id))
	s.iterRest(id, 8)
	s.iterClose(id)
	s.gcExpect(append([]string{"buckets#" + strconv.Itoa(a1.id)}, a1Ovf...)...)
	s.require(s.maxB == 3, "max B %d, want 3", s.maxB)
}
