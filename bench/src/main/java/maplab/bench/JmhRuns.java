package maplab.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of one round, one implementation at a time (the classic engine,
 * java.util.HashMap, the Swiss engine), and collects, per implementation and workload, a
 * {@link Figure}. A round is short (one fork, one warmup and one measured iteration): the
 * spread comes from repeating rounds, interleaved with the Go runs, not from long runs. Forks
 * run with -Xbatch, so that the warmup second ends with the hot code compiled even on a busy
 * machine, where background compilation could still be running during the measured second.
 */
final class JmhRuns {

    private JmhRuns() {
    }

    /** The classic engine, events off and on: "engine" and "engine+events". */
    static Map<String, Map<String, Figure>> engine(String include, boolean full) throws RunnerException {
        return run(options(include, full).exclude("SwissBench|HashMapBench"));
    }

    /** java.util.HashMap: "HashMap". */
    static Map<String, Map<String, Figure>> hashMap(String include, boolean full) throws RunnerException {
        return run(options(include, full).exclude("SwissBench|EngineBench"));
    }

    /**
     * The Swiss engine: events off at every size, events on at 10^5 only in the short
     * configuration (at every size with --full); "Swiss" and "Swiss+events".
     */
    static Map<String, Map<String, Figure>> swiss(String include, boolean full) throws RunnerException {
        Map<String, Map<String, Figure>> out = run(options(include, full)
                .exclude("EngineBench|HashMapBench").param("events", "off"));
        ChainedOptionsBuilder on = options(include, full).exclude("EngineBench|HashMapBench").param("events", "on");
        if (!full) {
            on.param("size", "100000");
        }
        run(on).forEach((impl, m) -> out.computeIfAbsent(impl, k -> new LinkedHashMap<>()).putAll(m));
        return out;
    }

    private static ChainedOptionsBuilder options(String include, boolean full) {
        return new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(full ? 3 : 1)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(full ? 3 : 1)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx8g", "-Xbatch")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
    }

    private static Map<String, Map<String, Figure>> run(ChainedOptionsBuilder opts)
            throws RunnerException {
        Collection<RunResult> results;
        try {
            results = new Runner(opts.build()).run();
        } catch (NoBenchmarksException e) {
            return new LinkedHashMap<>(); // --only matched nothing in this phase
        }
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String workload = bench.substring(bench.lastIndexOf('.') + 1);
            String size = r.getParams().getParam("size");
            if (size != null) {
                workload += "_" + Workloads.sizeTag(Long.parseLong(size));
            }
            boolean on = "on".equals(r.getParams().getParam("events"));
            String impl = bench.contains("HashMapBench") ? "HashMap"
                    : bench.contains("SwissBench") ? (on ? "Swiss+events" : "Swiss")
                    : on ? "engine+events" : "engine";
            List<Double> samples = new ArrayList<>();
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    samples.add(ir.getPrimaryResult().getScore());
                }
            }
            double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            out.computeIfAbsent(impl, k -> new LinkedHashMap<>())
                    .put(workload, Figure.of(s, alloc == null ? Double.NaN : alloc.getScore()));
        }
        return out;
    }
}
