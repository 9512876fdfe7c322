package maplab.engine.classic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import maplab.engine.Hasher;
import maplab.engine.RandomSource;
import maplab.engine.StandardHasher;

/**
 * A Go classic map (runtime/map.go of Go 1.19-1.23) that you can watch: the public face of the
 * engine. Each method is one Go map operation and checks its arguments before touching the map,
 * so bad input throws an exception naming the problem and changes nothing.
 *
 * <pre>
 *   ClassicMap m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(1).build();
 *   for (long k = 0; k < 20; k++) m.set(k, k * k);
 *   System.out.println(maplab.render.TextDiagram.render(m.snapshot()));
 * </pre>
 */
public final class ClassicMap {

    private final Hmap h;
    private long ops;

    private ClassicMap(Builder b, RandomSource random) {
        h = new Hmap(b.type, b.version, b.hasher, random);
        for (MapListener l : b.listeners) {
            listen(l);
        }
        h.op = 0;
        if (b.hint < 0) {
            MakeMap.makemapSmall(h);
        } else {
            MakeMap.makemap(h, b.hint);
        }
    }

    /** Starts describing {@code make(map[K]V)} of this type. */
    public static Builder builder(MapType type) {
        return new Builder(type);
    }

    /** The choices of {@code make}: Go version, hint, hash, random source, listeners. */
    public static final class Builder {
        private final MapType type;
        private GoVersion version = GoVersion.GO1_23;
        private long hint = -1;
        private Hasher hasher = StandardHasher.INSTANCE;
        private RandomSource random;
        private long seed = 1;
        private final List<MapListener> listeners = new ArrayList<>();

        private Builder(MapType type) {
            this.type = Objects.requireNonNull(type, "map type");
        }

        /** The Go release to model: "1.19", "1.21", "1.22", "1.23" (default 1.23, the last classic one). */
        public Builder go(String release) {
            this.version = GoVersion.parse(release);
            return this;
        }

        public Builder go(GoVersion version) {
            this.version = Objects.requireNonNull(version, "Go version");
            return this;
        }

        /** make(map[K]V, hint). Without it, make(map[K]V). */
        public Builder hint(long hint) {
            if (hint < 0) {
                throw new IllegalArgumentException("hint must be >= 0, got " + hint + ": Go refuses a negative "
                        + "constant hint at compile time and treats a negative variable as 0; pass 0, or leave "
                        + "the hint out for make(map[K]V) (hint -1 in a trace)");
            }
            this.hint = hint;
            return this;
        }

        public Builder hasher(Hasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /** The random source of seeds and iterator starts; overrides {@link #seed}. */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random source");
            return this;
        }

        /** Seeds the default random source (default 1), for a reproducible run. */
        public Builder seed(long seed) {
            this.seed = seed;
            this.random = null;
            return this;
        }

        public Builder listener(MapListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** make: draws the seed and, for a hint over 8, allocates the bucket array. */
        public ClassicMap build() {
            int b = MakeMap.bForHint(version, MakeMap.effectiveHint(type, hint));
            if (b > MakeMap.MAX_B) {
                throw new IllegalArgumentException("hint " + hint + " needs 2^" + b + " buckets, more than this "
                        + "model allocates (2^" + MakeMap.MAX_B + ")");
            }
            return new ClassicMap(this, random != null ? random : RandomSource.seeded(seed));
        }
    }

    /** m[key] = elem (mapassign, and the compiled code's store into the slot it returns). */
    public void set(Object key, Object elem) {
        h.t.key().check("key", key);
        h.t.elem().check("elem", elem);
        Object k = h.t.key().own(key);
        Object e = h.t.elem().own(elem);
        begin();
        Assign.mapassign(h, k, e);
    }

    /** m[key]: the elem, or null if the key is absent (mapaccess1). */
    public Object get(Object key) {
        h.t.key().check("key", key);
        begin();
        // Go copies the elem out of the map; a byte[] handed back must not alias the slot.
        return h.t.elem().own(Access.mapaccess(h, key));
    }

    /** _, ok := m[key] (mapaccess2). */
    public boolean contains(Object key) {
        return get(key) != null;
    }

    /** delete(m, key) (mapdelete). Returns whether a key was removed; Go's delete says nothing. */
    public boolean delete(Object key) {
        h.t.key().check("key", key);
        begin();
        return Delete.mapdelete(h, key);
    }

    /** clear(m), or the for-range-delete loop the compiler turns into the same call (mapclear). */
    public void clear() {
        begin();
        Clear.mapclear(h);
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
        h.t.key().check("key", key);
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
        return new ClassicIterator(this, it);
    }

    /**
     * runtime.GC(): the ids of this map's allocations ({@code buckets#k}, {@code overflow#k}) that
     * became unreachable since the previous gc(), buckets first, each in ascending k.
     */
    public List<String> gc() {
        begin();
        return Reachability.collect(h, h.openIterators);
    }

    /**
     * What the Go garbage collector would reach of this map's memory now, for a heap model. Unlike
     * {@link #gc()} it is no operation: it changes nothing and reports nothing as freed.
     */
    public LiveAllocations reachable() {
        Reachability.Live live = Reachability.reachable(h, h.openIterators);
        return new LiveAllocations(live.arrays(), live.overflow(), live.slices(), live.indirect());
    }

    void closed(Hiter it) {
        h.openIterators.remove(it);
    }

    /** A whole {@code for k, v := range m} with no writes inside: the entries in the order produced. */
    public List<Map.Entry<Object, Object>> entries() {
        List<Map.Entry<Object, Object>> out = new ArrayList<>(len());
        ClassicIterator it = iterate();
        for (; it.hasEntry(); it.next()) {
            out.add(it.entry());
        }
        it.close();
        return out;
    }

    /** The keys of a whole range loop, in the order produced. */
    public List<Object> keys() {
        List<Object> out = new ArrayList<>(len());
        ClassicIterator it = iterate();
        for (; it.hasEntry(); it.next()) {
            out.add(it.key());
        }
        it.close();
        return out;
    }

    /** A read-only copy of the whole state: header, every bucket chain, old buckets, pool. */
    public MapSnapshot snapshot() {
        return Snapshots.of(h, ops);
    }

    /** The broken invariants, if any (empty when the map is sound). See {@link Invariants}. */
    public List<String> check() {
        return Invariants.check(h);
    }

    /** Throws IllegalStateException listing every broken invariant. */
    public void checkInvariants() {
        List<String> broken = check();
        if (!broken.isEmpty()) {
            throw new IllegalStateException("map invariants broken after operation " + ops + ":\n  "
                    + String.join("\n  ", broken));
        }
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
        return h.t;
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
    }

    @Override
    public String toString() {
        return h.t + " (" + h.version + ") len=" + h.count() + " B=" + h.B();
    }
}
