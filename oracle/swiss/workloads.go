//go:build go1.24

package main

// The named workloads. Each is reproducible apart from Go's own random draws (seeds,
// iterator offsets): key choices come from math/rand with a fixed seed, or are chosen by
// their hash under the map's current seed ("directed" keys), which pins slot-level
// situations (a full group, a tombstone, the slot a paused loop visits next) whatever seed
// the runtime drew. Every set is also predicted and checked (predict.go).

import (
	"fmt"
	"strconv"
	"unsafe"
)

type workload struct {
	name   string
	doc    string
	kind   func() mapKind
	after  afterMode // default "after" mode; forced workloads (iter-* or gc) write it on every line
	forced bool
	run    func(s *session)
}

func kindU64() mapKind { return &mapU64{} }
func kindStr() mapKind { return &mapStr{} }
func kindPtr() mapKind { return newMapPtr() }
func kindBig() mapKind { return &mapBig{} }

var workloads = []workload{
	{name: "small-grow-to-table", kind: kindU64, after: afterAll, run: smallGrowToTable,
		doc: "small map: no group until the first set, lowest empty slot, delete -> empty (never a tombstone), reuse; an update of an existing key on a full small map runs growToTable (16-slot table, growthLeft 6); the 9th key"},
	{name: "growth-split", kind: kindU64, after: afterSparse, run: growthSplit,
		doc: "keys inserted one by one into make(map): growToTable, doublings 16 -> 1024 exactly when growthLeft is 0, splits of 1024-slot tables with directory doubling up to globalDepth 2"},
	{name: "delete-tombstone", kind: kindU64, after: afterAll, run: deleteTombstone,
		doc: "16-slot table: a delete in a group with an empty slot leaves it empty (growthLeft+1); in a full group a tombstone (growthLeft unchanged, tombstonePossible in 1.25+); lookups probe past it; an insert reuses the first tombstone on its path"},
	{name: "churn-prune-u64", kind: kindU64, after: afterSparse, run: func(s *session) { churn(s, prunesTombstones) },
		doc: "map[uint64]uint64 (mapassign_fast64) under delete/insert churn at ~half load: 1.24 doubles the table when tombstones use up growthLeft; 1.25+ prunes tombstones and keeps its size (asserted per version)"},
	{name: "churn-string-keys", kind: kindStr, after: afterSparse, run: func(s *session) { churn(s, prunesTombstones); stringExtras(s) },
		doc: "map[string]uint64 (mapassign_faststr): the same churn (1.24 doubles, 1.25+ prunes), then lookups, updates, iteration, clear"},
	{name: "churn-ptr-keys", kind: kindPtr, after: afterSparse, run: func(s *session) { churn(s, false); stringExtras(s) },
		doc: "map[*T]uint64 (mapassign_fast64ptr, keys written as object numbers): the same churn doubles the table in every version (no pruning on the pointer path), then lookups, updates, iteration, clear"},
	{name: "churn-big-elem", kind: kindBig, after: afterSparse, run: func(s *session) { churn(s, false); stringExtras(s) },
		doc: "map[uint64][200]byte (elem over 128 bytes, stored indirectly: generic mapassign): the same churn doubles the table in every version (no pruning on the generic path), then lookups, updates, iteration, clear"},
	{name: "clear-tombstones", kind: kindU64, after: afterAll, run: clearTombstones,
		doc: "clear of a never-used map (no-op), of a table holding only tombstones (1.24: early return, tombstones stay; 1.25+: cleared, new seed, clearSeq+1), of a full table, and of an emptied map with no tombstone"},
	{name: "delete-to-empty", kind: kindU64, after: afterAll, run: deleteToEmpty,
		doc: "the delete that empties a map draws a new seed (small map and table), get/delete on an empty map do not; clear of a small map; reinsertion under the new seed"},
	{name: "iterate", kind: kindU64, after: afterAll, run: iterateSmall,
		doc: "full iterations: empty map (no draw), small map, one table, after deletes"},
	{name: "iterate-directory", kind: kindU64, after: afterSparse, run: iterateDirectory,
		doc: "make(map, 1000) (two 1024-slot tables), keys directed to the first until it splits (globalDepth 2, a table spanning two entries); full iterations over the directory from random offsets, until one starts in the middle of that table's span (the first Next lowers dirOffset)"},
	{name: "iter-paused-growth", kind: kindU64, forced: true, run: iterPausedGrowth,
		doc: "paused loops across growToTable (small-map iterator looks keys up in the table) and across a 16 -> 32 and 32 -> 64 growth (the loop keeps walking its old table); deleted keys skipped, updates seen, no key twice"},
	{name: "iter-paused-split", kind: kindU64, forced: true, run: iterPausedSplit,
		doc: "a paused loop over a 1024-slot table held across its split into two tables and a directory doubling"},
	{name: "iter-body-writes", kind: kindU64, forced: true, run: iterBodyWrites,
		doc: "paused loops whose body writes at the loop's next position: an insert into the slot it visits next (reported next), a delete of the next key (skipped), an update of it (new elem); and an insert into an empty slot the loop's look-ahead has already jumped over (never reported)"},
	{name: "iter-clear", kind: kindU64, forced: true, run: iterClear,
		doc: "clear while a paused loop is open (small map, then a table): the loop goes on over the zeroed group or table and reports exactly the keys inserted after the clear into positions it has not passed yet"},
	{name: "gc-growth", kind: kindU64, forced: true, run: gcGrowth,
		doc: "gc after growToTable (frees the small group), after growths (old table and groups), with a loop open across a growth (its table stays alive until the loop finishes)"},
	{name: "gc-small-iter", kind: kindU64, forced: true, run: gcSmallIter,
		doc: "a loop started on a small map keeps the small group alive across growToTable, even after it finished, until it is closed"},
	{name: "gc-iter-key-groups", kind: kindU64, forced: true, run: gcIterKeyGroups,
		doc: "a loop open across two growths: its table (it.tab) stays alive, and so do the groups its current key points into (a lookup in the table of that moment), while that table's struct is freed; the groups go once the loop's key moves on, its old table once it finished"},
	{name: "random-mix", kind: kindU64, after: afterSparse, run: randomMix,
		doc: "3000 random operations on keys 0..699: set, delete, get, occasional iterate and clear"},
}

