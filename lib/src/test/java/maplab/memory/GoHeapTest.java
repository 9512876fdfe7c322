package maplab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import maplab.engine.GoMap;
import maplab.engine.GoVersion;
import maplab.engine.MapIterator;
import maplab.engine.MapType;
import maplab.engine.ObjectKind;
import org.junit.jupiter.api.Test;

/** The heap model driven by the engine: what is allocated, when it dies, when cycles free it. */
class GoHeapTest {

    private static final MapType U64 = MapType.of("uint64", "uint64");
    private static final MapType BIG = MapType.of("uint64", "[200]byte");

    private static GoHeap off() {
        return new GoHeap(GcSettings.defaults().gogcOff());
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
    void tenKeysLeaveHmapAndTwoBucketsAfterTheFirstGrowth() {
        GoHeap heap = off();
        GoMap m = heap.newMap(U64);
        fill(heap, m, 0, 10);
        // hmap 48 + lazy first bucket 144 + the B1 array 288; the first bucket is dead but not freed.
        assertEquals(48 + 144 + 288, heap.mapBytes());
        heap.gc();
        assertEquals(48 + 288, heap.mapBytes());
        HeapObject first = byId(heap).get("m0:buckets#0");
        assertEquals(10, first.unreachable()); // the 9th insert (op 10) grew and evacuated the one old bucket
        assertEquals(heap.opIndex(), first.freed());
    }

    @Test
    void oldArrayLivesUntilEvacuationFinishes() {
        GoHeap heap = off();
        GoMap m = heap.newMap(U64);
        fill(heap, m, 0, 27); // B2 -> B3 starts at the 27th key
        assertTrue(m.snapshot().growing());
        heap.gc();
        HeapObject old = byId(heap).get("m0:buckets#2");
        assertEquals(-1, old.unreachable(), "old array reachable from h.oldbuckets while growing");
        long k = 27;
        while (m.snapshot().growing()) {
            fill(heap, m, k, k + 1);
            k++;
        }
        assertEquals(heap.opIndex(), old.unreachable());
        assertEquals(-1, old.freed());
        heap.gc();
        assertEquals(heap.opIndex(), old.freed());
    }

    @Test
    void iteratingANoscanMapAllocatesMapextraAndAnOverflowSliceHeader() {
        GoHeap heap = off();
        GoMap m = heap.newMap(U64);
        fill(heap, m, 0, 1);
        long before = heap.mapBytes();
        MapIterator it = heap.op(m::iterate);
        assertEquals(before + 24 + 24, heap.mapBytes()); // createOverflow: mapextra + new([]*bmap)
        heap.op(it::close);
        heap.gc();
        // extra.overflow still holds the (empty) slice header: nothing is freed.
        assertEquals(before + 48, heap.mapBytes());
    }

    @Test
    void iteratorPinsTheOldArrayUntilClosed() {
        MemoryExperiments.IteratorPin pin = MemoryExperiments.iteratorPinning(13, GoVersion.GO1_19);
        // 13 keys: B1 grows to B2 at the 14th. The iterator keeps the B1 array (2 buckets, 288
        // bytes) through it.buckets, and the empty overflow slice header (24) that mapiterinit's
        // createOverflow made, through it.overflow, after growth dropped extra.oldoverflow.
        assertEquals(288 + 24, pin.oldArrayBytes());
        assertTrue(pin.bytesWithIteratorOpen() > pin.bytesAfterClose());
    }

    @Test
    void indirectElemsAreFreedByDeleteAndByClear() {
        GoHeap heap = off();
        GoMap m = heap.newMap(BIG);
        for (long i = 0; i < 100; i++) {
            long k = i;
            heap.op(() -> m.set(k, new byte[200]));
        }
        heap.gc();
        long full = heap.mapBytes();
        long elems = heap.timeline().objects().stream().filter(o -> o.kind() == ObjectKind.INDIRECT_ELEM).count();
        assertEquals(100, elems);
        for (long i = 0; i < 40; i++) {
            long k = i;
            heap.op(() -> m.delete(k));
        }
        heap.gc();
        assertEquals(full - 40 * 208, heap.mapBytes()); // [200]byte objects take the 208-byte class
        long overflow = heap.timeline().objects().stream()
                .filter(o -> o.kind() == ObjectKind.OVERFLOW_BUCKET && o.freed() < 0).mapToLong(HeapObject::bytes).sum();
        assertTrue(overflow > 0, "100 keys in 16 buckets chain some overflow buckets");
        heap.op(m::clear);
        heap.gc();
        // mapclear zeroes the array (dropping every elem pointer) and unlinks the overflow buckets.
        assertEquals(full - 100 * 208 - overflow, heap.mapBytes());
    }

    @Test
    void deletingEverythingFreesNothingClearFreesOverflowNewMapFreesAll() {
        MemoryExperiments.Emptying e = MemoryExperiments.deleteAllVsClearVsNewMap(U64, 2000, GoVersion.GO1_19);
        assertEquals(e.full(), e.afterDeleteAll());
        assertTrue(e.afterClear() <= e.full());
        assertTrue(e.afterClear() > e.full() / 2, "clear keeps the bucket array");
        assertEquals(48, e.afterNewMap()); // only the new map's hmap
    }

    @Test
    void releasedMapIsFreedByTheNextCycle() {
        GoHeap heap = off();
        GoMap m = heap.newMap(U64, 100);
        fill(heap, m, 0, 50);
        heap.release(m);
        assertThrows(IllegalStateException.class, () -> heap.release(m));
        assertTrue(heap.mapBytes() > 0);
        heap.gc();
        assertEquals(0, heap.mapBytes());
        for (HeapObject o : heap.timeline().objects()) {
            assertTrue(o.born() <= o.unreachable() && o.unreachable() <= o.freed(), o.toString());
        }
    }

    @Test
    void pacerStartsCyclesWhenTheHeapReachesTheTrigger() {
        // heapLive as HeapAlloc, so that the heap in use is what the trigger is compared with
        // (SpanCacheTest checks the trigger against heapLive with cached spans counted in full).
        GoHeap heap = new GoHeap(GcSettings.defaults().gogc(100).otherAllocPerOp(64 << 10).spanCache(false));
        GoMap m = heap.newMap(U64);
        fill(heap, m, 0, 2000);
        List<GcCycle> cycles = heap.timeline().cycles();
        assertTrue(cycles.size() >= 20, "about 128 MB of garbage in 4 MB goals: " + cycles.size());
        Timeline t = heap.timeline();
        for (GcCycle c : cycles) {
            int op = (int) c.op();
            assertTrue(c.heapAtStart() >= t.trigger(op - 1), "cycle at op " + op + " started below the trigger");
            assertTrue(t.heapInUse(op - 1) < t.trigger(op - 1), "the previous op was still below the trigger");
            assertEquals(c.heapAtStart() - c.freedBytes(), c.marked());
        }
    }

    @Test
    void gogcOffRunsNoCycleAndAHigherGogcReturnsMemoryLater() {
        GoHeap heap = off();
        GoMap m = heap.newMap(U64);
        fill(heap, m, 0, 5000);
        assertEquals(0, heap.numGC());
        List<MemoryExperiments.Return> r = MemoryExperiments.gogcReturn(U64, 5000, 1 << 20, 4096,
                new int[] {50, 100, 400}, GoVersion.GO1_19);
        assertTrue(r.get(0).opsUntilFreed() < r.get(1).opsUntilFreed());
        assertTrue(r.get(1).opsUntilFreed() < r.get(2).opsUntilFreed());
    }

    @Test
    void bytesPerEntryCountsIndirectElems() {
        MemoryExperiments.PerEntry inline = MemoryExperiments.bytesPerEntry(U64, 10_000, GoVersion.GO1_19);
        MemoryExperiments.PerEntry indirect = MemoryExperiments.bytesPerEntry(BIG, 10_000, GoVersion.GO1_19);
        assertTrue(inline.bytesPerEntry() > 16 && inline.bytesPerEntry() < 40, inline.toString());
        assertTrue(indirect.bytesPerEntry() > 208, indirect.toString());
    }
}
