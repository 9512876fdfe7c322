package maplab.experiment.claims;

import java.util.List;
import java.util.function.Function;

/**
 * How one engine tests a claim: the experiment in words, the Go releases it runs on, the
 * experiment itself (a function of the release: "1.19", ...) and the rule that turns what it
 * measured into a verdict. The rule sees only the measured answer and its figures, so a verdict
 * can change only when a measurement does.
 *
 * @param experiment what is done, in a line, e.g. "count when each doubling starts, 2,000 inserts"
 * @param releases the releases to run on, each one of the engine's ({@link MapEngine#releases()})
 * @param run the experiment on one release
 * @param rule the verdict from one release's measurement
 */
public record Check(String experiment, List<String> releases, Function<String, Measured> run,
                    Function<Measured, Verdict> rule) {

    public Check {
        if (experiment == null || experiment.isBlank()) {
            throw new IllegalArgumentException("a check needs its experiment described, got "
                    + (experiment == null ? "null" : "a blank"));
        }
        if (releases == null || releases.isEmpty()) {
            throw new IllegalArgumentException("a check runs on at least one Go release, got " + releases);
        }
        if (releases.stream().distinct().count() != releases.size()) {
            throw new IllegalArgumentException("releases repeat: " + releases);
        }
        if (run == null || rule == null) {
            throw new IllegalArgumentException("a check needs an experiment function and a verdict rule, got "
                    + (run == null ? "no experiment" : "no rule"));
        }
        releases = List.copyOf(releases);
    }
}