func init() {
	for _, h := range []int{0, 8, 9, 100, 896, 897, 1000, 3000} {
		h := h
		workloads = append(workloads, workload{name: "hint-" + strconv.Itoa(h), kind: kindU64, after: afterSparse,
			doc: fmt.Sprintf("make(map, %d): NewMap's directory and tables (asserted), then %d random keys", h, hint2keys(h)),
			run: func(s *session) { hintWorkload(s, h) }})
	}
}

// hint2keys is how many random keys a hint workload inserts: the hint, but at least 16
// (so that small hints grow to a table) and at most 1000 (to keep the trace small).
func hint2keys(h int) int {
	switch {
	case h < 16:
		return 16
	case h > 1000:
		return 1000
	}
	return h
}

func findWorkload(name string) (workload, bool) {
	for _, w := range workloads {
		if w.name == name {
			return w, true
		}
	}
	return workload{}, false
}

// ---- helpers ----

func (s *session) smallCtrl(i int) uint8 { return ctrlAt(s.m().dirPtr, i) }

// ctrlOf returns the ctrl byte of slot i of group g of the table at directory index d.
func (s *session) ctrlOf(d int, g uint64, i int) uint8 {
	tb := s.m().directoryAt(d)
	return ctrlAt(groupAt(s.t, tb.groups, g), i)
}

// slotOf returns the (group, slot) holding key k in its table.
func (s *session) slotOf(k uint64) (uint64, int) {
	m := s.m()
	tb := m.directoryAt(m.directoryIndex(s.hash(k)))
	for g := uint64(0); g <= tb.groups.lengthMask; g++ {
		grp := groupAt(s.t, tb.groups, g)
		for i := 0; i < groupSlots; i++ {
			if isFull(ctrlAt(grp, i)) && s.mk.keyIs(k, slotKey(s.t, grp, i)) {
				return g, i
			}
		}
	}
	s.failf("key %d not found", k)
	return 0, 0
}

// groupFull tells whether group g of the table at directory index d has no empty slot.
func (s *session) groupFull(d int, g uint64) bool {
	return !ctrlWordHasEmpty(ctrlWord(groupAt(s.t, s.m().directoryAt(d).groups, g)))
}

// table0 is the first table's shape (zero for a small map).
func (s *session) table0() tableShape {
	if ts := s.tables(); len(ts) > 0 {
		return ts[0]
	}
	return tableShape{}
}

// ---- workloads ----

func smallGrowToTable(s *session) {
	s.makeMap(-1)
	s.require(s.m().dirPtr == nil, "make(map) allocated a group")
	s.get(1000)
	s.del(1001)
	ks := make([]uint64, 0, 9)
	for j := 0; j < 6; j++ {
		k := s.keys.Fresh()
		s.set(k)
		ks = append(ks, k)
		if j == 0 {
			s.require(s.lastNew == [nKinds]int{0, 0, 1}, "first set allocated %v, want one groups array", s.lastNew)
		}
	}
	s.del(ks[2])
	s.require(s.smallCtrl(2) == ctrlEmpty, "delete in a small map left ctrl %#x", s.smallCtrl(2))
	s.get(ks[2])
	s.set(ks[1], 7777) // update in place
	k := s.keys.Fresh()
	s.set(k) // lowest empty slot: 2
	ks[2] = k
	for len(ks) < 8 {
		k := s.keys.Fresh()
		s.set(k)
		ks = append(ks, k)
	}
	s.require(s.m().used == 8 && s.m().dirLen == 0, "small map not full")
	for j, k := range ks {
		g, _ := s.hash(k), j
		s.require(s.smallCtrl(j) == h2(g), "slot %d does not hold key %d", j, k)
	}
	s.get(ks[5])
	s.set(ks[3], 4242) // an update on a full small map: growToTable first
	tb := s.table0()
	s.require(s.m().dirLen == 1 && tb.capacity == 16 && tb.used == 8 && tb.growthLeft == 6 && s.growToTables == 1,
		"update on a full small map: %+v", tb)
	s.require(s.lastNew == [nKinds]int{1, 1, 1}, "growToTable allocated %v, want a directory, a table and its groups", s.lastNew)
	s.set(s.keys.Fresh()) // the 9th key
	s.require(s.table0().growthLeft == 5, "9th key: growthLeft %d", s.table0().growthLeft)
	s.get(ks[3])
	s.del(ks[0])
	s.get(ks[0])
}

