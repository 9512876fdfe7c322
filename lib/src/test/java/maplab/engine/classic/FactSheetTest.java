package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.chainNames;
import static maplab.engine.classic.Lab.liveKeys;
import static maplab.engine.classic.Lab.put;
import static maplab.engine.classic.Lab.top;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.GoType;
import maplab.engine.Hasher;
import maplab.engine.MapType;
import maplab.engine.classic.MapEvent.BucketArrayAllocated;
import maplab.engine.classic.MapEvent.BucketEvacuated;
import maplab.engine.classic.MapEvent.GrowthStarted;
import maplab.engine.classic.MapEvent.OverflowTaken;
import maplab.engine.classic.MapEvent.SlotRef;
import maplab.engine.classic.MapEvent.SlotWritten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The facts of docs/go-map-classic.md (the "fact sheet") that the engine models,
 * one test per fact, for the facts the rule tests did not already pin. The facts they do pin are
 * listed here, so that every covered fact can be found in one place:
 *
 * <pre>
 * Fact sheet                                              Pinned by
 * ------------------------------------------------------  ---------------------------------------------------------------
 * §1  loadFactorNum 13, but 12 in Go 1.21                  MakeRulesTest.makeHintChoosesB,
 *                                                          GrowthRulesTest.loadFactor13TriggersAt14thKeyForB1,
 *                                                          GrowthRulesTest.go121LoadFactor12TriggersAt13thKeyForB1
 * §1  [128]byte elem inline, [129]byte key indirect        MakeRulesTest.bucketSizeIs16Plus8TimesSlotSizes
 *     (the other halves: FactSheetTest.keyOf128BytesStaysInlineElemOf129BytesIsIndirect)
 * §1  emptyRest ends a search                              InsertRulesTest.scanStopsAtEmptyRest
 * §2  bucket sizes 144 / 208 / 80 / 208 (elem indirect)    MakeRulesTest.bucketSizeIs16Plus8TimesSlotSizes
 * §2  noverflow exact below B = 16                         GrowthRulesTest.incrnoverflowIsExactBelowB16AndSampledFromB16
 * §2  oldbuckets non-nil only while growing                GrowthRulesTest.growthFinishesDroppingOldbuckets
 * §4  hint -> B, loadFactorNum 13 and 12 (1.21)            MakeRulesTest.makeHintChoosesB
 * §4  hint * bucketsize > maxAlloc acts as 0               MakeRulesTest.hintWhoseBytesExceedMaxAllocActsAsZero
 * §4  negative hint (refused by the builder)               BadInputTest.negativeHintIsRefusedAndTheBuilderStillWorks
 * §4  makemap_small: lazy first bucket, buckets#0 on the   MakeRulesTest.makeSmallAllocatesLazily
 *     first set (buckets list empty until then)
 * §4  makeBucketArray: 2^(b-4) extra for b >= 4, then the  MakeRulesTest.preallocatedOverflowCountsMatchSizeClasses
 *     size class (B5 -> 37 for uint64/uint64; 136 / 153)
 * §4  pool sentinel on the last pooled bucket              MakeRulesTest.overflowTakenFromPoolBeforeAllocating
 * §4  hash0 is 32 bits of the draw                         MakeRulesTest.hashSeedIsLow32BitsOfDraw
 * §4  roundupsize tables, malloc header rule (1.22+)       maplab.memory.SizeClassesTest
 * §5  hashWriting -> fatal on read                         InsertRulesTest.readDuringWriteIsFatal
 * §5  one chain only during a doubling; reads never        GrowthRulesTest.readDuringGrowthSearchesOnlyOneChain
 *     evacuate
 * §6  first empty slot, emptyOne or emptyRest              InsertRulesTest.insertTakesFirstEmptySlotOnProbePathEvenEmptyRest
 * §6  earlier deleted slot reused                          InsertRulesTest.insertReusesEmptyOneBeforeLaterEmptyRest
 * §6  scan goes on past the insert slot for the key        InsertRulesTest.insertScansPastEmptyOneForExistingKey
 * §6  needkeyupdate (floats, strings)                      InsertRulesTest.float64NegativeZeroUpdatesKey, stringKeyIsRewrittenOnUpdate
 * §6  updates never grow                                   InsertRulesTest.updateNeverTriggersGrowth
 * §6  full chain -> newoverflow, slot 0                    InsertRulesTest.fullChainGetsNewOverflowBucketAtSlot0
 * §6  fatal "concurrent map writes"                        InsertRulesTest.secondWriteDuringWriteIsFatal
 * §6  B0 grows on the 9th key (all versions), goto again   GrowthRulesTest.growthTriggersOnNinthKeyAtB0
 * §6  tooManyOverflowBuckets -> same-size growth           GrowthRulesTest.tooManyOverflowBucketsTriggersSameSizeGrowth
 * §6  indirect elem: own object, moved by pointer          MakeRulesTest.indirectElemOver128BytesLivesOutsideTheBucketAndMovesByPointer
 * §7  pool before fresh allocation; incrnoverflow          MakeRulesTest.overflowTakenFromPoolBeforeAllocating,
 *                                                          GrowthRulesTest.incrnoverflowIsExactBelowB16AndSampledFromB16
 * §8  emptyOne; notLast at slot 7; trailing emptyRest run  DeleteRulesTest.deleteMarksEmptyOne, deleteNotLastLeavesEmptyOne,
 *     walked back across the chain                         deleteOfLastSlotWithoutOverflowBecomesEmptyRest,
 *                                                          deleteLastSlotPropagatesEmptyRestBackwardsAcrossOverflowChain
 * §8  reseed at count 0, only when a key was removed       DeleteRulesTest.deleteToEmptyReseeds, deleteOfAbsentKeyDoesNotReseed
 * §8  stale uint64 key, cleared string key, cleared elem   DeleteRulesTest.deleteKeepsStalePointerFreeKeyButClearsStringKey
 * §8  growWork even for an absent key                      GrowthRulesTest.deleteOfAbsentKeyStillDoesGrowWork
 * §9  same-size growth keeps B; no growth while growing    GrowthRulesTest.sameSizeGrowthKeepsB, noGrowthStartsWhileGrowing
 * §9  growWork: bucket in use, then nevacuate              GrowthRulesTest.growWorkEvacuatesBucketInUseThenNevacuate
 * §9  X/Y by hash & newbit; dense; mark skipping; finish   GrowthRulesTest.evacuationSplitsByHashBitXY, evacuationCompactsDensely,
 *                                                          advanceEvacuationMarkSkipsEvacuatedBuckets, growthFinishesDroppingOldbuckets
 * §9  pointerful old bucket cleared unless oldIterator     GrowthRulesTest.pointerfulOldBucketIsClearedUnlessOldIterator
 * §9  NaN with iterator: top & 1                           IterationRulesTest.nanEvacuationUsesTophashLowBitOnlyWithIterator
 * §9  hashGrow: iterator -> oldIterator                    IterationRulesTest.hashGrowMovesIteratorToOldIterator
 * §10 start bucket / offset; order; emptyRest no stop      IterationRulesTest.iterationStartFromRandomDraw
 * §10 empty map: no draw, no flags                         IterationRulesTest.iterationOnEmptyMapDrawsNothingAndSetsNoFlags
 * §10 both flags set and kept after the loop               IterationRulesTest.iterationSetsBothIteratorFlagsAndTheyStay
 * §10 old array after a later doubling; re-lookup of       IterationRulesTest.iteratorStartedBeforeDoublingStaysOnOldArray,
 *     moved entries; checkBucket filter; fatal             iteratorSkipsKeysDeletedAfterEvacuation, iteratorSeesUpdatedElemAfterEvacuation,
 *                                                          iteratorDuringGrowthFiltersOldChain, iteratorNextDuringWriteIsFatal
 * §11 same array and B, reseed; old array and sameSize     ClearRulesTest.clearKeepsBAndArrayAndReseeds,
 *     dropped, iterator bits kept; pool restored; empty    clearDuringGrowthDropsOldBucketsAndSameSizeFlag, clearRestoresPool,
 *     map untouched; 1.21+ emptyRest marking               clearOnEmptyMapDoesNothing, clearWithIteratorInSeparateOverflowBucket,
 *                                                          clearWithIteratorOnOldArrayOfUnfinishedGrowth
 * §13b each draw on its own (the order: FactSheetTest)     MakeRulesTest.hashSeedIsLow32BitsOfDraw, DeleteRulesTest.deleteToEmptyReseeds,
 *                                                          ClearRulesTest.clearOnEmptyMapDoesNothing,
 *                                                          IterationRulesTest.iterationOnEmptyMapDrawsNothingAndSetsNoFlags,
 *                                                          InsertRulesTest.nanKeysAreNeverFoundAndAccumulate
 * §15 "emptyRest slots are skipped on insert"              InsertRulesTest.insertTakesFirstEmptySlotOnProbePathEvenEmptyRest
 * §15 "make allocates exactly 2^B / 2^B - 4 overflow"      MakeRulesTest.preallocatedOverflowCountsMatchSizeClasses (B5: 37)
 * §15 "delete sets tophash to Empty (0)"                   DeleteRulesTest.deleteMarksEmptyOne (middle slot -> 1),
 *                                                          deleteNotLastLeavesEmptyOne
 * </pre>
 *
 * Not modelled by the engine, so not tested: the compiler's choices (§4 stack maps, map literals,
 * §5 fast variants, §11 which loops become mapclear), mapclone2 (§12), the header sizes of hmap,
 * mapextra and hiter (§2), mapKeyError (1.22), and the noswiss 1.24/1.25 clearSeq.
 */
