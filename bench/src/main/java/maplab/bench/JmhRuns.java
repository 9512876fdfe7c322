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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks and collects, per implementation and workload, a {@link Figure}. */
final class JmhRuns {

    private JmhRuns() {
    }

    /**
     * Runs the benchmarks matching {@code include}; returns implementation → workload → figure.
     * The implementations are "engine" (events off), "engine+events" and "HashMap".
     */
    static Map<String, Map<String, Figure>> run(String include, boolean full) throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(include)
                .forks(full ? 3 : 1)
                .warmupIterations(full ? 5 : 2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(full ? 5 : 3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx8g")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(opts.build()).run();
        Map<String, Map<String, Figure>> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String workload = bench.substring(bench.lastIndexOf('.') + 1);
            String impl = bench.contains("HashMapBench") ? "HashMap"
                    : "on".equals(r.getParams().getParam("events")) ? "engine+events" : "engine";
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
