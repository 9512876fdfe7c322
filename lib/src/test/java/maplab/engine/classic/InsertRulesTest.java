package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.put;
import static maplab.engine.classic.Lab.top;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.GoFatalError;
import maplab.engine.Hasher;
import maplab.engine.classic.MapEvent.ElemUpdated;
import maplab.engine.classic.MapEvent.GrowthStarted;
import maplab.engine.classic.MapEvent.OverflowTaken;
import maplab.engine.classic.MapEvent.SlotRef;
import maplab.engine.classic.MapEvent.SlotWritten;
import org.junit.jupiter.api.Test;

/** mapassign (runtime/map.go): where a key goes, when it is an update, and what is checked. */
class InsertRulesTest {

    /** Unplaced keys are an error: every layout here is chosen. */
    private final ControlledHash hash = new ControlledHash(null);
    private final Lab.Recorder rec = new Lab.Recorder();

    /** make(map[uint64]uint64): B = 0, one bucket, allocated by the first insert as buckets#0. */
    private ClassicMap small() {
        return ClassicMap.builder(U64).hasher(hash).listener(rec).build();
    }

    /** make(map[uint64]uint64, 9): B = 1, buckets#0 of two buckets, no overflow pool. */
    private ClassicMap b1() {
        return ClassicMap.builder(U64).hint(9).hasher(hash).listener(rec).build();
    }

    private static BucketSnapshot bucket(ClassicMap m, int i) {
        return m.snapshot().buckets().get(i);
    }

    @Test
    void insertTakesFirstEmptySlotOnProbePathEvenEmptyRest() {
        // mapassign: the insert slot is the first isEmpty (emptyOne OR emptyRest) slot met on the chain
        ClassicMap m = b1();
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // keys 1..8 fill buckets#0[0], key 9 goes to overflow#0 slot 0
        }
        m.delete(8L); // slot 7: the overflow's slot 0 is live, so emptyOne
        m.delete(9L); // overflow slot 0 is last: emptyRest, and back across to slot 7 of the main bucket
        assertEquals(List.of(top(1), top(2), top(3), top(4), top(5), top(6), top(7), 0),
                bucket(m, 0).tophashes());
        rec.clear();

        put(m, hash, 10, 0);

