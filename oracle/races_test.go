//go:build !go1.24

package main

import (
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"maplab/oracle/internal/racerun"
)

// TestMain lets the test binary serve as the race child: racerun.Run re-executes
// os.Executable() with -races-child, which here is the test binary.
func TestMain(m *testing.M) {
	if isRaceChild() {
		raceChildMain(os.Args[2:])
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestRacesJSON(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	scs, err := racerun.ParseScenarios("two-inserts,mutex-inserts,channel-handoff", raceScenarios)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const runs = 40
	results, err := racerun.Run(dir, racerun.Options{Exe: exe, Runs: runs, Procs: []int{2}, Scenarios: scs, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 {
		t.Fatalf("%d results, want 3", len(results))
	}
	read, err := racerun.ReadResults(filepath.Join(dir, "races.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != 3 {
		t.Fatalf("races.json has %d lines, want 3", len(read))
	}
	for i, r := range read {
		if r.Gomaxprocs != 2 || r.Runs != runs || r.Go != runtime.Version() || r.Scenario != scs[i].Name {
			t.Fatalf("line %d: %+v", i+1, r)
		}
		if (r.Scenario == "mutex-inserts" || r.Scenario == "channel-handoff") && r.Outcomes[racerun.Clean] != runs {
			t.Errorf("%s is synchronised but had outcomes %v", r.Scenario, r.Outcomes)
		}
		t.Logf("%+v", r)
	}
	var sb strings.Builder
	racerun.PrintTable(&sb, results, 22)
	if !strings.Contains(sb.String(), "mutex-inserts") {
		t.Errorf("table: %s", sb.String())
	}
}

// The child runs in this process too: every scenario once, classified.
func TestRaceScenariosRunOnce(t *testing.T) {
	if err := checkLayouts(); err != nil {
		t.Fatal(err)
	}
	for _, sc := range raceScenarios {
		if len(sc.Build(map[uint64]uint64{})) != len(sc.Progs) {
			t.Fatalf("%s: build and progs disagree", sc.Name)
		}
	}
	// Synchronised scenarios cannot fail in-process; the others might die, so only these.
	for _, name := range []string{"mutex-inserts", "channel-handoff"} {
		sc, _ := findRaceScenario(name)
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < 20; i++ {
			if out := runRaceOnce(sc, rng); out != racerun.Clean {
				t.Fatalf("%s: %s", name, out)
			}
		}
	}
}

// The classifier on hand-made states, corrupted through the unsafe mirrors.
func TestRaceClassifier(t *testing.T) {
	if err := checkLayouts(); err != nil {
		t.Fatal(err)
	}
	two, _ := findRaceScenario("two-inserts")
	fresh := func() map[uint64]uint64 { return map[uint64]uint64{100: 100, 1: 1, 2: 2} }

	if got := classifyRace(two, fresh()); got != racerun.Clean {
		t.Errorf("intact map: %q", got)
	}
	m := fresh()
	delete(m, 2)
	if got := classifyRace(two, m); got != racerun.LostUpdate {
		t.Errorf("key 2 missing: %q", got)
	}
	m = fresh()
	m[1] = 7
	if got := classifyRace(two, m); got != racerun.LostUpdate {
		t.Errorf("key 1 with value 7: %q", got)
	}

	// count one too high.
	m = fresh()
	hmapOf(m).count++
	if got := classifyRace(two, m); got != racerun.CountWrong {
		t.Errorf("count+1: %q", got)
	}
	hmapOf(m).count--

	// A second live slot holding key 100 (B = 0, slots 0..2 used, slot 3 free).
	m = fresh()
	typ, h := mapTypeOf(m), hmapOf(m)
	b := h.buckets
	src := -1
	for s := 0; s < bucketCnt; s++ {
		if tophashAt(b, s) >= minTopHash && *(*uint64)(keyAt(typ, b, s)) == 100 {
			src = s
		}
	}
	if src < 0 || tophashAt(b, 3) != 0 {
		t.Fatalf("unexpected layout of a 3-key map")
	}
	copySlot(typ, b, src, b, 3)
	if got := classifyRace(two, m); got != racerun.Duplicate+" + "+racerun.CountWrong {
		t.Errorf("duplicate key 100: %q", got)
	}

	// A key moved to the other bucket of a B=1 map: live but unreachable, and
	// (lookups failing) missing from the observable contents.
	m = make(map[uint64]uint64, 10)
	keys := racerun.RangeKeys(100, 109)
	for _, k := range keys {
		m[k] = k
	}
	typ, h = mapTypeOf(m), hmapOf(m)
	if h.B != 1 || h.oldbuckets != nil {
		t.Fatalf("make(map, 10): B %d growing %v", h.B, h.oldbuckets != nil)
	}
	initial := &raceScenario{Name: "initial-only", Initial: keys}
	if got := classifyRace(initial, m); got != racerun.Clean {
		t.Fatalf("intact B=1 map: %q", got)
	}
	moved := false
	for from := uintptr(0); from < 2 && !moved; from++ {
		sb, db := bucketAt(typ, h.buckets, from), bucketAt(typ, h.buckets, 1-from)
		for s := 0; s < bucketCnt && !moved; s++ {
			if tophashAt(sb, s) < minTopHash {
				continue
			}
			for d := 0; d < bucketCnt; d++ {
				if tophashAt(db, d) < minTopHash {
					copySlot(typ, sb, s, db, d)
					*(*uint8)(unsafe.Add(sb, s)) = 1 // emptyOne
					moved = true
					break
				}
			}
		}
	}
	if !moved {
		t.Fatal("no slot to move")
	}
	if got := classifyRace(initial, m); got != racerun.Unreachable+" + "+racerun.LostUpdate {
		t.Errorf("key in the wrong bucket: %q", got)
	}

	// A map in the middle of a growth: old buckets not yet evacuated hold live
	// entries, which the classifier must count.
	m = map[uint64]uint64{}
	var ins []uint64
	for k := uint64(1); hmapOf(m).oldbuckets == nil; k++ {
		m[k] = k
		ins = append(ins, k)
		if k > 1000 {
			t.Fatal("no growth in progress seen")
		}
	}
	h = hmapOf(m)
	if h.nevacuate >= oldBucketCount(h) {
		t.Fatalf("growth already done")
	}
	growing := &raceScenario{Name: "growing", Initial: ins}
	if got := classifyRace(growing, m); got != racerun.Clean {
		t.Errorf("map during growth (B %d, nevacuate %d): %q", h.B, h.nevacuate, got)
	}
}

// copySlot copies tophash, key and elem of slot s of bucket sb into slot d of db.
func copySlot(t *maptype, sb unsafe.Pointer, s int, db unsafe.Pointer, d int) {
	*(*uint8)(unsafe.Add(db, d)) = tophashAt(sb, s)
	*(*uint64)(keyAt(t, db, d)) = *(*uint64)(keyAt(t, sb, s))
	*(*uint64)(elemAt(t, db, d)) = *(*uint64)(elemAt(t, sb, s))
}
