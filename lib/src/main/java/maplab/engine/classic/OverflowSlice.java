package maplab.engine.classic;

import java.util.ArrayList;

/**
 * One overflow slice, the {@code *[]*bmap} that createOverflow allocates for a noscan map
 * (mapextra.overflow). {@code id} numbers the slice headers in allocation order, so that the heap
 * model can tell which header a root (extra, an iterator) still holds; {@code cap} and
 * {@code array} follow append's backing arrays (growslice), the current one being reachable
 * through the header and every earlier one garbage as soon as append replaced it.
 */
final class OverflowSlice extends ArrayList<Bucket> {
    private static final long serialVersionUID = 1L;

    final int id;
    /** The capacity of the current backing array (0 before the first append). */
    long cap;
    /** The number of the current backing array (ObjectKind.OVERFLOW_SLICE_ARRAY), or -1 before the first append. */
    int array = -1;

    OverflowSlice(int id) {
        this.id = id;
    }
}
