package maplab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./maplab bench [--full] [--out DIR]}: the engine (events off and on), java.util.HashMap,
 * and the real Go map (Go 1.19 and Go 1.26) on the same workloads in one run; a table of ns/op
 * with spreads and ratios, as text, CSV and a PNG chart; and the memory of a big map in the
 * model versus Go's heap. {@code --go119 CMD} and {@code --go126 CMD} give the command that runs
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
        Map<String, Map<String, Figure>> figures = new LinkedHashMap<>(JmhRuns.run(include, full));
        int count = full ? 10 : 3;
        String benchtime = full ? "2s" : "1s";
        if (go119 != null) {
            System.out.println("bench: Go 1.19 benchmarks (count " + count + ")");
            figures.put("Go 1.19", GoRuns.bench(words(go119), oracle, count, benchtime));
        }
        System.out.println("bench: Go 1.26 benchmarks (count " + count + ")");
        figures.put("Go 1.26", GoRuns.bench(words(go126), oracle, count, benchtime));

        Report report = new Report(figures);
        System.out.println();
        System.out.println("MapLab benchmark, " + LocalDateTime.now().withNano(0) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + (full ? ", --full" : ", short configuration"));
        report.print(System.out);
        report.writeCsv(out.resolve("bench.csv"));
        report.writeChart(out.resolve("bench.png"));

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
        System.out.printf("%nbench: wrote %s and %s in %.0f s%n", out.resolve("bench.csv"), out.resolve("bench.png"),
                (System.nanoTime() - start) / 1e9);
    }

    private static List<String> words(String command) {
        return List.of(command.trim().split("\\s+"));
    }
}
