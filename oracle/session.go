//go:build !go1.24

package main

// A session records one workload: it applies each operation to the real map,
// records the hash under the seed in force before the operation, reads the state
// afterwards, and writes one JSON line per operation (../docs/trace-format.md).

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
)

// afterMode is cli's; what "sparse" means is this engine's.
type afterMode = cli.AfterMode

const (
	afterAll    = cli.AfterAll
	afterNone   = cli.AfterNone
	afterFinal  = cli.AfterFinal
	afterSparse = cli.AfterSparse // where B, growth, noverflow, seed or count==0 changed (small maps), and the last line
)

// iterState is a paused range loop (see startIter).
type iterState struct {
	it       *reflect.MapIter
	first    bool   // the start found the first key, which no step has reported yet
	firstKey string // its JSON, read right after mapiterinit
	atEnd    bool   // the iterator has found the end (hiter.key == nil)
	ended    bool   // the end was reported (the empty iter-next is written)
	produced int    // keys reported so far

	// For Go's iteration guarantee: the keys present at the start, keys deleted
	// during the loop (ever, and still), how often each key was produced, and
	// whether a clear ran (then Go 1.19 yields stale keys, issue 59411).
	atOpen  map[string]bool
	gone    map[string]bool
	deleted map[string]bool
	seen    map[string]int
	cleared bool
}

type session struct {
	name   string
	w      *bufio.Writer
	mk     mapKind
	t      *maptype
	alloc  *allocTracker
	mode   afterMode
	forced bool // the workload uses iter-* or gc: "after" on every line
	// sparseMaxBuckets bounds the arrays (2^B) whose state sparse mode writes, except on the last line.
	sparseMaxBuckets int
	rng              *rand.Rand

	i       int            // index of the next operation
	lines   tracekit.Lines // the last line, written once the next one (or finish) comes
	prev    summary
	maxB    uint8
	sawSame bool // sameSizeGrow was observed after some operation

	keys     tracekit.Keys // the keys the workload believes are in the map
	iters    map[int]*iterState
	nextIter int
}

func (s *session) failf(format string, args ...any) {
	panic(tracekit.Failure{Msg: fmt.Sprintf(format, args...)})
}

func (s *session) require(ok bool, format string, args ...any) {
	if !ok {
		s.failf(format, args...)
	}
}

func (s *session) h() *hmap { return hmapOf(s.mk.iface()) }

func (s *session) sum() summary { return readSummary(s.h()) }

// header writes the trace's first line.
func (s *session) header() {
	t := s.t
	fmt.Fprintf(s.w, `{"format":"maplab-trace","version":1,"engine":"classic","go":%s,"goarch":%s,"keyType":%s,"elemType":%s,"keySize":%d,"elemSize":%d,"indirectKey":%t,"indirectElem":%t,"bucketSize":%d,"workload":%s}`+"\n",
		tracekit.StrJSON(runtime.Version()), tracekit.StrJSON(runtime.GOARCH), tracekit.StrJSON(s.mk.keyType()), tracekit.StrJSON(s.mk.elemType()),
		t.keysize, t.elemsize, t.indirectKey(), t.indirectElem(), t.bucketsize, tracekit.StrJSON(s.name))
}

// emit finishes operation s.i: checks the structure, records allocations, and
// writes the line (held back one line so the last one can get its "after").
func (s *session) emit(op, fields string) {
	h := s.h()
	if err := checkStructure(s.mk, s.t, h); err != nil {
		s.failf("after op %d (%s): %v", s.i, op, err)
	}
	if err := s.alloc.observe(h); err != nil {
		s.failf("after op %d (%s): %v", s.i, op, err)
	}
	cur := readSummary(h)
	if cur.B > s.maxB {
		s.maxB = cur.B
	}
	if cur.sameSizeGrow {
		s.sawSame = true
	}
	s.require(cur.B < 16, "B reached %d: trace format version 1 keeps B < 16", cur.B)
	s.require(cur.flags&flagHashWriting == 0, "hashWriting set outside an operation")

	want := false
	switch {
	case s.forced || s.mode == afterAll:
		want = true
	case s.mode == afterSparse:
		changed := s.i == 0 || op == "clear" || cur.B != s.prev.B || cur.growing != s.prev.growing ||
			cur.sameSizeGrow != s.prev.sameSizeGrow || cur.noverflow != s.prev.noverflow ||
			cur.hash0 != s.prev.hash0 || (cur.count == 0) != (s.prev.count == 0)
		want = changed && 1<<cur.B <= s.sparseMaxBuckets
	}
	var after func() string
	if want {
		after = s.after
	}
	s.lines.HoldOp(s.i, op, fields, cur.json(), after)
	s.prev = cur
	s.i++
}

