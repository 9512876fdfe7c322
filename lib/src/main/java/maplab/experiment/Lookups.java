package maplab.experiment;

import maplab.engine.classic.BucketSnapshot;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapSnapshot;

/**
 * Probe lengths of lookups, computed from a snapshot the way mapaccess walks (go-map-classic.md
 * §5): the chain of bucket {@code hash & (2^B-1)}, or the old chain while that old bucket is not
 * yet evacuated; slots 0..7 of each bucket in turn; a tophash of emptyRest ends the search. Nothing
 * in the engine is called but {@link ClassicMap#hash}, so measuring changes nothing.
 */
final class Lookups {

    /** What one lookup read: tophash bytes ({@code slots}) and chain buckets, and whether it found the key. */
    record Probe(int slots, int buckets, boolean found) {
    }

    private static final int EMPTY_REST = 0;
    private static final int EMPTY_ONE = 1;
    private static final int MIN_TOP_HASH = 5;

    private Lookups() {
    }

    static Probe probe(ClassicMap m, MapSnapshot s, Object key) {
        if (s.count() == 0 || !s.bucketsAllocated()) {
            return new Probe(0, 0, false);   // mapaccess returns before reading any bucket
        }
        long hash = m.hash(key);
        int top = (int) (hash >>> 56);
        if (top < MIN_TOP_HASH) {
            top += MIN_TOP_HASH;
        }
        BucketSnapshot b = s.buckets().get((int) (hash & ((1L << s.B()) - 1)));
        if (s.growing()) {
            int oldB = s.sameSizeGrow() ? s.B() : s.B() - 1;
            BucketSnapshot old = s.oldbuckets().get((int) (hash & ((1L << oldB) - 1)));
            if (!old.evacuated()) {
                b = old;
            }
        }
        int slots = 0;
        int buckets = 0;
        for (; b != null; b = b.overflow()) {
            buckets++;
            for (int i = 0; i < 8; i++) {
                slots++;
                int t = b.tophash(i);
                if (t != top) {
                    if (t == EMPTY_REST) {
                        return new Probe(slots, buckets, false);
                    }
                    continue;
                }
                if (key.equals(b.key(i))) {
                    return new Probe(slots, buckets, true);
                }
            }
        }
        return new Probe(slots, buckets, false);
    }

    /** Slots of the current array's chains by state: [emptyRest, emptyOne, live]. */
    static int[] slotStates(MapSnapshot s) {
        int[] n = new int[3];
        for (BucketSnapshot head : s.buckets()) {
            for (BucketSnapshot b = head; b != null; b = b.overflow()) {
                for (int i = 0; i < 8; i++) {
                    int t = b.tophash(i);
                    if (t == EMPTY_REST) {
                        n[0]++;
                    } else if (t == EMPTY_ONE) {
                        n[1]++;
                    } else if (t >= MIN_TOP_HASH) {
                        n[2]++;
                    }
                }
            }
        }
        return n;
    }
}
