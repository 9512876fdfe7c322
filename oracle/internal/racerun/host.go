package racerun

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"maplab/oracle/internal/cli"
)

// ChildFlag is the first argument of a race child: the oracle re-executed as
//
//	oracle -races-child SCENARIO -runs N -procs P -seed S
//
// (GOMAXPROCS=P also set in its environment by the parent). It runs the scenario N times
// in a row and writes one line "run <outcome>" per finished run, each with its own write to
// stdout (no buffering), so that when a run dies with a fatal error the parent knows how
// many runs came before it. Not in -help.
const ChildFlag = "-races-child"

// IsChild reports whether the process was started as a race child.
func IsChild() bool { return len(os.Args) > 1 && os.Args[1] == ChildFlag }

// Host is what oracle -races needs from the oracle that hosts it.
type Host struct {
	Scenarios    []*Scenario                               // every scenario it knows, in order
	NameWidth    int                                       // width of the scenario column it prints
	CheckLayouts func() error                              // its check of its mirrors of the runtime's structures
	Once         func(sc *Scenario, rng *rand.Rand) string // one run in this process, classified
}

// Main is oracle -races DIR with the flags -runs, -procs, -scenarios and -seed: it runs the
// scenarios, prints the table and a summary line.
func (h Host) Main(dir string, runs int, procs, names string, seed int64) {
	cli.CheckRuntime(h.CheckLayouts)
	if runs < 1 {
		cli.Fail("-runs %d: want at least 1", runs)
	}
	ps, err := ParseProcs(procs)
	if err != nil {
		cli.Fail("%v", err)
	}
	scs, err := ParseScenarios(names, h.Scenarios)
	if err != nil {
		cli.Fail("%v", err)
	}
	exe, err := os.Executable()
	if err != nil {
		cli.Fail("%v", err)
	}
	begin := time.Now()
	results, err := Run(dir, Options{Exe: exe, Runs: runs, Procs: ps, Scenarios: scs, Seed: seed,
		Progress: os.Stderr, NameWidth: h.NameWidth})
	if err != nil {
		cli.Fail("races: %v", err)
	}
	PrintTable(os.Stdout, results, h.NameWidth)
	fmt.Printf("%s: %d runs per configuration, %s; wrote %s in %.1fs\n", runtime.Version(), runs,
		runtime.GOARCH, filepath.Join(dir, "races.json"), time.Since(begin).Seconds())
}

// ChildMain runs the child; args are the arguments after ChildFlag.
func (h Host) ChildMain(args []string) {
	if len(args) < 1 {
		cli.Fail("%s: missing scenario", ChildFlag)
	}
	sc, ok := Find(h.Scenarios, args[0])
	if !ok {
		cli.Fail("%s: unknown scenario %q", ChildFlag, args[0])
	}
	fs := flag.NewFlagSet(ChildFlag, flag.ExitOnError)
	runs := fs.Int("runs", 1, "runs")
	procs := fs.Int("procs", 0, "GOMAXPROCS (0: leave as is)")
	seed := fs.Int64("seed", 1, "seed of the random delays")
	fs.Parse(args[1:])
	cli.CheckRuntime(h.CheckLayouts)
	if *procs > 0 {
		runtime.GOMAXPROCS(*procs)
	}
	rng := rand.New(rand.NewSource(*seed))
	for i := 0; i < *runs; i++ {
		out := h.Once(sc, rng)
		if _, err := os.Stdout.WriteString("run " + out + "\n"); err != nil {
			os.Exit(2)
		}
	}
}
