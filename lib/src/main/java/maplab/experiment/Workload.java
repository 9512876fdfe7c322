package maplab.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import maplab.engine.EngineEvent;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import maplab.engine.classic.MapSnapshot;

/**
 * A {@code map[uint64]uint64} of either engine driven by one seeded {@link Random}: random
 * distinct keys, random deletes, and the engine's events of the last operation. The map's own
 * seed (hash0 or seed, iterator starts) is drawn from the same Random, so one seed fixes the
 * whole run.
 */
final class Workload {

    static final MapType TYPE = MapType.of("uint64", "uint64");

    final GoMap map;
    final GoVersion version;
    final Random random;
    private final List<Long> live = new ArrayList<>();
    private final Set<Long> present = new HashSet<>();
    /** The events of the operations since the last {@link #clearEvents()}. */
    final List<EngineEvent> events = new ArrayList<>();

    Workload(Random random, GoVersion version) {
        this.random = random;
        this.version = version;
        this.map = GoMaps.builder(TYPE).go(version).seed(random.nextLong()).build();
        map.listen(events::add);
    }

    /**
     * The start of a churn experiment: checks its parameters, then a map of {@code size} fresh keys
     * (the churn itself, delete one and insert one, is the caller's loop).
     */
    static Workload forChurn(int size, int churnOps, int every, long seed, GoVersion version) {
        Params.between("size", size, 1, 100_000);
        Params.between("churnOps", churnOps, 0, 10_000_000);
        Params.between("every", every, 1, Math.max(1, churnOps));
        Workload w = new Workload(new Random(seed), version);
        for (int i = 0; i < size; i++) {
            w.insertFresh();
        }
        return w;
    }

    /** A key not in the map (non-negative, to read well in tables). */
    long freshKey() {
        while (true) {
            long k = random.nextLong() & Long.MAX_VALUE;
            if (!present.contains(k)) {
                return k;
            }
        }
    }

    /** Inserts a fresh key and returns it. */
    long insertFresh() {
        long k = freshKey();
        map.setWord(k, k);
        live.add(k);
        present.add(k);
        return k;
    }

    /** Deletes a random live key and returns it. */
    long deleteRandom() {
        int i = random.nextInt(live.size());
        long k = live.get(i);
        live.set(i, live.get(live.size() - 1));
        live.remove(live.size() - 1);
        present.remove(k);
        map.deleteWord(k);
        return k;
    }

    /** One churn step: delete a random live key (if any), insert a fresh one. */
    void churn() {
        if (!live.isEmpty()) {
            deleteRandom();
        }
        insertFresh();
    }

    /** The classic state, for the experiments of what only the classic map has. */
    MapSnapshot classic() {
        return (MapSnapshot) map.snapshot();
    }

    List<Long> liveKeys() {
        return live;
    }

    int size() {
        return live.size();
    }

    void clearEvents() {
        events.clear();
    }

    <E extends EngineEvent> List<E> events(Class<E> kind) {
        List<E> out = new ArrayList<>();
        for (EngineEvent e : events) {
            if (kind.isInstance(e)) {
                out.add(kind.cast(e));
            }
        }
        return out;
    }
}
