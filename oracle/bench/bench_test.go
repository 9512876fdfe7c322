package bench

import (
	"fmt"
	"os"
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

// sizes are the map sizes of a sized workload. MAPLAB_BENCH_SET=classic (what ./maplab bench
// gives Go 1.19) keeps only the sizes of the classic engine's rows: 10^5, and for inserts also
// 10^3 and 10^7; otherwise lookups, deletes and iteration run at 10^3-10^6 and inserts also at 10^7.
// MAPLAB_BENCH_BIG=no leaves out the insert of 10^7: ./maplab bench runs it on its own with
// -benchtime 10000000x, one whole map per shot, where a time-bounded run would stop short of it.
func sizes(insert bool) []int {
	var s []int
	if os.Getenv("MAPLAB_BENCH_SET") == "classic" {
		s = []int{100_000}
		if insert {
			s = []int{1_000, 100_000, 10_000_000}
		}
	} else {
		s = []int{1_000, 10_000, 100_000, 1_000_000}
		if insert {
			s = append(s, 10_000_000)
		}
	}
	if insert && os.Getenv("MAPLAB_BENCH_BIG") == "no" {
		s = s[:len(s)-1]
	}
	return s
}

// sized runs body as one sub-benchmark n=<size> per size.
func sized(b *testing.B, insert bool, body func(b *testing.B, n int)) {
	for _, n := range sizes(insert) {
		n := n
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { body(b, n) })
	}
}

// BenchmarkInsert: inserts into a map made without a hint, n keys per map; a new map is made
// (timed, as every insert workload times its make) each time n keys are in.
func BenchmarkInsert(b *testing.B) {
	sized(b, true, func(b *testing.B, n int) {
		var m map[uint64]uint64
		j := 0
		for i := 0; i < b.N; i++ {
			if j == 0 {
				m = make(map[uint64]uint64)
			}
			m[Key(uint64(j))] = uint64(i)
			if j++; j == n {
				j = 0
			}
		}
		sink += uint64(len(m))
	})
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

// BenchmarkLookupHit looks the n keys up in turn. A counter walks the keys rather than i%n: a
// 64-bit division would cost about as much as a small map's lookup.
func BenchmarkLookupHit(b *testing.B) {
	sized(b, false, func(b *testing.B, n int) {
		m := filled(n)
		j := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			sink += m[Key(uint64(j))]
			if j++; j == n {
				j = 0
			}
		}
	})
}

// BenchmarkLookupMiss looks up n absent keys in turn (Key(n)..Key(2n-1)).
func BenchmarkLookupMiss(b *testing.B) {
	sized(b, false, func(b *testing.B, n int) {
		m := filled(n)
		j := 0
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			sink += m[Key(uint64(n+j))]
			if j++; j == n {
				j = 0
			}
		}
	})
}

// deleteBatch is how many entries the filled maps of one untimed refill of BenchmarkDelete hold
// together: stopping the timer for every small map would cost more than its deletes.
const deleteBatch = 1 << 20

// BenchmarkDelete deletes every key of filled maps, in insertion order; the maps are filled in
// batches with the timer stopped.
func BenchmarkDelete(b *testing.B) {
	sized(b, false, func(b *testing.B, n int) {
		var maps []map[uint64]uint64
		next, j := 0, 0
		refill := func() {
			maps = maps[:0]
			for t := 0; t == 0 || t*n < deleteBatch; t++ {
				maps = append(maps, filled(n))
			}
			next = 0
		}
		refill()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if next == len(maps) {
				b.StopTimer()
				refill()
				b.StartTimer()
			}
			delete(maps[next], Key(uint64(j)))
			if j++; j == n {
				j = 0
				next++
			}
		}
	})
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

// BenchmarkIterate: ns per entry of whole range loops over n entries.
func BenchmarkIterate(b *testing.B) {
	sized(b, false, func(b *testing.B, n int) {
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
	})
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
