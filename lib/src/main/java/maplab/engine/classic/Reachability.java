package maplab.engine.classic;

import static maplab.engine.ObjectKind.BUCKET_ARRAY;
import static maplab.engine.ObjectKind.OVERFLOW_BUCKET;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import maplab.engine.LiveAllocations;
import maplab.engine.ObjectKind;

/**
 * Which of a map's allocations the Go garbage collector would still reach: bucket arrays
 * ({@code buckets#k}), overflow buckets allocated on their own ({@code overflow#k}), the noscan
 * overflow slices and their backing arrays, indirect keys and elems, and the hmap and mapextra,
 * which live as long as the program holds the map.
 *
 * <p>Roots are what the runtime holds: h.buckets, h.oldbuckets, extra.nextOverflow and the
 * extra.overflow/oldoverflow slices, and for every open iterator it.buckets, it.bptr, its
 * overflow slices and the slot its key and elem point into. A pointer anywhere into an array keeps the whole array. The GC scans a
 * bucket's overflow pointer only when the bucket type has pointers; a noscan map keeps its
 * overflow buckets alive through the extra slices alone, which is why they exist.
 */
final class Reachability {

    private Reachability() {
    }

    static LiveAllocations reachable(Hmap h, Collection<Hiter> iterators) {
        LiveAllocations live = new LiveAllocations();
        live.add(ObjectKind.HMAP, 0);
        ArrayDeque<Bucket> work = new ArrayDeque<>();
        root(work, h.buckets());
        root(work, h.oldbuckets());
        MapExtra extra = h.extra();
        if (extra != null) {
            live.add(ObjectKind.MAPEXTRA, 0);
            roots(work, extra.overflow);
            roots(work, extra.oldoverflow);
            slice(live, extra.overflow);
            slice(live, extra.oldoverflow);
            if (extra.nextOverflow != null) {
                work.add(extra.nextOverflow);
            }
        }
        for (Hiter it : iterators) {
            root(work, it.buckets);
            if (it.bptr() != null) {
                work.add(it.bptr());
            }
            // it.key and it.elem: after a lookup of a moved entry they point into whatever
            // bucket held it then, which may be reachable from nothing else.
            if (it.keyMem != null) {
                work.add(it.keyMem.bucket(it.keyJ));
            }
            if (it.keyObject != null) {
                live.add(ObjectKind.INDIRECT_KEY, it.keyObject.id);
            }
            if (it.elemObject != null) {
                live.add(ObjectKind.INDIRECT_ELEM, it.elemObject.id);
            }
            roots(work, it.overflow);
            roots(work, it.oldoverflow);
            slice(live, it.overflow);
            slice(live, it.oldoverflow);
        }
        boolean indirect = h.t.indirectKey() || h.t.indirectElem();
        boolean scan = h.t.bucketHasPointers();
        while (!work.isEmpty()) {
            Bucket b = work.poll();
            BucketArray a = b.array();
            if (a != null) {
                if (live.contains(BUCKET_ARRAY, a.id)) {
                    continue;
                }
                live.add(BUCKET_ARRAY, a.id);
                if (indirect) {
                    for (int j = 0; j < a.length(); j++) {
                        indirects(live, a.get(j), h.t);
                    }
                }
                if (scan) {
                    // The GC scans the whole array object, every bucket's overflow pointer.
                    for (int j = 0; j < a.length(); j++) {
                        Bucket ovf = a.mem.overflow(j);
                        if (ovf != null) {
                            work.add(ovf);
                        }
                    }
                }
            } else {
                if (live.contains(OVERFLOW_BUCKET, b.index)) {
                    continue;
                }
                live.add(OVERFLOW_BUCKET, b.index);
                if (indirect) {
                    indirects(live, b, h.t);
                }
                if (scan && b.overflow() != null) {
                    work.add(b.overflow());
                }
            }
        }
        return live;
    }

    /** An overflow slice header held by a root, and its current backing array; its elements are roots themselves. */
    private static void slice(LiveAllocations live, List<Bucket> slice) {
        if (slice instanceof OverflowSlice s) {
            live.add(ObjectKind.OVERFLOW_SLICE, s.id);
            if (s.array >= 0) {
                live.add(ObjectKind.OVERFLOW_SLICE_ARRAY, s.array);
            }
        }
    }

    /**
     * The indirect key/elem objects a reachable bucket points to. The GC scans every pointer slot
     * of the bucket memory, whatever its tophash says: delete nils the pointers, evacuate clears
     * them only when no iterator may read the old bucket, mapclear zeroes the array.
     */
    private static void indirects(LiveAllocations live, Bucket b, BucketType t) {
        if (!t.indirectKey() && !t.indirectElem()) {
            return; // no slot holds a pointer to an object of its own
        }
        for (int i = 0; i < BucketType.BUCKET_CNT; i++) {
            if (b.key(i) instanceof Indirect k) {
                live.add(ObjectKind.INDIRECT_KEY, k.id);
            }
            if (b.elem(i) instanceof Indirect e) {
                live.add(ObjectKind.INDIRECT_ELEM, e.id);
            }
        }
    }

    private static void root(ArrayDeque<Bucket> work, BucketArray array) {
        if (array != null) {
            work.add(array.get(0));
        }
    }

    private static void roots(ArrayDeque<Bucket> work, List<Bucket> slice) {
        if (slice != null) {
            work.addAll(slice);
        }
    }

    /**
     * The allocations unreachable now and not reported before, in the trace format's order:
     * buckets#k ascending, then overflow#k ascending. Marks them reported.
     */
    static List<String> collect(Hmap h, Collection<Hiter> iterators) {
        LiveAllocations live = reachable(h, iterators);
        List<String> freed = new ArrayList<>();
        for (int k = 0; k < h.nextArrayId; k++) {
            if (!live.contains(BUCKET_ARRAY, k) && !h.freedArrays.get(k)) {
                h.freedArrays.set(k);
                freed.add("buckets#" + k);
            }
        }
        for (int k = 0; k < h.nextOverflowId; k++) {
            if (!live.contains(OVERFLOW_BUCKET, k) && !h.freedOverflow.get(k)) {
                h.freedOverflow.set(k);
                freed.add("overflow#" + k);
            }
        }
        return freed;
    }
}
