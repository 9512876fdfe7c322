package maplab.engine.classic;

import java.util.List;
import java.util.Objects;
import maplab.engine.Allocated;
import maplab.engine.GoMap;
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.HeapBudget;
import maplab.engine.LiveAllocations;
import maplab.engine.MapBuilder;
import maplab.engine.MapListener;
import maplab.engine.MapType;
import maplab.engine.ObjectKind;
import maplab.engine.ReferencesDropped;
import maplab.engine.StepHook;
import maplab.engine.WordCalls;

/**
 * A Go classic map (runtime/map.go of Go 1.19-1.23) that you can watch: the classic engine's
 * {@link GoMap}. Each method is one Go map operation and checks its arguments before touching the
 * map, so bad input throws an exception naming the problem and changes nothing.
 *
 * <pre>
 *   ClassicMap m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(1).build();
 *   for (long k = 0; k < 20; k++) m.set(k, k * k);
 *   System.out.println(maplab.render.TextDiagram.render(m.snapshot()));
 * </pre>
 */
public final class ClassicMap implements GoMap {

    /** new(hmap): the header's size on amd64. */
    static final long HMAP_SIZE = 48;

    private final Hmap h;
    private long ops;
    /** The listeners of the operation in progress (a listener may unlisten meanwhile). */
    private Events watching;

    private ClassicMap(MapBuilder.MapSpec spec) {
        h = new Hmap(BucketType.of(spec.type()), spec.version(), spec.hasher(), spec.random());
        for (MapListener l : spec.listeners()) {
            listen(l);
        }
        h.op = 0;
        if (h.events != null) {
            h.events.emit(new Allocated(0, ObjectKind.HMAP, 0, HMAP_SIZE, false));
        }
        if (spec.hint() < 0) {
            MakeMap.makemapSmall(h);
        } else {
            MakeMap.makemap(h, spec.hint());
        }
        if (h.events != null) {
            h.events.rethrow();
        }
    }

    /** make(map[K]V) of this type in a classic release (default 1.23, the last classic one). */
    static ClassicMap make(MapBuilder.MapSpec spec) {
        int b = MakeMap.bForHint(spec.version(), MakeMap.effectiveHint(BucketType.of(spec.type()), spec.hint()));
        if (b > MakeMap.MAX_B) {
            throw new IllegalArgumentException("hint " + spec.hint() + " needs 2^" + b + " buckets, more than "
                    + "this model allocates (2^" + MakeMap.MAX_B
                    + ", the most whose 16 slots a bucket fit in one Java array)");
        }
        if (b > 0) {
            long nbuckets = (1L << b) + (b >= 4 ? 1L << (b - 4) : 0);
            HeapBudget.require(nbuckets * BucketMemory.bytesPerBucket(BucketType.of(spec.type())),
                    "hint " + spec.hint() + " (2^" + b + " buckets)");
        }
        return new ClassicMap(spec);
    }

    /** Starts describing {@code make(map[K]V)} of this type. */
    public static Builder builder(MapType type) {
        return new Builder(type);
    }

    /** The choices of {@code make}: Go release (1.19, 1.21, 1.22 or 1.23; default 1.23), hint, hash, randomness, listeners. */
    public static final class Builder extends MapBuilder<Builder, ClassicMap> {

        private Builder(MapType type) {
            super(type, GoVersion.GO1_23, maplab.engine.Engine.CLASSIC, "ClassicMap");
        }

        /** make: draws the seed and, for a hint over 8, allocates the bucket array. */
        @Override
        public ClassicMap build() {
            return make(spec());
        }
    }

    /** m[key] = elem (mapassign, and the compiled code's store into the slot it returns). */
    public void set(Object key, Object elem) {
        key = h.t.key().check("key", key);
        elem = h.t.elem().check("elem", elem);
        Object k = h.t.key().own(key);
        Object e = h.t.elem().own(elem);
        begin();
        Assign.mapassign(h, k, e);
        end();
    }

    /** m[key]: the elem, or null if the key is absent (mapaccess1). */
    public Object get(Object key) {
        key = h.t.key().check("key", key);
        begin();
        // Go copies the elem out of the map; a byte[] handed back must not alias the slot.
        Object e = h.t.elem().own(Access.mapaccess(h, key));
        end();
        return e;
    }

    /** m[key] = elem for a map of 8-byte integer keys and elems, unboxed (mapassign_fast64). */
    @Override
    public void setWord(long key, long elem) {
        requireWords("setWord");
        begin();
        Assign.mapassignWord(h, key, elem);
        end();
    }

    /** {@code v := m[key]}, unboxed (mapaccess1_fast64): the elem, or 0 when absent. */
    @Override
    public long getWord(long key) {
        requireWords("getWord");
        begin();
        long e = Access.mapaccessWord(h, key, true);
        end();
        return e;
    }

    /** {@code _, ok := m[key]}, unboxed (mapaccess2_fast64's ok). */
    @Override
    public boolean containsWord(long key) {
        requireWords("containsWord");
        begin();
        boolean found = Access.mapaccessWord(h, key, false) != 0;
        end();
        return found;
    }

