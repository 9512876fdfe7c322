package maplab.engine.classic;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.GoVersion;
import maplab.engine.MapState;
import maplab.engine.MapType;

/**
 * A read-only copy of a classic map's whole state after an operation: the hmap fields, every
 * bucket chain of the current array (2^B heads, an empty list while the array is not allocated),
 * the old array while growing, and the free preallocated overflow buckets.
 */
public record MapSnapshot(
        MapType type,
        GoVersion version,
        long op,
        int count,
        int flags,
        int B,
        int noverflow,
        int hash0,
        long nevacuate,
        List<BucketSnapshot> buckets,
        List<BucketSnapshot> oldbuckets,
        int nextOverflowFree,
        int arrayId,
        int oldArrayId) implements MapState {

    /** Whether a growth is in progress (h.oldbuckets != nil). */
    public boolean growing() {
        return !oldbuckets.isEmpty();
    }

    /** Whether the growth in progress keeps the size (flags & sameSizeGrow). */
    public boolean sameSizeGrow() {
        return (flags & Hmap.SAME_SIZE_GROW) != 0;
    }

    /** Whether an iterator may be using the current array (flags & iterator). */
    public boolean iteratorFlag() {
        return (flags & Hmap.ITERATOR) != 0;
    }

    /** Whether an iterator may be using the old array (flags & oldIterator). */
    public boolean oldIteratorFlag() {
        return (flags & Hmap.OLD_ITERATOR) != 0;
    }

    /** Whether the bucket array is allocated (false for a small map before its first insert). */
    public boolean bucketsAllocated() {
        return !buckets.isEmpty();
    }

    /** The overflow buckets linked in the current array's chains. */
    public int overflowBuckets() {
        int n = 0;
        for (BucketSnapshot head : buckets) {
            n += head.chain().size() - 1;
        }
        return n;
    }

    /** The hash seed as the unsigned hex the trace format writes. */
    public String hash0Hex() {
        return String.format("0x%08x", hash0);
    }

    @Override
    public String seedHex() {
        return hash0Hex();
    }

    /** The keys of live slots (tophash >= 5): the current chains, and old buckets not yet evacuated. */
    @Override
    public List<Object> liveSlotKeys() {
        List<Object> keys = new ArrayList<>();
        collect(buckets, false, keys);
        collect(oldbuckets, true, keys);
        return keys;
    }

    private static void collect(List<BucketSnapshot> heads, boolean old, List<Object> into) {
        for (BucketSnapshot head : heads) {
            if (old && head.evacuated()) {
                continue;
            }
            for (BucketSnapshot b : head.chain()) {
                for (int i = 0; i < BucketType.BUCKET_CNT; i++) {
                    if (b.live(i)) {
                        into.add(b.key(i));
                    }
                }
            }
        }
    }
}
