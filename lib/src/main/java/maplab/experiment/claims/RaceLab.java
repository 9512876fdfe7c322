package maplab.experiment.claims;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import maplab.race.Exploration;
import maplab.race.Scenario;

/**
 * The race experiments both engines' checks share: the scenarios of notebook 07 explored on the
 * release given (a classic one or a Swiss one: the scheduler drives either engine through its
 * step hook), each schedule classified by the runtime's check and by the model's race detector.
 */
final class RaceLab {

    private RaceLab() {
    }

    /** The five race claims, checked the same way on either engine's {@code releases}. */
    static void put(Map<String, Check> m, List<String> releases) {
        m.put("writes-always-caught", new Check("two goroutines, one insert each, into map[uint64]uint64{100: 100}: "
                + "every schedule with at most 3 preemptions (maplab.race)", releases, RaceLab::writesCaught,
                r -> Verdict.of(r.figure("silentlyCorrupted") == 0 && r.figure("fatal") > 0)));
        m.put("silent-corruption", new Check("the same two-writer schedules", releases, RaceLab::writesCaught,
                r -> Verdict.of(r.figure("silentlyCorrupted") > 0)));
        m.put("delete-during-reads-safe", new Check("map{100, 101}: one goroutine deletes 100 while another reads "
                + "101, every schedule with at most 3 preemptions; runtime check and the model's race detector",
                releases, RaceLab::deleteDuringReads,
                r -> Verdict.of(r.figure("fatal") == 0 && r.figure("flagged") == 0)));
        m.put("race-detector-blind", new Check("the two-writer schedules, with the model's race detector (a "
                + "happens-before analysis that keeps every access)", releases, RaceLab::raceBlind,
                r -> Verdict.of(r.figure("flagged") == 0)));
        m.put("race-detector-catches", new Check("the two-writer schedules that end without a fatal error, with "
                + "the model's race detector", releases, RaceLab::raceCatches,
                r -> r.figure("flaggedWithoutFatal") == r.figure("withoutFatal") && r.figure("withoutFatal") > 0
                        ? Verdict.TRUE
                        : Verdict.of(r.figure("flaggedWithoutFatal") > 0)));
    }

    private static final Map<String, Exploration> EXPLORED = new ConcurrentHashMap<>();

    /** Every schedule with at most 3 preemptions; explorations are deterministic, so one per release serves every claim. */
    private static Exploration explore(String name, String release, Function<Scenario.Builder, Scenario.Builder> body) {
        return EXPLORED.computeIfAbsent(name + "@" + release,
                key -> body.apply(Scenario.named(name).go(release)).build().explorer().progress(false).preemptions(3)
                        .explore());
    }

    private static boolean fatal(String outcome) {
        return outcome.startsWith("fatal:") || outcome.startsWith("crash:") || outcome.startsWith("panic:")
                || outcome.equals("hang");
    }

    /** The two-writer schedules, counted once per release for the four claims that read them. */
    private record Writers(long schedules, long fatal, long silent, long clean, long flagged, long flaggedWithoutFatal) {
        Measured figures(String answer) {
            return Measured.of(answer).with("schedules", schedules).with("fatal", fatal)
                    .with("silentlyCorrupted", silent).with("clean", clean).with("flagged", flagged)
                    .with("withoutFatal", silent + clean).with("flaggedWithoutFatal", flaggedWithoutFatal);
        }
    }

    private static Writers writers(String release) {
        Exploration e = explore("two-inserts", release, b -> b.initial(100)
                .goroutine(g -> g.set(1, 1)).goroutine(g -> g.set(2, 2)));
        long fatal = 0;
        long silent = 0;
        long clean = 0;
        long flaggedWithoutFatal = 0;
        for (Exploration.OutcomeCount c : e.counts()) {
            if (fatal(c.outcome())) {
                fatal += c.schedules();
            } else {
                flaggedWithoutFatal += c.raceReported();
                if (c.outcome().equals("clean")) {
                    clean += c.schedules();
                } else {
                    silent += c.schedules();
                }
            }
        }
        return new Writers(e.schedules(), fatal, silent, clean, e.racySchedules(), flaggedWithoutFatal);
    }

    static Measured writesCaught(String release) {
        Writers w = writers(release);
        return w.figures(String.format("%,d schedules: %,d end in 'concurrent map writes', %,d corrupt the map "
                + "without any error (lost update or count mismatch), %,d end clean", w.schedules(), w.fatal(),
                w.silent(), w.clean()));
    }

    static Measured raceBlind(String release) {
        Writers w = writers(release);
        return w.figures(String.format("the model's race detector flags %,d of the %,d schedules", w.flagged(),
                w.schedules()));
    }

    static Measured raceCatches(String release) {
        Writers w = writers(release);
        return w.figures(String.format("of the %,d schedules without a fatal error (%,d corrupted, %,d clean), the "
                + "model's race detector flags %,d", w.silent() + w.clean(), w.silent(), w.clean(),
                w.flaggedWithoutFatal()));
    }

    static Measured deleteDuringReads(String release) {
        Exploration e = explore("delete-and-lookup", release, b -> b.initial(100, 101)
                .goroutine(g -> g.delete(100)).goroutine(g -> g.get(101)));
        long fatal = 0;
        for (Exploration.OutcomeCount c : e.counts()) {
            fatal += fatal(c.outcome()) ? c.schedules() : 0;
        }
        return Measured.of("%,d schedules: %,d end in 'concurrent map read and map write'; the model's race "
                        + "detector flags %,d", e.schedules(), fatal, e.racySchedules())
                .with("schedules", e.schedules()).with("fatal", fatal).with("flagged", e.racySchedules());
    }
}
