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
//     docs/checks.md for why only the second is bounded).

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"unsafe"
)

type memPhase struct {
	// set / delete keys [From, To); clear; iter (start a range loop: MapRange and its first
	// Next, the loop left standing on that entry); iterdone (run that loop to its end, the
	// iterator still referenced).
	Op     string `json:"op"`
	From   int    `json:"from"`
	To     int    `json:"to"`
	Hashes string `json:"hashes,omitempty"` // file name in DIR
}

type memLive struct {
	Name             string     `json:"name"`
	KeyType          string     `json:"keyType"`
	ElemType         string     `json:"elemType"`
	Hint             int        `json:"hint"`
	Phases           []memPhase `json:"phases"`
	HeapAllocWith    uint64     `json:"heapAllocWith"`
	HeapAllocWithout uint64     `json:"heapAllocWithout"`
	Bytes            int64      `json:"bytes"`
	// Live 96-byte objects with the map minus without it (see memNoiseClass).
	Objects96 int64 `json:"objects96"`
	// The runtime's map at the end, for a sanity check of the replay: Map.used, dirLen,
	// globalDepth and the number of distinct tables in the directory.
	Count       int   `json:"count"`
	DirLen      int   `json:"dirLen"`
	GlobalDepth uint8 `json:"globalDepth"`
	Tables      int   `json:"tables"`
}

type memGC struct {
	Name          string `json:"name"`
	Gogc          int    `json:"gogc"`
	N             int    `json:"n"`
	Mark          string `json:"mark"`          // "concurrent" or "stw" (GODEBUG=gcstoptheworld=1)
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
	Go     string    `json:"go"`
	Goarch string    `json:"goarch"`
	GC     []memGC   `json:"gc"`
	Live   []memLive `json:"live"`
}

// memSink makes every measured map escape to the heap (new(Map)), as a map a program keeps
// does; memIter holds a workload's open iterator.
var (
	memSink any
	memIter *reflect.MapIter
)

// memStats is global so that reading it allocates nothing.
var memStats runtime.MemStats

// memNoiseClass: the runtime now and then keeps one 96-byte object of its own more or less
// alive across a forced collection (seen with MemStats.BySize under Go 1.19). Its count is
// reported so that the check can tell it from the map's bytes (the check refuses to set it
// aside when the model has a 96-byte object of its own).
const memNoiseClass = 96

// memHeapAfterGC: HeapAlloc once two collections have run and finished sweeping, and how many
// 96-byte objects are live then (MemStats.BySize: mallocs - frees of that size class).
func memHeapAfterGC() (heapAlloc uint64, live96 int64) {
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&memStats)
	for _, c := range memStats.BySize {
		if c.Size == memNoiseClass {
			live96 = int64(c.Mallocs) - int64(c.Frees)
		}
	}
	return memStats.HeapAlloc, live96
}

func memSet(from, to int) memPhase { return memPhase{Op: "set", From: from, To: to} }
func memDel(from, to int) memPhase { return memPhase{Op: "delete", From: from, To: to} }

var (
	memClear    = memPhase{Op: "clear"}
	memIterOpen = memPhase{Op: "iter"}
	memIterDone = memPhase{Op: "iterdone"}
)

func memU64Key(i int) uint64         { return uint64(i) }
func memStrKey(i int) string         { return "key-" + strconv.Itoa(i) }
func memU64Elem(i int) uint64        { return uint64(i) * 3 }
func memBigElem(i int) (b [200]byte) { b[0] = byte(i); return b }
func memEmptyElem(int) (e struct{})  { return e }
func memStrElem(i int) string        { return strconv.Itoa(i) }
func ph(p ...memPhase) []memPhase    { return p }

