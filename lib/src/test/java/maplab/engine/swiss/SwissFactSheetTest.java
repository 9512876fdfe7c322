package maplab.engine.swiss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.ControlledHash;
import maplab.engine.EngineEvent;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import maplab.engine.RandomSource;
import maplab.engine.StandardHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The facts of docs/go-map-swiss.md that the Swiss engine must reproduce, each named after the
 * Go function (internal/runtime/maps) that settles it. Every test also runs the invariant checker.
 */
class SwissFactSheetTest {

    private static final MapType U64 = MapType.of("uint64", "uint64");
    /** A [200]byte elem: indirect, so the compiler calls the generic runtime_mapassign. */
    private static final MapType BIG = MapType.of("uint64", "[200]byte");

    private static SwissMap map(MapType t, String go, ControlledHash hash) {
        return SwissMap.builder(t).go(go).seed(5).hasher(hash).build();
    }

    private static SwissMap u64(String go, ControlledHash hash) {
        return map(U64, go, hash);
    }

    /** A hash with H2 = h2, H1 picking group {@code group} of a table (its low bits), directory bits 0. */
    private static long hashFor(long group, int h2) {
        return (group << 7) | h2;
    }

    private static void ok(SwissMap m) {
        m.checkInvariants();
    }

    @ParameterizedTest(name = "map[{0}]{1}: slot {2}, group {3}")
    @CsvSource({
        "uint64, uint64, 16, 136", "uint64, struct{}, 16, 136", "int32, struct{}, 8, 72", "string, int, 24, 200",
        "string, string, 32, 264", "uint8, uint8, 2, 24", "struct{}, struct{}, 0, 16", "uint64, [200]byte, 16, 136",
        "[130]byte, uint64, 16, 136"
    })
    void groupLayoutFollowsGoStructRules(String k, String e, long slot, long group) {
        // reflectdata.MapGroupType: struct{ctrl uint64; slots [8]struct{key K; elem V}}, >128 bytes indirect
        GroupType t = GroupType.of(MapType.of(k, e));
        assertEquals(slot, t.slotSize());
        assertEquals(group, t.groupSize());
    }

    @Test
    void h2IsTheLowSevenBitsAndTheFirstInsertTakesTheLowestEmptySlot() {
        // map.go h2(h) = h & 0x7f; putSlotSmall takes matchEmptyOrDeleted().first()
        ControlledHash hash = new ControlledHash().fullHash(1L, 0xABCD_0000_0000_00CDL).fullHash(2L, 0x01L);
        SwissMap m = u64("1.26", hash);
        assertNull(m.snapshot().small(), "NewEmptyMap allocates no group");
        m.set(1L, 10L);
        m.set(2L, 20L);
        GroupSnapshot g = m.snapshot().small();
        assertEquals(0xCD & 0x7F, g.ctrl(0));
        assertEquals(1, g.ctrl(1));
        assertTrue(g.empty(2));
        ok(m);
    }

    @Test
    void theNinthKeyTurnsTheSmallMapIntoASixteenSlotTable() {
        // growToTable: newTable(16, 0, 0), entries rehashed in slot order, then a one-entry directory
        SwissMap m = u64("1.26", new ControlledHash());
        for (long k = 0; k < 8; k++) {
            m.set(k, k);
        }
        assertEquals(0, m.dirLen());
        m.set(8L, 8L);
        SwissSnapshot s = m.snapshot();
        assertEquals(1, s.dirLen());
        TableSnapshot t = s.tables().get(0);
        assertEquals(16, t.capacity());
        assertEquals(14 - 9, t.growthLeft(), "16*7/8 = 14 slots, 9 used");
        ok(m);
    }

    @Test
    void updatingAKeyOfAFullSmallMapStillGrowsIt() {
        // runtime_mapassign: if m.used == 8, growToTable runs before the key search
        SwissMap m = u64("1.26", new ControlledHash());
        for (long k = 0; k < 8; k++) {
            m.set(k, k);
        }
        m.set(3L, 33L);
        assertEquals(1, m.dirLen());
        assertEquals(8, m.len());
        assertEquals(33L, m.get(3L));
        ok(m);
    }

    @ParameterizedTest(name = "hint {0}: {1} table(s) of {2} slots")
    @CsvSource({"9, 1, 16", "15, 1, 32", "100, 1, 128", "896, 1, 1024", "897, 2, 512", "1000, 2, 1024", "3000, 4, 1024"})
    void hintsSizeTheTables(long hint, int tables, int capacity) {
        // NewMap: target = hint*8/7; dirSize = ceil(target/1024) rounded to a power of two; newTable(target/dirSize)
        SwissMap m = SwissMap.builder(U64).go("1.26").hint(hint).build();
        SwissSnapshot s = m.snapshot();
        assertEquals(tables, s.tables().size());
        assertEquals(tables, s.dirLen());
        for (TableSnapshot t : s.tables()) {
            assertEquals(capacity, t.capacity());
        }
        ok(m);
    }