class FactSheetTest {

    /** Unplaced keys are an error: every layout here is chosen. */
    private final ControlledHash hash = new ControlledHash(null);
    private final Lab.Recorder rec = new Lab.Recorder();

    private ClassicMap map(String go, long hint) {
        return ClassicMap.builder(U64).go(go).hint(hint).hasher(hash).listener(rec).build();
    }

    private long evacuationsIn(long op) {
        return rec.of(BucketEvacuated.class).stream().filter(e -> e.op() == op).count();
    }

    // ---------------------------------------------------------------- §1 constants, §2 structures

    @Test
    void keyOf128BytesStaysInlineElemOf129BytesIsIndirect() {
        // §1 maxKeySize = maxElemSize = 128, test "size > 128" (reflectdata.MapBucketType; mapassign newobject)
        MapType bigKey = MapType.of(GoType.bytes(128), GoType.UINT64);
        assertFalse(bigKey.indirectKey());
        assertEquals(16 + 8 * (128 + 8), BucketType.of(bigKey).bucketSize());
        MapType bigElem = MapType.of(GoType.UINT64, GoType.bytes(129));
        assertTrue(bigElem.indirectElem());
        assertEquals(16 + 8 * (8 + 8), BucketType.of(bigElem).bucketSize());

        ClassicMap k = ClassicMap.builder(bigKey).hasher(hash).build();
        ClassicMap e = ClassicMap.builder(bigElem).hasher(hash).build();
        hash.place(new byte[128], 0, 0x40).place(1L, 0, 0x41);
        k.set(new byte[128], 1L);
        e.set(1L, new byte[129]);
        assertTrue(Lab.hmap(k).buckets().get(0).key(0) instanceof byte[], "a 128-byte key lives in its slot");
        assertTrue(Lab.hmap(e).buckets().get(0).elem(0) instanceof Indirect, "a 129-byte elem slot holds a pointer");
    }

