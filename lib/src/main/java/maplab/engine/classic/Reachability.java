package maplab.engine.classic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * Which of a map's allocations the Go garbage collector would still reach: bucket arrays
 * ({@code buckets#k}) and overflow buckets allocated on their own ({@code overflow#k}).
 *
 * <p>Roots are what the runtime holds: h.buckets, h.oldbuckets, extra.nextOverflow and the
 * extra.overflow/oldoverflow slices, and for every open iterator it.buckets, it.bptr and its
 * overflow slices. A pointer anywhere into an array keeps the whole array. The GC scans a
 * bucket's overflow pointer only when the bucket type has pointers; a noscan map keeps its
 * overflow buckets alive through the extra slices alone, which is why they exist.
 */
final class Reachability {

    /**
     * The reachable bucket array ids and overflow ids; and, for the heap model, the overflow slice
     * headers (OverflowSlice ids) and indirect key/elem objects (Indirect ids) reached.
     */
    record Live(BitSet arrays, BitSet overflow, BitSet slices, BitSet indirect) {
    }

    private Reachability() {
    }

    static Live reachable(Hmap h, Collection<Hiter> iterators) {
        Live live = new Live(new BitSet(), new BitSet(), new BitSet(), new BitSet());
        ArrayDeque<Bucket> work = new ArrayDeque<>();
        root(work, h.buckets());
        root(work, h.oldbuckets());
        MapExtra extra = h.extra();
        if (extra != null) {
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
                if (live.arrays.get(a.id)) {
                    continue;
                }
                live.arrays.set(a.id);
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
                if (live.overflow.get(b.index)) {
                    continue;
                }
                live.overflow.set(b.index);
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

    /** An overflow slice header held by a root; its elements are roots themselves. */
    private static void slice(Live live, List<Bucket> slice) {
        if (slice instanceof OverflowSlice s) {
            live.slices.set(s.id);
        }
    }

    /**
     * The indirect key/elem objects a reachable bucket points to. The GC scans every pointer slot
     * of the bucket memory, whatever its tophash says: delete nils the pointers, evacuate clears
     * them only when no iterator may read the old bucket, mapclear zeroes the array.
     */
    private static void indirects(Live live, Bucket b, MapType t) {
        if (!t.indirectKey() && !t.indirectElem()) {
            return; // no slot holds a pointer to an object of its own
        }
        for (int i = 0; i < MapType.BUCKET_CNT; i++) {
            if (b.key(i) instanceof Indirect k) {
                live.indirect.set(k.id);
            }
            if (b.elem(i) instanceof Indirect e) {
                live.indirect.set(e.id);
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
        Live live = reachable(h, iterators);
        List<String> freed = new ArrayList<>();
        for (int k = 0; k < h.nextArrayId; k++) {
            if (!live.arrays.get(k) && !h.freedArrays.get(k)) {
                h.freedArrays.set(k);
                freed.add("buckets#" + k);
            }
        }
        for (int k = 0; k < h.nextOverflowId; k++) {
            if (!live.overflow.get(k) && !h.freedOverflow.get(k)) {
                h.freedOverflow.set(k);
                freed.add("overflow#" + k);
            }
        }
        return freed;
    }
}
