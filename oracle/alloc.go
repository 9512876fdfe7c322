//go:build !go1.24

package main

// Allocation ids and garbage collection.
//
// Ids follow the trace format: buckets#k is the k-th bucket array (every new
// h.buckets pointer: the lazy first bucket, makemap's array, each growth's array;
// clear reuses the array), overflow#k the k-th overflow bucket allocated on its own
// (a bucket taken from the preallocated pool is part of its array and has no id).
//
// Each tracked object gets a runtime.SetFinalizer that records its id as freed.
// The tracker keeps only uintptr addresses, never pointers, so it keeps nothing
// alive; the finalizers capture the tracker and the id, not the object.

import (
	"fmt"
	"maplab/oracle/internal/tracekit"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"unsafe"
)

// bucketMem is the type the finalizers see: a bucket array or bucket, as opaque
// memory. SetFinalizer accepts it because the pointer is the object's start.
type bucketMem struct{ _ [8]byte }

type arrayRec struct {
	id       int
	base     uintptr
	nbuckets uintptr // 2^B plus the preallocated overflow buckets
	end      uintptr // base + nbuckets*bucketsize
}

type allocTracker struct {
	t           *maptype
	lastBuckets uintptr              // h.buckets after the previous operation
	arrays      map[uintptr]arrayRec // by base address; removed when freed
	overflow    map[uintptr]int      // separately allocated overflow buckets: address -> id
	nArrays     int
	nOverflow   int
	// ambiguousOrder counts operations that allocated more than one separate overflow
	// bucket in a pointerful map, where ids follow chain-walk order, not allocation order.
	ambiguousOrder int

	mu            sync.Mutex // guards the fields below, written by finalizers
	freedBuckets  []int
	freedOverflow []int
}

func newAllocTracker(t *maptype) *allocTracker {
	return &allocTracker{t: t, arrays: map[uintptr]arrayRec{}, overflow: map[uintptr]int{}}
}

// roundupsize is the runtime's malloc size-class rounding (runtime/msize.go;
// msize_allocheaders.go in 1.22). The class table is identical in Go 1.19–1.23.
func roundupsize(size uintptr, noscan bool) uintptr {
	const maxSmallSize, pageSize, mallocHeaderSize, minSizeForMallocHeader = 32768, 8192, 8, 512
	req := size
	if mallocHeaders {
		if req <= maxSmallSize-mallocHeaderSize {
			if !noscan && req > minSizeForMallocHeader {
				req += mallocHeaderSize
			}
			return classSize(req) - (req - size)
		}
	} else if size < maxSmallSize {
		return classSize(size)
	}
	return (size + pageSize - 1) &^ (pageSize - 1)
}

// class_to_size from runtime/sizeclasses.go (same in Go 1.19–1.26).
var classToSize = []uintptr{0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288,
	320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688,
	3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336,
	16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768}

func classSize(size uintptr) uintptr {
	for _, c := range classToSize {
		if c >= size {
			return c
		}
	}
	panic("classSize: too large")
}

// nbucketsFor is the bucket count makeBucketArray(t, b) allocates (runtime/map.go).
func nbucketsFor(t *maptype, b uint8) uintptr {
	n := uintptr(1) << b
	if b >= 4 {
		n += uintptr(1) << (b - 4)
		sz := uintptr(t.bucketsize) * n
		if up := roundupsize(sz, t.noscan()); up != sz {
			n = up / uintptr(t.bucketsize)
		}
	}
	return n
}

// observe records the allocations visible after an operation: a new bucket array
// and any new separately allocated overflow buckets. It must run after every
// operation, while the map keeps all of them alive.
func (tr *allocTracker) observe(h *hmap) error {
	t := tr.t
	if cur := uintptr(h.buckets); cur != 0 && cur != tr.lastBuckets {
		if err := tr.newArray(h); err != nil {
			return err
		}
	}
	tr.lastBuckets = uintptr(h.buckets)
	if h.buckets == nil {
		return nil
	}
	cur, ok := tr.arrays[uintptr(h.buckets)]
	if !ok {
		return fmt.Errorf("h.buckets %#x is not a known bucket array", uintptr(h.buckets))
	}
	ranges := []arrayRec{cur}
	if h.oldbuckets != nil {
		old, ok := tr.arrays[uintptr(h.oldbuckets)]
		if !ok {
			return fmt.Errorf("h.oldbuckets %#x is not a known bucket array", uintptr(h.oldbuckets))
		}
		ranges = append(ranges, old)
	}
	inArray := func(a uintptr) bool {
		for _, r := range ranges {
			if a >= r.base && a < r.end {
				return true
			}
		}
		return false
	}
	// Pointer-free buckets: the runtime appends every new overflow bucket, in
	// order, to *extra.overflow (moved to oldoverflow at a grow).
	if t.noscan() && h.extra != nil {
		for _, sl := range []*[]unsafe.Pointer{h.extra.oldoverflow, h.extra.overflow} {
			if sl == nil {
				continue
			}
			for _, p := range *sl {
				if a := uintptr(p); !inArray(a) {
					if _, seen := tr.overflow[a]; !seen {
						tr.trackOverflow(p)
					}
				}
			}
		}
	}
	newCount := 0
	for _, a := range chainBuckets(t, h) {
		if inArray(a) {
			continue
		}
		if _, seen := tr.overflow[a]; seen {
			continue
		}
		if t.noscan() {
			return fmt.Errorf("overflow bucket %#x is linked but not in extra.overflow/oldoverflow", a)
		}
		newCount++
		tr.trackOverflow(findLinked(t, h, a))
	}
	if newCount > 1 {
		tr.ambiguousOrder++
	}
	return nil
}