    @ParameterizedTest(name = "map[{0}]{1}: bucket has pointers = {2}")
    @CsvSource({
        "uint64, uint64, false", "int64, struct{}, false", "uint64, [128]byte, false", "float64, bool, false",
        "string, int, true", "*T, struct{}, true", "uint64, *T, true", "[129]byte, uint64, true",
        "uint64, [200]byte, true"
    })
    void bucketIsNoscanOnlyWhenNoSlotHoldsAPointer(String k, String e, boolean pointers) {
        // §2 bmap: overflow is a typed uintptr when neither K nor V slots hold pointers (an indirect slot is a pointer)
        assertEquals(pointers, BucketType.of(MapType.of(k, e)).bucketHasPointers());
    }

    @Test
    void flagBitValuesAreTheRuntimes() {
        // §1 flags: iterator 1, oldIterator 2, hashWriting 4, sameSizeGrow 8 (M const block; hashGrow, mapassign)
        ClassicMap m = map("1.23", 14);
        Lab.fillSameSizeReady(m, hash);
        m.iterate();
        assertEquals(1 | 2, m.snapshot().flags());
        List<Integer> whileWriting = new ArrayList<>();
        m.listen(e -> {
            if (e instanceof SlotWritten) {
                whileWriting.add(Lab.hmap(m).flags());
            }
        });

        put(m, hash, 100, 2); // same-size growth: iterator moves to oldIterator

        assertEquals(List.of(4 | 2 | 8), whileWriting, "hashWriting set inside mapassign");
        assertEquals(2 | 8, m.snapshot().flags());
    }

    @Test
    void evacuatedLooksOnlyAtTophash0() {
        // §1 evacuated(b) tests only tophash[0] ∈ {2,3,4} (M evacuated, used by mapaccess1)
        ClassicMap m = map("1.23", 14);
        Lab.fillB2(m, hash);
        put(m, hash, 27, 2); // doubling: old 1 (keys 11..17 in slots 0..6) not evacuated
        Bucket old1 = Lab.hmap(m).oldbuckets().get(1);

        old1.setTophash(1, Tophash.EVACUATED_EMPTY); // a state no operation makes
        assertEquals(130L, m.get(13L), "slot 1 does not count: old 1 is still searched");

        old1.setTophash(0, Tophash.EVACUATED_EMPTY);
        assertNull(m.get(13L), "tophash[0] says evacuated: only the (empty) new bucket 1 is searched");
    }

    // ---------------------------------------------------------------- §3 tophash

    @Test
    void tophashBelow5IsBumpedBy5() {
        // §3 top = hash >> 56; if top < minTopHash { top += minTopHash } (M tophash)
        ClassicMap m = ClassicMap.builder(U64).hasher(hash).build();
        for (int t = 0; t <= 4; t++) {
            long key = t + 1;
            put(m, hash, key, 0, t);
            assertEquals(t, m.hash(key) >>> 56, "the hash itself has top byte " + t);
        }
        put(m, hash, 6, 0, 5); // 5 is stored as is, the same byte as key 1's bumped 0
        put(m, hash, 7, 0, 10);

        assertEquals(List.of(5, 6, 7, 8, 9, 5, 10, 0), m.snapshot().buckets().get(0).tophashes());
        assertEquals(10L, m.get(1L));
        assertEquals(60L, m.get(6L), "equal stored tophash: the keys decide");
    }

    // ---------------------------------------------------------------- §4 creation

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23"})
    void makemapWithHintUpTo8AllocatesFirstBucketOnFirstInsert(String go) {
        // §4 makemap: B = 0 -> no makeBucketArray; mapassign: h.buckets == nil -> newobject(t.bucket)
        ClassicMap m = map(go, 8);
        assertEquals(0, m.snapshot().B());
        assertFalse(m.snapshot().bucketsAllocated());
        assertTrue(rec.of(BucketArrayAllocated.class).isEmpty(), "make allocated no bucket");

        put(m, hash, 1, 0);

        assertEquals(List.of(new BucketArrayAllocated(m.opIndex(), 0, 0, 1, 144)), rec.of(BucketArrayAllocated.class));
        assertEquals(List.of("buckets#0[0]"), chainNames(m.snapshot().buckets().get(0)));
        assertEquals(new SlotRef("buckets#0[0]", 0), rec.of(SlotWritten.class).get(0).slot());
    }

