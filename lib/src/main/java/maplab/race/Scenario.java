package maplab.race;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.MapType;

/**
 * A race scenario: a map in an initial state, shared by simulated goroutines that each run a
 * short list of statements, with optional mutexes, channels and WaitGroups. Declared in a few
 * lines, for example two unsynchronised writers:
 *
 * <pre>{@code
 * Scenario s = Scenario.named("two-inserts").initial(100)
 *         .goroutine(g -> g.set(1, 1))
 *         .goroutine(g -> g.set(2, 2))
 *         .build();
 * Exploration e = s.explore();          // every schedule with at most 2 preemptions
 * }</pre>
 *
 * The map is a {@code map[uint64]uint64} of Go 1.19 unless {@link Builder#map} and
 * {@link Builder#go} say otherwise. The main goroutine builds the initial state before it starts
 * the goroutines, so it happens before all of them; each goroutine starts at its first statement.
 */
public final class Scenario {

    /** More goroutines make exhaustive search hopeless and the bit masks of the scheduler run out. */
    public static final int MAX_GOROUTINES = 8;

    private final String name;
    private final MapType type;
    private final GoVersion version;
    private final long hint;
    private final Map<Object, Object> initial;
    private final List<List<Op>> goroutines;
    private final Map<String, Integer> channels;
    private final List<String> mutexes;
    private final Map<String, Integer> waitGroups;

