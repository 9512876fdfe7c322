package maplab.engine.classic;

import static maplab.engine.classic.Lab.U64;
import static maplab.engine.classic.Lab.drainKeys;
import static maplab.engine.classic.Lab.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.GoVersion;
import maplab.engine.classic.MapEvent.Cleared;
import maplab.engine.classic.MapEvent.OverflowTaken;
import maplab.engine.classic.MapEvent.Reseeded;
import maplab.engine.classic.MapEvent.SlotRef;
import maplab.engine.classic.MapEvent.SlotWritten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mapclear (runtime/map.go): same B, same array, new seed; and what an open iterator sees after it. */
class ClearRulesTest {

    private final ControlledHash hash = new ControlledHash(null);
    private final Lab.Recorder rec = new Lab.Recorder();
    private final Lab.ScriptedRandom random = new Lab.ScriptedRandom();

    private ClassicMap map(String go, long hint) {
        return ClassicMap.builder(U64).go(go).hint(hint).hasher(hash).random(random).listener(rec).build();
    }

    @Test
    void clearKeepsBAndArrayAndReseeds() {
        // mapclear: count = 0, noverflow = 0, hash0 = fastrand(), makeBucketArray(t, h.B, h.buckets) zeroes the same array
        random.queue(Draw.HASH_SEED, 0x1111, 0x2222);
        ClassicMap m = map("1.23", 14); // B = 2
        for (long k = 1; k <= 9; k++) {
            put(m, hash, k, 0); // bucket 0 gets overflow#0
        }
        put(m, hash, 11, 1);
        put(m, hash, 12, 2);
        rec.clear();

        m.clear();

        long op = m.opIndex();
        assertEquals(List.of(new Reseeded(op, 0x1111, 0x2222, "clear"), new Cleared(op, 2, 11)), rec.events,
                "no bucket array allocated");
        MapSnapshot s = m.snapshot();
        assertEquals(2, s.B());
        assertEquals(0, s.arrayId());
        assertEquals(0, s.count());
        assertEquals(0, s.noverflow());
        assertEquals(0x2222, s.hash0());
        for (BucketSnapshot b : s.buckets()) {
            assertEquals(1, b.chain().size(), b.name() + " has no overflow bucket any more");
            assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), b.tophashes());
        }
        put(m, hash, 13, 0);
        assertEquals(new SlotRef("buckets#0[0]", 0), rec.of(SlotWritten.class).get(0).slot());
    }

    @Test
    void clearDuringGrowthDropsOldBucketsAndSameSizeFlag() {
        // mapclear: flags &^= sameSizeGrow; oldbuckets = nil; nevacuate = 0 (the iterator bits are kept)
        ClassicMap m = map("1.23", 14);
        Lab.fillSameSizeReady(m, hash);
        put(m, hash, 100, 2); // same-size growth in progress
        m.iterate();
        assertTrue(m.snapshot().sameSizeGrow());

        m.clear();

        MapSnapshot s = m.snapshot();
        assertFalse(s.growing());
        assertFalse(s.sameSizeGrow());
        assertEquals(0, s.nevacuate());
        assertEquals(2, s.B());
        assertEquals(1, s.arrayId(), "the new array of the growth is kept");
        assertEquals(Hmap.ITERATOR | Hmap.OLD_ITERATOR, s.flags());
        assertTrue(m.check().isEmpty(), m.check().toString());
    }

    @Test
    void clearRestoresPool() {
        // mapclear: makeBucketArray on the dirty array sets up the preallocated overflow buckets again
        ClassicMap m = map("1.23", 96); // B = 4: 16 buckets + 2 preallocated overflow buckets
        for (long b = 0; b < 3; b++) {
            for (long j = 1; j <= 9; j++) {
                put(m, hash, 10 * b + j, b);
            }
        }
        assertEquals(0, m.snapshot().nextOverflowFree());
        assertEquals(List.of(true, true, false),
                rec.of(OverflowTaken.class).stream().map(OverflowTaken::preallocated).toList());

        m.clear();
        assertEquals(2, m.snapshot().nextOverflowFree());
        rec.clear();
        for (long j = 1; j <= 9; j++) {
            put(m, hash, 50 + j, 5);
        }
        assertEquals(List.of(new OverflowTaken(m.opIndex(), "buckets#0[16]", "buckets#0[5]", true)),
                rec.of(OverflowTaken.class));
    }

    @Test
    void clearOnEmptyMapDoesNothing() {
        // mapclear: if h == nil || h.count == 0 { return } (no reseed, no random draw)
        ClassicMap m = map("1.23", 0);
        String fresh = Lab.describe(m.snapshot());
        int drawsBefore = random.draws.size();
        m.clear();
        assertEquals(fresh, Lab.describe(m.snapshot()));
        assertEquals(drawsBefore, random.draws.size());

        put(m, hash, 1, 0);
        m.delete(1L); // count 0 again (that delete reseeded)
        String emptied = Lab.describe(m.snapshot());
        drawsBefore = random.draws.size();
        rec.clear();
        m.clear();

        assertEquals(emptied, Lab.describe(m.snapshot()));
        assertEquals(drawsBefore, random.draws.size());
        assertTrue(rec.events.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23"})
    void clearWithIteratorInSeparateOverflowBucket(String go) {
        // mapclear 1.21+: markBucketsEmpty walks every chain (issue 59411); 1.19 only zeroes the bucket
        // array, so a separately allocated overflow bucket the iterator stands in keeps its entries
        ClassicMap m = map(go, 9); // B = 1, no pool
        for (long k = 1; k <= 10; k++) {
            put(m, hash, k, 0); // buckets#0[0]: 1..8; overflow#0: 9, 10
        }
        ClassicIterator it = m.iterate(); // start 0, offset 0
        while ((Long) it.key() != 9L) {
            it.next();
        }

        m.clear();

        it.next();
        List<Object> rest = drainKeys(it);
        assertEquals(go.equals("1.19") ? List.of(10L) : List.of(), rest);
        assertEquals(0, m.len());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.19", "1.21", "1.22", "1.23"})
    void clearWithIteratorOnOldArrayOfUnfinishedGrowth(String go) {
        // mapclear 1.21+: markBucketsEmpty(h.oldbuckets) too; 1.19 drops oldbuckets without touching them,
        // so an iterator started before the growth still reads the old buckets not yet evacuated
        ClassicMap m = map(go, 14); // B = 2
        int n = GoVersion.parse(go).loadFactorNum() * 2; // the most B = 2 holds: 26, or 24 in Go 1.21
        for (long k = 1; k <= n; k++) {
            put(m, hash, k, k % 4);
        }
        ClassicIterator it = m.iterate(); // start 0, offset 0: key 4
        assertEquals(4L, it.key());
        put(m, hash, 100, 2); // doubling: old 2 and old 0 evacuated, old 1 and old 3 not
        assertTrue(m.snapshot().growing());

        m.clear();

        it.next();
        List<Object> expected = new ArrayList<>();
        if (go.equals("1.19")) {
            for (long k = 1; k <= n; k += 4) {
                expected.add(k); // old 1, stale
            }
            for (long k = 3; k <= n; k += 4) {
                expected.add(k); // old 3, stale
            }
        }
        assertEquals(expected, drainKeys(it));
    }
}
