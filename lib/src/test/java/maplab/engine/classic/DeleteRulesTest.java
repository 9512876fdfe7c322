package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.put;
import static maplab.engine.classic.Lab.top;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.classic.MapEvent.EmptyRestPropagated;
import maplab.engine.classic.MapEvent.Reseeded;
import maplab.engine.classic.MapEvent.SlotRef;
import maplab.engine.classic.MapEvent.SlotTombstoned;
import org.junit.jupiter.api.Test;

/** mapdelete (runtime/map.go): tombstones, the trailing emptyRest run, what is cleared, reseeding. */
class DeleteRulesTest {

    private final ControlledHash hash = new ControlledHash(null);
    private final Lab.Recorder rec = new Lab.Recorder();

    private ClassicMap map(long hint) {
        return ClassicMap.builder(U64).hint(hint).hasher(hash).listener(rec).build();
    }

    private static BucketSnapshot bucket(ClassicMap m, int i) {
        return m.snapshot().buckets().get(i);
    }

    @Test
    void deleteMarksEmptyOne() {
        // mapdelete: b.tophash[i] = emptyOne; the next slot is live, so no emptyRest run
        ClassicMap m = map(0);
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);
        put(m, hash, 3, 0);
        rec.clear();

        assertTrue(m.delete(2L));

        assertEquals(List.of(new SlotTombstoned(m.opIndex(), new SlotRef("buckets#0[0]", 1), 2L)), rec.events);
        assertEquals(List.of(top(1), Tophash.EMPTY_ONE, top(3), 0, 0, 0, 0, 0), bucket(m, 0).tophashes());
        assertEquals(2, m.len());
        assertNull(m.get(2L));
        assertEquals(30L, m.get(3L));
    }

    @Test
    void deleteNotLastLeavesEmptyOne() {
        // mapdelete: at slot 7, go to notLast when the overflow bucket's tophash[0] is not emptyRest
        ClassicMap m = map(9);
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // key 8 in slot 7, key 9 in overflow#0 slot 0
        }
        rec.clear();

        m.delete(8L);

        assertEquals(Tophash.EMPTY_ONE, bucket(m, 0).tophash(7));
        assertTrue(rec.of(EmptyRestPropagated.class).isEmpty());
    }

    @Test
    void deleteOfLastSlotWithoutOverflowBecomesEmptyRest() {
        // mapdelete: at slot 7 with no overflow bucket, the slot ends the chain: emptyRest
        ClassicMap m = map(0);
        for (long k = 1; k <= 8; k++) {
            put(m, hash, k, 0);
        }
        rec.clear();

        m.delete(8L);

        assertEquals(Tophash.EMPTY_REST, bucket(m, 0).tophash(7));
        assertEquals(List.of(new SlotRef("buckets#0[0]", 7)), rec.of(EmptyRestPropagated.class).get(0).slots());
    }

    @Test
    void deleteLastSlotPropagatesEmptyRestBackwardsAcrossOverflowChain() {
        // mapdelete: emptyRest walks back over emptyOne slots, to the previous bucket's slot 7 (found from bOrig)
        ClassicMap m = map(20); // B = 2
        for (long k = 1; k <= 17; k++) {
            put(m, hash, k, 0); // buckets#0[0]: 1..8, overflow#0: 9..16, overflow#1 slot 0: 17
        }
        m.delete(16L); // overflow#0 slot 7: overflow#1 slot 0 is live -> emptyOne
        m.delete(15L); // overflow#0 slot 6: slot 7 is emptyOne, not emptyRest -> emptyOne
        assertEquals(List.of(top(9), top(10), top(11), top(12), top(13), top(14), 1, 1),
                bucket(m, 0).overflow().tophashes());
        rec.clear();

        m.delete(17L); // the last live slot of the chain

        assertEquals(Lab.slots().at("overflow#1", 0).at("overflow#0", 7).at("overflow#0", 6).list(),
                rec.of(EmptyRestPropagated.class).get(0).slots(), "walked backwards, in this order");
        BucketSnapshot b0 = bucket(m, 0);
        assertEquals(List.of(top(9), top(10), top(11), top(12), top(13), top(14), 0, 0), b0.overflow().tophashes());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), b0.overflow().overflow().tophashes());
        assertEquals(8, b0.liveCount(), "the main bucket is untouched");
    }

    @Test
    void deleteToEmptyReseeds() {
        // mapdelete: if h.count == 0 { h.hash0 = fastrand() } (issue 25237)
        Lab.ScriptedRandom r = new Lab.ScriptedRandom().queue(Draw.HASH_SEED, 0x1111, 0x2222);
        ClassicMap m = ClassicMap.builder(U64).hasher(hash).random(r).listener(rec).build();
        put(m, hash, 1, 0);
        put(m, hash, 2, 0);

        m.delete(1L);
        assertEquals(0x1111, m.snapshot().hash0(), "count 1 left: no reseed");

        m.delete(2L);
        assertEquals(0x2222, m.snapshot().hash0());
        assertEquals(List.of(new Reseeded(m.opIndex(), 0x1111, 0x2222, "delete emptied the map")),
                rec.of(Reseeded.class));
        assertEquals(2, r.count(Draw.HASH_SEED));
    }

    @Test
    void deleteOfAbsentKeyDoesNotReseed() {
        // mapdelete: the reseed is inside the "found" branch; count == 0 returns before hashing
        Lab.ScriptedRandom r = new Lab.ScriptedRandom().queue(Draw.HASH_SEED, 0x1111);
        ClassicMap m = ClassicMap.builder(U64).hasher(hash).random(r).listener(rec).build();
        assertFalse(m.delete(7L), "empty map: returns before hashing (7 is not even placed)");
        put(m, hash, 1, 0);
        hash.place(2L, 0, top(1)); // same bucket and tophash as key 1: compared, unequal
        rec.clear();

        assertFalse(m.delete(2L));

        assertEquals(1, m.len());
        assertEquals(0x1111, m.snapshot().hash0());
        assertEquals(1, r.count(Draw.HASH_SEED), "only make drew");
        assertTrue(rec.events.isEmpty());
    }

    @Test
    void deleteKeepsStalePointerFreeKeyButClearsStringKey() {
        // mapdelete: the key is cleared only if t.key.ptrdata != 0 (or indirect); the elem always
        ClassicMap ints = map(0);
        put(ints, hash, 1, 0);
        put(ints, hash, 2, 0);
        ints.delete(1L);
        assertEquals(1L, bucket(ints, 0).rawKey(0), "uint64 key: stale bytes stay");
        assertEquals(0L, Lab.hmap(ints).buckets().get(0).elem(0), "elem 10 cleared to the zero value");

        ClassicMap strs = ClassicMap.builder(Lab.STR_U64).hasher(hash).build();
        hash.place("a", 0, 0x40).place("b", 0, 0x41);
        strs.set("a", 1L);
        strs.set("b", 2L);
        strs.delete("a");
        assertNull(strs.snapshot().buckets().get(0).rawKey(0), "string key: cleared");
        assertEquals(0L, Lab.hmap(strs).buckets().get(0).elem(0), "elem 1 cleared to the zero value");
        assertEquals("b", strs.snapshot().buckets().get(0).rawKey(1));
    }
}
