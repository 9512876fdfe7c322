//go:build go1.24

package main

// A session records one workload: it applies each operation to the real map, records the
// hash under the seed in force before the operation, reads the state afterwards, and
// writes one JSON line per operation (docs/trace-format.md, engine "swiss").

import (
	"bufio"
	"fmt"
	"maplab/oracle/internal/cli"
	"maplab/oracle/internal/tracekit"
	"math/rand"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"unsafe"
)

// afterMode is cli's; what "sparse" means is this engine's.
type afterMode = cli.AfterMode

const (
	afterAll    = cli.AfterAll
	afterNone   = cli.AfterNone
	afterFinal  = cli.AfterFinal
	afterSparse = cli.AfterSparse // first and last line, and where dirLen, globalDepth, a table's capacity or used==0 changed, and at clear
)

// iterState is one paused range loop.
type iterState struct {
	it       *reflect.MapIter
	pending  bool // the first key (found by the start) is not reported yet
	ended    bool // the iterator has reached the end (its key is nil)
	finished bool // the end has been reported (the empty iter-next line)
	reported []string
}

type session struct {
	name   string
	w      *bufio.Writer
	mk     mapKind
	t      *mapType
	alloc  *allocTracker
	mode   afterMode
	forced bool // the workload uses iter-* or gc: "after" on every line
	rng    *rand.Rand

	i         int            // index of the next operation
	lines     tracekit.Lines // the last line, written once the next one (or finish) comes
	prev      summary
	prevCaps  string
	maxDirLen int
	maxDepth  uint8

	keys     tracekit.Keys // the keys the workload believes are in the map
	iters    map[int]*iterState
	nextIter int
	// lastNew counts the allocations of the last operation, per kind.
	lastNew [nKinds]int
	// What the sets did (predict.go).
	grows, splits, prunes, pruneFailed, reuses, growToTables int
}

func (s *session) failf(format string, args ...any) {
	panic(tracekit.Failure{Msg: fmt.Sprintf(format, args...)})
}

func (s *session) require(ok bool, format string, args ...any) {
	if !ok {
		s.failf(format, args...)
	}
}

func (s *session) m() *swissMap { return mapOf(s.mk.iface()) }

func (s *session) sum() summary { return readSummary(s.m()) }

func (s *session) tables() []tableShape { return shapes(s.m()) }

func (s *session) header() {
	t := s.t
	fmt.Fprintf(s.w, `{"format":"maplab-trace","version":1,"engine":"swiss","go":%s,"goarch":%s,"keyType":%s,"elemType":%s,"keySize":%d,"elemSize":%d,"indirectKey":%t,"indirectElem":%t,"slotSize":%d,"groupSize":%d,"workload":%s}`+"\n",
		tracekit.StrJSON(runtime.Version()), tracekit.StrJSON(runtime.GOARCH), tracekit.StrJSON(s.mk.keyType()), tracekit.StrJSON(s.mk.elemType()),
		t.keySlotSize(), t.elemSlotSize(), t.indirectKey(), t.indirectElem(), t.slotSize, t.groupSize, tracekit.StrJSON(s.name))
}

func capsOf(m *swissMap) string {
	var sb strings.Builder
	for _, t := range distinctTables(m) {
		sb.WriteString(strconv.Itoa(int(t.capacity)))
		sb.WriteByte(',')
	}
	return sb.String()
}

