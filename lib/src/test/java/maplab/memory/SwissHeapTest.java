package maplab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import maplab.engine.GoMap;
import maplab.engine.GoVersion;
import maplab.engine.MapIterator;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;

/**
 * The heap model of a Swiss map (Go 1.24+): Map header, small group, directory, tables, groups
 * arrays and indirect elems at Go's sizes, and what stays reachable. The byte totals are the ones
 * the real runtime measured (oracle/swiss -memory, Go 1.24 and 1.26).
 */
class SwissHeapTest {

    private static final MapType U64 = MapType.of("uint64", "uint64");
    private static final MapType BIG = MapType.of("uint64", "[200]byte");

    private static GoHeap off(GoVersion v) {
        return new GoHeap(GcSettings.defaults().go(v).gogcOff());
    }

    private static void fill(GoHeap heap, GoMap m, long from, long to) {
        for (long i = from; i < to; i++) {
            long k = i;
            heap.op(() -> m.set(k, k));
        }
    }

    private static Map<String, HeapObject> byId(GoHeap heap) {
        return heap.timeline().objects().stream().collect(Collectors.toMap(HeapObject::id, o -> o));
    }

    @Test
    void theNinthKeyReplacesTheSmallGroupByATable() {
        for (GoVersion v : GoVersion.SWISS) {
            GoHeap heap = off(v);
            GoMap m = heap.newMap(U64);
            assertEquals(48, heap.mapBytes(), v + ": new(Map) only");
            fill(heap, m, 0, 8);
            assertEquals(48 + 144, heap.mapBytes(), v + ": Map + the small group (136 B in the 144 class)");
            fill(heap, m, 8, 9);
            HeapObject small = byId(heap).get("m0:groups#0");
            assertEquals(heap.opIndex(), small.unreachable(), v + ": unreachable as soon as the growth op ends");
            heap.gc();
            assertEquals(heap.opIndex(), small.freed());
            // Map 48 + directory 8 + table 32 + two groups (272 B in the 288 class).
            assertEquals(376, heap.mapBytes(), v.toString());
        }
    }

    @Test
    void anOpenLoopPinsTheSmallGroupEvenAfterItEnds() {
        GoHeap heap = off(GoVersion.GO1_26);
        GoMap m = heap.newMap(U64);
        fill(heap, m, 0, 8);
        MapIterator it = heap.op(m::iterate);
        fill(heap, m, 8, 9);
        while (it.hasEntry()) {
            heap.op(it::next);
        }
        heap.gc();
        assertEquals(520, heap.mapBytes(), "376 + the small group that it.group still holds");
        heap.op(it::close);
        heap.gc();
        assertEquals(376, heap.mapBytes());
    }

    @Test
    void anOpenLoopPinsTheSplitTableUntilItEnds() {
        GoHeap heap = off(GoVersion.GO1_24);
        GoMap m = heap.newMap(U64);
        fill(heap, m, 0, 800);
        long beforeGc = heap.mapBytes();
        heap.gc();
        assertTrue(beforeGc > heap.mapBytes(), "the small group and the smaller tables wait for a cycle");
        // Map 48 + directory 8 + table 32 + 128 groups (17,408 B in the 18,432 class).
        assertEquals(18520, heap.mapBytes());
        MapIterator it = heap.op(m::iterate);
        fill(heap, m, 800, 900);
        heap.gc();
        assertEquals(55456, heap.mapBytes(), "two tables of 1024 slots + the old one (table and groups) it.tab holds");
        while (it.hasEntry()) {
            heap.op(it::next);
        }
        heap.gc();
        assertEquals(36992, heap.mapBytes(), "a finished table iterator holds nothing");
    }

    @Test
    void elemsOver128BytesAreObjectsOfTheirOwn() {
        GoHeap heap = off(GoVersion.GO1_26);
        GoMap m = heap.newMap(BIG);
        for (int i = 0; i < 5; i++) {
            int k = i;
            heap.op(() -> m.set((long) k, new byte[200]));
        }
        heap.gc();
        assertEquals(48 + 144 + 5 * 208, heap.mapBytes(), "Map + group of 8-byte pointers + five 200-byte elems");
        heap.op(() -> m.delete(0L));
        heap.gc();
        assertEquals(48 + 144 + 4 * 208, heap.mapBytes());
        assertTrue(byId(heap).get("m0:elem#0").freed() > 0);
    }
}
