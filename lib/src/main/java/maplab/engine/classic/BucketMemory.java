package maplab.engine.classic;

import static maplab.engine.classic.BucketType.BUCKET_CNT;

import java.util.Arrays;
import maplab.engine.StepHook;

/**
 * The memory of buckets ({@code bmap}s): one bucket array, or a chunk of overflow buckets each
 * allocated on its own ({@link #lone}). Bucket j holds 8 tophash bytes, 8 key slots, 8 elem slots and the
 * overflow pointer. A slot of an indirect key or elem holds an {@link Indirect}, the model of the
 * separately allocated object the runtime points to.
 *
 * <p>As in the runtime, the buckets of one allocation lie in flat arrays, not one object each: a
 * lookup reaches its bucket's bytes from the array and the index (the runtime's
 * {@code add(h.buckets, j*bucketsize)}) with no per-bucket object in between, and the JVM's
 * collector sees a few large arrays (of words only, for map[uint64]uint64) rather than millions
 * of small objects to trace and copy. {@link Bucket} objects, the buckets' identities for events,
 * snapshots, overflow links and the race scheduler, are made only when asked for.
 *
 * <p>Every access goes through these methods: they are the map's shared memory, and each is a
 * scheduling point when a race scheduler is attached ({@link StepHook}), which sees the access
 * on the bucket's identity.
 */
final class BucketMemory {

    /** A bucket's key and elem slots. */
    private static final int WORDS = 2 * BUCKET_CNT;

    /** The map these buckets belong to, whose hook (if any) sees every access. */
    private final Hmap h;
    private final BucketType t;
    /** Bucket j's 8 tophash bytes, slot i in bits 8i..8i+7. */
    private final long[] tophash;
    /**
     * Bucket j's keys at 16j+0..7 and elems at 16j+8..15: 8-byte integers as unboxed words in
     * {@code words}, everything else in {@code slots} (so a map[uint64]uint64 holds no boxed values).
     */
    private final long[] words;
    private final Object[] slots;
    private final Bucket[] overflow;
    /** The buckets' identities, made on first use. */
    private final Bucket[] identity;
    /** The bucket array, or null for a chunk of overflow buckets allocated on their own. */
    final BucketArray array;
    /** In a chunk of lone overflow buckets: how many are handed out. */
    private int loneUsed;

    static final int LONE_CHUNK = 8;

    private BucketMemory(Hmap h, BucketArray array, int nbuckets) {
        this.h = h;
        this.t = h.t;
        this.array = array;
        this.tophash = new long[nbuckets];
        this.words = t.wordKeys() || t.wordElems() ? new long[nbuckets * WORDS] : null;
        this.slots = t.wordKeys() && t.wordElems() ? null : new Object[nbuckets * WORDS];
        this.overflow = new Bucket[nbuckets];
        this.identity = new Bucket[nbuckets];
    }

    /**
     * The Java heap one bucket of this memory takes, at most: its tophash word, overflow and
     * identity references (8 bytes each without compressed references), and 16 slots in
     * {@code words}, {@code slots} or both.
     */
    static long bytesPerBucket(BucketType t) {
        return 8 + 8 + 8 + (t.wordKeys() || t.wordElems() ? 8L * WORDS : 0)
                + (t.wordKeys() && t.wordElems() ? 0 : 8L * WORDS);
    }

    /** The memory of a bucket array of n buckets. */
    static BucketMemory ofArray(Hmap h, BucketArray array, int nbuckets) {
        return new BucketMemory(h, array, nbuckets);
    }

    /**
     * Overflow bucket {@code overflow#k}, allocated on its own (newobject(t.bucket)). The model
     * cuts such buckets from chunks of {@link #LONE_CHUNK}, so that one costs no more Java objects
     * than a bucket of an array; each is still its own allocation to the model, named, counted and
     * freed alone.
     */
    static Bucket lone(Hmap h, int k) {
        BucketMemory m = h.loneChunk;
        if (m == null || m.loneUsed == LONE_CHUNK) {
            m = new BucketMemory(h, null, LONE_CHUNK);
            h.loneChunk = m;
        }
        int j = m.loneUsed++;
        m.identity[j] = new Bucket(m, j, k);
        return m.identity[j];
    }

    /** Bucket j's identity. */
    Bucket bucket(int j) {
        Bucket b = identity[j];
        if (b == null) {
            b = new Bucket(this, j, j);
            identity[j] = b;
        }
        return b;
    }

    int length() {
        return tophash.length;
    }

    /** tophash[i] of bucket j, 0..255. */
    int tophash(int j, int i) {
        step(j, Shared.TOPHASH, i, false);
        return (int) (tophash[j] >>> (i << 3)) & 0xff;
    }

    /** tophash[i] read for the model's own bookkeeping (events), not by the runtime: no step. */
    int peekTophash(int j, int i) {
        return (int) (tophash[j] >>> (i << 3)) & 0xff;
    }

    void setTophash(int j, int i, int top) {
        step(j, Shared.TOPHASH, i, true);
        int shift = i << 3;
        tophash[j] = (tophash[j] & ~(0xffL << shift)) | ((long) (top & 0xff) << shift);
    }

    /** evacuated(b): only tophash[0] is tested; evacuate marks every slot of the chain. */
    boolean evacuated(int j) {
        int top = tophash(j, 0);
        return top > Tophash.EMPTY_ONE && top < Tophash.MIN_TOP_HASH;
    }