// memLiveWorkloads: the small map (empty, one group, grown to a table), table growth by
// doubling and by splitting, hints, deletes, clear, open iterators pinning a replaced group or
// table, and the key/elem types that change the slot (string keys, empty elems, elems over
// 128 bytes stored indirectly); sizes up to 10^6.
func memLiveWorkloads(dir string) []memLive {
	u, s, e, b := "uint64", "string", "struct{}", "[200]byte"
	return []memLive{
		measureMem(dir, "u64-u64-empty", u, u, -1, ph(), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-5", u, u, -1, ph(memSet(0, 5)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-8", u, u, -1, ph(memSet(0, 8)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-9-grown-to-table", u, u, -1, ph(memSet(0, 9)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-800-doublings", u, u, -1, ph(memSet(0, 800)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-5000-split", u, u, -1, ph(memSet(0, 5000)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-1000000", u, u, -1, ph(memSet(0, 1000000)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-hint-8", u, u, 8, ph(memSet(0, 8)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-hint-1000", u, u, 1000, ph(memSet(0, 1000)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-hint-100000", u, u, 100000, ph(memSet(0, 100000)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-100000-delete-half", u, u, -1, ph(memSet(0, 100000), memDel(0, 50000)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-100000-clear", u, u, -1, ph(memSet(0, 100000), memClear, memSet(100000, 100500)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-3000-delete-all", u, u, -1, ph(memSet(0, 3000), memDel(0, 3000)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-8-iter-small-grown", u, u, -1, ph(memSet(0, 8), memIterOpen, memSet(8, 9)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-8-iter-small-finished", u, u, -1, ph(memSet(0, 8), memIterOpen, memSet(8, 9), memIterDone), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-800-iter-split", u, u, -1, ph(memSet(0, 800), memIterOpen, memSet(800, 900)), memU64Key, memU64Elem),
		measureMem(dir, "u64-u64-800-iter-split-finished", u, u, -1, ph(memSet(0, 800), memIterOpen, memSet(800, 900), memIterDone), memU64Key, memU64Elem),
		measureMem(dir, "str-u64-20000", s, u, -1, ph(memSet(0, 20000)), memStrKey, memU64Elem),
		measureMem(dir, "str-str-3000", s, s, -1, ph(memSet(0, 3000)), memStrKey, memStrElem),
		measureMem(dir, "str-str-hint-5", s, s, 5, ph(memSet(0, 5)), memStrKey, memStrElem),
		measureMem(dir, "u64-empty-50000", u, e, -1, ph(memSet(0, 50000)), memU64Key, memEmptyElem),
		measureMem(dir, "u64-big-5", u, b, -1, ph(memSet(0, 5)), memU64Key, memBigElem),
		measureMem(dir, "u64-big-5000", u, b, -1, ph(memSet(0, 5000)), memU64Key, memBigElem),
		measureMem(dir, "u64-big-hint-3000", u, b, 3000, ph(memSet(0, 3000)), memU64Key, memBigElem),
		measureMem(dir, "u64-big-5000-delete-half", u, b, -1, ph(memSet(0, 5000), memDel(0, 2500)), memU64Key, memBigElem),
		measureMem(dir, "u64-big-3000-clear", u, b, -1, ph(memSet(0, 3000), memClear), memU64Key, memBigElem),
		measureMem(dir, "u64-big-3000-delete-all", u, b, -1, ph(memSet(0, 3000), memDel(0, 3000)), memU64Key, memBigElem),
		measureMem(dir, "u64-big-800-iter-split", u, b, -1, ph(memSet(0, 800), memIterOpen, memSet(800, 900)), memU64Key, memBigElem),
	}
}

func measureMem[K comparable, V any](dir, name, kt, et string, hint int, phases []memPhase,
	key func(int) K, elem func(int) V) memLive {
	n := 0
	for _, p := range phases {
		if p.To > n {
			n = p.To
		}
	}
	// Keys and elems are made before the map and stay alive across both readings, so that
	// string data counts for neither.
	keys := make([]K, n)
	elems := make([]V, n)
	for i := range keys {
		keys[i], elems[i] = key(i), elem(i)
	}
	hashBufs := make([][]byte, len(phases))
	res := memLive{Name: name, KeyType: kt, ElemType: et, Hint: hint, Phases: []memPhase{}}
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
			seed := mapOf(memSink).seed
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
		case "iter":
			memIter = reflect.ValueOf(m).MapRange()
			memIter.Next()
		case "iterdone":
			for memIter.Next() {
			}
		default:
			panic("unknown phase " + p.Op)
		}
		res.Phases = append(res.Phases, p)
	}
	sm := mapOf(memSink)
	res.Count, res.DirLen, res.GlobalDepth = int(sm.used), sm.dirLen, sm.globalDepth
	var last *table
	for i := 0; i < sm.dirLen; i++ {
		if tab := sm.directoryAt(i); tab != last {
			res.Tables++
			last = tab
		}
	}
	sm, last = nil, nil
	var with96, without96 int64
	res.HeapAllocWith, with96 = memHeapAfterGC()
	if memIter != nil {
		memIter.Reset(reflect.Value{})
	}
	memSink, m = nil, nil
	res.HeapAllocWithout, without96 = memHeapAfterGC()
	memIter = nil
	res.Objects96 = with96 - without96
	res.Bytes = int64(res.HeapAllocWith) - int64(res.HeapAllocWithout)
	runtime.KeepAlive(keys)
	runtime.KeepAlive(elems)
	for i, p := range res.Phases {
		if p.Hashes != "" {
			memWriteFile(filepath.Join(dir, p.Hashes), hashBufs[i])
		}
	}
	return res
}

// measureMemGC counts the cycles the runtime runs while n keys go into a new
// map[uint64]uint64 with GOGC=gogc and nothing else allocating.
func measureMemGC(dir, mark string, gogc, n int) memGC {
	res := memGC{Name: fmt.Sprintf("gc-u64-%d-gogc%d-%s", n, gogc, mark), Gogc: gogc, N: n, Mark: mark}
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
	t, seed := mapTypeOf(memSink), mapOf(memSink).seed
	buf := make([]byte, 8*n)
	for i := 0; i < n; i++ {
		k := uint64(i)
		binary.LittleEndian.PutUint64(buf[8*i:], uint64(t.hasher(unsafe.Pointer(&k), seed)))
	}
	res.Hashes = res.Name + ".hashes"
	memWriteFile(filepath.Join(dir, res.Hashes), buf)
	memSink, m = nil, nil
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

func memWriteFile(path string, b []byte) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		fail("%v", err)
	}
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
	memWriteFile(filepath.Join(dir, "memory.json"), append(b, '\n'))
	for _, g := range rep.GC {
		fmt.Printf("%-34s GOGC=%-4d NumGC=%d\n", g.Name, g.Gogc, g.NumGC)
	}
	for _, l := range rep.Live {
		fmt.Printf("%-34s %10d bytes  used=%d dirLen=%d tables=%d\n", l.Name, l.Bytes, l.Count, l.DirLen, l.Tables)
	}
}
