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
	out := flag.String("out", "", "directory for the traces (DIR/<workload>.jsonl)")
	names := flag.String("workloads", "", "comma-separated workloads (default: all; see -list)")
	seed := flag.Int64("seed", 1, "math/rand seed for the workloads' key choices")
	after := flag.String("after", "", "override the \"after\" mode of workloads without iter-*/gc: all, none, final or sparse")
	list := flag.Bool("list", false, "list the workloads and exit")
	check := flag.String("check", "", "check the traces in this directory instead of recording")
	memory := flag.String("memory", "", "measure live map bytes and GC cycles into this directory instead of recording")
	memoryStw := flag.String("memory-stw", "", "(run by -memory under GODEBUG=gcstoptheworld=1) print the GC counts as JSON")
	races := flag.String("races", "", "run the race scenarios into DIR/races.json instead of recording")
	raceRuns := flag.Int("runs", 500, "-races: runs per scenario per GOMAXPROCS value")
	raceProcs := flag.String("procs", "2,4", "-races: comma-separated GOMAXPROCS values")
	raceNames := flag.String("scenarios", "", "-races: comma-separated race scenarios (default: all)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: oracle -out DIR [-workloads a,b,c] [-seed N] [-after MODE]\n       oracle -list\n       oracle -check DIR\n       oracle -memory DIR\n       oracle -races DIR [-runs N] [-procs 2,4] [-scenarios a,b] [-seed N]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		fail("unexpected argument %q", flag.Arg(0))
	}
	if *list {
		for _, w := range workloads {
			fmt.Printf("%-28s %s\n", w.name, w.doc)
		}
		return
	}
	if *check != "" {
		bad, err := checkDir(*check)
		if err != nil {
			fail("%v", err)
		}
		if bad > 0 {
			fail("%d trace(s) failed the checks", bad)
		}
		return
	}
	if *memory != "" || *memoryStw != "" {
		if runtime.GOARCH != "amd64" {
			fail("the oracle reads amd64 layouts; this is %s", runtime.GOARCH)
		}
		if err := checkLayouts(); err != nil {
			fail("%s (layout.go): %v", runtime.Version(), err)
		}
		if *memoryStw != "" {
			runMemoryStopTheWorld(*memoryStw)
		} else {
			runMemory(*memory)
		}
		return
	}
	if *races != "" {
		runRacesMain(*races, *raceRuns, *raceProcs, *raceNames, *seed)
		return
	}
	if *out == "" {
		flag.Usage()
		fail("-out is required")
	}
	if runtime.GOARCH != "amd64" {
		fail("the oracle reads amd64 layouts; this is %s", runtime.GOARCH)
	}
	if err := checkLayouts(); err != nil {
		fail("%s (layout.go): %v", runtime.Version(), err)
	}
	var override afterMode = -1
	if *after != "" {
		m, ok := afterModes[*after]
		if !ok {
			fail("-after %q: want all, none, final or sparse", *after)
		}
		override = m
	}
	selected := workloads
	if *names != "" {
		selected = nil
		for _, n := range strings.Split(*names, ",") {
			w, ok := findWorkload(strings.TrimSpace(n))
			if !ok {
				fail("unknown workload %q (see -list)", n)
			}
			selected = append(selected, w)
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail("%v", err)
	}
	// No collection except the ones a gc operation asks for: allocation ids and "freed"
	// then depend only on the operations.
	debug.SetGCPercent(-1)
	for _, w := range selected {
		path := filepath.Join(*out, w.name+".jsonl")
		res, err := record(w, path, *seed, override)
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
	// Written to a temporary name and renamed at the end, so a failed workload leaves no
	// truncated trace behind.
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return res, err
	}
	defer func() {
		f.Close()
		if err != nil {
			os.Remove(tmp)
			os.Remove(path)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
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
	err = func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				if f, ok := r.(failure); ok {
					err = fmt.Errorf("%s", f.msg)
					return
				}
				panic(r)
			}
		}()
		s.header()
		w.run(s)
		s.require(len(s.iters) == 0, "iterators left open")
		s.finish()
		return nil
	}()
	res = result{ops: s.i, maxDirLen: s.maxDirLen, maxDepth: s.maxDepth}
	if err != nil {
		return res, fmt.Errorf("after %d operations: %v", s.i, err)
	}
	if err = bw.Flush(); err != nil {
		return res, err
	}
	if err = f.Close(); err != nil {
		return res, err
	}
	return res, os.Rename(tmp, path)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "oracle: "+format+"\n", args...)
	os.Exit(1)
}
