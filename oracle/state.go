//go:build !go1.24

package main

// Reading a classic map's state: the trace's "summary" and "after" objects, and a
// consistency check of the whole structure after every operation.

import (
	"fmt"
	"strconv"
	"strings"
	"unsafe"
)

// summary is the trace's per-line summary of hmap.
type summary struct {
	count        int
	B            uint8
	flags        uint8
	noverflow    uint16
	nevacuate    uintptr
	growing      bool
	sameSizeGrow bool
	hash0        uint32
}

func readSummary(h *hmap) summary {
	return summary{
		count:        h.count,
		B:            h.B,
		flags:        h.flags,
		noverflow:    h.noverflow,
		nevacuate:    h.nevacuate,
		growing:      h.oldbuckets != nil,
		sameSizeGrow: h.flags&flagSameSizeGrow != 0,
		hash0:        h.hash0,
	}
}

func (s summary) json() string {
	return fmt.Sprintf(`{"count":%d,"B":%d,"flags":%d,"noverflow":%d,"nevacuate":%d,"growing":%t,"sameSizeGrow":%t,"hash0":"0x%08x"}`,
		s.count, s.B, s.flags, s.noverflow, s.nevacuate, s.growing, s.sameSizeGrow, s.hash0)
}

// oldBucketCount is 2^oldB while growing: oldB = B-1 for a doubling, B for a
// same-size growth (runtime/map.go hmap.noldbuckets).
func oldBucketCount(h *hmap) uintptr {
	oldB := h.B
	if h.flags&flagSameSizeGrow == 0 {
		oldB--
	}
	return uintptr(1) << oldB
}

// nextOverflowFree counts the preallocated overflow buckets not yet handed out:
// walk from extra.nextOverflow, one bucket at a time, to the bucket whose overflow
// pointer is set (the sentinel, always the last of the pool), counting it too.
func nextOverflowFree(t *maptype, h *hmap, limit uintptr) (int, error) {
	if h.extra == nil || h.extra.nextOverflow == nil {
		return 0, nil
	}
	n := 0
	for b := h.extra.nextOverflow; ; b = unsafe.Add(b, uintptr(t.bucketsize)) {
		n++
		if overflowOf(t, b) != nil {
			return n, nil
		}
		if uintptr(n) > limit {
			return 0, fmt.Errorf("pool walk from extra.nextOverflow found no sentinel within %d buckets", limit)
		}
	}
}

// afterJSON renders the trace's "after" object from the live map.
func afterJSON(mk mapKind, t *maptype, h *hmap) (string, error) {
	var sb strings.Builder
	sb.WriteString(`{"buckets":`)
	if h.buckets == nil {
		sb.WriteString("null")
	} else {
		writeHeads(&sb, mk, t, h.buckets, uintptr(1)<<h.B)
	}
	sb.WriteString(`,"oldbuckets":`)
	if h.oldbuckets == nil {
		sb.WriteString("null")
	} else {
		writeHeads(&sb, mk, t, h.oldbuckets, oldBucketCount(h))
	}
	free, err := nextOverflowFree(t, h, 1<<16)
	if err != nil {
		return "", err
	}
	sb.WriteString(`,"nextOverflowFree":`)
	sb.WriteString(strconv.Itoa(free))
	sb.WriteString("}")
	return sb.String(), nil
}

func writeHeads(sb *strings.Builder, mk mapKind, t *maptype, base unsafe.Pointer, n uintptr) {
	sb.WriteByte('[')
	for i := uintptr(0); i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		writeChain(sb, mk, t, bucketAt(t, base, i))
	}
	sb.WriteByte(']')
}

