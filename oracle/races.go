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
// re-executed with -races-child, races_child.go); the parent (runRaces) counts
// the lines a child prints, attributes the child's death to the run in progress
// and starts a new child for the remaining runs.
//
// Scenario names and outcome classes are a contract with the Java side.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// raceOp is one map operation of a goroutine, for the sequential-order
// enumeration of the lost-update check. Writes always store value = key.
type raceOp struct {
	kind byte // 's' m[key]=key, 'd' delete(m,key), 'g' m[key], 'i' range m
	key  uint64
}

type raceScenario struct {
	name    string
	doc     string
	initial []uint64   // inserted (k -> k) by the main goroutine before the goroutines start
	progs   [][]raceOp // each goroutine's operations, in program order
	// build returns the goroutine bodies for map m (already holding initial);
	// body i performs progs[i] with ordinary, non-generic map code, so the compiler
	// emits mapassign_fast64 / mapaccess1_fast64 / mapdelete_fast64 / mapiterinit.
	build func(m map[uint64]uint64) []func()
}

// raceSink keeps read results alive (atomic: the goroutines write it concurrently).
var raceSink uint64

func rset(k uint64) raceOp { return raceOp{'s', k} }

var raceScenarios = []*raceScenario{
	{name: "two-inserts-empty", doc: "make(map) without hint (buckets nil); G1 m[1]=1, G2 m[2]=2",
		progs: [][]raceOp{{rset(1)}, {rset(2)}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){func() { m[1] = 1 }, func() { m[2] = 2 }}
		}},
	{name: "two-inserts", doc: "initial {100}; G1 m[1]=1, G2 m[2]=2",
		initial: []uint64{100},
		progs:   [][]raceOp{{rset(1)}, {rset(2)}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){func() { m[1] = 1 }, func() { m[2] = 2 }}
		}},
	{name: "insert-and-lookup", doc: "initial {100}; G1 m[1]=1, G2 v := m[100]",
		initial: []uint64{100},
		progs:   [][]raceOp{{rset(1)}, {{'g', 100}}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){
				func() { m[1] = 1 },
				func() { v := m[100]; atomic.AddUint64(&raceSink, v) },
			}
		}},
	{name: "iterate-and-insert", doc: "initial {100,101,102}; G1 for k, v := range m {sum += k+v}, G2 m[1]=1",
		initial: []uint64{100, 101, 102},
		progs:   [][]raceOp{{{'i', 0}}, {rset(1)}},
		build: func(m map[uint64]uint64) []func() {
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
		}},
	{name: "insert-and-delete", doc: "initial {100,101}; G1 delete(m,100), G2 m[1]=1",
		initial: []uint64{100, 101},
		progs:   [][]raceOp{{{'d', 100}}, {rset(1)}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){func() { delete(m, 100) }, func() { m[1] = 1 }}
		}},
	{name: "three-inserts-growth", doc: "initial 100..112 (13 keys, B=1; the 14th key starts a growth in Go 1.19); G1..G3 m[i]=i",
		initial: rangeKeys(100, 112),
		progs:   [][]raceOp{{rset(1)}, {rset(2)}, {rset(3)}},
		build: func(m map[uint64]uint64) []func() {
			return []func(){func() { m[1] = 1 }, func() { m[2] = 2 }, func() { m[3] = 3 }}
		}},
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

// raceMaxDelay is R: after the start barrier each goroutine spins a random
// 0..R iterations of spinDelay (about 0.35 ns each on the 2-core EPYC VM this was
// tuned on, so 0..~100 ns) before its operations. A map operation takes tens of
// nanoseconds and the goroutines leave the barrier within a few hundred of each
// other, so the relative offset ranges over partial, full and no overlap. (Measured with two
// goroutines and a 50-iteration critical section: R 0 → 36–42% overlapping runs,
// 300 → 11–16%, 1000 → 2–6%.)
const raceMaxDelay = 300

// raceYieldEvery: a goroutine waiting at the start barrier calls runtime.Gosched
// after this many spins (~20–60 µs). It must be long: a goroutine that yields
// sooner tends to end up sharing one P with the goroutine it waits for, and the
// two then run one after the other (1024 gave under 1% overlapping runs).
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

// runRaceOnce runs one scenario once in this process and classifies the result.
// A fatal error kills the process instead of returning.
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
			// The start barrier: the last goroutine to arrive sets the flag, the
			// others spin on it, so all that hold a P leave it within nanoseconds.
			// (Main setting it would put a scheduler switch, main parking in
			// wg.Wait, between the release of the goroutine sharing main's P and
			// the others; overlaps then almost never happen.) The spin yields now
			// and then: with more goroutines than Ps a pure spin would hold a P
			// until the 10 ms async preemption.
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

