package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/**
 * Claims about Go maps, each checked by an experiment on the model, with a verdict computed from
 * what the experiment measured:
 *
 * <pre>
 *   Claims.table()                                   // every claim, on the classic engine
 *   Claims.table("grows-at-6.5", "rehash-at-once")   // some of them
 *   Claims.evaluate("grows-at-6.5", MapEngine.CLASSIC).verdictText()
 * </pre>
 *
 * <p>A claim is data ({@link Claim}); each engine gives it at most one {@link Check}, found by the
 * claim's id: the classic engine's are in {@link ClassicChecks} (the model of Go 1.19, 1.21, 1.22
 * and 1.23) and {@link SourceChecks} (the Go source trees). A Swiss-table engine adds its checks
 * under {@link MapEngine#SWISS} without touching the claims; until then its column says how Go
 * 1.24+ differs, unmeasured.
 */
public final class Claims {

    private static final List<Claim> ALL = ClaimCatalogue.claims();
    private static final Map<MapEngine, Map<String, Check>> CHECKS = new LinkedHashMap<>();

    static {
        Map<String, Check> classic = new LinkedHashMap<>(ClassicChecks.all());
        classic.putAll(SourceChecks.forEngine(MapEngine.CLASSIC));
        CHECKS.put(MapEngine.CLASSIC, classic);
        CHECKS.put(MapEngine.SWISS, SourceChecks.forEngine(MapEngine.SWISS));
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
     * measurement; a claim the engine has no check for comes back not measured, with the claim's
     * note on Go 1.24+ for the Swiss engine.
     */
    public static Outcome evaluate(String id, MapEngine engine) {
        Claim claim = claim(id);
        Check check = checks(engine).get(id);
        if (!claim.isAbout(engine)) {
            return Outcome.without(claim, engine, Verdict.doesNotApply(engine == MapEngine.SWISS ? claim.swiss()
                    : "the claim is about " + MapEngine.SWISS.span()));
        }
        if (check == null) {
            return Outcome.without(claim, engine, Verdict.notMeasured(engine == MapEngine.SWISS
                    ? "no Swiss-table engine yet; " + claim.swiss()
                    : "no experiment for the " + engine.design() + " yet"));
        }
        Map<String, Measured> measured = new LinkedHashMap<>();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String release : check.releases()) {
            Measured m = check.run().apply(release);
            if (m == null) {
                throw new IllegalStateException("the check of " + id + " measured nothing on Go " + release);
            }
            Verdict v = check.rule().apply(m);
            if (v == null) {
                throw new IllegalStateException("the rule of " + id + " gave no verdict on Go " + release);
            }
            measured.put(release, m);
            verdicts.put(release, v);
        }
        return new Outcome(claim, engine, check.experiment(), measured, verdicts, null);
    }

    /** The claims of those ids (every claim when none is given) checked on the classic engine. */
    public static List<Outcome> evaluate(String... ids) {
        List<String> which = ids == null || ids.length == 0 ? ids() : List.of(ids);
        which.forEach(Claims::claim);
        List<Outcome> out = new ArrayList<>();
        for (String id : which) {
            out.add(evaluate(id, MapEngine.CLASSIC));
        }
        return out;
    }

    /**
     * The claims table: claim, where people say it, experiment, Go versions (the releases the
     * experiment ran on), measured answer, verdict, and the Go 1.24+ (Swiss tables) column: that
     * engine's verdict where it has a check, else how it differs, not measured.
     */
    public static Table table(String... ids) {
        return table(evaluate(ids));
    }

    /** The table of outcomes already computed on the classic engine. */
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
                .strings("claim", "where people say it", "experiment", "Go versions", "measured answer", "verdict",
                        "Go 1.24+ (Swiss tables)");
        for (Outcome o : outcomes) {
            if (o.engine() != MapEngine.CLASSIC) {
                throw new IllegalArgumentException("the table shows classic-engine outcomes; " + o.claim().id()
                        + " is on " + o.engine());
            }
            t.row(o.claim().text(), o.claim().whereSaid(), o.experiment(), o.releasesText(), o.answer(),
                    o.verdictText(), swissColumn(o.claim()));
        }
        return t.build();
    }

    private static String swissColumn(Claim c) {
        Outcome s = evaluate(c.id(), MapEngine.SWISS);
        if (s.measured().isEmpty()) {
            return s.unmeasured().kind() == Verdict.Kind.NOT_MEASURED ? "not measured: " + c.swiss()
                    : s.verdictText();
        }
        return s.verdictText() + " (Go " + s.releasesText() + " source: " + s.answer() + ")";
    }

    /** How many of these outcomes got each verdict kind (their text before any ':' or ' for'). */
    public static Table verdictCounts(List<Outcome> outcomes) {
        if (outcomes == null) {
            throw new IllegalArgumentException("outcomes must be a list, got null");
        }
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String k : List.of("true", "false", "partly", "mixed across releases")) {
            n.put(k, 0);
        }
        for (Outcome o : outcomes) {
            String v = o.verdictText();
            String kind = v.contains(" for Go ") ? "mixed across releases" : v.split(":")[0];
            n.merge(kind, 1, Integer::sum);
        }
        TableBuilder t = new TableBuilder("verdicts").strings("verdict").ints("claims");
        n.forEach(t::row);
        return t.build();
    }
}
