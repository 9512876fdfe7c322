package memkit

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"unsafe"
)

// Phase is one step of a live workload: set or delete keys [From, To), clear, or an
// engine-specific step (Engine.Phase). The field names are memory.json's.
type Phase struct {
	Op     string `json:"op"`
	From   int    `json:"from"`
	To     int    `json:"to"`
	Hashes string `json:"hashes,omitempty"` // file name in DIR
}

// Set is the phase m[key(i)] = elem(i) for i in [from, to).
func Set(from, to int) Phase { return Phase{Op: "set", From: from, To: to} }

// Delete is the phase delete(m, key(i)) for i in [from, to).
func Delete(from, to int) Phase { return Phase{Op: "delete", From: from, To: to} }

// Clear is the phase clear(m).
var Clear = Phase{Op: "clear"}

// Live is what both oracles report of one live workload, in memory.json's field order; each
// oracle's record embeds it and adds the runtime map's end state.
type Live struct {
	Name             string  `json:"name"`
	KeyType          string  `json:"keyType"`
	ElemType         string  `json:"elemType"`
	Hint             int     `json:"hint"`
	Phases           []Phase `json:"phases"`
	HeapAllocWith    uint64  `json:"heapAllocWith"`
	HeapAllocWithout uint64  `json:"heapAllocWithout"`
	Bytes            int64   `json:"bytes"`
	// Live 96-byte objects with the map minus without it (see NoiseClass).
	Objects96 int64 `json:"objects96"`
	// Bytes of the objects the runtime allocated for itself between the two readings, in
	// every size class but NoiseClass: between them the program only drops the map, which
	// frees objects and allocates none, so a size class that holds more live objects after
	// the drop than before it gained them from the runtime's own work (Go 1.26: now and then
	// one 112-byte object, once a few KB of 8- to 2048-byte ones). The classes, "size:+n".
	RuntimeBytes   int64  `json:"runtimeBytes"`
	RuntimeClasses string `json:"runtimeClasses,omitempty"`
}

// Engine is what the measurements need from the oracle's mirrors of the runtime's map.
type Engine struct {
	// Hasher returns the hash of a key of map m under the seed m has now.
	Hasher func(m interface{}) func(key unsafe.Pointer) uintptr
	// Phase runs a phase other than set, delete and clear on m; false if it knows none of
	// that name. Nil: no other phases.
	Phase func(p Phase, m interface{}) bool
	// Release drops, before the reading without the map, whatever the oracle still holds
	// that references it (an open iterator). Nil: nothing. It must not allocate.
	Release func()
	// Fail reports a failure (a hash file that cannot be written) and exits.
	Fail func(format string, args ...interface{})
}

// Sink makes every measured map escape to the heap, as a map a program keeps does.
var Sink interface{}

// memStats is global so that reading it allocates nothing.
var memStats runtime.MemStats

// NoiseClass: the runtime now and then keeps one 96-byte object of its own more or less
// alive across a forced collection (seen with MemStats.BySize under Go 1.19; no map of the
// classic workloads has a 96-byte object). Its count is reported so that the check can tell
// it from the map's bytes.
const NoiseClass = 96

// HeapAfterGC is HeapAlloc once two collections have run and finished sweeping, and how many
// 96-byte objects are live then (MemStats.BySize: mallocs - frees of that size class).
func HeapAfterGC() (heapAlloc uint64, live96 int64) {
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&memStats)
	for i, c := range memStats.BySize {
		liveBySize[i] = int64(c.Mallocs) - int64(c.Frees)
		if c.Size == NoiseClass {
			live96 = liveBySize[i]
		}
	}
	return memStats.HeapAlloc, live96
}

// liveBySize holds the live objects of each size class at the last HeapAfterGC.
var liveBySize [len(memStats.BySize)]int64

// gainedSince returns the bytes and the "size:+n" list of the size classes (NoiseClass
// aside) that hold more live objects now, at the last HeapAfterGC, than in before.
func gainedSince(before *[len(memStats.BySize)]int64) (bytes int64, classes string) {
	for i, c := range memStats.BySize {
		if d := liveBySize[i] - before[i]; d > 0 && c.Size != NoiseClass {
			bytes += d * int64(c.Size)
			classes += fmt.Sprintf(" %d:+%d", c.Size, d)
		}
	}
	return bytes, strings.TrimSpace(classes)
}

// Keys and elems of the workloads: key and elem number i.
func U64Key(i int) uint64         { return uint64(i) }
func StrKey(i int) string         { return "key-" + strconv.Itoa(i) }
func U64Elem(i int) uint64        { return uint64(i) * 3 }
func BigElem(i int) (b [200]byte) { b[0] = byte(i); return b }
func EmptyElem(int) (e struct{})  { return e }
func StrElem(i int) string        { return strconv.Itoa(i) }

