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

    /** go test -bench with {@code go} (a command prefix), {@code count} repetitions: workload → samples. */
    static Map<String, List<double[]>> samples(List<String> go, Path oracle, Coverage set, int count, String benchtime)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(go);
        cmd.addAll(List.of("test", "./bench", "-run", "^$", "-bench", ".", "-benchmem",
                "-count", String.valueOf(count), "-benchtime", benchtime));
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (String line : run(cmd, oracle, set == Coverage.CLASSIC ? "classic" : "all")) {
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
        for (String line : run(cmd, oracle, "classic")) {
            Matcher m = BYTES.matcher(line);
            if (m.find()) {
                out.put(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    private static List<String> run(List<String> cmd, Path dir, String set) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GOTOOLCHAIN", "local");
        pb.environment().put("GOFLAGS", "");
        pb.environment().put("MAPLAB_BENCH_SET", set);
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
