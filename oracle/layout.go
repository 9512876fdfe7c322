//go:build !go1.24

package main

// Mirrors of the Go runtime's internal map structures, amd64 only.
//
// Every mirror below was checked field by field against the runtime sources of
// Go 1.19.8, 1.21.13, 1.22.12 and 1.23.5 (Debian golang-1.xx-src): the layouts are
// identical in all four, so one file serves all versions. Only the constants that
// differ (load factor, malloc headers) live in build-tagged files (version_*.go).
// checkLayouts verifies the mirrors against a live map at start-up and the oracle
// refuses to run if anything disagrees.
//
// The oracle reads map memory through these mirrors only transiently, while the
// map keeps it alive; it never stores a pointer into map memory (only uintptr
// addresses), so it never keeps a bucket array or overflow bucket alive itself.

import (
	"fmt"
	"reflect"
	"unsafe"
)

// rtype mirrors runtime._type (Go 1.19, runtime/type.go) and abi.Type
// (Go 1.21–1.23, internal/abi/type.go). 48 bytes.
type rtype struct {
	size       uintptr // Size_
	ptrdata    uintptr // PtrBytes: 0 for a type without pointers ("noscan")
	hash       uint32
	tflag      uint8
	align      uint8
	fieldAlign uint8
	kind       uint8 // Kind_; low 5 bits: 21 = map, 22 = pointer
	equal      unsafe.Pointer
	gcdata     unsafe.Pointer
	str        int32
	ptrToThis  int32
}

const (
	kindMask = 31
	kindMap  = 21
)

// maptype mirrors runtime.maptype (Go 1.19, runtime/type.go) and abi.MapType
// (Go 1.21–1.23, internal/abi/type.go). 88 bytes.
type maptype struct {
	typ        rtype
	key        *rtype
	elem       *rtype
	bucket     *rtype                                // the bucket type built by the compiler (reflectdata.MapBucketType)
	hasher     func(unsafe.Pointer, uintptr) uintptr // (pointer to key, seed) -> hash
	keysize    uint8                                 // size of key slot (8 when indirect)
	elemsize   uint8                                 // size of elem slot (8 when indirect)
	bucketsize uint16                                // size of bucket
	flags      uint32                                // 1 indirect key, 2 indirect elem, 4 reflexive key, 8 need key update, 16 hash might panic
}

func (t *maptype) indirectKey() bool  { return t.flags&1 != 0 }
func (t *maptype) indirectElem() bool { return t.flags&2 != 0 }
func (t *maptype) noscan() bool       { return t.bucket.ptrdata == 0 }

// hmap mirrors runtime.hmap (runtime/map.go, Go 1.19–1.23). 48 bytes.
type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      *mapextra
}

// hmap.flags bits (runtime/map.go).
const (
	flagIterator     = 1
	flagOldIterator  = 2
	flagHashWriting  = 4
	flagSameSizeGrow = 8
)

// mapextra mirrors runtime.mapextra (runtime/map.go, Go 1.19–1.23). 24 bytes.
// overflow/oldoverflow are *[]*bmap in the runtime.
type mapextra struct {
	overflow     *[]unsafe.Pointer
	oldoverflow  *[]unsafe.Pointer
	nextOverflow unsafe.Pointer
}

// Bucket layout (runtime.bmap plus the compiler's reflectdata.MapBucketType):
// tophash [8]uint8 at offset 0, then 8 keys (keysize each), then 8 elems
// (elemsize each), then the overflow pointer at bucketsize-8.
const (
	bucketCnt  = 8
	dataOffset = 8
	minTopHash = 5
)

// hiter mirrors runtime.hiter (runtime/map.go) and reflect.hiter
// (reflect/value.go), Go 1.19–1.23. 12 words, 96 bytes.
type hiter struct {
	key         unsafe.Pointer
	elem        unsafe.Pointer
	t           unsafe.Pointer
	h           unsafe.Pointer
	buckets     unsafe.Pointer
	bptr        unsafe.Pointer
	overflow    unsafe.Pointer
	oldoverflow unsafe.Pointer
	startBucket uintptr
	offset      uint8
	wrapped     bool
	B           uint8
	i           uint8
	bucket      uintptr
	checkBucket uintptr
}

// mapIter mirrors reflect.MapIter (reflect/value.go, Go 1.19–1.23): a
// reflect.Value (typ, ptr, flag: 3 words) followed by the hiter. 120 bytes.
type mapIter struct {
	m     [3]uintptr
	hiter hiter
}

// eface mirrors runtime.eface: the two words of an interface{} value.
type eface struct {
	typ  *rtype
	data unsafe.Pointer
}

