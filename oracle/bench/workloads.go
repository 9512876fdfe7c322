// Package bench holds the map workloads that MapLab benchmarks on the real Go map, the
// same ones bench/ runs on the Java engine and on java.util.HashMap: ./maplab bench runs all
// three and prints ratios. Keys, sizes and the mix's random sequence are defined here and
// mirrored exactly in bench/src/main/java/maplab/bench/Workloads.java.
package bench

// Key is the i-th key of every workload: i times the golden ratio, spread over all 64 bits.
func Key(i uint64) uint64 { return i * 0x9E3779B97F4A7C15 }

// StringKey is the i-th key of the map[string]int workload.
func StringKey(i int) string { return "key-" + itoa(i) }

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// Xorshift is the mix workload's random sequence (xorshift64, Marsaglia), seeded with 1.
type Xorshift uint64

func (x *Xorshift) Next() uint64 {
	v := uint64(*x)
	v ^= v << 13
	v ^= v >> 7
	v ^= v << 17
	*x = Xorshift(v)
	return v
}

// MixOp is the mix workload's operation for random value r over n keys: 0 set, 1 get, 2 delete
// (50/25/25), on key Key(r % (2n)).
func MixOp(r uint64, n uint64) (op int, key uint64) {
	key = Key(r % (2 * n))
	switch (r >> 32) & 3 {
	case 0, 1:
		return 0, key
	case 2:
		return 1, key
	default:
		return 2, key
	}
}
