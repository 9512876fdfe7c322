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
// (this binary re-executed with -races-child); the parent counts the lines a child prints,
// attributes the child's death to the run in progress and starts a new child for the
// remaining runs. That protocol, races.json and the lost-update check are internal/racerun's,
// shared with the classic oracle; this file holds what is Swiss: the scenarios and the walk
// over the groups.
//
// The first nine scenarios have the classic oracle's names and statements; only
// three-inserts-growth starts from more keys, so that the next insert rehashes a full table.
// Scenario names and outcome classes are a contract with the Java side
// (maplab.race.RaceScenarios, RaceCheckMain).

import (
	"fmt"
	"math/rand"
	"sync"
	"sync/atomic"
	"unsafe"

	"maplab/oracle/internal/racerun"
)

type raceScenario = racerun.Scenario

// raceSink keeps read results alive (atomic: the goroutines write it concurrently).
var raceSink uint64

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
	{Name: "two-inserts-empty", Doc: "make(map) without hint (no group yet); G1 m[1]=1, G2 m[2]=2",
		Progs: [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}}, Build: twoSets(1, 2)},
	{Name: "two-inserts", Doc: "initial {100}; G1 m[1]=1, G2 m[2]=2",
		Initial: []uint64{100}, Progs: [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}}, Build: twoSets(1, 2)},
	{Name: "insert-and-lookup", Doc: "initial {100}; G1 m[1]=1, G2 v := m[100]",
		Initial: []uint64{100},
		Progs:   [][]racerun.Op{{racerun.Set(1)}, {racerun.Get(100)}},
		Build: func(m map[uint64]uint64) []func() {
			return []func(){
				func() { m[1] = 1 },
				func() { v := m[100]; atomic.AddUint64(&raceSink, v) },
			}
		}},
	{Name: "iterate-and-insert", Doc: "initial {100,101,102} (small map); G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		Initial: []uint64{100, 101, 102},
		Progs:   [][]racerun.Op{{racerun.Range()}, {racerun.Set(1)}}, Build: rangeAndSet},
	{Name: "insert-and-delete", Doc: "initial {100,101}; G1 delete(m,100), G2 m[1]=1",
		Initial: []uint64{100, 101},
		Progs:   [][]racerun.Op{{racerun.Delete(100)}, {racerun.Set(1)}},
		Build: func(m map[uint64]uint64) []func() {
			return []func(){func() { delete(m, 100) }, func() { m[1] = 1 }}
		}},
	{Name: "three-inserts-growth", Doc: "initial 100..113 (14 keys: a 16-slot table with no growth left, so the next new key rehashes it); G1..G3 m[i]=i",
		Initial: racerun.RangeKeys(100, 113),
		Progs:   [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}, {racerun.Set(3)}}, Build: threeSets},
	{Name: "four-inserts", Doc: "initial {100}; G1..G4 m[i]=i",
		Initial: []uint64{100},
		Progs:   [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}, {racerun.Set(3)}, {racerun.Set(4)}},
		Build: func(m map[uint64]uint64) []func() {
			return []func(){func() { m[1] = 1 }, func() { m[2] = 2 }, func() { m[3] = 3 }, func() { m[4] = 4 }}
		}},
	{Name: "mutex-inserts", Doc: "initial {100}; G1 mu.Lock(); m[1]=1; mu.Unlock(), G2 the same with key 2 (synchronised)",
		Initial: []uint64{100},
		Progs:   [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}},
		Build: func(m map[uint64]uint64) []func() {
			var mu sync.Mutex
			return []func(){
				func() { mu.Lock(); m[1] = 1; mu.Unlock() },
				func() { mu.Lock(); m[2] = 2; mu.Unlock() },
			}
		}},
	{Name: "channel-handoff", Doc: "initial {100}; G1 m[1]=1; c <- struct{}{}, G2 <-c; m[2]=2 (unbuffered; synchronised)",
		Initial: []uint64{100},
		Progs:   [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}},
		Build: func(m map[uint64]uint64) []func() {
			c := make(chan struct{})
			return []func(){
				func() { m[1] = 1; c <- struct{}{} },
				func() { <-c; m[2] = 2 },
			}
		}},
	{Name: "three-inserts-to-table", Doc: "initial 100..107 (a full small map: the next new key grows it into a table); G1..G3 m[i]=i",
		Initial: racerun.RangeKeys(100, 107),
		Progs:   [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}, {racerun.Set(3)}}, Build: threeSets},
	{Name: "small-map-last-slot", Doc: "initial 100..106 (7 keys: one empty slot left in the small group); G1 m[1]=1, G2 m[2]=2",
		Initial: racerun.RangeKeys(100, 106),
		Progs:   [][]racerun.Op{{racerun.Set(1)}, {racerun.Set(2)}}, Build: twoSets(1, 2)},
	{Name: "iterate-table-and-insert", Doc: "initial 100..109 (one table); G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		Initial: racerun.RangeKeys(100, 109),
		Progs:   [][]racerun.Op{{racerun.Range()}, {racerun.Set(1)}}, Build: rangeAndSet},
}

// runRaceOnce runs one scenario once in this process and classifies the result. A fatal
// error kills the process instead of returning.
func runRaceOnce(sc *raceScenario, rng *rand.Rand) string {
	return racerun.RunOnce(sc, rng, classifyRace)
}

// classifyRace collects the key of every full slot of m after a run of sc and classifies the
// map by racerun.Classify (the rule of maplab.race.Classifier):
//   - duplicate key: a key in more than one full slot (control byte with the top bit clear)
//     of the small group, or of the tables the directory points to (each table once);
//   - unreachable key: a key in a full slot for which `_, ok := m[k]` is false;
//   - lost update: the contents observed through `v, ok := m[k]` for every key of the
//     scenario differ from the final contents of every sequential order of the goroutines'
//     operations (racerun.Finals);
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
	return racerun.Classify(sc, m, keys)
}
