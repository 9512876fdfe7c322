//go:build !go1.24

package main

// The named workloads. Each is reproducible apart from Go's own random draws
// (seeds, iterator starts): key choices come from math/rand with a fixed seed, or
// are chosen by their hash under the map's current seed ("directed" keys), which
// pins slot-level situations (overflow chains, emptyOne/emptyRest runs) whatever
// seed the runtime drew.

import (
	"fmt"
	"sort"
)

type workload struct {
	name string
	doc  string
	kind func() mapKind
	// after is the default "after" mode; forced workloads (iter-* or gc) write it on every line.
	after  afterMode
	forced bool
	// sparseMaxBuckets: in sparse mode, only arrays up to this many buckets are written (except the last line).
	sparseMaxBuckets int
	run              func(s *session)
}

func kindU64() mapKind { return &mapU64{} }
func kindStr() mapKind { return &mapStr{} }
func kindBig() mapKind { return &mapBig{} }

var workloads = []workload{
	{name: "seq-insert-800", kind: kindU64, after: afterSparse, sparseMaxBuckets: 8,
		doc: "make(map[uint64]uint64) and keys 0..799 in order: growth B0->B7 (B8 in Go 1.21); asserts every doubling starts at count = loadFactorNum*2^B/2 + 1 (B1->B2 at the 14th key, the 13th in Go 1.21)",
		run: seqInsert},
	{name: "hint-prealloc-300", kind: kindU64, after: afterSparse, sparseMaxBuckets: 16,
		doc: "make(map, 300): B6 with preallocated overflow buckets (71 buckets, pool of 7); 300 random keys, then directed keys until the pool is used up and overflow buckets are allocated on their own",
		run: hintPrealloc},
	{name: "delete-reinsert", kind: kindU64, after: afterAll,
		doc: "B1 map, 11 keys directed into bucket 0 (8 + 3 in an overflow bucket); deletes that leave emptyOne, emptyRest runs across the overflow link, lookups stopping at emptyRest, inserts reusing the first empty slot and the old overflow bucket",
		run: deleteReinsert},
	{name: "delete-to-empty", kind: kindU64, after: afterAll,
		doc: "delete every key (the last delete reseeds hash0), get/delete on the empty map (no reseed), reinsert under the new seed, then grow and empty the map again during growth",
		run: deleteToEmpty},
	{name: "clear", kind: kindU64, after: afterAll,
		doc: "clear on a never-used map (no reseed), clear with entries and an overflow bucket (same array, noverflow 0, new seed), reuse, and clear during a growth",
		run: clearWorkload},
	{name: "clear-iter-59411", kind: kindU64, forced: true,
		doc: "an iterator started before a growth, the map cleared while old buckets are still unevacuated: Go 1.19 yields stale keys from the old array, 1.21+ marks them emptyRest (issue 59411)",
		run: clearIter},
	{name: "samesize-churn", kind: kindU64, after: afterSparse, sparseMaxBuckets: 16,
		doc: "B2 map at steady size: fresh random keys in, random keys out, until overflow buckets reach 2^B and a same-size growth runs (asserted) and finishes",
		run: samesizeChurn},
	{name: "samesize-directed", kind: kindU64, forced: true,
		doc: "B2 map: overflow buckets forced by directed keys (noverflow 4), then the next new key starts a same-size growth, with an iterator open from before the growth",
		run: samesizeDirected},
	{name: "iterate", kind: kindU64, after: afterAll,
		doc: "full iterations: empty map (no draw), B0, B2, during a growth (iterator walks new buckets and checks old ones), after growth, after deletes",
		run: iterateWorkload},
	{name: "iter-held-growth", kind: kindU64, forced: true,
		doc: "iterator opened on a B2 map, held open while a doubling starts and finishes (it keeps walking the old array), with inserts and deletes between steps",
		run: iterHeldGrowth},
	{name: "iter-open-during-growth", kind: kindU64, forced: true,
		doc: "two iterators opened while a doubling is in progress (they walk the new array and filter old chains), stepped while evacuation proceeds",
		run: iterOpenDuringGrowth},
	{name: "gc-growth-noscan-B3", kind: kindU64, forced: true,
		doc: "pointer-free buckets, B <= 3, no iterator: gc frees the old array and its overflow buckets only once growth has finished, and clear frees the overflow buckets",
		run: gcGrowth},
	{name: "gc-held-iter-noscan-B2", kind: kindU64, forced: true,
		doc: "pointer-free buckets, B <= 2: an open iterator keeps the old array (it.buckets) and its overflow bucket (it.overflow) alive after growth finished, even once exhausted, until it is closed",
		run: gcHeldIter},
	{name: "body-insert-next-slot", kind: kindU64, forced: true,
		doc: "a fresh key inserted in a paused loop's body into the first empty slot of the loop's bucket, just ahead of it: the loop reports it next (asserted) at B2, during a growth (loop opened during it, in a new bucket) and at B3 after it; a key inserted behind the loop is not reported",
		run: bodyInsertNextSlot},
	{name: "body-delete-next-key", kind: kindU64, forced: true,
		doc: "the key a paused loop would find next is deleted in its body: not reported (asserted) at B2, during a growth (the key in an unevacuated old chain the loop filters; the delete evacuates it) and after it (a loop held from before the growth, the key looked up again)",
		run: bodyDeleteNextKey},
	{name: "body-update-next-key", kind: kindU64, forced: true,
		doc: "the key a paused loop would find next gets a new elem in its body: reported next with the new elem (*hiter.elem, asserted) at B2, during a growth (held loop, the key in an unevacuated old bucket that the update evacuates), after it (looked up again) and at B3",
		run: bodyUpdateNextKey},
	{name: "body-growth-starts", kind: kindU64, forced: true,
		doc: "a growth started by an insert in a paused loop's body, the insert's growWork evacuating the loop's own bucket: a same-size growth at B2 (4 overflow buckets) and a doubling B2->B3 finished in the same body; the loop reports the key it would have found before (asserted), never the new keys",
		run: bodyGrowthStarts},
	{name: "body-evacuates-loop-bucket", kind: kindU64, forced: true,
		doc: "during a growth, one insert evacuates the old buckets two paused loops stand in (one opened before the growth, one during it, filtering an old chain): each reports its next key through the evacuation mark (asserted), and neither reports the new key",
		run: bodyEvacuatesLoopBucket},
	{name: "body-evacuates-next-bucket", kind: kindU64, forced: true,
		doc: "during a growth, a loop opened during it is about to enter new bucket y whose old bucket is unevacuated; an insert of a key of y evacuates it, so the loop walks new bucket y instead of the old chain and reports the new key (asserted)",
		run: bodyEvacuatesNextBucket},
	{name: "body-string-keys", kind: kindStr, forced: true,
		doc: "map[string]uint64 (pointerful buckets): insert at the loop's next slot, delete and update of its next key at B2, a doubling started in the body evacuating the loop's bucket, update during and delete after the growth, insert at the next slot at B3 (all asserted)",
		run: bodyStringKeys},
	{name: "body-gc-noscan-B3", kind: kindU64, forced: true,
		doc: "pointer-free buckets, B <= 3: gc while a loop opened during a growth stands in an old chain: nothing freed during the growth nor after it finished (hiter.bptr holds the old array); once the loop stands in the new array the old array is freed, its overflow buckets only after iter-close (asserted)",
		run: bodyGCNoscan},
	{name: "body-gc-relookup-noscan-B3", kind: kindU64, forced: true,
		doc: "pointer-free buckets, B <= 3: a loop held from B1 stands on a key looked up again in the B2 array (hiter.key/elem point there) while B2->B3 starts and finishes in its body: gc keeps the B2 array until the loop's key is found in the B3 array (asserted)",
		run: bodyGCRelookupNoscan},
	{name: "string-keys", kind: kindStr, after: afterSparse, sparseMaxBuckets: 16,
		doc: "map[string]uint64 (208-byte pointerful buckets): inserts to B5, lookups, deletes, updates, iteration, clear",
		run: stringKeys},
	{name: "big-elem", kind: kindBig, after: afterSparse, sparseMaxBuckets: 16,
		doc: "map[uint64][200]byte: elems over 128 bytes stored indirectly (8-byte slots); inserts, updates, deletes, iteration, clear",
		run: bigElem200},
	{name: "random-mix-2500", kind: kindU64, after: afterSparse, sparseMaxBuckets: 8,
		doc: "2500 random operations on keys 0..511: set, delete, get, occasional iterate and clear",
		run: randomMix},
}

