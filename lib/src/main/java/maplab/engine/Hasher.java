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
}
