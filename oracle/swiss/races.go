//go:build go1.24

package main

// Race scenarios on the real Swiss-table runtime (oracle -races DIR), the counterpart of the
// classic oracle's races.go for Go 1.24+.
//
// Each scenario runs a few goroutines against one map[uint64]uint64 without (or, for
// mutex-inserts and channel-handoff, with) synchronisation, many times, and records what
// happened to each run: the runtime's "fatal error: ..." (which kills the process), another
// crash, a hang, or, for a run that finished, a classification of the map's final state
// (classifyRace). A fatal error cannot be recovered, so the runs happen in child processes
// (this binary re-executed with -races-child, races_child.go); the parent (races_run.go)
// counts the lines a child prints, attributes the child's death to the run in progress and
// starts a new child for the remaining runs.
//
// The first nine scenarios have the classic oracle's names and statements; only
// three-inserts-growth starts from more keys, so that the next insert rehashes a full table.
// Scenario names and outcome classes are a contract with the Java side
// (maplab.race.RaceScenarios, RaceCheckMain).

import (
	"fmt"
	"math/rand"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// raceOp is one map operation of a goroutine, for the sequential-order enumeration of the
// lost-update check. Writes always store value = key.
type raceOp struct {
	kind byte // 's' m[key]=key, 'd' delete(m,key), 'g' m[key], 'i' range m
	key  uint64
}

type raceScenario struct {
	name    string
	doc     string
	initial []uint64   // inserted (k -> k) by the main goroutine before the goroutines start
	progs   [][]raceOp // each goroutine's operations, in program order
	// build returns the goroutine bodies for map m (already holding initial); body i performs
	// progs[i] with ordinary, non-generic map code, so the compiler emits
	// mapassign_fast64 / mapaccess1_fast64 / mapdelete_fast64 / mapIterStart.
	build func(m map[uint64]uint64) []func()
}

// raceSink keeps read results alive (atomic: the goroutines write it concurrently).
var raceSink uint64

func rset(k uint64) raceOp { return raceOp{'s', k} }

func twoSets(a, b uint64) func(m map[uint64]uint64) []func() {
	return func(m map[uint64]uint64) []func() {
		return []func(){func() { m[a] = a }, func() { m[b] = b }}
	}
}

func threeSets(m map[uint64]uint64) []func() {
	return []func(){func() { m[1] = 1 }, func() { m[2] = 2 }, func() { m[3] = 3 }}
}

func rangeAndSet(m map[uint64]uint64) []func() {
	return []func(){
		func() {
			sum := uint64(0)
			for k, v := range m {
				sum += k + v
			}
			atomic.AddUint64(&raceSink, sum)
		},
		func() { m[1] = 1 },
	}
}

var raceScenarios = []*raceScenario{
	{name: "two-inserts-empty", doc: "make(map) without hint (no group yet); G1 m[1]=1, G2 m[2]=2",
		progs: [][]raceOp{{rset(1)}, {rset(2)}}, build: twoSets(1, 2)},
	{name: "two-inserts", doc: "initial {100}; G1 m[1]=1, G2 m[2]=2",
		initial: []uint64{100}, progs: [][]raceOp{{rset(1)}, {rset(2)}}, build: twoSets(1, 2)},
	{name: "insert-and-lookup", doc: "initial {100}; G1 m[1]=1, G2 v := m[100]",
		initial: []uint64{100},
		progs:   [][]raceOp{{rset(1)}, {{'g', 100}}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){
				func() { m[1] = 1 },
				func() { v := m[100]; atomic.AddUint64(&raceSink, v) },
			}
		}},
	{name: "iterate-and-insert", doc: "initial {100,101,102} (small map); G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		initial: []uint64{100, 101, 102},
		progs:   [][]raceOp{{{'i', 0}}, {rset(1)}}, build: rangeAndSet},
	{name: "insert-and-delete", doc: "initial {100,101}; G1 delete(m,100), G2 m[1]=1",
		initial: []uint64{100, 101},
		progs:   [][]raceOp{{{'d', 100}}, {rset(1)}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){func() { delete(m, 100) }, func() { m[1] = 1 }}
		}},
	{name: "three-inserts-growth", doc: "initial 100..113 (14 keys: a 16-slot table with no growth left, so the next new key rehashes it); G1..G3 m[i]=i",
		initial: rangeKeys(100, 113),
		progs:   [][]raceOp{{rset(1)}, {rset(2)}, {rset(3)}}, build: threeSets},
	{name: "four-inserts", doc: "initial {100}; G1..G4 m[i]=i",
		initial: []uint64{100},
		progs:   [][]raceOp{{rset(1)}, {rset(2)}, {rset(3)}, {rset(4)}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){func() { m[1] = 1 }, func() { m[2] = 2 }, func() { m[3] = 3 }, func() { m[4] = 4 }}
		}},
	{name: "mutex-inserts", doc: "initial {100}; G1 mu.Lock(); m[1]=1; mu.Unlock(), G2 the same with key 2 (synchronised)",
		initial: []uint64{100},
		progs:   [][]raceOp{{rset(1)}, {rset(2)}},
		build: func(m map[uint64]uint64) []func() {
			var mu sync.Mutex
			return []func(){
				func() { mu.Lock(); m[1] = 1; mu.Unlock() },
				func() { mu.Lock(); m[2] = 2; mu.Unlock() },
			}
		}},
	{name: "channel-handoff", doc: "initial {100}; G1 m[1]=1; c <- struct{}{}, G2 <-c; m[2]=2 (unbuffered; synchronised)",
		initial: []uint64{100},
		progs:   [][]raceOp{{rset(1)}, {rset(2)}},
		build: func(m map[uint64]uint64) []func() {
			c := make(chan struct{})
			return []func(){
				func() { m[1] = 1; c <- struct{}{} },
				func() { <-c; m[2] = 2 },
			}
		}},
	{name: "three-inserts-to-table", doc: "initial 100..107 (a full small map: the next new key grows it into a table); G1..G3 m[i]=i",
		initial: rangeKeys(100, 107),
		progs:   [][]raceOp{{rset(1)}, {rset(2)}, {rset(3)}}, build: threeSets},
	{name: "small-map-last-slot", doc: "initial 100..106 (7 keys: one empty slot left in the small group); G1 m[1]=1, G2 m[2]=2",
		initial: rangeKeys(100, 106),
		progs:   [][]raceOp{{rset(1)}, {rset(2)}}, build: twoSets(1, 2)},
	{name: "iterate-table-and-insert", doc: "initial 100..109 (one table); G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		initial: rangeKeys(100, 109),
		progs:   [][]raceOp{{{'i', 0}}, {rset(1)}}, build: rangeAndSet},
}