// classifyRace classifies the final state of m after a run of sc (called after
// wg.Wait, so ordered after every goroutine's operations):
//   - duplicate key: a key in more than one live slot (tophash >= minTopHash) of
//     the current array with its overflow chains and the old buckets that are not
//     evacuated (tophash[0] in 2..4 marks an evacuated old bucket);
//   - unreachable key: a key in a live slot for which `_, ok := m[k]` is false;
//   - lost update: the contents observed through `v, ok := m[k]` for every key of
//     the scenario differ from the final contents of every sequential order of
//     the goroutines' operations (raceFinals);
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

// raceFinals returns the final contents (raceContents over raceKeys) of every
// interleaving of the goroutines' operations that keeps each goroutine's program
// order, starting from the initial entries.
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

// ---- the parent: child processes, attribution, races.json ----

// runRacesMain is oracle -races DIR (flags parsed in main.go).
func runRacesMain(dir string, runs int, procs, names string, seed int64) {
	if runtime.GOARCH != "amd64" {
		fail("the oracle reads amd64 layouts; this is %s", runtime.GOARCH)
	}
	if err := checkLayouts(); err != nil {
		fail("%s (%s): %v", runtime.Version(), "layout.go", err)
	}
	if runs < 1 {
		fail("-runs %d: want at least 1", runs)
	}
	ps, err := parseRaceProcs(procs)
	if err != nil {
		fail("%v", err)
	}
	scs, err := parseRaceScenarios(names)
	if err != nil {
		fail("%v", err)
	}
	exe, err := os.Executable()
	if err != nil {
		fail("%v", err)
	}
	begin := time.Now()
	results, err := runRaces(dir, raceOptions{exe: exe, runs: runs, procs: ps, scenarios: scs, seed: seed, progress: os.Stderr})
	if err != nil {
		fail("races: %v", err)
	}
	printRaceTable(os.Stdout, results)
	fmt.Printf("%s: %d runs per configuration, %s; wrote %s in %.1fs\n", runtime.Version(), runs,
		runtime.GOARCH, filepath.Join(dir, "races.json"), time.Since(begin).Seconds())
}

type raceOptions struct {
	exe         string // the binary to re-execute as a child (os.Executable())
	runs        int
	procs       []int
	scenarios   []*raceScenario
	seed        int64
	hangTimeout time.Duration // a child that reports no finished run for this long is killed
	progress    io.Writer     // optional: one line per configuration as it completes
}

type raceResult struct {
	Scenario   string         `json:"scenario"`
	Gomaxprocs int            `json:"gomaxprocs"`
	Runs       int            `json:"runs"`
	Go         string         `json:"go"`
	Outcomes   map[string]int `json:"outcomes"`
	children   int
	elapsed    time.Duration
}

// runRaces runs every scenario at every GOMAXPROCS value and writes DIR/races.json.
func runRaces(dir string, o raceOptions) ([]raceResult, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if o.hangTimeout == 0 {
		o.hangTimeout = 5 * time.Second
	}
	seeds := rand.New(rand.NewSource(o.seed))
	var results []raceResult
	var buf bytes.Buffer
	for _, sc := range o.scenarios {
		for _, p := range o.procs {
			r, err := runRaceConfig(o, sc, p, seeds)
			if err != nil {
				return results, fmt.Errorf("%s at GOMAXPROCS %d: %v", sc.name, p, err)
			}
			results = append(results, r)
			line, err := json.Marshal(r)
			if err != nil {
				return results, err
			}
			buf.Write(line)
			buf.WriteByte('\n')
			if o.progress != nil {
				fmt.Fprintf(o.progress, "%-22s GOMAXPROCS=%d  %d runs in %d child(ren), %.1fs\n",
					sc.name, p, r.Runs, r.children, r.elapsed.Seconds())
			}
		}
	}
	path := filepath.Join(dir, "races.json")
	if err := os.WriteFile(path+".tmp", buf.Bytes(), 0o644); err != nil {
		return results, err
	}
	return results, os.Rename(path+".tmp", path)
}

func runRaceConfig(o raceOptions, sc *raceScenario, procs int, seeds *rand.Rand) (raceResult, error) {
	r := raceResult{Scenario: sc.name, Gomaxprocs: procs, Runs: o.runs, Go: runtime.Version(), Outcomes: map[string]int{}}
	begin := time.Now()
	done := 0
	for done < o.runs {
		r.children++
		finished, death, err := runRaceChild(o.exe, sc.name, procs, o.runs-done, seeds.Int63(), o.hangTimeout)
		if err != nil {
			return r, err
		}
		for _, out := range finished {
			r.Outcomes[out]++
		}
		done += len(finished)
		if death != "" {
			r.Outcomes[death]++
			done++
		}
	}
	r.elapsed = time.Since(begin)
	return r, nil
}

// cappedBuffer keeps the first max bytes written to it and discards the rest.
type cappedBuffer struct {
	bytes.Buffer
	max int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		if len(p) > room {
			c.Buffer.Write(p[:room])
		} else {
			c.Buffer.Write(p)
		}
	}
	return len(p), nil
}

