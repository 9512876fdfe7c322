package maplab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ExperimentsTest {

    /** Same columns, same values, same order. */
    static boolean equal(Table a, Table b) {
        if (!a.columnNames().equals(b.columnNames()) || a.rowCount() != b.rowCount()) {
            return false;
        }
        for (String c : a.columnNames()) {
            if (!a.column(c).asList().equals(b.column(c).asList())) {
                return false;
            }
        }
        return true;
    }

    private static int sum(Table t, String column) {
        return (int) t.intColumn(column).sum();
    }

    @Test
    void slotReuseSeesTombstonesAndEmptyRestReused() {
        Table t = Experiments.slotReuse(500, 7);
        Table s = Experiments.slotReuseSummary(t);
        assertEquals(List.of(SlotReuseExperiments.EMPTY_ONE, SlotReuseExperiments.EMPTY_REST_DELETED,
                SlotReuseExperiments.EMPTY_REST_FRESH), s.stringColumn("reuse").asList());
        assertTrue(s.intColumn("writes").get(0) > 0, "a new key took an emptyOne (tombstone) slot");
        assertTrue(s.intColumn("writes").get(1) > 0, "a new key took a deleted slot turned emptyRest");
        assertTrue(s.intColumn("writes").get(2) > 0, "a new key took an emptyRest slot no delete had emptied");
        assertEquals(t.rowCount(), sum(s, "writes"));
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("previous").get(i).equals("emptyOne")) {
                assertTrue(t.booleanColumn("previouslyDeleted").get(i), "an emptyOne slot held a deleted key");
            }
            int slot = t.intColumn("slot").get(i);
            assertTrue(slot >= 0 && slot < 8);
        }
    }

    @Test
    void probeLengthsGrowWithTombstonesAndHitsAlwaysFindTheKey() {
        Table t = Experiments.probeLengths(52, 600, 20, 3, "1.23");
        assertEquals(0, t.intColumn("op").get(0));
        assertEquals(0, t.intColumn("emptyOne").get(0), "no tombstone before any delete");
        assertEquals(600, t.intColumn("op").get(t.rowCount() - 1));
        assertTrue(t.intColumn("emptyOne").max() > 0);
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(52, t.intColumn("count").get(i));
            assertTrue(t.doubleColumn("meanHitSlots").get(i) >= 1);
            assertTrue(t.doubleColumn("meanHitBuckets").get(i) >= 1);
            assertTrue(t.intColumn("maxMissSlots").get(i) >= 1);
        }
        // Tombstones make misses read more than the fresh map's misses at some point.
        assertTrue(t.doubleColumn("meanMissSlots").max() > t.doubleColumn("meanMissSlots").get(0));
    }

    @Test
    void tombstonesAccumulateUntilSameSizeGrowth() {
        Table t = Experiments.tombstones(3000, 1);
        assertTrue(t.intColumn("sameSizeGrowths").max() >= 1, "a long churn ends in a same-size growth");
        assertEquals(0, t.intColumn("doublings").max(), "a constant size never doubles");
        assertTrue(t.intColumn("emptyOne").max() > 0);
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(52, t.intColumn("count").get(i));
            assertEquals(3, t.intColumn("B").get(i));
            if (!t.booleanColumn("growing").get(i)) {
                // While growing, part of the entries still sit in the old array.
                assertEquals(52, t.intColumn("live").get(i));
            }
        }
    }

    @Test
    void growthTriggersFollowTheLoadFactorAndOverflowRules() {
        Table t = Experiments.growthTriggers(52, 3000, 5);
        assertEquals("insert", t.stringColumn("phase").get(0));
        assertEquals(9, t.intColumn("step").get(0), "B=0 doubles at the 9th key");
        assertEquals(8, t.intColumn("count").get(0));
        assertEquals(0, t.intColumn("oldB").get(0));
        assertEquals(1, t.intColumn("newB").get(0));
        assertEquals("doubling", t.stringColumn("kind").get(0));
        assertEquals(14, t.intColumn("step").get(1), "Go 1.23: B=1 doubles at the 14th key");
        Table go121 = Experiments.growthTriggers(20, 0, 5, "1.21");
        assertEquals(13, go121.intColumn("step").get(1), "Go 1.21: load factor 6, the 13th key");
        boolean sameSize = false;
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("kind").get(i).equals("same-size")) {
                sameSize = true;
                assertEquals("churn", t.stringColumn("phase").get(i));
                assertEquals(t.intColumn("overflowLimit").get(i), t.intColumn("noverflow").get(i));
                assertEquals(t.intColumn("oldB").get(i), t.intColumn("newB").get(i));
            } else {
                assertTrue(t.intColumn("count").get(i) + 1 > t.doubleColumn("loadLimit").get(i));
            }
        }
        assertTrue(sameSize, "the churn phase ends in a same-size growth");
    }

    @Test
    void evacuationIsIncrementalAndMovesEveryEntry() {
        Table t = Experiments.evacuation(1000, 2);
        long movedSoFar = 0;
        long toMove = 0;
        boolean spread = false;
        long lastNevacuate = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            assertTrue(t.intColumn("evacuated").get(i) <= 2, "growWork evacuates at most 2 old buckets per insert");
            if (t.booleanColumn("growthStarted").get(i)) {
                toMove += t.intColumn("count").get(i) - 1;
                lastNevacuate = 0;
            }
            movedSoFar += t.intColumn("moved").get(i);
            if (t.booleanColumn("growing").get(i)) {
                spread = true;
                long nev = t.longColumn("nevacuate").get(i);
                assertTrue(nev >= lastNevacuate && nev < t.intColumn("oldBuckets").get(i));
                lastNevacuate = nev;
            }
        }
        assertTrue(spread, "some growth spans several inserts");
        if (!t.booleanColumn("growing").get(t.rowCount() - 1)) {
            assertEquals(toMove, movedSoFar, "every entry present at a growth start is moved once");
        }
    }

    @Test
    void xySplitAddsUpAndIsBalancedOnAverage() {
        Table t = Experiments.xySplit(50, 3);
        assertEquals(8, t.intColumn("moved").get(0), "the first doubling moves B=0's 8 entries");
        double y = 0;
        double moved = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(t.intColumn("moved").get(i), t.intColumn("toX").get(i) + t.intColumn("toY").get(i));
            assertEquals(t.intColumn("newB").get(i), t.intColumn("oldB").get(i) + 1);
            y += t.intColumn("toY").get(i);
            moved += t.intColumn("moved").get(i);
        }
        assertTrue(Math.abs(y / moved - 0.5) < 0.05, "hash bit B splits entries about evenly: " + y / moved);
    }

    @Test
    void iterationStartsCoverEveryOffsetAndBucket() {
        Table t = Experiments.iterationStarts(2000, 11);
        Set<Integer> offsets = new TreeSet<>(t.intColumn("offset").asList());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), offsets);
        assertEquals(4, t.intColumn("B").get(0));
        Set<Long> buckets = new TreeSet<>(t.longColumn("startBucket").asList());
        assertEquals(16, buckets.size());
    }

    @Test
    void iterationOrdersDifferBetweenRuns() {
        Table t = Experiments.iterationOrders(20, 4);
        assertTrue(t.booleanColumn("sameOrderAsRun0").get(0));
        assertTrue(t.booleanColumn("sameOrderAsRun0").countFalse() > 0);
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.booleanColumn("sameOrderAsRun0").get(i)) {
                assertEquals(20, t.intColumn("samePositionsAsRun0").get(i));
            }
        }
    }

    @Test
    void iterationDuringGrowthProducesEveryOldKeyOnce() {
        Table t = Experiments.iterationDuringGrowth(100, 9);
        assertEquals(0, sum(t, "oldMissed"), "Go's spec: every entry present and not deleted is produced");
        assertEquals(0, sum(t, "duplicates"), "... exactly once");
        assertTrue(t.booleanColumn("grewDuringIteration").countTrue() > 0);
        assertTrue(sum(t, "newSeen") > 0, "some keys inserted during the loop are produced");
        assertTrue(sum(t, "newMissed") > 0, "and some are not");
    }

    @Test
    void memoryTablesDelegateToTheHeapModel() {
        Table t = Experiments.bytesPerEntry(8, 9);
        assertEquals(8, t.rowCount());
        assertEquals("map[uint64]uint64", t.stringColumn("type").get(0));
        assertEquals(48 + 144, t.longColumn("bytes").get(0), "hmap + one bucket");
        Table s = Experiments.neverShrinks(8, 200);
        for (int i = 0; i < s.rowCount(); i++) {
            assertEquals(s.longColumn("full").get(i), s.longColumn("afterDeleteAll").get(i),
                    "deleting every key frees no bucket");
            assertTrue(s.longColumn("afterNewMap").get(i) < s.longColumn("full").get(i));
        }
        assertThrows(IllegalArgumentException.class,
                () -> Experiments.bytesPerEntry(List.of(MapType.of("int32", "uint64")), new long[] {8}, "1.23"));
    }

    @Test
    void sameSeedSameTable() {
        List<LongFunction<Table>> runs = List.of(
                seed -> Experiments.slotReuse(100, seed),
                seed -> Experiments.probeLengths(200, seed),
                seed -> Experiments.tombstones(200, seed),
                seed -> Experiments.growthTriggers(60, 200, seed),
                seed -> Experiments.evacuation(60, seed),
                seed -> Experiments.xySplit(5, seed),
                seed -> Experiments.iterationStarts(100, seed),
                seed -> Experiments.iterationOrders(5, seed),
                seed -> Experiments.iterationDuringGrowth(10, seed));
        for (LongFunction<Table> run : runs) {
            Table a = run.apply(123);
            assertTrue(equal(a, run.apply(123)), a.name() + ": same seed, same table");
            assertTrue(equal(a, a.copy()));
        }
        assertTrue(!equal(Experiments.slotReuse(100, 1), Experiments.slotReuse(100, 2)));
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.slotReuse(0, 1))
                .getMessage().contains("trials"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.probeLengths(0, 10, 1, 1, "1.23"))
                .getMessage().contains("size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.tombstones(52, 10, 11, 1, "1.23"))
                .getMessage().contains("every"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.evacuation(10, 1, "1.20"))
                .getMessage().contains("go release"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.xySplit(1, 8, 1, "1.23"))
                .getMessage().contains("inserts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.neverShrinks())
                .getMessage().contains("sizes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Experiments.slotReuseSummary(Experiments.evacuation(3, 1))).getMessage().contains("reuse"));
        assertNotEquals(null, Experiments.DEFAULT_GO);
    }
}