func findWorkload(name string) (workload, bool) {
	for _, w := range workloads {
		if w.name == name {
			return w, true
		}
	}
	return workload{}, false
}

// ---- workloads ----

func seqInsert(s *session) {
	s.makeMap(-1)
	for k := uint64(0); k < 800; k++ {
		before := s.sum()
		s.set(k)
		after := s.sum()
		if after.B != before.B {
			// overLoadFactor(count+1, B): the insert that makes count = limit+1 grows.
			s.require(after.count == growthLimit(before.B)+1,
				"B%d->B%d started at count %d, want %d (loadFactorNum %d)", before.B, after.B, after.count,
				growthLimit(before.B)+1, loadFactorNum)
		}
	}
	want := uint8(0)
	for growthLimit(want) < 800 {
		want++
	}
	s.require(s.sum().B == want, "800 sequential keys: B=%d, want %d", s.sum().B, want)
}

func (s *session) poolFree() int {
	n, err := nextOverflowFree(s.t, s.h(), 1<<16)
	if err != nil {
		s.failf("%v", err)
	}
	return n
}

func hintPrealloc(s *session) {
	s.makeMap(300)
	s.lines.KeepAfter(s.after) // the fresh array and its pool
	s.require(s.sum().B == 6, "make(300): B=%d, want 6", s.sum().B)
	pool := int(nbucketsFor(s.t, 6)) - 64
	s.require(s.poolFree() == pool && pool == 7, "make(300): %d free preallocated overflow buckets, want %d (= 7)", s.poolFree(), pool)
	for n := 0; n < 300; n++ {
		s.set(s.keys.Fresh())
	}
	for n := 0; s.poolFree() > 0 || s.alloc.nOverflow < 2; n++ {
		s.require(n < 40, "pool not used up after 40 forced overflows")
		free, lone := s.poolFree(), s.alloc.nOverflow
		s.forceOverflow(uint64(s.rng.Intn(64)))
		if (free > 0 && s.poolFree() == 0) || (lone == 0 && s.alloc.nOverflow > 0) {
			s.lines.KeepAfter(s.after) // the last pooled bucket handed out; the first one allocated on its own
		}
	}
	for n := 0; n < 10; n++ {
		s.get(s.randomLive())
		s.del(s.randomLive())
	}
	s.require(!s.sawSame && s.maxB == 6, "hint-prealloc grew (B=%d)", s.maxB)
}

