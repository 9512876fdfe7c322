package maplab.engine.classic;

import maplab.engine.Draw;

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
        }
        incrnoverflow(h);
        if (!h.t.bucketHasPointers()) {
            createOverflow(h);
            h.overflowOf(h.extra()).add(ovf);
            if (h.events != null) {
                h.events.emit(new MapEvent.OverflowSliceAppended(h.op, ((OverflowSlice) h.extra().overflow).id,
                        h.extra().overflow.size()));
            }
        }
        b.setOverflow(ovf);
        if (h.events != null) {
            h.events.emit(new MapEvent.OverflowTaken(h.op, ovf.name(), b.name(), preallocated));
        }
        return ovf;
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
                h.events.emit(new MapEvent.ExtraAllocated(h.op));
            }
        }
        if (h.overflowOf(h.extra()) == null) {
            h.setOverflowOf(h.extra(), new OverflowSlice(h.nextSliceId++));
            if (h.events != null) {
                h.events.emit(new MapEvent.OverflowSliceAllocated(h.op, h.nextSliceId - 1));
            }
        }
    }
}
