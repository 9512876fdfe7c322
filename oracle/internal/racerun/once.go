package racerun

import (
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
)

// MaxDelay is R: after the start barrier each goroutine spins a random 0..R iterations of
// spinDelay (about 0.35 ns each on the 2-core EPYC VM this was tuned on, so 0..~100 ns)
// before its operations. A map operation takes tens of nanoseconds and the goroutines leave
// the barrier within a few hundred of each other, so the relative offset ranges over
// partial, full and no overlap. (Measured with two goroutines and a 50-iteration critical
// section: R 0 → 36–42% overlapping runs, 300 → 11–16%, 1000 → 2–6%.)
const MaxDelay = 300

// yieldEvery: a goroutine waiting at the start barrier calls runtime.Gosched after this
// many spins (~20–60 µs). It must be long: a goroutine that yields sooner tends to end up
// sharing one P with the goroutine it waits for, and the two then run one after the other
// (1024 gave under 1% overlapping runs).
const yieldEvery = 1 << 16

var spinSink uint64

//go:noinline
func spinDelay(n int) {
	s := uint64(0)
	for i := 0; i < n; i++ {
		s += uint64(i)
	}
	spinSink = s
}

// RunOnce runs sc once in this process on a fresh map and returns classify's verdict on
// the map's final state (classify runs after every goroutine has finished). A fatal error
// kills the process instead of returning.
func RunOnce(sc *Scenario, rng *rand.Rand, classify func(sc *Scenario, m map[uint64]uint64) string) string {
	m := make(map[uint64]uint64)
	for _, k := range sc.Initial {
		m[k] = k
	}
	bodies := sc.Build(m)
	n := int32(len(bodies))
	var ready int32
	var start uint32
	var wg sync.WaitGroup
	wg.Add(len(bodies))
	for _, body := range bodies {
		delay := rng.Intn(MaxDelay + 1) // drawn here: rng is not safe for concurrent use
		go func(body func(), delay int) {
			defer wg.Done()
			// The start barrier: the last goroutine to arrive sets the flag, the
			// others spin on it, so all that hold a P leave it within nanoseconds.
			// (Main setting it would put a scheduler switch, main parking in
			// wg.Wait, between the release of the goroutine sharing main's P and
			// the others; overlaps then almost never happen.) The spin yields now
			// and then: with more goroutines than Ps a pure spin would hold a P
			// until the 10 ms async preemption.
			if atomic.AddInt32(&ready, 1) == n {
				atomic.StoreUint32(&start, 1)
			}
			for i := 1; atomic.LoadUint32(&start) == 0; i++ {
				if i%yieldEvery == 0 {
					runtime.Gosched()
				}
			}
			spinDelay(delay)
			body()
		}(body, delay)
	}
	wg.Wait()
	return classify(sc, m)
}
