package maplab.memory;

import maplab.engine.ObjectKind;

/**
 * One heap allocation of a map and its life on the timeline: the operation that allocated it, the
 * operation after which the collector could no longer reach it, and the operation at whose end a
 * GC cycle freed it (-1 while not yet). Operation numbers are the heap's ({@link GoHeap#opIndex()}).
 */
public final class HeapObject {

    private final String id;
    private final ObjectKind kind;
    private final long bytes;
    private final long born;
    private long unreachable = -1;
    private long freed = -1;

    HeapObject(String id, ObjectKind kind, long bytes, long born) {
        this.id = id;
        this.kind = kind;
        this.bytes = bytes;
        this.born = born;
    }

    /** A name unique within its map: "hmap", "buckets#2", "overflow#0", "slice#0", "slice#0.array#3", "elem#17". */
    public String id() { return id; }

    public ObjectKind kind() { return kind; }

    /** What it takes from the heap (size class or pages, see {@link Malloc#footprint}). */
    public long bytes() { return bytes; }

    public long born() { return born; }

    /** The first operation after which it was found unreachable, or -1. */
    public long unreachable() { return unreachable; }

    /** The operation at whose end the GC cycle that freed it ran, or -1. */
    public long freed() { return freed; }

    boolean isUnreachable() { return unreachable >= 0; }

    boolean isFreed() { return freed >= 0; }

    void markUnreachable(long op) {
        if (unreachable < 0) {
            unreachable = op;
        }
    }

    void markFreed(long op) {
        freed = op;
    }

    @Override
    public String toString() {
        return id + " " + kind + " " + bytes + " B born " + born + " unreachable " + unreachable + " freed " + freed;
    }
}