// runRaceChild runs up to runs runs of scenario in one child process at GOMAXPROCS
// procs. It returns the outcomes of the runs the child finished and, if the child
// died or hung before finishing them all, the outcome of the run in progress
// ("fatal: <msg>", "crash: <first line>" or "hang").
func runRaceChild(exe, scenario string, procs, runs int, seed int64, hangTimeout time.Duration) (finished []string, death string, err error) {
	cmd := exec.Command(exe, raceChildFlag, scenario,
		"-runs", strconv.Itoa(runs), "-procs", strconv.Itoa(procs), "-seed", strconv.FormatInt(seed, 10))
	env := []string{"GOMAXPROCS=" + strconv.Itoa(procs)}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GOMAXPROCS=") && !strings.HasPrefix(e, "GOTRACEBACK=") && !strings.HasPrefix(e, "GODEBUG=") {
			env = append(env, e)
		}
	}
	cmd.Env = env
	stderr := &cappedBuffer{max: 64 << 10}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	hung := false
	timer := time.NewTimer(hangTimeout)
	defer timer.Stop()
	var bad []string
read:
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				break read
			}
			if out := strings.TrimPrefix(line, "run "); out != line {
				finished = append(finished, out)
			} else {
				bad = append(bad, line)
			}
			if !timer.Stop() {
				<-timer.C
			}
			timer.Reset(hangTimeout)
		case <-timer.C:
			hung = true
			cmd.Process.Kill() // the child we started; its stdout then ends
			for range lines {
			}
			break read
		}
	}
	waitErr := cmd.Wait()
	if len(bad) > 0 {
		return finished, "", fmt.Errorf("child printed unexpected line %q (stderr: %s)", bad[0], firstLine(stderr.String()))
	}
	if len(finished) > runs {
		return finished, "", fmt.Errorf("child reported %d runs, asked for %d", len(finished), runs)
	}
	if len(finished) == runs {
		return finished, "", nil
	}
	switch {
	case hung:
		death = "hang"
	default:
		death = raceDeath(stderr.String(), waitErr)
		if strings.HasPrefix(death, "crash: oracle: ") {
			// The child refused to run (bad flags, layout check): not a race outcome.
			return finished, "", fmt.Errorf("child failed: %s", strings.TrimPrefix(death, "crash: "))
		}
	}
	return finished, death, nil
}

// raceDeath names the outcome of a child that died in a run: "fatal: <msg>" for
// any of the runtime's "fatal error: <msg>" (concurrent map ..., and throws inside
// the map code such as "bad map state"), otherwise "crash: <first line of stderr>"
// (or of the exit status when stderr is empty).
func raceDeath(stderr string, waitErr error) string {
	for _, l := range strings.Split(stderr, "\n") {
		if msg := strings.TrimPrefix(l, "fatal error: "); msg != l {
			return "fatal: " + strings.TrimSpace(msg)
		}
	}
	if fl := firstLine(stderr); fl != "" {
		return "crash: " + fl
	}
	if waitErr != nil {
		return "crash: " + waitErr.Error()
	}
	return "crash: child exited before finishing its runs"
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// printRaceTable prints scenario, GOMAXPROCS, outcome and count, one outcome a line.
func printRaceTable(w io.Writer, results []raceResult) {
	fmt.Fprintf(w, "%-22s %10s  %-48s %6s\n", "scenario", "GOMAXPROCS", "outcome", "count")
	for _, r := range results {
		outs := make([]string, 0, len(r.Outcomes))
		for o := range r.Outcomes {
			outs = append(outs, o)
		}
		// Most frequent first, ties by name.
		sort.Slice(outs, func(i, j int) bool {
			if r.Outcomes[outs[i]] != r.Outcomes[outs[j]] {
				return r.Outcomes[outs[i]] > r.Outcomes[outs[j]]
			}
			return outs[i] < outs[j]
		})
		for i, o := range outs {
			name, procs := r.Scenario, strconv.Itoa(r.Gomaxprocs)
			if i > 0 {
				name, procs = "", ""
			}
			fmt.Fprintf(w, "%-22s %10s  %-48s %6d\n", name, procs, o, r.Outcomes[o])
		}
	}
}

// parseRaceProcs parses "2,4".
func parseRaceProcs(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-procs %q: want a comma-separated list of positive integers", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseRaceScenarios parses "a,b" (empty: all).
func parseRaceScenarios(s string) ([]*raceScenario, error) {
	if s == "" {
		return raceScenarios, nil
	}
	var out []*raceScenario
	for _, n := range strings.Split(s, ",") {
		sc, ok := findRaceScenario(strings.TrimSpace(n))
		if !ok {
			return nil, fmt.Errorf("unknown race scenario %q (known: %s)", n, strings.Join(raceScenarioNames(), ", "))
		}
		out = append(out, sc)
	}
	return out, nil
}