    @Test
    void hintsUpToEightAllocateNothing() {
        assertNull(SwissMap.builder(U64).hint(8).build().snapshot().small());
        assertEquals(0, SwissMap.builder(U64).hint(0).build().dirLen());
    }

    @Test
    void deleteEmptiesASlotWhenItsGroupHasAnEmptySlotElseLeavesATombstone() {
        // table.Delete: matchEmpty() != 0 -> ctrlEmpty and growthLeft++, else ctrlDeleted
        ControlledHash hash = new ControlledHash();
        for (long k = 0; k < 20; k++) {
            hash.fullHash(k, hashFor(k < 16 ? 0 : 1, (int) k + 1)); // keys 0..15 probe from group 0
        }
        SwissMap m = SwissMap.builder(U64).go("1.26").hint(20).hasher(hash).build(); // one 32-slot table
        for (long k = 0; k < 12; k++) {
            m.set(k, k);
        }
        TableSnapshot before = m.snapshot().tables().get(0);
        assertEquals(8, before.groups().get(0).fullCount(), "group 0 full");
        m.delete(3L);
        TableSnapshot t = m.snapshot().tables().get(0);
        assertTrue(t.groups().get(0).deleted(3), "a full group gets a tombstone");
        assertEquals(before.growthLeft(), t.growthLeft(), "a tombstone keeps consuming growthLeft");
        m.delete(9L); // in group 1, which has empty slots
        t = m.snapshot().tables().get(0);
        assertTrue(t.groups().get(1).empty(1));
        assertEquals(before.growthLeft() + 1, t.growthLeft());
        assertEquals(1, t.tombstones());
        ok(m);
    }

    @Test
    void anInsertReusesTheFirstTombstoneOnItsProbePathForFree() {
        // runtime_mapassign*: firstDeletedGroup, growthLeft++ then --
        ControlledHash hash = new ControlledHash();
        for (long k = 0; k < 20; k++) {
            hash.fullHash(k, hashFor(0, (int) k + 1));
        }
        SwissMap m = SwissMap.builder(U64).go("1.26").hint(20).hasher(hash).build();
        for (long k = 0; k < 10; k++) {
            m.set(k, k);
        }
        m.delete(2L);
        int growthLeft = m.snapshot().tables().get(0).growthLeft();
        m.set(15L, 15L);
        TableSnapshot t = m.snapshot().tables().get(0);
        assertEquals(16, t.groups().get(0).ctrl(2), "key 15 took the tombstone of key 2");
        assertEquals(growthLeft, t.growthLeft());
        assertEquals(0, t.tombstones());
        ok(m);
    }

    @Test
    void smallMapsNeverHoldTombstones() {
        // deleteSmall: ctrlEmpty at once
        SwissMap m = u64("1.26", new ControlledHash());
        for (long k = 0; k < 8; k++) {
            m.set(k, k);
        }
        m.delete(5L);
        assertEquals(0, m.snapshot().small().deletedCount());
        ok(m);
    }

    /**
     * Churn on a 128-slot table holding 56 keys (golang/go issue 70886's case): delete one key,
     * insert a fresh one, at constant size. Tombstones use up growthLeft, so Go 1.24 doubles the
     * table several times; 1.25+ prunes them in the fast assigns, but not in the generic one
     * (elem over 128 bytes) nor in mapassign_fast64ptr.
     */
    private static int churn(MapType type, String go) {
        SwissMap m = SwissMap.builder(type).go(go).hint(100).seed(11).build();
        Object elem = type.elem().name().equals("uint64") ? (Object) 1L : new byte[200];
        for (long k = 0; k < 56; k++) {
            m.set(k, elem);
        }
        for (long k = 56; k < 100_056; k++) {
            m.delete(k - 56);
            m.set(k, elem);
        }
        ok(m);
        return m.snapshot().capacity();
    }

    @Test
    void churnDoublesTablesIn124AndIsPrunedIn125OnlyOnFastPaths() {
        // table.pruneTombstones, called from runtime_mapassign_fast64 (1.25+), not from runtime_mapassign
        int c124 = churn(U64, "1.24");
        int c125 = churn(U64, "1.25");
        int c126 = churn(U64, "1.26");
        int big124 = churn(BIG, "1.24");
        int big125 = churn(BIG, "1.25");
        assertEquals(128, c125, "1.25 prunes and keeps its 128 slots");
        assertTrue(c124 >= 4 * c125, "1.24 doubles on tombstones: " + c124 + " slots");
        assertEquals(c125, c126);
        assertEquals(big124, big125, "the generic path does not prune: 1.25 grows as 1.24 does");
    }