// writeChain writes BUCKET = {"tophash","keys","elems","overflow"} for b and its chain.
func writeChain(sb *strings.Builder, mk mapKind, t *maptype, b unsafe.Pointer) {
	depth := 0
	for ; b != nil; b = overflowOf(t, b) {
		depth++
		sb.WriteString(`{"tophash":[`)
		for i := 0; i < bucketCnt; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(strconv.Itoa(int(tophashAt(b, i))))
		}
		sb.WriteString(`],"keys":[`)
		for i := 0; i < bucketCnt; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			if tophashAt(b, i) >= minTopHash {
				sb.WriteString(mk.slotKeyJSON(keyAt(t, b, i)))
			} else {
				sb.WriteString("null")
			}
		}
		sb.WriteString(`],"elems":[`)
		for i := 0; i < bucketCnt; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			if tophashAt(b, i) >= minTopHash {
				sb.WriteString(mk.slotElemJSON(elemAt(t, b, i)))
			} else {
				sb.WriteString("null")
			}
		}
		sb.WriteString(`],"overflow":`)
	}
	sb.WriteString("null")
	for ; depth > 0; depth-- {
		sb.WriteByte('}')
	}
}

// checkStructure verifies the invariants the oracle relies on, so that a wrong
// mirror or a misread field cannot silently produce a plausible trace:
//   - every live slot of the current array sits in bucket hash & (2^B-1) with
//     tophash(hash) under the current seed, and holds no evacuation mark;
//   - an old bucket is either evacuated (every slot of its chain 2, 3 or 4) or
//     holds live slots in old bucket hash & (2^oldB-1);
//   - the live slots of the current array and of the unevacuated old buckets
//     add up to hmap.count (= len(m)).
func checkStructure(mk mapKind, t *maptype, h *hmap) error {
	if h.count != mk.length() {
		return fmt.Errorf("hmap.count %d != len(m) %d", h.count, mk.length())
	}
	if h.buckets == nil {
		if h.count != 0 || h.B != 0 {
			return fmt.Errorf("nil buckets with count %d B %d", h.count, h.B)
		}
		return nil
	}
	live := 0
	visit := func(base unsafe.Pointer, n uintptr, old bool) error {
		mask := uint64(n - 1)
		for i := uintptr(0); i < n; i++ {
			head := bucketAt(t, base, i)
			evacuated := old && tophashAt(head, 0) > 1 && tophashAt(head, 0) < minTopHash
			depth := 0
			for b := head; b != nil; b = overflowOf(t, b) {
				if depth++; depth > 1<<16 {
					return fmt.Errorf("overflow chain of bucket %d does not end", i)
				}
				for s := 0; s < bucketCnt; s++ {
					top := tophashAt(b, s)
					switch {
					case evacuated:
						if top < 2 || top >= minTopHash {
							return fmt.Errorf("evacuated old bucket %d has tophash %d in slot %d", i, top, s)
						}
					case top >= minTopHash:
						hash := uint64(t.hasher(keyAt(t, b, s), uintptr(h.hash0)))
						if hash&mask != uint64(i) || tophash(hash) != top {
							return fmt.Errorf("key %s in %s bucket %d slot %d (tophash %d) hashes to bucket %d tophash %d",
								mk.slotKeyJSON(keyAt(t, b, s)), map[bool]string{true: "old", false: "new"}[old], i, s, top,
								hash&mask, tophash(hash))
						}
						live++
					case top > 1:
						return fmt.Errorf("%s bucket %d slot %d has evacuation mark %d but bucket is not evacuated",
							map[bool]string{true: "old", false: "new"}[old], i, s, top)
					}
				}
			}
		}
		return nil
	}
	if err := visit(h.buckets, uintptr(1)<<h.B, false); err != nil {
		return err
	}
	if h.oldbuckets != nil {
		if err := visit(h.oldbuckets, oldBucketCount(h), true); err != nil {
			return err
		}
	}
	if live != h.count {
		return fmt.Errorf("found %d live slots but hmap.count = %d", live, h.count)
	}
	return nil
}

// chainBuckets returns the addresses of every overflow bucket linked from the
// current array's chains and then the old array's, in walk order.
func chainBuckets(t *maptype, h *hmap) []uintptr {
	var out []uintptr
	walk := func(base unsafe.Pointer, n uintptr) {
		for i := uintptr(0); i < n; i++ {
			for b := overflowOf(t, bucketAt(t, base, i)); b != nil; b = overflowOf(t, b) {
				out = append(out, uintptr(b))
			}
		}
	}
	if h.oldbuckets != nil {
		walk(h.oldbuckets, oldBucketCount(h))
	}
	if h.buckets != nil {
		walk(h.buckets, uintptr(1)<<h.B)
	}
	return out
}
