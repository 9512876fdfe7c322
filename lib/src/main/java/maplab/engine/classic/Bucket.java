package maplab.engine.classic;

import static maplab.engine.classic.MapType.BUCKET_CNT;

/**
 * One bucket ({@code bmap}): 8 tophash bytes, 8 key slots, 8 elem slots and the overflow pointer.
 * A slot of an indirect key or elem holds an {@link Indirect}, the model of the separately
 * allocated object the runtime points to. Every access goes through these methods: they are the
 * map's shared memory.
 */
final class Bucket {

    /** The 8 tophash bytes, slot i in bits 8i..8i+7: one field instead of an array object. */
    private long tophash;
    private final Object[] keys = new Object[BUCKET_CNT];
    private final Object[] elems = new Object[BUCKET_CNT];
    private Bucket overflow;

    /** The bucket array this bucket lies in, or null for an overflow bucket allocated on its own. */
    final BucketArray array;
    /** The index in {@link #array}, or the k of {@code overflow#k} for one allocated on its own. */
    final int index;

    Bucket(BucketArray array, int index) {
        this.array = array;
        this.index = index;
    }

    /** tophash[i], 0..255. */
    int tophash(int i) {
        return (int) (tophash >>> (i << 3)) & 0xff;
    }

    void setTophash(int i, int top) {
        int shift = i << 3;
        tophash = (tophash & ~(0xffL << shift)) | ((long) (top & 0xff) << shift);
    }

    /** The raw key slot (an {@link Indirect} for indirect keys; stale bytes survive a delete). */
    Object key(int i) {
        return keys[i];
    }

    void setKey(int i, Object k) {
        keys[i] = k;
    }

    Object elem(int i) {
        return elems[i];
    }

    void setElem(int i, Object e) {
        elems[i] = e;
    }

    /** b.overflow(t). */
    Bucket overflow() {
        return overflow;
    }

    /** b.setoverflow(t, ovf). */
    void setOverflow(Bucket ovf) {
        overflow = ovf;
    }

    /** evacuated(b): only tophash[0] is tested; evacuate marks every slot of the chain. */
    boolean evacuated() {
        int h = tophash(0);
        return h > Tophash.EMPTY_ONE && h < Tophash.MIN_TOP_HASH;
    }

    /** Zeroes the whole bucket, tophash included (memclr of a dirty bucket array). */
    void zero() {
        tophash = 0;
        zeroData();
    }

    /** Zeroes keys, elems and the overflow link, keeping tophash (evacuate's memclrHasPointers). */
    void zeroData() {
        java.util.Arrays.fill(keys, null);
        java.util.Arrays.fill(elems, null);
        overflow = null;
    }

    /** The name of the memory this bucket lives in: {@code buckets#k[i]} or {@code overflow#k}. */
    String name() {
        return array == null ? "overflow#" + index : "buckets#" + array.id + "[" + index + "]";
    }

    @Override
    public String toString() {
        return name();
    }
}