func growthSplit(s *session) {
	s.makeMap(-1)
	caps := []int{}
	for n := 0; s.m().globalDepth < 2; n++ {
		s.require(n < 20000, "globalDepth 2 not reached after 20000 keys")
		s.set(s.keys.Fresh())
		if s.m().dirLen == 1 {
			c := s.table0().capacity
			if len(caps) == 0 || caps[len(caps)-1] != c {
				caps = append(caps, c)
			}
		}
	}
	s.require(fmt.Sprint(caps) == "[16 32 64 128 256 512 1024]", "capacity ladder %v", caps)
	s.require(s.splits == 2 && s.grows == 6 && s.growToTables == 1, "grows %d splits %d", s.grows, s.splits)
	for j := 0; j < 20; j++ {
		s.get(s.randomLive())
		s.get(s.keys.Fresh())
		s.del(s.randomLive())
	}
	s.iterate()
}

func deleteTombstone(s *session) {
	s.makeMap(9)
	s.require(s.table0().capacity == 16 && s.table0().growthLeft == 14, "make(9): %+v", s.table0())
	var g0 []uint64
	for len(g0) < 8 {
		k := s.freshInGroup(0, 0)
		s.set(k)
		g0 = append(g0, k)
	}
	s.require(s.groupFull(0, 0) && s.table0().growthLeft == 6, "group 0 not full")
	var g1 []uint64
	for j := 0; j < 3; j++ {
		k := s.freshInGroup(0, 1)
		s.set(k)
		g1 = append(g1, k)
	}
	// A delete in a group with an empty slot: empty, growthLeft back up.
	gl := s.table0().growthLeft
	_, sl := s.slotOf(g1[1])
	s.del(g1[1])
	s.require(s.ctrlOf(0, 1, sl) == ctrlEmpty && s.table0().growthLeft == gl+1 && !s.m().tombstonePossible(),
		"delete in a non-full group: ctrl %#x growthLeft %d", s.ctrlOf(0, 1, sl), s.table0().growthLeft)
	// A delete in a full group: tombstone.
	gl = s.table0().growthLeft
	_, sl = s.slotOf(g0[3])
	s.del(g0[3])
	s.require(s.ctrlOf(0, 0, sl) == ctrlDeleted && s.table0().growthLeft == gl && s.table0().tombstones == 1,
		"delete in a full group: ctrl %#x growthLeft %d", s.ctrlOf(0, 0, sl), s.table0().growthLeft)
	s.require(s.m().tombstonePossible() == hasTombstonePossible, "tombstonePossible %v", s.m().tombstonePossible())
	s.get(g0[3])                // absent: probes past the tombstone's group to group 1
	s.get(g0[5])                // present
	s.get(s.freshInGroup(0, 0)) // absent, probe continues to group 1
	// A new key whose probe starts at group 0 reuses the tombstone (growthLeft unchanged).
	reuses := s.reuses
	k := s.freshInGroup(0, 0)
	s.set(k)
	g, sl2 := s.slotOf(k)
	s.require(g == 0 && sl2 == sl && s.reuses == reuses+1 && s.table0().tombstones == 0, "tombstone not reused")
	// Another tombstone; a key starting at group 1 takes group 1's lowest empty slot.
	s.del(g0[6])
	k = s.freshInGroup(0, 1)
	s.set(k)
	g, _ = s.slotOf(k)
	s.require(g == 1 && s.table0().tombstones == 1, "key for group 1 landed in group %d", g)
	s.set(g0[0], 99) // update: no growth
	s.del(g0[0])     // second tombstone in group 0
	s.require(s.table0().tombstones == 2, "tombstones %d", s.table0().tombstones)
	s.iterate()
}