// chainTophash returns the tophash bytes of current bucket b's chain.
func (s *session) chainTophash(b uint64) [][8]uint8 {
	h := s.h()
	var out [][8]uint8
	for p := bucketAt(s.t, h.buckets, uintptr(b)); p != nil; p = overflowOf(s.t, p) {
		var th [8]uint8
		for i := range th {
			th[i] = tophashAt(p, i)
		}
		out = append(out, th)
	}
	return out
}

func deleteReinsert(s *session) {
	s.makeMap(10) // B1: no growth below 13 keys (12 in Go 1.21)
	ks := make([]uint64, 11)
	for j := range ks {
		ks[j] = s.freshIn(0, 1)
		s.set(ks[j])
	}
	// Slots: bucket 0 holds ks[0..7], its overflow bucket ks[8..10].
	th := s.chainTophash(0)
	s.require(len(th) == 2 && th[1][2] >= minTopHash && th[1][3] == 0, "bucket 0 chain is not 8+3: %v", th)
	s.require(s.sum().noverflow == 1, "noverflow %d, want 1", s.sum().noverflow)

	s.del(ks[3])  // slot 3, followed by a live slot: emptyOne
	s.get(ks[3])  // the lookup scans past emptyOne: not found
	s.get(ks[10]) // found in the overflow bucket
	s.del(ks[10]) // last live slot of the chain: emptyRest
	s.del(ks[9])  // emptyRest, and the run stops at ks[8]
	s.del(ks[8])  // overflow bucket all emptyRest; main slot 7 is live: stop
	s.del(ks[6])  // slot 6, slot 7 live: emptyOne
	s.del(ks[7])  // slot 7, overflow starts with emptyRest: emptyRest, back through slot 6 (emptyOne) to slot 5 (live)
	s.del(ks[5])  // next is emptyRest: emptyRest
	s.del(ks[4])  // emptyRest, back through slot 3 (emptyOne), stops at slot 2
	th = s.chainTophash(0)
	s.require(th[0][3] == 0 && th[0][4] == 0 && th[0][7] == 0 && th[0][2] >= minTopHash && th[1][0] == 0,
		"after the deletes bucket 0 reads %v, want slots 3..7 and the overflow emptyRest", th)
	s.get(ks[9]) // the lookup stops at the first emptyRest (slot 3)
	s.get(ks[0])

	n1 := s.freshIn(0, 1)
	s.set(n1)    // first empty slot of the chain: slot 3
	s.set(ks[3]) // reinsert a deleted key: slot 4
	s.set(ks[0]) // update in place
	for j := 0; j < 5; j++ {
		s.set(s.freshIn(0, 1)) // slots 5, 6, 7, then the old overflow bucket's slots 0, 1
	}
	s.require(s.sum().noverflow == 1 && len(s.chainTophash(0)) == 2, "the overflow bucket was not reused")
	s.del(ks[1]) // emptyOne in the middle
	n2 := s.freshIn(0, 1)
	s.set(n2) // reuses slot 1
	s.del(ks[0])
	s.del(ks[2])
	s.get(n1)
	// Bucket 1: a few keys, then empty it again; lookups of absent keys there.
	b1 := []uint64{s.freshIn(1, 1), s.freshIn(1, 1)}
	for _, k := range b1 {
		s.set(k)
	}
	s.get(s.freshIn(1, 1))
	for _, k := range b1 {
		s.del(k)
	}
	s.set(s.freshIn(1, 1))
	// Empty the main bucket of bucket 0 while its overflow bucket keeps keys.
	for _, k := range append([]uint64{}, s.keys.List...) {
		if s.bucketOf(k) == 0 && s.count0Main(k) {
			s.del(k)
		}
	}
	s.set(s.freshIn(0, 1))
	s.require(s.maxB == 1 && !s.sawSame, "delete-reinsert left B1 (max B %d)", s.maxB)
}

