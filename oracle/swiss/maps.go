//go:build go1.24

package main

// The four map types the oracle records. Each adapter holds one real Go map and applies
// the trace operations with ordinary, non-generic Go code on that concrete type, so the
// compiler emits exactly the runtime calls a user's program gets:
//
//	map[uint64]uint64     mapassign_fast64, mapaccess2_fast64, mapdelete_fast64
//	map[string]uint64     mapassign_faststr, mapaccess2_faststr, mapdelete_faststr
//	map[*T]uint64         mapassign_fast64ptr, mapaccess2_fast64, mapdelete_fast64
//	map[uint64][200]byte  mapassign, mapaccess2, mapdelete (elem > 128 bytes: generic path)
//
// and clear(m) is runtime.mapclear for all four (build-oracle checks the binary).
//
// Workloads name keys by number (uint64); an adapter maps a key number to its real key
// (the number itself, a string, or a pointer to an object made for that number).

import (
	"encoding/binary"
	"maplab/oracle/internal/tracekit"
	"strconv"
	"unsafe"
)

type mapKind interface {
	keyType() string
	elemType() string
	newMap(hint int) // make(map[K]V) for hint < 0, else make(map[K]V, hint)
	set(k, v uint64)
	del(k uint64)
	get(k uint64) (elem uint64, found bool)
	clear()
	length() int
	iface() any
	// hashKey is the map type's hasher on key number k's real key under seed.
	hashKey(t *mapType, k uint64, seed uintptr) uint64
	keyJSON(k uint64) string
	elemJSON(v uint64) string
	// slotKeyJSON / slotElem read the key / elem stored at p (already dereferenced when
	// indirect). The result refers to no map memory.
	slotKeyJSON(p unsafe.Pointer) string
	slotElem(p unsafe.Pointer) uint64
	// keyIs tells whether the key stored at p is key number k.
	keyIs(k uint64, p unsafe.Pointer) bool
	// fastPath: the compiler uses mapassign_fast32/fast64/faststr for this type, the
	// assigns that prune tombstones in 1.25+ (not fast64ptr nor the generic mapassign).
	fastPath() bool
}

// u64JSON: see tracekit.U64JSON.
func u64JSON(v uint64) string { return tracekit.U64JSON(v) }

func hashOf(t *mapType, p unsafe.Pointer, seed uintptr) uint64 { return uint64(t.hasher(p, seed)) }

// ---- map[uint64]uint64 ----

type mapU64 struct{ m map[uint64]uint64 }

func (a *mapU64) keyType() string  { return "uint64" }
func (a *mapU64) elemType() string { return "uint64" }
func (a *mapU64) newMap(hint int) {
	if hint < 0 {
		a.m = make(map[uint64]uint64)
	} else {
		a.m = make(map[uint64]uint64, hint)
	}
}
func (a *mapU64) set(k, v uint64) { a.m[k] = v }
func (a *mapU64) del(k uint64)    { delete(a.m, k) }
func (a *mapU64) get(k uint64) (uint64, bool) {
	v, ok := a.m[k]
	return v, ok
}
func (a *mapU64) clear()      { clearU64(a.m) }
func (a *mapU64) length() int { return len(a.m) }
func (a *mapU64) iface() any  { return a.m }
func (a *mapU64) hashKey(t *mapType, k uint64, seed uintptr) uint64 {
	return hashOf(t, unsafe.Pointer(&k), seed)
}
func (a *mapU64) keyJSON(k uint64) string               { return u64JSON(k) }
func (a *mapU64) elemJSON(v uint64) string              { return u64JSON(v) }
func (a *mapU64) slotKeyJSON(p unsafe.Pointer) string   { return u64JSON(*(*uint64)(p)) }
func (a *mapU64) slotElem(p unsafe.Pointer) uint64      { return *(*uint64)(p) }
func (a *mapU64) keyIs(k uint64, p unsafe.Pointer) bool { return *(*uint64)(p) == k }
func (a *mapU64) fastPath() bool                        { return true }

//go:noinline
func clearU64(m map[uint64]uint64) { clear(m) }

// ---- map[string]uint64 ----

type mapStr struct{ m map[string]uint64 }

func (a *mapStr) keyType() string  { return "string" }
func (a *mapStr) elemType() string { return "uint64" }
func (a *mapStr) newMap(hint int) {
	if hint < 0 {
		a.m = make(map[string]uint64)
	} else {
		a.m = make(map[string]uint64, hint)
	}
}
func (a *mapStr) set(k, v uint64) { a.m[tracekit.StrKey(k)] = v }
func (a *mapStr) del(k uint64)    { delete(a.m, tracekit.StrKey(k)) }
func (a *mapStr) get(k uint64) (uint64, bool) {
	v, ok := a.m[tracekit.StrKey(k)]
	return v, ok
}
func (a *mapStr) clear()      { clearStr(a.m) }
func (a *mapStr) length() int { return len(a.m) }
func (a *mapStr) iface() any  { return a.m }
func (a *mapStr) hashKey(t *mapType, k uint64, seed uintptr) uint64 {
	s := tracekit.StrKey(k)
	return hashOf(t, unsafe.Pointer(&s), seed)
}
func (a *mapStr) keyJSON(k uint64) string               { return tracekit.StrJSON(tracekit.StrKey(k)) }
func (a *mapStr) elemJSON(v uint64) string              { return u64JSON(v) }
func (a *mapStr) slotKeyJSON(p unsafe.Pointer) string   { return tracekit.StrJSON(*(*string)(p)) }
func (a *mapStr) slotElem(p unsafe.Pointer) uint64      { return *(*uint64)(p) }
func (a *mapStr) keyIs(k uint64, p unsafe.Pointer) bool { return *(*string)(p) == tracekit.StrKey(k) }
func (a *mapStr) fastPath() bool                        { return true }

