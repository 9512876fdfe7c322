package maplab.race;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import maplab.engine.GoVersion;
import maplab.table.Csv;

/**
 * The model's race outcomes against the real Go runtime's: reads {@code races.json} written by
 * {@code oracle -races DIR} (the classic oracle for Go 1.19, oracle/swiss for 1.24+), explores
 * each scenario in the model of the release the file names ({@link #explore}, over 4 hash seeds),
 * and prints the frequencies side by side. Exit 1 if the real runtime showed an outcome class the
 * model does not enumerate for that scenario ({@link #accountedBy}), 2 if the input or the
 * arguments cannot be used.
 *
 * <pre>java maplab.race.RaceCheckMain DIR/races.json [--csv FILE] [--bounds B2,BN] [--samples N]
 *     [--search-seconds S]</pre>
 *
 * <ul>
 *   <li>{@code --bounds B2,BN}: the preemption bound of the exhaustive search for scenarios of two
 *       goroutines and of more (default 3,2);</li>
 *   <li>{@code --samples N}: PCT samples and random walks each (default 50,000);</li>
 *   <li>{@code --search-seconds S}: the search for a real class not yet reached goes on in rounds
 *       of 20,000 schedules until S seconds have passed for that scenario (default: 8 rounds of
 *       250,000).</li>
 * </ul>
 */
public final class RaceCheckMain {

    private static final long[] SEEDS = {1, 2, 3, 4};
    private static final String USAGE = "usage: RaceCheckMain RACES.json [--csv FILE] [--bounds B2,BN] [--samples N]"
            + " [--search-seconds S]";

    /** The model's budget for each scenario. */
    record Budget(int boundTwo, int boundMore, long samples, double searchSeconds) {
        static final Budget DEFAULT = new Budget(3, 2, 50_000, 0);
    }

    /** The real runs of races.json: the Go release they name and, per scenario, each GOMAXPROCS's line. */
    record RealRuns(GoVersion version, String go, Map<String, Map<Integer, JsonObject>> scenarios) { }

    private RaceCheckMain() {
    }

