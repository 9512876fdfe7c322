package maplab.engine.classic;

import static maplab.engine.classic.Hmap.bucketShift;

import maplab.engine.Draw;
import maplab.alloc.SizeClasses;
import maplab.engine.Allocated;
import maplab.engine.GoVersion;
import maplab.engine.ObjectKind;

/** Map creation and bucket arrays: makemap, makemap_small, makeBucketArray (runtime/map.go). */
final class MakeMap {

    /**
     * The largest B the model allocates: a bucket array keeps its keys and elems in Java arrays
     * of 16 slots a bucket, and (2^27 + its overflow pool) * 16 slots no longer fit in one.
     */
    static final int MAX_B = 26;
    /** maxAlloc on amd64 (1 << 48): a larger hint*bucketsize is treated as hint 0. */
    private static final long MAX_ALLOC = 1L << 48;

    private MakeMap() {
    }

    /** makemap_small: make(map[K]V) or a constant hint <= 8; only the seed is drawn. */
    static void makemapSmall(Hmap h) {
        h.setHash0(h.rand32(Draw.HASH_SEED));
    }

    /**
     * makemap(t, hint, h): seed, then the smallest B that holds hint entries within the load
     * factor. B = 0 allocates nothing (the first mapassign does); B >= 1 allocates the array now.
     */
    static void makemap(Hmap h, long hint) {
        hint = effectiveHint(h.t, hint);
        h.setHash0(h.rand32(Draw.HASH_SEED));
        int b = bForHint(h.version, hint);
        h.setB(b);
        if (b != 0) {
            BucketArray buckets = makeBucketArray(h, b, null);
            h.setBuckets(buckets);
            Bucket nextOverflow = buckets.pool();
            if (nextOverflow != null) {
                MapExtra extra = new MapExtra();
                extra.nextOverflow = nextOverflow;
                h.setExtra(extra);
                if (h.events != null) {
                    Events.extraAllocated(h);
                }
            }
        }
    }

    /** The hint makemap uses: 0 when hint*bucketsize overflows or exceeds maxAlloc (and for negative hints). */
    static long effectiveHint(BucketType t, long hint) {
        return hint < 0 || hint > MAX_ALLOC / t.bucketSize() ? 0 : hint;
    }

    /** The B that makemap chooses for a hint: the smallest with !overLoadFactor(hint, B). */
    static int bForHint(GoVersion version, long hint) {
        int b = 0;
        while (Growth.overLoadFactor(version, hint, b)) {
            b++;
        }
        return b;
    }

    /** The number of buckets makeBucketArray allocates for B: 2^B, plus the overflow pool for B >= 4. */
    static int nbuckets(Hmap h, int b) {
        long base = bucketShift(b);
        long nbuckets = base;
        // For small b, overflow buckets are unlikely; the runtime skips the calculation.
        if (b >= 4) {
            nbuckets += bucketShift(b - 4);
            long sz = h.t.bucketSize() * nbuckets;
            long up = SizeClasses.roundupsize(sz, !h.t.bucketHasPointers(), h.version.mallocHeaders());
            if (up != sz) {
                nbuckets = up / h.t.bucketSize();
            }
        }
        return Math.toIntExact(nbuckets);
    }

    /**
     * makeBucketArray(t, b, dirtyalloc): allocates a new array, or zeroes {@code dirty} (mapclear)
     * and reuses it. The runtime also returns the first preallocated overflow bucket; here that is
     * {@link BucketArray#pool()} of the result. The pool's last bucket gets the non-nil sentinel
     * overflow pointer (the array's first bucket), meaning "last in pool".
     */
    static BucketArray makeBucketArray(Hmap h, int b, BucketArray dirty) {
        int base = (int) bucketShift(b);
        int nbuckets = nbuckets(h, b);
        BucketArray array;
        if (dirty == null) {
            array = new BucketArray(h, h.nextArrayId++, base, nbuckets);
            allocated(h, array, b);
        } else {
            array = dirty;
            for (int j = 0; j < array.length(); j++) {
                array.mem.zero(j);
            }
        }
        if (base != nbuckets) {
            array.mem.setOverflow(nbuckets - 1, array.get(0));
        }
        return array;
    }

    /** newobject(t.bucket): the first bucket of a map made with B = 0, allocated by its first mapassign. */
    static BucketArray newFirstBucket(Hmap h) {
        BucketArray array = new BucketArray(h, h.nextArrayId++, 1, 1);
        allocated(h, array, 0);
        return array;
    }

    /** The bytes malloc hands out for an array of n buckets of this map type. */
    static long arrayBytes(Hmap h, int nbuckets) {
        return SizeClasses.roundupsize(h.t.bucketSize() * nbuckets, !h.t.bucketHasPointers(),
                h.version.mallocHeaders());
    }

    private static void allocated(Hmap h, BucketArray array, int b) {
        if (h.events != null) {
            h.events.emit(new Allocated(h.op, ObjectKind.BUCKET_ARRAY, array.id, h.t.bucketSize() * array.length(),
                    !h.t.bucketHasPointers()));
            h.events.emit(new MapEvent.BucketArrayAllocated(h.op, array.id, b, array.length(),
                    arrayBytes(h, array.length())));
        }
    }
}
