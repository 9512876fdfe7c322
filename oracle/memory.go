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
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"unsafe"
)

// memPhase is one step of a live workload: set or delete keys [From, To), or clear.
type memPhase struct {
	Op     string `json:"op"`
	From   int    `json:"from"`
	To     int    `json:"to"`
	Hashes string `json:"hashes,omitempty"` // file name in DIR
}

type liveResult struct {
	Name             string     `json:"name"`
	KeyType          string     `json:"keyType"`
	ElemType         string     `json:"elemType"`
	Hint             int        `json:"hint"`
	Phases           []memPhase `json:"phases"`
	HeapAllocWith    uint64     `json:"heapAllocWith"`
	HeapAllocWithout uint64     `json:"heapAllocWithout"`
	Bytes            int64      `json:"bytes"`
	// Live 96-byte objects with the map minus without it (see runtimeNoiseClass).
	Objects96 int64 `json:"objects96"`
	// The runtime's map at the end, for a sanity check of the replay.
	B         uint8  `json:"B"`
	Count     int    `json:"count"`
	Noverflow uint16 `json:"noverflow"`
	Growing   bool   `json:"growing"`
}

type gcResult struct {
	Name          string `json:"name"`
	Gogc          int    `json:"gogc"`
	N             int    `json:"n"`
	BaseHeapAlloc uint64 `json:"baseHeapAlloc"` // HeapAlloc after runtime.GC(), before make
	BaseNextGC    uint64 `json:"baseNextGC"`
	NumGC         uint32 `json:"numGC"` // cycles during the inserts
	// After one more forced collection with the map alive (heapMarked and the goal it gave):
	// the Java check derives the stacks-and-globals scan term of the goal from them.
	HeapAllocAfter uint64 `json:"heapAllocAfter"`
	NextGCAfter    uint64 `json:"nextGCAfter"`
	Hashes         string `json:"hashes"`
}

type memReport struct {
	Go     string       `json:"go"`
	Goarch string       `json:"goarch"`
	GC     []gcResult   `json:"gc"`
	Live   []liveResult `json:"live"`
}

// memSink makes every measured map escape to the heap (new(hmap)), as a map a program
// keeps does.
var memSink any

// memStats is global so that reading it allocates nothing.
var memStats runtime.MemStats

// heapAfterGC: HeapAlloc once two collections have run and finished sweeping, and how many
// 96-byte objects are live then (MemStats.BySize: mallocs - frees of that size class).
func heapAfterGC() (heapAlloc uint64, live96 int64) {
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&memStats)
	for _, c := range memStats.BySize {
		if c.Size == runtimeNoiseClass {
			live96 = int64(c.Mallocs) - int64(c.Frees)
		}
	}
	return memStats.HeapAlloc, live96
}

// runtimeNoiseClass: the runtime now and then keeps one 96-byte object of its own more or less
// alive across a forced collection (seen with MemStats.BySize; no map of these workloads has a
// 96-byte object). Its count is reported so that the check can tell it from the map's bytes.
const runtimeNoiseClass = 96

func set(from, to int) memPhase { return memPhase{Op: "set", From: from, To: to} }
func del(from, to int) memPhase { return memPhase{Op: "delete", From: from, To: to} }

var clearPhase = memPhase{Op: "clear"}

type big = [200]byte

func memU64Key(i int) uint64    { return uint64(i) }
func memStrKey(i int) string    { return "key-" + strconv.Itoa(i) }
func memU64Elem(i int) uint64   { return uint64(i) * 3 }
func memBigElem(i int) big      { var b big; b[0] = byte(i); return b }
func memEmptyElem(int) struct{} { return struct{}{} }
func memStrElem(i int) string   { return strconv.Itoa(i) }
func noClear[K comparable, V any](map[K]V) {
	panic("clear is measured only for map[uint64]uint64 and map[uint64][200]byte")
}

// liveWorkloads: sizes 10 to 1,000,000, several key/elem types, during and after growth,
// after clear and after deleting everything.
func liveWorkloads(dir string) []liveResult {
	return []liveResult{
		measureLive(dir, "u64-u64-10", "uint64", "uint64", -1, []memPhase{set(0, 10)}, memU64Key, memU64Elem, clearU64),
		measureLive(dir, "u64-u64-1000-grown", "uint64", "uint64", -1, []memPhase{set(0, 1000)}, memU64Key, memU64Elem, clearU64),
		measureLive(dir, "u64-u64-840-growing", "uint64", "uint64", -1, []memPhase{set(0, 840)}, memU64Key, memU64Elem, clearU64),
		measureLive(dir, "u64-u64-1000000", "uint64", "uint64", -1, []memPhase{set(0, 1000000)}, memU64Key, memU64Elem, clearU64),
		measureLive(dir, "u64-u64-hint-100000", "uint64", "uint64", 100000, []memPhase{set(0, 100000)}, memU64Key, memU64Elem, clearU64),
		measureLive(dir, "u64-u64-100000-clear", "uint64", "uint64", -1, []memPhase{set(0, 100000), clearPhase, set(100000, 100500)}, memU64Key, memU64Elem, clearU64),
		measureLive(dir, "str-u64-20000", "string", "uint64", -1, []memPhase{set(0, 20000)}, memStrKey, memU64Elem, noClear[string, uint64]),
		measureLive(dir, "str-str-3000", "string", "string", -1, []memPhase{set(0, 3000)}, memStrKey, memStrElem, noClear[string, string]),
		measureLive(dir, "u64-empty-50000", "uint64", "struct{}", -1, []memPhase{set(0, 50000)}, memU64Key, memEmptyElem, noClear[uint64, struct{}]),
		measureLive(dir, "u64-big-5000", "uint64", "[200]byte", -1, []memPhase{set(0, 5000)}, memU64Key, memBigElem, clearBig),
		measureLive(dir, "u64-big-5000-delete-half", "uint64", "[200]byte", -1, []memPhase{set(0, 5000), del(0, 2500)}, memU64Key, memBigElem, clearBig),
		measureLive(dir, "u64-big-3000-clear", "uint64", "[200]byte", -1, []memPhase{set(0, 3000), clearPhase}, memU64Key, memBigElem, clearBig),
	}
}

