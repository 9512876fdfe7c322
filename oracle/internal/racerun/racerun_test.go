package racerun

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMain lets the test binary serve as the race child: Run re-executes os.Executable()
// with ChildFlag, which here is the test binary.
func TestMain(m *testing.M) {
	if IsChild() {
		testHost.ChildMain(os.Args[2:])
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// rangeClassify classifies by the keys a range over m finds, as an oracle's walk over an
// intact map would.
func rangeClassify(sc *Scenario, m map[uint64]uint64) string {
	var keys []uint64
	for k := range m {
		keys = append(keys, k)
	}
	return Classify(sc, m, keys)
}

var testHost = Host{
	Scenarios:    []*Scenario{mutexSets, testHang, testPanic},
	NameWidth:    12,
	CheckLayouts: func() error { return nil },
	Once:         func(sc *Scenario, rng *rand.Rand) string { return RunOnce(sc, rng, rangeClassify) },
}

var mutexSets = &Scenario{Name: "mutex-sets", Initial: []uint64{100}, Progs: [][]Op{{Set(1)}, {Set(2)}},
	Build: func(m map[uint64]uint64) []func() {
		var mu sync.Mutex
		return []func(){
			func() { mu.Lock(); m[1] = 1; mu.Unlock() },
			func() { mu.Lock(); m[2] = 2; mu.Unlock() },
		}
	}}

// Test-only scenarios: the 4th run of each child process spins forever, the 3rd panics.
var testRunsInProcess int

var testNever uint32

var testHang = &Scenario{Name: "test-hang", Progs: [][]Op{{}},
	Build: func(m map[uint64]uint64) []func() {
		testRunsInProcess++
		if testRunsInProcess == 4 {
			return []func(){func() {
				for atomic.LoadUint32(&testNever) == 0 {
				}
			}}
		}
		return []func(){func() {}}
	}}

var testPanic = &Scenario{Name: "test-panic", Progs: [][]Op{{}},
	Build: func(m map[uint64]uint64) []func() {
		testRunsInProcess++
		if testRunsInProcess == 3 {
			return []func(){func() { panic("test panic") }}
		}
		return []func(){func() {}}
	}}

// races.json: one line per scenario and GOMAXPROCS, with exactly the fields the Java side
// reads, outcomes adding up to the runs.
func TestRacesJSON(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const runs = 30
	results, err := Run(dir, Options{Exe: exe, Runs: runs, Procs: []int{1, 2}, Scenarios: []*Scenario{mutexSets}, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("%d results, want 2", len(results))
	}
	read, err := ReadResults(filepath.Join(dir, "races.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != 2 {
		t.Fatalf("races.json has %d lines, want 2", len(read))
	}
	for i, r := range read {
		if r.Gomaxprocs != i+1 || r.Runs != runs || r.Go != runtime.Version() || r.Scenario != "mutex-sets" ||
			!reflect.DeepEqual(r.Outcomes, map[string]int{Clean: runs}) {
			t.Fatalf("line %d: %+v", i+1, r)
		}
	}
	var sb strings.Builder
	PrintTable(&sb, results, 12)
	want := "scenario     GOMAXPROCS  outcome                                           count\n" +
		"mutex-sets            1  clean                                                30\n" +
		"mutex-sets            2  clean                                                30\n"
	if sb.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", sb.String(), want)
	}
}

// A hung child is killed and its run recorded as "hang"; a panicking one as
// "crash: <first line>"; the remaining runs go to a new child.
func TestRaceHangAndCrash(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	results, err := Run(t.TempDir(), Options{Exe: exe, Runs: 5, Procs: []int{2},
		Scenarios: []*Scenario{testHang, testPanic}, Seed: 1, HangTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]int{
		{"clean": 4, "hang": 1},                     // 3 clean, hang; new child: 1 clean
		{"clean": 4, "crash: panic: test panic": 1}, // 2 clean, panic; new child: 2 clean
	}
	for i, r := range results {
		if !reflect.DeepEqual(r.Outcomes, want[i]) || r.Children != 2 {
			t.Errorf("%s: outcomes %v in %d children, want %v in 2", r.Scenario, r.Outcomes, r.Children, want[i])
		}
	}
}

// A child that refuses to run (its "oracle: ..." failure) is an error, not an outcome.
func TestRaceChildRefuses(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unknown := &Scenario{Name: "not-in-the-child", Progs: [][]Op{{}}}
	_, err = Run(t.TempDir(), Options{Exe: exe, Runs: 2, Procs: []int{1}, Scenarios: []*Scenario{unknown}})
	if err == nil || !strings.Contains(err.Error(), `child failed: oracle: -races-child: unknown scenario "not-in-the-child"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestFinals(t *testing.T) {
	two := &Scenario{Initial: []uint64{100}, Progs: [][]Op{{Set(1)}, {Set(2)}}}
	if f := Finals(two); len(f) != 1 || !f["1,2,100,"] {
		t.Errorf("two sets finals %v", f)
	}
	del := &Scenario{Initial: []uint64{100, 101}, Progs: [][]Op{{Delete(100)}, {Set(1)}}}
	if f := Finals(del); len(f) != 1 || !f["1,-,101,"] {
		t.Errorf("insert-and-delete finals %v", f)
	}
	conflict := &Scenario{Initial: []uint64{5}, Progs: [][]Op{{Set(1), Delete(5)}, {Delete(1)}}}
	if f := Finals(conflict); len(f) != 2 || !f["-,-,"] || !f["1,-,"] {
		t.Errorf("set-vs-delete finals %v", f)
	}
}

// Classify on hand-made slot keys: each kind alone and joined in the fixed order.
func TestClassify(t *testing.T) {
	two := &Scenario{Initial: []uint64{100}, Progs: [][]Op{{Set(1)}, {Set(2)}}}
	full := func() map[uint64]uint64 { return map[uint64]uint64{100: 100, 1: 1, 2: 2} }
	for _, c := range []struct {
		m     map[uint64]uint64
		slots []uint64
		want  string
	}{
		{full(), []uint64{100, 1, 2}, Clean},
		{full(), []uint64{100, 1, 2, 2}, Duplicate + " + " + CountWrong},
		{map[uint64]uint64{100: 100, 1: 1}, []uint64{100, 1}, LostUpdate},
		{map[uint64]uint64{100: 100, 1: 7, 2: 2}, []uint64{100, 1, 2}, LostUpdate},
		{full(), []uint64{100, 1}, CountWrong},
		{map[uint64]uint64{100: 100, 1: 1}, []uint64{100, 1, 2}, Unreachable + " + " + LostUpdate + " + " + CountWrong},
		// What Go 1.26 left once (three-inserts-to-table): a writer copied a directory, read as
		// a small group, into its new table: key 0, which nobody wrote, in five slots.
		{map[uint64]uint64{0: 0, 1: 1}, []uint64{1, 0, 0, 0, 0, 0},
			Foreign + " + " + Duplicate + " + " + LostUpdate + " + " + CountWrong},
		{full(), []uint64{100, 1, 2, 3}, Foreign + " + " + Unreachable + " + " + CountWrong},
	} {
		if got := Classify(two, c.m, c.slots); got != c.want {
			t.Errorf("Classify(%v, slots %v) = %q, want %q", c.m, c.slots, got, c.want)
		}
	}
}

// ReadResults refuses what the Java side could not read.
func TestReadResults(t *testing.T) {
	dir := t.TempDir()
	good := `{"scenario":"a","gomaxprocs":2,"runs":3,"go":"go1.19.8","outcomes":{"clean":2,"fatal: concurrent map writes":1}}`
	for _, c := range []struct{ text, err string }{
		{good + "\n", ""},
		{`{"scenario":"a","gomaxprocs":2,"runs":3,"go":"go1.19.8","outcomes":{"clean":2}}` + "\n", "outcomes add up to 2, want 3"},
		{`{"scenario":"a","gomaxprocs":2,"runs":1,"go":"go1.19.8","outcomes":{"lost update + clean":1}}` + "\n", "outcome"},
		{`{"scenario":"a","gomaxprocs":2,"runs":1,"go":"go1.19.8","outcomes":{"clean":1},"extra":1}` + "\n", "fields"},
		{good + "\nnot json\n", "line 2"},
		{`{"scenario":"a","gomaxprocs":2,"runs":3,"go":"go1.26.10","outcomes":{"clean":2,"duplicate key + foreign key":1}}` + "\n", "outcome"},
	} {
		path := filepath.Join(dir, "races.json")
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		rs, err := ReadResults(path)
		if c.err == "" {
			if err != nil || len(rs) != 1 || rs[0].Outcomes["clean"] != 2 {
				t.Errorf("%q: %v %v", c.text, rs, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: err %v, want one containing %q", c.text, err, c.err)
		}
	}
}

func TestDeath(t *testing.T) {
	for _, c := range []struct{ stderr, want string }{
		{"fatal error: concurrent map writes\n\ngoroutine 7 [running]:\n", "fatal: concurrent map writes"},
		{"fatal error: concurrent map read and map write\nfatal error: concurrent map writes\n", "fatal: concurrent map read and map write"},
		{"fatal error: bad map state\n", "fatal: bad map state"},
		{"panic: runtime error: index out of range\n\ngoroutine 1", "crash: panic: runtime error: index out of range"},
		{"", "crash: child exited before finishing its runs"},
	} {
		if got := Death(c.stderr, nil); got != c.want {
			t.Errorf("Death(%q) = %q, want %q", c.stderr, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	if ps, err := ParseProcs("2, 4"); err != nil || !reflect.DeepEqual(ps, []int{2, 4}) {
		t.Errorf("ParseProcs: %v %v", ps, err)
	}
	if _, err := ParseProcs("2,0"); err == nil {
		t.Error("ParseProcs accepted 0")
	}
	all := testHost.Scenarios
	if scs, err := ParseScenarios("", all); err != nil || len(scs) != len(all) {
		t.Errorf("ParseScenarios(\"\"): %v %v", scs, err)
	}
	if scs, err := ParseScenarios("test-panic, mutex-sets", all); err != nil || len(scs) != 2 || scs[0] != testPanic || scs[1] != mutexSets {
		t.Errorf("ParseScenarios: %v %v", scs, err)
	}
	_, err := ParseScenarios("nope", all)
	if err == nil || err.Error() != `unknown race scenario "nope" (known: mutex-sets, test-hang, test-panic)` {
		t.Errorf("ParseScenarios(nope): %v", err)
	}
}
