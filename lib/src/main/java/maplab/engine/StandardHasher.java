package maplab.engine;

/**
 * The default hash: fast, deterministic and well mixed in both the low bits (the bucket index)
 * and the top byte (the tophash). It is not Go's aeshash/memhash (whose values depend on the CPU's
 * AES support and a per-process key); the runtime's own hashes come from traces instead.
 * Like Go, it hashes +0.0 and -0.0 alike; NaN hashes are made random by the engine.
 */
public final class StandardHasher implements Hasher {

    public static final StandardHasher INSTANCE = new StandardHasher();

    private static final long C1 = 0x9E3779B97F4A7C15L;
    private static final long C2 = 0xBF58476D1CE4E5B9L;
    private static final long C3 = 0x94D049BB133111EBL;

    private StandardHasher() {
    }

    @Override
    public long hash(Object key, long seed) {
        long s = seed * C1 + C1;
        if (key instanceof Long) {
            return mix(((Long) key) ^ s);
        }
        if (key instanceof Integer || key instanceof Byte) {
            return mix(((Number) key).longValue() ^ s);
        }
        if (key instanceof String) {
            // The JVM caches String.hashCode, so this costs no pass over the characters. Strings
            // with equal hashCode and length get equal hashes, which only costs a key compare.
            String str = (String) key;
            return mix((((long) str.hashCode() << 32) | str.length()) ^ s);
        }
        if (key instanceof Double) {
            double d = (Double) key;
            return mix((d == 0 ? 0 : Double.doubleToRawLongBits(d)) ^ s);
        }
        if (key instanceof byte[]) {
            byte[] b = (byte[]) key;
            long h = s ^ b.length;
            for (byte x : b) {
                h = (h ^ (x & 0xff)) * C2;
            }
            return mix(h);
        }
        if (key instanceof Boolean) {
            return mix(((Boolean) key ? 1 : 0) ^ s);
        }
        // struct{} and pointers: identity, as Go hashes a pointer's address.
        return mix(System.identityHashCode(key) ^ s);
    }

    @Override
    public long hashWord(long key, long seed) {
        return mix(key ^ (seed * C1 + C1));
    }

    /** splitmix64's finaliser: every input bit reaches every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * C2;
        z = (z ^ (z >>> 27)) * C3;
        return z ^ (z >>> 31);
    }
}