// churn keeps a table at about half load and replaces keys: deletes of keys in full
// groups (which leave tombstones) and inserts of fresh keys. With prune (1.25+ on the
// fast32/fast64/faststr assigns) pruneTombstones runs and the table keeps its capacity
// (unless a prune gives up, see below); without, tombstones use up growthLeft and the table
// doubles at the same load.
func churn(s *session, prune bool) {
	s.makeMap(100) // one 128-slot table, growthLeft 112
	for j := 0; j < 60; j++ {
		s.set(s.keys.Fresh())
	}
	s.lines.KeepAfter(s.after)
	start := s.table0().capacity
	for n := 0; ; n++ {
		s.require(n < 6000, "churn: after %d rounds: grows %d prunes %d (failed %d), capacity %d", n, s.grows, s.prunes, s.pruneFailed, s.table0().capacity)
		if !prune && s.grows > 0 || prune && s.prunes >= 3 {
			break
		}
		// Prefer a key in a full group: its delete leaves a tombstone.
		victim, found := uint64(0), false
		for try := 0; try < 20 && !found; try++ {
			k := s.randomLive()
			g, _ := s.slotOf(k)
			if s.groupFull(s.m().directoryIndex(s.hash(k)), g) {
				victim, found = k, true
			}
		}
		if !found {
			victim = s.randomLive()
		}
		s.del(victim)
		s.set(s.keys.Fresh())
	}
	if prune {
		// pruneTombstones frees only the tombstones no probe sequence needs, and gives up (the
		// table then grows) when those are under a tenth of the capacity; which ones are needed
		// depends on the map's hash seed, which the runtime draws. So a churn may grow: only
		// after a failed prune, and it still reaches its prunes.
		s.require(s.prunes >= 3 && s.grows == s.pruneFailed && s.table0().capacity == start<<s.grows,
			"1.25+ fast path: prunes %d, grows %d, capacity %d -> %d, failed prunes %d",
			s.prunes, s.grows, start, s.table0().capacity, s.pruneFailed)
	} else {
		s.require(s.prunes == 0 && s.grows == 1 && s.table0().capacity == 2*start && s.m().used <= 61,
			"no pruning: prunes %d grows %d capacity %d used %d", s.prunes, s.grows, s.table0().capacity, s.m().used)
	}
	s.lines.KeepAfter(s.after)
}

// stringExtras: lookups, updates, an iteration and a clear on the churned map.
func stringExtras(s *session) {
	for j := 0; j < 10; j++ {
		s.get(s.randomLive())
		s.get(s.keys.Fresh())
		k := s.randomLive()
		s.set(k, uint64(1)<<60+uint64(j)) // update; elems above 2^53
	}
	s.iterate()
	s.clear()
	s.set(s.keys.Fresh())
	s.iterate()
}

func clearTombstones(s *session) {
	s.makeMap(9)
	s.clear() // used 0, no tombstone: early return in every version
	var g0 []uint64
	for len(g0) < 8 {
		k := s.freshInGroup(0, 0)
		s.set(k)
		g0 = append(g0, k)
	}
	for _, k := range g0 {
		s.del(k) // group 0 stays without an empty slot: every delete leaves a tombstone
	}
	s.require(s.m().used == 0 && s.table0().tombstones == 8, "tombstones %d", s.table0().tombstones)
	s.lines.KeepAfter(s.after)
	seed := s.m().seed
	s.clear()
	if clearEarlyReturnIgnoresTombstones {
		s.require(s.table0().tombstones == 8 && s.m().seed == seed && s.m().clearSeq == 0, "1.24: clear of a map with only tombstones did something")
	} else {
		s.require(s.table0().tombstones == 0 && s.m().seed != seed && s.m().clearSeq == 1 && !s.m().tombstonePossible(),
			"1.25+: clear of a map with only tombstones did not clear")
	}
	s.get(g0[0])
	for j := 0; j < 12; j++ {
		s.set(s.keys.Fresh())
	}
	s.clear()
	s.clear() // empty, no tombstone (1.25+: tombstonePossible reset by the clear): early return
	s.set(s.keys.Fresh())
	s.iterate()
}

func deleteToEmpty(s *session) {
	s.makeMap(-1)
	s.clear()
	ks := []uint64{s.keys.Fresh(), s.keys.Fresh(), s.keys.Fresh()}
	for _, k := range ks {
		s.set(k)
	}
	for j, k := range ks {
		seed := s.m().seed
		s.del(k)
		s.require((s.m().seed != seed) == (j == len(ks)-1), "delete %d: seed changed %v", j, s.m().seed != seed)
	}
	seed := s.m().seed
	s.get(ks[0])
	s.del(ks[1])
	s.require(s.m().seed == seed, "get/delete on an empty map reseeded")
	s.set(s.keys.Fresh())
	s.set(s.keys.Fresh())
	s.clear() // small map: group zeroed, new seed, clearSeq 1
	s.require(s.m().dirPtr != nil && s.m().dirLen == 0, "clear dropped the small group")
	for j := 0; j < 20; j++ {
		s.set(s.keys.Fresh())
	}
	for len(s.keys.List) > 0 {
		seed := s.m().seed
		last := len(s.keys.List) == 1
		s.del(s.keys.List[0])
		s.require((s.m().seed != seed) == last, "table delete: seed changed %v (last %v)", s.m().seed != seed, last)
	}
	s.set(s.keys.Fresh())
	s.get(s.keys.List[0])
}