func (s *session) after() string {
	a, err := afterJSON(s.mk, s.t, s.h())
	if err != nil {
		s.failf("op %d: %v", s.i, err)
	}
	return a
}

// finish writes the held last line, with "after" unless the mode is none.
func (s *session) finish() {
	if s.mode != afterNone {
		s.lines.KeepAfter(s.after)
	}
	s.lines.Flush()
}

// freshIn returns a fresh key number whose hash under the current seed falls in
// bucket b of a 2^B array (a key chosen by its hash: reproducible given the seed).
func (s *session) freshIn(b uint64, B uint8) uint64 {
	h := s.h()
	for tries := 0; tries < 1<<20; tries++ {
		k := s.keys.Fresh()
		if s.mk.hashKey(s.t, k, h.hash0)&(1<<B-1) == b {
			return k
		}
	}
	s.failf("no key found for bucket %d of %d", b, 1<<B)
	return 0
}

// randomLive returns a random key believed live (the workload keeps this set in step with the map).
func (s *session) randomLive() uint64 {
	s.require(len(s.keys.List) > 0, "randomLive: the map is empty")
	return s.keys.List[s.rng.Intn(len(s.keys.List))]
}

// bucketOf returns the bucket index of key k under the current seed and B.
func (s *session) bucketOf(k uint64) uint64 {
	h := s.h()
	return s.mk.hashKey(s.t, k, h.hash0) & (1<<h.B - 1)
}

// ---- operations ----

func (s *session) hashField(k uint64) string {
	return fmt.Sprintf(`"key":%s,"hash":"0x%016x"`, s.mk.keyJSON(k), s.mk.hashKey(s.t, k, s.h().hash0))
}

func (s *session) makeMap(hint int) {
	s.require(s.i == 0, "make must be the first operation")
	s.mk.newMap(hint)
	s.t = mapTypeOf(s.mk.iface())
	s.alloc = newAllocTracker(s.t)
	s.emit("make", `"hint":`+strconv.Itoa(hint))
	if hint > 8 {
		// makemap's B: the smallest with !overLoadFactor(hint, B).
		B := uint8(0)
		for hint > 8 && uintptr(hint) > loadFactorNum*((uintptr(1)<<B)/2) {
			B++
		}
		s.require(s.h().B == B, "make(%d): B=%d, want %d (loadFactorNum %d)", hint, s.h().B, B, loadFactorNum)
	}
}

// set does m[k] = v (v defaults to the operation index when omitted).
func (s *session) set(k uint64, v ...uint64) {
	e := uint64(s.i)
	if len(v) > 0 {
		e = v[0]
	}
	fields := s.hashField(k) + `,"elem":` + s.mk.elemJSON(e)
	if !s.keys.Live[k] {
		s.loopsSawInsert(k)
	}
	s.mk.set(k, e)
	s.keys.Add(k)
	s.emit("set", fields)
}

func (s *session) del(k uint64) {
	fields := s.hashField(k)
	if s.keys.Live[k] {
		s.loopsSawDelete(k)
	}
	s.mk.del(k)
	s.keys.Remove(k)
	s.emit("delete", fields)
}

func (s *session) get(k uint64) bool {
	fields := s.hashField(k)
	found := s.mk.get(k)
	s.require(found == s.keys.Live[k], "get %d: found=%v but the workload expects %v", k, found, s.keys.Live[k])
	s.emit("get", fields+`,"found":`+strconv.FormatBool(found))
	return found
}

func (s *session) clear() {
	before := s.sum()
	s.mk.clear()
	s.loopsSawClear()
	s.keys.Reset()
	after := s.sum()
	// mapclear resets noverflow and nevacuate and drops the old array; the plain
	// delete loop (if the Go 1.19 idiom were not compiled to mapclear) would not.
	s.require(after.count == 0 && after.noverflow == 0 && after.nevacuate == 0 && !after.growing && after.B == before.B,
		"clear (%s) did not behave like runtime.mapclear: before %+v after %+v", clearKind, before, after)
	s.require((before.count == 0) == (after.hash0 == before.hash0), "clear: reseed expected exactly when the map was non-empty")
	s.emit("clear", "")
}

