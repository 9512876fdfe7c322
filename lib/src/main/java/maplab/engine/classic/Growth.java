package maplab.engine.classic;

import static maplab.engine.classic.Hmap.ITERATOR;
import static maplab.engine.classic.Hmap.OLD_ITERATOR;
import static maplab.engine.classic.Hmap.SAME_SIZE_GROW;
import static maplab.engine.classic.Hmap.bucketShift;
import static maplab.engine.classic.BucketType.BUCKET_CNT;
import static maplab.engine.classic.Tophash.EVACUATED_EMPTY;
import static maplab.engine.classic.Tophash.EVACUATED_X;
import static maplab.engine.classic.Tophash.MIN_TOP_HASH;

import maplab.engine.GoFatalError;
import maplab.engine.GoVersion;
import maplab.engine.ReferencesDropped;

/**
 * Growth: the triggers (overLoadFactor, tooManyOverflowBuckets), hashGrow, and the incremental
 * evacuation done by growWork, evacuate and advanceEvacuationMark (runtime/map.go).
 */
final class Growth {

    private Growth() {
    }

    /** overLoadFactor(count, B): more than 8 entries and more than loadFactor * 2^B. */
    static boolean overLoadFactor(GoVersion version, long count, int b) {
        return count > BUCKET_CNT && count > version.loadFactorNum() * (bucketShift(b) / 2);
    }

    /** tooManyOverflowBuckets(noverflow, B): about as many overflow buckets as buckets (B capped at 15). */
    static boolean tooManyOverflowBuckets(int noverflow, int b) {
        if (b > 15) {
            b = 15;
        }
        return noverflow >= (1 << b);
    }

    /**
     * hashGrow(t, h): doubles if count+1 is over the load factor, otherwise grows to the same size
     * (too many overflow buckets). Commits the new array as h.buckets and the old as h.oldbuckets;
     * moves no entries: growWork does that, a little at each write. An iterator on the current
     * array becomes an iterator on the old one (iterator -> oldIterator).
     */
    static void hashGrow(Hmap h) {
        int bigger = 1;
        if (!overLoadFactor(h.version, h.count() + 1L, h.B())) {
            bigger = 0;
            h.setFlags(h.flags() | SAME_SIZE_GROW);
        }
        BucketArray oldbuckets = h.buckets();
        BucketArray newbuckets = MakeMap.makeBucketArray(h, h.B() + bigger, null);
        Bucket nextOverflow = newbuckets.pool();

        // The two reads of h.flags in the source are one load (nothing is stored in between).
        int old = h.flags();
        int flags = old & ~(ITERATOR | OLD_ITERATOR);
        if ((old & ITERATOR) != 0) {
            flags |= OLD_ITERATOR;
        }
        // The model's own reads for the event are not the runtime's: only when someone listens.
        int noverflow = h.events != null ? h.noverflow() : 0;
        // commit the grow (atomic wrt gc)
        int oldB = h.B();
        h.setB(oldB + bigger);
        h.setFlags(flags);
        h.setOldbuckets(oldbuckets);
        h.setBuckets(newbuckets);
        h.setNevacuate(0);
        h.setNoverflow(0);

        MapExtra extra = h.extra();
        if (extra != null && h.overflowOf(extra) != null) {
            // Promote current overflow buckets to the old generation. Each slice field is its own
            // load and store: a writer that finishes a growth between them is seen here.
            if (h.oldoverflowOf(extra) != null) {
                throw new GoFatalError("oldoverflow is not nil");
            }
            h.setOldoverflowOf(extra, h.overflowOf(extra));
            h.setOverflowOf(extra, null);
        }
        if (nextOverflow != null) {
            if (h.extra() == null) {
                h.setExtra(new MapExtra());
                if (h.events != null) {
                    Events.extraAllocated(h);
                }
            }
            h.setNextOverflow(nextOverflow);
        }
        if (h.events != null) {
            h.events.emit(new MapEvent.GrowthStarted(h.op, bigger == 0, oldB, h.B(), h.count(), noverflow));
        }
    }

    /**
     * growWork(t, h, bucket): evacuates the old bucket that {@code bucket} (an index in the new
     * array) draws from, then one more, at nevacuate, to make progress.
     */
    static void growWork(Hmap h, long bucket) {
        evacuate(h, bucket & h.oldbucketmask());
        if (h.growing()) {
            evacuate(h, h.nevacuate());
        }
    }

    /** One evacuation destination (evacDst): the bucket being filled and the next free slot. */
    private static final class EvacDst {
        /** The bucket being filled: bucket j of mem. */
        BucketMemory mem;
        int j;
        int i;
        int moved;

        EvacDst(BucketArray a, long bucket) {
            this.mem = a.mem;
            this.j = a.index(bucket);
        }
    }

