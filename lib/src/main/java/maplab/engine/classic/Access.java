package maplab.engine.classic;

import static maplab.engine.classic.Hmap.HASH_WRITING;
import static maplab.engine.classic.Hmap.bucketMask;
import static maplab.engine.classic.MapType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EMPTY_REST;

import maplab.engine.GoFatalError;

/** Lookup: mapaccess1 / mapaccess2 and mapaccessK, the iterator's lookup (runtime/map.go). */
final class Access {

    /** Where a key was found: bucket and slot. */
    record Slot(Bucket b, int i) { }

    private Access() {
    }

    /**
     * mapaccess1 / mapaccess2: the elem for {@code key}, or null if absent. Reads never
     * evacuate, and a concurrent writer is detected by the hashWriting flag.
     */
    static Object mapaccess(Hmap h, Object key) {
        if (h.count() == 0) {
            return null;
        }
        if ((h.flags() & HASH_WRITING) != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        Slot s = find(h, key, h.hash(key));
        return s == null ? null : h.elemOf(s.b(), s.i());
    }

    /** mapaccessK: like mapaccess but returns the slot, and has no hashWriting check. */
    static Slot mapaccessK(Hmap h, Object key) {
        if (h.count() == 0) {
            return null;
        }
        return find(h, key, h.hash(key));
    }

    /**
     * The search shared by the mapaccess functions. Exactly one chain is searched: during
     * growth, the old chain if its bucket is not evacuated yet, else the new one. A tophash of
     * emptyRest ends the search: nothing lies beyond it in the chain.
     */
    private static Slot find(Hmap h, Object key, long hash) {
        long m = bucketMask(h.B());
        Bucket b = h.buckets().get(hash & m);
        BucketArray c = h.oldbuckets();
        if (c != null) {
            if (!h.sameSizeGrow()) {
                // There used to be half as many buckets; mask down one more power of two.
                m >>= 1;
            }
            Bucket oldb = c.get(hash & m);
            if (!oldb.evacuated()) {
                b = oldb;
            }
        }
        int top = Tophash.of(hash);
        for (; b != null; b = b.overflow()) {
            for (int i = 0; i < BUCKET_CNT; i++) {
                int th = b.tophash(i);
                if (th != top) {
                    if (th == EMPTY_REST) {
                        return null;
                    }
                    continue;
                }
                if (h.t.key().equal(key, h.keyOf(b, i))) {
                    return new Slot(b, i);
                }
            }
        }
        return null;
    }
}
