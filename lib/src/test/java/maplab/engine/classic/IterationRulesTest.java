package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.drainKeys;
import static maplab.engine.classic.Lab.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.GoFatalError;
import maplab.engine.Hasher;
import maplab.engine.MapType;
import maplab.engine.classic.MapEvent.SlotWritten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mapiterinit and mapiternext (runtime/map.go): start, order, flags, and iteration across growth. */
class IterationRulesTest {

    private final ControlledHash hash = new ControlledHash(null);
    private final Lab.ScriptedRandom random = new Lab.ScriptedRandom();

    private ClassicMap small() {
        return ClassicMap.builder(U64).hasher(hash).random(random).build();
    }

    /** B = 0 with keys 1..8 in slots 0..7 (low bit k % 2 decides X or Y when it doubles). */
    private ClassicMap fullB0() {
        ClassicMap m = small();
        for (long k = 1; k <= 8; k++) {
            put(m, hash, k, k % 2);
        }
        return m;
    }

    private static int iterFlags(ClassicMap m) {
        return m.snapshot().flags() & (Hmap.ITERATOR | Hmap.OLD_ITERATOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23"})
    void iterationStartFromRandomDraw(String go) {
        // mapiterinit: startBucket = r & bucketMask(B); offset = r >> B & 7; slots visited (i + offset) & 7
        // High bits of r are set on purpose: only bits 0..B+2 may matter (1.19/1.21 keep 32 bits, 1.22+ 64).
        long r = 0xABCD_EF00_0000_0000L | (0x7L << 5) | (5 << 2) | 2; // start 2, offset 5
        random.queue(Draw.ITER_START, r);
        ClassicMap m = ClassicMap.builder(U64).go(go).hint(14).hasher(hash).random(random).build();
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);
        put(m, hash, 11, 1);
        for (long k = 21; k <= 23; k++) {
            put(m, hash, k, 2); // slots 0..2; slots 3..7 emptyRest
        }
        for (long k = 31; k <= 38; k++) {
            put(m, hash, k, 3); // slots 0..7
        }

        ClassicIterator it = m.iterate();

        assertEquals(2, it.startBucket());
        assertEquals(5, it.offset());
        assertEquals(List.of(21L, 22L, 23L, 36L, 37L, 38L, 31L, 32L, 33L, 34L, 35L, 1L, 2L, 11L), drainKeys(it),
                "bucket 2 from slot 5 (emptyRest does not stop it), then 3, wrap to 0, then 1");
        assertEquals(1, random.count(Draw.ITER_START));
    }

    @Test
    void iterationOnEmptyMapDrawsNothingAndSetsNoFlags() {
        // mapiterinit: if h == nil || h.count == 0 { return } before the draw and the flag update
        ClassicMap m = small();
        ClassicIterator fresh = m.iterate();
        assertFalse(fresh.hasEntry());
        assertFalse(fresh.drewStart());

        put(m, hash, 1, 0);
        m.delete(1L); // buckets allocated, count 0
        ClassicIterator emptied = m.iterate();
        assertFalse(emptied.hasEntry());
        assertFalse(emptied.next());

        assertEquals(0, random.count(Draw.ITER_START));
        assertEquals(0, iterFlags(m));
    }

    @Test
    void iterationSetsBothIteratorFlagsAndTheyStay() {
        // mapiterinit: atomic.Or8(&h.flags, iterator|oldIterator); nothing clears them but hashGrow
        ClassicMap m = small();
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);

        ClassicIterator it = m.iterate();
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, iterFlags(m));
        drainKeys(it);
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, iterFlags(m), "the loop ended; the flags stay");

        put(m, hash, 3, 0);
        m.delete(1L);
        m.get(2L);
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, iterFlags(m));
    }

    @Test
    void hashGrowMovesIteratorToOldIterator() {
        // hashGrow: flags &^= iterator|oldIterator; if iterator was set, flags |= oldIterator
        ClassicMap m = fullB0();
        m.entries();
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, iterFlags(m));

        put(m, hash, 9, 1); // B 0 -> 1
        assertEquals(Hmap.OLD_ITERATOR, iterFlags(m));

        for (long k = 10; k <= 14; k++) {
            put(m, hash, k, k % 2); // the 14th key: B 1 -> 2
        }
        assertEquals(2, m.snapshot().B());
        assertEquals(0, iterFlags(m), "iterator was clear, so oldIterator is dropped too");
    }

    @Test
    void iteratorStartedBeforeDoublingStaysOnOldArray() {
        // mapiternext: it.B != h.B -> walk it.buckets (the old array); moved entries via mapaccessK
        ClassicMap m = ClassicMap.builder(U64).hint(9).hasher(hash).random(random).build(); // B = 1
        long[] low0 = {0, 2, 0, 2, 0, 2};
        for (int i = 0; i < low0.length; i++) {
            put(m, hash, 1 + i, low0[i]); // old bucket 0: keys 1..6
        }
        long[] low1 = {1, 3, 1, 3, 1, 3, 1};
        for (int i = 0; i < low1.length; i++) {
            put(m, hash, 11 + i, low1[i]); // old bucket 1: keys 11..17, split between new 1 and new 3
        }
        ClassicIterator it = m.iterate(); // start 0, offset 0
        assertEquals(1L, it.key());

        put(m, hash, 20, 3); // the 14th key: doubling to B = 2, finished in this op
        assertFalse(m.snapshot().growing());

        it.next();
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 11L, 12L, 13L, 14L, 15L, 16L, 17L), drainKeys(it),
                "old bucket 1 whole, in its slot order; key 20 lives only in the new array");
    }

    @Test
    void iteratorSkipsKeysDeletedAfterEvacuation() {
        // mapiternext: tophash evacuatedX/Y -> mapaccessK(t, h, k); if rk == nil, continue (deleted)
        ClassicMap m = fullB0();
        ClassicIterator it = m.iterate();
        put(m, hash, 9, 1); // every old slot is now evacuatedX/Y, the key bytes still there (noscan)

        m.delete(6L);

        it.next();
        assertEquals(List.of(2L, 3L, 4L, 5L, 7L, 8L), drainKeys(it));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uint64/uint64", "string/string"})
    void theEntryIsCopiedOutAtTheStep(String types) {
        // for k, v := range m copies *it.key and *it.elem before the body runs: a delete or an
        // update in the body does not change the k, v it already has (unboxed words or objects).
        String[] kv = types.split("/");
        ClassicMap m = ClassicMap.builder(MapType.of(kv[0], kv[1])).seed(3).build();
        boolean words = kv[0].equals("uint64");
        Object key = words ? (Object) 42L : "k";
        Object elem = words ? (Object) 4200L : "v";
        m.set(key, elem);
        ClassicIterator it = m.iterate();
        m.set(key, words ? (Object) 1L : "updated");
        m.delete(key);
        assertEquals(key, it.key());
        assertEquals(elem, it.elem());
        assertFalse(it.next());
    }

    @Test
    void iteratorSeesUpdatedElemAfterEvacuation() {
        // mapiternext: for an evacuated slot the golden data is mapaccessK's key and elem, not the old slot's
        ClassicMap m = fullB0();
        ClassicIterator it = m.iterate();
        put(m, hash, 9, 1);

        m.set(5L, 500L);
        m.delete(3L);
        m.set(3L, 333L); // deleted and reinserted: found again

        it.next();
        List<Map.Entry<Object, Object>> rest = Lab.drain(it);
        assertEquals(List.of(Map.entry(2L, 20L), Map.entry(3L, 333L), Map.entry(4L, 40L), Map.entry(5L, 500L),
                Map.entry(6L, 60L), Map.entry(7L, 70L), Map.entry(8L, 80L)), rest);
    }

    @Test
    void iteratorDuringGrowthFiltersOldChain() {
        // mapiternext: growing && it.B == h.B: unevacuated old bucket walked with checkBucket = bucket,
        // keeping only keys with hash & bucketMask(it.B) == checkBucket
        random.queue(Draw.ITER_START, 1); // B = 3: start bucket 1, offset 0
        ClassicMap m = ClassicMap.builder(U64).hint(14).hasher(hash).random(random).build();
        Lab.fillB2(m, hash);
        put(m, hash, 27, 2); // doubling to B = 3; old 0 and old 2 evacuated, old 1 and old 3 not

        List<Object> keys = drainKeys(m.iterate());

        assertTrue(m.snapshot().growing());
        assertEquals(List.of(
                11L, 13L, 15L, 17L,           // new 1: old 1 filtered to low bits 1
                21L, 24L, 26L, 27L,           // new 2: evacuated, the new bucket
                31L, 32L, 33L, 34L, 35L, 36L, // new 3: old 3 filtered to low bits 3 (all)
                                              // new 4: evacuated, empty
                12L, 14L, 16L,                // new 5: old 1 filtered to low bits 5
                22L, 23L, 25L,                // new 6: evacuated
                                              // new 7: old 3 filtered: none
                1L, 2L, 3L, 4L, 5L, 6L, 7L),  // new 0: evacuated
                keys);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nanEvacuationUsesTophashLowBitOnlyWithIterator(boolean iterating) {
        // evacuate: if h.flags&iterator != 0 && k != k { useY = top & 1; top = tophash(hash) } else by hash&newbit
        Hasher seedIsHash = (k, seed) -> seed; // NaN: hash = hash0 (0) ^ the NAN_HASH draw
        ControlledHash h = new ControlledHash(seedIsHash);
        random.queue(Draw.HASH_SEED, 0)
                .queue(Draw.NAN_HASH, (0x20L << 56) | 1, (0x21L << 56) | 1) // inserts: bucket 1, tops 0x20, 0x21
                .queue(Draw.NAN_HASH, (0x70L << 56) | 4, 0x71L << 56);     // evacuation: hash says Y, then X
        ClassicMap m = ClassicMap.builder(Lab.F64_U64).hint(14).hasher(h).random(random).build();
        for (int k = 1; k <= 7; k++) {
            h.place((double) k, 0, 0x30 + k);
            m.set((double) k, 0L);
        }
        m.set(Double.NaN, 1L);
        m.set(Double.NaN, 2L);
        for (int k = 11; k <= 15; k++) {
            h.place((double) k, 1, 0x30 + k);
            m.set((double) k, 0L);
        }
        for (int k = 21; k <= 32; k++) {
            h.place((double) k, k <= 26 ? 2 : 3, 0x30 + k);
            m.set((double) k, 0L);
        }
        h.place(40.0, 2, 0x60);
        m.set(40.0, 0L); // 27th key: doubling; old 2 and old 0 evacuated, old 1 (the NaNs) not yet
        if (iterating) {
            m.iterate(); // sets the iterator flag during the growth
        }
        h.place(16.0, 1, 0x61);

        m.set(16.0, 0L); // evacuates old 1

        MapSnapshot s = m.snapshot();
        BucketSnapshot x = s.buckets().get(1);
        BucketSnapshot y = s.buckets().get(5);
        assertTrue(Double.isNaN((Double) x.key(0)));
        assertTrue(Double.isNaN((Double) y.key(0)));
        if (iterating) {
            assertEquals(0x70, x.tophash(0), "even old top 0x20 -> X, with the new hash's top");
            assertEquals(0x71, y.tophash(0), "odd old top 0x21 -> Y, with the new hash's top");
        } else {
            assertEquals(0x21, x.tophash(0), "hash bit clear -> X, tophash copied unchanged");
            assertEquals(0x20, y.tophash(0), "hash bit set -> Y, tophash copied unchanged");
        }
        assertEquals(1, y.liveCount());
        assertEquals(7, x.liveCount(), "NaN, 11..15, then the new key 16");
        assertTrue(random.drained());
        assertEquals(4, random.count(Draw.NAN_HASH));
    }

    @Test
    void iteratorNextDuringWriteIsFatal() {
        // mapiternext: if h.flags&hashWriting != 0 { fatal("concurrent map iteration and map write") }
        ClassicMap m = small();
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);
        ClassicIterator it = m.iterate();
        hash.place(3L, 0, 0x33);
        m.listen(e -> {
            if (e instanceof SlotWritten) {
                it.next();
            }
        });
        GoFatalError err = assertThrows(GoFatalError.class, () -> m.set(3L, 3L));
        assertEquals("concurrent map iteration and map write", err.runtimeMessage());
    }
}
