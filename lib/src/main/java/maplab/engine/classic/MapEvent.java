package maplab.engine.classic;

/**
 * What the engine did, step by step. Every event carries {@code op}, the index of the map
 * operation (0 is make) during which it happened. Buckets are named by the memory they live in:
 * {@code buckets#k[i]} (bucket i of the k-th bucket array, pool buckets included) or
 * {@code overflow#k} (the k-th overflow bucket allocated on its own). Beside these classic events
 * the engine emits the neutral {@link maplab.engine.Allocated} and
 * {@link maplab.engine.ReferencesDropped}, which the heap model reads for either engine.
 */
public sealed interface MapEvent extends maplab.engine.EngineEvent {

    /**
     * A slot of a bucket: the bucket's name and the slot index 0..7. The engine makes one per
     * event and keeps the bucket, not its name: the name is built when first read, so events cost
     * little to emit and their text only when read.
     */
    final class SlotRef {
        private final Bucket b;
        private final int slot;
        private String bucket;

        public SlotRef(String bucket, int slot) {
            this.b = null;
            this.bucket = java.util.Objects.requireNonNull(bucket, "bucket");
            this.slot = slot;
        }

        SlotRef(Bucket b, int slot) {
            this.b = b;
            this.slot = slot;
        }

        /** The bucket's name: {@code buckets#k[i]} or {@code overflow#k}. */
        public String bucket() {
            String s = bucket;
            if (s == null) {
                s = b.name();
                bucket = s;
            }
            return s;
        }

        public int slot() {
            return slot;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SlotRef r && r.slot == slot && r.bucket().equals(bucket());
        }

        @Override
        public int hashCode() {
            return bucket().hashCode() * 31 + slot;
        }

        @Override
        public String toString() {
            return bucket() + "/" + slot;
        }
    }

    /** mapassign stored a new key in a slot whose tophash was emptyRest (0) or emptyOne (1). */
    record SlotWritten(long op, SlotRef slot, int tophash, Object key, int previousTophash) implements MapEvent {
        /** Whether the slot had held a key that was deleted (emptyOne) rather than never used since zeroing. */
        public boolean reusedEmptyOne() {
            return previousTophash == Tophash.EMPTY_ONE;
        }
    }

    /** mapassign found the key and the caller overwrote its elem. */
    record ElemUpdated(long op, SlotRef slot, Object key) implements MapEvent { }

    /** mapdelete set the slot's tophash to emptyOne. */
    record SlotTombstoned(long op, SlotRef slot, Object key) implements MapEvent { }

    /** mapdelete turned a trailing run into emptyRest, walking backwards; slots in that order. */
    record EmptyRestPropagated(long op, java.util.List<SlotRef> slots) implements MapEvent { }

    /** newoverflow linked an overflow bucket after {@code after}: from the preallocated pool or newly allocated. */
    record OverflowTaken(long op, String overflow, String after, boolean preallocated) implements MapEvent { }

    /** A bucket array was allocated: the lazy first bucket, or makeBucketArray at make or at growth. */
    record BucketArrayAllocated(long op, int id, int B, int nbuckets, long bytes) implements MapEvent { }

    /** hashGrow: a doubling (B+1) or a same-size growth began. */
    record GrowthStarted(long op, boolean sameSize, int oldB, int newB, int count, int noverflow)
            implements MapEvent { }

    /** evacuate moved an old bucket's live entries: {@code toX} to new[j], {@code toY} to new[j+newbit]. */
    record BucketEvacuated(long op, long oldbucket, int toX, int toY) implements MapEvent { }

    /** advanceEvacuationMark reached the end: oldbuckets dropped. */
    record GrowthFinished(long op, int B) implements MapEvent { }

    /** hash0 was redrawn, by a delete that emptied the map or by clear. */
    record Reseeded(long op, int oldSeed, int newSeed, String cause) implements MapEvent { }

    /** mapclear removed {@code removed} entries and kept the bucket array of 2^B buckets. */
    record Cleared(long op, int B, int removed) implements MapEvent { }

    /** mapextra was allocated (makemap or hashGrow for an overflow pool, or createOverflow). */
    record ExtraAllocated(long op) implements MapEvent { }

    /** createOverflow allocated the header of a new overflow slice {@code new([]*bmap)}, number {@code slice}. */
    record OverflowSliceAllocated(long op, int slice) implements MapEvent { }

    /** newoverflow appended an overflow bucket to slice {@code slice}, which now has {@code len} elements. */
    record OverflowSliceAppended(long op, int slice, int len) implements MapEvent { }

    /** mapassign allocated the object of an indirect key ({@code key}) or elem, number {@code id}, of {@code size} bytes. */
    record IndirectAllocated(long op, int id, boolean key, long size) implements MapEvent { }
}
