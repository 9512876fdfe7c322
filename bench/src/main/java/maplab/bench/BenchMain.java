package maplab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./maplab bench [--rounds N] [--full] [--out DIR]}: the classic engine (events off and
 * on), Go 1.19, Go 1.26, java.util.HashMap and the Swiss engine (events off and on) on the same
 * workloads, interleaved: one short run of each, then again, N rounds. Each ratio (engine/Go 1.19,
 * engine/Go 1.26, engine/HashMap, events on/off, Swiss/Go 1.26) is the median of the per-round
 * ratios, with their min and max: both sides of a ratio ran within the same minutes, so the
 * machine's load weighs on both. Writes the tables as text, CSV (ns/op), ratios.csv and PNG
 * charts, with the load average before and after; then the memory of a big map in the model
 * versus Go's heap.
 *
 * <p>{@code ./maplab bench --compare A.csv B.csv}: which ratios moved beyond their spread
 * between two runs' ratios.csv.
 *
 * <p>{@code --go119 CMD} and {@code --go126 CMD} give the command that runs each toolchain's go
 * (words separated by spaces), e.g. "scripts/go-toolchains.sh go 1.19".
 */
public final class BenchMain {

    static final int DEFAULT_ROUNDS = 3;
    private static final String USAGE = "usage: ./maplab bench [--rounds N] [--full] [--out DIR] [--only REGEX]\n"
            + "       ./maplab bench --compare A.csv B.csv   (two runs' bench/results/ratios.csv)";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean full = false;
        int rounds = DEFAULT_ROUNDS;
        Path out = Path.of("bench/results");
        Path oracle = Path.of("oracle");
        String go119 = null;
        String go126 = "go";
        String include = "maplab.bench.*";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--compare")) {
                System.exit(compare(args, i));
            }
            if (!a.equals("--full") && i + 1 >= args.length) {
                usage(a.startsWith("--") && List.of("--rounds", "--out", "--oracle", "--go119", "--go126", "--only")
                        .contains(a) ? a + " needs a value" : "unknown argument " + a);
            }
            switch (a) {
                case "--full" -> full = true;
                case "--rounds" -> rounds = rounds(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--oracle" -> oracle = Path.of(args[++i]);
                case "--go119" -> go119 = args[++i];
                case "--go126" -> go126 = args[++i];
                case "--only" -> include = args[++i];
                default -> usage("unknown argument " + a);
            }
        }
        Files.createDirectories(out);
        long start = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        Load before = Load.now();
        String benchtime = full ? "1s" : "0.5s";
        int count = full ? 3 : 1;
        List<Map<String, Map<String, Figure>>> perRound = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            // One round: every implementation once, in the same order each round.
            Map<String, Map<String, Figure>> round = new LinkedHashMap<>();
            System.out.printf("bench: round %d of %d: the classic engine%n", r, rounds);
            round.putAll(JmhRuns.engine(include, full));
            if (go119 != null) {
                System.out.printf("bench: round %d of %d: Go 1.19%n", r, rounds);
                round.put("Go 1.19", GoRuns.figures(GoRuns.samples(words(go119), oracle, GoRuns.Coverage.CLASSIC,
                        count, benchtime)));
            }
            System.out.printf("bench: round %d of %d: the Swiss engine%n", r, rounds);
            round.putAll(JmhRuns.swiss(include, full));
            System.out.printf("bench: round %d of %d: Go 1.26%n", r, rounds);
            round.put("Go 1.26", GoRuns.figures(GoRuns.samples(words(go126), oracle, GoRuns.Coverage.ALL, count,
                    benchtime)));
            System.out.printf("bench: round %d of %d: java.util.HashMap%n", r, rounds);
            round.putAll(JmhRuns.hashMap(include, full));
            perRound.add(round);
            loads.add("round " + r + ": " + Load.show(Load.now()));
        }
        Load after = Load.now();

        String when = "MapLab benchmark, " + LocalDateTime.now().withNano(0) + ", " + cores + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " + rounds
                + " rounds" + (full ? ", --full" : ", short configuration");
        System.out.println();
        System.out.println(when);
        System.out.println(Load.line(before, after, cores));
        System.out.println("load average after each round: " + String.join("; ", loads));
        System.out.println("ns/op: median of the rounds [min..max]; ratios: median of the per-round ratios [min..max]");
        System.out.println();
        System.out.println("The classic engine (Go 1.19 rules):");
        Report.CLASSIC.print(perRound, System.out);
        Report.CLASSIC.writeCsv(perRound, out.resolve("bench.csv"));
        Report.CLASSIC.writeChart(perRound, out.resolve("bench.png"));
        System.out.println();
        System.out.println("The Swiss engine (Go 1.26 rules) beside Go 1.26's map:");
        Report.SWISS.print(perRound, System.out);
        Report.SWISS.writeCsv(perRound, out.resolve("bench-swiss.csv"));
        Report.SWISS.writeChart(perRound, out.resolve("bench-swiss.png"));
        List<String> ratioLines = new ArrayList<>(Report.CLASSIC.ratioLines(perRound));
        ratioLines.addAll(Report.SWISS.ratioLines(perRound));
        Ratios.write(out.resolve("ratios.csv"), ratioLines);

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
        System.out.printf("%nbench: wrote bench.csv, bench-swiss.csv, ratios.csv and their charts in %s in %.0f s%n",
                out, (System.nanoTime() - start) / 1e9);
    }

    /** {@code --compare A B}: exit status 0 (also when ratios moved), 2 on bad usage or files. */
    static int compare(String[] args, int at) {
        if (args.length != at + 3 || args.length != 3) {
            System.err.println("bench: --compare takes exactly two ratios.csv files and nothing else\n" + USAGE);
            return 2;
        }
        try {
            Map<String, Ratios.Row> a = Ratios.read(Path.of(args[1]));
            Map<String, Ratios.Row> b = Ratios.read(Path.of(args[2]));
            System.out.println("Ratios that moved beyond their spread (min..max over the rounds), " + args[1] + " -> "
                    + args[2] + ":");
            Ratios.compare(a, b, System.out);
            return 0;
        } catch (Ratios.BadFile e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
    }

    static int rounds(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("--rounds takes a whole number from 1 to 100, not \"" + s + "\"");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem + "\n" + USAGE);
        System.exit(2);
    }

    /** "PHASE: 1.23 0.98 0.70" from /proc/loadavg, or "PHASE: -" where there is none. */
    static String load(String phase) {
        return phase + ": " + Load.show(Load.now());
    }

    private static List<String> words(String command) {
        return List.of(command.trim().split("\\s+"));
    }
}
