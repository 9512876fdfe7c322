package maplab.engine.classic;

import static maplab.engine.classic.BucketType.BUCKET_CNT;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The invariants of a classic map between operations, checked by walking the whole structure:
 * <ul>
 *   <li>count equals the live slots (the current array, plus old buckets not yet evacuated);</li>
 *   <li>no key is live twice;</li>
 *   <li>every live key sits in the chain its hash selects, with the tophash of its hash (a key in
 *       an old bucket: by the old mask), NaN keys excepted;</li>
 *   <li>after an emptyRest, every later slot of that chain is emptyRest;</li>
 *   <li>evacuated marks (2, 3, 4) appear only in old buckets, and an old bucket's chain is either
 *       wholly evacuated or not at all; every old bucket below nevacuate is evacuated;</li>
 *   <li>below B = 16, noverflow counts the overflow buckets of the current array's chains;</li>
 *   <li>hashWriting is clear between operations; sameSizeGrow only while growing.</li>
 * </ul>
 */
final class Invariants {

    private Invariants() {
    }

    static List<String> check(Hmap h) {
        List<String> broken = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        int live = 0;
        int overflowBuckets = 0;
        if ((h.flags() & Hmap.HASH_WRITING) != 0) {
            broken.add("hashWriting is set between operations");
        }
        if (h.sameSizeGrow() && !h.growing()) {
            broken.add("sameSizeGrow is set but the map is not growing");
        }
        BucketArray buckets = h.buckets();
        if (buckets == null) {
            if (h.count() != 0 || h.B() != 0) {
                broken.add("no bucket array but count=" + h.count() + " B=" + h.B());
            }
            return broken;
        }
        long n = Hmap.bucketShift(h.B());
        if (buckets.base != n) {
            broken.add("bucket array has " + buckets.base + " buckets for B=" + h.B());
            return broken; // walking 2^B heads would leave the array
        }
        for (long i = 0; i < n; i++) {
            Bucket head = buckets.get(i);
            for (Bucket b = head.overflow(); b != null; b = b.overflow()) {
                overflowBuckets++;
            }
            live += checkChain(h, head, i, Hmap.bucketMask(h.B()), false, seen, broken);
        }
        if (h.growing()) {
            long old = h.noldbuckets();
            if (h.nevacuate() > old) {
                broken.add("nevacuate " + h.nevacuate() + " beyond the " + old + " old buckets");
            }
            for (long j = 0; j < old; j++) {
                Bucket head = h.oldbuckets().get(j);
                if (j < h.nevacuate() && !head.evacuated()) {
                    broken.add("old bucket " + j + " is below nevacuate=" + h.nevacuate() + " but not evacuated");
                }
                live += checkChain(h, head, j, h.oldbucketmask(), true, seen, broken);
            }
        }
        if (live != h.count()) {
            broken.add("count=" + h.count() + " but " + live + " live slots");
        }
        if (h.B() < 16 && overflowBuckets != h.noverflow()) {
            broken.add("noverflow=" + h.noverflow() + " but the chains hold " + overflowBuckets + " overflow buckets");
        }
        return broken;
    }

    /** Checks one chain; returns its live slots (0 for an evacuated old chain). */
    private static int checkChain(Hmap h, Bucket head, long index, long mask, boolean old, Set<Object> seen,
                                  List<String> broken) {
        boolean evacuated = old && head.evacuated();
        boolean restSeen = false;
        int live = 0;
        for (Bucket b = head; b != null; b = b.overflow()) {
            for (int i = 0; i < BUCKET_CNT; i++) {
                int top = b.tophash(i);
                String where = b.name() + " slot " + i + " (chain " + (old ? "old " : "") + index + ")";
                boolean mark = top > Tophash.EMPTY_ONE && top < Tophash.MIN_TOP_HASH;
                if (evacuated) {
                    if (!mark) {
                        broken.add(where + ": tophash " + top + " in an evacuated chain");
                    }
                    continue;
                }
                if (mark) {
                    broken.add(where + ": evacuated mark " + top + (old ? " in a chain not evacuated" : " in the current array"));
                    continue;
                }
                if (restSeen && top != Tophash.EMPTY_REST) {
                    broken.add(where + ": tophash " + top + " after an emptyRest");
                }
                if (top == Tophash.EMPTY_REST) {
                    restSeen = true;
                }
                if (top < Tophash.MIN_TOP_HASH) {
                    continue;
                }
                live++;
                Object k = h.keyOf(b, i);
                if (!h.t.key().reflexive() && !h.t.key().equal(k, k)) {
                    continue; // NaN: its hash is random, and it is never equal to another key
                }
                if (!seen.add(new KeyBox(h.t, k))) {
                    broken.add(where + ": key " + k + " is live twice");
                }
                long hash = h.hasher.hash(k, h.hash0() & 0xffffffffL);
                if ((hash & mask) != index) {
                    broken.add(where + ": key " + k + " hashes to chain " + (hash & mask));
                }
                if (Tophash.of(hash) != top) {
                    broken.add(where + ": key " + k + " has tophash " + top + ", its hash gives " + Tophash.of(hash));
                }
            }
        }
        return live;
    }

    /** A key under its Go type's equality, for the set of keys seen. */
    private record KeyBox(BucketType t, Object k) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeyBox && t.key().equal(k, ((KeyBox) o).k);
        }

        @Override
        public int hashCode() {
            return k instanceof byte[] ? java.util.Arrays.hashCode((byte[]) k)
                    : k instanceof Double && (Double) k == 0 ? 0 : k.hashCode();
        }
    }
}
