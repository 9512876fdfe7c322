package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.liveKeys;
import static maplab.engine.classic.Lab.put;
import static maplab.engine.classic.Lab.top;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.MapType;
import maplab.engine.classic.MapEvent.BucketEvacuated;
import maplab.engine.classic.MapEvent.GrowthFinished;
import maplab.engine.classic.MapEvent.GrowthStarted;
import maplab.engine.classic.MapEvent.SlotRef;
import maplab.engine.classic.MapEvent.SlotWritten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hashGrow, growWork, evacuate, advanceEvacuationMark and the triggers overLoadFactor and
 * tooManyOverflowBuckets (runtime/map.go). Default version 1.23 unless a test says otherwise.
 */
class GrowthRulesTest {

    private final ControlledHash hash = new ControlledHash(null);
    private final Lab.Recorder rec = new Lab.Recorder();

    private ClassicMap map(String go, long hint) {
        return ClassicMap.builder(U64).go(go).hint(hint).hasher(hash).listener(rec).build();
    }

    /** Lab.fillB2: B = 2 (Go 1.23) with the 26 keys it holds before growing; see there. */
    private ClassicMap b2Full() {
        ClassicMap m = map("1.23", 14);
        Lab.fillB2(m, hash);
        assertFalse(m.snapshot().growing());
        return m;
    }

    /** Lab.fillSameSizeReady: B = 2 (Go 1.23), count 25, noverflow 4. */
    private ClassicMap sameSizeReady() {
        ClassicMap m = map("1.23", 14);
        Lab.fillSameSizeReady(m, hash);
        return m;
    }