//go:noinline
func clearStr(m map[string]uint64) { clear(m) }

// ---- map[*T]uint64: pointer keys ----

// T is the pointed-to object of a pointer key. Not zero-sized (zero-sized objects may
// share one address).
type T struct{ n uint64 }

// mapPtr keeps every object it made alive (workloads look keys up again), and numbers
// them from 1 in order of first use in the trace (keyJSON): the trace writes a pointer key
// as the decimal string of that number.
type mapPtr struct {
	m     map[*T]uint64
	objs  map[uint64]*T   // key number -> object
	num   map[uintptr]int // object address -> trace number (0: not used yet)
	addrs map[uintptr]uint64
	next  int
}

func newMapPtr() *mapPtr {
	return &mapPtr{objs: map[uint64]*T{}, num: map[uintptr]int{}, addrs: map[uintptr]uint64{}}
}

func (a *mapPtr) obj(k uint64) *T {
	o := a.objs[k]
	if o == nil {
		o = &T{n: k}
		a.objs[k] = o
		a.addrs[uintptr(unsafe.Pointer(o))] = k
	}
	return o
}

func (a *mapPtr) numberOf(p uintptr) int {
	n := a.num[p]
	if n == 0 {
		a.next++
		n = a.next
		a.num[p] = n
	}
	return n
}

func (a *mapPtr) keyType() string  { return "*T" }
func (a *mapPtr) elemType() string { return "uint64" }
func (a *mapPtr) newMap(hint int) {
	if hint < 0 {
		a.m = make(map[*T]uint64)
	} else {
		a.m = make(map[*T]uint64, hint)
	}
}
func (a *mapPtr) set(k, v uint64) { a.m[a.obj(k)] = v }
func (a *mapPtr) del(k uint64)    { delete(a.m, a.obj(k)) }
func (a *mapPtr) get(k uint64) (uint64, bool) {
	v, ok := a.m[a.obj(k)]
	return v, ok
}
func (a *mapPtr) clear()      { clearPtr(a.m) }
func (a *mapPtr) length() int { return len(a.m) }
func (a *mapPtr) iface() any  { return a.m }
func (a *mapPtr) hashKey(t *mapType, k uint64, seed uintptr) uint64 {
	p := a.obj(k)
	return hashOf(t, unsafe.Pointer(&p), seed)
}
func (a *mapPtr) keyJSON(k uint64) string {
	return `"` + strconv.Itoa(a.numberOf(uintptr(unsafe.Pointer(a.obj(k))))) + `"`
}
func (a *mapPtr) elemJSON(v uint64) string { return u64JSON(v) }
func (a *mapPtr) slotKeyJSON(p unsafe.Pointer) string {
	addr := *(*uintptr)(p)
	if _, ok := a.addrs[addr]; !ok {
		panic("pointer key to an object the oracle did not make")
	}
	return `"` + strconv.Itoa(a.numberOf(addr)) + `"`
}
func (a *mapPtr) slotElem(p unsafe.Pointer) uint64 { return *(*uint64)(p) }
func (a *mapPtr) keyIs(k uint64, p unsafe.Pointer) bool {
	return *(*uintptr)(p) == uintptr(unsafe.Pointer(a.obj(k)))
}
func (a *mapPtr) fastPath() bool { return false }

//go:noinline
func clearPtr(m map[*T]uint64) { clear(m) }

// ---- map[uint64][200]byte: the elem (over 128 bytes) is stored indirectly ----

type mapBig struct{ m map[uint64][200]byte }

func (a *mapBig) keyType() string  { return "uint64" }
func (a *mapBig) elemType() string { return "[200]byte" }
func (a *mapBig) newMap(hint int) {
	if hint < 0 {
		a.m = make(map[uint64][200]byte)
	} else {
		a.m = make(map[uint64][200]byte, hint)
	}
}
func (a *mapBig) set(k, v uint64) { a.m[k] = tracekit.BigElem(v) }
func (a *mapBig) del(k uint64)    { delete(a.m, k) }
func (a *mapBig) get(k uint64) (uint64, bool) {
	v, ok := a.m[k]
	return binary.LittleEndian.Uint64(v[:8]), ok
}
func (a *mapBig) clear()      { clearBig(a.m) }
func (a *mapBig) length() int { return len(a.m) }
func (a *mapBig) iface() any  { return a.m }
func (a *mapBig) hashKey(t *mapType, k uint64, seed uintptr) uint64 {
	return hashOf(t, unsafe.Pointer(&k), seed)
}
func (a *mapBig) keyJSON(k uint64) string             { return u64JSON(k) }
func (a *mapBig) elemJSON(v uint64) string            { return u64JSON(v) }
func (a *mapBig) slotKeyJSON(p unsafe.Pointer) string { return u64JSON(*(*uint64)(p)) }
func (a *mapBig) slotElem(p unsafe.Pointer) uint64 {
	// [N]byte elems are written as the decimal value of their first 8 bytes, little-endian.
	return binary.LittleEndian.Uint64((*[8]byte)(p)[:])
}

func (a *mapBig) keyIs(k uint64, p unsafe.Pointer) bool { return *(*uint64)(p) == k }
func (a *mapBig) fastPath() bool                        { return false }

//go:noinline
func clearBig(m map[uint64][200]byte) { clear(m) }
