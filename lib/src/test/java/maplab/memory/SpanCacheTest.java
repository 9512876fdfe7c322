package maplab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import maplab.engine.GoMap;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;

/** heapLive as the pacer counts it: spans taken by the mcache in full, objects per span per release. */
class SpanCacheTest {

    @Test
    void objectsPerSpanFollowTheReleaseAndTheCollector() {
        // 32-byte objects, one-page spans (8192 B).
        assertEquals(256, new SpanCache(false, false).objectsPerSpan(32, false), "1.19: no bitmap in the span");
        assertEquals(252, new SpanCache(true, false).objectsPerSpan(32, false), "1.22+: 128 B of pointer bitmap");
        assertEquals(256, new SpanCache(true, false).objectsPerSpan(32, true), "noscan: no bitmap");
        assertEquals(248, new SpanCache(true, true).objectsPerSpan(32, false), "Green Tea: 128 B of mark bits more");
        assertEquals(252, new SpanCache(true, true).objectsPerSpan(32, true));
        // 18,432-byte objects: nine pages, nothing reserved (over 512 bytes).
        assertEquals(4, new SpanCache(true, true).objectsPerSpan(18432, false));
    }

    @Test
    void aRefillCountsTheWholeSpanUntilTheCacheIsReleased() {
        SpanCache c = new SpanCache(true, true);
        assertEquals(8192, c.allocate(32, false, false));
        for (int i = 1; i < 248; i++) {
            assertEquals(0, c.allocate(32, false, false), "slot " + i + " of the cached span");
        }
        assertEquals(8192, c.allocate(32, false, false), "the 249th object needs a new span");
        assertEquals(8192, c.allocate(32, true, false), "noscan objects have spans of their own");
        assertEquals(40960, c.allocate(40960, false, true), "a large object counts its pages");
        c.releaseAll();
        assertEquals(8192, c.allocate(32, false, false), "after a cycle the next object refills");
    }

    @Test
    void runtimeVersionSaysWhetherGreenTeaRuns() {
        assertTrue(GcSettings.defaults().runtimeVersion("go1.26.10").greenTeaGC());
        assertFalse(GcSettings.defaults().runtimeVersion("go1.26.10-X:nogreenteagc").greenTeaGC());
        assertFalse(GcSettings.defaults().runtimeVersion("go1.25.12").greenTeaGC());
        assertTrue(GcSettings.defaults().runtimeVersion("go1.25.12 X:greenteagc").greenTeaGC());
        assertEquals(GoVersion.GO1_24, GcSettings.defaults().runtimeVersion("go1.24.4").version());
    }

    @Test
    void withSpanCacheTheHeapStartsACycleWhenHeapLiveReachesTheTrigger() {
        GoHeap heap = new GoHeap(GcSettings.defaults().go(GoVersion.GO1_26).gogc(100).spanCache(true));
        GoMap m = heap.newMap(MapType.of("uint64", "uint64"));
        // new(Map): one 48-byte object, counted as its whole span.
        assertEquals(48, heap.heapInUse());
        assertEquals(8192, heap.heapLive());
        for (long k = 0; k < 300_000; k++) {
            long key = k;
            heap.op(() -> m.set(key, key));
        }
        assertTrue(heap.numGC() > 0);
        for (GcCycle c : heap.timeline().cycles()) {
            assertTrue(c.heapLiveAtStart() >= c.heapAtStart(), "heapLive never below HeapAlloc: " + c);
        }
        GoHeap plain = new GoHeap(GcSettings.defaults().go(GoVersion.GO1_26).gogc(100).spanCache(false));
        plain.newMap(MapType.of("uint64", "uint64"));
        assertEquals(plain.heapInUse(), plain.heapLive(), "without the span cache heapLive is HeapAlloc");
    }
}