// emit finishes operation s.i: checks the structure, records allocations, and writes the
// line (held back one line so that the last one can get its "after").
func (s *session) emit(op, fields string) {
	m := s.m()
	if err := checkStructure(s.mk, s.t, m); err != nil {
		s.failf("after op %d (%s): %v", s.i, op, err)
	}
	s.alloc.observe(m)
	s.lastNew = s.alloc.newThisOp
	cur := readSummary(m)
	caps := capsOf(m)
	if cur.dirLen > s.maxDirLen {
		s.maxDirLen = cur.dirLen
	}
	if cur.globalDepth > s.maxDepth {
		s.maxDepth = cur.globalDepth
	}
	if !hasTombstonePossible {
		s.require(!cur.tombstonePossible, "tombstonePossible in a version without the field")
	}

	want := false
	switch {
	case s.forced || s.mode == afterAll:
		want = true
	case s.mode == afterSparse:
		want = s.i == 0 || op == "clear" || cur.dirLen != s.prev.dirLen || cur.globalDepth != s.prev.globalDepth ||
			caps != s.prevCaps || (cur.used == 0) != (s.prev.used == 0)
	}
	var after func() string
	if want {
		after = s.after
	}
	s.lines.HoldOp(s.i, op, fields, cur.json(), after)
	s.prev, s.prevCaps = cur, caps
	s.i++
}

func (s *session) after() string { return afterJSON(s.mk, s.t, s.m(), s.alloc.tableID) }

func (s *session) finish() {
	if s.mode != afterNone {
		s.lines.KeepAfter(s.after)
	}
	s.lines.Flush()
}

func (s *session) hash(k uint64) uint64 { return s.mk.hashKey(s.t, k, s.m().seed) }

// freshWhere returns a fresh key whose hash under the current seed satisfies ok (a key
// chosen by its hash: reproducible given the seed).
func (s *session) freshWhere(what string, ok func(h uint64) bool) uint64 {
	for tries := 0; tries < 1<<22; tries++ {
		k := s.keys.Fresh()
		if ok(s.hash(k)) {
			return k
		}
	}
	s.failf("no fresh key found for %s", what)
	return 0
}

// freshInGroup returns a fresh key whose probe sequence starts at group g of the table at
// directory index d (a table of the current map).
func (s *session) freshInGroup(d int, g uint64) uint64 {
	m := s.m()
	s.require(m.dirLen > 0, "freshInGroup on a small map")
	mask := m.directoryAt(d).groups.lengthMask
	tab := m.directoryAt(d)
	return s.freshWhere(fmt.Sprintf("group %d of directory[%d]", g, d), func(h uint64) bool {
		return m.directoryAt(m.directoryIndex(h)) == tab && h1(h)&mask == g
	})
}

// freshInDir returns a fresh key whose hash selects directory entry d.
func (s *session) freshInDir(d int) uint64 {
	m := s.m()
	tab := m.directoryAt(d)
	return s.freshWhere(fmt.Sprintf("directory[%d]", d), func(h uint64) bool {
		return m.directoryAt(m.directoryIndex(h)) == tab
	})
}

func (s *session) randomLive() uint64 {
	s.require(len(s.keys.List) > 0, "randomLive: the map is empty")
	return s.keys.List[s.rng.Intn(len(s.keys.List))]
}

// ---- operations ----

func (s *session) hashField(k uint64) string {
	return fmt.Sprintf(`"key":%s,"hash":"0x%016x"`, s.mk.keyJSON(k), s.hash(k))
}

func (s *session) makeMap(hint int) {
	s.require(s.i == 0, "make must be the first operation")
	s.mk.newMap(hint)
	s.t = mapTypeOf(s.mk.iface())
	s.alloc = newAllocTracker()
	s.emit("make", `"hint":`+strconv.Itoa(hint))
	s.checkMake(hint)
}

// checkMake asserts NewMap's layout for a hint (docs/go-map-swiss.md §4).
func (s *session) checkMake(hint int) {
	m := s.m()
	s.require(m.used == 0 && m.clearSeq == 0, "make: used %d clearSeq %d", m.used, m.clearSeq)
	if hint <= groupSlots {
		s.require(m.dirPtr == nil && m.dirLen == 0, "make(%d): dirPtr %v dirLen %d, want no allocation", hint, m.dirPtr != nil, m.dirLen)
		return
	}
	target := hint * groupSlots / maxAvgGroupLoad
	dirSize := 1
	for dirSize*maxTableCapacity < target {
		dirSize *= 2
	}
	capacity := groupSlots
	for capacity < target/dirSize {
		capacity *= 2
	}
	s.require(m.dirLen == dirSize, "make(%d): dirLen %d, want %d", hint, m.dirLen, dirSize)
	for j, t := range s.tables() {
		s.require(t.capacity == capacity && t.index == j && t.localDepth == int(m.globalDepth) &&
			t.growthLeft == int(maxGrowthLeft(uint16(capacity))),
			"make(%d): table %d %+v, want capacity %d", hint, j, t, capacity)
	}
}

