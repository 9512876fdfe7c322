package maplab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import maplab.engine.GoVersion;
import maplab.engine.MapIterator;
import maplab.engine.classic.ClassicIterator;
import maplab.engine.classic.ClassicMap;
import maplab.engine.swiss.SwissIterator;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/**
 * Iteration start positions (classic), order between runs and iteration while the map grows
 * (either engine, side by side). See {@link Experiments}.
 */
final class IterationExperiments {

    private IterationExperiments() {
    }

    private static Workload filled(Random random, int size, GoVersion version) {
        Workload w = new Workload(random, version);
        for (int i = 0; i < size; i++) {
            w.insertFresh();
        }
        return w;
    }

    static Table starts(int iterations, int size, long seed, GoVersion version) {
        Params.between("iterations", iterations, 1, 10_000_000);
        Params.between("size", size, 1, 1_000_000);
        Workload w = filled(new Random(seed), size, version);
        TableBuilder t = new TableBuilder("iteration start positions")
                .ints("iteration", "B").longs("startBucket").ints("offset").strings("firstKey");
        Progress progress = new Progress("iteration starts", iterations, "iterations");
        for (int i = 0; i < iterations; i++) {
            ClassicIterator it = (ClassicIterator) w.map.iterate();
            t.row(i, ((ClassicMap) w.map).B(), it.startBucket(), it.offset(), String.valueOf(it.key()));
            it.close();
            progress.at(i + 1);
        }
        progress.done();
        return t.build();
    }

    /** The random start a loop drew, in its engine's terms. */
    private static String start(MapIterator it) {
        if (it instanceof ClassicIterator c) {
            return "bucket " + c.startBucket() + ", offset " + c.offset();
        }
        SwissIterator s = (SwissIterator) it;
        return "entryOffset " + Long.toUnsignedString(s.entryOffset()) + ", dirOffset "
                + Long.toUnsignedString(s.dirOffset());
    }

    static Table orders(int runs, int size, long seed, List<GoVersion> versions) {
        Params.between("runs", runs, 1, 1_000_000);
        Params.between("size", size, 1, 100_000);
        TableBuilder t = new TableBuilder("iteration order between runs")
                .ints("run").strings("start", "firstKey")
                .booleans("sameOrderAsRun0").ints("samePositionsAsRun0").booleans("rotationOfRun0").strings("go");
        Progress progress = new Progress("iteration orders", (long) runs * versions.size(), "runs");
        for (List<Object[]> rows : Trials.map(versions, progress, (version, step) -> {
            List<Object[]> out = new ArrayList<>();
            Workload w = filled(new Random(seed), size, version);
            List<Object> first = null;
            for (int run = 0; run < runs; run++) {
                MapIterator it = w.map.iterate();
                String start = start(it);
                List<Object> order = new ArrayList<>(size);
                for (; it.hasEntry(); it.next()) {
                    order.add(it.key());
                }
                it.close();
                if (first == null) {
                    first = order;
                }
                int same = 0;
                for (int i = 0; i < order.size(); i++) {
                    if (order.get(i).equals(first.get(i))) {
                        same++;
                    }
                }
                out.add(new Object[] {run, start, String.valueOf(order.get(0)), order.equals(first), same,
                    isRotation(first, order), version.release()});
                step.run();
            }
            return out;
        })) {
            rows.forEach(t::row);
        }
        progress.done();
        return t.build();
    }

    private static boolean isRotation(List<Object> a, List<Object> b) {
        int shift = a.indexOf(b.get(0));
        if (shift < 0 || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < b.size(); i++) {
            if (!b.get(i).equals(a.get((i + shift) % a.size()))) {
                return false;
            }
        }
        return true;
    }

    static Table duringGrowth(int trials, int size, int inserts, long seed, List<GoVersion> versions) {
        Params.between("trials", trials, 1, 1_000_000);
        Params.between("size", size, 1, 100_000);
        Params.between("inserts", inserts, 0, 100_000);
        TableBuilder t = new TableBuilder("iteration while the map grows")
                .ints("trial", "size", "inserted", "startSlots", "endSlots").booleans("grewDuringIteration")
                .ints("oldSeen", "oldMissed", "newSeen", "newMissed", "duplicates").strings("go");
        Progress progress = new Progress("iteration during growth", (long) trials * versions.size(), "trials");
        for (List<Object[]> rows : Trials.map(versions, progress, (version, step) -> {
            List<Object[]> out = new ArrayList<>();
            Random random = new Random(seed);
            for (int trial = 0; trial < trials; trial++) {
                Workload w = filled(random, size, version);
                Set<Object> old = new HashSet<>(w.liveKeys());
                Set<Object> added = new HashSet<>();
                Map<Object, Integer> seen = new HashMap<>();
                int startSlots = TombstoneExperiments.slotsAndTombstones(w.map.snapshot())[0];
                w.clearEvents();
                MapIterator it = w.map.iterate();
                for (; it.hasEntry(); it.next()) {
                    seen.merge(it.key(), 1, Integer::sum);
                    if (added.size() < inserts) {
                        added.add(w.insertFresh());
                    }
                }
                it.close();
                int oldSeen = 0;
                int newSeen = 0;
                int duplicates = 0;
                for (Map.Entry<Object, Integer> e : seen.entrySet()) {
                    duplicates += e.getValue() - 1;
                    if (old.contains(e.getKey())) {
                        oldSeen++;
                    } else if (added.contains(e.getKey())) {
                        newSeen++;
                    }
                }
                out.add(new Object[] {trial, size, added.size(), startSlots,
                    TombstoneExperiments.slotsAndTombstones(w.map.snapshot())[0], EngineEvents.grew(w.events), oldSeen,
                    old.size() - oldSeen, newSeen, added.size() - newSeen, duplicates, version.release()});
                step.run();
            }
            return out;
        })) {
            rows.forEach(t::row);
        }
        progress.done();
        return t.build();
    }
}
