package maplab.engine.classic;

import java.util.ArrayList;

/**
 * One overflow slice, the {@code *[]*bmap} that createOverflow allocates for a noscan map
 * (mapextra.overflow). {@code id} numbers the slice headers in allocation order, so that the heap
 * model can tell which header a root (extra, an iterator) still holds.
 */
final class OverflowSlice extends ArrayList<Bucket> {
    private static final long serialVersionUID = 1L;

    final int id;

    OverflowSlice(int id) {
        this.id = id;
    }
}
