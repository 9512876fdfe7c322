package maplab.engine.classic;

import static maplab.engine.classic.Hmap.HASH_WRITING;
import static maplab.engine.classic.Hmap.bucketMask;
import static maplab.engine.classic.MapType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EMPTY_REST;

import maplab.engine.GoFatalError;

/** Lookup: mapaccess1 / mapaccess2 (map.go, map_fast32.go, map_fast64.go) and mapaccessK, the iterator's lookup. */
final class Access {

    /** Where a key was found: bucket and slot. */
    record Slot(Bucket b, int i) { }

    private Access() {
    }

    /** {@link #scan} results besides a slot index: the key is not in this bucket / not in the chain. */
    private static final int NEXT = -1;
    private static final int ABSENT = -2;

    /**
     * mapaccess1 / mapaccess2 (and their _fast32/_fast64 variants): the elem for {@code key}, or
     * null if absent. Reads never evacuate, and a concurrent writer is detected by the
     * hashWriting flag.
     */
    static Object mapaccess(Hmap h, Object key) {
        if (h.count() == 0) {
            return null;
        }
        if ((h.flags() & HASH_WRITING) != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        if (h.t.variant().word()) {
            return mapaccessWord(h, key);
        }
        long hash = h.hash(key);
        int top = Tophash.of(hash);
        for (Bucket b = chain(h, hash); b != null; b = b.overflow()) {
            int i = scan(h, b, key, top);
            if (i >= 0) {
                return h.elemOf(b, i);
            }
            if (i == ABSENT) {
                return null;
            }
        }
        return null;
    }

    /**
     * The body of mapaccess1_fast64 / _fast32 after the flag check: a one-bucket map is searched
     * without hashing, and every slot's key is compared before its tophash is looked at (a key
     * match in an empty slot is stale bytes); no emptyRest ends the search early.
     */
    private static Object mapaccessWord(Hmap h, Object key) {
        Bucket b = h.B() == 0 ? h.buckets().get(0) : chain(h, h.hash(key));
        boolean wordKey = h.t.wordKeys();
        long k = wordKey ? (Long) key : 0;
        for (; b != null; b = b.overflow()) {
            for (int i = 0; i < BUCKET_CNT; i++) {
                if ((wordKey ? b.keyIs(i, k) : b.keyEquals(i, key)) && !Tophash.isEmpty(b.tophash(i))) {
                    return h.elemOf(b, i);
                }
            }
        }
        return null;
    }

    /** mapaccessK: like mapaccess but returns the slot, and has no hashWriting check. */
    static Slot mapaccessK(Hmap h, Object key) {
        if (h.count() == 0) {
            return null;
        }
        long hash = h.hash(key);
        int top = Tophash.of(hash);
        for (Bucket b = chain(h, hash); b != null; b = b.overflow()) {
            int i = scan(h, b, key, top);
            if (i >= 0) {
                return new Slot(b, i);
            }
            if (i == ABSENT) {
                return null;
            }
        }
        return null;
    }

    /**
     * The chain a lookup searches. Exactly one chain is searched: during growth, the old chain if
     * its bucket is not evacuated yet, else the new one.
     */
    private static Bucket chain(Hmap h, long hash) {
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
        return b;
    }

    /**
     * One bucket of the search: the slot holding {@code key}, or NEXT, or ABSENT when a tophash of
     * emptyRest ends the search (nothing lies beyond it in the chain).
     */
    private static int scan(Hmap h, Bucket b, Object key, int top) {
        for (int i = 0; i < BUCKET_CNT; i++) {
            int th = b.tophash(i);
            if (th != top) {
                if (th == EMPTY_REST) {
                    return ABSENT;
                }
                continue;
            }
            if (h.keyEquals(b, i, key)) {
                return i;
            }
        }
        return NEXT;
    }
}