func iterateSmall(s *session) {
	s.makeMap(-1)
	s.iterate() // empty: no draw
	for j := 0; j < 5; j++ {
		s.set(s.keys.Fresh())
	}
	s.iterate()
	s.iterate()
	for j := 0; j < 20; j++ {
		s.set(s.keys.Fresh())
	}
	s.iterate()
	for j := 0; j < 8; j++ {
		s.del(s.randomLive())
	}
	s.iterate()
}

func iterateDirectory(s *session) {
	s.makeMap(1000)
	s.iterate() // empty
	s.require(s.m().dirLen == 2, "make(1000): dirLen %d", s.m().dirLen)
	for n := 0; s.m().globalDepth < 2; n++ {
		s.require(n < 3000, "no split")
		s.set(s.freshInDir(0))
	}
	for j := 0; j < 30; j++ {
		s.set(s.freshInDir(s.m().dirLen - 1))
	}
	ts := s.tables()
	s.require(len(ts) == 3 && ts[2].localDepth == 1 && ts[2].index == 2, "directory after the split: %+v", ts)
	// Iterate until a start lands on entry 3, the second entry of the table spanning 2-3:
	// the first Next lowers dirOffset to that table's index (the trace's start is the
	// offset before it).
	adjusted := false
	for j := 0; j < 6 || !adjusted; j++ {
		s.require(j < 60, "no iteration started in the middle of a table's span")
		_, _, do := s.iterate()
		adjusted = adjusted || do&3 == 3
	}
}

