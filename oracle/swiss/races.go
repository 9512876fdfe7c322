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
	"unsafe"

	"maplab/oracle/internal/racerun"
)

type raceScenario = racerun.Scenario

// raceScenarios: the statements are racerun's; the initial maps are chosen for the Swiss map
// (a small map of one group, a full small map, a table with no growth left).
var raceScenarios = []*raceScenario{
	racerun.Inserts("two-inserts-empty", "make(map) without hint (no group yet); G1 m[1]=1, G2 m[2]=2", nil, 1, 2),
	racerun.Inserts("two-inserts", "initial {100}; G1 m[1]=1, G2 m[2]=2", []uint64{100}, 1, 2),
	racerun.InsertAndLookup("insert-and-lookup", "initial {100}; G1 m[1]=1, G2 v := m[100]", []uint64{100}, 1, 100),
	racerun.IterateAndInsert("iterate-and-insert", "initial {100,101,102} (small map); G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		[]uint64{100, 101, 102}, 1),
	racerun.DeleteAndInsert("insert-and-delete", "initial {100,101}; G1 delete(m,100), G2 m[1]=1", []uint64{100, 101}, 100, 1),
	racerun.Inserts("three-inserts-growth", "initial 100..113 (14 keys: a 16-slot table with no growth left, so the next new key rehashes it); G1..G3 m[i]=i",
		racerun.RangeKeys(100, 113), 1, 2, 3),
	racerun.Inserts("four-inserts", "initial {100}; G1..G4 m[i]=i", []uint64{100}, 1, 2, 3, 4),
	racerun.MutexInserts("mutex-inserts", "initial {100}; G1 mu.Lock(); m[1]=1; mu.Unlock(), G2 the same with key 2 (synchronised)",
		[]uint64{100}, 1, 2),
	racerun.ChannelHandoff("channel-handoff", "initial {100}; G1 m[1]=1; c <- struct{}{}, G2 <-c; m[2]=2 (unbuffered; synchronised)",
		[]uint64{100}, 1, 2),
	racerun.Inserts("three-inserts-to-table", "initial 100..107 (a full small map: the next new key grows it into a table); G1..G3 m[i]=i",
		racerun.RangeKeys(100, 107), 1, 2, 3),
	racerun.Inserts("small-map-last-slot", "initial 100..106 (7 keys: one empty slot left in the small group); G1 m[1]=1, G2 m[2]=2",
		racerun.RangeKeys(100, 106), 1, 2),
	racerun.IterateAndInsert("iterate-table-and-insert", "initial 100..109 (one table); G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		racerun.RangeKeys(100, 109), 1),
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