func rangeKeys(lo, hi uint64) []uint64 {
	var out []uint64
	for k := lo; k <= hi; k++ {
		out = append(out, k)
	}
	return out
}

func findRaceScenario(name string) (*raceScenario, bool) {
	for _, sc := range raceScenarios {
		if sc.name == name {
			return sc, true
		}
	}
	return nil, false
}

func raceScenarioNames() []string {
	var out []string
	for _, sc := range raceScenarios {
		out = append(out, sc.name)
	}
	return out
}

// raceMaxDelay is R: after the start barrier each goroutine spins a random 0..R iterations
// of spinDelay before its operations, so the relative offset ranges over partial, full and
// no overlap (tuned for the classic oracle: see its races.go).
const raceMaxDelay = 300

// raceYieldEvery: a goroutine waiting at the start barrier calls runtime.Gosched after this
// many spins. It must be long: a goroutine that yields sooner tends to end up sharing one P
// with the goroutine it waits for, and the two then run one after the other.
const raceYieldEvery = 1 << 16

var spinSink uint64

//go:noinline
func spinDelay(n int) {
	s := uint64(0)
	for i := 0; i < n; i++ {
		s += uint64(i)
	}
	spinSink = s
}

// runRaceOnce runs one scenario once in this process and classifies the result. A fatal
// error kills the process instead of returning.
func runRaceOnce(sc *raceScenario, rng *rand.Rand) string {
	m := make(map[uint64]uint64)
	for _, k := range sc.initial {
		m[k] = k
	}
	bodies := sc.build(m)
	n := int32(len(bodies))
	var ready int32
	var start uint32
	var wg sync.WaitGroup
	wg.Add(len(bodies))
	for _, body := range bodies {
		delay := rng.Intn(raceMaxDelay + 1) // drawn here: rng is not safe for concurrent use
		go func(body func(), delay int) {
			defer wg.Done()
			// The start barrier: the last goroutine to arrive sets the flag, the others spin
			// on it (yielding now and then), so all that hold a P leave it within nanoseconds.
			if atomic.AddInt32(&ready, 1) == n {
				atomic.StoreUint32(&start, 1)
			}
			for i := 1; atomic.LoadUint32(&start) == 0; i++ {
				if i%raceYieldEvery == 0 {
					runtime.Gosched()
				}
			}
			spinDelay(delay)
			body()
		}(body, delay)
	}
	wg.Wait()
	return classifyRace(sc, m)
}

// Outcome kinds of a finished run, in their fixed order.
const (
	raceDuplicate   = "duplicate key"
	raceUnreachable = "unreachable key"
	raceLostUpdate  = "lost update"
	raceCountWrong  = "count mismatch"
	raceClean       = "clean"
)