    @Test
    void clearOfAMapHoldingOnlyTombstonesDiffersBetween124And125() {
        // Map.Clear: 1.24 returns when used == 0; 1.25+ also runs when tombstonePossible
        for (String go : List.of("1.24", "1.25")) {
            ControlledHash hash = new ControlledHash();
            for (long k = 0; k < 20; k++) {
                hash.fullHash(k, hashFor(0, (int) k + 1));
            }
            SwissMap m = SwissMap.builder(U64).go(go).hint(20).hasher(hash).build();
            for (long k = 0; k < 10; k++) {
                m.set(k, k);
            }
            for (long k = 0; k < 10; k++) {
                m.delete(k);
            }
            SwissSnapshot emptied = m.snapshot();
            assertTrue(emptied.tombstones() > 0);
            m.clear();
            SwissSnapshot s = m.snapshot();
            if (go.equals("1.24")) {
                assertEquals(emptied.tombstones(), s.tombstones(), "1.24 returns early");
                assertEquals(emptied.seed(), s.seed());
                assertEquals(0, s.clearSeq());
            } else {
                assertEquals(0, s.tombstones());
                assertFalse(s.tombstonePossible());
                assertEquals(1, s.clearSeq());
            }
            ok(m);
        }
    }

    @Test
    void deleteThatEmptiesTheMapReseeds() {
        // Map.Delete: if m.used == 0 { m.seed = rand() }
        SwissMap m = SwissMap.builder(U64).go("1.26").seed(3).build();
        m.set(1L, 1L);
        long seed = m.snapshot().seed();
        m.delete(2L);
        assertEquals(seed, m.snapshot().seed(), "a delete that removes nothing keeps the seed");
        m.delete(1L);
        assertTrue(seed != m.snapshot().seed());
    }

    @Test
    void aFullTableOf1024SlotsSplitsAndTheDirectoryDoubles() {
        // table.rehash -> split; installTableSplit doubles the directory when localDepth == globalDepth
        SwissMap m = SwissMap.builder(U64).go("1.26").seed(9).build();
        List<EngineEvent> events = new ArrayList<>();
        m.listen(events::add);
        for (long k = 0; k < 2000; k++) {
            m.set(k, k);
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof SwissEvent.TableSplit));
        assertTrue(events.stream().anyMatch(e -> e instanceof SwissEvent.DirectoryGrown));
        SwissSnapshot s = m.snapshot();
        assertTrue(s.globalDepth() >= 1);
        for (TableSnapshot t : s.tables()) {
            assertEquals(1024, t.capacity());
            assertEquals(s.globalDepth(), t.localDepth());
        }
        ok(m);
    }

    @Test
    void iterationWalksSlotsLinearlyFromTheRandomOffset() {
        // Iter.Next: entry e -> slot (e + entryOffset) & (capacity-1), small: (e + entryOffset) % 8
        long[] draws = {5, 0, 3, 0};
        int[] n = {0};
        RandomSource r = purpose -> purpose == maplab.engine.Draw.ITER_START ? draws[n[0]++] : 42;
        SwissMap m = SwissMap.builder(U64).go("1.26").random(r).hasher(new ControlledHash()).build();
        for (long k = 0; k < 8; k++) {
            m.set(k, k);
        }
        assertEquals(List.of(5L, 6L, 7L, 0L, 1L, 2L, 3L, 4L), m.keys());
        m.delete(4L);
        assertEquals(List.of(3L, 5L, 6L, 7L, 0L, 1L, 2L), m.keys());
    }

    @Test
    void anEmptyMapsIteratorDrawsNothingAndYieldsNothingLater() {
        // Iter.Init: m.used == 0 -> no draws; Next yields nothing even after inserts
        RandomSource none = purpose -> {
            if (purpose == maplab.engine.Draw.ITER_START) {
                throw new AssertionError("drew an iterator start");
            }
            return 1;
        };
        SwissMap m = SwissMap.builder(U64).go("1.26").random(none).build();
        SwissIterator it = m.iterate();
        m.set(1L, 1L);
        assertFalse(it.hasEntry());
        assertFalse(it.next());
    }

    @Test
    void wrongReleaseAndHugeHintsAreRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SwissMap.builder(U64).go("1.22"));
        assertTrue(e.getMessage().contains("classic"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SwissMap.builder(U64).hint(1L << 40).build());
        assertTrue(e.getMessage().contains("hint"), e.getMessage());
    }

    @Test
    void theDefaultHasherIsTheOneTheEngineUses() {
        SwissMap m = SwissMap.builder(U64).go("1.26").seed(1).build();
        assertEquals(StandardHasher.INSTANCE.hash(7L, m.snapshot().seed()), m.hash(7L));
        assertEquals(GoVersion.GO1_26, m.version());
    }
}
