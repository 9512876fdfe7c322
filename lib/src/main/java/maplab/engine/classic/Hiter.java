package maplab.engine.classic;

import static maplab.engine.classic.Hmap.HASH_WRITING;
import static maplab.engine.classic.Hmap.ITERATOR;
import static maplab.engine.classic.Hmap.OLD_ITERATOR;
import static maplab.engine.classic.Hmap.bucketMask;
import static maplab.engine.classic.Hmap.bucketShift;
import static maplab.engine.classic.BucketType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EVACUATED_EMPTY;
import static maplab.engine.classic.Tophash.EVACUATED_X;
import static maplab.engine.classic.Tophash.EVACUATED_Y;

import java.util.ArrayList;
import maplab.engine.Draw;
import maplab.engine.GoFatalError;

/**
 * The iterator ({@code hiter}) with mapiterinit and mapiternext (runtime/map.go). Field names
 * are the runtime's.
 */
final class Hiter {

    /** noCheck: checkBucket's "no filter" value. */
    static final long NO_CHECK = -1;

    /** Whether the last step produced an entry; false once iteration has ended (it.key == nil). */
    boolean hasEntry;
    /**
     * The entry the loop copies out (*it.key, *it.elem): 8-byte integers that the bucket keeps as
     * words stay unboxed in keyWord/elemWord, so a range loop over map[uint64]uint64 allocates
     * nothing per entry; other values are in key/elem.
     */
    Object key;
    Object elem;
    long keyWord;
    long elemWord;
    /**
     * Where it.key and it.elem point, for the GC: the bucket holding the entry's slots (the one
     * being walked, or, for an entry looked up again after it moved, the bucket mapaccessK found
     * it in, which may be the old array or an overflow bucket no root reaches otherwise), and the
     * objects of indirect keys and elems. Null once the loop has ended.
     */
    BucketMemory keyMem;
    int keyJ;
    Indirect keyObject;
    Indirect elemObject;

    final Hmap h;
    /** The bucket array when iteration started, and its B: a later doubling does not move the iterator. */
    BucketArray buckets;
    int B;
    /** The bucket being walked (it.bptr), bucket bj of bmem: may be an old bucket or an overflow bucket. */
    BucketMemory bmem;
    int bj;
    /** Noscan maps: the overflow slices at start, keeping those overflow buckets alive. */
    ArrayList<Bucket> overflow;
    ArrayList<Bucket> oldoverflow;
    long startBucket;
    int offset;
    boolean wrapped;
    int i;
    long bucket;
    long checkBucket;
    /** Whether mapiterinit found entries; an empty map's iterator draws nothing and ends at once. */
    boolean started;

    Hiter(Hmap h) {
        this.h = h;
    }

    /**
     * mapiterinit(t, h, it): snapshots B and the bucket array, draws the start bucket and the slot
     * offset from one random number, sets both iterator flags (they stay set until a later hashGrow),
     * and advances to the first entry. An empty map draws nothing and changes no flag.
     */
    void mapiterinit() {
        if (h.count() == 0) {
            return;
        }
        started = true;
        B = h.B();
        buckets = h.buckets();
        if (!h.t.bucketHasPointers()) {
            // Keep the current and old overflow buckets alive even if the map grows meanwhile.
            Overflow.createOverflow(h);
            overflow = h.overflowOf(h.extra());
            oldoverflow = h.oldoverflowOf(h.extra());
        }
        long r;
        if (h.version.rand64() || h.B() > 31 - 3) {
            r = h.rand.next(Draw.ITER_START); // rand() in 1.22+, fastrand64 for B > 28 before
        } else {
            r = h.rand.next(Draw.ITER_START) & 0xffffffffL; // fastrand()
        }
        startBucket = r & bucketMask(h.B());
        offset = (int) ((r >>> h.B()) & (BUCKET_CNT - 1));
        bucket = startBucket;
        // Remember we have an iterator; the set is atomic.Or8, one step that keeps a concurrent
        // writer's hashWriting bit (a plain read-then-write would lose it).
        int old = h.flags();
        if ((old & (ITERATOR | OLD_ITERATOR)) != (ITERATOR | OLD_ITERATOR)) {
            h.orFlags(ITERATOR | OLD_ITERATOR);
        }
        mapiternext();
    }

