package maplab.engine.classic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import maplab.engine.ControlledHash;
import maplab.engine.Draw;
import maplab.engine.EngineEvent;
import maplab.engine.GoType;
import maplab.engine.MapListener;
import maplab.engine.MapType;
import maplab.engine.RandomSource;

/** Shared fixtures of the rule tests: scripted randomness, an event recorder, layout helpers. */
final class Lab {

    static final MapType U64 = MapType.of(GoType.UINT64, GoType.UINT64);
    static final MapType STR_U64 = MapType.of(GoType.STRING, GoType.UINT64);
    static final MapType F64_U64 = MapType.of(GoType.FLOAT64, GoType.UINT64);

    /** The Go versions the engine models. */
    static final String[] VERSIONS = {"1.19", "1.21", "1.22", "1.23"};

    private Lab() {
    }

    /**
     * A random source that hands out queued values per purpose and records every draw. Without a
     * queued value: HASH_SEED returns 0x5eed0001, 0x5eed0002, ... (so a reseed is visible),
     * ITER_START returns 0 (start bucket 0, offset 0); any other draw fails the test.
     */
    static final class ScriptedRandom implements RandomSource {
        private final Map<Draw, ArrayDeque<Long>> queued = new EnumMap<>(Draw.class);
        final List<Draw> draws = new ArrayList<>();
        private long seeds = 0x5eed0000L;

        ScriptedRandom queue(Draw purpose, long... values) {
            ArrayDeque<Long> q = queued.computeIfAbsent(purpose, p -> new ArrayDeque<>());
            for (long v : values) {
                q.add(v);
            }
            return this;
        }

        @Override
        public long next(Draw purpose) {
            draws.add(purpose);
            ArrayDeque<Long> q = queued.get(purpose);
            if (q != null && !q.isEmpty()) {
                return q.poll();
            }
            switch (purpose) {
                case HASH_SEED:
                    return ++seeds;
                case ITER_START:
                    return 0;
                default:
                    throw new AssertionError("unexpected random draw for " + purpose);
            }
        }

        long count(Draw purpose) {
            return draws.stream().filter(d -> d == purpose).count();
        }

        /** Whether every queued value was used. */
        boolean drained() {
            return queued.values().stream().allMatch(ArrayDeque::isEmpty);
        }
    }

    /** Records the engine's events. */
    static final class Recorder implements MapListener {
        final List<MapEvent> events = new ArrayList<>();

        @Override
        public void onEvent(EngineEvent event) {
            if (event instanceof MapEvent e) {
                events.add(e);
            }
        }

        <T extends MapEvent> List<T> of(Class<T> kind) {
            List<T> out = new ArrayList<>();
            for (MapEvent e : events) {
                if (kind.isInstance(e)) {
                    out.add(kind.cast(e));
                }
            }
            return out;
        }

        /** The events of one operation, by op index. */
        List<MapEvent> ofOp(long op) {
            List<MapEvent> out = new ArrayList<>();
            for (MapEvent e : events) {
                if (e.op() == op) {
                    out.add(e);
                }
            }
            return out;
        }

        /** The simple class names of the events of one operation, in order. */
        List<String> kindsOfOp(long op) {
            List<String> out = new ArrayList<>();
            for (MapEvent e : ofOp(op)) {
                out.add(e.getClass().getSimpleName());
            }
            return out;
        }

        void clear() {
            events.clear();
        }
    }

    /** m[key] = key * 10, after giving key the hash with these low bits and this top byte. */
    static void put(ClassicMap m, ControlledHash hash, long key, long lowBits, int top) {
        hash.place(key, lowBits, top);
        m.set(key, key * 10);
    }

    /**
     * Fills a map made with hint 14 (B = 2) with 26 keys: the most Go 1.19/1.22/1.23 hold at B = 2.
     * Bucket 0: keys 1..7 (low bits 0, all go to X); bucket 1: keys 11..17 (low bits 1,5,1,5,1,5,1);
     * bucket 2: keys 21..26 (low bits 2,6,6,2,6,2); bucket 3: keys 31..36 (low bits 3). Putting
     * key 27 with low bits 2 then starts the doubling and evacuates old 2 and old 0.
     */
    static void fillB2(ClassicMap m, ControlledHash hash) {
        for (long k = 1; k <= 7; k++) {
            put(m, hash, k, 0);
        }
        long[] b1 = {1, 5, 1, 5, 1, 5, 1};
        for (int i = 0; i < b1.length; i++) {
            put(m, hash, 11 + i, b1[i]);
        }
        long[] b2 = {2, 6, 6, 2, 6, 2};
        for (int i = 0; i < b2.length; i++) {
            put(m, hash, 21 + i, b2[i]);
        }
        for (long k = 31; k <= 36; k++) {
            put(m, hash, k, 3);
        }
        if (m.len() != 26) {
            throw new AssertionError("fillB2 expects an empty map");
        }
    }