    private List<Long> evacuatedOrder(long op) {
        List<Long> out = new ArrayList<>();
        for (BucketEvacuated e : rec.of(BucketEvacuated.class)) {
            if (e.op() == op) {
                out.add(e.oldbucket());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23"})
    void growthTriggersOnNinthKeyAtB0(String go) {
        // overLoadFactor(count+1, 0): 9 > bucketCnt && 9 > loadFactorNum*(1/2) = 0; then goto again evacuates
        ClassicMap m = ClassicMap.builder(U64).go(go).hasher(hash).listener(rec).build();
        for (long k = 1; k <= 8; k++) {
            put(m, hash, k, k % 2);
        }
        assertTrue(rec.of(GrowthStarted.class).isEmpty());

        put(m, hash, 9, 1);

        long op = m.opIndex();
        assertEquals(List.of("BucketArrayAllocated", "GrowthStarted", "BucketEvacuated", "GrowthFinished",
                "SlotWritten"), rec.kindsOfOp(op));
        assertEquals(new GrowthStarted(op, false, 0, 1, 8, 0), rec.of(GrowthStarted.class).get(0));
        assertEquals(new BucketEvacuated(op, 0, 4, 4), rec.of(BucketEvacuated.class).get(0));
        assertEquals(new SlotRef("buckets#1[1]", 4), rec.of(SlotWritten.class).get(8).slot());
        assertEquals(1, m.snapshot().B());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.22", "1.23"})
    void loadFactor13TriggersAt14thKeyForB1(String go) {
        // overLoadFactor: count+1 > loadFactorNum*(2^B/2) with loadFactorNum = 13: 14 > 13
        ClassicMap m = map(go, 9);
        for (long k = 1; k <= 13; k++) {
            put(m, hash, k, k % 2); // at most 7 per bucket: no overflow bucket
        }
        assertTrue(rec.of(GrowthStarted.class).isEmpty());

        put(m, hash, 14, 0);

        assertEquals(List.of(new GrowthStarted(m.opIndex(), false, 1, 2, 13, 0)), rec.of(GrowthStarted.class));
    }

    @Test
    void go121LoadFactor12TriggersAt13thKeyForB1() {
        // Go 1.21: loadFactorNum = (bucketCnt*13/16)*loadFactorDen = 6*2 = 12, so 13 > 12
        ClassicMap m = map("1.21", 9);
        for (long k = 1; k <= 12; k++) {
            put(m, hash, k, k % 2);
        }
        assertTrue(rec.of(GrowthStarted.class).isEmpty());

        put(m, hash, 13, 1);

        assertEquals(List.of(new GrowthStarted(m.opIndex(), false, 1, 2, 12, 0)), rec.of(GrowthStarted.class));
    }

    @Test
    void tooManyOverflowBucketsTriggersSameSizeGrowth() {
        // tooManyOverflowBuckets: noverflow >= 1<<B; hashGrow: not overLoadFactor -> bigger = 0, sameSizeGrow
        ClassicMap m = sameSizeReady();
        MapSnapshot before = m.snapshot();
        assertEquals(4, before.noverflow());
        assertEquals(25, before.count());
        assertTrue(rec.of(GrowthStarted.class).isEmpty(), "the 4th overflow bucket was added at noverflow 3");

        put(m, hash, 100, 2); // count+1 = 26 is within 6.5*4

        assertEquals(List.of(new GrowthStarted(m.opIndex(), true, 2, 2, 25, 4)), rec.of(GrowthStarted.class));
    }

    @Test
    void sameSizeGrowthKeepsB() {
        // hashGrow with bigger = 0: new array of 2^B buckets; evacuate sends everything to X, densely
        ClassicMap m = sameSizeReady();
        put(m, hash, 100, 2); // evacuates old 2 (in use) and old 0 (nevacuate)

        MapSnapshot s = m.snapshot();
        assertEquals(2, s.B());
        assertTrue(s.sameSizeGrow());
        assertEquals(4, s.buckets().size());
        assertEquals(4, s.oldbuckets().size());
        assertEquals(1, s.arrayId());
        assertEquals(0, s.oldArrayId());
        assertEquals(List.of("buckets#1[0]"), Lab.chainNames(s.buckets().get(0)), "no overflow bucket any more");
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L), liveKeys(s.buckets().get(0)));
        assertEquals(List.of(26L, 27L, 28L, 29L, 100L), liveKeys(s.buckets().get(2)));
        assertEquals(0, s.noverflow(), "noverflow restarts at 0");
    }

    @Test
    void noGrowthStartsWhileGrowing() {
        // mapassign: if !h.growing() && (overLoadFactor || tooManyOverflowBuckets) { hashGrow }
        ClassicMap m = sameSizeReady();
        put(m, hash, 100, 2); // same-size growth starts; old buckets 1 and 3 remain

        put(m, hash, 101, 2); // count+1 = 27 > 26: over the load factor, but growing

        MapSnapshot s = m.snapshot();
        assertEquals(1, rec.of(GrowthStarted.class).size());
        assertEquals(27, s.count());
        assertEquals(2, s.B());
        assertTrue(s.growing());
        assertEquals(3, s.nevacuate());

        put(m, hash, 102, 2); // finishes the growth (old 3), then the load check doubles
        long op = m.opIndex();
        List<String> kinds = rec.kindsOfOp(op);
        assertTrue(kinds.indexOf("GrowthFinished") < kinds.indexOf("GrowthStarted"), kinds.toString());
        GrowthStarted g = rec.of(GrowthStarted.class).get(1);
        assertEquals(op, g.op());
        assertFalse(g.sameSize());
        assertEquals(3, g.newB());
    }

    @Test
    void growWorkEvacuatesBucketInUseThenNevacuate() {
        // growWork: evacuate(bucket & oldbucketmask) then, if still growing, evacuate(h.nevacuate)
        ClassicMap m = b2Full();

        put(m, hash, 27, 2);

        long op = m.opIndex();
        assertEquals(List.of("BucketArrayAllocated", "GrowthStarted", "BucketEvacuated", "BucketEvacuated",
                "SlotWritten"), rec.kindsOfOp(op));
        assertEquals(List.of(2L, 0L), evacuatedOrder(op));
        MapSnapshot s = m.snapshot();
        assertEquals(1, s.nevacuate(), "old 2 was not nevacuate; old 0 was, and old 1 stops the mark");
        assertTrue(s.oldbuckets().get(0).evacuated());
        assertFalse(s.oldbuckets().get(1).evacuated());
        assertTrue(s.oldbuckets().get(2).evacuated());
        assertFalse(s.oldbuckets().get(3).evacuated());
    }

    @Test
    void evacuationSplitsByHashBitXY() {
        // evacuate: useY = hash & newbit != 0; old slot marked evacuatedX/Y; tophash copied unchanged
        ClassicMap m = b2Full();

        put(m, hash, 27, 2);

        long op = m.opIndex();
        assertTrue(rec.of(BucketEvacuated.class).contains(new BucketEvacuated(op, 2, 3, 3)));
        assertTrue(rec.of(BucketEvacuated.class).contains(new BucketEvacuated(op, 0, 7, 0)));
        MapSnapshot s = m.snapshot();
        BucketSnapshot x = s.buckets().get(2);
        BucketSnapshot y = s.buckets().get(6);
        assertEquals("buckets#1[2]", x.name());
        assertEquals("buckets#1[6]", y.name());
        assertEquals(List.of(21L, 24L, 26L, 27L), liveKeys(x), "X, then the new key");
        assertEquals(List.of(22L, 23L, 25L), liveKeys(y));
        assertEquals(List.of(top(22), top(23), top(25), 0, 0, 0, 0, 0), y.tophashes());
        assertEquals(List.of(2, 3, 3, 2, 3, 2, 4, 4), s.oldbuckets().get(2).tophashes());
    }

    @Test
    void evacuationCompactsDensely() {
        // evacuate: destinations fill from slot 0 (dst.i++), holes (emptyOne) are not copied
        ClassicMap m = map("1.23", 14);
        for (long k = 1; k <= 8; k++) {
            put(m, hash, k, 0);
        }
        m.delete(2L);
        m.delete(5L);
        for (long k = 11; k <= 17; k++) {
            put(m, hash, k, 1);
        }
        for (long k = 21; k <= 26; k++) {
            put(m, hash, k, 2);
        }
        for (long k = 31; k <= 37; k++) {
            put(m, hash, k, 3);
        }
        assertEquals(26, m.len());

        put(m, hash, 40, 0);

        assertTrue(rec.of(BucketEvacuated.class).contains(new BucketEvacuated(m.opIndex(), 0, 6, 0)));
        MapSnapshot s = m.snapshot();
        assertEquals(List.of(2, 4, 2, 2, 4, 2, 2, 2), s.oldbuckets().get(0).tophashes());
        assertEquals(List.of(top(1), top(3), top(4), top(6), top(7), top(8), top(40), 0),
                s.buckets().get(0).tophashes());
    }

    @Test
    void advanceEvacuationMarkSkipsEvacuatedBuckets() {
        // advanceEvacuationMark: nevacuate++ then skip old buckets already evacuated, up to newbit
        ClassicMap m = b2Full();
        put(m, hash, 27, 2); // evacuates old 2 and old 0: nevacuate = 1

        put(m, hash, 37, 3); // evacuates old 3 (not nevacuate), then old 1: the mark goes 1 -> 2 -> 3 -> 4

        long op = m.opIndex();
        assertEquals(List.of(3L, 1L), evacuatedOrder(op), "only two evacuations in this op");
        assertEquals(List.of(new GrowthFinished(op, 3)), rec.of(GrowthFinished.class));
        assertEquals(4, m.snapshot().nevacuate(), "old 2 and old 3 were skipped, already evacuated");
    }

    @Test
    void growthFinishesDroppingOldbuckets() {
        // advanceEvacuationMark: nevacuate == newbit -> oldbuckets = nil, extra.oldoverflow = nil, &^ sameSizeGrow
        ClassicMap m = sameSizeReady();
        put(m, hash, 100, 2); // same-size growth: old 2 and old 0 done
        put(m, hash, 101, 2); // old 1 done, nevacuate 3
        assertEquals(4, Lab.hmap(m).extra().oldoverflow.size(), "the old overflow buckets, kept for the GC");

        m.delete(26L); // growWork: old 3, the last

        MapSnapshot s = m.snapshot();
        assertFalse(s.growing());
        assertTrue(s.oldbuckets().isEmpty());
        assertEquals(-1, s.oldArrayId());
        assertFalse(s.sameSizeGrow());
        assertEquals(4, s.nevacuate(), "nevacuate is left at newbit");
        assertNull(Lab.hmap(m).extra().oldoverflow);
        assertEquals(List.of(new GrowthFinished(m.opIndex(), 2)), rec.of(GrowthFinished.class));
    }

    @Test
    void pointerfulOldBucketIsClearedUnlessOldIterator() {
        // evacuate: if h.flags&oldIterator == 0 && t.bucket.ptrdata != 0 { memclrHasPointers(keys, elems, overflow) }
        BucketSnapshot strings = evacuatedOldBucket0(Lab.STR_U64, false);
        assertEquals(Arrays.asList(null, null, null, null, null, null, null, null), Lab.rawKeys(strings));
        assertEquals(1, strings.chain().size(), "overflow link zeroed: the old chain is unreachable");
        assertTrue(strings.evacuated(), "tophash is kept");

        BucketSnapshot ints = evacuatedOldBucket0(U64, false);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), Lab.rawKeys(ints), "noscan bucket: not cleared");
        assertEquals(2, ints.chain().size());

        BucketSnapshot held = evacuatedOldBucket0(Lab.STR_U64, true);
        assertEquals(List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"), Lab.rawKeys(held),
                "an iterator may still read the old array");
        assertEquals(2, held.chain().size());
    }

