package maplab.bench;

/**
 * The benchmark workloads' keys and random sequence, exactly as oracle/bench/workloads.go
 * defines them for the real Go map, so that the three implementations do the same work.
 */
final class Workloads {

    /** The size of the lookup, delete, mix and iterate workloads. */
    static final int N = 100_000;

    private Workloads() {
    }

    /** "1e5" for 100000: the size suffix of a workload id; null unless size is a power of ten. */
    static String sizeTag(long size) {
        int e = 0;
        for (long v = size; v > 1; v /= 10, e++) {
            if (v % 10 != 0) {
                return null;
            }
        }
        return size >= 1 ? "1e" + e : null;
    }

    /** The i-th key: i times the golden ratio, spread over all 64 bits (Go's uint64 arithmetic). */
    static long key(long i) {
        return i * 0x9E3779B97F4A7C15L;
    }

    static String stringKey(int i) {
        return "key-" + i;
    }

    /** xorshift64 (Marsaglia), seeded with 1: the mix workload's random sequence. */
    static long xorshift(long v) {
        v ^= v << 13;
        v ^= v >>> 7;
        v ^= v << 17;
        return v;
    }

    /** The mix's operation for random r over n keys: 0 set, 1 get, 2 delete (50/25/25). */
    static int mixOp(long r) {
        int sel = (int) ((r >>> 32) & 3);
        return sel <= 1 ? 0 : sel == 2 ? 1 : 2;
    }

    /** The mix's key for random r over n keys: key(r mod 2n), unsigned. */
    static long mixKey(long r, long n) {
        return key(Long.remainderUnsigned(r, 2 * n));
    }
}