    /**
     * evacuate(t, h, oldbucket): if old bucket j is not yet evacuated, moves every live entry of
     * its chain, in slot order, densely into new[j] (X) or, when doubling, new[j+newbit] (Y) as
     * hash & newbit says, continuing into overflow buckets at 8; marks each old slot
     * evacuatedX/Y or evacuatedEmpty. Tophash is copied unchanged. Unless an iterator may still
     * read the old array, a pointerful old main bucket is then cleared but for its tophash, which
     * unlinks its overflow chain. Finally advances nevacuate if j was the next to do.
     */
    static void evacuate(Hmap h, long oldbucket) {
        BucketArray old = h.oldbuckets();
        BucketMemory mem = old.mem;
        int j = old.index(oldbucket);
        long newbit = h.noldbuckets();
        if (!mem.evacuated(j)) {
            EvacDst x = new EvacDst(h.buckets(), oldbucket);
            EvacDst y = null;
            if (!h.sameSizeGrow()) {
                y = new EvacDst(h.buckets(), oldbucket + newbit);
            }
            while (true) {
                for (int i = 0; i < BUCKET_CNT; i++) {
                    int top = mem.tophash(j, i);
                    if (Tophash.isEmpty(top)) {
                        mem.setTophash(j, i, EVACUATED_EMPTY);
                        continue;
                    }
                    if (top < MIN_TOP_HASH) {
                        throw new GoFatalError("bad map state");
                    }
                    int useY = 0;
                    if (!h.sameSizeGrow()) {
                        // t.hasher(k2, uintptr(h.hash0)): the seed is loaded, then the hasher reads the key.
                        int seed = h.hash0();
                        Object k2 = null;
                        long hash;
                        if (h.t.wordKeys()) {
                            hash = h.hashWord(mem.keyWord(j, i), seed);
                        } else {
                            k2 = h.keyOf(mem, j, i);
                            hash = h.hash(k2, seed);
                        }
                        // Only the generic evacuate reads h.flags here; the fast variants' keys are reflexive.
                        if (h.t.variant() == maplab.engine.MapType.Variant.GENERIC && (h.flags() & ITERATOR) != 0
                                && !h.t.key().reflexive() && !h.t.key().equal(k2, k2)) {
                            // NaN: the hash is random, and an iterator needs a repeatable choice,
                            // so the low bit of tophash decides; a fresh tophash spreads NaNs later.
                            useY = top & 1;
                            top = Tophash.of(hash);
                        } else if ((hash & newbit) != 0) {
                            useY = 1;
                        }
                    }
                    mem.setTophash(j, i, EVACUATED_X + useY);
                    EvacDst dst = useY == 0 ? x : y;
                    if (dst.i == BUCKET_CNT) {
                        Bucket ovf = Overflow.newoverflow(h, dst.mem.bucket(dst.j));
                        dst.mem = ovf.mem;
                        dst.j = ovf.j;
                        dst.i = 0;
                    }
                    dst.mem.setTophash(dst.j, dst.i, top);
                    // Copied as stored: an indirect key or elem moves by pointer (the same Indirect).
                    mem.copySlot(j, i, dst.mem, dst.j, dst.i);
                    dst.i++;
                    dst.moved++;
                }
                Bucket ovf = mem.overflow(j);
                if (ovf == null) {
                    break;
                }
                mem = ovf.mem;
                j = ovf.j;
            }
            // Unlink the overflow buckets and clear keys and elems to help GC.
            if ((h.flags() & OLD_ITERATOR) == 0 && h.t.bucketHasPointers()) {
                BucketArray unlinked = h.oldbuckets();
                int uj = unlinked.index(oldbucket);
                // Only an overflow chain can die here: the entries moved by pointer.
                boolean chain = h.events != null && unlinked.mem.peekOverflow(uj) != null;
                unlinked.mem.zeroData(uj);
                if (chain) {
                    h.events.emit(new ReferencesDropped(h.op));
                }
            }
            if (h.events != null) {
                h.events.emit(new MapEvent.BucketEvacuated(h.op, oldbucket, x.moved, y == null ? 0 : y.moved));
            }
        }
        if (oldbucket == h.nevacuate()) {
            advanceEvacuationMark(h, newbit);
        }
    }

    /** evacuated(add(h.oldbuckets, i*bucketsize)). */
    private static boolean evacuated(BucketArray old, long i) {
        return old.mem.evacuated(old.index(i));
    }

    /**
     * advanceEvacuationMark(h, t, newbit): nevacuate moves past every old bucket already
     * evacuated (at most 1024 beyond the one just done); at newbit the growth is over: the old
     * array and old overflow slice are dropped and sameSizeGrow cleared. The iterator bits stay.
     */
    static void advanceEvacuationMark(Hmap h, long newbit) {
        h.setNevacuate(h.nevacuate() + 1);
        long stop = h.nevacuate() + 1024;
        if (stop > newbit) {
            stop = newbit;
        }
        while (h.nevacuate() != stop && evacuated(h.oldbuckets(), h.nevacuate())) {
            h.setNevacuate(h.nevacuate() + 1);
        }
        if (h.nevacuate() == newbit) {
            h.setOldbuckets(null);
            if (h.extra() != null) {
                h.setOldoverflowOf(h.extra(), null);
            }
            h.setFlags(h.flags() & ~SAME_SIZE_GROW);
            if (h.events != null) {
                h.events.emit(new MapEvent.GrowthFinished(h.op, h.B()));
                h.events.emit(new ReferencesDropped(h.op));
            }
        }
    }
}