    public static void main(String[] args) {
        Path json = null;
        String csvFile = null;
        Budget budget = Budget.DEFAULT;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    if (json != null) {
                        throw new IllegalArgumentException("more than one races.json: " + json + " and " + a);
                    }
                    json = Path.of(a);
                    continue;
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--csv" -> csvFile = v;
                    case "--bounds" -> budget = bounds(budget, v);
                    case "--samples" -> budget = new Budget(budget.boundTwo(), budget.boundMore(),
                            positive(a, v), budget.searchSeconds());
                    case "--search-seconds" -> budget = new Budget(budget.boundTwo(), budget.boundMore(),
                            budget.samples(), positive(a, v));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (json == null) {
                throw new IllegalArgumentException("no races.json given");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        RealRuns real;
        try {
            real = read(json);
        } catch (IOException | RuntimeException e) {
            System.err.println(json + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("real runs of %s against the model of Go %s%n", real.go(), real.version().release());
        List<String> csv = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Map<Integer, JsonObject>> e : real.scenarios().entrySet()) {
            Scenario s = RaceScenarios.named(e.getKey(), real.version().release());
            Map<Integer, Map<String, Long>> counts = new TreeMap<>();
            Set<String> realClasses = new LinkedHashSet<>();
            e.getValue().forEach((procs, o) -> {
                Map<String, Long> c = new LinkedHashMap<>();
                o.getAsJsonObject("outcomes").entrySet().forEach(x -> c.put(x.getKey(), x.getValue().getAsLong()));
                counts.put(procs, c);
                realClasses.addAll(c.keySet());
            });
            Exploration model = explore(s, realClasses, budget);
            Set<String> classes = new LinkedHashSet<>(model.outcomes());
            classes.addAll(realClasses);
            System.out.printf("%s: model %s (%,d schedules, %.1f s)%n", s.name(), model.method(), model.schedules(),
                    model.seconds());
            System.out.printf("  %-62s %14s %10s %10s%n", "outcome", "model", "real P=2", "real P=4");
            for (String c : classes) {
                long m = model.count(c);
                long r2 = counts.getOrDefault(2, Map.of()).getOrDefault(c, 0L);
                long r4 = counts.getOrDefault(4, Map.of()).getOrDefault(c, 0L);
                List<String> by = accountedBy(model, c);
                boolean in = !by.isEmpty();
                if (!in) {
                    missing++;
                }
                String note = !in ? "   <- NOT IN THE MODEL"
                        : m == 0 ? "   <- the model's undefined read: " + by.get(0) : "";
                System.out.printf("  %-62s %14s %10d %10d%s%n", c, String.format("%,d (%.1f%%)", m,
                        100.0 * m / model.schedules()), r2, r4, note);
                csv.add(String.join(",", s.name(), Csv.field(c), Long.toString(m),
                        String.format("%.4f", (double) m / model.schedules()), Long.toString(r2), Long.toString(r4),
                        Boolean.toString(in)));
            }
        }
        if (csvFile != null) {
            try {
                Csv.write(Path.of(csvFile),
                        "scenario,outcome,model_schedules,model_share,real_gomaxprocs2,real_gomaxprocs4,in_model", csv);
            } catch (IOException ex) {
                System.err.println("cannot write " + csvFile + ": " + ex.getMessage());
                System.exit(2);
            }
        }
        if (missing > 0) {
            System.out.println(missing + " outcome class(es) of the real runtime are not among the model's");
            System.exit(1);
        }
        System.out.println("every outcome class of the real runtime is one the model enumerates");
    }

    /**
     * The model's classes that account for a real outcome class: the class itself if the model
     * reached it. A real class with a foreign key (a live key nobody wrote, {@link Classifier})
     * can come only from reading memory of another kind as the map's, which Go does not define;
     * the model stops such a read with a "crash: ... undefined" outcome instead of inventing its
     * contents, so those crashes account for it. Any other real class needs its own.
     */
    static List<String> accountedBy(Exploration model, String real) {
        if (model.count(real) > 0) {
            return List.of(real);
        }
        if (!real.startsWith("foreign key")) {
            return List.of();
        }
        return model.outcomes().stream().filter(o -> o.startsWith("crash: ") && o.contains("undefined")).toList();
    }

    static Exploration explore(Scenario s, Set<String> wanted) {
        return explore(s, wanted, Budget.DEFAULT);
    }

    /**
     * The model's side: every schedule within a preemption bound (by default 3 for two
     * goroutines, 2 for more), PCT samples of depth 8 and as many random walks (50,000 each by
     * default), whose near-lockstep interleavings (as on a multi-core machine) reach the
     * schedules in which two writers both pass the writing checks and lose an update without a
     * fatal error. A class the real runtime showed and these did not reach is then searched for
     * with more samples, random walks and PCT in turn: 8 rounds of 250,000, or, with a time
     * budget, rounds of 20,000 until that many seconds have passed (at most 2,000,000).
     */
    static Exploration explore(Scenario s, Set<String> wanted, Budget b) {
        long start = System.nanoTime();
        int bound = s.goroutines().size() <= 2 ? b.boundTwo() : b.boundMore();
        Exploration model = Exploration.merge(Exploration.merge(
                s.explorer().preemptions(bound).seeds(SEEDS).progress(false).explore(),
                s.explorer().seeds(SEEDS).progress(false).sample(b.samples(), 7, 8)),
                s.explorer().seeds(SEEDS).progress(false).walk(b.samples(), 7));
        boolean timed = b.searchSeconds() > 0;
        long round = timed ? 20_000 : 250_000;
        int rounds = (int) (2_000_000 / round);
        for (int r = 0; r < rounds && !accountsFor(model, wanted)
                && (!timed || (System.nanoTime() - start) / 1e9 < b.searchSeconds()); r++) {
            Explorer more = s.explorer().seeds(SEEDS).progress(false).raceDetector(false);
            model = Exploration.merge(model, r % 2 == 0 ? more.walk(round, 100 + r)
                    : more.sample(round, 100 + r, 6 + r % 3 * 2));
        }
        return model;
    }

    private static boolean accountsFor(Exploration model, Set<String> wanted) {
        return wanted.stream().allMatch(c -> !accountedBy(model, c).isEmpty());
    }

    private static Budget bounds(Budget b, String v) {
        String[] p = v.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException("--bounds " + v + ": want two preemption bounds, e.g. 3,2 (for two "
                    + "goroutines, for more)");
        }
        return new Budget((int) bound(p[0]), (int) bound(p[1]), b.samples(), b.searchSeconds());
    }

    private static long bound(String v) {
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 0 && n <= 20) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("--bounds: \"" + v + "\" is not a preemption bound 0..20");
    }

    private static long positive(String option, String v) {
        try {
            long n = Long.parseLong(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(option + " " + v + ": want a positive whole number");
    }

    /**
     * Reads races.json: one object a line, all of one Go release (the {@code go} field, as
     * runtime.Version() reported it), each naming a scenario that release has.
     */
    static RealRuns read(Path file) throws IOException {
        Map<String, Map<Integer, JsonObject>> out = new LinkedHashMap<>();
        GoVersion version = null;
        String go = null;
        int line = 0;
        for (String l : Files.readAllLines(file)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            try {
                JsonObject o = JsonParser.parseString(l).getAsJsonObject();
                String name = string(o, "scenario");
                String lineGo = string(o, "go");
                GoVersion v = GoVersion.parse(lineGo);
                if (version != null && v != version) {
                    throw new IllegalArgumentException("Go " + v.release() + " (" + lineGo + "), but line 1 has Go "
                            + version.release() + " (" + go + "): one file holds the runs of one release");
                }
                version = v;
                go = go == null ? lineGo : go;
                JsonElement procs = o.get("gomaxprocs");
                if (procs == null || !procs.isJsonPrimitive()) {
                    throw new IllegalArgumentException("no \"gomaxprocs\" field");
                }
                if (o.getAsJsonObject("outcomes") == null) {
                    throw new IllegalArgumentException("no \"outcomes\" object");
                }
                RaceScenarios.named(name, v.release());
                out.computeIfAbsent(name, k -> new TreeMap<>()).put(procs.getAsInt(), o);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + line + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no scenarios in the file");
        }
        return new RealRuns(version, go, out);
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("no \"" + field + "\" field");
        }
        return e.getAsString();
    }
}
