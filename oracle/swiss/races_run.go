//go:build go1.24

package main

// The parent side of oracle -races for the Swiss oracle: child processes, attribution of a
// child's death to the run in progress, races.json. The same protocol and file format as the
// classic oracle's (races.go there), so maplab.race.RaceCheckMain reads both.

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
	"time"
)

// runRacesMain is oracle -races DIR (flags parsed in main.go).
func runRacesMain(dir string, runs int, procs, names string, seed int64) {
	if runtime.GOARCH != "amd64" {
		fail("the oracle reads amd64 layouts; this is %s", runtime.GOARCH)
	}
	if err := checkLayouts(); err != nil {
		fail("%s (layout.go): %v", runtime.Version(), err)
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
				fmt.Fprintf(o.progress, "%-24s GOMAXPROCS=%d  %d runs in %d child(ren), %.1fs\n",
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
	fmt.Fprintf(w, "%-24s %10s  %-48s %6s\n", "scenario", "GOMAXPROCS", "outcome", "count")
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
			fmt.Fprintf(w, "%-24s %10s  %-48s %6d\n", name, procs, o, r.Outcomes[o])
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