func measureLive[K comparable, V any](dir, name, kt, et string, hint int, phases []memPhase,
	key func(int) K, elem func(int) V, clear func(map[K]V)) liveResult {
	n := 0
	for _, p := range phases {
		if p.To > n {
			n = p.To
		}
	}
	// Keys and elems are made before the map and stay alive across both measurements, so that
	// string data (and strconv's tiny allocations) count for neither.
	keys := make([]K, n)
	elems := make([]V, n)
	for i := range keys {
		keys[i], elems[i] = key(i), elem(i)
	}
	hashBufs := make([][]byte, len(phases))
	res := liveResult{Name: name, KeyType: kt, ElemType: et, Hint: hint}
	var m map[K]V
	if hint < 0 {
		m = make(map[K]V)
	} else {
		m = make(map[K]V, hint)
	}
	memSink = m
	t := mapTypeOf(memSink)
	for i, p := range phases {
		switch p.Op {
		case "set", "delete":
			// Hashes under the seed in force: a phase's last delete may reseed, after its hashing.
			seed := uintptr(hmapOf(memSink).hash0)
			buf := make([]byte, 8*(p.To-p.From))
			for j := p.From; j < p.To; j++ {
				binary.LittleEndian.PutUint64(buf[8*(j-p.From):], uint64(t.hasher(unsafe.Pointer(&keys[j]), seed)))
			}
			hashBufs[i] = buf
			p.Hashes = fmt.Sprintf("%s.p%d.hashes", name, i)
			if p.Op == "set" {
				for j := p.From; j < p.To; j++ {
					m[keys[j]] = elems[j]
				}
			} else {
				for j := p.From; j < p.To; j++ {
					delete(m, keys[j])
				}
			}
		case "clear":
			clear(m)
		default:
			panic("unknown phase " + p.Op)
		}
		res.Phases = append(res.Phases, p)
	}
	h := hmapOf(memSink)
	res.B, res.Count, res.Noverflow, res.Growing = h.B, h.count, h.noverflow, h.oldbuckets != nil
	h = nil
	var with96, without96 int64
	res.HeapAllocWith, with96 = heapAfterGC()
	memSink, m = nil, nil
	res.HeapAllocWithout, without96 = heapAfterGC()
	res.Objects96 = with96 - without96
	res.Bytes = int64(res.HeapAllocWith) - int64(res.HeapAllocWithout)
	runtime.KeepAlive(keys)
	runtime.KeepAlive(elems)
	for i, p := range res.Phases {
		if p.Hashes != "" {
			writeFile(filepath.Join(dir, p.Hashes), hashBufs[i])
		}
	}
	return res
}

// measureGC counts the cycles the runtime runs while n keys go into a new map[uint64]uint64
// with GOGC=gogc and nothing else allocating.
func measureGC(dir string, gogc, n int) gcResult {
	res := gcResult{Name: fmt.Sprintf("gc-u64-%d-gogc%d", n, gogc), Gogc: gogc, N: n}
	runtime.GC()
	debug.SetGCPercent(gogc)
	runtime.ReadMemStats(&memStats)
	res.BaseHeapAlloc, res.BaseNextGC = memStats.HeapAlloc, memStats.NextGC
	numGC := memStats.NumGC
	m := make(map[uint64]uint64)
	memSink = m
	for i := 0; i < n; i++ {
		m[uint64(i)] = uint64(i)
	}
	runtime.ReadMemStats(&memStats)
	res.NumGC = memStats.NumGC - numGC
	runtime.GC()
	runtime.ReadMemStats(&memStats)
	res.HeapAllocAfter, res.NextGCAfter = memStats.HeapAlloc, memStats.NextGC
	debug.SetGCPercent(-1)
	// No delete ran, so the seed is the one every insert hashed with.
	t, seed := mapTypeOf(memSink), uintptr(hmapOf(memSink).hash0)
	buf := make([]byte, 8*n)
	for i := 0; i < n; i++ {
		k := uint64(i)
		binary.LittleEndian.PutUint64(buf[8*i:], uint64(t.hasher(unsafe.Pointer(&k), seed)))
	}
	res.Hashes = res.Name + ".hashes"
	writeFile(filepath.Join(dir, res.Hashes), buf)
	memSink, m = nil, nil
	return res
}

func writeFile(path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		fail("%v", err)
	}
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
	writeFile(filepath.Join(dir, "memory.json"), append(b, '\n'))
	for _, g := range rep.GC {
		fmt.Printf("%-28s GOGC=%-4d NumGC=%d\n", g.Name, g.Gogc, g.NumGC)
	}
	for _, l := range rep.Live {
		fmt.Printf("%-28s %10d bytes  B=%d count=%d growing=%v\n", l.Name, l.Bytes, l.B, l.Count, l.Growing)
	}
}
