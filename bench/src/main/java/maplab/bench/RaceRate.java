package maplab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import maplab.engine.classic.ClassicMap;
import maplab.race.Exploration;
import maplab.race.Explorer;
import maplab.race.Op;
import maplab.race.RaceScenarios;
import maplab.race.Scenario;

/**
 * {@code ./maplab bench-races}: the race explorer's rate in schedules per second, on one worker
 * and on one worker per core, for two goroutines inserting one key each (every schedule with at
 * most 3 preemptions), for three goroutines whose inserts grow the map (at most 2), both over hash
 * seeds 1 to 4, and for a seed sweep (20,000 random walks of the three, spread over hash seeds 1
 * to 4). Each exploration runs 3 times to warm up and then {@code runs} times (default 15), one
 * worker and all cores alternating which goes first; the median, min and max are printed, and the
 * speedup is the median of the per-run ratios. The other peer, measured in the same run: the same
 * statements executed one after the other on a fresh map with no scheduler, once per schedule;
 * the ratio to one worker is what one schedule costs over a plain sequential execution of the
 * same operations. The race detector is on, as by default.
 */
public final class RaceRate {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private RaceRate() {
    }

    public static void main(String[] args) {
        int runs;
        try {
            runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
            if (runs < 1 || args.length > 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            System.err.println("usage: bench-races [RUNS]  (RUNS: a positive whole number, default 15)");
            System.exit(2);
            return;
        }
        System.out.printf("race explorer, %d cores, %s %s; median [min..max] of %d runs; %s%n",
                CORES, System.getProperty("java.vm.name"), System.getProperty("java.version"), runs,
                BenchMain.load("load average before"));
        System.out.println("goroutines: " + Explorer.goroutineThreads());
        System.out.printf("%-44s %10s %26s %26s %8s %14s %8s%n", "workload", "schedules", "schedules/s (1 worker)",
                "schedules/s (" + CORES + " workers)", "speedup", "sequential/s", "ratio");
        Scenario growth = RaceScenarios.threeInsertsGrowth();
        measure("2 goroutines, 1 insert each (k=3)", RaceScenarios.twoInserts(),
                w -> bounded(RaceScenarios.twoInserts(), 3, w), runs);
        measure("3 goroutines, inserts that grow (k=2)", growth, w -> bounded(growth, 2, w), runs);
        measure("seed sweep: 3 growing, 20,000 walks, 4 seeds", growth,
                w -> growth.explorer().seeds(1, 2, 3, 4).progress(false).parallelism(w).walk(20_000, 7), runs);
        System.out.println(BenchMain.load("load average after"));
    }

    private static void measure(String label, Scenario s, IntFunction<Exploration> explore, int runs) {
        long schedules = 0;
        double[] one = new double[runs];
        double[] all = new double[runs];
        double[] seq = new double[runs];
        for (int i = -3; i < runs; i++) {
            // Alternate which goes first, so neither always runs on a JVM just disturbed by the other.
            boolean oneFirst = (i & 1) == 0;
            Exploration b = oneFirst ? null : explore.apply(CORES);
            Exploration a = explore.apply(1);
            if (oneFirst) {
                b = explore.apply(CORES);
            }
            if (a.schedules() != b.schedules() || !a.counts().equals(b.counts())) {
                throw new IllegalStateException(label + ": the tables of 1 and " + CORES + " workers differ");
            }
            schedules = a.schedules();
            double sequential = sequential(s, schedules);
            if (i >= 0) {
                one[i] = a.schedulesPerSecond();
                all[i] = b.schedulesPerSecond();
                seq[i] = sequential;
            }
        }
        double[] speedup = new double[runs];
        double[] ratio = new double[runs];
        for (int i = 0; i < runs; i++) {
            speedup[i] = all[i] / one[i];
            ratio[i] = seq[i] / one[i];
        }
        System.out.printf("%-44s %,10d %26s %26s %8.2f %,14.0f %8.1f%n", label, schedules, spread(one), spread(all),
                median(speedup), median(seq), median(ratio));
    }

    /** Every schedule within the bound, over hash seeds 1..4 (4 explorations' worth, for steadier timings). */
    private static Exploration bounded(Scenario s, int bound, int workers) {
        return s.explorer().preemptions(bound).seeds(1, 2, 3, 4).progress(false).parallelism(workers).explore();
    }

    /** Executions per second of the scenario's statements run sequentially on a fresh map, no scheduler. */
    private static double sequential(Scenario s, long times) {
        List<Op> all = new ArrayList<>();
        s.goroutines().forEach(all::addAll);
        long start = System.nanoTime();
        long sink = 0;
        for (long t = 0; t < times; t++) {
            ClassicMap m = ClassicMap.builder(s.type()).go(s.version()).seed(1).build();
            s.initial().forEach(m::set);
            for (Op op : all) {
                if (op instanceof Op.Set set) {
                    m.set(set.key(), set.elem());
                } else if (op instanceof Op.Get g) {
                    sink += m.get(g.key()) == null ? 0 : 1;
                }
            }
            sink += m.len();
        }
        if (sink == 42) {
            System.out.print("");
        }
        return times * 1e9 / (System.nanoTime() - start);
    }

    private static String spread(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("%,.0f [%,.0f..%,.0f]", median(v), s[0], s[s.length - 1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
