//go:build go1.24

package main

// Reading a Swiss map's state: the trace's "summary" and "after" objects, and a
// consistency check of the whole structure after every operation.

import (
	"fmt"
	"strconv"
	"strings"
	"unsafe"
)

// summary is the trace's per-line summary of maps.Map.
type summary struct {
	used              uint64
	dirLen            int
	globalDepth       uint8
	tombstonePossible bool
	clearSeq          uint64
	seed              uintptr
}

func readSummary(m *swissMap) summary {
	return summary{used: m.used, dirLen: m.dirLen, globalDepth: m.globalDepth,
		tombstonePossible: m.tombstonePossible(), clearSeq: m.clearSeq, seed: m.seed}
}

func (s summary) json() string {
	return fmt.Sprintf(`{"used":%d,"dirLen":%d,"globalDepth":%d,"tombstonePossible":%t,"clearSeq":%d,"seed":"0x%016x"}`,
		s.used, s.dirLen, s.globalDepth, s.tombstonePossible, s.clearSeq, uint64(s.seed))
}

// distinctTables returns the directory's tables, each once, in order of first appearance.
func distinctTables(m *swissMap) []*table {
	var out []*table
	var last *table
	for i := 0; i < m.dirLen; i++ {
		t := m.directoryAt(i)
		if t != last {
			out = append(out, t)
			last = t
		}
	}
	return out
}

// tableShape is a copy of one table's header, for workloads' assertions.
type tableShape struct {
	addr       uintptr
	used       int
	capacity   int
	growthLeft int
	localDepth int
	index      int
	tombstones int
}

func shapes(m *swissMap) []tableShape {
	var out []tableShape
	for _, t := range distinctTables(m) {
		out = append(out, tableShape{addr: uintptr(unsafe.Pointer(t)), used: int(t.used), capacity: int(t.capacity),
			growthLeft: int(t.growthLeft), localDepth: int(t.localDepth), index: t.index, tombstones: t.tombstones()})
	}
	return out
}

