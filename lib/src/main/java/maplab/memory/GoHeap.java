package maplab.memory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.GoVersion;
import maplab.engine.MapType;

/**
 * The Go heap of a program whose memory is its maps (plus, as parameters, the rest of the program),
 * with the GC pacer of its Go release deciding when cycles run (GcPacer). Time is counted in
 * operations: creating a map, each map operation run through {@link #op}, releasing a map, a
 * forced {@link #gc()}. After each operation the heap records a timeline point and, if the pacer's
 * heapLive has reached the trigger, runs a cycle.
 *
 * <pre>
 *   GoHeap heap = new GoHeap(GcSettings.defaults().gogc(100));
 *   GoMap m = heap.newMap(MapType.of("uint64", "uint64"));
 *   for (long k = 0; k < 100_000; k++) { long key = k; heap.op(() -> m.set(key, key)); }
 *   heap.timeline().cycles();
 * </pre>
 *
 * <p>A cycle is atomic at the end of the operation during which the heap reached the trigger: it
 * marks what is reachable then, frees every object found unreachable (so an object is freed at the
 * end of the first cycle that starts after it became unreachable), and sets heapMarked to what is
 * left. The runtime starts the cycle inside the allocation that crossed the trigger and marks
 * concurrently; objects that die within that same operation therefore survive one cycle longer
 * there than here.
 */
public final class GoHeap {

    private final GcSettings settings;
    private final GcPacer pacer;
    private final Timeline timeline = new Timeline();
    private final List<MapMemory> maps = new ArrayList<>();
    private final Map<GoMap, MapMemory> byMap = new IdentityHashMap<>();
    /** Map objects allocated and not yet freed. */
    private final List<HeapObject> unfreed = new ArrayList<>();
    private long op;
    private long heapInUse;
    /** The pacer's heapLive: heapInUse plus the unused slots of the spans cached since the last cycle. */
    private long heapLive;
    private final SpanCache spans;
    private long mapBytes;
    private long otherGarbage;
    private int cycles;

    public GoHeap(GcSettings settings) {
        this.settings = Objects.requireNonNull(settings, "GC settings");
        this.pacer = new GcPacer(settings);
        this.heapInUse = settings.otherLiveBytes();
        this.heapLive = heapInUse;
        this.spans = new SpanCache(settings.version().mallocHeaders(), settings.greenTeaGC());
        record();
    }

    public GcSettings settings() { return settings; }

    GoVersion version() { return settings.version(); }

    /** The index of the last operation (0 before any). */
    public long opIndex() { return op; }

    public Timeline timeline() { return timeline; }

    /** HeapAlloc now. */
    public long heapInUse() { return heapInUse; }

    /**
     * The pacer's heapLive now: HeapAlloc, plus with {@link GcSettings#spanCache(boolean)} the free
     * slots of the spans cached since the last cycle ({@link SpanCache}).
     */
    public long heapLive() { return heapLive; }

    /** The map objects not yet freed (reachable or not). */
    public long mapBytes() { return mapBytes; }

    public long heapGoal() { return pacer.goal(heapInUse); }

    public long trigger() { return pacer.trigger(heapInUse); }

    /** make(map[K]V) on this heap, in the heap's Go version (either engine). */
    public GoMap newMap(MapType type) {
        return newMap(type, b -> b);
    }

    /** make(map[K]V, hint). */
    public GoMap newMap(MapType type, long hint) {
        return newMap(type, b -> b.hint(hint));
    }

    /**
     * make with builder options (hint, seed, hasher, random source) as one operation. The map
     * escapes to the heap (new(hmap)), and is built for the heap's Go version whatever the options say.
     */
    public GoMap newMap(MapType type, UnaryOperator<GoMaps.Builder> options) {
        Objects.requireNonNull(type, "map type");
        Objects.requireNonNull(options, "builder options");
        GoMaps.Builder b = options.apply(GoMaps.builder(type));
        op++;
        MapMemory mm = new MapMemory(this, "m" + maps.size(), type.slotHasPointers());
        GoMap m = b.go(settings.version()).listener(mm).build();
        mm.bind(m);
        maps.add(mm);
        byMap.put(m, mm);
        endOperation();
        return m;
    }

    /** Runs one map operation (or a few, counted as one) and accounts for it. */
    public void op(Runnable operation) {
        Objects.requireNonNull(operation, "operation");
        op++;
        operation.run();
        endOperation();
    }

    /** Runs one map operation that returns a value (a get, an iterator start...). */
    public <T> T op(Supplier<T> operation) {
        Objects.requireNonNull(operation, "operation");
        op++;
        T v = operation.get();
        endOperation();
        return v;
    }

    /** The program drops its last reference to {@code m}: all its objects become unreachable. */
    public void release(GoMap m) {
        MapMemory mm = byMap.get(Objects.requireNonNull(m, "map"));
        if (mm == null) {
            throw new IllegalArgumentException("map " + m + " was not made on this heap (use GoHeap.newMap)");
        }
        if (mm.released()) {
            throw new IllegalStateException("map " + mm.name() + " was already released");
        }
        op++;
        mm.release();
        endOperation();
    }

    /** runtime.GC(): one forced cycle, as an operation of its own. */
    public GcCycle gc() {
        op++;
        account();
        GcCycle c = cycle(true);
        record();
        return c;
    }

    /** Called by MapMemory for each new object. */
    void allocated(HeapObject o, boolean noscan, boolean large) {
        heapInUse += o.bytes();
        heapLive += settings.spanCache() ? spans.allocate(o.bytes(), noscan, large) : o.bytes();
        mapBytes += o.bytes();
        unfreed.add(o);
        timeline.object(o);
    }

    private void account() {
        heapInUse += settings.otherAllocPerOp();
        heapLive += settings.otherAllocPerOp();
        otherGarbage += settings.otherAllocPerOp();
        for (MapMemory mm : maps) {
            mm.afterOperation();
        }
    }

    private void endOperation() {
        account();
        // gcTrigger{kind: gcTriggerHeap}.test(); one cycle per operation at most, so that a heap
        // whose goal is its live heap (memory limit reached) runs cycles back to back, not forever.
        if (pacer.shouldStart(heapLive, heapInUse)) {
            cycle(false);
        }
        record();
    }

    /** gcStart .. gcMarkTermination .. sweep, at once: mark from the maps' roots, free the rest. */
    private GcCycle cycle(boolean forced) {
        long atStart = heapInUse;
        long liveAtStart = heapLive;
        for (MapMemory mm : maps) {
            mm.markUnreachable();
        }
        long freed = otherGarbage;
        otherGarbage = 0;
        List<HeapObject> keep = new ArrayList<>(unfreed.size());
        for (HeapObject o : unfreed) {
            if (o.isUnreachable()) {
                o.markFreed(op);
                freed += o.bytes();
                mapBytes -= o.bytes();
            } else {
                keep.add(o);
            }
        }
        unfreed.clear();
        unfreed.addAll(keep);
        heapInUse -= freed;
        // resetLive(heapMarked), then mcache.releaseAll.
        heapLive = heapInUse;
        spans.releaseAll();
        pacer.endCycle(heapInUse);
        GcCycle c = new GcCycle(++cycles, op, forced, atStart, liveAtStart, freed, heapInUse, pacer.goal(heapInUse),
                pacer.trigger(heapInUse));
        timeline.cycle(c);
        return c;
    }

    private void record() {
        timeline.point(op, heapInUse, mapBytes, pacer.goal(heapInUse), pacer.trigger(heapInUse));
    }

    /** The number of cycles run so far (NumGC), forced ones included. */
    public int numGC() {
        return cycles;
    }
}