// classifyRace classifies the final state of m after a run of sc (called after wg.Wait, so
// ordered after every goroutine's operations), by the rule of maplab.race.Classifier:
//   - duplicate key: a key in more than one full slot (control byte with the top bit clear)
//     of the small group, or of the tables the directory points to (each table once);
//   - unreachable key: a key in a full slot for which `_, ok := m[k]` is false;
//   - lost update: the contents observed through `v, ok := m[k]` for every key of the
//     scenario differ from the final contents of every sequential order of the goroutines'
//     operations (raceFinals);
//   - count mismatch: len(m) (Map.used) differs from the number of full slots.
//
// The kinds that apply are joined with " + " in that order; "clean" if none.
func classifyRace(sc *raceScenario, m map[uint64]uint64) string {
	mm := mapOf(m)
	t := mapTypeOf(m)
	if mm.writing != 0 {
		// writing left toggled by racing writers: the lookups below would die of it, as the
		// model's classifier says; name that death without dying.
		return "fatal: concurrent map read and map write"
	}
	var keys []uint64 // the key of every full slot
	group := func(g unsafe.Pointer) {
		for s := 0; s < groupSlots; s++ {
			if isFull(ctrlAt(g, s)) {
				keys = append(keys, *(*uint64)(slotKey(t, g, s)))
			}
		}
	}
	switch {
	case mm.dirLen == 0 && mm.dirPtr != nil:
		group(mm.dirPtr)
	case mm.dirLen > 0:
		if mm.dirLen > 1<<16 {
			return fmt.Sprintf("crash: Map.dirLen = %d", mm.dirLen)
		}
		seen := map[*table]bool{}
		for i := 0; i < mm.dirLen; i++ {
			tab := mm.directoryAt(i)
			if tab == nil || seen[tab] {
				continue
			}
			seen[tab] = true
			for g := uint64(0); g <= tab.groups.lengthMask; g++ {
				group(groupAt(t, tab.groups, g))
			}
		}
	}
	var kinds []string
	slots := map[uint64]int{}
	dup := false
	for _, k := range keys {
		slots[k]++
		if slots[k] == 2 {
			dup = true
		}
	}
	if dup {
		kinds = append(kinds, raceDuplicate)
	}
	for k := range slots {
		if _, ok := m[k]; !ok {
			kinds = append(kinds, raceUnreachable)
			break
		}
	}
	scKeys := raceKeys(sc)
	obs := make([]raceCell, len(scKeys))
	for i, k := range scKeys {
		v, ok := m[k]
		obs[i] = raceCell{ok, v}
	}
	if !raceFinals(sc)[raceContents(obs)] {
		kinds = append(kinds, raceLostUpdate)
	}
	if len(m) != len(keys) {
		kinds = append(kinds, raceCountWrong)
	}
	if len(kinds) == 0 {
		return raceClean
	}
	return strings.Join(kinds, " + ")
}

type raceCell struct {
	present bool
	v       uint64
}

func raceContents(cells []raceCell) string {
	var sb strings.Builder
	for _, c := range cells {
		if c.present {
			sb.WriteString(strconv.FormatUint(c.v, 10))
		} else {
			sb.WriteString("-")
		}
		sb.WriteByte(',')
	}
	return sb.String()
}

// raceKeys lists every key of the scenario (initial or operated on), ascending.
func raceKeys(sc *raceScenario) []uint64 {
	set := map[uint64]bool{}
	for _, k := range sc.initial {
		set[k] = true
	}
	for _, p := range sc.progs {
		for _, op := range p {
			if op.kind == 's' || op.kind == 'd' || op.kind == 'g' {
				set[op.key] = true
			}
		}
	}
	var out []uint64
	for k := range set {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

var raceFinalsCache sync.Map // *raceScenario -> map[string]bool

// raceFinals returns the final contents (raceContents over raceKeys) of every interleaving
// of the goroutines' operations that keeps each goroutine's program order, starting from
// the initial entries.
func raceFinals(sc *raceScenario) map[string]bool {
	if v, ok := raceFinalsCache.Load(sc); ok {
		return v.(map[string]bool)
	}
	keys := raceKeys(sc)
	idx := map[uint64]int{}
	for i, k := range keys {
		idx[k] = i
	}
	state := make([]raceCell, len(keys))
	for _, k := range sc.initial {
		state[idx[k]] = raceCell{true, k}
	}
	finals := map[string]bool{}
	pos := make([]int, len(sc.progs))
	var rec func()
	rec = func() {
		done := true
		for g, p := range sc.progs {
			if pos[g] == len(p) {
				continue
			}
			done = false
			op := p[pos[g]]
			i, saved := idx[op.key], raceCell{}
			if op.kind == 's' || op.kind == 'd' {
				saved = state[i]
				state[i] = raceCell{op.kind == 's', op.key}
				if op.kind == 'd' {
					state[i].v = 0
				}
			}
			pos[g]++
			rec()
			pos[g]--
			if op.kind == 's' || op.kind == 'd' {
				state[i] = saved
			}
		}
		if done {
			finals[raceContents(state)] = true
		}
	}
	rec()
	raceFinalsCache.Store(sc, finals)
	return finals
}