// findLinked returns, as a pointer, the linked overflow bucket at address a (so the
// pointer is derived from the live chain, not from an integer).
func findLinked(t *maptype, h *hmap, a uintptr) unsafe.Pointer {
	var found unsafe.Pointer
	walk := func(base unsafe.Pointer, n uintptr) {
		for i := uintptr(0); i < n && found == nil; i++ {
			for b := overflowOf(t, bucketAt(t, base, i)); b != nil; b = overflowOf(t, b) {
				if uintptr(b) == a {
					found = b
					return
				}
			}
		}
	}
	if h.oldbuckets != nil {
		walk(h.oldbuckets, oldBucketCount(h))
	}
	if found == nil {
		walk(h.buckets, uintptr(1)<<h.B)
	}
	return found
}

// newArray registers h.buckets as the next bucket array. Its extent is computed
// from the size classes and cross-checked with the pool: walking from
// extra.nextOverflow must end at the last bucket, whose overflow pointer is the
// array's base (makeBucketArray's sentinel).
func (tr *allocTracker) newArray(h *hmap) error {
	t := tr.t
	base := uintptr(h.buckets)
	n := nbucketsFor(t, h.B)
	if h.B >= 4 {
		if h.extra == nil || h.extra.nextOverflow == nil {
			// The pool was used up in the operation that allocated the array: nothing
			// to cross-check; the size-class computation stands.
		} else {
			free, err := nextOverflowFree(t, h, n)
			if err != nil {
				return err
			}
			lastb := unsafe.Add(h.extra.nextOverflow, uintptr(free-1)*uintptr(t.bucketsize))
			last, sentinel := uintptr(lastb), uintptr(overflowOf(t, lastb))
			if last != base+(n-1)*uintptr(t.bucketsize) || sentinel != base {
				return fmt.Errorf("B=%d array: size classes give %d buckets, but the pool ends at bucket %d (sentinel %#x, base %#x)",
					h.B, n, (last-base)/uintptr(t.bucketsize), sentinel, base)
			}
		}
	} else if h.extra != nil && h.extra.nextOverflow != nil {
		return fmt.Errorf("B=%d array has a preallocated pool", h.B)
	}
	id := tr.nArrays
	tr.nArrays++
	tr.arrays[base] = arrayRec{id: id, base: base, nbuckets: n, end: base + n*uintptr(t.bucketsize)}
	tr.setFinalizer(h.buckets, true, id)
	return nil
}

// trackOverflow gives the separately allocated overflow bucket p the next id.
func (tr *allocTracker) trackOverflow(p unsafe.Pointer) {
	id := tr.nOverflow
	tr.nOverflow++
	tr.overflow[uintptr(p)] = id
	tr.setFinalizer(p, false, id)
}

// setFinalizer makes the collector record id as freed once p is unreachable. The
// finalizer refers to the tracker and the id only, never to the object.
func (tr *allocTracker) setFinalizer(p unsafe.Pointer, array bool, id int) {
	runtime.SetFinalizer((*bucketMem)(p), func(*bucketMem) {
		tr.mu.Lock()
		if array {
			tr.freedBuckets = append(tr.freedBuckets, id)
		} else {
			tr.freedOverflow = append(tr.freedOverflow, id)
		}
		tr.mu.Unlock()
	})
}

func (tr *allocTracker) freedCount() int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return len(tr.freedBuckets) + len(tr.freedOverflow)
}

// gc forces collections until every finalizer of an unreachable tracked object has
// run, then returns the ids freed since the previous call (buckets#k first, then
// overflow#k, each ascending) and forgets their addresses (which may be reused).
func (tr *allocTracker) gc() ([]string, error) {
	if err := tracekit.CollectUntilQuiet(tr.freedCount); err != nil {
		return nil, err
	}
	tr.mu.Lock()
	fb, fo := tr.freedBuckets, tr.freedOverflow
	tr.freedBuckets, tr.freedOverflow = nil, nil
	tr.mu.Unlock()
	sort.Ints(fb)
	sort.Ints(fo)
	var ids []string
	for _, id := range fb {
		ids = append(ids, "buckets#"+strconv.Itoa(id))
		for a, r := range tr.arrays {
			if r.id == id {
				delete(tr.arrays, a)
			}
		}
		// A later array may reuse the address; lastBuckets never names a freed one
		// (h.buckets keeps the current array alive).
	}
	for _, id := range fo {
		ids = append(ids, "overflow#"+strconv.Itoa(id))
		for a, k := range tr.overflow {
			if k == id {
				delete(tr.overflow, a)
			}
		}
	}
	return ids, nil
}