    /** B = 2 with 9 keys in bucket 0 (one overflow bucket) and 17 elsewhere; the 27th key evacuates old 0. */
    private BucketSnapshot evacuatedOldBucket0(MapType t, boolean iterateFirst) {
        ControlledHash h = new ControlledHash(null);
        ClassicMap m = ClassicMap.builder(t).hint(14).hasher(h).build();
        int[] perBucket = {9, 6, 6, 5};
        int n = 0;
        for (int b = 0; b < 4; b++) {
            for (int j = 0; j < perBucket[b]; j++) {
                n++;
                Object key = t == U64 ? (Object) (long) n : "s" + n;
                h.place(key, b, top(n));
                m.set(key, (long) n);
            }
        }
        if (iterateFirst) {
            assertTrue(m.iterate().hasEntry()); // sets iterator; hashGrow turns it into oldIterator
        }
        Object trigger = t == U64 ? (Object) 100L : "s100";
        h.place(trigger, 4, 0x70);
        m.set(trigger, 100L);
        MapSnapshot s = m.snapshot();
        assertTrue(s.growing());
        assertEquals(iterateFirst, s.oldIteratorFlag());
        return s.oldbuckets().get(0);
    }

    @Test
    void readDuringGrowthSearchesOnlyOneChain() {
        // mapaccess1: if oldb is not evacuated, b = oldb: exactly one chain is searched; reads never evacuate
        ClassicMap m = b2Full();
        put(m, hash, 27, 2); // old 0 and old 2 evacuated; old 1 and old 3 not
        String before = Lab.describe(m.snapshot());
        rec.clear();

        assertEquals(110L, m.get(11L), "from old bucket 1");
        assertEquals(210L, m.get(21L), "from new bucket 2");
        assertTrue(rec.events.isEmpty(), "no evacuation on read");
        assertEquals(before, Lab.describe(m.snapshot()));

        // States no operation makes: a key only in the chain that is not searched.
        Hmap h = Lab.hmap(m);
        hash.place(99L, 1, 0x70);
        h.buckets().get(1).setTophash(0, 0x70);
        h.buckets().get(1).setKey(0, 99L);
        h.buckets().get(1).setElem(0, 990L);
        assertNull(m.get(99L), "old 1 is not evacuated: only the old chain is searched");
        hash.place(98L, 0, 0x71);
        h.oldbuckets().get(0).setTophash(7, 0x71);
        h.oldbuckets().get(0).setKey(7, 98L);
        h.oldbuckets().get(0).setElem(7, 980L);
        assertNull(m.get(98L), "old 0 is evacuated: only the new chain is searched");
    }

