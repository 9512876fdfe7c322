//go:build go1.24

// Command swiss records what the real Go runtime's Swiss-table map (Go 1.24, 1.25, 1.26:
// internal/runtime/maps) does, as MapLab trace files (docs/trace-format.md, version 1,
// engine "swiss"), so that the Java model can be replayed against them slot by slot.
//
// It reads the runtime's map structures through unsafe mirrors of the amd64 layouts
// (layout.go, version_*.go) and must be built with one of those toolchains, with
// optimizations on and without -race (see README.md).
//
//	oracle -out DIR [-workloads a,b,c] [-seed N] [-after all|none|final|sparse]
//	oracle -list
//	oracle -check DIR
//	oracle -memory DIR   (live map bytes and GC cycle counts for the heap model; memory.go)
//	oracle -races DIR [-runs N] [-procs 2,4] [-scenarios a,b] [-seed N]   (race scenarios; races.go)
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
	memoryStw := flag.String("memory-stw", "", "(run by -memory under GODEBUG=gcstoptheworld=1) print the GC counts as JSON")
	flag.Parse()
	if flag.NArg() > 0 {
		fail("unexpected argument %q", flag.Arg(0))
	}
	if *fl.List {
		for _, w := range workloads {
			fmt.Printf("%-28s %s\n", w.name, w.doc)
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
	if *fl.Memory != "" || *memoryStw != "" {
		cli.CheckRuntime(checkLayouts)
		if *memoryStw != "" {
			runMemoryStopTheWorld(*memoryStw)
		} else {
			runMemory(*fl.Memory)
		}
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
				fail("unknown workload %q (see -list)", n)
			}
			selected = append(selected, w)
		}
	}
	if err := os.MkdirAll(*fl.Out, 0o755); err != nil {
		fail("%v", err)
	}
	// No collection except the ones a gc operation asks for: allocation ids and "freed"
	// then depend only on the operations.
	debug.SetGCPercent(-1)
	for _, w := range selected {
		path := filepath.Join(*fl.Out, w.name+".jsonl")
		res, err := record(w, path, *fl.Seed, override)
		if err != nil {
			fail("%s: %v", w.name, err)
		}
		st, _ := os.Stat(path)
		fmt.Printf("%-28s ops=%-5d maxDirLen=%-2d maxGlobalDepth=%d bytes=%d\n", w.name, res.ops, res.maxDirLen, res.maxDepth, st.Size())
		runtime.GC()
	}
}

type result struct {
	ops       int
	maxDirLen int
	maxDepth  uint8
}

// record runs one workload into path.
func record(w workload, path string, seed int64, override afterMode) (res result, err error) {
	err = tracekit.WriteAtomically(path, func(bw *bufio.Writer) error {
		s := &session{
			name:   w.name,
			w:      bw,
			mk:     w.kind(),
			mode:   w.after,
			forced: w.forced,
			rng:    rand.New(rand.NewSource(seed)),
			keys:   tracekit.NewKeys(),
			lines:  tracekit.NewLines(bw),
			iters:  map[int]*iterState{},
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
		res = result{ops: s.i, maxDirLen: s.maxDirLen, maxDepth: s.maxDepth}
		if err != nil {
			return fmt.Errorf("after %d operations: %v", s.i, err)
		}
		return nil
	})
	return res, err
}

// fail prints "oracle: <message>" and exits 1.
func fail(format string, args ...any) { cli.Fail(format, args...) }