    // ---------------------------------------------------------------- §6 insert

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23"})
    void growthThresholdsWithoutDeletes(String go) {
        // §6 overLoadFactor(count+1, B): B0 on the 9th key, B1 on the 14th (13th), B2 on the 27th (25th), B3 53rd (49th)
        ClassicMap m = ClassicMap.builder(U64).go(go).hasher(hash).listener(rec).build(); // makemap_small
        for (long k = 1; k <= 60; k++) {
            put(m, hash, k, k); // spread evenly: never an overflow bucket
        }
        List<String> growths = new ArrayList<>();
        for (GrowthStarted g : rec.of(GrowthStarted.class)) {
            growths.add("B" + g.oldB() + "->B" + g.newB() + (g.sameSize() ? " same-size" : "") + " on key "
                    + (g.count() + 1));
        }
        List<String> expected = go.equals("1.21")
                ? List.of("B0->B1 on key 9", "B1->B2 on key 13", "B2->B3 on key 25", "B3->B4 on key 49")
                : List.of("B0->B1 on key 9", "B1->B2 on key 14", "B2->B3 on key 27", "B3->B4 on key 53");
        assertEquals(expected, growths);
    }

    @Test
    void updateOfExistingKeyDuringGrowthStillDoesGrowWork() {
        // §6 step 5: if h.growing() { growWork(t, h, bucket) } before the search, even when the key exists (M mapassign)
        ClassicMap m = map("1.23", 14);
        Lab.fillB2(m, hash);
        put(m, hash, 27, 2); // doubling; old 2 and old 0 evacuated, nevacuate 1
        rec.clear();

        m.set(11L, 111L); // key 11 exists, in old bucket 1

        assertEquals(List.of("BucketEvacuated", "BucketEvacuated", "GrowthFinished", "ElemUpdated"),
                rec.kindsOfOp(m.opIndex()));
        assertEquals(List.of(1L, 3L), rec.of(BucketEvacuated.class).stream().map(BucketEvacuated::oldbucket).toList());
        assertEquals(27, m.len());
        assertEquals(111L, m.get(11L));
    }

    @Test
    void updateOfIndirectElemKeepsItsObjectNewInsertAllocatesOne() {
        // §13 one object per too-big elem at each new insert, not on update (M mapassign: newobject only on insert)
        ClassicMap m = ClassicMap.builder(MapType.of(GoType.UINT64, GoType.bytes(200))).hasher(hash).build();
        hash.place(1L, 0, 0x41);
        byte[] v = new byte[200];
        v[0] = 1;
        m.set(1L, v);
        Object first = Lab.hmap(m).buckets().get(0).elem(0);

        v[0] = 2;
        m.set(1L, v);
        assertSame(first, Lab.hmap(m).buckets().get(0).elem(0), "update writes through the same pointer");
        assertEquals(2, ((byte[]) m.get(1L))[0]);

        m.delete(1L);
        m.set(1L, v);
        assertNotSame(first, Lab.hmap(m).buckets().get(0).elem(0), "a new insert allocates a fresh object");
    }

    // ---------------------------------------------------------------- §7 overflow buckets

    @Test
    void overflowSliceKeepsOverflowBucketsOnlyOfNoscanMaps() {
        // §7 newoverflow: if t.bucket.ptrdata == 0 { createOverflow; append(*h.extra.overflow, ovf) } (pooled or fresh)
        ClassicMap noscan = map("1.23", 96); // B = 4, 2 pooled overflow buckets
        for (long b = 0; b < 3; b++) {
            for (long j = 1; j <= 9; j++) {
                put(noscan, hash, 10 * b + j, b);
            }
        }
        assertEquals(List.of("buckets#0[16]", "buckets#0[17]", "overflow#0"),
                Lab.hmap(noscan).extra().overflow.stream().map(Bucket::name).toList());

        ControlledHash h = new ControlledHash(null);
        ClassicMap scanned = ClassicMap.builder(Lab.STR_U64).hint(96).hasher(h).build(); // B = 4, 3 pooled
        for (int b = 0; b < 4; b++) {
            for (int j = 1; j <= 9; j++) {
                String key = "s" + (10 * b + j);
                h.place(key, b, top(10 * b + j));
                scanned.set(key, 0L);
            }
        }
        assertEquals(4, scanned.snapshot().overflowBuckets());
        assertNull(Lab.hmap(scanned).extra().overflow, "pointerful buckets keep their chain through the links");
    }

    // ---------------------------------------------------------------- §9 growth

    @Test
    void evacuationContinuesIntoNewOverflowBucketAtEight() {
        // §9 evacuate: if dst.i == bucketCnt { dst.b = h.newoverflow(t, dst.b) }; counted in the reset noverflow
        ClassicMap m = map("1.23", 9); // B = 1
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // old 0: 8 + overflow#0; all go to X (bit 1 clear)
        }
        for (long k = 11; k <= 14; k++) {
            put(m, hash, k, 1);
        }
        rec.clear();

        put(m, hash, 15, 1); // 14th key: doubling; evacuates old 1, then old 0

