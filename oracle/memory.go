//go:build !go1.24

package main

// Real-runtime measurements for MapLab's heap model (lib: maplab.memory), written by
// `oracle -memory DIR` as DIR/memory.json plus one binary file of hashes per phase
// (little-endian uint64, one per key, computed with the map's own hasher under the seed in
// force when the phase ran), so that the Java model can replay the same map exactly.
//
//   - live: the bytes one map keeps alive (a warm-up pass first, see runMemory). Both
//     measurements are runtime.MemStats.HeapAlloc after two forced collections (which also
//     finish sweeping), the first with the map
//     reachable, the second after dropping it; the difference is exactly what only the map
//     holds (keys' string data and the hash buffers stay alive across both).
//   - gc: the number of GC cycles (NumGC) the runtime runs while a map-only workload inserts
//     N keys at a given GOGC, from a state just after runtime.GC() and SetGCPercent.
//
// Operations are generic Go code, except clear, which goes through the non-generic
// clearU64/clearBig (Go 1.19 reaches runtime.mapclear only through the compiler's idiom
// recognition, which build-oracle checks on those functions).

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"unsafe"

	"maplab/oracle/internal/memkit"
)

// liveResult is one live workload: memkit's fields, then the runtime's map at the end, for
// a sanity check of the replay.
type liveResult struct {
	memkit.Live
	B         uint8  `json:"B"`
	Count     int    `json:"count"`
	Noverflow uint16 `json:"noverflow"`
	Growing   bool   `json:"growing"`
}

type gcResult struct {
	Name string `json:"name"`
	Gogc int    `json:"gogc"`
	N    int    `json:"n"`
	memkit.GCCount
	Hashes string `json:"hashes"`
}

type memReport struct {
	Go     string       `json:"go"`
	Goarch string       `json:"goarch"`
	GC     []gcResult   `json:"gc"`
	Live   []liveResult `json:"live"`
}

// memEngine reads the hasher and hash0 of the measured map through the mirrors.
var memEngine = memkit.Engine{
	Hasher: func(m any) func(unsafe.Pointer) uintptr {
		t, seed := mapTypeOf(m), uintptr(hmapOf(m).hash0)
		return func(k unsafe.Pointer) uintptr { return t.hasher(k, seed) }
	},
	Fail: fail,
}

var (
	set        = memkit.Set
	del        = memkit.Delete
	clearPhase = memkit.Clear
)

func noClear[K comparable, V any](map[K]V) {
	panic("clear is measured only for map[uint64]uint64 and map[uint64][200]byte")
}

// liveWorkloads: sizes 10 to 1,000,000, several key/elem types, during and after growth,
// after clear and after deleting everything.
func liveWorkloads(dir string) []liveResult {
	u64Key, strKey := memkit.U64Key, memkit.StrKey
	u64Elem, bigElem, emptyElem, strElem := memkit.U64Elem, memkit.BigElem, memkit.EmptyElem, memkit.StrElem
	return []liveResult{
		measureLive(dir, "u64-u64-10", "uint64", "uint64", -1, []memkit.Phase{set(0, 10)}, u64Key, u64Elem, clearU64),
		measureLive(dir, "u64-u64-1000-grown", "uint64", "uint64", -1, []memkit.Phase{set(0, 1000)}, u64Key, u64Elem, clearU64),
		measureLive(dir, "u64-u64-840-growing", "uint64", "uint64", -1, []memkit.Phase{set(0, 840)}, u64Key, u64Elem, clearU64),
		measureLive(dir, "u64-u64-1000000", "uint64", "uint64", -1, []memkit.Phase{set(0, 1000000)}, u64Key, u64Elem, clearU64),
		measureLive(dir, "u64-u64-hint-100000", "uint64", "uint64", 100000, []memkit.Phase{set(0, 100000)}, u64Key, u64Elem, clearU64),
		measureLive(dir, "u64-u64-100000-clear", "uint64", "uint64", -1, []memkit.Phase{set(0, 100000), clearPhase, set(100000, 100500)}, u64Key, u64Elem, clearU64),
		measureLive(dir, "str-u64-20000", "string", "uint64", -1, []memkit.Phase{set(0, 20000)}, strKey, u64Elem, noClear[string, uint64]),
		measureLive(dir, "str-str-3000", "string", "string", -1, []memkit.Phase{set(0, 3000)}, strKey, strElem, noClear[string, string]),
		measureLive(dir, "u64-empty-50000", "uint64", "struct{}", -1, []memkit.Phase{set(0, 50000)}, u64Key, emptyElem, noClear[uint64, struct{}]),
		measureLive(dir, "u64-big-5000", "uint64", "[200]byte", -1, []memkit.Phase{set(0, 5000)}, u64Key, bigElem, clearBig),
		measureLive(dir, "u64-big-5000-delete-half", "uint64", "[200]byte", -1, []memkit.Phase{set(0, 5000), del(0, 2500)}, u64Key, bigElem, clearBig),
		measureLive(dir, "u64-big-3000-clear", "uint64", "[200]byte", -1, []memkit.Phase{set(0, 3000), clearPhase}, u64Key, bigElem, clearBig),
	}
}

// measureLive is memkit.MeasureLive with the hmap's end state.
func measureLive[K comparable, V any](dir, name, kt, et string, hint int, phases []memkit.Phase,
	key func(int) K, elem func(int) V, clear func(map[K]V)) liveResult {
	var res liveResult
	res.Live = memkit.MeasureLive(dir, name, kt, et, hint, phases, key, elem, clear, memEngine, func(m any) {
		h := hmapOf(m)
		res.B, res.Count, res.Noverflow, res.Growing = h.B, h.count, h.noverflow, h.oldbuckets != nil
	})
	return res
}

// measureGC counts the cycles the runtime runs while n keys go into a new map[uint64]uint64
// with GOGC=gogc and nothing else allocating.
func measureGC(dir string, gogc, n int) gcResult {
	res := gcResult{Name: fmt.Sprintf("gc-u64-%d-gogc%d", n, gogc), Gogc: gogc, N: n}
	res.Hashes = res.Name + ".hashes"
	res.GCCount = memkit.CountGC(dir, res.Hashes, gogc, n, memEngine)
	return res
}

// runMemory writes DIR/memory.json and the hash files.
func runMemory(dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail("%v", err)
	}
	rep := memReport{Go: runtime.Version(), Goarch: runtime.GOARCH}
	// The cycle counts first, while the rest of the heap is only the runtime's and the oracle's.
	for _, g := range []int{50, 100, 400} {
		rep.GC = append(rep.GC, measureGC(dir, g, 1000000))
	}
	debug.SetGCPercent(-1)
	// A first pass warms the runtime up: some of its own objects are allocated lazily, the first
	// time a path runs (seen as ~100 bytes between the two measurements of a first run). Only
	// the second pass is reported; it overwrites the first pass's hash files.
	liveWorkloads(dir)
	rep.Live = liveWorkloads(dir)
	b, err := json.MarshalIndent(rep, "", " ")
	if err != nil {
		fail("%v", err)
	}
	memkit.WriteFile(filepath.Join(dir, "memory.json"), append(b, '\n'), fail)
	for _, g := range rep.GC {
		fmt.Printf("%-28s GOGC=%-4d NumGC=%d\n", g.Name, g.Gogc, g.NumGC)
	}
	for _, l := range rep.Live {
		fmt.Printf("%-28s %10d bytes  B=%d count=%d growing=%v\n", l.Name, l.Bytes, l.B, l.Count, l.Growing)
	}
}
