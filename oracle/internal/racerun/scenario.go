package racerun

import (
	"fmt"
	"strings"
)

// Op is one map operation of a goroutine, for the sequential-order enumeration of the
// lost-update check. Writes always store value = key.
type Op struct {
	Kind byte // 's' m[Key]=Key, 'd' delete(m,Key), 'g' m[Key], 'i' range m
	Key  uint64
}

// Set is the operation m[k] = k.
func Set(k uint64) Op { return Op{Kind: 's', Key: k} }

// Delete is the operation delete(m, k).
func Delete(k uint64) Op { return Op{Kind: 'd', Key: k} }

// Get is the operation m[k] (a read: it changes no final contents).
func Get(k uint64) Op { return Op{Kind: 'g', Key: k} }

// Range is the loop for k, v := range m (a read: it changes no final contents).
func Range() Op { return Op{Kind: 'i'} }

// Scenario is a few goroutines racing on one map[uint64]uint64. Its name is a contract with
// the Java side (maplab.race.RaceScenarios).
type Scenario struct {
	Name    string
	Doc     string
	Initial []uint64 // inserted (k -> k) by the main goroutine before the goroutines start
	Progs   [][]Op   // each goroutine's operations, in program order
	// Build returns the goroutine bodies for map m (already holding Initial); body i performs
	// Progs[i] with ordinary, non-generic map code (bodies.go), so that the toolchain
	// building the oracle emits its own fast map calls.
	Build func(m map[uint64]uint64) []func()
}

// RangeKeys returns lo..hi inclusive.
func RangeKeys(lo, hi uint64) []uint64 {
	var out []uint64
	for k := lo; k <= hi; k++ {
		out = append(out, k)
	}
	return out
}

// Find returns the scenario of all named name.
func Find(all []*Scenario, name string) (*Scenario, bool) {
	for _, sc := range all {
		if sc.Name == name {
			return sc, true
		}
	}
	return nil, false
}

// Names lists the names of all, in order.
func Names(all []*Scenario) []string {
	var out []string
	for _, sc := range all {
		out = append(out, sc.Name)
	}
	return out
}

// ParseScenarios parses the -scenarios flag "a,b" against all (empty: all of them).
func ParseScenarios(s string, all []*Scenario) ([]*Scenario, error) {
	if s == "" {
		return all, nil
	}
	var out []*Scenario
	for _, n := range strings.Split(s, ",") {
		sc, ok := Find(all, strings.TrimSpace(n))
		if !ok {
			return nil, fmt.Errorf("unknown race scenario %q (known: %s)", n, strings.Join(Names(all), ", "))
		}
		out = append(out, sc)
	}
	return out, nil
}
