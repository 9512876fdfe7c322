package maplab.engine.classic;

import static maplab.engine.classic.Hmap.HASH_WRITING;
import static maplab.engine.classic.Hmap.bucketMask;
import static maplab.engine.classic.BucketType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EMPTY_REST;

import maplab.engine.GoFatalError;

/** Insert and update: mapassign and its _fast32, _fast64 and _faststr variants (runtime/map*.go). */
final class Assign {

    private Assign() {
    }

    /**
     * mapassign(t, h, key) or its fast variant for h.t, then {@code *elemSlot = elem}: finds the
     * elem slot for {@code key},
     * inserting the key if absent, and stores the elem there after the write is over, as the
     * compiled Go code does with the pointer mapassign returns.
     *
     * <p>Invariants kept: the scan for an existing key runs to the end of the chain or to the
     * first emptyRest, and meanwhile remembers the first empty slot (emptyOne or emptyRest) as the
     * insert position, so deleted slots are reused before any overflow bucket is added. Growth is
     * checked only for a new key and only when not already growing, and after hashGrow the search
     * starts again, so the first insert after a grow already evacuates. The variants choose the
     * same slot; mapassign_fast32/64 compare the key of every non-empty slot instead of tophash
     * first, and all fast variants store tophash before the key.
     */
    static void mapassign(Hmap h, Object key, Object elem) {
        mapassign(h, key, 0, elem, 0);
    }

    /**
     * {@link #mapassign} with an 8-byte integer key and elem kept as words, neither boxed (a map
     * whose keys and elems are words): the same accesses in the same order.
     */
    static void mapassignWord(Hmap h, long key, long elem) {
        mapassign(h, null, key, null, elem);
    }

