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
    /** The bucket array this bucket lies in, or null for an overflow bucket allocated on its own. */
    final BucketArray array;
    /** The index in {@link #array}, or the k of {@code overflow#k} for one allocated on its own. */
    final int index;

    Bucket(BucketMemory mem, int j, BucketArray array, int index) {
        this.mem = mem;
        this.j = j;
        this.array = array;
        this.index = index;
    }

    int tophash(int i) { return mem.tophash(j, i); }
    /** tophash[i] read for the model's own bookkeeping (events), not by the runtime: no step. */
    int peekTophash(int i) { return mem.peekTophash(j, i); }
    void setTophash(int i, int top) { mem.setTophash(j, i, top); }
    /** The raw key slot (an {@link Indirect} for indirect keys; stale bytes survive a delete). */
    Object key(int i) { return mem.key(j, i); }
    long keyWord(int i) { return mem.keyWord(j, i); }
    void setKey(int i, Object k) { mem.setKey(j, i, k); }
    Object elem(int i) { return mem.elem(j, i); }
    long elemWord(int i) { return mem.elemWord(j, i); }
    void setElem(int i, Object e) { mem.setElem(j, i, e); }
    boolean keyEquals(int i, Object key) { return mem.keyEquals(j, i, key); }
    boolean keyIs(int i, long k) { return mem.keyIs(j, i, k); }
    void copySlot(int i, Bucket dst, int di) { mem.copySlot(j, i, dst.mem, dst.j, di); }
    Bucket overflow() { return mem.overflow(j); }
    void setOverflow(Bucket ovf) { mem.setOverflow(j, ovf); }
    boolean evacuated() { return mem.evacuated(j); }
    void zero() { mem.zero(j); }
    void zeroData() { mem.zeroData(j); }

    /** The name, made once: events name the bucket of every slot they touch. */
    private String name;

    /** The name of the memory this bucket lives in: {@code buckets#k[i]} or {@code overflow#k}. */
    String name() {
        if (name == null) {
            name = array == null ? "overflow#" + index : "buckets#" + array.id + "[" + index + "]";
        }
        return name;
    }

    @Override
    public String toString() {
        return name();
    }
}
