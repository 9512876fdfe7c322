//go:build !go1.24

package main

// The three map types the oracle records. Each adapter holds one real Go map and
// performs the trace operations on it with ordinary, non-generic Go code, so the
// compiler emits exactly the runtime calls a user's program would get
// (mapassign_fast64, mapaccess2_faststr, mapdelete, mapclear, ...).
//
// Workloads name keys by number (uint64); an adapter maps a key number to its real
// key (itself for uint64 keys, a string for string keys) and an elem number to its
// real elem.

import (
	"encoding/binary"
	"maplab/oracle/internal/tracekit"
	"unsafe"
)

type mapKind interface {
	keyType() string
	elemType() string
	// newMap replaces the map with make(map[K]V) (hint < 0) or make(map[K]V, hint).
	newMap(hint int)
	set(k, v uint64)
	del(k uint64)
	get(k uint64) bool
	clear()
	length() int
	// iface returns the map as an interface (for its *maptype and *hmap).
	iface() any
	// hashKey returns the runtime hash of key number k under seed.
	hashKey(t *maptype, k uint64, seed uint32) uint64
	// keyJSON returns the JSON of key number k's real key.
	keyJSON(k uint64) string
	// elemJSON returns the JSON of elem number v's real elem.
	elemJSON(v uint64) string
	// slotKeyJSON / slotElemJSON return the JSON of the key / elem stored at p
	// (p already dereferenced for indirect slots). The text is a copy: nothing
	// refers to map memory afterwards.
	slotKeyJSON(p unsafe.Pointer) string
	slotElemJSON(p unsafe.Pointer) string
}

// u64JSON: see tracekit.U64JSON.
func u64JSON(v uint64) string { return tracekit.U64JSON(v) }

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
func (a *mapU64) get(k uint64) bool {
	_, found := a.m[k]
	return found
}
func (a *mapU64) clear()      { clearU64(a.m) }
func (a *mapU64) length() int { return len(a.m) }
func (a *mapU64) iface() any  { return a.m }
func (a *mapU64) hashKey(t *maptype, k uint64, seed uint32) uint64 {
	return uint64(t.hasher(unsafe.Pointer(&k), uintptr(seed)))
}
func (a *mapU64) keyJSON(k uint64) string              { return u64JSON(k) }
func (a *mapU64) elemJSON(v uint64) string             { return u64JSON(v) }
func (a *mapU64) slotKeyJSON(p unsafe.Pointer) string  { return u64JSON(*(*uint64)(p)) }
func (a *mapU64) slotElemJSON(p unsafe.Pointer) string { return u64JSON(*(*uint64)(p)) }

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
func (a *mapStr) get(k uint64) bool {
	_, found := a.m[tracekit.StrKey(k)]
	return found
}
func (a *mapStr) clear()      { clearStr(a.m) }
func (a *mapStr) length() int { return len(a.m) }
func (a *mapStr) iface() any  { return a.m }
func (a *mapStr) hashKey(t *maptype, k uint64, seed uint32) uint64 {
	s := tracekit.StrKey(k)
	return uint64(t.hasher(unsafe.Pointer(&s), uintptr(seed)))
}
func (a *mapStr) keyJSON(k uint64) string  { return tracekit.StrJSON(tracekit.StrKey(k)) }
func (a *mapStr) elemJSON(v uint64) string { return u64JSON(v) }
func (a *mapStr) slotKeyJSON(p unsafe.Pointer) string {
	return tracekit.StrJSON(*(*string)(p)) // json.Marshal copies the bytes
}
func (a *mapStr) slotElemJSON(p unsafe.Pointer) string { return u64JSON(*(*uint64)(p)) }

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
func (a *mapBig) get(k uint64) bool {
	_, found := a.m[k]
	return found
}
func (a *mapBig) clear()      { clearBig(a.m) }
func (a *mapBig) length() int { return len(a.m) }
func (a *mapBig) iface() any  { return a.m }
func (a *mapBig) hashKey(t *maptype, k uint64, seed uint32) uint64 {
	return uint64(t.hasher(unsafe.Pointer(&k), uintptr(seed)))
}
func (a *mapBig) keyJSON(k uint64) string             { return u64JSON(k) }
func (a *mapBig) elemJSON(v uint64) string            { return u64JSON(v) }
func (a *mapBig) slotKeyJSON(p unsafe.Pointer) string { return u64JSON(*(*uint64)(p)) }
func (a *mapBig) slotElemJSON(p unsafe.Pointer) string {
	// [N]byte elems are written as the decimal value of their first 8 bytes, little-endian.
	return u64JSON(binary.LittleEndian.Uint64((*[8]byte)(p)[:]))
}
