package maplab.experiment;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import maplab.engine.classic.GoVersion;
import maplab.engine.classic.MapEvent;
import maplab.engine.classic.MapSnapshot;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Slot reuse after delete, and lookup probe lengths under churn. See {@link Experiments}. */
final class SlotReuseExperiments {

    static final String EMPTY_ONE = "emptyOne (deleted slot)";
    static final String EMPTY_REST_DELETED = "emptyRest (deleted slot)";
    static final String EMPTY_REST_FRESH = "emptyRest (no key deleted there)";

    private SlotReuseExperiments() {
    }

    static Table slotReuse(int trials, int maxKeys, long seed, GoVersion version) {
        Params.between("trials", trials, 1, 10_000_000);
        Params.between("maxKeys", maxKeys, 1, 4096);
        Random random = new Random(seed);
        TableBuilder t = new TableBuilder("slot reuse after delete")
                .ints("trial", "keys", "deleted", "insert")
                .strings("bucket").ints("slot").strings("previousTophash").booleans("previouslyDeleted")
                .strings("reuse");
        Progress progress = new Progress("slot reuse", trials, "trials");
        for (int trial = 0; trial < trials; trial++) {
            Workload w = new Workload(random, version);
            int n = 1 + random.nextInt(maxKeys);
            for (int i = 0; i < n; i++) {
                w.insertFresh();
            }
            int d = 1 + random.nextInt(n);
            w.clearEvents();
            for (int i = 0; i < d; i++) {
                w.deleteRandom();
            }
            Set<MapEvent.SlotRef> deletedSlots = new HashSet<>();
            for (MapEvent.SlotTombstoned e : w.events(MapEvent.SlotTombstoned.class)) {
                deletedSlots.add(e.slot());
            }
            int inserts = 1 + random.nextInt(d);
            for (int i = 1; i <= inserts; i++) {
                w.clearEvents();
                w.insertFresh();
                for (MapEvent.SlotWritten e : w.events(MapEvent.SlotWritten.class)) {
                    boolean deleted = deletedSlots.contains(e.slot());
                    boolean one = e.reusedEmptyOne();
                    String reuse = one ? EMPTY_ONE : deleted ? EMPTY_REST_DELETED : EMPTY_REST_FRESH;
                    t.row(trial, n, d, i, e.slot().bucket(), e.slot().slot(), one ? "emptyOne" : "emptyRest",
                            deleted, reuse);
                }
            }
            progress.at(trial + 1);
        }
        progress.done();
        return t.build();
    }

    static Table summary(Table slotReuse) {
        if (!slotReuse.columnNames().contains("reuse")) {
            throw new IllegalArgumentException("slotReuseSummary needs the table of slotReuse (a 'reuse' column); got "
                    + "columns " + slotReuse.columnNames());
        }
        StringColumn reuse = slotReuse.stringColumn("reuse");
        TableBuilder t = new TableBuilder("slot reuse summary").strings("reuse").ints("writes").doubles("share");
        int total = reuse.size();
        for (String kind : List.of(EMPTY_ONE, EMPTY_REST_DELETED, EMPTY_REST_FRESH)) {
            int n = reuse.countOccurrences(kind);
            t.row(kind, n, total == 0 ? 0.0 : (double) n / total);
        }
        return t.build();
    }

    static Table probeLengths(int size, int churnOps, int every, long seed, GoVersion version) {
        Workload w = Workload.forChurn(size, churnOps, every, seed, version);
        TableBuilder t = new TableBuilder("lookup probe lengths under churn")
                .ints("op", "count", "B").booleans("growing").ints("emptyOne", "overflowBuckets")
                .doubles("meanHitSlots").ints("maxHitSlots").doubles("meanHitBuckets")
                .doubles("meanMissSlots").ints("maxMissSlots").doubles("meanMissBuckets");
        Progress progress = new Progress("probe lengths", churnOps, "churn operations");
        for (int op = 0; op <= churnOps; op++) {
            if (op > 0) {
                w.churn();
                progress.at(op);
            }
            if (op % every != 0 && op != churnOps) {
                continue;
            }
            MapSnapshot s = w.map.snapshot();
            long hitSlots = 0;
            long hitBuckets = 0;
            int maxHit = 0;
            for (long k : w.liveKeys()) {
                Lookups.Probe p = Lookups.probe(w.map, s, k);
                if (!p.found()) {
                    throw new IllegalStateException("lookup of live key " + k + " failed in the snapshot at op " + op);
                }
                hitSlots += p.slots();
                hitBuckets += p.buckets();
                maxHit = Math.max(maxHit, p.slots());
            }
            int misses = 200;
            long missSlots = 0;
            long missBuckets = 0;
            int maxMiss = 0;
            for (int i = 0; i < misses; i++) {
                Lookups.Probe p = Lookups.probe(w.map, s, w.freshKey());
                missSlots += p.slots();
                missBuckets += p.buckets();
                maxMiss = Math.max(maxMiss, p.slots());
            }
            int n = w.size();
            t.row(op, s.count(), s.B(), s.growing(), Lookups.slotStates(s)[1], s.overflowBuckets(),
                    (double) hitSlots / n, maxHit, (double) hitBuckets / n,
                    (double) missSlots / misses, maxMiss, (double) missBuckets / misses);
        }
        progress.done();
        return t.build();
    }
}
