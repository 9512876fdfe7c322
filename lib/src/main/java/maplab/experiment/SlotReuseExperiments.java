package maplab.experiment;

import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import maplab.engine.GoVersion;
import maplab.engine.Engine;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapSnapshot;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Slot reuse after delete (either engine), and classic lookup probe lengths under churn. See {@link Experiments}. */
final class SlotReuseExperiments {

    static final String EMPTY_ONE = "emptyOne (deleted slot)";
    static final String EMPTY_REST_DELETED = "emptyRest (deleted slot)";
    static final String EMPTY_REST_FRESH = "emptyRest (no key deleted there)";
    static final String DELETED = "deleted (tombstone)";
    static final String EMPTY_DELETED = "empty (deleted slot)";
    static final String EMPTY_FRESH = "empty (no key deleted there)";

    private SlotReuseExperiments() {
    }

    /** The three kinds of slot a new key can take, in each engine's own terms. */
    static List<String> kinds(GoVersion v) {
        return v.engine() == Engine.CLASSIC ? List.of(EMPTY_ONE, EMPTY_REST_DELETED, EMPTY_REST_FRESH)
                : List.of(DELETED, EMPTY_DELETED, EMPTY_FRESH);
    }

    static Table slotReuse(int trials, int maxKeys, long seed, List<GoVersion> versions) {
        Params.between("trials", trials, 1, 10_000_000);
        Params.between("maxKeys", maxKeys, 1, 4096);
        TableBuilder t = new TableBuilder("slot reuse after delete")
                .ints("trial", "keys", "deleted", "insert")
                .strings("group").ints("slot").strings("previous").booleans("previouslyDeleted")
                .strings("reuse", "go");
        Progress progress = new Progress("slot reuse", (long) trials * versions.size(), "trials");
        // Each release replays the same trials (the same keys, deletes and inserts) from its own
        // Random, so the releases run in parallel.
        for (List<Object[]> rows : Trials.map(versions, progress, (version, step) -> {
            List<Object[]> out = new ArrayList<>();
            Random random = new Random(seed);
            List<String> kinds = kinds(version);
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
                Set<String> deletedSlots = new HashSet<>();
                for (EngineEvents.Delete e : EngineEvents.deletes(w.events)) {
                    deletedSlots.add(e.group() + "/" + e.slot());
                }
                int inserts = 1 + random.nextInt(d);
                for (int i = 1; i <= inserts; i++) {
                    w.clearEvents();
                    w.insertFresh();
                    for (EngineEvents.Write e : EngineEvents.writes(w.events)) {
                        boolean deleted = deletedSlots.contains(e.group() + "/" + e.slot());
                        String reuse = e.tombstone() ? kinds.get(0) : deleted ? kinds.get(1) : kinds.get(2);
                        out.add(new Object[] {trial, n, d, i, e.group(), e.slot(), e.previous(), deleted, reuse,
                            version.release()});
                    }
                }
                step.run();
            }
            return out;
        })) {
            rows.forEach(t::row);
        }
        progress.done();
        return t.build();
    }

    static Table summary(Table slotReuse) {
        if (!slotReuse.columnNames().contains("reuse") || !slotReuse.columnNames().contains("go")) {
            throw new IllegalArgumentException("slotReuseSummary needs the table of slotReuse ('reuse' and 'go' columns); "
                    + "got columns " + slotReuse.columnNames());
        }
        StringColumn reuse = slotReuse.stringColumn("reuse");
        StringColumn go = slotReuse.stringColumn("go");
        TableBuilder t = new TableBuilder("slot reuse summary").strings("reuse").ints("writes").doubles("share")
                .strings("go");
        for (String release : go.unique().asList()) {
            GoVersion v = Params.go(release);
            int total = go.countOccurrences(release);
            for (String kind : kinds(v)) {
                int n = 0;
                for (int r = 0; r < reuse.size(); r++) {
                    if (go.get(r).equals(release) && reuse.get(r).equals(kind)) {
                        n++;
                    }
                }
                t.row(kind, n, total == 0 ? 0.0 : (double) n / total, release);
            }
        }
        return t.build();
    }

    static Table probeLengths(int size, int churnOps, int every, long seed, GoVersion version) {
        Workload w = Workload.forChurn(size, churnOps, every, seed, version);
        ClassicMap map = (ClassicMap) w.map;
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
            MapSnapshot s = w.classic();
            long hitSlots = 0;
            long hitBuckets = 0;
            int maxHit = 0;
            for (long k : w.liveKeys()) {
                Lookups.Probe p = Lookups.probe(map, s, k);
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
                Lookups.Probe p = Lookups.probe(map, s, w.freshKey());
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
