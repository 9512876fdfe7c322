package maplab.memory;

import maplab.alloc.SizeClasses;
import maplab.engine.GoVersion;

/**
 * What one allocation costs the Go heap: the bytes that mallocgc takes for an object and that
 * runtime.MemStats.HeapAlloc counts (runtime/malloc.go, mstats.go).
 */
public final class Malloc {

    /** maxSmallSize - mallocHeaderSize: the largest small object with a malloc header (Go 1.22+). */
    private static final long MAX_SMALL_WITH_HEADER = SizeClasses.MAX_SMALL_SIZE - SizeClasses.MALLOC_HEADER_SIZE;

    private Malloc() {
    }

    /**
     * mallocgc(size, typ, needzero): the heap bytes of one object. A small object takes a whole slot
     * of its size class; a large one (over 32 KiB) whole pages, and HeapAlloc counts the pages. From
     * Go 1.22 a pointerful object over 512 bytes carries an 8-byte malloc header inside its slot, so
     * it takes the class of size + 8 (a large object keeps its header in the span, not in the object).
     * A zero-size object is the shared zerobase and costs nothing. The tiny allocator (noscan objects
     * under 16 bytes share 16-byte blocks) is not modelled: no map allocation is that small.
     */
    public static long footprint(long size, boolean noscan, GoVersion version) {
        if (size < 0) {
            throw new IllegalArgumentException("negative object size " + size);
        }
        if (size == 0) {
            return 0;
        }
        if (version.mallocHeaders()) {
            if (size <= MAX_SMALL_WITH_HEADER) {
                long withHeader = !noscan && size > SizeClasses.MIN_SIZE_FOR_MALLOC_HEADER
                        ? size + SizeClasses.MALLOC_HEADER_SIZE : size;
                return SizeClasses.roundupsize(withHeader, true, false);
            }
            return pages(size);
        }
        return size <= SizeClasses.MAX_SMALL_SIZE ? SizeClasses.roundupsize(size, true, false) : pages(size);
    }

    /** Whether mallocgc gives this object a span of its own (a large object) rather than a size-class slot. */
    public static boolean isLarge(long size, boolean noscan, GoVersion version) {
        return size > (version.mallocHeaders() ? MAX_SMALL_WITH_HEADER : SizeClasses.MAX_SMALL_SIZE);
    }

    /** A large object's span: npages * pageSize. */
    private static long pages(long size) {
        return Math.addExact(size, SizeClasses.PAGE_SIZE - 1) & ~(SizeClasses.PAGE_SIZE - 1);
    }
}
