package maplab.engine.classic;

import java.util.BitSet;

/**
 * The allocations of one map that the Go GC reaches at a moment (see {@link ClassicMap#reachable()}),
 * by allocation number: bucket arrays ({@code buckets#k}), overflow buckets allocated on their own
 * ({@code overflow#k}), overflow slice headers (MapEvent.OverflowSliceAllocated) and indirect
 * key/elem objects (MapEvent.IndirectAllocated). The hmap and mapextra are not listed: the map
 * never drops them, so they live as long as the program holds the map.
 */
public record LiveAllocations(BitSet arrays, BitSet overflow, BitSet slices, BitSet indirect) {

    public LiveAllocations {
        arrays = (BitSet) arrays.clone();
        overflow = (BitSet) overflow.clone();
        slices = (BitSet) slices.clone();
        indirect = (BitSet) indirect.clone();
    }

    @Override
    public BitSet arrays() { return (BitSet) arrays.clone(); }

    @Override
    public BitSet overflow() { return (BitSet) overflow.clone(); }

    @Override
    public BitSet slices() { return (BitSet) slices.clone(); }

    @Override
    public BitSet indirect() { return (BitSet) indirect.clone(); }

    public boolean array(int k) { return arrays.get(k); }

    public boolean overflowBucket(int k) { return overflow.get(k); }

    public boolean slice(int k) { return slices.get(k); }

    public boolean indirectObject(int k) { return indirect.get(k); }
}