    /** The raw key slot (an {@link Indirect} for indirect keys; stale bytes survive a delete). */
    Object key(int j, int i) {
        step(j, Shared.KEY, i, false);
        return t.wordKeys() ? (Object) words[WORDS * j + i] : slots[WORDS * j + i];
    }

    /** The key slot without a step: the model's own bookkeeping (indirect keys are never words). */
    Object peekKey(int j, int i) {
        return t.wordKeys() ? null : slots[WORDS * j + i];
    }

    /** The elem slot without a step. */
    Object peekElem(int j, int i) {
        return t.wordElems() ? null : slots[WORDS * j + BUCKET_CNT + i];
    }

    /** Slot i's key as a word, unboxed (maps whose keys are kept as words only). */
    long keyWord(int j, int i) {
        step(j, Shared.KEY, i, false);
        return words[WORDS * j + i];
    }

    /** Stores a key; null zeroes the slot. */
    void setKey(int j, int i, Object k) {
        step(j, Shared.KEY, i, true);
        if (t.wordKeys()) {
            words[WORDS * j + i] = k == null ? 0 : (Long) k;
        } else {
            slots[WORDS * j + i] = k;
        }
    }

    /** Stores an 8-byte integer key as a word (maps whose keys are kept as words only). */
    void setKeyWord(int j, int i, long k) {
        step(j, Shared.KEY, i, true);
        words[WORDS * j + i] = k;
    }

    /** Stores an 8-byte integer elem as a word (maps whose elems are kept as words only). */
    void setElemWord(int j, int i, long e) {
        step(j, Shared.ELEM, i, true);
        words[WORDS * j + BUCKET_CNT + i] = e;
    }

    Object elem(int j, int i) {
        step(j, Shared.ELEM, i, false);
        return t.wordElems() ? (Object) words[WORDS * j + BUCKET_CNT + i] : slots[WORDS * j + BUCKET_CNT + i];
    }

    /** Slot i's elem as a word, unboxed (maps whose elems are kept as words only). */
    long elemWord(int j, int i) {
        step(j, Shared.ELEM, i, false);
        return words[WORDS * j + BUCKET_CNT + i];
    }

    /** Stores an elem; null zeroes the slot. */
    void setElem(int j, int i, Object e) {
        step(j, Shared.ELEM, i, true);
        if (t.wordElems()) {
            words[WORDS * j + BUCKET_CNT + i] = e == null ? 0 : (Long) e;
        } else {
            slots[WORDS * j + BUCKET_CNT + i] = e;
        }
    }

    /** t.key.equal(key, slot i's key) for an inline key, without boxing word keys. */
    boolean keyEquals(int j, int i, Object key) {
        step(j, Shared.KEY, i, false);
        return t.wordKeys() ? words[WORDS * j + i] == (Long) key : t.key().equal(key, slots[WORDS * j + i]);
    }

    /** Whether slot i's key is the 64-bit word k (maps whose keys are kept as words only). */
    boolean keyIs(int j, int i, long k) {
        step(j, Shared.KEY, i, false);
        return words[WORDS * j + i] == k;
    }

    /** Copies slot i of bucket j, key and elem as stored, to slot di of bucket dj of dst (evacuate's typedmemmove). */
    void copySlot(int j, int i, BucketMemory dst, int dj, int di) {
        step(j, Shared.KEY, i, false);
        dst.step(dj, Shared.KEY, di, true);
        step(j, Shared.ELEM, i, false);
        dst.step(dj, Shared.ELEM, di, true);
        int from = WORDS * j;
        int to = WORDS * dj;
        if (words != null) {
            dst.words[to + di] = words[from + i];
            dst.words[to + BUCKET_CNT + di] = words[from + BUCKET_CNT + i];
        }
        if (slots != null) {
            dst.slots[to + di] = slots[from + i];
            dst.slots[to + BUCKET_CNT + di] = slots[from + BUCKET_CNT + i];
        }
    }

    /** b.overflow(t). */
    Bucket overflow(int j) {
        step(j, Shared.OVERFLOW, -1, false);
        return overflow[j];
    }

    /** The overflow link without a step: the model's own bookkeeping. */
    Bucket peekOverflow(int j) {
        return overflow[j];
    }

    /** b.setoverflow(t, ovf). */
    void setOverflow(int j, Bucket ovf) {
        step(j, Shared.OVERFLOW, -1, true);
        overflow[j] = ovf;
    }

    /** Zeroes bucket j whole, tophash included (memclr of a dirty bucket array). */
    void zero(int j) {
        step(j, Shared.TOPHASH, -1, true);
        tophash[j] = 0;
        zeroData(j);
    }

    /** Zeroes bucket j's keys, elems and overflow link, keeping tophash (evacuate's memclrHasPointers). */
    void zeroData(int j) {
        step(j, Shared.DATA, -1, true);
        if (words != null) {
            Arrays.fill(words, WORDS * j, WORDS * j + WORDS, 0);
        }
        if (slots != null) {
            Arrays.fill(slots, WORDS * j, WORDS * j + WORDS, null);
        }
        overflow[j] = null;
    }

    /** A scheduling point before an access to bucket j, when a race scheduler is attached. */
    private void step(int j, Shared field, int slot, boolean write) {
        StepHook s = h.hook;
        if (s != null) {
            s.step(bucket(j), field, slot, write);
        }
    }
}
