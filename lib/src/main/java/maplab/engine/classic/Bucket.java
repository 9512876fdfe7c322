package maplab.engine.classic;

import static maplab.engine.classic.MapType.BUCKET_CNT;

/**
 * One bucket ({@code bmap}): 8 tophash bytes, 8 key slots, 8 elem slots and the overflow pointer.
 * A slot of an indirect key or elem holds an {@link Indirect}, the model of the separately
 * allocated object the runtime points to. Every access goes through these methods: they are the
 * map's shared memory, and each is a scheduling point when a race scheduler is attached
 * ({@link StepHook}).
 */
final class Bucket {

    /** The 8 tophash bytes, slot i in bits 8i..8i+7: one field instead of an array object. */
    private long tophash;
    /**
     * Keys in 0..7, elems in 8..15, as the runtime keeps them in one block: 8-byte integers as
     * unboxed words in {@code words}, everything else in {@code slots} (so a map[uint64]uint64
     * bucket holds no boxed values at all).
     */
    private final long[] words;
    private final Object[] slots;
    /** The map type, which says where keys and elems live. */
    private final MapType t;
    /** The map this bucket belongs to, whose hook (if any) sees every access. */
    private final Hmap h;
    private Bucket overflow;

    /** The bucket array this bucket lies in, or null for an overflow bucket allocated on its own. */
    final BucketArray array;
    /** The index in {@link #array}, or the k of {@code overflow#k} for one allocated on its own. */
    final int index;

    Bucket(Hmap h, BucketArray array, int index) {
        this.h = h;
        this.t = h.t;
        this.array = array;
        this.index = index;
        this.words = t.wordKeys() || t.wordElems() ? new long[2 * BUCKET_CNT] : null;
        this.slots = t.wordKeys() && t.wordElems() ? null : new Object[2 * BUCKET_CNT];
    }

    /** tophash[i], 0..255. */
    int tophash(int i) {
        step(Shared.TOPHASH, i, false);
        return (int) (tophash >>> (i << 3)) & 0xff;
    }

    /** tophash[i] read for the model's own bookkeeping (events), not by the runtime: no step. */
    int peekTophash(int i) {
        return (int) (tophash >>> (i << 3)) & 0xff;
    }

    void setTophash(int i, int top) {
        step(Shared.TOPHASH, i, true);
        int shift = i << 3;
        tophash = (tophash & ~(0xffL << shift)) | ((long) (top & 0xff) << shift);
    }

    /** The raw key slot (an {@link Indirect} for indirect keys; stale bytes survive a delete). */
    Object key(int i) {
        step(Shared.KEY, i, false);
        return t.wordKeys() ? (Object) words[i] : slots[i];
    }

    /** Slot i's key as a word, unboxed (maps whose keys are kept as words only). */
    long keyWord(int i) {
        step(Shared.KEY, i, false);
        return words[i];
    }

    /** Stores a key; null zeroes the slot. */
    void setKey(int i, Object k) {
        step(Shared.KEY, i, true);
        if (t.wordKeys()) {
            words[i] = k == null ? 0 : (Long) k;
        } else {
            slots[i] = k;
        }
    }

    Object elem(int i) {
        step(Shared.ELEM, i, false);
        return t.wordElems() ? (Object) words[BUCKET_CNT + i] : slots[BUCKET_CNT + i];
    }

    /** Slot i's elem as a word, unboxed (maps whose elems are kept as words only). */
    long elemWord(int i) {
        step(Shared.ELEM, i, false);
        return words[BUCKET_CNT + i];
    }

    /** Stores an elem; null zeroes the slot. */
    void setElem(int i, Object e) {
        step(Shared.ELEM, i, true);
        if (t.wordElems()) {
            words[BUCKET_CNT + i] = e == null ? 0 : (Long) e;
        } else {
            slots[BUCKET_CNT + i] = e;
        }
    }

    /** t.key.equal(key, slot i's key) for an inline key, without boxing word keys. */
    boolean keyEquals(int i, Object key) {
        step(Shared.KEY, i, false);
        return t.wordKeys() ? words[i] == (Long) key : t.key().equal(key, slots[i]);
    }

    /** Whether slot i's key is the 64-bit word k (maps whose keys are kept as words only). */
    boolean keyIs(int i, long k) {
        step(Shared.KEY, i, false);
        return words[i] == k;
    }

    /** Copies slot i's key and elem, as stored, into slot j of dst (evacuate's typedmemmove). */
    void copySlot(int i, Bucket dst, int j) {
        step(Shared.KEY, i, false);
        dst.step(Shared.KEY, j, true);
        step(Shared.ELEM, i, false);
        dst.step(Shared.ELEM, j, true);
        if (words != null) {
            dst.words[j] = words[i];
            dst.words[BUCKET_CNT + j] = words[BUCKET_CNT + i];
        }
        if (slots != null) {
            dst.slots[j] = slots[i];
            dst.slots[BUCKET_CNT + j] = slots[BUCKET_CNT + i];
        }
    }

    /** b.overflow(t). */
    Bucket overflow() {
        step(Shared.OVERFLOW, -1, false);
        return overflow;
    }

    /** b.setoverflow(t, ovf). */
    void setOverflow(Bucket ovf) {
        step(Shared.OVERFLOW, -1, true);
        overflow = ovf;
    }

    /** A scheduling point before an access, when a race scheduler is attached. */
    private void step(Shared field, int slot, boolean write) {
        if (Hmap.hooked != 0) {
            StepHook s = h.hook;
            if (s != null) {
                s.step(this, field, slot, write);
            }
        }
    }

    /** evacuated(b): only tophash[0] is tested; evacuate marks every slot of the chain. */
    boolean evacuated() {
        int h = tophash(0);
        return h > Tophash.EMPTY_ONE && h < Tophash.MIN_TOP_HASH;
    }

    /** Zeroes the whole bucket, tophash included (memclr of a dirty bucket array). */
    void zero() {
        step(Shared.TOPHASH, -1, true);
        tophash = 0;
        zeroData();
    }

    /** Zeroes keys, elems and the overflow link, keeping tophash (evacuate's memclrHasPointers). */
    void zeroData() {
        step(Shared.DATA, -1, true);
        if (words != null) {
            java.util.Arrays.fill(words, 0);
        }
        if (slots != null) {
            java.util.Arrays.fill(slots, null);
        }
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