// set does m[k] = v (v defaults to the operation index).
func (s *session) set(k uint64, v ...uint64) {
	e := uint64(s.i)
	if len(v) > 0 {
		e = v[0]
	}
	fields := s.hashField(k) + `,"elem":` + s.mk.elemJSON(e)
	p := s.predictSet(k)
	before := s.sum()
	s.mk.set(k, e)
	s.keys.Add(k)
	s.checkSet(k, p, before)
	if v, ok := s.mk.get(k); !ok || v != e {
		s.failf("set %d: reads back %d, %v", k, v, ok)
	}
	s.emit("set", fields)
}

func (s *session) del(k uint64) {
	fields := s.hashField(k)
	s.mk.del(k)
	s.keys.Remove(k)
	s.emit("delete", fields)
}

func (s *session) get(k uint64) bool {
	fields := s.hashField(k)
	_, found := s.mk.get(k)
	s.require(found == s.keys.Live[k], "get %d: found=%v but the workload expects %v", k, found, s.keys.Live[k])
	s.emit("get", fields+`,"found":`+strconv.FormatBool(found))
	return found
}

// clear runs clear(m) (runtime.mapclear) and asserts what Map.Clear does per version:
// an early return when used == 0 (1.24) or when used == 0 and !tombstonePossible (1.25+);
// otherwise clearSeq+1, a new seed, every table emptied with growthLeft at its maximum,
// and the directory, capacities and allocations kept.
func (s *session) clear() {
	m := s.m()
	before := s.sum()
	tombs := 0
	for _, t := range s.tables() {
		tombs += t.tombstones
	}
	capsBefore := capsOf(m)
	early := before.used == 0 && (clearEarlyReturnIgnoresTombstones || !before.tombstonePossible)
	s.mk.clear()
	s.keys.Reset()
	after := s.sum()
	if early {
		s.require(after == before, "clear of an empty map (tombstones %d) changed the map: %+v -> %+v", tombs, before, after)
	} else {
		s.require(after.used == 0 && after.clearSeq == before.clearSeq+1 && after.seed != before.seed &&
			after.dirLen == before.dirLen && after.globalDepth == before.globalDepth && !after.tombstonePossible,
			"clear: %+v -> %+v", before, after)
		for _, t := range s.tables() {
			s.require(t.used == 0 && t.growthLeft == int(maxGrowthLeft(uint16(t.capacity))), "clear left table %+v", t)
		}
		s.require(capsOf(m) == capsBefore, "clear changed table capacities %s -> %s", capsBefore, capsOf(m))
	}
	s.emit("clear", "")
	s.require(s.lastNew == [nKinds]int{}, "clear allocated %v", s.lastNew)
}

func (s *session) keyAt(p unsafe.Pointer) string { return s.mk.slotKeyJSON(p) }

func startJSON(eo, do uint64) string {
	return fmt.Sprintf(`"start":{"entryOffset":"%d","dirOffset":"%d"}`, eo, do)
}

// iterate is a full range loop with no writes inside; returns the keys it produced and
// the start offsets.
func (s *session) iterate() ([]string, uint64, uint64) {
	it, eo, do, err := startIter(s.mk.iface(), s.t, s.m())
	if err != nil {
		s.failf("op %d: %v", s.i, err)
	}
	var keys []string
	seen := map[string]bool{}
	for iterOf(it).key != nil {
		k := s.keyAt(iterOf(it).key)
		s.require(!seen[k], "iterate produced %s twice", k)
		seen[k] = true
		keys = append(keys, k)
		it.Next()
	}
	it.Reset(reflect.Value{}) // the loop is over: nothing refers to its tables
	s.require(len(keys) == s.mk.length(), "iterate produced %d keys, len is %d", len(keys), s.mk.length())
	s.emit("iterate", startJSON(eo, do)+`,"order":[`+strings.Join(keys, ",")+`]`)
	return keys, eo, do
}

