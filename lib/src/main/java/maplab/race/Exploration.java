package maplab.race;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/**
 * The result of exploring a scenario: how many schedules ended in each outcome, one example
 * schedule per outcome (replayable step by step), and what the race detector reported.
 */
public final class Exploration {

    /** One outcome class: its schedules, how many of them the race detector flagged, and the first example. */
    public record OutcomeCount(String outcome, long schedules, long raceReported, String example, Schedule schedule) { }

    private final Scenario scenario;
    private final String method;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();
    private final Map<String, Schedule> exampleSchedules = new LinkedHashMap<>();
    private final Map<String, long[]> races = new LinkedHashMap<>();
    private final Map<String, Schedule> raceExamples = new LinkedHashMap<>();
    private final Map<Race, String> pairNames = new java.util.HashMap<>();
    private long schedules;
    private long racySchedules;
    private long nanos;
    private boolean complete = true;
    private String sequentialNote = "";

    Exploration(Scenario scenario, String method) {
        this.scenario = scenario;
        this.method = method;
    }

    /** One executed schedule; a Schedule object is made only for a first example. */
    void add(String outcome, String detail, long seed, int[] choices, List<Race> found) {
        schedules++;
        long[] c = counts.computeIfAbsent(outcome, k -> new long[2]);
        c[0]++;
        if (!found.isEmpty()) {
            c[1]++;
            racySchedules++;
        }
        Schedule schedule = null;
        if (!examples.containsKey(outcome)) {
            schedule = new Schedule(seed, choices);
            examples.put(outcome, detail);
            exampleSchedules.put(outcome, schedule);
        }
        String previous = null;
        for (Race r : found) {
            // Races repeat from schedule to schedule: name each pair once.
            String key = pairNames.computeIfAbsent(r, Race::pair);
            if (key.equals(previous) || (found.size() > 2 && countedBefore(found, r, key))) {
                continue; // the same pair seen the other way round in this schedule
            }
            previous = key;
            races.computeIfAbsent(key, k -> new long[1])[0]++;
            if (!raceExamples.containsKey(key)) {
                raceExamples.put(key, schedule != null ? schedule : (schedule = new Schedule(seed, choices)));
            }
        }
    }

    private boolean countedBefore(List<Race> found, Race r, String key) {
        for (Race x : found) {
            if (x == r) {
                return false;
            }
            if (pairNames.get(x).equals(key)) {
                return true;
            }
        }
        return false;
    }

    void finish(long elapsedNanos, boolean completeSearch, String note) {
        this.nanos = elapsedNanos;
        this.complete = completeSearch;
        this.sequentialNote = note;
    }

    /** Two explorations of the same scenario as one: counts add up, the first example of each outcome stays. */
    public static Exploration merge(Exploration a, Exploration b) {
        if (a.scenario != b.scenario) {
            throw new IllegalArgumentException("explorations of two scenarios: " + a.scenario.name() + ", "
                    + b.scenario.name());
        }
        Exploration m = new Exploration(a.scenario, a.method + " + " + b.method);
        m.absorb(a);
        m.absorb(b);
        m.nanos = a.nanos + b.nanos;
        m.complete = a.complete && b.complete;
        m.sequentialNote = a.sequentialNote;
        return m;
    }

    /**
     * Adds the schedules of {@code x}, which come after this one's in the order of the search:
     * counts add up, the first example of each outcome and of each racing pair stays, and
     * outcomes and pairs keep the order in which they were first seen.
     */
    void absorb(Exploration x) {
        x.counts.forEach((o, c) -> {
            long[] mc = counts.computeIfAbsent(o, k -> new long[2]);
            mc[0] += c[0];
            mc[1] += c[1];
            examples.putIfAbsent(o, x.examples.get(o));
            exampleSchedules.putIfAbsent(o, x.exampleSchedules.get(o));
        });
        x.races.forEach((r, c) -> races.computeIfAbsent(r, k -> new long[1])[0] += c[0]);
        x.raceExamples.forEach(raceExamples::putIfAbsent);
        schedules += x.schedules;
        racySchedules += x.racySchedules;
    }

    public Scenario scenario() { return scenario; }

    /** How the schedules were chosen, e.g. "every schedule with at most 2 preemptions, seeds [1]". */
    public String method() { return method; }

    /** Schedules executed. */
    public long schedules() { return schedules; }

    /** Whether the search covered everything its method promises (no limit cut it short). */
    public boolean complete() { return complete; }

    /** Schedules per second of wall time, classification and race analysis included. */
    public double schedulesPerSecond() {
        return nanos == 0 ? 0 : schedules * 1e9 / nanos;
    }

    public double seconds() { return nanos / 1e9; }

    /** The outcome classes seen, most frequent first. */
    public List<String> outcomes() {
        List<String> out = new ArrayList<>(counts.keySet());
        out.sort((a, b) -> Long.compare(counts.get(b)[0], counts.get(a)[0]));
        return out;
    }

