package maplab.engine.swiss;

import java.util.List;
import java.util.Objects;
import maplab.engine.Allocated;
import maplab.engine.Engine;
import maplab.engine.GoMap;
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.HeapBudget;
import maplab.engine.Listeners;
import maplab.engine.LiveAllocations;
import maplab.engine.MapBuilder;
import maplab.engine.MapListener;
import maplab.engine.MapType;
import maplab.engine.ObjectKind;
import maplab.engine.ReferencesDropped;
import maplab.engine.StepHook;
import maplab.engine.WordCalls;

/**
 * A Go Swiss-table map (internal/runtime/maps of Go 1.24, 1.25 and 1.26) that you can watch: the
 * Swiss engine's {@link GoMap}. Each method is one Go map operation, run by the runtime function
 * the compiler would call for this map type (generic, or the _fast32/_fast64/_fast64ptr/_faststr
 * variant), and checks its arguments before touching the map, so bad input throws an exception
 * naming the problem and changes nothing.
 *
 * <pre>
 *   SwissMap m = SwissMap.builder(MapType.of("uint64", "uint64")).go("1.26").seed(1).build();
 *   for (long k = 0; k < 20; k++) m.set(k, k * k);
 *   System.out.println(maplab.render.TextDiagram.render(m.snapshot()));
 * </pre>
 */
public final class SwissMap implements GoMap {

    /** The largest hint the model allocates tables for: about 19 million slots of Java heap. */
    public static final long MAX_HINT = 1L << 24;

    private final Map m;
    private long ops;
    /** The listeners of the operation in progress (a listener may unlisten meanwhile). */
    private Listeners watching;

    private SwissMap(MapBuilder.MapSpec spec) {
        m = new Map(GroupType.of(spec.type()), spec.version(), spec.hasher(), spec.random());
        for (MapListener l : spec.listeners()) {
            listen(l);
        }
        m.op = 0;
        if (m.events != null) {
            m.events.emit(new Allocated(0, ObjectKind.MAP, 0, Map.SIZE, false));
        }
        if (spec.hint() < 0) {
            Map.newEmptyMap(m);
        } else {
            Map.newMap(m, spec.hint());
        }
        if (m.events != null) {
            m.events.rethrow();
        }
    }

    /** make(map[K]V[, hint]) in a Swiss release. */
    static SwissMap make(MapBuilder.MapSpec spec) {
        if (spec.hint() > MAX_HINT) {
            throw new IllegalArgumentException("hint " + spec.hint() + " is more than this model allocates tables for ("
                    + MAX_HINT + "); Go itself accepts it if the tables fit in memory");
        }
        if (spec.hint() > GroupType.SLOTS) {
            // Each slot costs a control byte and a key and an elem word (or reference); newTable
            // rounds each table up to a power of two, so at most twice hint*8/7 slots.
            long slots = Map.alignUpPow2(spec.hint() * GroupType.SLOTS / Table.MAX_AVG_GROUP_LOAD);
            HeapBudget.require(slots * 17, "hint " + spec.hint() + " (" + slots + " slots)");
        }
        return new SwissMap(spec);
    }

    /** Starts describing {@code make(map[K]V)} of this type. */
    public static Builder builder(MapType type) {
        return new Builder(type);
    }

    /** The choices of {@code make}: Go release (1.24, 1.25 or 1.26; default 1.26), hint, hash, randomness, listeners. */
    public static final class Builder extends MapBuilder<Builder, SwissMap> {

        private Builder(MapType type) {
            super(type, GoVersion.GO1_26, Engine.SWISS, "SwissMap");
        }

        /** make: draws the seed and, for a hint over 8, allocates the directory and its tables. */
        @Override
        public SwissMap build() {
            return make(spec());
        }
    }

    /** m[key] = elem: runtime_mapassign or the fast variant for this map type, then the elem store. */
    @Override
    public void set(Object key, Object elem) {
        key = m.t.key().check("key", key);
        elem = m.t.elem().check("elem", elem);
        Object k = m.t.key().own(key);
        Object e = m.t.elem().own(elem);
        begin();
        switch (m.t.variant()) {
            case GENERIC -> Runtime.mapassign(m, k, e);
            case FAST64PTR -> RuntimeFast.mapassign(m, k, e, false, false);
            case FASTSTR -> RuntimeFast.mapassign(m, k, e, true, m.version.pruneTombstones());
            default -> RuntimeFast.mapassign(m, k, e, false, m.version.pruneTombstones());
        }
        end();
    }

    /**
     * {@code _, ok := m[key]}. A pointer elem can be nil, so a null from {@link #get} means absent
     * only for other elem types; for a pointer elem the slot itself is looked for.
     */
    @Override
    public boolean contains(Object key) {
        Object e = get(key);
        return e != null || (m.t.elem() == GoType.POINTER && m.used() > 0 && m.getWithKey(key) != null);
    }

    /** m[key]: the elem, or null if the key is absent (runtime_mapaccess2 or a fast variant). */
    @Override
    public Object get(Object key) {
        key = m.t.key().check("key", key);
        begin();
        Object e = switch (m.t.variant()) {
            case GENERIC -> Runtime.mapaccess(m, key);
            case FASTSTR -> RuntimeFast.mapaccessStr(m, (String) key);
            default -> RuntimeFast.mapaccess(m, key);
        };
        // Go copies the elem out of the map; a byte[] handed back must not alias the slot.
        Object out = m.t.elem().own(e);
        end();
        return out;
    }

