package maplab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import maplab.engine.classic.ClassicMap;
import maplab.race.Exploration;
import maplab.race.Op;
import maplab.race.RaceScenarios;
import maplab.race.Scenario;

/**
 * {@code ./maplab bench-races}: the race explorer's rate in schedules per second, for two
 * goroutines inserting one key each (every schedule with at most 3 preemptions) and for three
 * goroutines whose inserts grow the map (at most 2), over hash seeds 1 to 4. Each exploration runs 3 times to warm up
 * and then {@code runs} times (default 15); the median, min and max are printed, with the race
 * detector on and off. The peer, measured in the same run: the same statements executed one
 * after the other on a fresh map with no scheduler, once per schedule; their ratio is what one
 * schedule costs over a plain sequential execution of the same operations.
 */
public final class RaceRate {

    private RaceRate() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.printf("race explorer, %d cores, %s %s; median [min..max] of %d runs%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), runs);
        System.out.printf("%-40s %10s %28s %28s %14s %8s%n", "workload", "schedules", "schedules/s (detector on)",
                "schedules/s (detector off)", "sequential/s", "ratio");
        measure("2 goroutines, 1 insert each (k=3)", RaceScenarios.twoInserts(), 3, runs);
        measure("3 goroutines, inserts that grow (k=2)", RaceScenarios.threeInsertsGrowth(), 2, runs);
    }

    private static void measure(String label, Scenario s, int bound, int runs) {
        long schedules = 0;
        double[] on = new double[runs];
        double[] off = new double[runs];
        double[] seq = new double[runs];
        for (int i = -3; i < runs; i++) {
            // Alternate which goes first, so neither always runs on a JVM just disturbed by the other.
            boolean onFirst = (i & 1) == 0;
            Exploration b = onFirst ? null : explore(s, bound, false);
            Exploration a = explore(s, bound, true);
            if (onFirst) {
                b = explore(s, bound, false);
            }
            schedules = a.schedules();
            double sequential = sequential(s, schedules);
            if (i >= 0) {
                on[i] = a.schedulesPerSecond();
                off[i] = b.schedulesPerSecond();
                seq[i] = sequential;
            }
        }
        double[] ratio = new double[runs];
        for (int i = 0; i < runs; i++) {
            ratio[i] = seq[i] / off[i];
        }
        System.out.printf("%-40s %,10d %28s %28s %,14.0f %8.1f%n", label, schedules, spread(on), spread(off),
                median(seq), median(ratio));
    }

    /** Every schedule within the bound, over hash seeds 1..4 (4 explorations' worth, for steadier timings). */
    private static Exploration explore(Scenario s, int bound, boolean detector) {
        return s.explorer().preemptions(bound).seeds(1, 2, 3, 4).progress(false).raceDetector(detector).explore();
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