    /** delete(m, key), unboxed (mapdelete_fast64). Returns whether a key was removed. */
    @Override
    public boolean deleteWord(long key) {
        requireWords("deleteWord");
        begin();
        boolean removed = Delete.mapdeleteWord(h, key);
        end();
        return removed;
    }

    private void requireWords(String call) {
        if (!h.t.wordKeys() || !h.t.wordElems()) {
            throw WordCalls.refused(call, h.t.mapType());
        }
    }

    /**
     * {@code _, ok := m[key]}. A pointer elem can be nil, so a null from {@link #get} means absent
     * only for other elem types; for a pointer elem the slot itself is looked for.
     */
    @Override
    public boolean contains(Object key) {
        Object e = get(key);
        return e != null || (h.t.elem() == GoType.POINTER && h.count() > 0 && Access.mapaccessK(h, key) != null);
    }

    /** delete(m, key) (mapdelete). Returns whether a key was removed; Go's delete says nothing. */
    public boolean delete(Object key) {
        key = h.t.key().check("key", key);
        begin();
        boolean removed = Delete.mapdelete(h, key);
        end();
        return removed;
    }

    /** clear(m), or the for-range-delete loop the compiler turns into the same call (mapclear). */
    public void clear() {
        begin();
        Clear.mapclear(h);
        end();
    }

    /**
     * Makes every read and write of this map's shared memory a scheduling point of {@code hook}
     * (the race scheduler of {@code maplab.race}); null detaches it. Operations then run the same
     * engine code, step by step.
     */
    public void stepHook(StepHook hook) {
        h.hook(hook);
    }

    /** hmap.B: log2 of the number of buckets. */
    public int B() {
        return h.B();
    }

    /** t.hasher(key, h.hash0): the hash this map computes for key now. */
    public long hash(Object key) {
        key = h.t.key().check("key", key);
        return h.hash(key);
    }

    /** len(m): hmap.count. */
    public int len() {
        return h.count();
    }

    /**
     * Starts {@code for k, v := range m} (mapiterinit), standing on the first entry if any.
     * Until {@link ClassicIterator#close()}, the iterator keeps the buckets it points to
     * reachable, as a live hiter does (see {@link #gc()}).
     */
    public ClassicIterator iterate() {
        Hiter it = new Hiter(h);
        begin();
        it.mapiterinit();
        h.openIterators.add(it);
        end();
        return new ClassicIterator(this, it);
    }

    /**
     * runtime.GC(): the ids of this map's allocations ({@code buckets#k}, {@code overflow#k}) that
     * became unreachable since the previous gc(), buckets first, each in ascending k.
     */
    public List<String> gc() {
        begin();
        List<String> freed = Reachability.collect(h, h.openIterators);
        end();
        return freed;
    }

    /**
     * What the Go garbage collector would reach of this map's memory now, for a heap model. Unlike
     * {@link #gc()} it is no operation: it changes nothing and reports nothing as freed.
     */
    public LiveAllocations reachable() {
        return Reachability.reachable(h, h.openIterators);
    }

    /** The loop was left: the hiter no longer keeps anything reachable. */
    void closed(Hiter it) {
        if (h.openIterators.remove(it) && h.events != null) {
            Events e = h.events;
            e.forget();
            e.emit(new ReferencesDropped(ops));
            e.rethrow();
        }
    }

    /** A read-only copy of the whole state: header, every bucket chain, old buckets, pool. */
    public MapSnapshot snapshot() {
        return Snapshots.of(h, ops);
    }

    /** The broken invariants, if any (empty when the map is sound). See {@link Invariants}. */
    public List<String> check() {
        return Invariants.check(h);
    }

    /** Subscribes a listener to the engine's events. */
    public void listen(MapListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (h.events == null) {
            h.events = new Events();
        }
        h.events.add(listener);
    }

    /** Unsubscribes it; with no listener left, the engine builds no events at all. */
    public void unlisten(MapListener listener) {
        if (h.events != null && !h.events.remove(listener)) {
            h.events = null;
        }
    }

    /** The header, for tests and tools in this package. */
    Hmap hmap() {
        return h;
    }

    public MapType type() {
        return h.t.mapType();
    }

    public GoVersion version() {
        return h.version;
    }

    /** The index of the last operation applied (0 is make). */
    public long opIndex() {
        return ops;
    }

    /** Starts the next operation: its index is carried by every event it causes. */
    void begin() {
        h.op = ++ops;
        watching = h.events;
        if (watching != null) {
            watching.forget();
        }
    }

    /**
     * Ends an operation that ran to its end: throws what a listener threw meanwhile. Listeners
     * run inside the operation, so their exceptions wait until the map is whole again.
     */
    void end() {
        Events e = watching;
        if (e != null) {
            watching = null;
            e.rethrow();
        }
    }

    @Override
    public String toString() {
        return h.t + " (" + h.version + ") len=" + h.count() + " B=" + h.B();
    }
}
