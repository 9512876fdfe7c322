package maplab.engine.classic;

import java.util.ArrayList;
import maplab.engine.Draw;
import maplab.engine.GoVersion;
import maplab.engine.Hasher;
import maplab.engine.RandomSource;
import maplab.engine.StepHook;

/**
 * The map header ({@code hmap}) with the context the runtime passes beside it: the map type, the
 * modelled Go version, the hash function and the random source. The runtime's functions live in
 * classes named after them (MakeMap, Access, Assign, Delete, Clear, Growth, Overflow, Hiter) and
 * take an Hmap, as the Go functions take {@code (t, h)}. Every read and write of a header field
 * goes through an accessor: these are the map's shared memory, and each is a scheduling point
 * when a race scheduler is attached ({@link StepHook}).
 */
final class Hmap {

    /** hmap.flags bits. */
    static final int ITERATOR = 1;
    static final int OLD_ITERATOR = 2;
    static final int HASH_WRITING = 4;
    static final int SAME_SIZE_GROW = 8;

    final BucketType t;
    final GoVersion version;
    final Hasher hasher;
    final RandomSource rand;
    /** Receives the engine's events; null when nobody listens, so events cost one null test. */
    Events events;
    /** The race scheduler's scheduling points (StepHook), or null: sequential runs. */
    StepHook hook;
    /** The index of the operation being applied, carried by every event. */
    long op;
    /** Allocation counters: the next k of buckets#k and of overflow#k. */
    int nextArrayId;
    int nextOverflowId;
    /** The next number of an overflow slice header (OverflowSlice) and of an indirect key/elem object. */
    int nextSliceId;
    /** The next number of an overflow slice's backing array (OverflowSlice.array). */
    int nextSliceArrayId;
    int nextIndirectId;
    /** The chunk the next overflow bucket allocated on its own is cut from (BucketMemory.lone). */
    BucketMemory loneChunk;
    /** The allocations a gc has already reported unreachable. */
    final java.util.BitSet freedArrays = new java.util.BitSet();
    final java.util.BitSet freedOverflow = new java.util.BitSet();
    /** Iterators not yet closed: like a live hiter, each keeps what it points to reachable. */
    final java.util.Set<Hiter> openIterators = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private int count;
    private int flags;
    private int b;
    private int noverflow;
    private int hash0;
    private BucketArray buckets;
    private BucketArray oldbuckets;
    private long nevacuate;
    private MapExtra extra;

    Hmap(BucketType t, GoVersion version, Hasher hasher, RandomSource rand) {
        this.t = t;
        this.version = version;
        this.hasher = hasher;
        this.rand = rand;
    }

    int count() { step(Shared.COUNT, false); return count; }
    void setCount(int v) { step(Shared.COUNT, true); count = v; }
    int flags() { step(Shared.FLAGS, false); return flags; }
    void setFlags(int v) { step(Shared.FLAGS, true); flags = v; }
    /** atomic.Or8(&h.flags, bits): read and write in one step. */
    void orFlags(int bits) { step(Shared.FLAGS, true); flags |= bits; }
    int B() { step(Shared.B, false); return b; }
    void setB(int v) { step(Shared.B, true); b = v; }
    /** uint16, wrapping as the runtime's counter does. */
    int noverflow() { step(Shared.NOVERFLOW, false); return noverflow; }
    void setNoverflow(int v) { step(Shared.NOVERFLOW, true); noverflow = v & 0xffff; }
    int hash0() { step(Shared.HASH0, false); return hash0; }
    void setHash0(int v) { step(Shared.HASH0, true); hash0 = v; }
    BucketArray buckets() { step(Shared.BUCKETS, false); return buckets; }
    void setBuckets(BucketArray v) { step(Shared.BUCKETS, true); buckets = v; }
    BucketArray oldbuckets() { step(Shared.OLDBUCKETS, false); return oldbuckets; }
    void setOldbuckets(BucketArray v) { step(Shared.OLDBUCKETS, true); oldbuckets = v; }
    long nevacuate() { step(Shared.NEVACUATE, false); return nevacuate; }
    void setNevacuate(long v) { step(Shared.NEVACUATE, true); nevacuate = v; }
    MapExtra extra() { step(Shared.EXTRA, false); return extra; }
    void setExtra(MapExtra v) { step(Shared.EXTRA, true); extra = v; }
    /** h.extra.nextOverflow (extra must be non-null). */
    Bucket nextOverflow() { step(Shared.NEXT_OVERFLOW, false); return extra.nextOverflow; }
    void setNextOverflow(Bucket v) { step(Shared.NEXT_OVERFLOW, true); extra.nextOverflow = v; }
    /** e.overflow, e the h.extra the caller loaded (noscan maps' overflow slice). */
    ArrayList<Bucket> overflowOf(MapExtra e) { step(Shared.OVERFLOW_SLICE, false); return e.overflow; }
    void setOverflowOf(MapExtra e, ArrayList<Bucket> v) { step(Shared.OVERFLOW_SLICE, true); e.overflow = v; }
    /** e.oldoverflow, e the h.extra the caller loaded. */
    ArrayList<Bucket> oldoverflowOf(MapExtra e) { step(Shared.OLDOVERFLOW, false); return e.oldoverflow; }
    void setOldoverflowOf(MapExtra e, ArrayList<Bucket> v) { step(Shared.OLDOVERFLOW, true); e.oldoverflow = v; }