    private Scenario(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.version = b.version;
        this.hint = b.hint;
        this.initial = Collections.unmodifiableMap(new LinkedHashMap<>(b.initial));
        List<List<Op>> gs = new ArrayList<>();
        for (List<Op> g : b.goroutines) {
            gs.add(List.copyOf(g));
        }
        this.goroutines = List.copyOf(gs);
        this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(b.channels));
        this.mutexes = List.copyOf(b.mutexes);
        this.waitGroups = Collections.unmodifiableMap(new LinkedHashMap<>(b.waitGroups));
    }

    /** Starts a scenario; the name labels tables and matches the oracle's real-runtime runs. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() { return name; }

    public MapType type() { return type; }

    public GoVersion version() { return version; }

    /** The entries the main goroutine inserts before starting the goroutines, in order. */
    public Map<Object, Object> initial() { return initial; }

    /** The statements of each goroutine; goroutine i is G(i+1) in tables. */
    public List<List<Op>> goroutines() { return goroutines; }

    public Map<String, Integer> channels() { return channels; }

    public List<String> mutexes() { return mutexes; }

    public Map<String, Integer> waitGroups() { return waitGroups; }

    /** The map in its initial state, built sequentially, with the given hash seed. */
    GoMap newMap(long seed) {
        GoMap m = GoMaps.builder(type).go(version).hint(hint).seed(seed).build();
        initial.forEach(m::set);
        return m;
    }

    /** Every schedule with at most 2 preemptions (see {@link Explorer}). */
    public Exploration explore() {
        return new Explorer(this).explore();
    }

    /** Every schedule with at most {@code preemptions} preemptions. */
    public Exploration explore(int preemptions) {
        return new Explorer(this).preemptions(preemptions).explore();
    }

    /** {@code schedules} random schedules (PCT, depth 3) from {@code seed}. */
    public Exploration sample(int schedules, long seed) {
        return new Explorer(this).sample(schedules, seed);
    }

    /** An explorer to configure (preemption bound, hash seeds, step limit). */
    public Explorer explorer() {
        return new Explorer(this);
    }

    /** The scenario as the Go program it stands for ({@link GoSource}). */
    public String goSource() {
        return GoSource.of(this);
    }

    /** The size hint of make(map[K]V, hint); 0 for none. */
    long hint() { return hint; }

    @Override
    public String toString() {
        return "Scenario " + name + " (" + type + ", " + version + ", " + goroutines.size() + " goroutines)";
    }

    /** Declares a scenario; {@link #build()} checks it and names the first problem. */
    public static final class Builder {
        private final String name;
        private MapType type = MapType.of(GoType.UINT64, GoType.UINT64);
        private GoVersion version = GoVersion.GO1_19;
        private long hint;
        private final Map<Object, Object> initial = new LinkedHashMap<>();
        private final List<List<Op>> goroutines = new ArrayList<>();
        private final Map<String, Integer> channels = new LinkedHashMap<>();
        private final List<String> mutexes = new ArrayList<>();
        private final Map<String, Integer> waitGroups = new LinkedHashMap<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a scenario needs a name");
            }
            this.name = name;
        }

        /** The map's type (default map[uint64]uint64). */
        public Builder map(MapType type) {
            this.type = Objects.requireNonNull(type, "map type");
            return this;
        }

        /** The map's type by Go names, e.g. {@code map("int64", "string")}. */
        public Builder map(String key, String elem) {
            return map(MapType.of(key, elem));
        }

        /** The Go release modelled: 1.19 (default), 1.21-1.23 (classic map) or 1.24-1.26 (Swiss tables). */
        public Builder go(String release) {
            this.version = GoVersion.parse(release);
            return this;
        }

        /** make(map[K]V, hint). */
        public Builder hint(long hint) {
            if (hint < 0) {
                throw new IllegalArgumentException("hint " + hint + " is negative");
            }
            this.hint = hint;
            return this;
        }

        /** Initial entries key -> key (for integer maps; {@link #put} for others). */
        public Builder initial(Object... keys) {
            for (Object k : keys) {
                put(k, k);
            }
            return this;
        }

        /** One initial entry. */
        public Builder put(Object key, Object elem) {
            initial.put(value("initial key", type.key(), key), value("initial elem", type.elem(), elem));
            return this;
        }

        public Builder mutex(String name) {
            declare(name);
            mutexes.add(name);
            return this;
        }

        /** A channel of struct{} with the given buffer (0: unbuffered). */
        public Builder channel(String name, int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("channel " + name + ": capacity " + capacity + " is negative");
            }
            declare(name);
            channels.put(name, capacity);
            return this;
        }

        /** A WaitGroup after {@code wg.Add(count)} in the main goroutine. */
        public Builder waitGroup(String name, int count) {
            if (count < 0) {
                throw new IllegalArgumentException("WaitGroup " + name + ": Add(" + count + ") is negative");
            }
            declare(name);
            waitGroups.put(name, count);
            return this;
        }

        /** Adds a goroutine and declares its statements in order. */
        public Builder goroutine(Consumer<G> body) {
            G g = new G(this);
            body.accept(g);
            if (g.ops.isEmpty()) {
                throw new IllegalArgumentException("goroutine G" + (goroutines.size() + 1) + " has no statements");
            }
            goroutines.add(g.ops);
            return this;
        }

        public Scenario build() {
            if (goroutines.isEmpty()) {
                throw new IllegalArgumentException("scenario " + name + " has no goroutines");
            }
            if (goroutines.size() > MAX_GOROUTINES) {
                throw new IllegalArgumentException("scenario " + name + " has " + goroutines.size()
                        + " goroutines; at most " + MAX_GOROUTINES);
            }
            if (type.variant() == MapType.Variant.FASTSTR) {
                throw new IllegalArgumentException(type + ": for string keys the compiler calls the _faststr "
                        + "functions, whose order of memory accesses the model does not follow yet; use integer "
                        + "keys (the _fast32/_fast64 functions) or a key type of the generic path");
            }
            return new Scenario(this);
        }

        private void declare(String name) {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("\"" + name + "\" is not a Go identifier");
            }
            if (mutexes.contains(name) || channels.containsKey(name) || waitGroups.containsKey(name)) {
                throw new IllegalArgumentException(name + " is declared twice");
            }
        }

        private Object value(String role, GoType t, Object v) {
            // Integer literals from a notebook cell are ints; a uint64 map takes longs.
            if (t.javaType() == Long.class && v instanceof Integer i) {
                v = i.longValue();
            } else if (t.javaType() == Integer.class && v instanceof Long l && l == l.intValue()) {
                v = l.intValue();
            }
            t.check(role, v);
            return t.own(v);
        }

        private void need(String kind, String name, boolean declared) {
            if (!declared) {
                throw new IllegalArgumentException(kind + " " + name + " is not declared; declare it on the "
                        + "scenario first (." + kind.toLowerCase(java.util.Locale.ROOT).replace("waitgroup", "waitGroup")
                        + "(\"" + name + "\"" + (kind.equals("mutex") ? "" : ", n") + "))");
            }
        }
    }

    /** The statements of one goroutine, in program order. */
    public static final class G {
        private final Builder b;
        private final List<Op> ops = new ArrayList<>();

        private G(Builder b) {
            this.b = b;
        }

        /** m[key] = elem. */
        public G set(Object key, Object elem) {
            ops.add(new Op.Set(b.value("key", b.type.key(), key), b.value("elem", b.type.elem(), elem)));
            return this;
        }

        /** _ = m[key]. */
        public G get(Object key) {
            ops.add(new Op.Get(b.value("key", b.type.key(), key)));
            return this;
        }

        /** delete(m, key). */
        public G delete(Object key) {
            ops.add(new Op.Delete(b.value("key", b.type.key(), key)));
            return this;
        }

        /** for k, v := range m {}. */
        public G range() {
            ops.add(new Op.Range());
            return this;
        }

        /** clear(m). */
        public G clear() {
            ops.add(new Op.Clear());
            return this;
        }

        public G lock(String mutex) {
            b.need("mutex", mutex, b.mutexes.contains(mutex));
            ops.add(new Op.Lock(mutex));
            return this;
        }

        public G unlock(String mutex) {
            b.need("mutex", mutex, b.mutexes.contains(mutex));
            ops.add(new Op.Unlock(mutex));
            return this;
        }

        public G send(String channel) {
            b.need("channel", channel, b.channels.containsKey(channel));
            ops.add(new Op.Send(channel));
            return this;
        }

        public G recv(String channel) {
            b.need("channel", channel, b.channels.containsKey(channel));
            ops.add(new Op.Recv(channel));
            return this;
        }

        /** wg.Done(). */
        public G done(String waitGroup) {
            b.need("WaitGroup", waitGroup, b.waitGroups.containsKey(waitGroup));
            ops.add(new Op.Done(waitGroup));
            return this;
        }

        /** wg.Wait() (named await: Java's Object has a wait). */
        public G await(String waitGroup) {
            b.need("WaitGroup", waitGroup, b.waitGroups.containsKey(waitGroup));
            ops.add(new Op.Wait(waitGroup));
            return this;
        }
    }
}
