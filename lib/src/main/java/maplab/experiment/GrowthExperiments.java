package maplab.experiment;

import java.util.Random;
import maplab.engine.GoVersion;
import maplab.engine.classic.MapEvent;
import maplab.engine.classic.MapSnapshot;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/** Growth triggers, evacuation progress and X/Y splits. See {@link Experiments}. */
final class GrowthExperiments {

    private GrowthExperiments() {
    }

    static Table triggers(int inserts, int churnOps, long seed, GoVersion version) {
        Params.between("inserts", inserts, 1, 1_000_000);
        Params.between("churnOps", churnOps, 0, 10_000_000);
        Random random = new Random(seed);
        Workload w = new Workload(random, version);
        TableBuilder t = new TableBuilder("growth triggers")
                .strings("phase").ints("step", "count", "oldB", "newB").strings("kind", "trigger")
                .doubles("loadFactor", "loadLimit").ints("noverflow", "overflowLimit");
        Progress progress = new Progress("growth triggers", (long) inserts + churnOps, "operations");
        for (int step = 1; step <= inserts + churnOps; step++) {
            boolean inserting = step <= inserts;
            w.clearEvents();
            if (inserting) {
                w.insertFresh();
            } else {
                w.churn();
            }
            for (MapEvent.GrowthStarted g : w.events(MapEvent.GrowthStarted.class)) {
                long buckets = 1L << g.oldB();
                t.row(inserting ? "insert" : "churn", inserting ? step : step - inserts, g.count(), g.oldB(),
                        g.newB(), g.sameSize() ? "same-size" : "doubling",
                        g.sameSize() ? "too many overflow buckets" : "load factor",
                        (double) g.count() / buckets, version.loadFactorNum() * buckets / 2.0,
                        g.noverflow(), 1L << Math.min(g.oldB(), 15));
            }
            progress.at(step);
        }
        progress.done();
        return t.build();
    }

    static Table evacuation(int inserts, long seed, GoVersion version) {
        Params.between("inserts", inserts, 1, 1_000_000);
        Random random = new Random(seed);
        Workload w = new Workload(random, version);
        TableBuilder t = new TableBuilder("evacuation per operation")
                .ints("step", "count", "B").booleans("growing", "sameSize").longs("nevacuate").ints("oldBuckets")
                .ints("evacuated", "moved").booleans("growthStarted", "growthFinished");
        Progress progress = new Progress("evacuation", inserts, "inserts");
        for (int step = 1; step <= inserts; step++) {
            w.clearEvents();
            w.insertFresh();
            int evacuated = 0;
            int moved = 0;
            for (MapEvent.BucketEvacuated e : w.events(MapEvent.BucketEvacuated.class)) {
                evacuated++;
                moved += e.toX() + e.toY();
            }
            MapSnapshot s = w.classic();
            t.row(step, s.count(), s.B(), s.growing(), s.growing() && s.sameSizeGrow(),
                    s.growing() ? s.nevacuate() : 0L, s.oldbuckets().size(), evacuated, moved,
                    !w.events(MapEvent.GrowthStarted.class).isEmpty(),
                    !w.events(MapEvent.GrowthFinished.class).isEmpty());
            progress.at(step);
        }
        progress.done();
        return t.build();
    }

    /**
     * The growth work of every insert, on each release: {@code inserts} fresh keys into an empty
     * map, one row per insert that moved entries or started a growth. The classic map spreads a
     * growth over later inserts (at most two old buckets each); a Swiss table is rebuilt or split
     * within one insert, moving every entry it holds.
     */
    static Table growthCost(int inserts, long seed, java.util.List<GoVersion> versions) {
        Params.between("inserts", inserts, 1, 1_000_000);
        TableBuilder t = new TableBuilder("growth work per insert").ints("step", "count").strings("work")
                .ints("moved").strings("go");
        Progress progress = new Progress("growth work", (long) inserts * versions.size(), "inserts");
        for (java.util.List<Object[]> rows : Trials.map(versions, progress, (version, step) -> {
            java.util.List<Object[]> out = new java.util.ArrayList<>();
            Workload w = new Workload(new Random(seed), version);
            for (int insert = 1; insert <= inserts; insert++) {
                w.clearEvents();
                w.insertFresh();
                java.util.List<EngineEvents.Growth> g = EngineEvents.growths(w.events);
                if (!g.isEmpty()) {
                    int moved = 0;
                    java.util.LinkedHashSet<String> kinds = new java.util.LinkedHashSet<>();
                    for (EngineEvents.Growth x : g) {
                        moved += x.moved();
                        kinds.add(x.kind());
                    }
                    out.add(new Object[] {insert, w.map.len(), String.join(", ", kinds), moved, version.release()});
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

    static Table xySplit(int trials, int inserts, long seed, GoVersion version) {
        Params.between("trials", trials, 1, 1_000_000);
        Params.between("inserts", inserts, 9, 1_000_000);
        Random random = new Random(seed);
        TableBuilder t = new TableBuilder("X/Y split of evacuated buckets")
                .ints("trial", "oldB", "newB").longs("oldbucket").ints("toX", "toY", "moved").doubles("fractionY");
        Progress progress = new Progress("X/Y split", trials, "trials");
        for (int trial = 0; trial < trials; trial++) {
            Workload w = new Workload(random, version);
            int[] growth = {0, 0, 0};   // sameSize (1/0), oldB, newB of the growth in progress
            w.map.listen(e -> {
                if (e instanceof MapEvent.GrowthStarted g) {
                    growth[0] = g.sameSize() ? 1 : 0;
                    growth[1] = g.oldB();
                    growth[2] = g.newB();
                }
            });
            int trialNo = trial;
            w.map.listen(e -> {
                if (e instanceof MapEvent.BucketEvacuated b && growth[0] == 0) {
                    int moved = b.toX() + b.toY();
                    t.row(trialNo, growth[1], growth[2], b.oldbucket(), b.toX(), b.toY(), moved,
                            moved == 0 ? Double.NaN : (double) b.toY() / moved);
                }
            });
            for (int i = 0; i < inserts; i++) {
                w.clearEvents();
                w.insertFresh();
            }
            progress.at(trial + 1);
        }
        progress.done();
        return t.build();
    }
}
