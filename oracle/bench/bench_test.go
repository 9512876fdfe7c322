package bench

import (
	"fmt"
	"runtime"
	"testing"
)

// Every benchmark reports ns per map operation: b.N operations in all.

var sink uint64

func filled(n int) map[uint64]uint64 {
	m := make(map[uint64]uint64)
	for i := 0; i < n; i++ {
		m[Key(uint64(i))] = uint64(i)
	}
	return m
}

// BenchmarkInsert: inserts into a map made without a hint, n keys per map.
func BenchmarkInsert(b *testing.B) {
	for _, n := range []int{1_000, 100_000, 10_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			var m map[uint64]uint64
			for i := 0; i < b.N; i++ {
				if i%n == 0 {
					m = make(map[uint64]uint64)
				}
				m[Key(uint64(i%n))] = uint64(i)
			}
			sink += uint64(len(m))
		})
	}
}

// BenchmarkInsertHint: the same with make(map, n).
func BenchmarkInsertHint(b *testing.B) {
	n := 100_000
	var m map[uint64]uint64
	for i := 0; i < b.N; i++ {
		if i%n == 0 {
			m = make(map[uint64]uint64, n)
		}
		m[Key(uint64(i%n))] = uint64(i)
	}
	sink += uint64(len(m))
}

func BenchmarkLookupHit(b *testing.B) {
	n := 100_000
	m := filled(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += m[Key(uint64(i%n))]
	}
}

func BenchmarkLookupMiss(b *testing.B) {
	n := 100_000
	m := filled(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += m[Key(uint64(n+i%n))]
	}
}

// BenchmarkDelete deletes every key of a filled map; refilling is not timed.
func BenchmarkDelete(b *testing.B) {
	n := 100_000
	m := filled(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%n == 0 && i > 0 {
			b.StopTimer()
			m = filled(n)
			b.StartTimer()
		}
		delete(m, Key(uint64(i%n)))
	}
}

// BenchmarkMix: 50% set, 25% get, 25% delete on 2n keys, starting from n keys.
func BenchmarkMix(b *testing.B) {
	n := uint64(100_000)
	m := filled(int(n))
	x := Xorshift(1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		op, k := MixOp(x.Next(), n)
		switch op {
		case 0:
			m[k] = k
		case 1:
			sink += m[k]
		default:
			delete(m, k)
		}
	}
}

// BenchmarkIterate: ns per entry of a whole range loop over n entries.
func BenchmarkIterate(b *testing.B) {
	n := 100_000
	m := filled(n)
	b.ResetTimer()
	done := 0
	for done < b.N {
		for k, v := range m {
			sink += k ^ v
			done++
			if done == b.N {
				break
			}
		}
	}
}

func BenchmarkLookupString(b *testing.B) {
	n := 100_000
	m := make(map[string]int, 0)
	keys := make([]string, n)
	for i := 0; i < n; i++ {
		keys[i] = StringKey(i)
		m[keys[i]] = i
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sink += uint64(m[keys[i%n]])
	}
}

// TestMapBytes prints the heap bytes a map[uint64]uint64 of 10^6 and 10^7 entries takes:
// HeapAlloc after a forced GC with the map alive, minus before it was made.
func TestMapBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds maps of 10^7 entries")
	}
	for _, n := range []int{1_000_000, 10_000_000} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		m := filled(n)
		runtime.GC()
		runtime.ReadMemStats(&after)
		fmt.Printf("MAPBYTES n=%d bytes=%d\n", n, int64(after.HeapAlloc)-int64(before.HeapAlloc))
		runtime.KeepAlive(m)
	}
}
