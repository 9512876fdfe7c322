//go:build go1.24

package main

import (
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"testing"

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

func TestRaceScenariosSequential(t *testing.T) {
	if err := checkLayouts(); err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	rng := rand.New(rand.NewSource(1))
	for _, sc := range raceScenarios {
		for i := 0; i < 20; i++ {
			if out := runRaceOnce(sc, rng); out != racerun.Clean {
				t.Errorf("%s on one P: %s", sc.Name, out)
			}
		}
	}
	shape := func(keys []uint64) *swissMap {
		m := make(map[uint64]uint64)
		for _, k := range keys {
			m[k] = k
		}
		return mapOf(m)
	}
	growth, _ := findRaceScenario("three-inserts-growth")
	if mm := shape(growth.Initial); mm.dirLen != 1 || mm.directoryAt(0).capacity != 16 || mm.directoryAt(0).growthLeft != 0 {
		t.Errorf("three-inserts-growth: dirLen %d, want one 16-slot table with no growth left", mm.dirLen)
	}
	toTable, _ := findRaceScenario("three-inserts-to-table")
	if mm := shape(toTable.Initial); mm.dirLen != 0 || mm.used != 8 {
		t.Errorf("three-inserts-to-table: dirLen %d used %d, want a full small map", mm.dirLen, mm.used)
	}
	last, _ := findRaceScenario("small-map-last-slot")
	if mm := shape(last.Initial); mm.dirLen != 0 || mm.used != 7 {
		t.Errorf("small-map-last-slot: dirLen %d used %d, want a small map with one slot left", mm.dirLen, mm.used)
	}
	iter, _ := findRaceScenario("iterate-table-and-insert")
	if mm := shape(iter.Initial); mm.dirLen != 1 {
		t.Errorf("iterate-table-and-insert: dirLen %d, want one table", mm.dirLen)
	}
}

// The classifier names what a racing writer can leave: a Map.used that disagrees with the full
// slots, a writing flag left toggled, a value no sequential order gives.
func TestClassifyRace(t *testing.T) {
	sc, _ := findRaceScenario("two-inserts")
	m := map[uint64]uint64{100: 100, 1: 1, 2: 2}
	if out := classifyRace(sc, m); out != racerun.Clean {
		t.Fatalf("clean map: %s", out)
	}
	mm := mapOf(m)
	mm.used++
	if out := classifyRace(sc, m); out != racerun.CountWrong {
		t.Errorf("used+1: %s", out)
	}
	mm.used--
	mm.writing ^= 1
	if out := classifyRace(sc, m); out != "fatal: concurrent map read and map write" {
		t.Errorf("writing left set: %s", out)
	}
	mm.writing ^= 1
	delete(m, 2)
	if out := classifyRace(sc, m); out != racerun.LostUpdate {
		t.Errorf("m[2] missing: %s", out)
	}
	big := map[uint64]uint64{}
	for k := uint64(100); k < 140; k++ {
		big[k] = k
	}
	big[1], big[2] = 1, 2
	if out := classifyRace(&raceScenario{Name: "x", Initial: racerun.RangeKeys(100, 139), Progs: sc.Progs}, big); out != racerun.Clean {
		t.Errorf("a map of tables: %s", out)
	}
}

func TestRacesJSON(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	scs, err := racerun.ParseScenarios("small-map-last-slot,mutex-inserts,iterate-table-and-insert", raceScenarios)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := racerun.ParseScenarios("two-inserts,nope", raceScenarios); err == nil {
		t.Error("an unknown scenario was accepted")
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
		if r.Scenario == "mutex-inserts" && r.Outcomes[racerun.Clean] != runs {
			t.Errorf("mutex-inserts is synchronised but had outcomes %v", r.Outcomes)
		}
	}
}