// count0Main tells whether key k sits in the main bucket (not an overflow bucket) of its chain.
func (s *session) count0Main(k uint64) bool {
	h := s.h()
	b := bucketAt(s.t, h.buckets, uintptr(s.bucketOf(k)))
	for i := 0; i < bucketCnt; i++ {
		if tophashAt(b, i) >= minTopHash && s.mk.slotKeyJSON(keyAt(s.t, b, i)) == s.mk.keyJSON(k) {
			return true
		}
	}
	return false
}

func deleteToEmpty(s *session) {
	s.makeMap(-1)
	var ks []uint64
	for j := 0; j < 12; j++ {
		k := s.keys.Fresh()
		ks = append(ks, k)
		s.set(k)
	}
	seed := s.sum().hash0
	for _, j := range s.rng.Perm(len(ks)) {
		s.del(ks[j])
	}
	s.require(s.sum().count == 0 && s.sum().hash0 != seed, "deleting the last key did not reseed")
	seed = s.sum().hash0
	s.get(ks[0])
	s.del(ks[1]) // nothing to delete: no reseed
	s.require(s.sum().hash0 == seed, "a delete on an empty map reseeded")
	for j := 0; j < 12; j++ {
		s.set(s.keys.Fresh())
	}
	s.setUntil(100, "growth B2->B3", func(x summary) bool { return x.growing && x.B == 3 })
	seed = s.sum().hash0
	for _, k := range append([]uint64{}, s.keys.List...) {
		s.del(k)
	}
	s.require(s.sum().count == 0 && s.sum().hash0 != seed, "emptying during growth did not reseed")
	for j := 0; j < 6; j++ {
		s.set(s.keys.Fresh())
	}
}

func clearWorkload(s *session) {
	s.makeMap(-1)
	s.clear() // count 0: returns at once, no reseed, buckets stay nil
	for j := 0; j < 20; j++ {
		s.set(s.keys.Fresh())
	}
	s.forceOverflowAny()
	arrays := s.alloc.nArrays
	old := s.keys.List[0]
	s.clear()
	s.get(old)
	for j := 0; j < 10; j++ {
		s.set(s.keys.Fresh())
	}
	s.require(s.alloc.nArrays == arrays, "clear allocated a new bucket array")
	s.setUntil(100, "growth B2->B3", func(x summary) bool { return x.growing })
	s.clear() // during growth: old array dropped, B kept
	s.require(s.sum().B == 3, "clear changed B")
	for j := 0; j < 5; j++ {
		s.set(s.keys.Fresh())
	}
	s.iterate()
	s.clear()
	s.clear() // again on the empty map: no reseed
}

