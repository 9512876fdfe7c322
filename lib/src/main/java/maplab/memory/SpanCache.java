package maplab.memory;

import java.util.HashMap;
import java.util.Map;
import maplab.alloc.SizeClasses;

/**
 * The per-P span caches (runtime/mcache.go) as the pacer sees them. The trigger test compares
 * heapLive, not HeapAlloc, with the trigger, and heapLive counts a small object's span in full
 * when mcache.refill takes it: {@code gcController.update(npages*pageSize - allocCount*elemsize)}
 * (1.19 mcache.go:210, 1.24:212, 1.26:234), assuming every slot will be used. The cycle resets
 * heapLive to the marked heap and releases the caches (releaseAll), so after a cycle each span
 * class starts again with a refill. A large object counts its pages when allocated.
 *
 * <p>Approximation: every refill is taken to hand out an empty span (the runtime may hand out a
 * swept span that still has live objects, and then counts only its free slots); one P.
 *
 * <p>Objects per span: a span of {@code npages} holds {@code (npages*8192 - reserve) / size}
 * objects, where the reserve is, from Go 1.22, the pointer bitmap at the span's end for pointerful
 * objects of at most 512 bytes (npages*8192/64), plus, with Green Tea (the default collector of
 * Go 1.26), 128 bytes of inline mark bits for objects of 16 to 512 bytes (mheap.go initSpan,
 * 1.26:1467-1477; gcUsesSpanInlineMarkBits, mgcmark_greenteagc.go:258).
 */
final class SpanCache {

    /** Bytes of spanInlineMarkBits (mgcmark_greenteagc.go:66): 63 + 1 + 63 + 1. */
    static final long INLINE_MARK_BITS = 128;

    private final boolean heapBitsInSpan;
    private final boolean greenTea;
    /** Free slots left in the cached span of each span class (size, noscan). */
    private final Map<Long, Long> free = new HashMap<>();

    /**
     * @param heapBitsInSpan whether pointerful small objects keep their bitmap in the span (1.22+)
     * @param greenTea whether the Green Tea collector reserves inline mark bits in spans
     */
    SpanCache(boolean heapBitsInSpan, boolean greenTea) {
        this.heapBitsInSpan = heapBitsInSpan;
        this.greenTea = greenTea;
    }

    /** The objects one span of this class holds (initSpan's nelems). */
    long objectsPerSpan(long classSize, boolean noscan) {
        long bytes = SizeClasses.spanPages(classSize) * SizeClasses.PAGE_SIZE;
        long reserve = 0;
        if (greenTea && classSize >= 16 && classSize <= SizeClasses.MIN_SIZE_FOR_MALLOC_HEADER) {
            reserve += INLINE_MARK_BITS;
        }
        if (heapBitsInSpan && !noscan && classSize <= SizeClasses.MIN_SIZE_FOR_MALLOC_HEADER) {
            reserve += bytes / 64;
        }
        return (bytes - reserve) / classSize;
    }

    /**
     * mallocgc's effect on heapLive for an object whose footprint is {@code bytes}
     * ({@link Malloc#footprint}): 0 while the cached span has a free slot, the whole span at a
     * refill, the pages of a large object.
     */
    long allocate(long bytes, boolean noscan, boolean large) {
        if (bytes == 0) {
            return 0;
        }
        if (large) {
            return bytes;
        }
        long key = noscan ? -bytes : bytes;
        long left = free.getOrDefault(key, 0L);
        if (left > 0) {
            free.put(key, left - 1);
            return 0;
        }
        // mcache.refill: a span counted in full.
        free.put(key, objectsPerSpan(bytes, noscan) - 1);
        return SizeClasses.spanPages(bytes) * SizeClasses.PAGE_SIZE;
    }

    /** mcache.releaseAll at the end of a cycle: every span goes back to its mcentral. */
    void releaseAll() {
        free.clear();
    }
}