    /**
     * {@code v := m[key]} for a map whose keys and elems are 8-byte integers (map[uint64]uint64,
     * map[int64]int, ...), with neither boxed: runtime_mapaccess1_fast64, which answers the zero
     * value, 0, for an absent key. It touches the map as {@link #get} does, access for access;
     * {@code get} boxes the key it is given and the elem it returns, which is what a Java caller
     * of the Object API pays.
     *
     * @throws IllegalStateException if this map's keys or elems are not 8-byte integers
     */
    @Override
    public long getWord(long key) {
        requireWords("getWord");
        begin();
        long e = RuntimeFast.mapaccessWord(m, key);
        end();
        return e;
    }

    /** m[key] = elem for a map of 8-byte integer keys and elems, unboxed (runtime_mapassign_fast64). */
    @Override
    public void setWord(long key, long elem) {
        requireWords("setWord");
        begin();
        RuntimeFast.mapassignWord(m, key, elem, m.version.pruneTombstones());
        end();
    }

    /** {@code _, ok := m[key]}, unboxed (runtime_mapaccess2_fast64's ok; the elem is not read). */
    @Override
    public boolean containsWord(long key) {
        requireWords("containsWord");
        begin();
        boolean found = RuntimeFast.mapaccessWord(m, key, false) != 0;
        end();
        return found;
    }

    /** delete(m, key), unboxed (runtime_mapdelete_fast64). Returns whether a key was removed. */
    @Override
    public boolean deleteWord(long key) {
        requireWords("deleteWord");
        begin();
        long before = m.peekUsed();
        RuntimeFast.mapdelete(m, null, key);
        end();
        return m.peekUsed() < before;
    }

    private void requireWords(String call) {
        if (!m.t.wordKeys() || !m.t.wordElems() || m.t.variant() != MapType.Variant.FAST64) {
            throw WordCalls.refused(call, m.t.mapType());
        }
    }

    /** delete(m, key): mapdelete or a fast variant, both Map.Delete. */
    @Override
    public boolean delete(Object key) {
        key = m.t.key().check("key", key);
        begin();
        long before = m.peekUsed();
        if (m.t.variant() == MapType.Variant.GENERIC) {
            m.delete(key);
        } else {
            RuntimeFast.mapdelete(m, key);
        }
        end();
        return m.peekUsed() < before;
    }

    /** clear(m), or the for-range-delete loop the compiler turns into the same call (Map.Clear). */
    @Override
    public void clear() {
        begin();
        m.clear();
        end();
    }

    @Override
    public int len() {
        return (int) m.used();
    }

    /** typ.Hasher(key, m.seed): the hash this map computes for key now. */
    @Override
    public long hash(Object key) {
        key = m.t.key().check("key", key);
        return m.hash(key);
    }

    /**
     * Starts {@code for k, v := range m} (mapIterStart: Iter.Init, then Iter.Next), standing on
     * the first entry if any. Until {@link SwissIterator#close()}, the iterator keeps what it
     * points to reachable.
     */
    @Override
    public SwissIterator iterate() {
        Iter it = new Iter();
        begin();
        it.init(m);
        it.next();
        m.openIterators.add(it);
        end();
        return new SwissIterator(this, it);
    }

    /** The loop was left: the Iter no longer keeps anything reachable. */
    void closed(Iter it) {
        if (m.openIterators.remove(it) && m.events != null) {
            Listeners e = m.events;
            e.forget();
            e.emit(new ReferencesDropped(ops));
            e.rethrow();
        }
    }

    /**
     * runtime.GC(): the ids of this map's allocations ({@code directory#k}, {@code table#k},
     * {@code groups#k}) that became unreachable since the previous gc(), in that order, each in
     * ascending k.
     */
    @Override
    public List<String> gc() {
        begin();
        List<String> freed = SwissReachability.collect(m, m.openIterators);
        end();
        return freed;
    }

    @Override
    public LiveAllocations reachable() {
        return SwissReachability.reachable(m, m.openIterators);
    }

    /** A read-only copy of the whole state: header, small group or directory, every table. */
    @Override
    public SwissSnapshot snapshot() {
        return SwissSnapshots.of(m, ops);
    }

    /** The broken invariants, if any (empty when the map is sound). See {@link SwissInvariants}. */
    @Override
    public List<String> check() {
        return SwissInvariants.check(m);
    }

    @Override
    public void listen(MapListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (m.events == null) {
            m.events = new Listeners();
        }
        m.events.add(listener);
    }

    @Override
    public void unlisten(MapListener listener) {
        if (m.events != null && !m.events.remove(listener)) {
            m.events = null;
        }
    }

    @Override
    public void stepHook(StepHook hook) {
        m.hook(hook);
    }

    /** Map.dirLen: 0 for a small map, else 2^globalDepth. */
    public int dirLen() {
        return m.peekDirLen();
    }

    /** Map.globalDepth: the top bits of the hash that pick a table. */
    public int globalDepth() {
        return m.peekGlobalDepth();
    }

    @Override
    public MapType type() {
        return m.t.mapType();
    }

    /** The group layout: slot and group sizes. */
    public GroupType groupType() {
        return m.t;
    }

    @Override
    public GoVersion version() {
        return m.version;
    }

    @Override
    public long opIndex() {
        return ops;
    }

    /** Starts the next operation: its index is carried by every event it causes. */
    void begin() {
        m.op = ++ops;
        watching = m.events;
        if (watching != null) {
            watching.forget();
        }
    }

    /**
     * Ends an operation that ran to its end: throws what a listener threw meanwhile. Listeners
     * run inside the operation, so their exceptions wait until the map is whole again.
     */
    void end() {
        Listeners e = watching;
        if (e != null) {
            watching = null;
            e.rethrow();
        }
    }

    @Override
    public String toString() {
        return m.t + " (" + m.version + ") len=" + m.peekUsed() + " dirLen=" + m.peekDirLen();
    }
}
