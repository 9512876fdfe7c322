//go:build go1.24

package main

// Real-runtime measurements of the Swiss map's memory for MapLab's heap model (lib:
// maplab.memory), written by `oracle -memory DIR` as DIR/memory.json plus one binary file of
// hashes per phase (little-endian uint64, one per key, computed with the map's own hasher
// under the seed in force when the phase ran), so that the Java model replays the same map.
// The format is the classic oracle's (oracle/memory.go), with the Swiss map's end state in
// place of the classic one's and a "mark" field on the GC counts.
//
//   - live: the bytes one map keeps alive: runtime.MemStats.HeapAlloc after two forced
//     collections with the map reachable, minus the same after dropping it (a warm-up pass
//     runs first). An open iterator (reflect.MapIter) stays referenced across the first
//     reading and is cut from the map (MapIter.Reset) before the second.
//   - gc: the number of GC cycles (NumGC) while 10^6 keys go into a new map[uint64]uint64 at
//     a given GOGC, from a state just after runtime.GC() and SetGCPercent; once with the
//     ordinary concurrent collector ("concurrent") and once in a child process run with
//     GODEBUG=gcstoptheworld=1 ("stw"), where every mark phase stops the world (see
//     docs/memory.md for why only the second is bounded).

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"unsafe"

	"maplab/oracle/internal/memkit"
)

// memPhase is memkit's phase; the Swiss oracle adds two: iter (start a range loop:
// MapRange and its first Next, the loop left standing on that entry) and iterdone (run that
// loop to its end, the iterator still referenced).
type memPhase = memkit.Phase

// memLive is one live workload: memkit's fields, then the runtime's map at the end, for a
// sanity check of the replay: Map.used, dirLen, globalDepth and the number of distinct tables
// in the directory.
type memLive struct {
	memkit.Live
	Count       int   `json:"count"`
	DirLen      int   `json:"dirLen"`
	GlobalDepth uint8 `json:"globalDepth"`
	Tables      int   `json:"tables"`
}

type memGC struct {
	Name string `json:"name"`
	Gogc int    `json:"gogc"`
	N    int    `json:"n"`
	Mark string `json:"mark"` // "concurrent" or "stw" (GODEBUG=gcstoptheworld=1)
	memkit.GCCount
	Hashes string `json:"hashes"`
}

type memReport struct {
	Go     string    `json:"go"`
	Goarch string    `json:"goarch"`
	GC     []memGC   `json:"gc"`
	Live   []memLive `json:"live"`
}

// memIter holds a workload's open iterator.
var memIter *reflect.MapIter

// memEngine reads the hasher and seed of the measured map through the mirrors, runs the
// iterator phases and cuts the iterator from the map before the reading without it.
var memEngine = memkit.Engine{
	Hasher: func(m any) func(unsafe.Pointer) uintptr {
		t, seed := mapTypeOf(m), mapOf(m).seed
		return func(k unsafe.Pointer) uintptr { return t.hasher(k, seed) }
	},
	Phase: func(p memPhase, m any) bool {
		switch p.Op {
		case "iter":
			memIter = reflect.ValueOf(m).MapRange()
			memIter.Next()
		case "iterdone":
			for memIter.Next() {
			}
		default:
			return false
		}
		return true
	},
	Release: func() {
		if memIter != nil {
			memIter.Reset(reflect.Value{})
		}
	},
	Fail: fail,
}

var (
	memSet      = memkit.Set
	memDel      = memkit.Delete
	memClear    = memkit.Clear
	memIterOpen = memPhase{Op: "iter"}
	memIterDone = memPhase{Op: "iterdone"}
)

func ph(p ...memPhase) []memPhase { return p }