// iterOpen starts a paused range loop (Init and the first Next, which finds the first
// key) and returns its number.
func (s *session) iterOpen() int {
	id := s.nextIter
	s.nextIter++
	it, eo, do, err := startIter(s.mk.iface(), s.t, s.m())
	if err != nil {
		s.failf("op %d: %v", s.i, err)
	}
	st := &iterState{it: it}
	if iterOf(it).key != nil {
		st.pending = true
	} else {
		st.ended = true
	}
	s.iters[id] = st
	s.emit("iter-open", `"it":`+strconv.Itoa(id)+`,`+startJSON(eo, do))
	return id
}

// iterNext lets loop id produce up to n keys: the pending first key, then one Iter.Next
// per further key. The loop then stands on the last key it reported (the next one is not
// looked for yet). Returns the keys and whether the loop has ended; a step that reaches the
// end after some keys is followed at once by the empty iter-next line.
func (s *session) iterNext(id, n int) ([]string, bool) {
	st := s.iters[id]
	s.require(st != nil, "iter-next on unknown iterator %d", id)
	s.require(!st.finished, "iter-next on iterator %d after its end", id)
	var keys []string
	end := false
	if st.pending {
		keys = append(keys, s.keyAt(iterOf(st.it).key))
		st.pending = false
	}
	for len(keys) < n {
		if !st.ended {
			st.it.Next() // runtime.mapIterNext
			st.ended = iterOf(st.it).key == nil
		}
		if st.ended {
			end = true
			break
		}
		keys = append(keys, s.keyAt(iterOf(st.it).key))
	}
	if len(keys) == 0 && st.ended {
		end = true
	}
	for _, k := range keys {
		for _, r := range st.reported {
			s.require(r != k, "iterator %d reported %s twice", id, k)
		}
	}
	st.reported = append(st.reported, keys...)
	st.finished = end
	s.emit("iter-next", `"it":`+strconv.Itoa(id)+`,"keys":[`+strings.Join(keys, ",")+`]`)
	if end && len(keys) > 0 {
		s.emit("iter-next", `"it":`+strconv.Itoa(id)+`,"keys":[]`)
	}
	return keys, end
}

// iterRest runs loop id to its end, n keys per step; returns every key reported by it.
func (s *session) iterRest(id, n int) []string {
	for {
		if _, end := s.iterNext(id, n); end {
			return s.iters[id].reported
		}
	}
}

func (s *session) iterClose(id int) {
	st := s.iters[id]
	s.require(st != nil, "iter-close on unknown iterator %d", id)
	st.it.Reset(reflect.Value{}) // drop the Iter's references, as a left loop does
	delete(s.iters, id)
	s.emit("iter-close", `"it":`+strconv.Itoa(id))
}

// iterPos is where loop id will look next: the table it walks, and that table's group
// and slot of its next entry (ok false when it is past its table or stands on a small map).
func (s *session) iterPos(id int) (tab *table, group uint64, slot int, ok bool) {
	x := iterOf(s.iters[id].it)
	if x.dirIdx < 0 || x.tab == nil {
		return nil, 0, 0, false
	}
	mask := uint64(x.tab.capacity) - 1
	if x.entryIdx > mask {
		return x.tab, 0, 0, false
	}
	e := (x.entryIdx + x.entryOffset) & mask
	return x.tab, e >> 3, int(e & 7), true
}

func (s *session) gc() []string {
	ids, err := s.alloc.gc()
	if err != nil {
		s.failf("op %d: %v", s.i, err)
	}
	q := make([]string, len(ids))
	for j, id := range ids {
		q[j] = `"` + id + `"`
	}
	s.emit("gc", `"freed":[`+strings.Join(q, ",")+`]`)
	return ids
}