// mapTypeOf returns the runtime's *maptype of the map held by i.
func mapTypeOf(i any) *maptype {
	e := (*eface)(unsafe.Pointer(&i))
	if e.typ == nil || e.typ.kind&kindMask != kindMap {
		panic("mapTypeOf: not a map")
	}
	return (*maptype)(unsafe.Pointer(e.typ))
}

// hmapOf returns the *hmap behind the map held by i (a map value is a *hmap).
func hmapOf(i any) *hmap {
	e := (*eface)(unsafe.Pointer(&i))
	if e.typ == nil || e.typ.kind&kindMask != kindMap {
		panic("hmapOf: not a map")
	}
	// Maps are pointer-shaped: the interface's data word is the *hmap itself.
	return (*hmap)(e.data)
}

// hiterOf returns the runtime iterator state inside a reflect.MapIter.
func hiterOf(it *reflect.MapIter) *hiter {
	return &(*mapIter)(unsafe.Pointer(it)).hiter
}

// tophash is runtime.tophash: the top byte of the hash, bumped by minTopHash below it.
func tophash(hash uint64) uint8 {
	top := uint8(hash >> 56)
	if top < minTopHash {
		top += minTopHash
	}
	return top
}

// bucketAt returns bucket i of the array at base.
func bucketAt(t *maptype, base unsafe.Pointer, i uintptr) unsafe.Pointer {
	return unsafe.Add(base, i*uintptr(t.bucketsize))
}

// overflowOf returns a bucket's overflow pointer (bmap.overflow).
func overflowOf(t *maptype, b unsafe.Pointer) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(b, uintptr(t.bucketsize)-8))
}

// tophashAt returns bucket b's tophash[i].
func tophashAt(b unsafe.Pointer, i int) uint8 {
	return *(*uint8)(unsafe.Add(b, i))
}

// keyAt returns the address of the key in slot i (dereferenced if indirect).
func keyAt(t *maptype, b unsafe.Pointer, i int) unsafe.Pointer {
	k := unsafe.Add(b, dataOffset+i*int(t.keysize))
	if t.indirectKey() {
		k = *(*unsafe.Pointer)(k)
	}
	return k
}

// elemAt returns the address of the elem in slot i (dereferenced if indirect).
func elemAt(t *maptype, b unsafe.Pointer, i int) unsafe.Pointer {
	e := unsafe.Add(b, dataOffset+bucketCnt*int(t.keysize)+i*int(t.elemsize))
	if t.indirectElem() {
		e = *(*unsafe.Pointer)(e)
	}
	return e
}

