package maplab.engine;

/**
 * Why the runtime drew a random number. A replay of a real trace feeds each kind from what the
 * trace recorded, so the purpose travels with every draw.
 */
public enum Draw {
    /** A new hash seed: at make, when a delete empties the map, at clear (classic hmap.hash0). */
    HASH_SEED,
    /** An iterator's start: the classic start bucket and slot offset come from one draw. */
    ITER_START,
    /** incrnoverflow's 1-in-2^(B-15) counting, drawn only when B >= 16. */
    OVERFLOW_COUNT,
    /** Hashing a key that is not equal to itself (NaN): Go mixes a fresh random value in. */
    NAN_HASH
}