func clearIter(s *session) {
	s.makeMap(-1)
	s.setUntil(100, "B2", func(x summary) bool { return x.B == 2 })
	for s.sum().count < growthLimit(2) {
		s.set(s.keys.Fresh())
	}
	it := s.iterOpen()
	s.iterNext(it, 3)
	s.set(s.keys.Fresh()) // starts B2->B3; at most 2 of the 4 old buckets are evacuated
	s.require(s.sum().growing && s.sum().B == 3, "the growth did not start or finished at once")
	s.clear()
	before := s.iters[it].produced
	s.iterRest(it, 4)
	n := s.iters[it].produced - before
	// The loop stands on the last key it reported; its next advance runs after the
	// clear. Go 1.21+ then yields nothing (mapclear marked the old buckets emptyRest);
	// Go 1.19 yields the stale keys of the unevacuated old buckets.
	s.require(!clearMarksEmpty || n == 0, "after clear the iterator still produced %d keys", n)
	s.iterClose(it)
	s.set(s.keys.Fresh())
	s.iterate()
}

func samesizeChurn(s *session) {
	s.makeMap(-1)
	target := growthLimit(2) - 1
	for s.sum().count < target {
		s.set(s.keys.Fresh())
	}
	s.require(s.sum().B == 2, "churn map has B=%d, want 2", s.sum().B)
	extra := -1
	for n := 0; extra != 0; n++ {
		s.require(n < 20000, "no same-size growth after %d churn steps", n)
		k := s.keys.Fresh()
		s.set(k)
		victim := s.randomLive()
		for victim == k {
			victim = s.randomLive()
		}
		s.del(victim)
		if extra < 0 && s.sawSame && !s.sum().growing {
			extra = 10
		} else if extra > 0 {
			extra--
		}
	}
	s.require(s.sawSame && s.maxB == 2, "same-size growth not reached (max B %d)", s.maxB)
}

func samesizeDirected(s *session) {
	s.makeMap(20) // B2
	for j := 0; j < 8; j++ {
		s.set(s.keys.Fresh())
	}
	for s.sum().noverflow < 3 {
		s.forceOverflowAny()
	}
	it := s.iterOpen()
	s.iterNext(it, 2)
	s.forceOverflowAny()
	s.require(s.sum().noverflow == 4 && !s.sum().growing, "noverflow %d, want 4", s.sum().noverflow)
	// tooManyOverflowBuckets(4, 2): the next new key starts a same-size growth.
	if s.sum().count+1 > growthLimit(2) {
		s.del(s.randomLive())
	}
	s.set(s.keys.Fresh())
	x := s.sum()
	s.require(x.growing && x.sameSizeGrow && x.B == 2, "no same-size growth in progress: %+v", x)
	s.iterNext(it, 2)
	for n := 0; s.sum().growing; n++ {
		s.require(n < 10, "same-size growth does not finish")
		s.del(s.randomLive())
		s.iterNext(it, 1)
	}
	s.set(s.keys.Fresh())
	s.iterRest(it, 3)
	s.iterClose(it)
	s.require(s.sawSame, "same-size growth not observed")
}

func iterateWorkload(s *session) {
	s.makeMap(-1)
	s.iterate() // empty map: no random draw, flags stay 0
	s.require(s.sum().flags == 0, "iterating an empty map set flags %d", s.sum().flags)
	for j := 0; j < 5; j++ {
		s.set(s.keys.Fresh())
	}
	s.iterate()
	s.iterate()
	s.setUntil(100, "B2", func(x summary) bool { return x.B == 2 })
	s.iterate()
	s.setUntil(100, "growth B2->B3", func(x summary) bool { return x.growing })
	s.iterate()
	s.iterate()
	s.del(s.randomLive())
	s.iterate()
	s.setUntil(100, "growth finished", func(x summary) bool { return !x.growing })
	s.iterate()
	for j := 0; j < 10; j++ {
		s.del(s.randomLive())
	}
	s.iterate()
	s.iterate()
}

