package maplab.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import maplab.engine.GoVersion;
import maplab.engine.classic.ClassicIterator;
import maplab.engine.classic.MapEvent;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/** Iteration start positions, order between runs, and iteration while the map grows. See {@link Experiments}. */
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
            ClassicIterator it = w.map.iterate();
            t.row(i, w.map.B(), it.startBucket(), it.offset(), String.valueOf(it.key()));
            it.close();
            progress.at(i + 1);
        }
        progress.done();
        return t.build();
    }

    static Table orders(int runs, int size, long seed, GoVersion version) {
        Params.between("runs", runs, 1, 1_000_000);
        Params.between("size", size, 1, 100_000);
        Workload w = filled(new Random(seed), size, version);
        TableBuilder t = new TableBuilder("iteration order between runs")
                .ints("run").longs("startBucket").ints("offset").strings("firstKey")
                .booleans("sameOrderAsRun0").ints("samePositionsAsRun0").booleans("rotationOfRun0");
        List<Object> first = null;
        Progress progress = new Progress("iteration orders", runs, "runs");
        for (int run = 0; run < runs; run++) {
            ClassicIterator it = w.map.iterate();
            long start = it.startBucket();
            int offset = it.offset();
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
            t.row(run, start, offset, String.valueOf(order.get(0)), order.equals(first), same,
                    isRotation(first, order));
            progress.at(run + 1);
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

    static Table duringGrowth(int trials, int size, int inserts, long seed, GoVersion version) {
        Params.between("trials", trials, 1, 1_000_000);
        Params.between("size", size, 1, 100_000);
        Params.between("inserts", inserts, 0, 100_000);
        Random random = new Random(seed);
        TableBuilder t = new TableBuilder("iteration while the map grows")
                .ints("trial", "size", "inserted", "startB", "endB").booleans("grewDuringIteration")
                .ints("oldSeen", "oldMissed", "newSeen", "newMissed", "duplicates");
        Progress progress = new Progress("iteration during growth", trials, "trials");
        for (int trial = 0; trial < trials; trial++) {
            Workload w = filled(random, size, version);
            Set<Object> old = new HashSet<>(w.liveKeys());
            Set<Object> added = new HashSet<>();
            Map<Object, Integer> seen = new HashMap<>();
            int startB = w.map.B();
            w.clearEvents();
            ClassicIterator it = w.map.iterate();
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
            boolean grew = !w.events(MapEvent.GrowthStarted.class).isEmpty();
            t.row(trial, size, added.size(), startB, w.map.B(), grew, oldSeen, old.size() - oldSeen, newSeen,
                    added.size() - newSeen, duplicates);
            progress.at(trial + 1);
        }
        progress.done();
        return t.build();
    }
}
