package maplab.engine.classic;

import java.util.ArrayList;
import maplab.alloc.GrowSlice;
import maplab.engine.Allocated;
import maplab.engine.Draw;
import maplab.engine.ObjectKind;
import maplab.engine.ReferencesDropped;

/** Overflow buckets: newoverflow, incrnoverflow, createOverflow (runtime/map.go). */
final class Overflow {

    private Overflow() {
    }

    /**
     * h.newoverflow(t, b): takes the next preallocated bucket if there is one (a nil overflow
     * pointer means more follow; the sentinel marks the last), else allocates one on its own;
     * counts it; keeps it alive through extra.overflow when the bucket type is noscan; links it
     * after {@code b}.
     */
    static Bucket newoverflow(Hmap h, Bucket b) {
        Bucket ovf;
        boolean preallocated;
        MapExtra extra = h.extra();
        if (extra != null && h.nextOverflow() != null) {
            ovf = h.nextOverflow();
            preallocated = true;
            if (ovf.overflow() == null) {
                // Not the last preallocated bucket: bump the pointer.
                h.setNextOverflow(ovf.array().get(ovf.index + 1));
            } else {
                // The last one: reset its sentinel.
                ovf.setOverflow(null);
                h.setNextOverflow(null);
            }
        } else {
            ovf = BucketMemory.lone(h, h.nextOverflowId++);
            preallocated = false;
            if (h.events != null) {
                h.events.emit(new Allocated(h.op, ObjectKind.OVERFLOW_BUCKET, ovf.index, h.t.bucketSize(),
                        !h.t.bucketHasPointers()));
            }
        }
        incrnoverflow(h);
        if (!h.t.bucketHasPointers()) {
            createOverflow(h);
            ArrayList<Bucket> slice = h.overflowOf(h.extra());
            slice.add(ovf);
            appended(h, (OverflowSlice) slice);
        }
        b.setOverflow(ovf);
        if (h.events != null) {
            h.events.emit(new MapEvent.OverflowTaken(h.op, ovf.name(), b.name(), preallocated));
        }
        return ovf;
    }

    /**
     * append(*h.extra.overflow, ovf)'s growslice: past its capacity the slice moves to a new backing
     * array (the capacity rule of runtime/slice.go, rounded to a size class), and the old array is
     * garbage at once.
     */
    private static void appended(Hmap h, OverflowSlice s) {
        if (s.size() > s.cap) {
            s.cap = GrowSlice.grownCap(s.size(), s.cap, h.version.mallocHeaders());
            boolean replaced = s.array >= 0;
            s.array = h.nextSliceArrayId++;
            if (h.events != null) {
                h.events.emit(new Allocated(h.op, ObjectKind.OVERFLOW_SLICE_ARRAY, s.array, s.cap * GrowSlice.PTR_SIZE,
                        false));
                if (replaced) {
                    h.events.emit(new ReferencesDropped(h.op));
                }
            }
        }
        if (h.events != null) {
            h.events.emit(new MapEvent.OverflowSliceAppended(h.op, s.id, s.size()));
        }
    }

    /**
     * h.incrnoverflow(): exact below B = 16; above, counts with probability 1/2^(B-15) so the
     * uint16 can still reach "as many overflow buckets as buckets".
     */
    static void incrnoverflow(Hmap h) {
        if (h.B() < 16) {
            h.setNoverflow(h.noverflow() + 1);
            return;
        }
        int mask = (1 << (h.B() - 15)) - 1;
        if ((h.rand32(Draw.OVERFLOW_COUNT) & mask) == 0) {
            h.setNoverflow(h.noverflow() + 1);
        }
    }

    /** h.createOverflow(): allocates mapextra and the overflow slice if missing. */
    static void createOverflow(Hmap h) {
        if (h.extra() == null) {
            h.setExtra(new MapExtra());
            if (h.events != null) {
                Events.extraAllocated(h);
            }
        }
        if (h.overflowOf(h.extra()) == null) {
            h.setOverflowOf(h.extra(), new OverflowSlice(h.nextSliceId++));
            if (h.events != null) {
                h.events.emit(new Allocated(h.op, ObjectKind.OVERFLOW_SLICE, h.nextSliceId - 1, 24, false));
                h.events.emit(new MapEvent.OverflowSliceAllocated(h.op, h.nextSliceId - 1));
            }
        }
    }
}
