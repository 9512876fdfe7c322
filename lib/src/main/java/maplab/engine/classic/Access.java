package maplab.engine.classic;

import static maplab.engine.classic.Hmap.HASH_WRITING;
import static maplab.engine.classic.Hmap.bucketMask;
import static maplab.engine.classic.BucketType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EMPTY_REST;

import maplab.engine.GoFatalError;

/** Lookup: mapaccess1 / mapaccess2 (map.go, map_fast32.go, map_fast64.go) and mapaccessK, the iterator's lookup. */
final class Access {

    /** Where a key was found: bucket and slot. */
    record Slot(Bucket b, int i) { }

    /** The first bucket of the chain a lookup searches: bucket j of mem (b in the runtime). */
    private record Head(BucketMemory mem, int j) { }

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
        Head head = chain(h, hash);
        BucketMemory mem = head.mem();
        int j = head.j();
        while (true) {
            int i = scan(h, mem, j, key, top);
            if (i >= 0) {
                return h.elemOf(mem, j, i);
            }
            if (i == ABSENT) {
                return null;
            }
            Bucket ovf = mem.overflow(j);
            if (ovf == null) {
                return null;
            }
            mem = ovf.mem;
            j = ovf.j;
        }
    }

    /**
     * The body of mapaccess1_fast64 / _fast32 after the flag check: a one-bucket map is searched
     * without hashing, and every slot's key is compared before its tophash is looked at (a key
     * match in an empty slot is stale bytes); no emptyRest ends the search early.
     */
    private static Object mapaccessWord(Hmap h, Object key) {
        BucketMemory mem;
        int j;
        if (h.B() == 0) {
            mem = h.buckets().mem;
            j = 0;
        } else {
            Head head = chain(h, h.hash(key));
            mem = head.mem();
            j = head.j();
        }
        boolean wordKey = h.t.wordKeys();
        long k = wordKey ? (Long) key : 0;
        while (true) {
            for (int i = 0; i < BUCKET_CNT; i++) {
                if ((wordKey ? mem.keyIs(j, i, k) : mem.keyEquals(j, i, key)) && !Tophash.isEmpty(mem.tophash(j, i))) {
                    return h.elemOf(mem, j, i);
                }
            }
            Bucket ovf = mem.overflow(j);
            if (ovf == null) {
                return null;
            }
            mem = ovf.mem;
            j = ovf.j;
        }
    }

    /**
     * mapaccess1_fast64 ({@code wantElem}: the elem, or 0 when absent) or mapaccess2_fast64's ok
     * ({@code _, ok := m[key]}: 1 or 0, the elem not read) for a map whose keys and elems are
     * 8-byte integers kept as words, neither boxed: the accesses of {@link #mapaccess}.
     */
    static long mapaccessWord(Hmap h, long key, boolean wantElem) {
        if (h.count() == 0) {
            return 0;
        }
        if ((h.flags() & HASH_WRITING) != 0) {
            throw new GoFatalError("concurrent map read and map write");
        }
        BucketMemory mem;
        int j;
        if (h.B() == 0) {
            mem = h.buckets().mem;
            j = 0;
        } else {
            // chain(), without its Head: the old chain if its bucket is not evacuated yet.
            long hash = h.hashWord(key, h.hash0());
            long m = bucketMask(h.B());
            BucketArray a = h.buckets();
            j = a.index(hash & m);
            BucketArray c = h.oldbuckets();
            if (c != null) {
                if (!h.sameSizeGrow()) {
                    m >>= 1;
                }
                int oldj = c.index(hash & m);
                if (!c.mem.evacuated(oldj)) {
                    a = c;
                    j = oldj;
                }
            }
            mem = a.mem;
        }
        while (true) {
            for (int i = 0; i < BUCKET_CNT; i++) {
                if (mem.keyIs(j, i, key) && !Tophash.isEmpty(mem.tophash(j, i))) {
                    return wantElem ? mem.elemWord(j, i) : 1;
                }
            }
            Bucket ovf = mem.overflow(j);
            if (ovf == null) {
                return 0;
            }
            mem = ovf.mem;
            j = ovf.j;
        }
    }

    /** mapaccessK: like mapaccess but returns the slot, and has no hashWriting check. */
    static Slot mapaccessK(Hmap h, Object key) {
        if (h.count() == 0) {
            return null;
        }
        long hash = h.hash(key);
        int top = Tophash.of(hash);
        Head head = chain(h, hash);
        BucketMemory mem = head.mem();
        int j = head.j();
        while (true) {
            int i = scan(h, mem, j, key, top);
            if (i >= 0) {
                return new Slot(mem.bucket(j), i);
            }
            if (i == ABSENT) {
                return null;
            }
            Bucket ovf = mem.overflow(j);
            if (ovf == null) {
                return null;
            }
            mem = ovf.mem;
            j = ovf.j;
        }
    }

    /**
     * The chain a lookup searches. Exactly one chain is searched: during growth, the old chain if
     * its bucket is not evacuated yet, else the new one.
     */
    private static Head chain(Hmap h, long hash) {
        long m = bucketMask(h.B());
        BucketArray a = h.buckets();
        int j = a.index(hash & m);
        BucketArray c = h.oldbuckets();
        if (c != null) {
            if (!h.sameSizeGrow()) {
                // There used to be half as many buckets; mask down one more power of two.
                m >>= 1;
            }
            int oldj = c.index(hash & m);
            if (!c.mem.evacuated(oldj)) {
                a = c;
                j = oldj;
            }
        }
        return new Head(a.mem, j);
    }

    /**
     * One bucket of the search: the slot holding {@code key}, or NEXT, or ABSENT when a tophash of
     * emptyRest ends the search (nothing lies beyond it in the chain).
     */
    private static int scan(Hmap h, BucketMemory mem, int j, Object key, int top) {
        for (int i = 0; i < BUCKET_CNT; i++) {
            int th = mem.tophash(j, i);
            if (th != top) {
                if (th == EMPTY_REST) {
                    return ABSENT;
                }
                continue;
            }
            if (h.keyEquals(mem, j, i, key)) {
                return i;
            }
        }
        return NEXT;
    }
}