    /**
     * Brings a map made with hint 14 (B = 2, Go 1.23) to count 25 and noverflow 4 without growing:
     * each bucket b receives keys 10b+1..10b+9 (the 9th in a new overflow bucket), then deletes of
     * its first keys keep count low. Bucket 0 keeps 4..9 (slots 0..2 emptyOne), bucket 1 keeps
     * 14..19, bucket 2 keeps 26..29, bucket 3 keeps 31..39. One more new key starts a same-size growth.
     */
    static void fillSameSizeReady(ClassicMap m, ControlledHash hash) {
        int[] deletes = {3, 3, 5, 0};
        for (int b = 0; b < 4; b++) {
            for (int j = 1; j <= 9; j++) {
                put(m, hash, 10L * b + j, b);
            }
            for (int j = 1; j <= deletes[b]; j++) {
                m.delete(10L * b + j);
            }
        }
        if (m.len() != 25 || m.snapshot().noverflow() != 4 || m.snapshot().growing()) {
            throw new AssertionError("fillSameSizeReady expects an empty map of B = 2");
        }
    }

    /** The keys an iterator produces from where it stands to the end. */
    static List<Object> drainKeys(ClassicIterator it) {
        List<Object> out = new ArrayList<>();
        for (; it.hasEntry(); it.next()) {
            out.add(it.key());
        }
        return out;
    }

    /** The entries an iterator produces from where it stands to the end. */
    static List<Map.Entry<Object, Object>> drain(ClassicIterator it) {
        List<Map.Entry<Object, Object>> out = new ArrayList<>();
        for (; it.hasEntry(); it.next()) {
            out.add(it.entry());
        }
        return out;
    }

    /** A distinct top byte per small key: 0x20 + key (mod 0xd0), never a reserved state. */
    static int top(long key) {
        return 0x20 + (int) (key % 0xd0);
    }

    /** put with {@link #top(long)}. */
    static void put(ClassicMap m, ControlledHash hash, long key, long lowBits) {
        put(m, hash, key, lowBits, top(key));
    }

    static SlotRefs slots() {
        return new SlotRefs();
    }

    /** Builds lists of slot references. */
    static final class SlotRefs {
        private final List<MapEvent.SlotRef> out = new ArrayList<>();

        SlotRefs at(String bucket, int slot) {
            out.add(new MapEvent.SlotRef(bucket, slot));
            return this;
        }

        List<MapEvent.SlotRef> list() {
            return out;
        }
    }

    /** The map's header, for the tests that must build states no operation produces. */
    static Hmap hmap(ClassicMap m) {
        return m.hmap();
    }

    /** The 8 tophash bytes of a snapshot bucket as a list. */
    static List<Integer> tophashes(BucketSnapshot b) {
        return b.tophashes();
    }

    /** The raw keys of a bucket, slot by slot (null where cleared). */
    static List<Object> rawKeys(BucketSnapshot b) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            out.add(b.rawKey(i));
        }
        return out;
    }

    /** The live keys of a bucket in slot order. */
    static List<Object> liveKeys(BucketSnapshot b) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            if (b.live(i)) {
                out.add(b.key(i));
            }
        }
        return out;
    }

    /** The names of the buckets of a chain. */
    static List<String> chainNames(BucketSnapshot head) {
        List<String> out = new ArrayList<>();
        for (BucketSnapshot b : head.chain()) {
            out.add(b.name());
        }
        return out;
    }

    /** Everything a snapshot says except the op index, to compare states. */
    static String describe(MapSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append(s.type()).append(' ').append(s.version()).append(" count=").append(s.count())
                .append(" flags=").append(s.flags()).append(" B=").append(s.B()).append(" noverflow=")
                .append(s.noverflow()).append(" hash0=").append(s.hash0()).append(" nevacuate=")
                .append(s.nevacuate()).append(" free=").append(s.nextOverflowFree()).append(" array=")
                .append(s.arrayId()).append(" old=").append(s.oldArrayId()).append('\n');
        chains(out, "new", s.buckets());
        chains(out, "old", s.oldbuckets());
        return out.toString();
    }

    private static void chains(StringBuilder out, String what, List<BucketSnapshot> heads) {
        for (int i = 0; i < heads.size(); i++) {
            for (BucketSnapshot b : heads.get(i).chain()) {
                out.append(what).append('[').append(i).append("] ").append(b.name());
                for (int j = 0; j < 8; j++) {
                    out.append(' ').append(b.tophash(j)).append(':').append(GoType.show(b.rawKey(j)))
                            .append('=').append(GoType.show(b.elem(j)));
                }
                out.append('\n');
            }
        }
    }
}
