//go:build go1.24

package main

// Every set is predicted from the map's state before it, following the runtime's
// insert (docs/go-map-swiss.md §5, §7; internal/runtime/maps map.go putSlotSmall,
// growToTable, table.go PutSlot and runtime_fast*.go), and the prediction is checked
// against the real map afterwards: where the key went (group and slot), growthLeft, and
// whether its table was grown, split or pruned. A trace therefore also records that the
// runtime did what the fact sheet says, insert by insert.

import (
	"unsafe"
)

const (
	predUpdate      = iota // the key exists: elem updated in place
	predPlace              // new key into (group, slot); reuse: a tombstone, growthLeft unchanged
	predGrowToTable        // full small map: growToTable first
	predRehash             // growthLeft 0, no tombstone on the path: grow (capacity < 1024) or split
	predPruneOrGrow        // 1.25+ fast path, growthLeft 0 with tombstones: pruneTombstones, then insert or rehash
)

type setPrediction struct {
	kind       int
	small      bool
	tab        uintptr // the key's table before the set
	capacity   int
	localDepth int
	growthLeft int
	tombstones int
	group      uint64
	slot       int
	reuse      bool
	dirLen     int
}

func (s *session) predictSet(k uint64) setPrediction {
	m := s.m()
	t := s.t
	h := s.hash(k)
	p := setPrediction{dirLen: m.dirLen}
	if m.dirLen == 0 {
		p.small = true
		if m.dirPtr == nil {
			p.kind, p.slot = predPlace, 0
			return p
		}
		if m.used >= groupSlots {
			p.kind = predGrowToTable
			return p
		}
		lowestEmpty := -1
		for i := 0; i < groupSlots; i++ {
			c := ctrlAt(m.dirPtr, i)
			if c == h2(h) && s.mk.keyIs(k, slotKey(t, m.dirPtr, i)) {
				p.kind, p.slot = predUpdate, i
				return p
			}
			if c == ctrlEmpty && lowestEmpty < 0 {
				lowestEmpty = i
			}
		}
		p.kind, p.slot = predPlace, lowestEmpty
		return p
	}
	tb := m.directoryAt(m.directoryIndex(h))
	p.tab, p.capacity, p.localDepth = uintptr(unsafe.Pointer(tb)), int(tb.capacity), int(tb.localDepth)
	p.growthLeft, p.tombstones = int(tb.growthLeft), tb.tombstones()
	mask := tb.groups.lengthMask
	delGroup, delSlot := uint64(0), -1
	for g, step := h1(h)&mask, uint64(0); ; {
		grp := groupAt(t, tb.groups, g)
		lowestEmpty := -1
		lowestDel := -1
		for i := 0; i < groupSlots; i++ {
			c := ctrlAt(grp, i)
			if c == h2(h) && s.mk.keyIs(k, slotKey(t, grp, i)) {
				p.kind, p.group, p.slot = predUpdate, g, i
				return p
			}
			if c == ctrlEmpty && lowestEmpty < 0 {
				lowestEmpty = i
			}
			if c == ctrlDeleted && lowestDel < 0 {
				lowestDel = i
			}
		}
		if lowestEmpty >= 0 {
			switch {
			case delSlot >= 0:
				p.kind, p.group, p.slot, p.reuse = predPlace, delGroup, delSlot, true
			case tb.growthLeft > 0:
				p.kind, p.group, p.slot = predPlace, g, lowestEmpty
			case prunesTombstones && s.mk.fastPath() && p.tombstones > 0:
				p.kind, p.group, p.slot = predPruneOrGrow, g, lowestEmpty
			default:
				p.kind = predRehash
			}
			return p
		}
		if delSlot < 0 && lowestDel >= 0 {
			delGroup, delSlot = g, lowestDel
		}
		step++
		if step > mask {
			s.failf("set %d: probe sequence found no group with an empty slot", k)
		}
		g = (g + step) & mask
	}
}

