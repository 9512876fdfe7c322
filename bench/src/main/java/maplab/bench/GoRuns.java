package maplab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs oracle/bench's Go benchmarks (testing.B) with one Go toolchain and parses ns/op and
 * B/op; runs its TestMapBytes for the heap bytes of big maps.
 */
final class GoRuns {

    private static final Pattern LINE = Pattern.compile(
            "^Benchmark(\\S+?)(?:-\\d+)?\\s+\\d+\\s+([\\d.]+) ns/op(?:\\s+([\\d.]+) B/op)?.*");
    private static final Pattern BYTES = Pattern.compile("^MAPBYTES n=(\\d+) bytes=(-?\\d+)");

    private GoRuns() {
    }

    /** The sized Go benchmarks (sub-benchmarks n=SIZE) → the JMH method names. */
    private static final Map<String, String> SIZED = Map.of("Insert", "insert", "LookupHit", "lookupHit",
            "LookupMiss", "lookupMiss", "Delete", "delete", "Iterate", "iterate");
    private static final Map<String, String> PLAIN = Map.of("InsertHint", "insertHint_1e5", "Mix", "mix_1e5",
            "LookupString", "lookupString_1e5");
    private static final Pattern SIZED_NAME = Pattern.compile("(\\w+)/n=(\\d+)");

    /** The Go benchmark name → the workload id the JMH benchmarks use, or null for another benchmark. */
    static String workload(String goName) {
        Matcher m = SIZED_NAME.matcher(goName);
        if (m.matches()) {
            String base = SIZED.get(m.group(1));
            String size = Workloads.sizeTag(Long.parseLong(m.group(2)));
            return base == null || size == null ? null : base + "_" + size;
        }
        return PLAIN.get(goName);
    }

    /** Which benchmarks a Go run covers: the classic table's sizes only, or every size. */
    enum Coverage {
        CLASSIC, ALL
    }

    /** The largest insert: as many keys as the JMH single shot of insert_1e7. */
    static final long BIG = 10_000_000;
    /**
     * go test -bench with {@code go} (a command prefix), {@code count} repetitions: workload →
     * samples. The insert of {@link #BIG} keys runs apart, {@code count} shots as JMH measures
     * {@code count} iterations of insert_1e7, with {@code -benchtime 10000000x}: a
     * time-bounded run stops its b.N where the time is up (at 0.5 s, 3.9-4.0 million inserts with
     * Go 1.19 and 4.6-4.8 million with Go 1.26 on 2 quiet cores), so it timed a map two fifths of
     * the size the JMH side fills, and its b.N (so the size) moved with the machine's speed. With b.N fixed each shot fills one whole map, as JMH's does.
     */
    static Map<String, List<double[]>> samples(List<String> go, Path oracle, Coverage set, int count, String benchtime)
            throws IOException, InterruptedException {
        String which = set == Coverage.CLASSIC ? "classic" : "all";
        Map<String, List<double[]>> samples = parse(run(command(go, ".", count, benchtime), oracle, which, false));
        samples.putAll(parse(run(command(go, "^BenchmarkInsert$/^n=" + BIG + "$", count, BIG + "x"), oracle,
                which, true)));
        return samples;
    }

    private static List<String> command(List<String> go, String bench, int count, String benchtime) {
        List<String> cmd = new ArrayList<>(go);
        cmd.addAll(List.of("test", "./bench", "-run", "^$", "-bench", bench, "-benchmem",
                "-count", String.valueOf(count), "-benchtime", benchtime));
        return cmd;
    }

    /** Benchmark lines → workload → [ns/op, B/op] samples. */
    private static Map<String, List<double[]>> parse(List<String> lines) {
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && workload(m.group(1)) != null) {
                double bytes = m.group(3) == null ? Double.NaN : Double.parseDouble(m.group(3));
                samples.computeIfAbsent(workload(m.group(1)), k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(m.group(2)), bytes});
            }
        }
        return samples;
    }

    /** Merges runs of the same toolchain (workload → [ns/op, B/op] samples) into figures. */
    @SafeVarargs
    static Map<String, Figure> figures(Map<String, List<double[]>>... runs) {
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (Map<String, List<double[]>> run : runs) {
            run.forEach((w, list) -> samples.computeIfAbsent(w, k -> new ArrayList<>()).addAll(list));
        }
        Map<String, Figure> out = new LinkedHashMap<>();
        samples.forEach((w, list) -> out.put(w, Figure.of(
                list.stream().mapToDouble(x -> x[0]).toArray(), list.get(0)[1])));
        return out;
    }

    /** n → heap bytes of a map[uint64]uint64 of n entries (HeapAlloc delta after GC). */
    static Map<Long, Long> mapBytes(List<String> go, Path oracle) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(go);
        cmd.addAll(List.of("test", "./bench", "-run", "TestMapBytes", "-count", "1", "-v"));
        Map<Long, Long> out = new LinkedHashMap<>();
        for (String line : run(cmd, oracle, "classic", true)) {
            Matcher m = BYTES.matcher(line);
            if (m.find()) {
                out.put(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    /** Runs go in oracle/; {@code big}: whether the sized inserts include {@link #BIG} keys. */
    private static List<String> run(List<String> cmd, Path dir, String set, boolean big)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOFLAGS", "");
        pb.environment().put("MAPLAB_BENCH_SET", set);
        pb.environment().put("MAPLAB_BENCH_BIG", big ? "yes" : "no");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + rc + "):\n" + String.join("\n", lines));
        }
        return lines;
    }
}
