package maplab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./maplab bench [--full] [--out DIR]}: the classic engine (events off and on),
 * java.util.HashMap and the real Go map (Go 1.19 and Go 1.26) on the same workloads, and the
 * Swiss engine (events off and on) beside Go 1.26's map at 10^3-10^6 entries, in one run; two
 * tables of ns/op with spreads and ratios, as text, CSV and PNG charts, with the load average
 * after each phase; and the memory of a big map in the model versus Go's heap. {@code --go119 CMD} and {@code --go126 CMD} give the command that runs
 * each toolchain's go (words separated by spaces), e.g. "scripts/go-toolchains.sh go 1.19".
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean full = false;
        Path out = Path.of("bench/results");
        Path oracle = Path.of("oracle");
        String go119 = null;
        String go126 = "go";
        String include = "maplab.bench.*";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full": full = true; break;
                case "--out": out = Path.of(args[++i]); break;
                case "--oracle": oracle = Path.of(args[++i]); break;
                case "--go119": go119 = args[++i]; break;
                case "--go126": go126 = args[++i]; break;
                case "--only": include = args[++i]; break;
                default:
                    System.err.println("bench: unknown argument " + args[i]
                            + " (use --full, --out DIR, --only REGEX, --go119 GO, --go126 GO)");
                    System.exit(2);
            }
        }
        Files.createDirectories(out);
        long start = System.nanoTime();
        int count = full ? 10 : 3;
        String benchtime = full ? "2s" : "0.5s";
        List<String> loads = new ArrayList<>();
        Map<String, Map<String, Figure>> figures = new LinkedHashMap<>(JmhRuns.classic(include, full));
        loads.add(load("classic JMH"));
        if (go119 != null) {
            System.out.println("bench: Go 1.19 benchmarks, the classic rows (count " + count + ")");
            figures.put("Go 1.19", GoRuns.figures(GoRuns.samples(words(go119), oracle, GoRuns.Coverage.CLASSIC,
                    count, benchtime)));
            loads.add(load("Go 1.19"));
        }
        // Go 1.26 runs before and after the Swiss JMH runs, so that both sides see the machine's
        // load of the same minutes; its figures merge the two runs' samples.
        System.out.println("bench: Go 1.26 benchmarks, first run (count " + count + ")");
        Map<String, List<double[]>> go126Before = GoRuns.samples(words(go126), oracle, GoRuns.Coverage.ALL, count,
                benchtime);
        loads.add(load("Go 1.26 (1)"));
        JmhRuns.swiss(include, full).forEach(figures::put);
        loads.add(load("Swiss JMH"));
        System.out.println("bench: Go 1.26 benchmarks, second run (count " + count + ")");
        Map<String, List<double[]>> go126After = GoRuns.samples(words(go126), oracle, GoRuns.Coverage.ALL, count,
                benchtime);
        loads.add(load("Go 1.26 (2)"));
        figures.put("Go 1.26", GoRuns.figures(go126Before, go126After));

        String when = "MapLab benchmark, " + LocalDateTime.now().withNano(0) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + (full ? ", --full" : ", short configuration");
        System.out.println();
        System.out.println(when);
        System.out.println("load average (1, 5, 15 min) after each phase: " + String.join("; ", loads));
        System.out.println();
        System.out.println("The classic engine (Go 1.19 rules):");
        Report.CLASSIC.print(figures, System.out);
        Report.CLASSIC.writeCsv(figures, out.resolve("bench.csv"));
        Report.CLASSIC.writeChart(figures, out.resolve("bench.png"));
        System.out.println();
        System.out.println("The Swiss engine (Go 1.26 rules) beside Go 1.26's map:");
        Report.SWISS.print(figures, System.out);
        Report.SWISS.writeCsv(figures, out.resolve("bench-swiss.csv"));
        Report.SWISS.writeChart(figures, out.resolve("bench-swiss.png"));

        System.out.println();
        System.out.println("Memory of map[uint64]uint64: the model's JVM heap versus Go 1.19's HeapAlloc");
        Map<Long, Long> goBytes = go119 == null ? Map.of() : GoRuns.mapBytes(words(go119), oracle);
        for (int n : new int[] {1_000_000, 10_000_000}) {
            long model = ModelMemory.bytes(n);
            Long go = goBytes.get((long) n);
            System.out.printf("  n=%,d: model %,d bytes (%.1f B/entry), Go %s, model/Go %s%n", n, model,
                    (double) model / n, go == null ? "-" : String.format("%,d bytes", go),
                    go == null ? "-" : String.format("%.2f", (double) model / go));
        }
        System.out.printf("%nbench: wrote bench.csv, bench.png, bench-swiss.csv and bench-swiss.png in %s in %.0f s%n",
                out, (System.nanoTime() - start) / 1e9);
    }

    /** "PHASE: 1.23 0.98 0.70" from /proc/loadavg, or "PHASE: -" where there is none. */
    static String load(String phase) {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return phase + ": " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return phase + ": -";
        }
    }

    private static List<String> words(String command) {
        return List.of(command.trim().split("\\s+"));
    }
}
