package maplab.engine;

/**
 * The map type's hash function, {@code t.hasher(key, seed)} in the runtime. It must be a pure
 * function of key and seed (the engine, like the runtime, hashes a key again whenever it needs
 * the hash, for example during evacuation) and it must not throw for keys of the map's type.
 */
@FunctionalInterface
public interface Hasher {

    /** The 64-bit hash of {@code key} under {@code seed}. */
    long hash(Object key, long seed);

    /**
     * The hash of an 8-byte integer key, which the engine keeps unboxed: must equal
     * {@code hash(Long.valueOf(key), seed)}. Override it to spare evacuation a box per key.
     */
    default long hashWord(long key, long seed) {
        return hash(key, seed);
    }
}