// A paused loop (iter-open / iter-next / iter-close) is paused inside the body of
// the last key it reported: a compiled `for k := range m` calls mapiternext only
// when the body ends, so the next key is looked for after whatever the body wrote
// (../docs/trace-format.md, "A paused loop is paused inside the body").
//
//   - iter-open runs mapiterinit (reflect.MapIter's first Next), which finds the
//     first key k1; no other key is looked for.
//   - iter-next of n keys reports k1 first if it is still pending (first step only),
//     then advances (mapiternext, a later Next) once per further key, reporting each
//     key as it is found, until it has n keys or finds the end. The loop then stands
//     on the last key reported, and the next key is not looked for yet.
//   - A step that finds the end after reporting keys is followed at once by an empty
//     iter-next; a step that finds the end before any key is itself that empty line.
//
// Each key is read from hiter.key right after the advance that found it, as the
// loop copies it into k before its body runs.

// startIter runs mapiterinit through reflect.MapIter (its first Next) and returns
// the start the runtime drew. The first key, if any, is pending.
func (s *session) startIter() (*iterState, string) {
	it := reflect.ValueOf(s.mk.iface()).MapRange()
	st := &iterState{it: it}
	ok := it.Next()
	hi := hiterOf(it)
	start := fmt.Sprintf(`"start":{"bucket":%d,"offset":%d}`, hi.startBucket, hi.offset)
	if ok {
		st.first = true
		st.firstKey = s.mk.slotKeyJSON(hi.key)
	} else {
		st.atEnd = true
	}
	return st, start
}

// advance runs one mapiternext and returns the key it found, or false at the end.
func (s *session) advance(st *iterState) (string, bool) {
	s.require(!st.atEnd, "advance past the end of a loop")
	if !st.it.Next() {
		st.atEnd = true
		return "", false
	}
	return s.mk.slotKeyJSON(hiterOf(st.it).key), true
}

// step lets the loop report up to n keys: the pending first key, then one advance
// per further key, stopping at the end.
func (s *session) step(st *iterState, n int) []string {
	var keys []string
	for len(keys) < n {
		if st.first {
			st.first = false
			keys = append(keys, st.firstKey)
			continue
		}
		if st.atEnd {
			break // only when the start found no key
		}
		k, ok := s.advance(st)
		if !ok {
			break
		}
		keys = append(keys, k)
	}
	return keys
}

// iterate is a full range loop with no writes inside; returns the number of keys.
func (s *session) iterate() int {
	st, start := s.startIter()
	var keys []string
	for {
		k := s.step(st, 1)
		if len(k) == 0 {
			break
		}
		keys = append(keys, k[0])
	}
	st.it.Reset(reflect.Value{}) // the loop is over: nothing refers to its buckets
	s.require(len(keys) == s.h().count, "iterate produced %d keys, count is %d", len(keys), s.h().count)
	want := s.liveKeysJSON()
	for _, k := range keys {
		s.require(want[k], "iterate produced %s, which the workload does not hold", k)
		delete(want, k) // also catches a key produced twice
	}
	s.emit("iterate", start+`,"order":[`+strings.Join(keys, ",")+`]`)
	return len(keys)
}

// iterOpen starts a paused range loop and returns its number.
func (s *session) iterOpen() int {
	id := s.nextIter
	s.nextIter++
	st, start := s.startIter()
	st.atOpen = s.liveKeysJSON()
	st.gone, st.deleted, st.seen = map[string]bool{}, map[string]bool{}, map[string]int{}
	s.iters[id] = st
	s.emit("iter-open", `"it":`+strconv.Itoa(id)+`,`+start)
	return id
}

// iterStep lets loop id report up to n keys (n >= 1) and writes the iter-next line,
// then the empty one if the step found the end after reporting keys. It returns
// the keys and whether the loop has ended.
func (s *session) iterStep(id, n int) ([]string, bool) {
	st := s.iters[id]
	s.require(st != nil, "iter-next on unknown iterator %d", id)
	s.require(!st.ended, "iter-next on finished iterator %d", id)
	s.require(n >= 1, "iter-next of %d keys", n)
	keys := s.step(st, n)
	for _, k := range keys {
		if !st.cleared {
			// Go's guarantee: an entry removed before the loop reaches it is not
			// produced; no entry is produced twice unless it was deleted and re-created.
			s.require(!st.deleted[k], "loop %d produced %s, deleted during the loop before it was reached", id, k)
			s.require(st.seen[k] == 0 || st.gone[k], "loop %d produced %s twice", id, k)
			st.seen[k]++
		}
	}
	st.produced += len(keys)
	s.emit("iter-next", `"it":`+strconv.Itoa(id)+`,"keys":[`+strings.Join(keys, ",")+`]`)
	if st.atEnd {
		st.ended = true
		if len(keys) > 0 {
			s.emit("iter-next", `"it":`+strconv.Itoa(id)+`,"keys":[]`)
		}
		if !st.cleared {
			// Every entry present at the start and never deleted is produced exactly once.
			for k := range st.atOpen {
				s.require(st.gone[k] || st.seen[k] == 1, "loop %d ended without producing %s (present since the start)", id, k)
			}
		}
	}
	return keys, st.ended
}

