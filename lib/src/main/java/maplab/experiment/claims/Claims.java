package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.experiment.Trials;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/**
 * Claims about Go maps, each checked by an experiment on each map design it is about, with a
 * verdict computed from what the experiment measured:
 *
 * <pre>
 *   Claims.table()                                   // every claim, classic and Swiss rows
 *   Claims.table("grows-at-6.5", "rehash-at-once")   // some of them
 *   Claims.evaluate("grows-at-6.5", MapEngine.SWISS).verdictText()
 * </pre>
 *
 * <p>A claim is data ({@link Claim}); each engine gives it at most one {@link Check}, found by the
 * claim's id: the classic engine's are in {@link ClassicChecks} (the model of Go 1.19, 1.21, 1.22
 * and 1.23), the Swiss engine's in {@link SwissChecks} and {@link SwissMythChecks} (the model of
 * Go 1.24, 1.25 and 1.26), and both engines' claims about named functions in {@link SourceChecks}
 * (the Go source trees). A claim about one design only "does not apply" to the other.
 */
public final class Claims {

    private static final List<Claim> ALL = ClaimCatalogue.claims();
    private static final Map<MapEngine, Map<String, Check>> CHECKS = new LinkedHashMap<>();

    static {
        Map<String, Check> classic = new LinkedHashMap<>(ClassicChecks.all());
        classic.putAll(SourceChecks.forEngine(MapEngine.CLASSIC));
        CHECKS.put(MapEngine.CLASSIC, classic);
        Map<String, Check> swiss = new LinkedHashMap<>(SwissChecks.all());
        swiss.putAll(SourceChecks.forEngine(MapEngine.SWISS));
        CHECKS.put(MapEngine.SWISS, swiss);
        for (Map.Entry<MapEngine, Map<String, Check>> e : CHECKS.entrySet()) {
            for (Map.Entry<String, Check> c : e.getValue().entrySet()) {
                if (!claim(c.getKey()).isAbout(e.getKey())) {
                    throw new IllegalStateException("a check of " + c.getKey() + " on " + e.getKey()
                            + ", which the claim is not about");
                }
                for (String r : c.getValue().releases()) {
                    if (!e.getKey().releases().contains(r)) {
                        throw new IllegalStateException("check of " + c.getKey() + " runs on Go " + r + ", not a "
                                + e.getKey() + " release");
                    }
                }
            }
        }
    }

    private Claims() {
    }

    /** Every claim, in the notebook's order. */
    public static List<Claim> all() {
        return ALL;
    }