    /** The key is {@code key}, or the word {@code kw} when key is null; the elem likewise. */
    private static void mapassign(Hmap h, Object key, long kw, Object elem, long ew) {
        if ((h.flags() & HASH_WRITING) != 0) {
            throw new GoFatalError("concurrent map writes");
        }
        // A null key stands for the word kw only in a map of word keys: elsewhere null is a nil pointer.
        boolean wordCall = key == null && h.t.wordKeys();
        long hash = !wordCall ? h.hash(key) : h.hashWord(kw, h.hash0());
        // Set hashWriting after hashing: a hash that panics has not written.
        h.setFlags(h.flags() ^ HASH_WRITING);

        if (h.buckets() == null) {
            h.setBuckets(MakeMap.newFirstBucket(h));
        }

        // The result slot and the insert position, each bucket j of a memory (a *bmap and an index).
        BucketMemory resultm;
        int resultj;
        int resulti;
        again:
        while (true) {
            long bucket = hash & bucketMask(h.B());
            if (h.growing()) {
                Growth.growWork(h, bucket);
            }
            BucketArray a = h.buckets();
            BucketMemory mem = a.mem;
            int j = a.index(bucket);
            int top = Tophash.of(hash);

            BucketMemory insertm = null;
            int insertj = 0;
            int inserti = -1;
            boolean word = h.t.variant().word();
            bucketloop:
            while (true) {
                for (int i = 0; i < BUCKET_CNT; i++) {
                    int th = mem.tophash(j, i);
                    if (word ? Tophash.isEmpty(th) : th != top) {
                        if (Tophash.isEmpty(th) && insertm == null) {
                            insertm = mem;
                            insertj = j;
                            inserti = i;
                        }
                        if (th == EMPTY_REST) {
                            break bucketloop;
                        }
                        continue;
                    }
                    if (!wordCall ? !h.keyEquals(mem, j, i, key) : !mem.keyIs(j, i, kw)) {
                        continue;
                    }
                    // Already have a mapping for key: update it.
                    if (h.t.key().needKeyUpdate()) {
                        storeKey(h, mem, j, i, key, kw);
                    }
                    if (h.events != null) {
                        h.events.emit(new MapEvent.ElemUpdated(h.op, Events.slot(mem.bucket(j), i),
                                !wordCall ? key : (Object) kw));
                    }
                    resultm = mem;
                    resultj = j;
                    resulti = i;
                    break again;
                }
                Bucket ovf = mem.overflow(j);
                if (ovf == null) {
                    break;
                }
                mem = ovf.mem;
                j = ovf.j;
            }

            // Did not find the key. Grow if the map is full or has too many overflow buckets,
            // unless a growth is already under way; growing invalidates everything, so retry.
            if (!h.growing() && needsGrowth(h)) {
                Growth.hashGrow(h);
                continue;
            }

            if (insertm == null) {
                // The bucket and all its overflow buckets are full: chain a new one.
                Bucket ovf = Overflow.newoverflow(h, mem.bucket(j));
                insertm = ovf.mem;
                insertj = ovf.j;
                inserti = 0;
            }
            int previous = h.events != null ? insertm.peekTophash(insertj, inserti) : 0;
            // Store the new key at the insert position: pointers to fresh objects first when
            // key or elem are indirect, then the key itself, then tophash, in the runtime's order;
            // the fast variants store tophash before the key.
            if (h.t.variant() != maplab.engine.MapType.Variant.GENERIC) {
                insertm.setTophash(insertj, inserti, top);
            }
            if (h.t.indirectKey()) {
                insertm.setKey(insertj, inserti, new Indirect(null, h.nextIndirectId++));
                if (h.events != null) {
                    Events.indirectAllocated(h, true);
                }
            }
            if (h.t.indirectElem()) {
                insertm.setElem(insertj, inserti, new Indirect(null, h.nextIndirectId++));
                if (h.events != null) {
                    Events.indirectAllocated(h, false);
                }
            }
            storeKey(h, insertm, insertj, inserti, key, kw);
            if (h.t.variant() == maplab.engine.MapType.Variant.GENERIC) {
                insertm.setTophash(insertj, inserti, top);
            }
            h.setCount(h.count() + 1);
            if (h.events != null) {
                h.events.emit(new MapEvent.SlotWritten(h.op, Events.slot(insertm.bucket(insertj), inserti), top,
                        !wordCall ? key : (Object) kw, previous));
            }
            resultm = insertm;
            resultj = insertj;
            resulti = inserti;
            break;
        }

        // done:
        if ((h.flags() & HASH_WRITING) == 0) {
            throw new GoFatalError("concurrent map writes");
        }
        h.setFlags(h.flags() & ~HASH_WRITING);
        // The compiled code stores the elem through the pointer mapassign returns: after the
        // hashWriting flag is cleared, so a concurrent writer does not see this store as a write.
        storeElem(h, resultm, resultj, resulti, elem, ew);
    }

    /**
     * overLoadFactor(h.count+1, h.B) || tooManyOverflowBuckets(h.noverflow, h.B): h.B is loaded
     * once (Go 1.19's compiled mapassign_fast64 keeps it in a register), noverflow only when the
     * load factor is not exceeded.
     */
    private static boolean needsGrowth(Hmap h) {
        long count = h.count() + 1L;
        int b = h.B();
        return Growth.overLoadFactor(h.version, count, b) || Growth.tooManyOverflowBuckets(h.noverflow(), b);
    }

    /** typedmemmove(t.key, k, key): into the key slot, or into the object it points to. */
    private static void storeKey(Hmap h, BucketMemory mem, int j, int i, Object key, long kw) {
        if (key == null && h.t.wordKeys()) {
            mem.setKeyWord(j, i, kw);
        } else if (h.t.indirectKey()) {
            ((Indirect) mem.key(j, i)).value = key;
        } else {
            mem.setKey(j, i, key);
        }
    }

    /** The compiled code's store of the elem into the slot mapassign returned. */
    private static void storeElem(Hmap h, BucketMemory mem, int j, int i, Object elem, long ew) {
        if (elem == null && h.t.wordElems()) {
            mem.setElemWord(j, i, ew);
        } else if (h.t.indirectElem()) {
            ((Indirect) mem.elem(j, i)).value = elem;
        } else {
            mem.setElem(j, i, elem);
        }
    }
}