    /**
     * mapiternext(it): the next entry, or the end (key == null). Buckets are visited from
     * startBucket, wrapping at 2^it.B, slots in the order (i + offset) & 7. If the map is growing
     * and the iterator has the current B, an old bucket not yet evacuated is walked instead of
     * its new bucket, keeping (when doubling) only the entries bound for the new bucket. An entry
     * that was evacuated since the iterator's snapshot is looked up again in the current map, so
     * deleted keys are skipped and updated elems seen.
     */
    void mapiternext() {
        if ((h.flags() & HASH_WRITING) != 0) {
            throw new GoFatalError("concurrent map iteration and map write");
        }
        long bucket = this.bucket;
        BucketMemory mem = this.bmem;
        int j = this.bj;
        int i = this.i;
        long checkBucket = this.checkBucket;

        while (true) {
            if (mem == null) {
                if (bucket == startBucket && wrapped) {
                    // end of iteration
                    hasEntry = false;
                    key = null;
                    elem = null;
                    keyMem = null;
                    keyObject = null;
                    elemObject = null;
                    return;
                }
                if (h.growing() && B == h.B()) {
                    // Started during this growth, which is not done yet: if the old bucket was not
                    // evacuated, walk it and keep only the keys that go to this new bucket.
                    long oldbucket = bucket & h.oldbucketmask();
                    BucketArray old = h.oldbuckets();
                    int oldj = old.index(oldbucket);
                    if (!old.mem.evacuated(oldj)) {
                        mem = old.mem;
                        j = oldj;
                        checkBucket = bucket;
                    } else {
                        mem = buckets.mem;
                        j = buckets.index(bucket);
                        checkBucket = NO_CHECK;
                    }
                } else {
                    mem = buckets.mem;
                    j = buckets.index(bucket);
                    checkBucket = NO_CHECK;
                }
                bucket++;
                if (bucket == bucketShift(B)) {
                    bucket = 0;
                    wrapped = true;
                }
                i = 0;
            }
            for (; i < BUCKET_CNT; i++) {
                int offi = (i + offset) & (BUCKET_CNT - 1);
                int top = mem.tophash(j, offi);
                if (Tophash.isEmpty(top) || top == EVACUATED_EMPTY) {
                    // emptyRest does not end the walk: iteration starts mid-bucket.
                    continue;
                }
                // *k, read once; a word key is boxed only if the growth filter must hash it.
                boolean wordKey = h.t.wordKeys();
                long kw = wordKey ? mem.keyWord(j, offi) : 0;
                Object k = wordKey ? null : h.keyOf(mem, j, offi);
                boolean reflexive = wordKey || h.t.key().reflexive() || h.t.key().equal(k, k);
                if (checkBucket != NO_CHECK && !h.sameSizeGrow()) {
                    if (reflexive) {
                        // Skip entries of this old bucket that go to the other new bucket.
                        long hash = h.hash(wordKey ? (Object) kw : k);
                        if ((hash & bucketMask(B)) != checkBucket) {
                            continue;
                        }
                    } else if ((checkBucket >>> (B - 1)) != (top & 1)) {
                        // NaN: evacuation sends it by the low bit of tophash.
                        continue;
                    }
                }
                if ((top != EVACUATED_X && top != EVACUATED_Y) || !reflexive) {
                    // The golden data, or a NaN key that can be neither deleted nor updated.
                    key = k;
                    keyWord = kw;
                    copyElem(mem, j, offi);
                    pointInto(mem, j, offi);
                } else {
                    // Moved since the iterator started: the golden data is in the current map.
                    Access.Slot s = Access.mapaccessK(h, wordKey ? (Object) kw : k);
                    if (s == null) {
                        continue; // deleted
                    }
                    if (wordKey) {
                        keyWord = s.b().mem.keyWord(s.b().j, s.i());
                    } else {
                        key = h.keyOf(s.b(), s.i());
                    }
                    copyElem(s.b().mem, s.b().j, s.i());
                    pointInto(s.b().mem, s.b().j, s.i());
                }
                hasEntry = true;
                this.bucket = bucket;
                this.bmem = mem;
                this.bj = j;
                this.i = i + 1;
                this.checkBucket = checkBucket;
                return;
            }
            Bucket ovf = mem.overflow(j);
            mem = ovf == null ? null : ovf.mem;
            j = ovf == null ? 0 : ovf.j;
            i = 0;
        }
    }

    /**
     * it.key = k, it.elem = e: pointers into slot i of bucket j of mem, or to the objects an indirect
     * slot points to. The GC follows them (without a step: the model's bookkeeping, not the runtime's).
     */
    private void pointInto(BucketMemory mem, int j, int i) {
        keyMem = mem;
        keyJ = j;
        keyObject = h.t.indirectKey() ? (Indirect) mem.peekKey(j, i) : null;
        elemObject = h.t.indirectElem() ? (Indirect) mem.peekElem(j, i) : null;
    }

    /** *it.elem: the elem of slot i of bucket j, copied out as the loop does. */
    private void copyElem(BucketMemory mem, int j, int i) {
        if (h.t.wordElems()) {
            elemWord = mem.elemWord(j, i);
        } else {
            elem = h.elemOf(mem, j, i);
        }
    }

    /** it.bptr: the bucket being walked, or null between buckets. */
    Bucket bptr() {
        return bmem == null ? null : bmem.bucket(bj);
    }
}
