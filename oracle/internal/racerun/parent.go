package racerun

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

// Options of one oracle -races run.
type Options struct {
	Exe         string // the binary to re-execute as a child (os.Executable())
	Runs        int
	Procs       []int
	Scenarios   []*Scenario
	Seed        int64
	HangTimeout time.Duration // a child that reports no finished run for this long is killed (0: 5 s)
	Progress    io.Writer     // optional: one line per configuration as it completes
	NameWidth   int           // width of the scenario column of the progress lines
}

// Result is one line of races.json: the outcomes of Runs runs of one scenario at one
// GOMAXPROCS value.
type Result struct {
	Scenario   string         `json:"scenario"`
	Gomaxprocs int            `json:"gomaxprocs"`
	Runs       int            `json:"runs"`
	Go         string         `json:"go"`
	Outcomes   map[string]int `json:"outcomes"`
	Children   int            `json:"-"` // child processes it took (each death starts a new one)
	Elapsed    time.Duration  `json:"-"`
}

// Run runs every scenario at every GOMAXPROCS value in child processes and writes
// DIR/races.json (through a temporary file, so no half-written file is left behind).
func Run(dir string, o Options) ([]Result, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if o.HangTimeout == 0 {
		o.HangTimeout = 5 * time.Second
	}
	seeds := rand.New(rand.NewSource(o.Seed))
	var results []Result
	var buf bytes.Buffer
	for _, sc := range o.Scenarios {
		for _, p := range o.Procs {
			r, err := runConfig(o, sc, p, seeds)
			if err != nil {
				return results, fmt.Errorf("%s at GOMAXPROCS %d: %v", sc.Name, p, err)
			}
			results = append(results, r)
			line, err := json.Marshal(r)
			if err != nil {
				return results, err
			}
			buf.Write(line)
			buf.WriteByte('\n')
			if o.Progress != nil {
				fmt.Fprintf(o.Progress, "%-*s GOMAXPROCS=%d  %d runs in %d child(ren), %.1fs\n",
					o.NameWidth, sc.Name, p, r.Runs, r.Children, r.Elapsed.Seconds())
			}
		}
	}
	path := filepath.Join(dir, "races.json")
	if err := os.WriteFile(path+".tmp", buf.Bytes(), 0o644); err != nil {
		return results, err
	}
	return results, os.Rename(path+".tmp", path)
}

// runConfig runs o.Runs runs of sc at GOMAXPROCS procs, in as many children as it takes.
func runConfig(o Options, sc *Scenario, procs int, seeds *rand.Rand) (Result, error) {
	r := Result{Scenario: sc.Name, Gomaxprocs: procs, Runs: o.Runs, Go: runtime.Version(), Outcomes: map[string]int{}}
	begin := time.Now()
	done := 0
	for done < o.Runs {
		r.Children++
		finished, death, err := runChild(o.Exe, sc.Name, procs, o.Runs-done, seeds.Int63(), o.HangTimeout)
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
	r.Elapsed = time.Since(begin)
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

// runChild runs up to runs runs of scenario in one child process at GOMAXPROCS
// procs. It returns the outcomes of the runs the child finished and, if the child
// died or hung before finishing them all, the outcome of the run in progress
// ("fatal: <msg>", "crash: <first line>" or "hang").
func runChild(exe, scenario string, procs, runs int, seed int64, hangTimeout time.Duration) (finished []string, death string, err error) {
	cmd := exec.Command(exe, ChildFlag, scenario,
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
		death = Death(stderr.String(), waitErr)
		if strings.HasPrefix(death, "crash: oracle: ") {
			// The child refused to run (bad flags, layout check): not a race outcome.
			return finished, "", fmt.Errorf("child failed: %s", strings.TrimPrefix(death, "crash: "))
		}
	}
	return finished, death, nil
}

// Death names the outcome of a child that died in a run: "fatal: <msg>" for
// any of the runtime's "fatal error: <msg>" (concurrent map ..., and throws inside
// the map code such as "bad map state"), otherwise "crash: <first line of stderr>"
// (or of the exit status when stderr is empty).
func Death(stderr string, waitErr error) string {
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

// PrintTable prints scenario, GOMAXPROCS, outcome and count, one outcome a line, the
// scenario column nameWidth wide.
func PrintTable(w io.Writer, results []Result, nameWidth int) {
	fmt.Fprintf(w, "%-*s %10s  %-48s %6s\n", nameWidth, "scenario", "GOMAXPROCS", "outcome", "count")
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
			fmt.Fprintf(w, "%-*s %10s  %-48s %6d\n", nameWidth, name, procs, o, r.Outcomes[o])
		}
	}
}

// ParseProcs parses the -procs flag "2,4".
func ParseProcs(s string) ([]int, error) {
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