    /** Schedules that ended in {@code outcome} (0 if none). */
    public long count(String outcome) {
        long[] c = counts.get(outcome);
        return c == null ? 0 : c[0];
    }

    /** Every outcome with its counts and example, most frequent first. */
    public List<OutcomeCount> counts() {
        List<OutcomeCount> out = new ArrayList<>();
        for (String o : outcomes()) {
            long[] c = counts.get(o);
            out.add(new OutcomeCount(o, c[0], c[1], examples.get(o), exampleSchedules.get(o)));
        }
        return out;
    }

    /** The first schedule that ended in {@code outcome}. */
    public Schedule example(String outcome) {
        Schedule s = exampleSchedules.get(outcome);
        if (s == null) {
            throw new IllegalArgumentException("no schedule ended in \"" + outcome + "\"; the outcomes are "
                    + outcomes());
        }
        return s;
    }

    /** The example of {@code outcome}, replayed step by step with the map's state after each step. */
    public ScheduleReplay replay(String outcome) {
        return ScheduleReplay.of(scenario, example(outcome));
    }

    /** The distinct racing pairs ({@link Race#pair()}) and in how many schedules each was reported. */
    public Map<String, Long> races() {
        Map<String, Long> out = new LinkedHashMap<>();
        races.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }

    /** Schedules in which the race detector reported at least one race. */
    public long racySchedules() { return racySchedules; }

    /**
     * The outcome table: outcome, schedules, share, how many of them {@code go run -race} would
     * flag, one example (where it happened) and its schedule.
     */
    public Table table() {
        TableBuilder t = new TableBuilder(scenario.name() + ": " + method)
                .strings("outcome").longs("schedules").strings("share").longs("race reported")
                .strings("example").strings("example schedule");
        for (OutcomeCount c : counts()) {
            t.row(c.outcome(), c.schedules(), String.format("%.1f%%", 100.0 * c.schedules() / schedules),
                    c.raceReported(), c.example(), c.schedule().toString());
        }
        return t.build();
    }

    /** What the race detector reports: each racing pair, in how many schedules, and an example schedule. */
    public Table raceTable() {
        TableBuilder t = new TableBuilder(scenario.name() + ": go run -race")
                .strings("racing accesses").longs("schedules").strings("example schedule");
        races.forEach((k, v) -> t.row(k, v[0], raceExamples.get(k).toString()));
        return t.build();
    }

    /**
     * One row per exploration: how many schedules the runtime's check stopped (a fatal error), how
     * many ended silently corrupted, how many clean, and how many {@code go run -race} would flag,
     * among them the clean and corrupted ones the runtime's check let through.
     */
    public static Table summary(List<Exploration> explorations) {
        TableBuilder t = new TableBuilder("runtime check vs race detector")
                .strings("scenario").longs("schedules").strings("fatal error or fault").strings("silent corruption")
                .strings("clean").strings("race detector flags").strings("flagged, no fatal error");
        for (Exploration e : explorations) {
            long fatal = 0;
            long corrupt = 0;
            long clean = 0;
            long missedByCheck = 0;
            for (OutcomeCount c : e.counts()) {
                if (c.outcome().equals(Classifier.CLEAN)) {
                    clean += c.schedules();
                    missedByCheck += c.raceReported();
                } else if (c.outcome().startsWith("fatal:") || c.outcome().startsWith("crash:")
                        || c.outcome().startsWith("panic:") || c.outcome().equals("hang")) {
                    fatal += c.schedules();
                } else {
                    corrupt += c.schedules();
                    missedByCheck += c.raceReported();
                }
            }
            t.row(e.scenario.name(), e.schedules, share(fatal, e.schedules), share(corrupt, e.schedules),
                    share(clean, e.schedules), share(e.racySchedules, e.schedules), share(missedByCheck, e.schedules));
        }
        return t.build();
    }

    private static String share(long n, long of) {
        return String.format("%,d (%.1f%%)", n, of == 0 ? 0.0 : 100.0 * n / of);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(scenario.name()).append(": ").append(String.format("%,d", schedules)).append(" schedules (")
                .append(method).append(complete ? "" : "; cut short by the limit").append("), ")
                .append(String.format("%.2f s, %,.0f schedules/s", seconds(), schedulesPerSecond())).append('\n');
        for (OutcomeCount c : counts()) {
            sb.append(String.format("  %-40s %,10d  %5.1f%%  e.g. %s%n", c.outcome(), c.schedules(),
                    100.0 * c.schedules() / schedules, c.example()));
        }
        sb.append(String.format("  race detector: %,d of %,d schedules flagged%s%n", racySchedules, schedules,
                races.isEmpty() ? "" : ": " + String.join("; ", races.keySet())));
        if (!sequentialNote.isEmpty()) {
            sb.append("  ").append(sequentialNote).append('\n');
        }
        return sb.toString();
    }
}
