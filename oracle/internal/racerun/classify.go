package racerun

import (
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Outcome kinds of a finished run, in their fixed order (maplab.race.Classifier's).
const (
	Foreign     = "foreign key"
	Duplicate   = "duplicate key"
	Unreachable = "unreachable key"
	LostUpdate  = "lost update"
	CountWrong  = "count mismatch"
	Clean       = "clean"
)

// Classify names the final state of m after a run of sc, given slotKeys, the key of every
// live slot the oracle found by walking the real map (each slot once, in any order):
//   - foreign key: a key in a live slot that neither the initial map nor any goroutine wrote.
//     Only a runtime that read memory of another kind as a map's can put it there (Swiss: a
//     writer that reads m.dirPtr as a small group after another made it a directory copies
//     the words past the directory: undefined behaviour, the model's "crash: ... undefined");
//   - duplicate key: a key in more than one live slot;
//   - unreachable key: a key in a live slot for which `_, ok := m[k]` is false;
//   - lost update: the contents observed through `v, ok := m[k]` for every key of the
//     scenario differ from the final contents of every sequential order of the goroutines'
//     operations (Finals);
//   - count mismatch: len(m) differs from the number of live slots.
//
// The kinds that apply are joined with " + " in that order; "clean" if none. The caller
// must have ruled out a map its lookups would die on (a writer's flag left set).
func Classify(sc *Scenario, m map[uint64]uint64, slotKeys []uint64) string {
	var kinds []string
	written := map[uint64]bool{}
	for _, k := range sc.Initial {
		written[k] = true
	}
	for _, p := range sc.Progs {
		for _, op := range p {
			if op.Kind == 's' {
				written[op.Key] = true
			}
		}
	}
	for _, k := range slotKeys {
		if !written[k] {
			kinds = append(kinds, Foreign)
			break
		}
	}
	slots := map[uint64]int{}
	dup := false
	for _, k := range slotKeys {
		slots[k]++
		if slots[k] == 2 {
			dup = true
		}
	}
	if dup {
		kinds = append(kinds, Duplicate)
	}
	for k := range slots {
		if _, ok := m[k]; !ok {
			kinds = append(kinds, Unreachable)
			break
		}
	}
	scKeys := Keys(sc)
	obs := make([]cell, len(scKeys))
	for i, k := range scKeys {
		v, ok := m[k]
		obs[i] = cell{ok, v}
	}
	if !Finals(sc)[contents(obs)] {
		kinds = append(kinds, LostUpdate)
	}
	if len(m) != len(slotKeys) {
		kinds = append(kinds, CountWrong)
	}
	if len(kinds) == 0 {
		return Clean
	}
	return strings.Join(kinds, " + ")
}

type cell struct {
	present bool
	v       uint64
}

// contents writes each cell as its value or "-", each followed by a comma.
func contents(cells []cell) string {
	var sb strings.Builder
	for _, c := range cells {
		if c.present {
			sb.WriteString(strconv.FormatUint(c.v, 10))
		} else {
			sb.WriteString("-")
		}
		sb.WriteByte(',')
	}
	return sb.String()
}

// Keys lists every key of the scenario (initial or operated on), ascending.
func Keys(sc *Scenario) []uint64 {
	set := map[uint64]bool{}
	for _, k := range sc.Initial {
		set[k] = true
	}
	for _, p := range sc.Progs {
		for _, op := range p {
			if op.Kind == 's' || op.Kind == 'd' || op.Kind == 'g' {
				set[op.Key] = true
			}
		}
	}
	var out []uint64
	for k := range set {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

var finalsCache sync.Map // *Scenario -> map[string]bool

// Finals returns the final contents (over Keys, each key's value or "-", comma-terminated)
// of every interleaving of the goroutines' operations that keeps each goroutine's program
// order, starting from the initial entries.
func Finals(sc *Scenario) map[string]bool {
	if v, ok := finalsCache.Load(sc); ok {
		return v.(map[string]bool)
	}
	keys := Keys(sc)
	idx := map[uint64]int{}
	for i, k := range keys {
		idx[k] = i
	}
	state := make([]cell, len(keys))
	for _, k := range sc.Initial {
		state[idx[k]] = cell{true, k}
	}
	finals := map[string]bool{}
	pos := make([]int, len(sc.Progs))
	var rec func()
	rec = func() {
		done := true
		for g, p := range sc.Progs {
			if pos[g] == len(p) {
				continue
			}
			done = false
			op := p[pos[g]]
			i, saved := idx[op.Key], cell{}
			if op.Kind == 's' || op.Kind == 'd' {
				saved = state[i]
				state[i] = cell{op.Kind == 's', op.Key}
				if op.Kind == 'd' {
					state[i].v = 0
				}
			}
			pos[g]++
			rec()
			pos[g]--
			if op.Kind == 's' || op.Kind == 'd' {
				state[i] = saved
			}
		}
		if done {
			finals[contents(state)] = true
		}
	}
	rec()
	finalsCache.Store(sc, finals)
	return finals
}