// checkLayouts verifies the mirrors against live maps of the three map types
// the oracle uses. It returns an error naming the first disagreement.
func checkLayouts() error {
	check := func(ok bool, format string, args ...any) error {
		if !ok {
			return fmt.Errorf("layout check failed (runtime structures differ from the oracle's mirrors): "+format, args...)
		}
		return nil
	}
	// Struct sizes the runtime itself asserts or documents.
	if err := check(unsafe.Sizeof(rtype{}) == 48, "sizeof(_type mirror) = %d, want 48", unsafe.Sizeof(rtype{})); err != nil {
		return err
	}
	if err := check(unsafe.Sizeof(hmap{}) == 48, "sizeof(hmap mirror) = %d, want 48", unsafe.Sizeof(hmap{})); err != nil {
		return err
	}
	if err := check(unsafe.Sizeof(hiter{}) == 96, "sizeof(hiter mirror) = %d, want 96 (runtime: 12 words)", unsafe.Sizeof(hiter{})); err != nil {
		return err
	}
	if err := check(unsafe.Sizeof(reflect.MapIter{}) == unsafe.Sizeof(mapIter{}),
		"sizeof(reflect.MapIter) = %d but the mirror has %d", unsafe.Sizeof(reflect.MapIter{}), unsafe.Sizeof(mapIter{})); err != nil {
		return err
	}

	type want struct {
		m                       any
		keySize, elemSize       uintptr
		keySlot, elemSlot, bsz  int
		indKey, indElem, noscan bool
	}
	cases := []want{
		{map[uint64]uint64{}, 8, 8, 8, 8, 144, false, false, true},
		{map[string]uint64{}, 16, 8, 16, 8, 208, false, false, false},
		{map[uint64][200]byte{}, 8, 200, 8, 8, 144, false, true, false},
	}
	for _, c := range cases {
		t := mapTypeOf(c.m)
		name := reflect.TypeOf(c.m).String()
		if err := check(t.typ.size == 8, "%s: map type size %d, want 8", name, t.typ.size); err != nil {
			return err
		}
		if err := check(t.key.size == c.keySize && t.elem.size == c.elemSize,
			"%s: key/elem type sizes %d/%d, want %d/%d", name, t.key.size, t.elem.size, c.keySize, c.elemSize); err != nil {
			return err
		}
		if err := check(int(t.keysize) == c.keySlot && int(t.elemsize) == c.elemSlot && int(t.bucketsize) == c.bsz,
			"%s: keysize/elemsize/bucketsize %d/%d/%d, want %d/%d/%d", name, t.keysize, t.elemsize, t.bucketsize,
			c.keySlot, c.elemSlot, c.bsz); err != nil {
			return err
		}
		if err := check(t.bucket.size == uintptr(t.bucketsize), "%s: bucket type size %d != bucketsize %d",
			name, t.bucket.size, t.bucketsize); err != nil {
			return err
		}
		if err := check(t.indirectKey() == c.indKey && t.indirectElem() == c.indElem && t.noscan() == c.noscan,
			"%s: indirectKey/indirectElem/noscan %v/%v/%v, want %v/%v/%v", name, t.indirectKey(), t.indirectElem(),
			t.noscan(), c.indKey, c.indElem, c.noscan); err != nil {
			return err
		}
	}

	// A live map[uint64]uint64: hmap fields, hasher, bucket contents, iterator.
	m := make(map[uint64]uint64)
	for k := uint64(1); k <= 5; k++ {
		m[k] = k * 100
	}
	t := mapTypeOf(m)
	h := hmapOf(m)
	if err := check(h.count == len(m) && h.B == 0 && h.buckets != nil && h.oldbuckets == nil && h.flags == 0,
		"hmap of a 5-entry map: count=%d (len %d) B=%d flags=%d", h.count, len(m), h.B, h.flags); err != nil {
		return err
	}
	for i := 0; i < 5; i++ {
		// A fresh B=0 map fills bucket 0 densely from slot 0.
		k := *(*uint64)(keyAt(t, h.buckets, i))
		v := *(*uint64)(elemAt(t, h.buckets, i))
		hash := uint64(t.hasher(unsafe.Pointer(&k), uintptr(h.hash0)))
		if err := check(k == uint64(i+1) && v == k*100 && tophashAt(h.buckets, i) == tophash(hash),
			"bucket 0 slot %d holds key %d elem %d tophash %d; want key %d elem %d tophash %d",
			i, k, v, tophashAt(h.buckets, i), i+1, (i+1)*100, tophash(hash)); err != nil {
			return err
		}
	}
	if err := check(tophashAt(h.buckets, 5) == 0 && overflowOf(t, h.buckets) == nil, "bucket 0 slot 5 not empty or overflow set"); err != nil {
		return err
	}
	// A larger map: every live key sits in bucket hash&mask.
	for k := uint64(1); k < 200; k++ {
		m[k] = k
	}
	for len(m) > 0 && hmapOf(m).oldbuckets != nil { // finish any growth
		m[1] = 1
	}
	h = hmapOf(m)
	if err := check(h.count == len(m) && h.B >= 4, "after 199 inserts: count=%d len=%d B=%d", h.count, len(m), h.B); err != nil {
		return err
	}
	found := 0
	for i := uintptr(0); i < 1<<h.B; i++ {
		for b := bucketAt(t, h.buckets, i); b != nil; b = overflowOf(t, b) {
			for s := 0; s < bucketCnt; s++ {
				if tophashAt(b, s) < minTopHash {
					continue
				}
				k := *(*uint64)(keyAt(t, b, s))
				hash := uint64(t.hasher(unsafe.Pointer(&k), uintptr(h.hash0)))
				if err := check(hash&(1<<h.B-1) == uint64(i) && tophash(hash) == tophashAt(b, s) && m[k] == k,
					"key %d found in bucket %d slot %d (tophash %d), hash says bucket %d tophash %d",
					k, i, s, tophashAt(b, s), hash&(1<<h.B-1), tophash(hash)); err != nil {
					return err
				}
				found++
			}
		}
	}
	if err := check(found == len(m), "walked %d live slots, len(m) = %d", found, len(m)); err != nil {
		return err
	}
	// The iterator inside reflect.MapIter.
	it := reflect.ValueOf(m).MapRange()
	if !it.Next() {
		return fmt.Errorf("layout check: MapRange produced nothing")
	}
	hi := hiterOf(it)
	if err := check(hi.h == unsafe.Pointer(h) && hi.t == unsafe.Pointer(t) && hi.B == h.B && hi.buckets == h.buckets &&
		hi.startBucket < 1<<h.B && hi.offset < 8 && h.flags&(flagIterator|flagOldIterator) == flagIterator|flagOldIterator,
		"reflect.MapIter's hiter: h=%v t=%v B=%d startBucket=%d offset=%d flags=%d", hi.h == unsafe.Pointer(h),
		hi.t == unsafe.Pointer(t), hi.B, hi.startBucket, hi.offset, h.flags); err != nil {
		return err
	}
	if err := check(*(*uint64)(hi.key) == it.Key().Uint(), "hiter.key does not point at the current key"); err != nil {
		return err
	}
	return nil
}
