package maplab.engine.classic;

import static maplab.engine.classic.BucketType.BUCKET_CNT;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.ReadOnlyList;

/** Copies an Hmap's state into a {@link MapSnapshot}. */
final class Snapshots {

    private Snapshots() {
    }

    static MapSnapshot of(Hmap h, long op) {
        return new MapSnapshot(h.t.mapType(), h.version, op, h.count(), h.flags(), h.B(), h.noverflow(), h.hash0(),
                h.nevacuate(), heads(h, h.buckets(), h.buckets() == null ? 0 : Hmap.bucketShift(h.B()), "buckets"),
                heads(h, h.oldbuckets(), h.oldbuckets() == null ? 0 : h.noldbuckets(), "oldbuckets"),
                nextOverflowFree(h), h.buckets() == null ? -1 : h.buckets().id,
                h.oldbuckets() == null ? -1 : h.oldbuckets().id);
    }

    private static List<BucketSnapshot> heads(Hmap h, BucketArray array, long n, String what) {
        List<BucketSnapshot> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(chain(h, array.get(i)));
        }
        return ReadOnlyList.copyOf(out, what);
    }

    /** The chain from b, built from its end so that long chains need no deep recursion. */
    private static BucketSnapshot chain(Hmap h, Bucket head) {
        List<Bucket> chain = new ArrayList<>();
        for (Bucket b = head; b != null; b = b.overflow()) {
            chain.add(b);
        }
        BucketSnapshot next = null;
        for (int j = chain.size() - 1; j >= 0; j--) {
            next = bucket(h, chain.get(j), next);
        }
        return next;
    }

    private static BucketSnapshot bucket(Hmap h, Bucket b, BucketSnapshot next) {
        int[] tophash = new int[BUCKET_CNT];
        Object[] keys = new Object[BUCKET_CNT];
        Object[] elems = new Object[BUCKET_CNT];
        Object[] raw = new Object[BUCKET_CNT];
        for (int i = 0; i < BUCKET_CNT; i++) {
            tophash[i] = b.tophash(i);
            Object k = b.key(i);
            raw[i] = h.t.key().own(k instanceof Indirect ? ((Indirect) k).value : k);
            if (tophash[i] >= Tophash.MIN_TOP_HASH) {
                keys[i] = raw[i];
                Object e = b.elem(i);
                elems[i] = h.t.elem().own(e instanceof Indirect ? ((Indirect) e).value : e);
            }
        }
        return new BucketSnapshot(b.name(), tophash, keys, elems, raw, next);
    }

    /** Preallocated overflow buckets not yet handed out: from nextOverflow to the end of its array. */
    static int nextOverflowFree(Hmap h) {
        MapExtra extra = h.extra();
        if (extra == null || extra.nextOverflow == null) {
            return 0;
        }
        Bucket next = extra.nextOverflow;
        return next.array().length() - next.index;
    }
}
