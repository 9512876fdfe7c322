package maplab.engine.classic;

/**
 * One bucket array allocation: 2^B buckets, then any preallocated overflow buckets
 * (makeBucketArray), or the single lazily allocated first bucket of a small map.
 * {@code id} is k in the allocation id {@code buckets#k}.
 */
final class BucketArray {

    final int id;
    /** 2^B, the buckets a hash indexes; the rest are the overflow pool. */
    final int base;
    final Bucket[] b;

    BucketArray(Hmap h, int id, int base, int nbuckets) {
        this.id = id;
        this.base = base;
        this.b = new Bucket[nbuckets];
        for (int i = 0; i < nbuckets; i++) {
            b[i] = new Bucket(h, this, i);
        }
    }

    /** The first preallocated overflow bucket (makeBucketArray's nextOverflow), or null if none. */
    Bucket pool() {
        return b.length > base ? b[base] : null;
    }

    Bucket get(long i) {
        return b[(int) i];
    }
}
