package maplab.engine.classic;

import java.util.Objects;

/**
 * One bucket array allocation: 2^B buckets, then any preallocated overflow buckets
 * (makeBucketArray), or the single lazily allocated first bucket of a small map.
 * {@code id} is k in the allocation id {@code buckets#k}.
 */
final class BucketArray {

    final int id;
    /** 2^B, the buckets a hash indexes; the rest are the overflow pool. */
    final int base;
    /** The buckets' bytes. */
    final BucketMemory mem;

    BucketArray(Hmap h, int id, int base, int nbuckets) {
        this.id = id;
        this.base = base;
        this.mem = BucketMemory.ofArray(h, this, nbuckets);
    }

    /** All buckets, overflow pool included. */
    int length() {
        return mem.length();
    }

    /** The first preallocated overflow bucket (makeBucketArray's nextOverflow), or null if none. */
    Bucket pool() {
        return length() > base ? get(base) : null;
    }

    /**
     * Bucket i's index in {@link #mem}. A racing reader can compute an index from a B that does
     * not match this array; the runtime then reads past it, and the model faults here, before
     * touching the memory, as {@link #get} does.
     */
    int index(long i) {
        return Objects.checkIndex((int) i, length());
    }

    /** Bucket i's identity. */
    Bucket get(long i) {
        return mem.bucket((int) i);
    }
}