func iterHeldGrowth(s *session) {
	s.makeMap(-1)
	s.setUntil(100, "B2", func(x summary) bool { return x.B == 2 })
	for s.sum().count < 20 {
		s.set(s.keys.Fresh())
	}
	it := s.iterOpen()
	s.iterNext(it, 3)
	s.setUntil(100, "growth B2->B3", func(x summary) bool { return x.growing })
	s.iterNext(it, 2)
	s.del(s.randomLive())
	s.set(s.keys.Fresh())
	s.iterNext(it, 2)
	s.setUntil(100, "growth finished", func(x summary) bool { return !x.growing })
	s.iterNext(it, 2)
	s.del(s.randomLive())
	s.set(s.keys.Fresh())
	s.set(s.randomLive()) // update
	s.iterRest(it, 3)
	s.iterClose(it)
}

func iterOpenDuringGrowth(s *session) {
	s.makeMap(-1)
	s.setUntil(100, "growth B2->B3", func(x summary) bool { return x.growing && x.B == 3 })
	a := s.iterOpen()
	s.iterNext(a, 3)
	b := s.iterOpen()
	s.set(s.keys.Fresh())
	s.iterNext(a, 2)
	s.iterNext(b, 2)
	s.del(s.randomLive())
	s.iterNext(a, 2)
	s.setUntil(100, "growth finished", func(x summary) bool { return !x.growing })
	s.iterNext(b, 3)
	s.iterRest(a, 4)
	s.iterClose(a)
	s.del(s.randomLive())
	s.iterRest(b, 4)
	s.iterClose(b)
}

func (s *session) gcExpect(want ...string) {
	got := s.gc()
	s.require(fmt.Sprint(got) == fmt.Sprint(want), "gc freed %v, want %v", got, want)
}

// generation returns the ids of the current bucket array and of the overflow
// buckets allocated on their own that its chains link, in the order gc lists them.
func (s *session) generation() []string {
	h := s.h()
	if h.buckets == nil {
		return nil
	}
	out := []string{fmt.Sprintf("buckets#%d", s.alloc.arrays[uintptr(h.buckets)].id)}
	return append(out, s.overflowIDs()...)
}

// overflowIDs returns the ids of the separately allocated overflow buckets linked
// from the current array's chains, ascending.
func (s *session) overflowIDs() []string {
	h := s.h()
	var ids []int
	for i := uintptr(0); i < uintptr(1)<<h.B; i++ {
		for b := overflowOf(s.t, bucketAt(s.t, h.buckets, i)); b != nil; b = overflowOf(s.t, b) {
			if id, ok := s.alloc.overflow[uintptr(b)]; ok {
				ids = append(ids, id)
			}
		}
	}
	sort.Ints(ids)
	var out []string
	for _, id := range ids {
		out = append(out, fmt.Sprintf("overflow#%d", id))
	}
	return out
}

// growWith inserts fresh keys until cond holds and returns the generation as it
// was just before the last insert (the one that started the growth).
func (s *session) growWith(what string, cond func(summary) bool) []string {
	var pre []string
	for n := 0; !cond(s.sum()); n++ {
		s.require(n < 100, "%s: not reached after 100 inserts", what)
		pre = s.generation()
		s.set(s.keys.Fresh())
	}
	return pre
}

func gcGrowth(s *session) {
	s.makeMap(-1)
	for j := 0; j < 8; j++ {
		s.set(s.keys.Fresh()) // buckets#0: the lazy first bucket
	}
	s.gcExpect()
	pre := s.growWith("B1", func(x summary) bool { return x.B == 1 }) // B0->B1, done at once
	s.require(!s.sum().growing, "B0->B1 still growing")
	s.gcExpect(pre...) // buckets#0
	s.forceOverflowAny()
	s.require(len(s.overflowIDs()) > 0, "no overflow bucket allocated on its own")
	s.gcExpect()
	pre = s.growWith("B2", func(x summary) bool { return x.B == 2 }) // B1->B2 finishes within the insert
	s.require(!s.sum().growing, "B1->B2 still growing")
	s.gcExpect(pre...) // buckets#1 and its overflow bucket(s)
	s.forceOverflowAny()
	pre = s.growWith("growth B2->B3", func(x summary) bool { return x.growing && x.B == 3 })
	s.gcExpect() // old array and its overflow buckets still reachable (oldbuckets, oldoverflow)
	for n := 0; s.sum().growing; n++ {
		s.require(n < 10, "growth does not finish")
		if n%2 == 0 {
			s.del(s.randomLive())
		} else {
			s.set(s.keys.Fresh())
		}
	}
	s.gcExpect(pre...)
	s.forceOverflowAny()
	ovf := s.overflowIDs()
	s.clear()
	s.gcExpect(ovf...) // clear keeps the array, drops the overflow buckets
	s.set(s.keys.Fresh())
	s.gcExpect()
	s.require(s.maxB == 3, "max B %d, want 3", s.maxB)
}