// iterNext lets loop id report up to n keys; returns true once it has ended.
func (s *session) iterNext(id, n int) bool {
	_, ended := s.iterStep(id, n)
	return ended
}

// iterRest runs iterator id to its end, n keys per step (nothing if it has ended).
func (s *session) iterRest(id, n int) {
	for st := s.iters[id]; st != nil && !st.ended; {
		s.iterNext(id, n)
	}
}

// liveKeysJSON returns the JSON of every key the workload holds.
func (s *session) liveKeysJSON() map[string]bool {
	out := make(map[string]bool, len(s.keys.List))
	for _, k := range s.keys.List {
		out[s.mk.keyJSON(k)] = true
	}
	return out
}

// loopsSawDelete / loopsSawInsert / loopsSawClear keep the open loops' record of
// what their bodies did, for Go's guarantee checked in iterStep.
func (s *session) loopsSawDelete(k uint64) {
	j := s.mk.keyJSON(k)
	for _, st := range s.iters {
		st.gone[j] = true
		st.deleted[j] = true
	}
}

func (s *session) loopsSawInsert(k uint64) {
	j := s.mk.keyJSON(k)
	for _, st := range s.iters {
		delete(st.deleted, j) // created during the loop: may or may not be produced
	}
}

func (s *session) loopsSawClear() {
	for _, st := range s.iters {
		st.cleared = true
	}
}

func (s *session) iterClose(id int) {
	st := s.iters[id]
	s.require(st != nil, "iter-close on unknown iterator %d", id)
	st.it.Reset(reflect.Value{}) // drop the hiter's references, as a left loop does
	delete(s.iters, id)
	s.emit("iter-close", `"it":`+strconv.Itoa(id))
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

// ---- helpers for workloads ----

// growthLimit is the largest count that does not overload a 2^B map:
// overLoadFactor(n, B) = n > 8 && n > loadFactorNum*(2^B/2).
func growthLimit(B uint8) int {
	l := loadFactorNum * ((1 << B) / 2)
	if l < 8 {
		l = 8
	}
	return l
}

// chainLen returns the number of buckets in current bucket b's chain.
func (s *session) chainLen(b uint64) int {
	h := s.h()
	n := 0
	for p := bucketAt(s.t, h.buckets, uintptr(b)); p != nil; p = overflowOf(s.t, p) {
		n++
	}
	return n
}

// forceOverflow inserts keys chosen by hash into bucket b until its chain grows by
// one overflow bucket, deleting keys of other buckets first when an insert would
// start a growth. The map must not be growing.
func (s *session) forceOverflow(b uint64) {
	s.require(!s.sum().growing, "forceOverflow during growth")
	B := s.sum().B
	start := s.chainLen(b)
	// A new overflow bucket needs the whole chain full of live keys: 8*len + 1 keys.
	s.require(8*start+1 <= growthLimit(B), "forceOverflow: bucket %d's chain of %d cannot grow below the load limit %d",
		b, start, growthLimit(B))
	for s.chainLen(b) == start {
		for s.sum().count+1 > growthLimit(B) {
			victim := uint64(0)
			found := false
			for _, k := range s.keys.List {
				if s.bucketOf(k) != b {
					victim, found = k, true
					break
				}
			}
			s.require(found, "forceOverflow: no key outside bucket %d to delete", b)
			s.del(victim)
		}
		s.set(s.freshIn(b, B))
		s.require(s.sum().B == B && !s.sum().growing, "forceOverflow: the map grew")
	}
}

// forceOverflowAny forces an overflow bucket into a bucket with the shortest chain
// (the lowest index among them) and returns that bucket.
func (s *session) forceOverflowAny() uint64 {
	best, bestLen := uint64(0), 1<<30
	for b := uint64(0); b < 1<<s.sum().B; b++ {
		if l := s.chainLen(b); l < bestLen {
			best, bestLen = b, l
		}
	}
	s.forceOverflow(best)
	return best
}

// setUntil inserts fresh keys until cond holds (at most limit inserts).
func (s *session) setUntil(limit int, what string, cond func(summary) bool) {
	for n := 0; !cond(s.sum()); n++ {
		s.require(n < limit, "%s: not reached after %d inserts", what, limit)
		s.set(s.keys.Fresh())
	}
}
