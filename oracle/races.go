//go:build !go1.24

package main

// Race scenarios on the real runtime (oracle -races DIR; issue #7 item 5).
//
// Each scenario runs a few goroutines against one map[uint64]uint64 without (or,
// for mutex-inserts and channel-handoff, with) synchronisation, many times, and
// records what happened to each run: the runtime's "fatal error: concurrent map
// ..." (which kills the process), another crash, a hang, or, for a run that
// finished, a classification of the map's final state (classifyRace). A fatal
// error cannot be recovered, so the runs happen in child processes (this binary
// re-executed with -races-child); the parent counts the lines a child prints,
// attributes the child's death to the run in progress and starts a new child for
// the remaining runs. That protocol, races.json and the lost-update check are
// internal/racerun's, shared with the Swiss oracle; this file holds what is
// classic: the scenarios and the walk over the buckets.
//
// Scenario names and outcome classes are a contract with the Java side.

import (
	"fmt"
	"math/rand"
	"unsafe"

	"maplab/oracle/internal/racerun"
)

type raceScenario = racerun.Scenario

// raceScenarios: the statements are racerun's; the initial maps are chosen for the bucket
// map (three-inserts-growth: the 14th key of a B=1 map starts a growth).
var raceScenarios = []*raceScenario{
	racerun.Inserts("two-inserts-empty", "make(map) without hint (buckets nil); G1 m[1]=1, G2 m[2]=2", nil, 1, 2),
	racerun.Inserts("two-inserts", "initial {100}; G1 m[1]=1, G2 m[2]=2", []uint64{100}, 1, 2),
	racerun.InsertAndLookup("insert-and-lookup", "initial {100}; G1 m[1]=1, G2 v := m[100]", []uint64{100}, 1, 100),
	racerun.IterateAndInsert("iterate-and-insert", "initial {100,101,102}; G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		[]uint64{100, 101, 102}, 1),
	racerun.DeleteAndInsert("insert-and-delete", "initial {100,101}; G1 delete(m,100), G2 m[1]=1", []uint64{100, 101}, 100, 1),
	racerun.Inserts("three-inserts-growth", "initial 100..112 (13 keys, B=1; the 14th key starts a growth in Go 1.19); G1..G3 m[i]=i",
		racerun.RangeKeys(100, 112), 1, 2, 3),
	racerun.Inserts("four-inserts", "initial {100}; G1..G4 m[i]=i", []uint64{100}, 1, 2, 3, 4),
	racerun.MutexInserts("mutex-inserts", "initial {100}; G1 mu.Lock(); m[1]=1; mu.Unlock(), G2 the same with key 2 (synchronised)",
		[]uint64{100}, 1, 2),
	racerun.ChannelHandoff("channel-handoff", "initial {100}; G1 m[1]=1; c <- struct{}{}, G2 <-c; m[2]=2 (unbuffered; synchronised)",
		[]uint64{100}, 1, 2),
}

// runRaceOnce runs one scenario once in this process and classifies the result.
// A fatal error kills the process instead of returning.
func runRaceOnce(sc *raceScenario, rng *rand.Rand) string {
	return racerun.RunOnce(sc, rng, classifyRace)
}

// classifyRace collects the key of every live slot of m after a run of sc and
// classifies the map by racerun.Classify:
//   - duplicate key: a key in more than one live slot (tophash >= minTopHash) of
//     the current array with its overflow chains and the old buckets that are not
//     evacuated (tophash[0] in 2..4 marks an evacuated old bucket);
//   - unreachable key: a key in a live slot for which `_, ok := m[k]` is false;
//   - lost update: the contents observed through `v, ok := m[k]` for every key of
//     the scenario differ from the final contents of every sequential order of
//     the goroutines' operations (racerun.Finals);
//   - count mismatch: len(m) (hmap.count) differs from the number of live slots.
//
// The kinds that apply are joined with " + " in that order; "clean" if none.
func classifyRace(sc *raceScenario, m map[uint64]uint64) string {
	h := hmapOf(m)
	t := mapTypeOf(m)
	if h.flags&flagHashWriting != 0 {
		// hashWriting left set by racing writers: the lookups below would die of it, as
		// the model's classifier (maplab.race.Classifier) says; name that death without dying.
		return "fatal: concurrent map read and map write"
	}
	if h.B > 24 {
		return fmt.Sprintf("crash: hmap.B = %d", h.B)
	}
	var keys []uint64 // the key of every live slot
	counted := map[uintptr]bool{}
	// walk collects the live slots of one chain. A bucket reached again within
	// the chain is a loop (reported; lookups could spin forever); one already
	// reached from another chain is not counted twice.
	walk := func(head unsafe.Pointer) bool {
		chain := map[uintptr]bool{}
		for b := head; b != nil; b = overflowOf(t, b) {
			if chain[uintptr(b)] {
				return false
			}
			chain[uintptr(b)] = true
			if counted[uintptr(b)] {
				continue
			}
			counted[uintptr(b)] = true
			for s := 0; s < bucketCnt; s++ {
				if tophashAt(b, s) >= minTopHash {
					keys = append(keys, *(*uint64)(keyAt(t, b, s)))
				}
			}
		}
		return true
	}
	if h.buckets != nil {
		for i := uintptr(0); i < uintptr(1)<<h.B; i++ {
			if !walk(bucketAt(t, h.buckets, i)) {
				return fmt.Sprintf("crash: overflow chain of bucket %d loops", i)
			}
		}
	}
	if h.oldbuckets != nil {
		for i := uintptr(0); i < oldBucketCount(h); i++ {
			head := bucketAt(t, h.oldbuckets, i)
			if top := tophashAt(head, 0); top >= 2 && top <= 4 {
				continue // evacuated
			}
			if !walk(head) {
				return fmt.Sprintf("crash: overflow chain of old bucket %d loops", i)
			}
		}
	}
	return racerun.Classify(sc, m, keys)
}
