package maplab.engine.classic;

import static maplab.engine.classic.Hmap.HASH_WRITING;
import static maplab.engine.classic.Hmap.SAME_SIZE_GROW;
import static maplab.engine.classic.BucketType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EMPTY_REST;

import maplab.engine.Draw;
import maplab.engine.GoFatalError;
import maplab.engine.ReferencesDropped;

/** clear(m) and the delete-everything loop the compiler turns into it: mapclear (runtime/map.go). */
final class Clear {

    private Clear() {
    }

    /**
     * mapclear(t, h): drops every entry but keeps B and the same bucket array, which it zeroes
     * (restoring the overflow pool); drops the old array of a growth in progress and every overflow
     * bucket; draws a new seed. Go 1.21-1.23 first mark every slot of every chain emptyRest, so an
     * iterator that is still open sees nothing more (issue 59411). The iterator flags are kept.
     */
    static void mapclear(Hmap h) {
        if (h.count() == 0) {
            return;
        }
        if ((h.flags() & HASH_WRITING) != 0) {
            throw new GoFatalError("concurrent map writes");
        }
        h.setFlags(h.flags() ^ HASH_WRITING);
        int removed = h.count();

        if (h.version.clearMarksEmptyRest()) {
            markBucketsEmpty(h.buckets(), Hmap.bucketMask(h.B()));
            if (h.oldbuckets() != null) {
                markBucketsEmpty(h.oldbuckets(), h.oldbucketmask());
            }
        }

        h.setFlags(h.flags() & ~SAME_SIZE_GROW);
        h.setOldbuckets(null);
        h.setNevacuate(0);
        h.setNoverflow(0);
        h.setCount(0);

        int old = h.hash0();
        h.setHash0(h.rand32(Draw.HASH_SEED));

        // Keep the mapextra allocation but clear its fields.
        MapExtra extra = h.extra();
        if (extra != null) {
            h.setOverflowOf(extra, null);
            h.setOldoverflowOf(extra, null);
            h.setNextOverflow(null);
        }

        // makeBucketArray zeroes h.buckets and recovers the overflow pool as if newly allocated.
        Bucket nextOverflow = MakeMap.makeBucketArray(h, h.B(), h.buckets()).pool();
        if (nextOverflow != null) {
            // A pool exists only if makemap or hashGrow made one, and they allocated h.extra then.
            h.setNextOverflow(nextOverflow);
        }

        if ((h.flags() & HASH_WRITING) == 0) {
            throw new GoFatalError("concurrent map writes");
        }
        h.setFlags(h.flags() & ~HASH_WRITING);
        if (h.events != null) {
            h.events.emit(new MapEvent.Reseeded(h.op, old, h.hash0(), "clear"));
            h.events.emit(new MapEvent.Cleared(h.op, h.B(), removed));
            h.events.emit(new ReferencesDropped(h.op));
        }
    }

    /** markBucketsEmpty (Go 1.21-1.23): every tophash of buckets 0..mask and their chains to emptyRest. */
    private static void markBucketsEmpty(BucketArray array, long mask) {
        for (long i = 0; i <= mask; i++) {
            for (Bucket b = array.get(i); b != null; b = b.overflow()) {
                for (int j = 0; j < BUCKET_CNT; j++) {
                    b.setTophash(j, EMPTY_REST);
                }
            }
        }
    }
}
