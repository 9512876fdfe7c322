package maplab.engine.classic;

import static maplab.engine.classic.Hmap.HASH_WRITING;
import static maplab.engine.classic.Hmap.bucketMask;
import static maplab.engine.classic.BucketType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EMPTY_ONE;
import static maplab.engine.classic.Tophash.EMPTY_REST;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.Draw;
import maplab.engine.GoFatalError;
import maplab.engine.ReferencesDropped;

/** Deletion: mapdelete and mapdelete_fast32/_fast64 (runtime/map*.go; they leave the same state). */
final class Delete {

    private Delete() {
    }

    /**
     * mapdelete(t, h, key): marks the key's slot emptyOne and clears what the GC could follow.
     * Returns whether a key was removed (Go's delete returns nothing).
     *
     * <p>Invariant kept: emptyRest means "this slot and every later slot of the chain are empty".
     * So when the deleted slot is the last used one of its chain (the next slot, or the next
     * bucket's slot 0, is emptyRest, or there is no next bucket), it becomes emptyRest, and so
     * does every emptyOne before it, walking back across the chain to the main bucket's slot 0.
     * A delete that empties the map draws a new seed (issue 25237).
     */
    static boolean mapdelete(Hmap h, Object key) {
        return mapdelete(h, key, 0);
    }

    /** {@link #mapdelete} of an 8-byte integer key kept as a word, unboxed: the same accesses in the same order. */
    static boolean mapdeleteWord(Hmap h, long key) {
        return mapdelete(h, null, key);
    }

    /** The key is {@code key}, or the word {@code kw} when key is null (a map whose keys are words). */
    private static boolean mapdelete(Hmap h, Object key, long kw) {
        if (h.count() == 0) {
            return false;
        }
        if ((h.flags() & HASH_WRITING) != 0) {
            throw new GoFatalError("concurrent map writes");
        }
        // A null key stands for the word kw only in a map of word keys: elsewhere null is a nil pointer.
        boolean wordCall = key == null && h.t.wordKeys();
        long hash = !wordCall ? h.hash(key) : h.hashWord(kw, h.hash0());
        // Set hashWriting after hashing: a hash that panics has not written.
        h.setFlags(h.flags() ^ HASH_WRITING);

        long bucket = hash & bucketMask(h.B());
        if (h.growing()) {
            Growth.growWork(h, bucket);
        }
        BucketArray a = h.buckets();
        BucketMemory mem = a.mem;
        int j = a.index(bucket);
        int jOrig = j;
        int top = Tophash.of(hash);
        boolean removed = false;
        boolean word = h.t.variant().word();
        boolean wordKey = h.t.wordKeys();
        long k = wordCall ? kw : wordKey ? (Long) key : 0;
        search:
        while (true) {
            for (int i = 0; i < BUCKET_CNT; i++) {
                if (word) {
                    // mapdelete_fast32/64: the key first, then whether the slot is in use; no
                    // emptyRest ends the search.
                    boolean same = wordKey ? mem.keyIs(j, i, k) : mem.keyEquals(j, i, key);
                    if (!same || Tophash.isEmpty(mem.tophash(j, i))) {
                        continue;
                    }
                } else {
                    int th = mem.tophash(j, i);
                    if (th != top) {
                        if (th == EMPTY_REST) {
                            break search;
                        }
                        continue;
                    }
                    if (!h.keyEquals(mem, j, i, key)) {
                        continue;
                    }
                }
                // Only clear the key if there are pointers in it; pointer-free keys stay as stale bytes.
                if (h.t.indirectKey() || h.t.key().hasPointers()) {
                    mem.setKey(j, i, null);
                }
                mem.setElem(j, i, null);
                mem.setTophash(j, i, EMPTY_ONE);
                if (h.events != null) {
                    h.events.emit(new MapEvent.SlotTombstoned(h.op, Events.slot(mem.bucket(j), i),
                            !wordCall ? key : (Object) kw));
                    if (h.t.indirectKey() || h.t.indirectElem()) {
                        h.events.emit(new ReferencesDropped(h.op));
                    }
                }
                if (endsChain(mem, j, i)) {
                    markEmptyRest(h, a.get(jOrig), mem.bucket(j), i);
                }
                // h.count--; if h.count == 0: the compiler tests the value it stored, no second load.
                int count = h.count() - 1;
                h.setCount(count);
                if (count == 0) {
                    // Reset the hash seed to make repeated collisions harder for attackers.
                    int old = h.hash0();
                    h.setHash0(h.rand32(Draw.HASH_SEED));
                    if (h.events != null) {
                        h.events.emit(new MapEvent.Reseeded(h.op, old, h.hash0(), "delete emptied the map"));
                    }
                }
                removed = true;
                break search;
            }
            Bucket ovf = mem.overflow(j);
            if (ovf == null) {
                break;
            }
            mem = ovf.mem;
            j = ovf.j;
        }

        if ((h.flags() & HASH_WRITING) == 0) {
            throw new GoFatalError("concurrent map writes");
        }
        h.setFlags(h.flags() & ~HASH_WRITING);
        return removed;
    }

    /** Whether everything after slot i of b is emptyRest: the next slot, or the next bucket's first. */
    private static boolean endsChain(BucketMemory mem, int j, int i) {
        if (i == BUCKET_CNT - 1) {
            return mem.overflow(j) == null || mem.overflow(j).tophash(0) == EMPTY_REST;
        }
        return mem.tophash(j, i + 1) == EMPTY_REST;
    }

    /** Turns slot i of b and the run of emptyOne before it into emptyRest, back to bOrig's slot 0. */
    private static void markEmptyRest(Hmap h, Bucket bOrig, Bucket b, int i) {
        List<MapEvent.SlotRef> marked = h.events != null ? new ArrayList<>() : null;
        while (true) {
            b.setTophash(i, EMPTY_REST);
            if (marked != null) {
                marked.add(Events.slot(b, i));
            }
            if (i == 0) {
                if (b == bOrig) {
                    break; // beginning of the initial bucket: done
                }
                // Find the previous bucket and continue at its last slot.
                Bucket c = b;
                for (b = bOrig; b.overflow() != c; b = b.overflow()) {
                    // walk
                }
                i = BUCKET_CNT - 1;
            } else {
                i--;
            }
            if (b.tophash(i) != EMPTY_ONE) {
                break;
            }
        }
        if (marked != null) {
            h.events.emit(new MapEvent.EmptyRestPropagated(h.op, java.util.Collections.unmodifiableList(marked)));
        }
    }
}