// MeasureLive runs phases on a new map[K]V (make with hint, or without one if hint < 0) and
// measures the bytes only it keeps alive: HeapAfterGC with the map reachable minus the same
// after dropping it. Each set and delete phase writes DIR/<name>.p<i>.hashes, the hashes of
// its keys under the seed in force when it ran. end reads the runtime's map once the phases
// are done, before the readings.
func MeasureLive[K comparable, V any](dir, name, kt, et string, hint int, phases []Phase,
	key func(int) K, elem func(int) V, clear func(map[K]V), e Engine, end func(m interface{})) Live {
	n := 0
	for _, p := range phases {
		if p.To > n {
			n = p.To
		}
	}
	// Keys and elems are made before the map and stay alive across both readings, so that
	// string data (and strconv's tiny allocations) count for neither.
	keys := make([]K, n)
	elems := make([]V, n)
	for i := range keys {
		keys[i], elems[i] = key(i), elem(i)
	}
	hashBufs := make([][]byte, len(phases))
	res := Live{Name: name, KeyType: kt, ElemType: et, Hint: hint, Phases: []Phase{}}
	var m map[K]V
	if hint < 0 {
		m = make(map[K]V)
	} else {
		m = make(map[K]V, hint)
	}
	Sink = m
	for i, p := range phases {
		switch p.Op {
		case "set", "delete":
			// Hashes under the seed in force: a phase's last delete may reseed, after its hashing.
			hash := e.Hasher(Sink)
			buf := make([]byte, 8*(p.To-p.From))
			for j := p.From; j < p.To; j++ {
				binary.LittleEndian.PutUint64(buf[8*(j-p.From):], uint64(hash(unsafe.Pointer(&keys[j]))))
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
			if e.Phase == nil || !e.Phase(p, Sink) {
				panic("unknown phase " + p.Op)
			}
		}
		res.Phases = append(res.Phases, p)
	}
	end(Sink)
	var with96, without96 int64
	res.HeapAllocWith, with96 = HeapAfterGC()
	withBySize := liveBySize
	if e.Release != nil {
		e.Release()
	}
	Sink, m = nil, nil
	res.HeapAllocWithout, without96 = HeapAfterGC()
	res.Objects96 = with96 - without96
	res.RuntimeBytes, res.RuntimeClasses = gainedSince(&withBySize)
	res.Bytes = int64(res.HeapAllocWith) - int64(res.HeapAllocWithout)
	runtime.KeepAlive(keys)
	runtime.KeepAlive(elems)
	for i, p := range res.Phases {
		if p.Hashes != "" {
			WriteFile(filepath.Join(dir, p.Hashes), hashBufs[i], e.Fail)
		}
	}
	return res
}

// GCCount is what CountGC measures; each oracle's GC record embeds it, so its fields stand
// in memory.json where the embedding puts them.
type GCCount struct {
	BaseHeapAlloc uint64 `json:"baseHeapAlloc"` // HeapAlloc after runtime.GC(), before make
	BaseNextGC    uint64 `json:"baseNextGC"`
	NumGC         uint32 `json:"numGC"` // cycles during the inserts
	// After one more forced collection with the map alive (heapMarked and the goal it gave):
	// the Java check derives the stacks-and-globals scan term of the goal from them.
	HeapAllocAfter uint64 `json:"heapAllocAfter"`
	NextGCAfter    uint64 `json:"nextGCAfter"`
}

// CountGC counts the cycles the runtime runs while n keys go into a new map[uint64]uint64
// with GOGC=gogc and nothing else allocating, then sets GOGC off and writes DIR/hashes, the
// hashes of keys 0..n-1 under the map's seed.
func CountGC(dir, hashes string, gogc, n int, e Engine) GCCount {
	var c GCCount
	runtime.GC()
	debug.SetGCPercent(gogc)
	runtime.ReadMemStats(&memStats)
	c.BaseHeapAlloc, c.BaseNextGC = memStats.HeapAlloc, memStats.NextGC
	numGC := memStats.NumGC
	m := make(map[uint64]uint64)
	Sink = m
	for i := 0; i < n; i++ {
		m[uint64(i)] = uint64(i)
	}
	runtime.ReadMemStats(&memStats)
	c.NumGC = memStats.NumGC - numGC
	runtime.GC()
	runtime.ReadMemStats(&memStats)
	c.HeapAllocAfter, c.NextGCAfter = memStats.HeapAlloc, memStats.NextGC
	debug.SetGCPercent(-1)
	// No delete ran, so the seed is the one every insert hashed with.
	hash := e.Hasher(Sink)
	buf := make([]byte, 8*n)
	for i := 0; i < n; i++ {
		k := uint64(i)
		binary.LittleEndian.PutUint64(buf[8*i:], uint64(hash(unsafe.Pointer(&k))))
	}
	WriteFile(filepath.Join(dir, hashes), buf, e.Fail)
	Sink, m = nil, nil
	return c
}

// WriteFile writes b to path or fails.
func WriteFile(path string, b []byte, fail func(format string, args ...interface{})) {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		fail("%v", err)
	}
}
