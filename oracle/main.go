//go:build !go1.24

// Command oracle records what the real Go runtime's classic (bucket) map does, as
// MapLab trace files (../docs/trace-format.md, version 1, engine "classic"), so
// that the Java model can be replayed against them slot by slot.
//
// It reads the runtime's internal map structures through unsafe mirrors of the
// amd64 layouts of Go 1.19–1.23 (layout.go) and must be built with one of those
// toolchains, with optimizations on and without -race (see README.md).
//
//	oracle -out DIR [-workloads a,b,c] [-seed N] [-after all|none|final|sparse]
//	oracle -list
//	oracle -check DIR
//	oracle -memory DIR   (live map bytes and GC cycle counts for the heap model; memory.go)
//	oracle -races DIR [-runs N] [-procs 2,4] [-scenarios a,b]   (race scenarios; races.go)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"maplab/oracle/internal/cli"
	"maplab/oracle/internal/tracekit"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
)

func main() {
	if isRaceChild() {
		raceChildMain(os.Args[2:])
		return
	}
	fl := cli.Define()
	flag.Parse()
	if flag.NArg() > 0 {
		fail("unexpected argument %q", flag.Arg(0))
	}
	if *fl.List {
		for _, w := range workloads {
			fmt.Printf("%-26s %s\n", w.name, w.doc)
		}
		return
	}
	if *fl.Check != "" {
		bad, err := checkDir(*fl.Check)
		if err != nil {
			fail("%v", err)
		}
		if bad > 0 {
			fail("%d trace(s) failed the checks", bad)
		}
		return
	}
	if *fl.Memory != "" {
		cli.CheckRuntime(checkLayouts)
		runMemory(*fl.Memory)
		return
	}
	if *fl.Races != "" {
		runRacesMain(*fl.Races, *fl.Runs, *fl.Procs, *fl.Scenarios, *fl.Seed)
		return
	}
	if *fl.Out == "" {
		flag.Usage()
		fail("-out is required")
	}
	cli.CheckRuntime(checkLayouts)
	override := cli.Override(*fl.After)
	selected := workloads
	if *fl.Workloads != "" {
		selected = nil
		for _, n := range strings.Split(*fl.Workloads, ",") {
			w, ok := findWorkload(strings.TrimSpace(n))
			if !ok {
				fail("unknown workload %q (known: %s)", n, strings.Join(sortedNames(), ", "))
			}
			selected = append(selected, w)
		}
	}
	if err := os.MkdirAll(*fl.Out, 0o755); err != nil {
		fail("%v", err)
	}
	// No collection except the ones a gc operation asks for: allocation ids and
	// "freed" then depend only on the operations. The workloads are small.
	debug.SetGCPercent(-1)
	for _, w := range selected {
		path := filepath.Join(*fl.Out, w.name+".jsonl")
		ops, maxB, err := record(w, path, *fl.Seed, override)
		if err != nil {
			fail("%s: %v", w.name, err)
		}
		st, _ := os.Stat(path)
		fmt.Printf("%-26s ops=%-5d maxB=%-2d bytes=%d\n", w.name, ops, maxB, st.Size())
		runtime.GC()
	}
}

// record runs one workload into path.
func record(w workload, path string, seed int64, override afterMode) (ops int, maxB uint8, err error) {
	err = tracekit.WriteAtomically(path, func(bw *bufio.Writer) error {
		s := &session{
			name:             w.name,
			w:                bw,
			mk:               w.kind(),
			mode:             w.after,
			forced:           w.forced,
			sparseMaxBuckets: w.sparseMaxBuckets,
			rng:              rand.New(rand.NewSource(seed)),
			keys:             tracekit.NewKeys(),
			lines:            tracekit.NewLines(bw),
			iters:            map[int]*iterState{},
		}
		if override >= 0 && !w.forced {
			s.mode = override
		}
		s.t = mapTypeOf(s.mk.iface())
		err := tracekit.Catch(func() {
			s.header()
			w.run(s)
			s.require(len(s.iters) == 0, "iterators left open")
			s.finish()
		})
		ops, maxB = s.i, s.maxB
		if err != nil {
			return fmt.Errorf("after %d operations: %v", s.i, err)
		}
		if s.alloc != nil && s.alloc.ambiguousOrder > 0 {
			fmt.Fprintf(os.Stderr, "oracle: %s: %d operations allocated several overflow buckets in a pointerful map; their ids follow chain order\n",
				w.name, s.alloc.ambiguousOrder)
		}
		return nil
	})
	return ops, maxB, err
}

// fail prints "oracle: <message>" and exits 1.
func fail(format string, args ...any) { cli.Fail(format, args...) }
