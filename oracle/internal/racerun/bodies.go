package racerun

import (
	"sync"
	"sync/atomic"
)

// The statements of the scenarios, each with its Progs and Build made together so that they
// cannot disagree. The oracles choose names, docs and initial keys (which shape of map each
// engine races on); the statements are ordinary, non-generic map code on map[uint64]uint64,
// so each toolchain compiles them to its own fast map calls (mapassign_fast64,
// mapaccess1_fast64, mapdelete_fast64, and mapiterinit or mapIterStart).

// sink keeps read results alive (atomic: the goroutines write it concurrently).
var sink uint64

// Inserts: goroutine i runs m[keys[i]] = keys[i].
func Inserts(name, doc string, initial []uint64, keys ...uint64) *Scenario {
	sc := &Scenario{Name: name, Doc: doc, Initial: initial}
	for _, k := range keys {
		sc.Progs = append(sc.Progs, []Op{Set(k)})
	}
	sc.Build = func(m map[uint64]uint64) []func() {
		bodies := make([]func(), len(keys))
		for i, k := range keys {
			k := k
			bodies[i] = func() { m[k] = k }
		}
		return bodies
	}
	return sc
}

// InsertAndLookup: G1 m[set] = set, G2 v := m[get].
func InsertAndLookup(name, doc string, initial []uint64, set, get uint64) *Scenario {
	return &Scenario{Name: name, Doc: doc, Initial: initial, Progs: [][]Op{{Set(set)}, {Get(get)}},
		Build: func(m map[uint64]uint64) []func() {
			return []func(){
				func() { m[set] = set },
				func() { v := m[get]; atomic.AddUint64(&sink, v) },
			}
		}}
}

// IterateAndInsert: G1 for k, v := range m {sum += k+v}, G2 m[set] = set.
func IterateAndInsert(name, doc string, initial []uint64, set uint64) *Scenario {
	return &Scenario{Name: name, Doc: doc, Initial: initial, Progs: [][]Op{{Range()}, {Set(set)}},
		Build: func(m map[uint64]uint64) []func() {
			return []func(){
				func() {
					sum := uint64(0)
					for k, v := range m {
						sum += k + v
					}
					atomic.AddUint64(&sink, sum)
				},
				func() { m[set] = set },
			}
		}}
}

// DeleteAndInsert: G1 delete(m, del), G2 m[set] = set.
func DeleteAndInsert(name, doc string, initial []uint64, del, set uint64) *Scenario {
	return &Scenario{Name: name, Doc: doc, Initial: initial, Progs: [][]Op{{Delete(del)}, {Set(set)}},
		Build: func(m map[uint64]uint64) []func() {
			return []func(){func() { delete(m, del) }, func() { m[set] = set }}
		}}
}

// MutexInserts: G1 mu.Lock(); m[a] = a; mu.Unlock(), G2 the same with b (synchronised).
func MutexInserts(name, doc string, initial []uint64, a, b uint64) *Scenario {
	return &Scenario{Name: name, Doc: doc, Initial: initial, Progs: [][]Op{{Set(a)}, {Set(b)}},
		Build: func(m map[uint64]uint64) []func() {
			var mu sync.Mutex
			return []func(){
				func() { mu.Lock(); m[a] = a; mu.Unlock() },
				func() { mu.Lock(); m[b] = b; mu.Unlock() },
			}
		}}
}

// ChannelHandoff: G1 m[a] = a; c <- struct{}{}, G2 <-c; m[b] = b (unbuffered; synchronised).
func ChannelHandoff(name, doc string, initial []uint64, a, b uint64) *Scenario {
	return &Scenario{Name: name, Doc: doc, Initial: initial, Progs: [][]Op{{Set(a)}, {Set(b)}},
		Build: func(m map[uint64]uint64) []func() {
			c := make(chan struct{})
			return []func(){
				func() { m[a] = a; c <- struct{}{} },
				func() { <-c; m[b] = b },
			}
		}}
}