        long op = m.opIndex();
        assertTrue(rec.of(BucketEvacuated.class).contains(new BucketEvacuated(op, 0, 9, 0)));
        assertEquals(List.of(new OverflowTaken(op, "overflow#1", "buckets#1[0]", false)), rec.of(OverflowTaken.class));
        MapSnapshot s = m.snapshot();
        assertEquals(List.of("buckets#1[0]", "overflow#1"), chainNames(s.buckets().get(0)));
        assertEquals(List.of(9L), liveKeys(s.buckets().get(0).overflow()));
        assertEquals(1, s.noverflow());
    }

    @Test
    void doublingInstallsTheNewArraysPoolAndAbandonsTheOld() {
        // §9 hashGrow: if nextOverflow != nil { h.extra.nextOverflow = nextOverflow } (old pool dies with the old array)
        ClassicMap m = map("1.23", 96); // B = 4: 16 + 2 pooled
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // takes buckets#0[16]; buckets#0[17] stays free
        }
        for (long k = 10; k <= 104; k++) {
            put(m, hash, k, 1 + k % 15);
        }
        assertEquals(1, m.snapshot().nextOverflowFree());
        rec.clear();

        put(m, hash, 105, 1 + 105 % 15); // doubling to B = 5 (37 buckets); old 0's 9 keys all go to X

        long op = m.opIndex();
        assertEquals(new BucketArrayAllocated(op, 1, 5, 37, 5376), rec.of(BucketArrayAllocated.class).get(0));
        assertEquals(List.of(new OverflowTaken(op, "buckets#1[32]", "buckets#1[0]", true)), rec.of(OverflowTaken.class));
        assertEquals(4, m.snapshot().nextOverflowFree());
        assertEquals("buckets#1[33]", Lab.hmap(m).extra().nextOverflow.name());
    }

    @Test
    void advanceEvacuationMarkSkipsAtMost1024() {
        // §9 advanceEvacuationMark: stop := h.nevacuate + 1024; for h.nevacuate != stop && evacuated { h.nevacuate++ }
        Hasher byKey = (key, seed) -> {
            long k = (Long) key;
            return (0x40L << 56) | (k >= 1_000_000 ? k - 1_000_000 : k); // low bits chosen by the key
        };
        ClassicMap m = ClassicMap.builder(U64).go("1.23").hint(26624).hasher(byKey).build();
        assertEquals(12, m.B());
        for (long k = 0; k < 26624; k++) {
            m.set(k, k); // 6.5 per bucket: full to the load factor, no overflow bucket
        }
        m.set(1_000_000L, 0L); // doubling to B = 13; evacuates old 0 and old 1: nevacuate 2
        Hmap h = Lab.hmap(m);
        assertEquals(2, h.nevacuate());
        for (long k = 0; k < 1097; k++) {
            m.set(1_001_100L + k, 0L); // evacuates old 1100 + k, then nevacuate
        }
        assertEquals(1099, h.nevacuate(), "old 1100..2196 evacuated ahead of the mark");

        m.set(1_001_100L + 1097, 0L); // evacuates old 2197, then old 1099: the mark runs into 1098 done buckets

        assertEquals(1100 + 1024, h.nevacuate(), "stopped after 1024 steps, not at 2198");
        assertTrue(h.growing());
        assertTrue(m.check().isEmpty(), m.check().toString());
    }

    // ---------------------------------------------------------------- §10 iteration

    @Test
    void iterationOfNoscanMapAllocatesMapextra() {
        // §10 mapiterinit: if t.bucket.ptrdata == 0 { h.createOverflow(); it.overflow = h.extra.overflow }
        ClassicMap noscan = ClassicMap.builder(U64).hasher(hash).build();
        put(noscan, hash, 1, 0);
        assertNull(Lab.hmap(noscan).extra());
        noscan.iterate();
        assertNotNull(Lab.hmap(noscan).extra());
        assertEquals(List.of(), Lab.hmap(noscan).extra().overflow, "an empty overflow slice");

        ClassicMap scanned = ClassicMap.builder(Lab.STR_U64).hasher(hash).build();
        hash.place("a", 0, 0x40);
        scanned.set("a", 1L);
        scanned.iterate();
        assertNull(Lab.hmap(scanned).extra(), "pointerful buckets need no overflow slice");
    }

    // ---------------------------------------------------------------- §11 clear

    @Test
    void clearKeepsMapextraButZeroesItsFields() {
        // §11 mapclear: if h.extra != nil { *h.extra = mapextra{} } (the object is kept), then nextOverflow restored
        ClassicMap m = map("1.23", 96); // B = 4, pool of 2
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // takes buckets#0[16]
        }
        for (long k = 10; k <= 104; k++) {
            put(m, hash, k, 1 + k % 15);
        }
        put(m, hash, 105, 1); // doubling to B = 5: old 0's 9 keys take buckets#1[32]
        MapExtra extra = Lab.hmap(m).extra();
        assertTrue(m.snapshot().growing());
        assertEquals(List.of("buckets#0[16]"), extra.oldoverflow.stream().map(Bucket::name).toList());
        assertEquals(List.of("buckets#1[32]"), extra.overflow.stream().map(Bucket::name).toList());
        assertEquals("buckets#1[33]", extra.nextOverflow.name());

        m.clear();

        assertSame(extra, Lab.hmap(m).extra());
        assertNull(extra.overflow);
        assertNull(extra.oldoverflow);
        assertEquals("buckets#1[32]", extra.nextOverflow.name(), "the current array's whole pool again");
    }

    // ---------------------------------------------------------------- §13 memory and GC

    @Test
    void oldArrayBecomesGarbageOnlyWhenGrowthFinishes() {
        // §13 old array reachable from h.oldbuckets until advanceEvacuationMark sets it nil
        ClassicMap m = map("1.23", 14);
        Lab.fillB2(m, hash);
        put(m, hash, 27, 2); // doubling, old 1 and old 3 left
        assertTrue(m.snapshot().growing());
        assertEquals(List.of(), m.gc());

        put(m, hash, 37, 3); // evacuates old 3 and old 1: done

        assertFalse(m.snapshot().growing());
        assertEquals(List.of("buckets#0"), m.gc());
    }

    @Test
    void openIteratorKeepsOldArrayAliveUntilClosed() {
        // §13 an open iterator keeps the old array through it.buckets / it.bptr
        ClassicMap m = map("1.23", 14);
        Lab.fillB2(m, hash);
        ClassicIterator it = m.iterate();
        put(m, hash, 27, 2);
        put(m, hash, 37, 3); // growth finished: h no longer points at buckets#0
        assertFalse(m.snapshot().growing());
        assertEquals(List.of(), m.gc());

        it.close();

        assertEquals(List.of("buckets#0"), m.gc());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void oldOverflowBucketDiesAtEvacuationIfPointerfulElseWhenGrowthFinishes(boolean pointerful) {
        // §13 pointerful: evacuate zeroes the old link; noscan: extra.oldoverflow keeps it until the growth ends
        MapType t = pointerful ? Lab.STR_U64 : U64;
        ClassicMap m = ClassicMap.builder(t).hint(14).hasher(hash).build(); // B = 2
        int[] perBucket = {9, 6, 6, 5}; // bucket 0: buckets#0[0] + overflow#0
        int n = 0;
        for (int b = 0; b < 4; b++) {
            for (int j = 0; j < perBucket[b]; j++) {
                n++;
                Object key = pointerful ? (Object) ("s" + n) : (Object) (long) n;
                hash.place(key, b + (b == 0 && j % 2 == 1 ? 4 : 0), top(n)); // old 0 splits 5 X / 4 Y
                m.set(key, (long) n);
            }
        }
        Object trigger = pointerful ? (Object) "s100" : (Object) 100L;
        hash.place(trigger, 4, 0x70);
        m.set(trigger, 100L); // doubling: evacuates old 0 and old 1; old 2 and old 3 left
        assertTrue(m.snapshot().growing());

        assertEquals(pointerful ? List.of("overflow#0") : List.of(), m.gc());

        Object last = pointerful ? (Object) "s101" : (Object) 101L;
        hash.place(last, 2, 0x71);
        m.set(last, 101L); // evacuates old 2 and old 3: done
        assertFalse(m.snapshot().growing());
        assertEquals(pointerful ? List.of("buckets#0") : List.of("buckets#0", "overflow#0"), m.gc());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deleteNeverFreesBuckets(boolean pointerful) {
        // §13 delete releases key/elem referents only; it never frees buckets and no operation shrinks a map
        MapType t = pointerful ? Lab.STR_U64 : U64;
        ClassicMap m = ClassicMap.builder(t).hint(9).hasher(hash).build(); // B = 1
        List<Object> keys = new ArrayList<>();
        for (int k = 1; k <= 9; k++) {
            Object key = pointerful ? (Object) ("s" + k) : (Object) (long) k;
            hash.place(key, 0, top(k)); // the 9th in overflow#0
            m.set(key, (long) k);
            keys.add(key);
        }
        for (Object key : keys) {
            m.delete(key);
        }

        MapSnapshot s = m.snapshot();
        assertEquals(0, s.count());
        assertEquals(1, s.B());
        assertEquals(0, s.arrayId());
        assertEquals(List.of("buckets#0[0]", "overflow#0"), chainNames(s.buckets().get(0)));
        assertEquals(List.of(), m.gc());
    }

    // ---------------------------------------------------------------- §13b random draws

    @ParameterizedTest(name = "Go {0}, hint {1}")
    @CsvSource({
        "1.19, -1", "1.19, 9", "1.21, -1", "1.21, 9", "1.22, -1", "1.22, 9", "1.23, -1", "1.23, 9"
    })
    void randomDrawsInOrderOfOccurrence(String go, long hint) {
        // §13b hash0 at make (makemap and makemap_small), at a delete to count 0, at clear with count > 0;
        // one draw per iteration start with count > 0; none from incrnoverflow below B = 16
        Lab.ScriptedRandom r = new Lab.ScriptedRandom(); // records every draw; an unexpected purpose fails
        ClassicMap.Builder b = ClassicMap.builder(U64).go(go).hasher(hash).random(r);
        ClassicMap m = (hint < 0 ? b : b.hint(hint)).build();
        assertEquals(List.of(Draw.HASH_SEED), r.draws, "make");

        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // hint 9: B = 1, the 9th key takes an overflow bucket; no hint: B 0 -> 1
        }
        m.get(1L);
        m.iterate().close();                 // ITER_START
        hash.place(100L, 0, 0x70);
        m.delete(100L);                      // absent, count > 0: nothing
        for (long k = 1; k <= 9; k++) {
            m.delete(k);                     // the last brings count to 0: HASH_SEED
        }
        m.delete(1L);                        // empty map: nothing
        m.clear();                           // empty map: nothing
        m.iterate();                         // empty map: nothing
        put(m, hash, 1, 0);
        m.clear();                           // count 1: HASH_SEED
        m.iterate();                         // empty again: nothing
        put(m, hash, 2, 0);
        m.entries();                         // ITER_START

        assertEquals(List.of(Draw.HASH_SEED, Draw.ITER_START, Draw.HASH_SEED, Draw.HASH_SEED, Draw.ITER_START),
                r.draws);
    }

    // ---------------------------------------------------------------- §15 claims that are false

    @Test
    void claimNewEntryGoesAtEndOfListIsFalse() {
        // §15: the first empty slot met wins, here in an earlier bucket of the chain (M mapassign)
        ClassicMap m = map("1.23", 9); // B = 1
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // key 9 in overflow#0 slot 0; overflow#0 slots 1..7 free
        }
        m.delete(2L); // buckets#0[0] slot 1: emptyOne
        rec.clear();

        put(m, hash, 10, 0);

        assertEquals(new SlotRef("buckets#0[0]", 1), rec.of(SlotWritten.class).get(0).slot());
        BucketSnapshot ovf = m.snapshot().buckets().get(0).overflow();
        assertEquals(List.of(9L), liveKeys(ovf), "nothing was appended after key 9");
    }

    @Test
    void claimFullHashComparedIsFalse() {
        // §15: only the top byte is stored and compared, then the keys (M tophash, mapaccess1)
        ClassicMap m = ClassicMap.builder(Lab.F64_U64).hasher(hash).build(); // B = 0: one bucket
        hash.place(0.0, 0x0000, 0x40);
        hash.place(-0.0, 0x1234, 0x40); // a different full hash, same bucket, same top byte; 0.0 == -0.0
        hash.place(1.0, 0x5678, 0x40);  // same top byte, unequal key
        assertTrue(m.hash(0.0) != m.hash(-0.0));
        m.set(0.0, 1L);

        assertEquals(1L, m.get(-0.0), "found by top byte + key equality, whatever the other hash bits");
        assertNull(m.get(1.0), "same top byte, keys compared: absent");
        m.set(-0.0, 2L);
        assertEquals(1, m.len(), "an update, not a second entry");
        assertEquals(List.of(0x40, 0, 0, 0, 0, 0, 0, 0), m.snapshot().buckets().get(0).tophashes());
    }

    @Test
    void claimReadDuringGrowthSearchesBothIsFalse() {
        // §15 / §5: exactly one chain; for a same-size growth the mask is not halved (M mapaccess1)
        ClassicMap m = map("1.23", 14);
        Lab.fillSameSizeReady(m, hash);
        put(m, hash, 100, 2); // same-size growth: old 2 and old 0 evacuated, old 1 and old 3 not
        assertTrue(m.snapshot().sameSizeGrow());

        assertEquals(310L, m.get(31L), "old 3 (a halved mask would search old 1)");
        assertEquals(390L, m.get(39L), "old 3's overflow bucket");
        assertEquals(40L, m.get(4L), "new 0");

        // States no operation makes: a key only in the chain that must not be searched.
        Hmap h = Lab.hmap(m);
        hash.place(99L, 3, 0x70);
        h.buckets().get(3).setTophash(0, 0x70);
        h.buckets().get(3).setKey(0, 99L);
        h.buckets().get(3).setElem(0, 990L);
        assertNull(m.get(99L), "old 3 is not evacuated: new 3 is not searched");
        hash.place(98L, 0, 0x71);
        h.oldbuckets().get(0).setTophash(7, 0x71);
        h.oldbuckets().get(0).setKey(7, 98L);
        h.oldbuckets().get(0).setElem(7, 980L);
        assertNull(m.get(98L), "old 0 is evacuated: only new 0 is searched");
    }

    @Test
    void claimGrowthRehashesAllAtOnceIsFalse() {
        // §15 / §9: evacuation is incremental, at most two old buckets per write (M growWork)
        ClassicMap m = map("1.23", 52); // B = 3: 8 old buckets once it doubles
        for (long k = 1; k <= 52; k++) {
            put(m, hash, k, k);
        }
        assertTrue(rec.of(GrowthStarted.class).isEmpty());

        put(m, hash, 53, 53); // starts the doubling

        MapSnapshot s = m.snapshot();
        assertTrue(s.growing(), "oldbuckets still present after the growth-starting insert");
        assertEquals(8, s.oldbuckets().size());
        assertEquals(1, s.nevacuate());
        List<Long> perOp = new ArrayList<>(List.of(evacuationsIn(m.opIndex())));
        long nevacuate = s.nevacuate();
        for (long k = 54; m.snapshot().growing(); k++) {
            put(m, hash, k, k);
            perOp.add(evacuationsIn(m.opIndex()));
            assertTrue(m.snapshot().nevacuate() > nevacuate, "every write during growth makes progress");
            nevacuate = m.snapshot().nevacuate();
        }
        assertEquals(List.of(2L, 2L, 2L, 1L, 1L), perOp, "old 5+0, 6+1, 7+2, then 3, then 4 (old 0, 1 already done)");
        TreeSet<Long> evacuated = new TreeSet<>();
        for (BucketEvacuated e : rec.of(BucketEvacuated.class)) {
            assertTrue(evacuated.add(e.oldbucket()), "old " + e.oldbucket() + " evacuated twice");
        }
        assertEquals(8, evacuated.size());
    }

    @Test
    void claimGrowsAt65PercentIsFalse() {
        // §15 / §6: count+1 > 8 && count+1 > loadFactorNum*(2^B/2) over the whole map (M overLoadFactor)
        ClassicMap m = map("1.23", 14); // B = 2: 32 slots
        for (long k = 1; k <= 20; k++) {
            put(m, hash, k, 0); // one bucket holds 20 (two overflow buckets: noverflow 2 < 4)
        }
        for (long k = 21; k <= 26; k++) {
            put(m, hash, k, 1 + k % 3);
        }
        assertTrue(rec.of(GrowthStarted.class).isEmpty(), "81% of the slots and 20 in one bucket: no growth");
        assertEquals(2, m.snapshot().B());

        put(m, hash, 27, 1);

        assertEquals(List.of(new GrowthStarted(m.opIndex(), false, 2, 3, 26, 2)), rec.of(GrowthStarted.class));
    }

    @Test
    void claimOldBucketsPointerAtEndOfArrayIsFalse() {
        // §15: the old array is hmap.oldbuckets; the new array holds exactly its buckets (M hashGrow)
        ClassicMap m = map("1.23", 14);
        Lab.fillB2(m, hash);
        rec.clear();

        put(m, hash, 27, 2);

        assertEquals(List.of(new BucketArrayAllocated(m.opIndex(), 1, 3, 8, 8 * 144)),
                rec.of(BucketArrayAllocated.class), "8 buckets of 144 bytes, nothing after them");
        MapSnapshot s = m.snapshot();
        assertEquals(1, s.arrayId());
        assertEquals(0, s.oldArrayId());
        assertEquals(8, s.buckets().size());
        assertEquals(4, s.oldbuckets().size());
        for (int i = 0; i < 4; i++) {
            assertEquals("buckets#0[" + i + "]", s.oldbuckets().get(i).name());
        }
    }

    @Test
    void claimDeleteZeroesKeyIsFalse() {
        // §15 / §8: only keys with pointers (or indirect keys) are cleared; pointer-free inline keys stay (M mapdelete)
        byte[] bytes16 = new byte[16];
        bytes16[3] = 7;
        BucketSnapshot arr = deleteFirstOfTwo(MapType.of(GoType.bytes(16), GoType.UINT64), bytes16, new byte[16]);
        assertArrayEquals(bytes16, (byte[]) arr.rawKey(0), "[16]byte: stale bytes stay");
        BucketSnapshot flt = deleteFirstOfTwo(Lab.F64_U64, 1.5, 2.5);
        assertEquals(1.5, flt.rawKey(0), "float64: stale bytes stay");

        BucketSnapshot ptr = deleteFirstOfTwo(MapType.of(GoType.POINTER, GoType.UINT64), new Object(), new Object());
        assertNull(ptr.rawKey(0), "*T: cleared");
        byte[] bytes129 = new byte[129];
        bytes129[0] = 1;
        BucketSnapshot ind = deleteFirstOfTwo(MapType.of(GoType.bytes(129), GoType.UINT64), bytes129, new byte[129]);
        assertNull(ind.rawKey(0), "indirect [129]byte: the pointer is set to nil");
    }

    /** A B = 0 map with k1 in slot 0 and k2 in slot 1, after delete(k1): its only bucket. */
    private BucketSnapshot deleteFirstOfTwo(MapType t, Object k1, Object k2) {
        ControlledHash h = new ControlledHash(null);
        h.place(k1, 0, 0x40).place(k2, 0, 0x41);
        ClassicMap m = ClassicMap.builder(t).hasher(h).build();
        m.set(k1, 1L);
        m.set(k2, 2L);
        assertTrue(m.delete(k1));
        BucketSnapshot b = m.snapshot().buckets().get(0);
        assertEquals(Tophash.EMPTY_ONE, b.tophash(0));
        return b;
    }

    @Test
    void claimClearFreesBucketsIsFalse() {
        // §15 / §11 / §13: mapclear reuses the same array with the same B; only overflow buckets become garbage
        ClassicMap m = map("1.23", 14); // B = 2
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // overflow#0
        }
        put(m, hash, 11, 1);
        assertEquals(List.of(), m.gc());

        m.clear();

        MapSnapshot s = m.snapshot();
        assertEquals(2, s.B());
        assertEquals(0, s.arrayId());
        assertEquals(List.of("overflow#0"), m.gc(), "buckets#0 is still the current array");
        assertEquals(List.of(), m.gc());
    }

    @Test
    void claimIterationFlagsClearedWhenLoopEndsIsFalse() {
        // §15 / §10: iterator|oldIterator stay set after the loop, a closed loop, a delete to empty and a clear
        ClassicMap m = ClassicMap.builder(U64).hasher(hash).build();
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);

        m.entries(); // a whole range loop, then the iterator is dropped
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, m.snapshot().flags());
        ClassicIterator it = m.iterate();
        it.close(); // break out of a loop
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, m.snapshot().flags());
        m.delete(1L);
        m.delete(2L); // count 0: reseed
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, m.snapshot().flags());
        put(m, hash, 3, 0);
        m.clear();
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, m.snapshot().flags());
    }
}
