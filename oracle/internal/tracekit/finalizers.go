package tracekit

import (
	"fmt"
	"runtime"
	"time"
)

// CollectUntilQuiet forces collections until every finalizer of an unreachable tracked
// object has run; freed counts the tracked objects whose finalizers have run so far.
//
// Finalizers run on one goroutine, in batches, and an object reachable only from another
// finalized object (an overflow chain, a directory's tables, a table's groups) is found one
// cycle after that finalizer ran. A sentinel's finalizer runs only after the batch before
// it, so each round proves that every finalizer queued before it has run. It stops after
// three rounds in a row find nothing new, or fails after 20 s.
func CollectUntilQuiet(freed func() int) error {
	quiet := 0
	deadline := time.Now().Add(20 * time.Second)
	for quiet < 3 {
		before := freed()
		if err := sentinelRound(deadline); err != nil {
			return err
		}
		if freed() == before {
			quiet++
		} else {
			quiet = 0
		}
	}
	return nil
}

// sentinel is a small pointerful object (never a tiny allocation) whose finalizer tells
// that the finalizer goroutine has reached it.
type sentinel struct {
	p   *int
	pad [24]byte
}

//go:noinline
func newSentinel(done chan struct{}) {
	s := &sentinel{}
	runtime.SetFinalizer(s, func(*sentinel) { close(done) })
}

func sentinelRound(deadline time.Time) error {
	done := make(chan struct{})
	newSentinel(done)
	for {
		runtime.GC()
		select {
		case <-done:
			return nil
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("gc: finalizers did not run within 20s")
		}
	}
}
