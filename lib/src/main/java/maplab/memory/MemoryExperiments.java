package maplab.memory;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.GoMap;
import maplab.engine.GoVersion;
import maplab.engine.MapIterator;
import maplab.engine.MapType;
import maplab.engine.ObjectKind;

/**
 * The questions of "when does my map's memory come back", as plain runs of the heap model that
 * return their figures (for notebooks and tests). Keys are 0, 1, 2... (uint64) or "k0", "k1"...
 * (string), hashed by the engine's standard hasher; every map is made on its own heap.
 */
public final class MemoryExperiments {

    private MemoryExperiments() {
    }

    /** Key number i of the key type, and a value of the elem type. */
    static Object key(MapType t, long i) {
        return t.key().name().equals("string") ? "k" + i : MemoryReplay.key(t.key(), Math.toIntExact(i));
    }

    static Object elem(MapType t, long i) {
        return MemoryReplay.elem(t.elem(), Math.toIntExact(i % 1_000_000));
    }

    private static void fill(GoHeap heap, GoMap m, long from, long to) {
        for (long i = from; i < to; i++) {
            Object k = key(m.type(), i);
            Object e = elem(m.type(), i);
            heap.op(() -> m.set(k, e));
        }
    }

    /** Growth: the map bytes at their peak (old and new arrays both alive) and at the end, with the timeline. */
    public record GrowthPeak(long peakMapBytes, long finalMapBytes, long liveAfterGc, Timeline timeline) {
    }

    /** Inserts n keys with GOGC=off, then one forced collection: old arrays are garbage only after evacuation. */
    public static GrowthPeak growthPeak(MapType type, long n, GoVersion version) {
        GoHeap heap = new GoHeap(GcSettings.defaults().go(version).gogcOff());
        GoMap m = heap.newMap(type);
        fill(heap, m, 0, n);
        long before = heap.mapBytes();
        heap.gc();
        return new GrowthPeak(heap.timeline().peakMapBytes(), before, heap.mapBytes(), heap.timeline());
    }

    /**
     * An iterator pinning old buckets: a pointer-free map is filled to its growth point, an
     * iterator is opened, the growth runs to the end, and a collection runs with the iterator open
     * and again after closing it.
     */
    public record IteratorPin(long growthFinishedAtOp, long bytesWithIteratorOpen, long bytesAfterClose,
                              long oldArrayBytes, Timeline timeline) {
    }

    public static IteratorPin iteratorPinning(long n, GoVersion version) {
        MapType type = MapType.of("uint64", "uint64");
        GoHeap heap = new GoHeap(GcSettings.defaults().go(version).gogcOff());
        GoMap m = heap.newMap(type);
        fill(heap, m, 0, n);
        MapIterator it = heap.op(m::iterate);
        long k = n;
        int arraysBefore = arrays(heap);
        // Insert until a growth has started and finished (a map of n entries grows before 2n + 9 do).
        while (arrays(heap) == arraysBefore || m.snapshot().growing()) {
            if (k > 2 * n + 9) {
                throw new IllegalStateException("no growth of the " + version + " map within " + (k - n) + " inserts");
            }
            fill(heap, m, k, k + 1);
            k++;
        }
        long finished = heap.opIndex();
        heap.gc();
        long open = heap.mapBytes();
        heap.op(it::close);
        heap.gc();
        long closed = heap.mapBytes();
        return new IteratorPin(finished, open, closed, open - closed, heap.timeline());
    }

    /** Bucket arrays (classic) or groups arrays (Swiss) made so far: a growth makes one. */
    private static int arrays(GoHeap heap) {
        return (int) heap.timeline().objects().stream()
                .filter(o -> o.kind() == ObjectKind.BUCKET_ARRAY || o.kind() == ObjectKind.GROUPS).count();
    }

    /** Map bytes left after a forced collection, for three ways of emptying a map of n entries. */
    public record Emptying(long full, long afterDeleteAll, long afterClear, long afterNewMap) {
    }

    public static Emptying deleteAllVsClearVsNewMap(MapType type, long n, GoVersion version) {
        long[] left = new long[3];
        long full = 0;
        for (int way = 0; way < 3; way++) {
            GoHeap heap = new GoHeap(GcSettings.defaults().go(version).gogcOff());
            GoMap m = heap.newMap(type);
            fill(heap, m, 0, n);
            heap.gc();
            full = heap.mapBytes();
            switch (way) {
                case 0 -> {
                    for (long i = 0; i < n; i++) {
                        Object key = key(type, i);
                        heap.op(() -> m.delete(key));
                    }
                }
                case 1 -> heap.op(m::clear);
                default -> {
                    heap.release(m);
                    heap.newMap(type);
                }
            }
            heap.gc();
            left[way] = heap.mapBytes();
        }
        return new Emptying(full, left[0], left[1], left[2]);
    }

    /** Live map bytes per entry after a forced collection (hmap, mapextra, arrays, overflow, indirect objects). */
    public record PerEntry(String type, long n, long bytes, double bytesPerEntry) {
    }

    public static PerEntry bytesPerEntry(MapType type, long n, GoVersion version) {
        GoHeap heap = new GoHeap(GcSettings.defaults().go(version).gogcOff());
        GoMap m = heap.newMap(type);
        fill(heap, m, 0, n);
        heap.gc();
        return new PerEntry(type.toString(), n, heap.mapBytes(), (double) heap.mapBytes() / n);
    }

    /**
     * When memory comes back under different GOGC: a map of n entries is filled, then dropped just
     * after a GC cycle ends, while the rest of the program (with {@code otherLive} bytes live) keeps
     * allocating {@code otherPerOp} bytes per operation; how many operations pass until a cycle
     * frees the map. Dropped right after a cycle, the map waits a whole cycle, the longest wait at
     * that GOGC; a drop at a random point waits a random part of it, which would make the figures
     * depend on where the fill happened to leave the pacer.
     */
    public record Return(int gogc, long opsUntilFreed, long heapPeak, int cycles) {
    }

    public static List<Return> gogcReturn(MapType type, long n, long otherLive, long otherPerOp, int[] gogcs,
                                          GoVersion version) {
        if (otherPerOp <= 0) {
            throw new IllegalArgumentException("the rest of the program must allocate (otherPerOp > 0), or no cycle "
                    + "would ever come; got " + otherPerOp);
        }
        List<Return> out = new ArrayList<>();
        for (int g : gogcs) {
            GoHeap heap = new GoHeap(GcSettings.defaults().go(version).gogc(g).otherLiveBytes(otherLive)
                    .otherAllocPerOp(otherPerOp));
            GoMap m = heap.newMap(type);
            fill(heap, m, 0, n);
            int filled = heap.numGC();
            while (heap.numGC() == filled) {
                heap.op(() -> { });
            }
            heap.release(m);
            long released = heap.opIndex();
            int cyclesBefore = heap.numGC();
            while (heap.numGC() == cyclesBefore) {
                heap.op(() -> { });
            }
            out.add(new Return(g, heap.opIndex() - released, heap.timeline().peakHeapInUse(), heap.numGC()));
        }
        return out;
    }
}
