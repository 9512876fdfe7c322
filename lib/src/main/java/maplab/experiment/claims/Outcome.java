package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A claim checked on one engine: what its experiment measured on each release and the verdict
 * its rule gave each, or why it was not measured.
 *
 * @param claim the claim
 * @param engine the engine its check belongs to
 * @param experiment the experiment in words ("" when not measured)
 * @param measured per release, in the check's order
 * @param verdicts per release, from the rule
 * @param unmeasured without a measurement, the verdict saying why (not measured, does not apply);
 *     null when there are measurements
 */
public record Outcome(Claim claim, MapEngine engine, String experiment, Map<String, Measured> measured,
                      Map<String, Verdict> verdicts, Verdict unmeasured) {

    public Outcome {
        if (claim == null || engine == null || experiment == null || measured == null || verdicts == null) {
            throw new IllegalArgumentException("an outcome needs a claim, an engine, an experiment text and its "
                    + "measurements (empty texts and maps allowed)");
        }
        if (!measured.keySet().equals(verdicts.keySet())) {
            throw new IllegalArgumentException("claim " + claim.id() + ": measured releases " + measured.keySet()
                    + " differ from judged releases " + verdicts.keySet());
        }
        if (measured.isEmpty() == (unmeasured == null)) {
            throw new IllegalArgumentException("claim " + claim.id() + ": an outcome has measurements or a verdict "
                    + "saying why not, exactly one of them");
        }
        if (unmeasured != null && unmeasured.kind() != Verdict.Kind.NOT_MEASURED
                && unmeasured.kind() != Verdict.Kind.DOES_NOT_APPLY) {
            throw new IllegalArgumentException("claim " + claim.id() + ": without measurements the verdict can only "
                    + "be 'not measured' or 'does not apply', got " + unmeasured);
        }
        measured = Collections.unmodifiableMap(new LinkedHashMap<>(measured));
        verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
    }

    static Outcome without(Claim claim, MapEngine engine, Verdict why) {
        return new Outcome(claim, engine, "", Map.of(), Map.of(), why);
    }

    /** The releases the experiment ran on, in order. */
    public List<String> releases() {
        return List.copyOf(measured.keySet());
    }

    /** "1.19, 1.21, 1.22, 1.23", or "" when not measured. */
    public String releasesText() {
        return String.join(", ", measured.keySet());
    }

    /** The verdict on one release; an IllegalArgumentException names the releases there are. */
    public Verdict verdict(String release) {
        Verdict v = verdicts.get(release);
        if (v == null) {
            throw new IllegalArgumentException("claim " + claim.id() + " was not checked on '" + release + "'; it was on "
                    + verdicts.keySet());
        }
        return v;
    }

    /**
     * The answers of every release: one text when they agree, else each distinct answer after the
     * releases that gave it ("Go 1.19, 1.22, 1.23: ... Go 1.21: ...").
     */
    public String answer() {
        if (measured.isEmpty()) {
            return "";
        }
        Map<String, List<String>> groups = group(measured, Measured::answer);
        if (groups.size() == 1) {
            return groups.keySet().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        groups.forEach((answer, releases) -> parts.add(go(releases) + ": " + answer));
        return String.join(". ", parts);
    }

    /**
     * The verdict over every release: one verdict when they agree, else each verdict for the
     * releases that gave it ("false for Go 1.21; partly for Go 1.19, 1.22, 1.23: ..."), the
     * qualified ones last so that their explanation ends the text. Not measured: the reason.
     */
    public String verdictText() {
        if (measured.isEmpty()) {
            return unmeasured.toString();
        }
        Map<String, List<String>> groups = group(verdicts, Verdict::toString);
        if (groups.size() == 1) {
            return groups.keySet().iterator().next();
        }
        List<String> plain = new ArrayList<>();
        List<String> qualified = new ArrayList<>();
        groups.forEach((text, releases) -> {
            Verdict v = verdicts.get(releases.get(0));
            String kind = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
            String line = kind + " for " + go(releases) + (v.qualifier().isEmpty() ? "" : ": " + v.qualifier());
            (v.qualifier().isEmpty() ? plain : qualified).add(line);
        });
        plain.addAll(qualified);
        return String.join("; ", plain);
    }

    private static <V> Map<String, List<String>> group(Map<String, V> byRelease, java.util.function.Function<V, String> key) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        byRelease.forEach((release, v) -> groups.computeIfAbsent(key.apply(v), k -> new ArrayList<>()).add(release));
        return groups;
    }

    private static String go(List<String> releases) {
        return "Go " + String.join(", ", releases);
    }
}