    /**
     * A scheduling point before an access to shared memory, when a race scheduler is attached.
     * The test is this map's own field: a JVM-wide counter of hooked maps (the fast path before)
     * was a plain static shared by every map and thread, so a thread could act on a stale count.
     * The race scheduler attaches the hook before it hands a goroutine its first turn (an atomic
     * hand-off), which orders this plain field for the goroutine's thread.
     */
    void step(Shared field, boolean write) {
        StepHook s = hook;
        if (s != null) {
            s.step(this, field, -1, write);
        }
    }

    /** Attaches or detaches the race scheduler's hook. */
    void hook(StepHook s) {
        hook = s;
    }

    @Override
    public String toString() {
        return "h";
    }

    /** h.growing(). */
    boolean growing() {
        return oldbuckets() != null;
    }

    /** h.sameSizeGrow(). */
    boolean sameSizeGrow() {
        return (flags() & SAME_SIZE_GROW) != 0;
    }

    /** h.noldbuckets(): the bucket count before the current growth. */
    long noldbuckets() {
        int oldB = B();
        if (!sameSizeGrow()) {
            oldB--;
        }
        return bucketShift(oldB);
    }

    /** h.oldbucketmask(). */
    long oldbucketmask() {
        return noldbuckets() - 1;
    }

    /** bucketShift(b) = 1 << b. */
    static long bucketShift(int b) {
        return 1L << b;
    }

    /** bucketMask(b) = 1<<b - 1. */
    static long bucketMask(int b) {
        return bucketShift(b) - 1;
    }

    /**
     * t.hasher(key, uintptr(h.hash0)). A key unequal to itself (NaN) hashes differently each
     * time: the runtime mixes a fresh random number in, and so does the model.
     */
    long hash(Object key) {
        return hash(key, hash0());
    }

    /** t.hasher(key, uintptr(hash0)) with the seed already loaded. */
    long hash(Object key, int hash0) {
        long seed = hash0 & 0xffffffffL;
        if (!t.key().reflexive() && !t.key().equal(key, key)) {
            seed ^= rand.next(Draw.NAN_HASH);
        }
        return hasher.hash(key, seed);
    }

    /** t.hasher(&key, uintptr(hash0)) for a key kept as a word: integers are reflexive, no NaN case. */
    long hashWord(long key, int hash0) {
        return hasher.hashWord(key, hash0 & 0xffffffffL);
    }

    /** fastrand() (Go 1.19-1.21) or uint32(rand()) (Go 1.22+): 32 random bits. */
    int rand32(Draw purpose) {
        return (int) rand.next(purpose);
    }

    /** t.key.equal(key, slot i's key), through the pointer when keys are indirect. */
    boolean keyEquals(BucketMemory mem, int j, int i, Object key) {
        return t.indirectKey() ? t.key().equal(key, ((Indirect) mem.key(j, i)).value) : mem.keyEquals(j, i, key);
    }

    /** The key a slot holds, through its pointer when keys are indirect. */
    Object keyOf(BucketMemory mem, int j, int i) {
        Object k = mem.key(j, i);
        return t.indirectKey() ? ((Indirect) k).value : k;
    }

    Object keyOf(Bucket b, int i) {
        return keyOf(b.mem, b.j, i);
    }

    /** The elem a slot holds, through its pointer when elems are indirect. */
    Object elemOf(BucketMemory mem, int j, int i) {
        Object e = mem.elem(j, i);
        return t.indirectElem() ? ((Indirect) e).value : e;
    }
}
