//go:build go1.24

package main

// Allocation ids and garbage collection.
//
// Ids follow the trace format: groups#k is the k-th groups array (a small map's one group
// counts as one), table#k the k-th table, directory#k the k-th directory, each counted
// from 0 in allocation order. The tracker learns of an allocation by reading the map after
// each operation: a small group, a directory, a table or a table's groups array whose
// address it has not seen yet is new. Within one operation new tables (and their groups
// arrays) are numbered in directory order, which is the runtime's allocation order
// (NewMap allocates the tables for i = 0..dirSize−1; split allocates left, then right,
// and left.index < right.index); each kind has its own counter, so the order between kinds
// does not matter. No memory is freed between two gc operations (automatic collection is
// off), so an address cannot be reused for a new object until a gc has reported the old
// one freed, when the tracker forgets it.
//
// Each tracked object gets a runtime.SetFinalizer that records its id as freed. The tracker
// keeps only uintptr addresses, never pointers; the finalizers capture the tracker and the
// id, not the object.

import (
	"fmt"
	"maplab/oracle/internal/tracekit"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"unsafe"
)

// opaque is the type the finalizers see: a map allocation as opaque memory.
// SetFinalizer accepts it because the pointer is the object's start.
type opaque struct{ _ [8]byte }

const (
	kindDirectory = iota
	kindTable
	kindGroups
	nKinds
)

var kindNames = [nKinds]string{"directory", "table", "groups"}

type allocTracker struct {
	ids   [nKinds]map[uintptr]int // live tracked objects: address -> id
	count [nKinds]int
	// newThisOp counts the allocations the last observe found, per kind.
	newThisOp [nKinds]int

	mu    sync.Mutex // guards freed, written by finalizers
	freed [nKinds][]int
}

func newAllocTracker() *allocTracker {
	tr := &allocTracker{}
	for k := range tr.ids {
		tr.ids[k] = map[uintptr]int{}
	}
	return tr
}

func (tr *allocTracker) track(kind int, p unsafe.Pointer) {
	a := uintptr(p)
	if _, ok := tr.ids[kind][a]; ok {
		return
	}
	id := tr.count[kind]
	tr.count[kind]++
	tr.newThisOp[kind]++
	tr.ids[kind][a] = id
	runtime.SetFinalizer((*opaque)(p), func(*opaque) {
		tr.mu.Lock()
		tr.freed[kind] = append(tr.freed[kind], id)
		tr.mu.Unlock()
	})
}

// observe records the allocations visible after an operation. It must run after every
// operation, while the map keeps all of them alive.
func (tr *allocTracker) observe(m *swissMap) {
	tr.newThisOp = [nKinds]int{}
	if m.dirLen == 0 {
		if m.dirPtr != nil {
			tr.track(kindGroups, m.dirPtr)
		}
		return
	}
	tr.track(kindDirectory, m.dirPtr)
	for _, t := range distinctTables(m) {
		tr.track(kindTable, unsafe.Pointer(t))
		tr.track(kindGroups, t.groups.data)
	}
}

// tableID is the allocation number of a table the tracker has seen.
func (tr *allocTracker) tableID(t *table) int {
	id, ok := tr.ids[kindTable][uintptr(unsafe.Pointer(t))]
	if !ok {
		panic(fmt.Sprintf("table %p was never observed", t))
	}
	return id
}

func (tr *allocTracker) freedCount() int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	n := 0
	for _, f := range tr.freed {
		n += len(f)
	}
	return n
}

// gc forces collections until every finalizer of an unreachable tracked object has run,
// then returns the ids freed since the previous call (directory#k, then table#k, then
// groups#k, each ascending) and forgets their addresses (the memory may be reused).
func (tr *allocTracker) gc() ([]string, error) {
	if err := tracekit.CollectUntilQuiet(tr.freedCount); err != nil {
		return nil, err
	}
	tr.mu.Lock()
	freed := tr.freed
	tr.freed = [nKinds][]int{}
	tr.mu.Unlock()
	var out []string
	for kind := 0; kind < nKinds; kind++ {
		sort.Ints(freed[kind])
		for _, id := range freed[kind] {
			out = append(out, kindNames[kind]+"#"+strconv.Itoa(id))
			for a, k := range tr.ids[kind] {
				if k == id {
					delete(tr.ids[kind], a)
				}
			}
		}
	}
	return out, nil
}