        SlotWritten w = rec.of(SlotWritten.class).get(0);
        assertEquals(new SlotRef("buckets#0[0]", 7), w.slot(), "not after the emptyRest, not in the overflow bucket");
        assertEquals(Tophash.EMPTY_REST, w.previousTophash());
        assertEquals(top(10), bucket(m, 0).tophash(7));
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), bucket(m, 0).overflow().tophashes());
        assertEquals(1, m.snapshot().noverflow(), "no new overflow bucket");
    }

    @Test
    void insertReusesEmptyOneBeforeLaterEmptyRest() {
        // mapassign: an earlier emptyOne (deleted slot) is the insert slot, ahead of the trailing emptyRest run
        ClassicMap m = small();
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);
        put(m, hash, 3, 0);
        m.delete(1L);
        assertEquals(Tophash.EMPTY_ONE, bucket(m, 0).tophash(0));
        rec.clear();

        put(m, hash, 4, 0);

        SlotWritten w = rec.of(SlotWritten.class).get(0);
        assertEquals(new SlotRef("buckets#0[0]", 0), w.slot());
        assertTrue(w.reusedEmptyOne());
        assertEquals(List.of(top(4), top(2), top(3), 0, 0, 0, 0, 0), bucket(m, 0).tophashes());
    }

    @Test
    void insertScansPastEmptyOneForExistingKey() {
        // mapassign: after remembering an empty slot the scan goes on (across the chain) looking for the key
        ClassicMap m = b1();
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // key 9 in overflow#0 slot 0
        }
        m.delete(2L); // buckets#0[0] slot 1 becomes emptyOne
        rec.clear();

        m.set(9L, 99L);

        assertEquals(List.of(new ElemUpdated(m.opIndex(), new SlotRef("overflow#0", 0), 9L)), rec.events);
        assertEquals(Tophash.EMPTY_ONE, bucket(m, 0).tophash(1), "the emptyOne was not used for a duplicate");
        assertEquals(8, m.len());
        assertEquals(99L, m.get(9L));
    }

    @Test
    void scanStopsAtEmptyRest() {
        // mapaccess1 / mapdelete / mapassign: a tophash of emptyRest ends the search of the whole chain.
        // float64 keys: the compiler uses these generic functions (the _fast64 reads and deletes do not stop).
        ClassicMap m = ClassicMap.builder(Lab.F64_U64).hasher(hash).listener(rec).build();
        for (int k = 1; k <= 3; k++) {
            hash.place((double) k, 0, 0x40 + k);
            m.set((double) k, (long) k);
        }
        // A state no operation makes: slot 1 says "nothing from here on", yet key 3.0 is live in slot 2.
        Lab.hmap(m).buckets().get(0).setTophash(1, Tophash.EMPTY_REST);
        rec.clear();

        assertNull(m.get(3.0), "lookup stopped at slot 1");
        assertFalse(m.delete(3.0), "delete stopped at slot 1");
        m.set(3.0, 33L);
        assertEquals(new SlotRef("buckets#0[0]", 1), rec.of(SlotWritten.class).get(0).slot(),
                "insert stopped at slot 1 and took it: a second key 3.0");
        assertTrue(rec.of(ElemUpdated.class).isEmpty());
    }

    @Test
    void updateNeverTriggersGrowth() {
        // mapassign: the growth check comes after the search, on the "not found" path only
        ClassicMap m = small();
        for (long k = 1; k <= 8; k++) {
            put(m, hash, k, 0);
        }
        rec.clear();

        m.set(5L, 500L); // count+1 = 9 would be over the load factor for B = 0

        assertTrue(rec.of(GrowthStarted.class).isEmpty());
        assertEquals(1, rec.of(ElemUpdated.class).size());
        assertEquals(0, m.snapshot().B());
        assertEquals(500L, m.get(5L));

        put(m, hash, 9, 0); // a new key does grow
        assertEquals(1, rec.of(GrowthStarted.class).size());
    }

    @Test
    void fullChainGetsNewOverflowBucketAtSlot0() {
        // mapassign: no empty slot on the chain -> newoverflow(t, last bucket), insert at its slot 0
        ClassicMap m = b1();
        for (long k = 1; k <= 8; k++) {
            put(m, hash, k, 0);
        }
        rec.clear();

        put(m, hash, 9, 0);

        assertEquals(List.of(new OverflowTaken(m.opIndex(), "overflow#0", "buckets#0[0]", false)),
                rec.of(OverflowTaken.class));
        assertEquals(new SlotRef("overflow#0", 0), rec.of(SlotWritten.class).get(0).slot());
        MapSnapshot s = m.snapshot();
        assertEquals(1, s.noverflow());
        assertEquals(List.of("buckets#0[0]", "overflow#0"), Lab.chainNames(s.buckets().get(0)));
        assertEquals(List.of("buckets#0[1]"), Lab.chainNames(s.buckets().get(1)));
    }

    @Test
    void float64NegativeZeroUpdatesKey() {
        // mapassign: t.needkeyupdate() (floats) -> typedmemmove(t.key, k, key) on update
        ClassicMap m = ClassicMap.builder(Lab.F64_U64).hasher(hash).listener(rec).build();
        hash.place(0.0, 0, 0x40).place(-0.0, 0, 0x40);
        m.set(0.0, 1L);
        rec.clear();

        m.set(-0.0, 2L);

        assertEquals(1, m.len());
        assertEquals(1, rec.of(ElemUpdated.class).size());
        Object stored = m.snapshot().buckets().get(0).rawKey(0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) stored),
                "the key slot now holds -0.0");
        assertEquals(2L, m.get(0.0));
    }

    @Test
    void stringKeyIsRewrittenOnUpdate() {
        // mapassign: t.needkeyupdate() is true for strings: the equal new key is stored
        ClassicMap m = ClassicMap.builder(Lab.STR_U64).hasher(hash).build();
        String first = new String("go");
        String second = new String("go");
        hash.place(first, 0, 0x40);
        m.set(first, 1L);
        m.set(second, 2L);
        assertSame(second, m.snapshot().buckets().get(0).rawKey(0));
        assertEquals(1, m.len());
    }

    @Test
    void nanKeysAreNeverFoundAndAccumulate() {
        // alg.go f64hash: NaN hashes with fresh randomness; NaN != NaN, so every m[NaN] = v inserts
        Hasher seedIsHash = (k, seed) -> seed; // NaN: hash = hash0 ^ the NAN_HASH draw
        ControlledHash h = new ControlledHash(seedIsHash);
        Lab.ScriptedRandom r = new Lab.ScriptedRandom().queue(Draw.HASH_SEED, 0)
                .queue(Draw.NAN_HASH, 0x50L << 56, 0x60L << 56, 0x70L << 56, 0x51L << 56, 0x52L << 56);
        ClassicMap m = ClassicMap.builder(Lab.F64_U64).hasher(h).random(r).build();

        m.set(Double.NaN, 1L);
        m.set(Double.NaN, 2L);
        m.set(Double.NaN, 3L);

        assertEquals(3, m.len());
        assertEquals(List.of(0x50, 0x60, 0x70, 0, 0, 0, 0, 0), m.snapshot().buckets().get(0).tophashes(),
                "three slots, each tophash from its own random draw");
        assertNull(m.get(Double.NaN));
        assertFalse(m.delete(Double.NaN));
        assertEquals(3, m.len());
        assertEquals(5, r.count(Draw.NAN_HASH), "one draw per hash of a NaN");
        assertEquals(List.of(1L, 2L, 3L), m.entries().stream().map(e -> e.getValue()).toList());
    }

    @Test
    void secondWriteDuringWriteIsFatal() {
        // mapassign: hashWriting already set -> fatal("concurrent map writes"), checked before hashing
        ClassicMap m = small();
        hash.place(1L, 0, 0x31).place(2L, 0, 0x32);
        m.listen(e -> {
            if (e instanceof SlotWritten) {
                m.set(2L, 2L); // a "second goroutine" writes while the first is inside mapassign
            }
        });
        GoFatalError err = assertThrows(GoFatalError.class, () -> m.set(1L, 1L));
        assertEquals("concurrent map writes", err.runtimeMessage());
    }

    @Test
    void readDuringWriteIsFatal() {
        // mapaccess1: hashWriting set -> fatal("concurrent map read and map write")
        ClassicMap m = small();
        put(m, hash, 1, 0);
        hash.place(2L, 0, 0x32);
        m.listen(e -> {
            if (e instanceof SlotWritten) {
                m.get(1L);
            }
        });
        GoFatalError err = assertThrows(GoFatalError.class, () -> m.set(2L, 2L));
        assertEquals("concurrent map read and map write", err.runtimeMessage());
    }
}