func iterPausedGrowth(s *session) {
	s.makeMap(-1)
	var all []uint64
	for j := 0; j < 5; j++ {
		k := s.keys.Fresh()
		s.set(k)
		all = append(all, k)
	}
	it := s.iterOpen()
	got, _ := s.iterNext(it, 2)
	// The loop's body fills the group (slots the loop has not passed yet), then inserts
	// the 9th key: growToTable; it deletes an unreported key and updates another.
	for s.m().used < 8 {
		k := s.keys.Fresh()
		s.set(k)
		all = append(all, k)
	}
	ninth := s.keys.Fresh()
	s.set(ninth)
	s.require(s.m().dirLen == 1, "9th key: no growToTable")
	// The first five keys sit in slots 0..4; the loop has passed only slots holding the
	// keys it reported (or empty ones), so every other one of them is still ahead of it.
	var ahead []uint64
	for _, k := range all[:5] {
		if !containsKey(got, s.mk.keyJSON(k)) {
			ahead = append(ahead, k)
		}
	}
	victim, upd := ahead[0], ahead[len(ahead)-1]
	s.del(victim)
	s.set(upd, 5555)
	rest := s.iterRest(it, 2)
	// The loop walks the old small group and looks each key up in the table: not the
	// deleted key, not the 9th (only in the table), every other key ahead of it.
	s.require(!containsKey(rest, s.mk.keyJSON(victim)) && !containsKey(rest, s.mk.keyJSON(ninth)),
		"small-map loop across growToTable reported %v", rest)
	for _, k := range ahead[1:] {
		s.require(containsKey(rest, s.mk.keyJSON(k)), "key %d ahead of the loop not reported: %v", k, rest)
	}
	s.iterClose(it)

	// A table loop across two growths.
	for s.table0().capacity < 16 || s.table0().growthLeft > 3 {
		s.set(s.keys.Fresh())
	}
	before := append([]uint64(nil), s.keys.List...)
	it = s.iterOpen()
	s.iterNext(it, 3)
	grows := s.grows
	for s.grows < grows+2 {
		s.set(s.keys.Fresh())
	}
	reported := s.iters[it].reported
	var gone []uint64
	for _, k := range before {
		if !containsKey(reported, s.mk.keyJSON(k)) && len(gone) < 2 {
			gone = append(gone, k)
			s.del(k)
		}
	}
	s.iterNext(it, 4)
	s.set(s.keys.Fresh())
	rest = s.iterRest(it, 5)
	for _, k := range gone {
		s.require(!containsKey(rest, s.mk.keyJSON(k)), "deleted key %d reported", k)
	}
	for _, k := range before {
		if s.keys.Live[k] {
			s.require(containsKey(rest, s.mk.keyJSON(k)), "key %d live since the start not reported", k)
		}
	}
	s.iterClose(it)
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func iterPausedSplit(s *session) {
	s.makeMap(-1)
	for s.table0().capacity < maxTableCapacity || s.table0().growthLeft > 2 {
		s.set(s.keys.Fresh(), 0)
	}
	before := append([]uint64(nil), s.keys.List...)
	it := s.iterOpen()
	s.iterNext(it, 3)
	for s.splits == 0 {
		s.set(s.keys.Fresh(), 0)
	}
	s.require(s.m().dirLen == 2, "split: dirLen %d", s.m().dirLen)
	s.iterNext(it, 5)
	victim := uint64(0)
	for _, k := range before {
		if !containsKey(s.iters[it].reported, s.mk.keyJSON(k)) {
			victim = k
			break
		}
	}
	s.del(victim)
	rest := s.iterRest(it, 400)
	s.require(!containsKey(rest, s.mk.keyJSON(victim)), "deleted key reported")
	for _, k := range before {
		if s.keys.Live[k] {
			s.require(containsKey(rest, s.mk.keyJSON(k)), "key %d live since the start not reported", k)
		}
	}
	s.iterClose(it)
}

// stepUntil advances loop it one key at a time until cond holds for its next position.
func (s *session) stepUntil(it int, what string, cond func(tab *table, g uint64, slot int) bool) {
	for n := 0; ; n++ {
		if tab, g, slot, ok := s.iterPos(it); ok && cond(tab, g, slot) {
			return
		}
		_, end := s.iterNext(it, 1)
		s.require(!end && n < 200, "loop %d ended before %s", it, what)
	}
}

func iterBodyWrites(s *session) {
	s.makeMap(40) // 64 slots
	for j := 0; j < 20; j++ {
		s.set(s.keys.Fresh())
	}
	t := s.t
	// 1. Insert into the slot the loop visits next: an empty slot that is its group's
	// lowest empty one, filled by a key whose probe starts at that group.
	it := s.iterOpen()
	s.iterNext(it, 1)
	var ng uint64
	s.stepUntil(it, "an empty next slot", func(tab *table, g uint64, slot int) bool {
		grp := groupAt(t, tab.groups, g)
		if ctrlAt(grp, slot) != ctrlEmpty {
			return false
		}
		for i := 0; i < slot; i++ {
			if !isFull(ctrlAt(grp, i)) {
				return false
			}
		}
		ng = g
		return true
	})
	k := s.freshInGroup(0, ng)
	s.set(k)
	keys, _ := s.iterNext(it, 1)
	s.require(len(keys) == 1 && keys[0] == s.mk.keyJSON(k), "key inserted at the next position not reported next: %v", keys)
	s.iterRest(it, 50)
	s.iterClose(it)

	// 2. Delete the key the loop visits next.
	it = s.iterOpen()
	s.iterNext(it, 1)
	var next string
	s.stepUntil(it, "a full next slot", func(tab *table, g uint64, slot int) bool {
		grp := groupAt(t, tab.groups, g)
		if !isFull(ctrlAt(grp, slot)) {
			return false
		}
		next = s.mk.slotKeyJSON(slotKey(t, grp, slot))
		return true
	})
	victim := s.keyNumber(next)
	s.del(victim)
	rest := s.iterRest(it, 50)
	s.require(!containsKey(rest, next), "deleted next key %s reported", next)
	s.iterClose(it)

	// 3. Update the key the loop visits next: reported with the new elem.
	it = s.iterOpen()
	s.iterNext(it, 2)
	s.stepUntil(it, "a full next slot", func(tab *table, g uint64, slot int) bool {
		grp := groupAt(t, tab.groups, g)
		if !isFull(ctrlAt(grp, slot)) {
			return false
		}
		next = s.mk.slotKeyJSON(slotKey(t, grp, slot))
		return true
	})
	s.set(s.keyNumber(next), 123456789)
	keys, _ = s.iterNext(it, 1)
	x := iterOf(s.iters[it].it)
	s.require(len(keys) == 1 && keys[0] == next && s.mk.slotElem(x.elem) == 123456789, "updated next key: %v", keys)
	s.iterRest(it, 50)
	s.iterClose(it)

	// 4. The look-ahead: a key found by the group scan moves the loop straight to the
	// next slot that was full then (or to the next group). Holes first: more keys, then
	// in every group holding 3 or more keys the key of slot 1 is deleted (the group has an
	// empty slot: it becomes empty), so that a loop reaching the key of slot 2 finds it by
	// the group scan and jumps past the group's empty slots.
	for j := 0; j < 12; j++ {
		s.set(s.keys.Fresh())
	}
	tab := s.m().directoryAt(0)
	// fullLow counts the full slots among 0-2 of group g; a group can take the hole when all
	// three are full and slot 7 is empty (so that the delete leaves an empty slot, not a tombstone).
	fullLow := func(g uint64) int {
		grp, n := groupAt(t, tab.groups, g), 0
		for i := 0; i < 3; i++ {
			if isFull(ctrlAt(grp, i)) {
				n++
			}
		}
		return n
	}
	holeable := func(g uint64) bool {
		return fullLow(g) == 3 && ctrlAt(groupAt(t, tab.groups, g), 7) == ctrlEmpty
	}
	// The hash seed is the runtime's own draw: now and then (about 1 run in 600) no group can
	// take the hole. Then the fullest group with slot 7 empty gets keys whose probe starts there;
	// each fills the group's lowest empty slot, one of 0-2, so three inserts at most suffice.
	for n := 0; ; n++ {
		best, bestFull := uint64(0), -1
		for g := uint64(0); g <= tab.groups.lengthMask; g++ {
			if ctrlAt(groupAt(t, tab.groups, g), 7) == ctrlEmpty && fullLow(g) > bestFull {
				best, bestFull = g, fullLow(g)
			}
		}
		s.require(bestFull >= 0, "no group with an empty last slot")
		if bestFull == 3 {
			break
		}
		s.require(n < 3, "three inserts did not fill slots 0-2 of group %d", best)
		s.set(s.freshInGroup(0, best))
	}
	s.require(s.grows == 0 && s.m().directoryAt(0) == tab, "the map grew while groups were filled")
	for g := uint64(0); g <= tab.groups.lengthMask; g++ {
		if holeable(g) {
			s.del(s.keyNumber(s.mk.slotKeyJSON(slotKey(t, groupAt(t, tab.groups, g), 1))))
		}
	}
	for attempt := 0; ; attempt++ {
		s.require(attempt < 10, "no loop stood before a jump over an empty slot")
		if s.lookAheadSkip() {
			break
		}
	}
}

// lookAheadSkip opens a loop and steps it until it stands on a key whose next position
// lies more than one slot ahead, with an empty slot of the same group in between; then
// the body inserts keys whose probe starts at that group until one lands in between: the
// loop never reports it. Returns false (loop closed) if no such position came up.
func (s *session) lookAheadSkip() bool {
	t := s.t
	it := s.iterOpen()
	s.iterNext(it, 1)
	for {
		x := iterOf(s.iters[it].it)
		tab := x.tab
		mask := uint64(tab.capacity) - 1
		off := uintptr(x.key) - uintptr(tab.groups.data)
		g := uint64(off / t.groupSize)
		phys := g*groupSlots + uint64((off%t.groupSize-groupSlotsOffset)/t.slotSize)
		logical := func(p uint64) uint64 { return (p - x.entryOffset) & mask }
		cur, nxt := logical(phys), x.entryIdx
		between := false
		grp := groupAt(t, tab.groups, g)
		for i := 0; i < groupSlots; i++ {
			if le := logical(g*groupSlots + uint64(i)); ctrlAt(grp, i) == ctrlEmpty && cur < le && le < nxt {
				between = true
			}
		}
		if nxt > cur+1 && between {
			var skipped []string
			for n := 0; n < groupSlots && len(skipped) == 0; n++ {
				k := s.freshInGroup(0, g)
				s.set(k)
				kg, ks := s.slotOf(k)
				if le := logical(kg*groupSlots + uint64(ks)); kg == g && cur < le && le < nxt {
					skipped = append(skipped, s.mk.keyJSON(k))
				}
			}
			s.require(len(skipped) == 1 && s.grows == 0, "no insert landed between the loop's key and its next position")
			rest := s.iterRest(it, 50)
			s.require(!containsKey(rest, skipped[0]), "key %s inserted behind the loop's look-ahead was reported", skipped[0])
			s.iterClose(it)
			return true
		}
		if _, end := s.iterNext(it, 1); end {
			s.iterClose(it)
			return false
		}
	}
}

// keyNumber returns the live key number whose JSON is j.
func (s *session) keyNumber(j string) uint64 {
	for _, k := range s.keys.List {
		if s.mk.keyJSON(k) == j {
			return k
		}
	}
	s.failf("no live key %s", j)
	return 0
}

func sameIDs(got []string, want ...string) bool { return fmt.Sprint(got) == fmt.Sprint(want) }

func gcGrowth(s *session) {
	s.makeMap(-1)
	s.set(s.keys.Fresh())
	s.require(sameIDs(s.gc()), "gc freed something of a live small map")
	for s.m().used < 8 {
		s.set(s.keys.Fresh())
	}
	s.set(s.keys.List[0], 1) // growToTable
	ids := s.gc()
	s.require(sameIDs(ids, "groups#0"), "gc after growToTable freed %v, want [groups#0]", ids)
	grows := s.grows
	for s.grows == grows {
		s.set(s.keys.Fresh())
	}
	ids = s.gc()
	s.require(sameIDs(ids, "table#0", "groups#1"), "gc after a growth freed %v", ids)
	// A loop open across a growth keeps its table and groups alive until it finishes.
	it := s.iterOpen()
	s.iterNext(it, 2)
	grows = s.grows
	for s.grows == grows {
		s.set(s.keys.Fresh())
	}
	ids = s.gc()
	s.require(sameIDs(ids), "gc with a loop open on the old table freed %v", ids)
	s.iterRest(it, 7)
	ids = s.gc()
	s.require(sameIDs(ids, "table#1", "groups#2"), "gc after the loop finished freed %v", ids)
	s.iterClose(it)
	ids = s.gc()
	s.require(sameIDs(ids), "gc after iter-close freed %v", ids)
	s.clear()
	ids = s.gc()
	s.require(sameIDs(ids), "gc after clear freed %v", ids)
}

func gcSmallIter(s *session) {
	s.makeMap(-1)
	for j := 0; j < 5; j++ {
		s.set(s.keys.Fresh())
	}
	it := s.iterOpen()
	s.iterNext(it, 2)
	for s.m().dirLen == 0 {
		s.set(s.keys.Fresh())
	}
	ids := s.gc()
	s.require(sameIDs(ids), "gc with a small-map loop open freed %v", ids)
	s.iterRest(it, 2)
	ids = s.gc()
	s.require(sameIDs(ids), "gc after the small-map loop finished freed %v (it.group keeps the group)", ids)
	s.iterClose(it)
	ids = s.gc()
	s.require(sameIDs(ids, "groups#0"), "gc after iter-close freed %v", ids)
}

// iterClear: the loop keeps its group or table across a clear (clearSeq matters only for
// keys not equal to themselves) and reports new keys at positions still ahead of it.
func iterClear(s *session) {
	s.makeMap(-1)
	for j := 0; j < 6; j++ {
		s.set(s.keys.Fresh())
	}
	for round := 0; round < 2; round++ {
		if round == 1 {
			for s.m().dirLen == 0 || s.table0().capacity < 32 {
				s.set(s.keys.Fresh())
			}
		}
		it := s.iterOpen()
		s.iterNext(it, 3)
		s.clear()
		x := iterOf(s.iters[it].it)
		var ahead, behind []string
		for j := 0; j < 5; j++ {
			k := s.keys.Fresh()
			s.set(k)
			// Logical position of the new key in the loop's walk.
			var le uint64
			if s.m().dirLen == 0 {
				_, sl := s.smallSlotOf(k)
				le = (uint64(sl) - x.entryOffset) % groupSlots
			} else {
				g, sl := s.slotOf(k)
				le = (g*groupSlots + uint64(sl) - x.entryOffset) & (uint64(x.tab.capacity) - 1)
			}
			if le >= x.entryIdx {
				ahead = append(ahead, s.mk.keyJSON(k))
			} else {
				behind = append(behind, s.mk.keyJSON(k))
			}
		}
		before := len(s.iters[it].reported)
		all := s.iterRest(it, 3)
		after := all[before:]
		s.require(sameSet(after, ahead), "loop across clear reported %v, want the new keys ahead of it %v (behind: %v)", after, ahead, behind)
		s.iterClose(it)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !containsKey(b, x) {
			return false
		}
	}
	return true
}

// smallSlotOf returns the slot of key k in the small group.
func (s *session) smallSlotOf(k uint64) (uint64, int) {
	m := s.m()
	for i := 0; i < groupSlots; i++ {
		if isFull(ctrlAt(m.dirPtr, i)) && s.mk.keyIs(k, slotKey(s.t, m.dirPtr, i)) {
			return 0, i
		}
	}
	s.failf("key %d not in the small group", k)
	return 0, 0
}

func gcIterKeyGroups(s *session) {
	s.makeMap(-1)
	for s.m().dirLen == 0 || s.table0().capacity < 32 {
		s.set(s.keys.Fresh())
	}
	ids := s.gc()
	s.require(sameIDs(ids, "table#0", "groups#0", "groups#1"), "gc once the map reached 32 slots freed %v", ids)
	// The loop walks table#1 (groups#2) from now on.
	it := s.iterOpen()
	s.iterNext(it, 2)
	for s.table0().capacity < 64 {
		s.set(s.keys.Fresh())
	}
	// The next key is looked up in table#2: the loop's key points into groups#3.
	s.iterNext(it, 1)
	for s.table0().capacity < 128 {
		s.set(s.keys.Fresh())
	}
	ids = s.gc()
	s.require(sameIDs(ids, "table#2"), "gc with the loop's key in groups#3 freed %v, want [table#2]", ids)
	s.iterNext(it, 1) // now looked up in table#3: its key points into groups#4
	ids = s.gc()
	s.require(sameIDs(ids, "groups#3"), "gc after the loop's key moved on freed %v, want [groups#3]", ids)
	s.iterRest(it, 10)
	ids = s.gc()
	s.require(sameIDs(ids, "table#1", "groups#2"), "gc after the loop finished freed %v", ids)
	s.iterClose(it)
	ids = s.gc()
	s.require(sameIDs(ids), "gc after iter-close freed %v", ids)
}

func randomMix(s *session) {
	s.makeMap(-1)
	for n := 0; n < 3000; n++ {
		k := uint64(s.rng.Intn(700))
		switch r := s.rng.Intn(1000); {
		case r < 450:
			s.set(k)
		case r < 750:
			s.del(k)
		case r < 980:
			s.get(k)
		case r < 997:
			s.iterate()
		default:
			s.clear()
		}
	}
}

func hintWorkload(s *session, h int) {
	s.makeMap(h)
	s.lines.KeepAfter(s.after)
	for j := 0; j < hint2keys(h); j++ {
		s.set(uint64(s.rng.Int63()))
	}
	if h <= 8 {
		s.require(s.growToTables == 1, "hint %d: growToTables %d", h, s.growToTables)
	}
}

var _ = unsafe.Pointer(nil)