// memLiveWorkloads: the small map (empty, one group, grown to a table), table growth by
// doubling and by splitting, hints, deletes, clear, open iterators pinning a replaced group or
// table, and the key/elem types that change the slot (string keys, empty elems, elems over
// 128 bytes stored indirectly); sizes up to 10^6.
func memLiveWorkloads(dir string) []memLive {
	u, s, e, b := "uint64", "string", "struct{}", "[200]byte"
	return []memLive{
		measureMem(dir, "u64-u64-empty", u, u, -1, ph(), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-5", u, u, -1, ph(memSet(0, 5)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-8", u, u, -1, ph(memSet(0, 8)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-9-grown-to-table", u, u, -1, ph(memSet(0, 9)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-800-doublings", u, u, -1, ph(memSet(0, 800)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-5000-split", u, u, -1, ph(memSet(0, 5000)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-1000000", u, u, -1, ph(memSet(0, 1000000)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-hint-8", u, u, 8, ph(memSet(0, 8)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-hint-1000", u, u, 1000, ph(memSet(0, 1000)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-hint-100000", u, u, 100000, ph(memSet(0, 100000)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-100000-delete-half", u, u, -1, ph(memSet(0, 100000), memDel(0, 50000)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-100000-clear", u, u, -1, ph(memSet(0, 100000), memClear, memSet(100000, 100500)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-3000-delete-all", u, u, -1, ph(memSet(0, 3000), memDel(0, 3000)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-8-iter-small-grown", u, u, -1, ph(memSet(0, 8), memIterOpen, memSet(8, 9)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-8-iter-small-finished", u, u, -1, ph(memSet(0, 8), memIterOpen, memSet(8, 9), memIterDone), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-800-iter-split", u, u, -1, ph(memSet(0, 800), memIterOpen, memSet(800, 900)), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "u64-u64-800-iter-split-finished", u, u, -1, ph(memSet(0, 800), memIterOpen, memSet(800, 900), memIterDone), memkit.U64Key, memkit.U64Elem),
		measureMem(dir, "str-u64-20000", s, u, -1, ph(memSet(0, 20000)), memkit.StrKey, memkit.U64Elem),
		measureMem(dir, "str-str-3000", s, s, -1, ph(memSet(0, 3000)), memkit.StrKey, memkit.StrElem),
		measureMem(dir, "str-str-hint-5", s, s, 5, ph(memSet(0, 5)), memkit.StrKey, memkit.StrElem),
		measureMem(dir, "u64-empty-50000", u, e, -1, ph(memSet(0, 50000)), memkit.U64Key, memkit.EmptyElem),
		measureMem(dir, "u64-big-5", u, b, -1, ph(memSet(0, 5)), memkit.U64Key, memkit.BigElem),
		measureMem(dir, "u64-big-5000", u, b, -1, ph(memSet(0, 5000)), memkit.U64Key, memkit.BigElem),
		measureMem(dir, "u64-big-hint-3000", u, b, 3000, ph(memSet(0, 3000)), memkit.U64Key, memkit.BigElem),
		measureMem(dir, "u64-big-5000-delete-half", u, b, -1, ph(memSet(0, 5000), memDel(0, 2500)), memkit.U64Key, memkit.BigElem),
		measureMem(dir, "u64-big-3000-clear", u, b, -1, ph(memSet(0, 3000), memClear), memkit.U64Key, memkit.BigElem),
		measureMem(dir, "u64-big-3000-delete-all", u, b, -1, ph(memSet(0, 3000), memDel(0, 3000)), memkit.U64Key, memkit.BigElem),
		measureMem(dir, "u64-big-800-iter-split", u, b, -1, ph(memSet(0, 800), memIterOpen, memSet(800, 900)), memkit.U64Key, memkit.BigElem),
	}
}

// measureMem is memkit.MeasureLive with the Swiss map's end state; clear is the builtin.
func measureMem[K comparable, V any](dir, name, kt, et string, hint int, phases []memPhase,
	key func(int) K, elem func(int) V) memLive {
	var res memLive
	res.Live = memkit.MeasureLive(dir, name, kt, et, hint, phases, key, elem, func(m map[K]V) { clear(m) }, memEngine, func(m any) {
		sm := mapOf(m)
		res.Count, res.DirLen, res.GlobalDepth = int(sm.used), sm.dirLen, sm.globalDepth
		var last *table
		for i := 0; i < sm.dirLen; i++ {
			if tab := sm.directoryAt(i); tab != last {
				res.Tables++
				last = tab
			}
		}
	})
	memIter = nil
	return res
}

// measureMemGC counts the cycles the runtime runs while n keys go into a new
// map[uint64]uint64 with GOGC=gogc and nothing else allocating.
func measureMemGC(dir, mark string, gogc, n int) memGC {
	res := memGC{Name: fmt.Sprintf("gc-u64-%d-gogc%d-%s", n, gogc, mark), Gogc: gogc, N: n, Mark: mark}
	res.Hashes = res.Name + ".hashes"
	res.GCCount = memkit.CountGC(dir, res.Hashes, gogc, n, memEngine)
	return res
}

// memGCCounts: the cycle counts at GOGC 50, 100 and 400.
func memGCCounts(dir, mark string) []memGC {
	var out []memGC
	for _, g := range []int{50, 100, 400} {
		out = append(out, measureMemGC(dir, mark, g, 1000000))
	}
	debug.SetGCPercent(-1)
	return out
}

// memStopTheWorldChild runs this oracle again with GODEBUG=gcstoptheworld=1 (read once, at
// start-up) to count cycles whose marks stop the world; the child prints its counts as JSON.
func memStopTheWorldChild(dir string) []memGC {
	self, err := os.Executable()
	if err != nil {
		fail("cannot find the oracle's own binary for the stop-the-world run: %v", err)
	}
	cmd := exec.Command(self, "-memory-stw", dir)
	godebug := "gcstoptheworld=1"
	if old := os.Getenv("GODEBUG"); old != "" {
		godebug = old + "," + godebug
	}
	cmd.Env = append(os.Environ(), "GODEBUG="+godebug)
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		fail("the stop-the-world run (%s -memory-stw %s) failed: %v", self, dir, err)
	}
	var out []memGC
	if err := json.Unmarshal(outb, &out); err != nil {
		fail("the stop-the-world run printed no GC counts: %v", err)
	}
	return out
}

// runMemoryStopTheWorld is the child's side: its counts, as JSON on stdout.
func runMemoryStopTheWorld(dir string) {
	debug.SetGCPercent(-1)
	b, err := json.Marshal(memGCCounts(dir, "stw"))
	if err != nil {
		fail("%v", err)
	}
	os.Stdout.Write(append(b, '\n'))
}

// runMemory writes DIR/memory.json and the hash files. memory.json is written last, after
// every reading, so that a failed run leaves no report.
func runMemory(dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail("%v", err)
	}
	rep := memReport{Go: runtime.Version(), Goarch: runtime.GOARCH}
	debug.SetGCPercent(-1)
	// The cycle counts first, while the rest of the heap is only the runtime's and the oracle's.
	rep.GC = append(memGCCounts(dir, "concurrent"), memStopTheWorldChild(dir)...)
	// A first pass warms the runtime up: some of its own objects are allocated lazily, the
	// first time a path runs. Only the second pass is reported; it overwrites the first
	// pass's hash files.
	memLiveWorkloads(dir)
	rep.Live = memLiveWorkloads(dir)
	b, err := json.MarshalIndent(rep, "", " ")
	if err != nil {
		fail("%v", err)
	}
	memkit.WriteFile(filepath.Join(dir, "memory.json"), append(b, '\n'), fail)
	for _, g := range rep.GC {
		fmt.Printf("%-34s GOGC=%-4d NumGC=%d\n", g.Name, g.Gogc, g.NumGC)
	}
	for _, l := range rep.Live {
		fmt.Printf("%-34s %10d bytes  used=%d dirLen=%d tables=%d\n", l.Name, l.Bytes, l.Count, l.DirLen, l.Tables)
	}
}