// afterJSON renders the trace's "after" object. ids gives each table's allocation number.
func afterJSON(mk mapKind, t *mapType, m *swissMap, tableID func(*table) int) string {
	var sb strings.Builder
	sb.WriteString(`{"small":`)
	if m.dirLen == 0 && m.dirPtr != nil {
		writeGroup(&sb, mk, t, m.dirPtr)
	} else {
		sb.WriteString("null")
	}
	sb.WriteString(`,"directory":[`)
	for i := 0; i < m.dirLen; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(tableID(m.directoryAt(i))))
	}
	sb.WriteString(`],"tables":[`)
	for j, tb := range distinctTables(m) {
		if j > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"id":%d,"localDepth":%d,"index":%d,"capacity":%d,"used":%d,"growthLeft":%d,"groups":[`,
			tableID(tb), tb.localDepth, tb.index, tb.capacity, tb.used, tb.growthLeft)
		for g := uint64(0); g <= tb.groups.lengthMask; g++ {
			if g > 0 {
				sb.WriteByte(',')
			}
			writeGroup(&sb, mk, t, groupAt(t, tb.groups, g))
		}
		sb.WriteString("]}")
	}
	sb.WriteString("]}")
	return sb.String()
}

// writeGroup writes {"ctrl":[8],"keys":[8],"elems":[8]}; keys/elems null unless full.
func writeGroup(sb *strings.Builder, mk mapKind, t *mapType, g unsafe.Pointer) {
	sb.WriteString(`{"ctrl":[`)
	for i := 0; i < groupSlots; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(int(ctrlAt(g, i))))
	}
	sb.WriteString(`],"keys":[`)
	for i := 0; i < groupSlots; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		if isFull(ctrlAt(g, i)) {
			sb.WriteString(mk.slotKeyJSON(slotKey(t, g, i)))
		} else {
			sb.WriteString("null")
		}
	}
	sb.WriteString(`],"elems":[`)
	for i := 0; i < groupSlots; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		if isFull(ctrlAt(g, i)) {
			sb.WriteString(u64JSON(mk.slotElem(slotElem(t, g, i))))
		} else {
			sb.WriteString("null")
		}
	}
	sb.WriteString("]}")
}

// checkStructure verifies, after every operation, the invariants the oracle relies on,
// so that a wrong mirror or a misread field cannot silently produce a plausible trace:
//   - used = len(m) = live slots (small group, or the sum over distinct tables);
//     writing is 0 outside an operation;
//   - small: no tombstone; every full slot's ctrl is h2(hash(key)) under the seed;
//   - directory: dirLen = 2^globalDepth, globalShift = 64 − globalDepth; every table
//     covers the 2^(globalDepth−localDepth) entries from its index (a multiple of that
//     span); each table's capacity = 8·groups, a power of two ≥ 8; live slots = used;
//     tombstones (0xFE) = capacity·7/8 − used − growthLeft (8-slot tables: capacity−1);
//     no group holds both an empty slot and a tombstone;
//   - every live key: ctrl = h2(hash), the directory sends its hash to this table, and
//     a lookup probing from h1 reaches its group (no group before it on the probe
//     sequence has an empty slot);
//   - 1.25+: a tombstone anywhere implies tombstonePossible.
func checkStructure(mk mapKind, t *mapType, m *swissMap) error {
	if m.used != uint64(mk.length()) {
		return fmt.Errorf("Map.used %d != len(m) %d", m.used, mk.length())
	}
	if m.writing != 0 {
		return fmt.Errorf("Map.writing = %d outside an operation", m.writing)
	}
	if m.dirLen == 0 {
		if m.globalDepth != 0 {
			return fmt.Errorf("small map with globalDepth %d", m.globalDepth)
		}
		if m.dirPtr == nil {
			if m.used != 0 {
				return fmt.Errorf("no group but used = %d", m.used)
			}
			return nil
		}
		live := 0
		for i := 0; i < groupSlots; i++ {
			c := ctrlAt(m.dirPtr, i)
			switch {
			case isFull(c):
				live++
				k := slotKey(t, m.dirPtr, i)
				if h := hashOf(t, k, m.seed); h2(h) != c {
					return fmt.Errorf("small group slot %d: ctrl %d, key %s has h2 %d", i, c, mk.slotKeyJSON(k), h2(h))
				}
			case c != ctrlEmpty:
				return fmt.Errorf("small group slot %d has ctrl %#x (small maps hold no tombstones)", i, c)
			}
		}
		if uint64(live) != m.used {
			return fmt.Errorf("small group has %d live slots, used = %d", live, m.used)
		}
		return nil
	}
	if m.dirLen != 1<<m.globalDepth || m.globalShift != 64-m.globalDepth {
		return fmt.Errorf("dirLen %d globalDepth %d globalShift %d", m.dirLen, m.globalDepth, m.globalShift)
	}
	total := uint64(0)
	anyTombstone := false
	for i := 0; i < m.dirLen; {
		tb := m.directoryAt(i)
		if tb.localDepth > m.globalDepth {
			return fmt.Errorf("directory[%d]: localDepth %d > globalDepth %d", i, tb.localDepth, m.globalDepth)
		}
		span := 1 << (m.globalDepth - tb.localDepth)
		if tb.index != i || i%span != 0 {
			return fmt.Errorf("directory[%d]: table index %d, span %d", i, tb.index, span)
		}
		for j := i; j < i+span; j++ {
			if j >= m.dirLen || m.directoryAt(j) != tb {
				return fmt.Errorf("directory[%d]: not the table of index %d (span %d)", j, i, span)
			}
		}
		if i+span < m.dirLen && m.directoryAt(i+span) == tb {
			return fmt.Errorf("directory[%d]: table of index %d covers more than its span %d", i+span, i, span)
		}
		capacity := int(tb.capacity)
		if capacity < groupSlots || capacity&(capacity-1) != 0 || capacity > maxTableCapacity ||
			uint64(capacity/groupSlots) != tb.groups.lengthMask+1 {
			return fmt.Errorf("table %d: capacity %d, %d groups", i, capacity, tb.groups.lengthMask+1)
		}
		live, dead := 0, 0
		for g := uint64(0); g <= tb.groups.lengthMask; g++ {
			grp := groupAt(t, tb.groups, g)
			empty, tomb := false, false
			for s := 0; s < groupSlots; s++ {
				c := ctrlAt(grp, s)
				switch {
				case c == ctrlEmpty:
					empty = true
				case c == ctrlDeleted:
					tomb = true
					dead++
				case !isFull(c):
					return fmt.Errorf("table %d group %d slot %d: ctrl %#x", i, g, s, c)
				default:
					live++
					k := slotKey(t, grp, s)
					h := hashOf(t, k, m.seed)
					if h2(h) != c {
						return fmt.Errorf("table %d group %d slot %d: ctrl %d, key %s has h2 %d", i, g, s, c, mk.slotKeyJSON(k), h2(h))
					}
					if d := m.directoryIndex(h); d < i || d >= i+span {
						return fmt.Errorf("key %s in the table of directory[%d..%d) hashes to directory[%d]", mk.slotKeyJSON(k), i, i+span, d)
					}
					// The lookup's probe sequence must reach group g before a group with an empty slot.
					mask := tb.groups.lengthMask
					p, step := h1(h)&mask, uint64(0)
					for p != g {
						if ctrlWordHasEmpty(ctrlWord(groupAt(t, tb.groups, p))) {
							return fmt.Errorf("key %s (group %d) unreachable: probe stops at group %d", mk.slotKeyJSON(k), g, p)
						}
						step++
						if step > mask {
							return fmt.Errorf("key %s: probe sequence never reaches group %d", mk.slotKeyJSON(k), g)
						}
						p = (p + step) & mask
					}
				}
			}
			if empty && tomb {
				return fmt.Errorf("table %d group %d holds both an empty slot and a tombstone", i, g)
			}
		}
		if live != int(tb.used) {
			return fmt.Errorf("table %d: %d live slots, used = %d", i, live, tb.used)
		}
		if dead != tb.tombstones() {
			return fmt.Errorf("table %d: %d tombstones, capacity·7/8 − used − growthLeft = %d (capacity %d used %d growthLeft %d)",
				i, dead, tb.tombstones(), tb.capacity, tb.used, tb.growthLeft)
		}
		if capacity <= groupSlots && int(tb.growthLeft)+live+dead != capacity-1 {
			return fmt.Errorf("8-slot table %d: growthLeft %d + used %d + tombstones %d != 7", i, tb.growthLeft, live, dead)
		}
		anyTombstone = anyTombstone || dead > 0
		total += uint64(tb.used)
		i += span
	}
	if total != m.used {
		return fmt.Errorf("tables hold %d entries, Map.used = %d", total, m.used)
	}
	if hasTombstonePossible && anyTombstone && !m.tombstonePossible() {
		return fmt.Errorf("a table holds a tombstone but tombstonePossible is false")
	}
	return nil
}

func ctrlWordHasEmpty(w uint64) bool {
	for i := 0; i < 8; i++ {
		if uint8(w>>(8*i)) == ctrlEmpty {
			return true
		}
	}
	return false
}
