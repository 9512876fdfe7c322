package maplab.race;

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
import maplab.table.Csv;

/**
 * The model's race outcomes against the real Go runtime's: reads {@code races.json} written by
 * {@code oracle -races DIR}, explores each scenario in the model ({@link #explore}, over 4 hash
 * seeds), and
 * prints the frequencies side by side. Exit 1 if the real runtime showed an outcome class the
 * model does not enumerate for that scenario, 2 if the input cannot be read.
 *
 * <pre>java maplab.race.RaceCheckMain DIR/races.json [--csv FILE]</pre>
 */
public final class RaceCheckMain {

    private static final long[] SEEDS = {1, 2, 3, 4};

    private RaceCheckMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--csv"))) {
            System.err.println("usage: RaceCheckMain RACES.json [--csv FILE]");
            System.exit(2);
        }
        Map<String, Map<Integer, JsonObject>> real;
        try {
            real = read(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            System.err.println(args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> csv = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Map<Integer, JsonObject>> e : real.entrySet()) {
            Scenario s = RaceScenarios.named(e.getKey());
            Map<Integer, Map<String, Long>> counts = new TreeMap<>();
            Set<String> realClasses = new LinkedHashSet<>();
            e.getValue().forEach((procs, o) -> {
                Map<String, Long> c = new LinkedHashMap<>();
                o.getAsJsonObject("outcomes").entrySet().forEach(x -> c.put(x.getKey(), x.getValue().getAsLong()));
                counts.put(procs, c);
                realClasses.addAll(c.keySet());
            });
            Exploration model = explore(s, realClasses);
            Set<String> classes = new LinkedHashSet<>(model.outcomes());
            classes.addAll(realClasses);
            System.out.printf("%s: model %s (%,d schedules, %.1f s)%n", s.name(), model.method(), model.schedules(),
                    model.seconds());
            System.out.printf("  %-62s %14s %10s %10s%n", "outcome", "model", "real P=2", "real P=4");
            for (String c : classes) {
                long m = model.count(c);
                long r2 = counts.getOrDefault(2, Map.of()).getOrDefault(c, 0L);
                long r4 = counts.getOrDefault(4, Map.of()).getOrDefault(c, 0L);
                boolean in = m > 0;
                if (!in) {
                    missing++;
                }
                System.out.printf("  %-62s %14s %10d %10d%s%n", c, String.format("%,d (%.1f%%)", m,
                        100.0 * m / model.schedules()), r2, r4, in ? "" : "   <- NOT IN THE MODEL");
                csv.add(String.join(",", s.name(), Csv.field(c), Long.toString(m),
                        String.format("%.4f", (double) m / model.schedules()), Long.toString(r2), Long.toString(r4),
                        Boolean.toString(in)));
            }
        }
        if (args.length == 3) {
            try {
                Csv.write(Path.of(args[2]),
                        "scenario,outcome,model_schedules,model_share,real_gomaxprocs2,real_gomaxprocs4,in_model", csv);
            } catch (IOException ex) {
                System.err.println("cannot write " + args[2] + ": " + ex.getMessage());
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
     * The model's side: every schedule within a preemption bound (3 for two goroutines, 2 for
     * more), 50,000 PCT samples of depth 8, and 50,000 random walks, whose near-lockstep
     * interleavings (as on a multi-core machine) reach the schedules in which two writers both
     * pass the hashWriting checks and lose an update without a fatal error. A class the real
     * runtime showed and these did not reach is then searched for with more samples (rounds of
     * 250,000, random walks and PCT in turn, at most 2,000,000).
     */
    static Exploration explore(Scenario s, Set<String> wanted) {
        int bound = s.goroutines().size() <= 2 ? 3 : 2;
        Exploration model = Exploration.merge(Exploration.merge(
                s.explorer().preemptions(bound).seeds(SEEDS).progress(false).explore(),
                s.explorer().seeds(SEEDS).progress(false).sample(50_000, 7, 8)),
                s.explorer().seeds(SEEDS).progress(false).walk(50_000, 7));
        for (int round = 0; round < 8 && !model.outcomes().containsAll(wanted); round++) {
            Explorer more = s.explorer().seeds(SEEDS).progress(false).raceDetector(false);
            model = Exploration.merge(model, round % 2 == 0 ? more.walk(250_000, 100 + round)
                    : more.sample(250_000, 100 + round, 6 + round % 3 * 2));
        }
        return model;
    }

    private static Map<String, Map<Integer, JsonObject>> read(Path file) throws IOException {
        Map<String, Map<Integer, JsonObject>> out = new LinkedHashMap<>();
        int line = 0;
        for (String l : Files.readAllLines(file)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            JsonObject o;
            try {
                o = JsonParser.parseString(l).getAsJsonObject();
                String name = o.get("scenario").getAsString();
                int procs = o.get("gomaxprocs").getAsInt();
                o.getAsJsonObject("outcomes").size();
                RaceScenarios.named(name);
                out.computeIfAbsent(name, k -> new TreeMap<>()).put(procs, o);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + line + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no scenarios in the file");
        }
        return out;
    }
}