func gcHeldIter(s *session) {
	s.makeMap(-1)
	for j := 0; j < 8; j++ {
		s.set(s.keys.Fresh()) // buckets#0
	}
	pre := s.growWith("B1", func(x summary) bool { return x.B == 1 })
	s.gcExpect(pre...) // buckets#0
	s.forceOverflowAny()
	s.require(len(s.overflowIDs()) > 0, "no overflow bucket allocated on its own")
	it := s.iterOpen()
	s.iterNext(it, 2)
	pre = s.growWith("B2", func(x summary) bool { return x.B == 2 }) // growth finishes within the insert
	s.require(!s.sum().growing, "B1->B2 still growing")
	s.gcExpect() // the iterator holds the old array (it.buckets) and its overflow buckets (it.overflow)
	s.iterNext(it, 3)
	s.del(s.randomLive())
	s.iterRest(it, 4)
	s.gcExpect() // exhausted but not closed: its hiter still points at the old array
	s.iterClose(it)
	s.gcExpect(pre...)
	s.set(s.keys.Fresh())
	s.gcExpect()
	s.require(s.maxB == 2, "max B %d, want 2", s.maxB)
}

func stringKeys(s *session) {
	s.makeMap(-1)
	for j := 0; j < 120; j++ {
		s.set(s.keys.Fresh())
	}
	for j := 0; j < 20; j++ {
		if j%3 == 0 {
			s.get(s.keys.NextFresh + 1000) // absent
		} else {
			s.get(s.randomLive())
		}
	}
	for j := 0; j < 40; j++ {
		s.del(s.randomLive())
	}
	s.iterate()
	for j := 0; j < 20; j++ {
		s.set(s.keys.Fresh())
	}
	for j := 0; j < 10; j++ {
		s.set(s.randomLive())
	}
	s.clear()
	for j := 0; j < 30; j++ {
		s.set(s.keys.Fresh())
	}
	s.iterate()
}

func bigElem200(s *session) {
	s.makeMap(-1)
	for j := 0; j < 60; j++ {
		s.set(s.keys.Fresh(), uint64(j)*1000003)
	}
	for j := 0; j < 10; j++ {
		s.set(s.randomLive(), uint64(j)+1<<40) // update: the indirect elem object is overwritten in place
	}
	for j := 0; j < 20; j++ {
		s.del(s.randomLive())
	}
	for j := 0; j < 10; j++ {
		s.get(uint64(s.rng.Intn(int(s.keys.NextFresh))))
	}
	s.iterate()
	for j := 0; j < 20; j++ {
		s.set(s.keys.Fresh(), ^uint64(j)) // values above 2^53
	}
	s.clear()
	for j := 0; j < 10; j++ {
		s.set(s.keys.Fresh())
	}
	s.iterate()
}

func randomMix(s *session) {
	s.makeMap(-1)
	const keys = 512
	for n := 0; n < 2500; n++ {
		r := s.rng.Intn(1000)
		k := uint64(s.rng.Intn(keys))
		switch {
		case r < 450:
			s.set(k)
		case r < 750:
			s.del(k)
		case r < 980:
			s.get(k)
		case r < 995:
			s.iterate()
		default:
			s.clear()
		}
	}
	s.require(s.maxB >= 4, "random mix stayed small (max B %d)", s.maxB)
}

// sortedNames lists the workload names.
func sortedNames() []string {
	var out []string
	for _, w := range workloads {
		out = append(out, w.name)
	}
	sort.Strings(out)
	return out
}