    @Test
    void deleteOfAbsentKeyStillDoesGrowWork() {
        // mapdelete: growWork(t, h, bucket) runs before the search, found or not
        ClassicMap m = b2Full();
        put(m, hash, 27, 2);
        hash.place(999L, 3, 0x70);
        rec.clear();

        assertFalse(m.delete(999L));

        assertEquals(List.of(3L, 1L), evacuatedOrder(m.opIndex()));
        assertFalse(m.snapshot().growing());
    }

    @Test
    void incrnoverflowIsExactBelowB16AndSampledFromB16() {
        // incrnoverflow: B < 16 -> noverflow++; else only if fastrand() & (1<<(B-15) - 1) == 0
        Lab.ScriptedRandom r16 = new Lab.ScriptedRandom().queue(Draw.OVERFLOW_COUNT, 1, 2);
        ClassicMap m16 = ClassicMap.builder(U64).hint(6 << 16).hasher(hash).random(r16).build();
        Lab.ScriptedRandom r15 = new Lab.ScriptedRandom();
        ClassicMap m15 = ClassicMap.builder(U64).hint(6 << 15).hasher(hash).random(r15).build();
        for (ClassicMap m : List.of(m16, m15)) {
            for (long k = 1; k <= 9; k++) {
                put(m, hash, k, 0);
                put(m, hash, 10 + k, 1);
            }
        }
        MapSnapshot s16 = m16.snapshot();
        assertEquals(16, s16.B());
        assertEquals(2, s16.overflowBuckets());
        assertEquals(1, s16.noverflow(), "draw 1 & 1 != 0: not counted; draw 2 & 1 == 0: counted");
        assertEquals(2, r16.count(Draw.OVERFLOW_COUNT));

        MapSnapshot s15 = m15.snapshot();
        assertEquals(15, s15.B());
        assertEquals(2, s15.noverflow());
        assertEquals(0, r15.count(Draw.OVERFLOW_COUNT));
    }
}
