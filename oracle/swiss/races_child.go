//go:build go1.24

package main

// The child side of oracle -races (as in the classic oracle): this binary re-executed as
//
//	oracle -races-child SCENARIO -runs N -procs P -seed S
//
// (GOMAXPROCS=P also set in its environment by the parent). It runs the scenario
// N times in a row and writes one line "run <outcome>" per finished run, each
// with its own write to stdout (no buffering), so that when a run dies with a
// fatal error the parent knows how many runs came before it. Not in -help.

import (
	"flag"
	"math/rand"
	"os"
	"runtime"
)

const raceChildFlag = "-races-child"

// isRaceChild reports whether the process was started as a race child.
func isRaceChild() bool { return len(os.Args) > 1 && os.Args[1] == raceChildFlag }

// raceChildMain runs the child; args are the arguments after -races-child.
func raceChildMain(args []string) {
	if len(args) < 1 {
		fail("%s: missing scenario", raceChildFlag)
	}
	sc, ok := findRaceScenario(args[0])
	if !ok {
		fail("%s: unknown scenario %q", raceChildFlag, args[0])
	}
	fs := flag.NewFlagSet(raceChildFlag, flag.ExitOnError)
	runs := fs.Int("runs", 1, "runs")
	procs := fs.Int("procs", 0, "GOMAXPROCS (0: leave as is)")
	seed := fs.Int64("seed", 1, "seed of the random delays")
	fs.Parse(args[1:])
	if runtime.GOARCH != "amd64" {
		fail("the oracle reads amd64 layouts; this is %s", runtime.GOARCH)
	}
	if err := checkLayouts(); err != nil {
		fail("%s (layout.go): %v", runtime.Version(), err)
	}
	if *procs > 0 {
		runtime.GOMAXPROCS(*procs)
	}
	rng := rand.New(rand.NewSource(*seed))
	for i := 0; i < *runs; i++ {
		out := runRaceOnce(sc, rng)
		if _, err := os.Stdout.WriteString("run " + out + "\n"); err != nil {
			os.Exit(2)
		}
	}
}