    /** The topics ("slots and tombstones", "growth", ...) and the ids of their claims, in order. */
    public static Map<String, List<String>> topics() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        ClaimCatalogue.topics().forEach((topic, claims) -> t.put(topic, claims.stream().map(Claim::id).toList()));
        return Collections.unmodifiableMap(t);
    }

    /** The ids of every claim, in order. */
    public static List<String> ids() {
        return ALL.stream().map(Claim::id).toList();
    }

    /** The claim of that id; an IllegalArgumentException lists the ids there are. */
    public static Claim claim(String id) {
        for (Claim c : ALL) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no claim '" + id + "'; the claims are " + ids());
    }

    /** The checks an engine has, by claim id (unmodifiable). */
    public static Map<String, Check> checks(MapEngine engine) {
        if (engine == null) {
            throw new IllegalArgumentException("engine must be CLASSIC or SWISS, got null");
        }
        return Collections.unmodifiableMap(CHECKS.get(engine));
    }

    /**
     * Runs the claim's check of that engine on each of its releases and applies its rule to each
     * measurement; a claim about the other design only comes back "does not apply", and one the
     * engine has no check for "not measured".
     */
    public static Outcome evaluate(String id, MapEngine engine) {
        Claim claim = claim(id);
        Check check = checks(engine).get(id);
        if (!claim.isAbout(engine)) {
            return Outcome.without(claim, engine, Verdict.doesNotApply(engine == MapEngine.SWISS ? claim.swiss()
                    : "the claim is about " + MapEngine.SWISS));
        }
        if (check == null) {
            return Outcome.without(claim, engine, Verdict.notMeasured("no experiment for the " + engine.design()
                    + " yet" + (engine == MapEngine.SWISS ? "; " + claim.swiss() : "")));
        }
        // The releases are measured in parallel (Experiments.parallelism): a check's run on one
        // release builds its own maps and Randoms; the caches the checks share are concurrent maps.
        List<Map.Entry<Measured, Verdict>> results = Trials.map(check.releases(), null, (release, step) -> {
            Measured m = check.run().apply(release);
            if (m == null) {
                throw new IllegalStateException("the check of " + id + " measured nothing on Go " + release);
            }
            Verdict v = check.rule().apply(m);
            if (v == null) {
                throw new IllegalStateException("the rule of " + id + " gave no verdict on Go " + release);
            }
            return Map.entry(m, v);
        });
        Map<String, Measured> measured = new LinkedHashMap<>();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            measured.put(check.releases().get(i), results.get(i).getKey());
            verdicts.put(check.releases().get(i), results.get(i).getValue());
        }
        return new Outcome(claim, engine, check.experiment(), measured, verdicts, null);
    }

    /** The claims of those ids (every claim when none is given) checked on the classic engine. */
    public static List<Outcome> evaluate(String... ids) {
        return evaluate(List.of(MapEngine.CLASSIC), ids);
    }

    /**
     * The claims of those ids (every claim when none is given) checked on both engines: for each
     * claim its classic outcome, then its Swiss one.
     */
    public static List<Outcome> evaluateBoth(String... ids) {
        return evaluate(List.of(MapEngine.values()), ids);
    }

    private static List<Outcome> evaluate(List<MapEngine> engines, String... ids) {
        List<String> which = ids == null || ids.length == 0 ? ids() : List.of(ids);
        which.forEach(Claims::claim);
        List<Outcome> out = new ArrayList<>();
        for (String id : which) {
            for (MapEngine e : engines) {
                out.add(evaluate(id, e));
            }
        }
        return out;
    }

    /**
     * The claims table of those claims (every claim when none is given), a row per claim and
     * engine: claim, where people say it, map (the design), experiment, Go versions (the releases
     * the experiment ran on), measured answer, verdict.
     */
    public static Table table(String... ids) {
        return table(evaluateBoth(ids));
    }

    /** The table of outcomes already computed, a row per outcome, in their order. */
    public static Table table(List<Outcome> outcomes) {
        return build("claims checked on the model", outcomes);
    }

    /** The rows of one topic ({@link #topics()}) among outcomes already computed. */
    public static Table table(String topic, List<Outcome> outcomes) {
        if (outcomes == null) {
            throw new IllegalArgumentException("outcomes must be a list, got null");
        }
        List<String> ids = topics().get(topic);
        if (ids == null) {
            throw new IllegalArgumentException("no topic '" + topic + "'; the topics are " + topics().keySet());
        }
        List<Outcome> some = outcomes.stream().filter(o -> ids.contains(o.claim().id())).toList();
        if (some.isEmpty()) {
            throw new IllegalArgumentException("none of these outcomes is about " + topic + " (" + ids + ")");
        }
        return build("claims checked on the model: " + topic, some);
    }

    private static Table build(String name, List<Outcome> outcomes) {
        if (outcomes == null) {
            throw new IllegalArgumentException("outcomes must be a list, got null");
        }
        TableBuilder t = new TableBuilder(name)
                .strings("claim", "where people say it", "map", "experiment", "Go versions", "measured answer",
                        "verdict");
        for (Outcome o : outcomes) {
            t.row(o.claim().text(), o.claim().whereSaid(), o.engine().toString(), o.experiment(), o.releasesText(),
                    o.answer(), o.verdictText());
        }
        return t.build();
    }

    /**
     * How many of these outcomes got each verdict kind (their text before any ':' or ' for'), a
     * column per engine among them.
     */
    public static Table verdictCounts(List<Outcome> outcomes) {
        if (outcomes == null) {
            throw new IllegalArgumentException("outcomes must be a list, got null");
        }
        List<String> kinds = List.of("true", "false", "partly", "mixed across releases", "not measured",
                "does not apply");
        Map<MapEngine, Map<String, Integer>> n = new LinkedHashMap<>();
        for (MapEngine e : MapEngine.values()) {
            if (outcomes.stream().anyMatch(o -> o.engine() == e)) {
                Map<String, Integer> zero = new LinkedHashMap<>();
                kinds.forEach(k -> zero.put(k, 0));
                n.put(e, zero);
            }
        }
        for (Outcome o : outcomes) {
            String v = o.verdictText();
            String kind = v.contains(" for Go ") ? "mixed across releases" : v.split(":")[0];
            n.get(o.engine()).merge(kind, 1, Integer::sum);
        }
        TableBuilder t = new TableBuilder("verdicts").strings("verdict");
        n.keySet().forEach(e -> t.ints(e.toString()));
        for (String k : kinds) {
            List<Object> row = new ArrayList<>();
            row.add(k);
            n.values().forEach(c -> row.add(c.get(k)));
            t.row(row.toArray());
        }
        return t.build();
    }
}