// checkSet verifies a set against its prediction; it updates the session's counts of
// rehashes and prunes.
func (s *session) checkSet(k uint64, p setPrediction, before summary) {
	m := s.m()
	t := s.t
	h := s.hash(k)
	where := func() (tb *table, g uint64, slot int) {
		if m.dirLen == 0 {
			for i := 0; i < groupSlots; i++ {
				if isFull(ctrlAt(m.dirPtr, i)) && s.mk.keyIs(k, slotKey(t, m.dirPtr, i)) {
					return nil, 0, i
				}
			}
			s.failf("set %d: key not in the small group", k)
		}
		tb = m.directoryAt(m.directoryIndex(h))
		for g := uint64(0); g <= tb.groups.lengthMask; g++ {
			grp := groupAt(t, tb.groups, g)
			for i := 0; i < groupSlots; i++ {
				if isFull(ctrlAt(grp, i)) && s.mk.keyIs(k, slotKey(t, grp, i)) {
					return tb, g, i
				}
			}
		}
		s.failf("set %d: key not in its table", k)
		return nil, 0, 0
	}
	tb, g, slot := where()
	switch p.kind {
	case predUpdate:
		s.require(m.used == before.used && m.dirLen == p.dirLen, "set %d (update): used %d -> %d", k, before.used, m.used)
		if p.small {
			s.require(slot == p.slot, "set %d (update): slot %d, want %d", k, slot, p.slot)
		} else {
			s.require(uintptr(unsafe.Pointer(tb)) == p.tab && g == p.group && slot == p.slot && int(tb.growthLeft) == p.growthLeft,
				"set %d (update): moved or growthLeft changed", k)
		}
	case predPlace:
		s.require(m.used == before.used+1, "set %d: used %d -> %d", k, before.used, m.used)
		if p.small {
			s.require(m.dirLen == 0 && slot == p.slot, "set %d: small slot %d, want the lowest empty %d", k, slot, p.slot)
			return
		}
		wantGL := p.growthLeft - 1
		if p.reuse {
			wantGL = p.growthLeft
		}
		s.require(uintptr(unsafe.Pointer(tb)) == p.tab && g == p.group && slot == p.slot && int(tb.growthLeft) == wantGL,
			"set %d: landed in group %d slot %d growthLeft %d; predicted group %d slot %d (reuse %v) growthLeft %d",
			k, g, slot, tb.growthLeft, p.group, p.slot, p.reuse, wantGL)
		if p.reuse {
			s.reuses++
		}
	case predGrowToTable:
		s.require(m.dirLen == 1 && m.globalDepth == 0 && tb.capacity == 16 && tb.localDepth == 0 && tb.index == 0,
			"set %d on a full small map: dirLen %d, want growToTable's 16-slot table", k, m.dirLen)
		s.growToTables++
	case predRehash:
		s.rehashOK(k, tb, p)
	case predPruneOrGrow:
		if uintptr(unsafe.Pointer(tb)) == p.tab {
			// Pruned: tombstones turned empty, growthLeft went up by as many (then down by
			// one for the insert), and the insert took the predicted empty slot.
			gain := int(tb.growthLeft) + 1 - p.growthLeft
			s.require(gain > 0 && tb.tombstones() == p.tombstones-gain && g == p.group && slot == p.slot,
				"set %d: pruneTombstones: growthLeft %d -> %d, tombstones %d -> %d, slot (%d,%d) want (%d,%d)",
				k, p.growthLeft, tb.growthLeft, p.tombstones, tb.tombstones(), g, slot, p.group, p.slot)
			s.require(gain*10 >= p.capacity && p.tombstones*10 >= p.capacity, "set %d: pruned %d of %d tombstones in %d slots",
				k, gain, p.tombstones, p.capacity)
			s.prunes++
		} else {
			s.rehashOK(k, tb, p)
			s.pruneFailed++
		}
	}
}

func (s *session) rehashOK(k uint64, tb *table, p setPrediction) {
	m := s.m()
	s.require(uintptr(unsafe.Pointer(tb)) != p.tab, "set %d: growthLeft 0 but the table was not replaced", k)
	if p.capacity < maxTableCapacity {
		s.require(int(tb.capacity) == 2*p.capacity && int(tb.localDepth) == p.localDepth && m.dirLen == p.dirLen,
			"set %d: grow %d -> %d (localDepth %d -> %d)", k, p.capacity, tb.capacity, p.localDepth, tb.localDepth)
		s.grows++
	} else {
		wantDir := p.dirLen
		if p.localDepth == int(before0(s)) {
			wantDir *= 2
		}
		s.require(tb.capacity == maxTableCapacity && int(tb.localDepth) == p.localDepth+1,
			"set %d: split of a 1024-slot table gave capacity %d localDepth %d", k, tb.capacity, tb.localDepth)
		s.require(m.dirLen == wantDir || m.dirLen == 2*wantDir, "set %d: split: dirLen %d -> %d", k, p.dirLen, m.dirLen)
		s.splits++
	}
}

// before0 is the globalDepth before the current set (the directory doubles in a split
// exactly when the table's localDepth equalled it).
func before0(s *session) uint8 { return s.prev.globalDepth }
