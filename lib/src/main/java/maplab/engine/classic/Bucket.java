package maplab.engine.classic;

/**
 * One bucket's identity: a pointer to bucket {@code j} of a {@link BucketMemory}, named
 * {@code buckets#k[i]} or {@code overflow#k}. Events, snapshots, overflow links and the race
 * scheduler refer to buckets by it. Its accessors are the memory's, on this bucket; the engine's
 * hot loops use the memory and index directly, as the runtime adds an offset to h.buckets.
 */
final class Bucket {

    /** The memory this bucket lies in, and its index there. */
    final BucketMemory mem;
    final int j;
    /** j in {@link #array()}, or the k of {@code overflow#k} for one allocated on its own. */
    final int index;

    Bucket(BucketMemory mem, int j, int index) {
        this.mem = mem;
        this.j = j;
        this.index = index;
    }

    /** The bucket array this bucket lies in, or null for an overflow bucket allocated on its own. */
    BucketArray array() {
        return mem.array;
    }

    int tophash(int i) { return mem.tophash(j, i); }
    void setTophash(int i, int top) { mem.setTophash(j, i, top); }
    /** The raw key slot (an {@link Indirect} for indirect keys; stale bytes survive a delete). */
    Object key(int i) { return mem.key(j, i); }
    void setKey(int i, Object k) { mem.setKey(j, i, k); }
    Object elem(int i) { return mem.elem(j, i); }
    void setElem(int i, Object e) { mem.setElem(j, i, e); }
    Bucket overflow() { return mem.overflow(j); }
    void setOverflow(Bucket ovf) { mem.setOverflow(j, ovf); }
    boolean evacuated() { return mem.evacuated(j); }

    /** The name, made once: events name the bucket of every slot they touch. */
    private String name;

    /** The name of the memory this bucket lives in: {@code buckets#k[i]} or {@code overflow#k}. */
    String name() {
        if (name == null) {
            name = array() == null ? "overflow#" + index : "buckets#" + array().id + "[" + index + "]";
        }
        return name;
    }

    @Override
    public String toString() {
        return name();
    }
}
