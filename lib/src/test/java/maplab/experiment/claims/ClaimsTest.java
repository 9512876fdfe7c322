package maplab.experiment.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Pins the verdict of every claim: a change in a verdict (or in the releases it was computed on)
 * must be a deliberate edit here and in the notebook test (test_notebook.py check_05).
 */
class ClaimsTest {

    static final String ALL = "1.19, 1.21, 1.22, 1.23";

    /** claim id -> {releases, verdict}. */
    static final Map<String, String[]> EXPECTED = new LinkedHashMap<>();

    private static void pin(String id, String releases, String verdict) {
        EXPECTED.put(id, new String[] {releases, verdict});
    }

    static {
        pin("free-list", ALL, "false");
        pin("skip-emptyrest", ALL, "false");
        pin("slot-reuse", ALL, "true");
        pin("only-growth-cleans", ALL, "false");
        pin("tophash-markers", ALL, "false");
        pin("delete-zeroes-key", ALL, "partly: only keys that hold pointers (strings, pointers) are cleared; "
                + "pointer-free inline keys keep their bytes");
        pin("full-hash", ALL, "false");
        pin("tophash-first", ALL, "partly: for the generic mapaccess1; mapaccess1_fast32 and _fast64 (4- and 8-byte "
                + "keys, elems up to 128 bytes) compare the key first and read tophash only to skip empty slots");
        pin("read-evacuates", ALL, "false");
        pin("delete-postpones", ALL, "false");
        pin("grows-at-6.5", ALL, "false for Go 1.21; partly for Go 1.19, 1.22, 1.23: from 2 buckets on; a one-bucket "
                + "map grows at its 9th key");
        pin("grows-at-65-percent", ALL, "false");
        pin("grows-when-bucket-full", ALL, "false");
        pin("growth-check-after-insert", ALL, "false");
        pin("rehash-at-once", ALL, "false");
        pin("same-size-growth", ALL, "true");
        pin("xy-split", ALL, "true");
        pin("make-exact", ALL, "false");
        pin("iteration-random", ALL, "partly: the start bucket and the slot offset are random, so there are at most "
                + "8·2^B orders (here 32), and loops repeat them");
        pin("iteration-rotations", ALL, "false");
        pin("iteration-once", ALL, "true");
        pin("iteration-new-never", ALL, "false");
        pin("delete-frees-nothing", ALL, "partly: true of the buckets and of keys and elems stored inline without "
                + "pointers; the objects of indirect keys and elems (over 128 bytes), and what pointer keys and elems "
                + "point to, become garbage");
        pin("shrink", ALL, "false");
        pin("clear-frees", ALL, "false");
        pin("old-buckets-freed-at-end", "1.19", "partly: the old array becomes garbage when the growth ends, unless "
                + "an iterator still points into it; the next GC cycle frees it, back to the Go heap (not to the OS)");
        pin("gogc-decides", "1.19", "true");
        pin("gc-moves-buckets", ALL, "false");
        pin("writes-always-caught", "1.19", "false");
        pin("silent-corruption", "1.19", "true");
        pin("delete-during-reads-safe", "1.19", "false");
        pin("race-detector-blind", "1.19", "false");
        pin("race-detector-catches", "1.19", "true");
        pin("symbol-mgcleanup", ALL, "false");
        pin("symbol-mapaccess-fast3", ALL, "false");
        pin("symbol-unsafe-mapiterate", ALL, "false");
        pin("symbol-mapdelete-flags", "1.22", "false");
    }

    static List<Outcome> outcomes;

    @BeforeAll
    static void evaluateAll() {
        outcomes = Claims.evaluate();
    }

    @Test
    void everyClaimHasAPinnedVerdictAndNoneIsLeftOut() {
        assertEquals(EXPECTED.keySet().stream().toList(), Claims.ids(), "claims and pins, in the same order");
        assertTrue(Claims.ids().size() >= 20, "at least twenty claims");
    }

    @Test
    void everyVerdictIsThePinnedOne() {
        for (Outcome o : outcomes) {
            String[] want = EXPECTED.get(o.claim().id());
            assertEquals(want[0], o.releasesText(), o.claim().id() + ": the releases it ran on");
            assertEquals(want[1], o.verdictText(), o.claim().id() + ": " + o.answer());
        }
    }

    @Test
    void everyClassicClaimIsMeasuredWithFiguresAndAnAnswer() {
        for (Outcome o : outcomes) {
            assertFalse(o.measured().isEmpty(), o.claim().id());
            for (Measured m : o.measured().values()) {
                assertFalse(m.figures().isEmpty(), o.claim().id() + ": a verdict is computed from figures");
                assertFalse(m.answer().isBlank());
            }
            assertFalse(o.experiment().isBlank());
        }
    }

    @Test
    void versionSpecificFiguresAreThoseOfTheirRelease() {
        Outcome grows = Claims.evaluate("grows-at-6.5", MapEngine.CLASSIC);
        assertEquals(6.0, grows.measured().get("1.21").figure("perBucketMin"), "Go 1.21's load factor truncated to 6");
        assertEquals(6.5, grows.measured().get("1.19").figure("perBucketMin"));
        assertEquals(8.0, grows.measured().get("1.21").figure("perBucketAtB0"), "B = 0: the 9th key in both");
        assertEquals(8.0, grows.measured().get("1.23").figure("perBucketAtB0"));
        Outcome check = Claims.evaluate("growth-check-after-insert", MapEngine.CLASSIC);
        assertEquals(14, check.measured().get("1.19").figure("startedAtKey"));
        assertEquals(13, check.measured().get("1.21").figure("startedAtKey"));
        assertEquals(0, check.measured().get("1.23").figure("updateStartedGrowth"), "updates never grow a map");
    }

    @Test
    void theSwissColumnSaysNotMeasuredExceptWhereTheSourceDecides() {
        Outcome six = Claims.evaluate("grows-at-6.5", MapEngine.SWISS);
        assertEquals(Verdict.Kind.NOT_MEASURED, six.unmeasured().kind());
        assertTrue(six.verdictText().startsWith("not measured: no Swiss-table engine yet"));
        Outcome fast3 = Claims.evaluate("symbol-mapaccess-fast3", MapEngine.SWISS);
        assertEquals(List.of("1.26"), fast3.releases(), "the Go 1.26 tree is listed");
        assertEquals("false", fast3.verdictText());
        Outcome flags = Claims.evaluate("symbol-mapdelete-flags", MapEngine.SWISS);
        assertEquals(Verdict.Kind.DOES_NOT_APPLY, flags.unmeasured().kind());
    }

    @Test
    void tableHasTheSevenColumnsAndARowPerClaim() {
        Table t = Claims.table(outcomes);
        assertEquals(List.of("claim", "where people say it", "experiment", "Go versions", "measured answer", "verdict",
                "Go 1.24+ (Swiss tables)"), t.columnNames());
        assertEquals(Claims.ids().size(), t.rowCount());
        assertEquals(Claims.ids(), Claims.topics().values().stream().flatMap(List::stream).toList());
        Table growth = Claims.table("growth", outcomes);
        assertEquals(Claims.topics().get("growth").size(), growth.rowCount());
        assertTrue(growth.name().endsWith(": growth"));
        assertThrows(IllegalArgumentException.class, () -> Claims.table("no topic", outcomes));
        Table some = Claims.table("make-exact");
        assertEquals(1, some.rowCount());
        assertEquals("false", some.stringColumn("verdict").get(0));
        Table counts = Claims.verdictCounts(outcomes);
        assertEquals(outcomes.size(), (int) counts.intColumn("claims").sum());
    }

    @Test
    void outcomesCombineReleasesThatAgreeAndSplitThoseThatDoNot() {
        Claim c = Claims.claim("make-exact");
        Map<String, Measured> m = new LinkedHashMap<>();
        Map<String, Verdict> v = new LinkedHashMap<>();
        m.put("1.19", Measured.of("a").with("x", 1));
        v.put("1.19", Verdict.TRUE);
        m.put("1.21", Measured.of("b").with("x", 2));
        v.put("1.21", Verdict.partly("only at B = 0"));
        m.put("1.22", Measured.of("a").with("x", 1));
        v.put("1.22", Verdict.TRUE);
        Outcome o = new Outcome(c, MapEngine.CLASSIC, "e", m, v, null);
        assertEquals("Go 1.19, 1.22: a. Go 1.21: b", o.answer());
        assertEquals("true for Go 1.19, 1.22; partly for Go 1.21: only at B = 0", o.verdictText());
        assertEquals(Verdict.TRUE, o.verdict("1.22"));
        assertThrows(IllegalArgumentException.class, () -> o.verdict("1.20"));
    }

    @Test
    void badInputNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Claims.claim("no-such"));
        assertTrue(e.getMessage().contains("no claim 'no-such'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Claims.evaluate("no-such", MapEngine.CLASSIC));
        assertThrows(IllegalArgumentException.class, () -> Claims.checks(null));
        assertThrows(IllegalArgumentException.class, () -> Claims.table((List<Outcome>) null));
        assertThrows(IllegalArgumentException.class, () -> Claims.table("growth", null));
        assertThrows(IllegalArgumentException.class, () -> Claims.verdictCounts(null));
        assertThrows(IllegalArgumentException.class, () -> Claims.evaluate("make-exact", "no-such"),
                "an unknown id fails before any experiment runs");
        e = assertThrows(IllegalArgumentException.class, () -> Measured.of("x").figure("y"));
        assertTrue(e.getMessage().contains("no figure 'y'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Measured.of(" "));
        assertThrows(IllegalArgumentException.class, () -> Measured.of("x").with("y", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Measured.of("x").with("y", 1).with("y", 2));
        assertThrows(IllegalArgumentException.class, () -> Verdict.partly(" "));
        assertThrows(IllegalArgumentException.class, () -> new Verdict(Verdict.Kind.TRUE, "because"));
        assertThrows(IllegalArgumentException.class, () -> new Check(" ", List.of("1.19"), r -> null, r -> null));
        assertThrows(IllegalArgumentException.class, () -> new Check("x", List.of(), r -> null, r -> null));
        assertThrows(IllegalArgumentException.class, () -> new Check("x", List.of("1.19", "1.19"), r -> null, r -> null));
        assertThrows(IllegalArgumentException.class, () -> new Claim("Bad Id", "t", "w", "s"));
        assertThrows(IllegalArgumentException.class, () -> new Claim("ok", "t", " ", "s"));
        assertThrows(IllegalArgumentException.class, () -> new Claim("ok", "t", "w", "s", Set.of()));
        Claim c = Claims.claim("make-exact");
        assertThrows(IllegalArgumentException.class, () -> new Outcome(c, MapEngine.CLASSIC, "e", Map.of(), Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Outcome(c, MapEngine.CLASSIC, "e",
                Map.of("1.19", Measured.of("a")), Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Outcome(c, MapEngine.CLASSIC, "", Map.of(), Map.of(),
                Verdict.FALSE));
    }

    @Test
    void goSourceListsWhatTheTreesDeclare() {
        GoSource src = GoSource.get();
        assertEquals(List.of("1.19", "1.21", "1.22", "1.23", "1.26"), src.releases());
        assertEquals("go1.19.8", src.version("1.19"));
        assertEquals("go1.22.12", src.version("1.22"));
        for (String r : List.of("1.19", "1.21", "1.22", "1.23")) {
            assertTrue(src.declares(r, "runtime", "mapaccess1_fast64"), r);
            assertTrue(src.declares(r, "runtime", "growWork"), r);
            assertTrue(src.declares(r, "runtime", "hmap.growing"), r + ": methods as Type.name");
            assertFalse(src.declares(r, "runtime", "mgcleanup"), r);
            assertFalse(src.declares(r, "internal/runtime/maps", "Map.Get"), r + ": no Swiss tables before 1.24");
        }
        assertFalse(src.declares("1.19", "unsafe", "String"), "unsafe.String is Go 1.20+");
        assertTrue(src.declares("1.21", "unsafe", "String"));
        assertTrue(src.declares("1.26", "internal/runtime/maps", "Map.Get"));
        assertEquals(List.of(new GoSource.Declaration("1.22", "runtime/map.go",
                "func mapdelete(t *maptype, h *hmap, key unsafe.Pointer)")),
                src.declarations("1.22", "mapdelete").stream().filter(d -> d.file().equals("runtime/map.go")).toList());
        assertThrows(IllegalArgumentException.class, () -> src.version("1.20"));
        assertThrows(IllegalArgumentException.class, () -> src.declares("1.19", "runtime", " "));
        assertThrows(IllegalArgumentException.class, () -> src.startingWith("1.19", "runtime", null));
        assertThrows(IllegalArgumentException.class, () -> src.declarations("1.19", null));
        assertThrows(IllegalArgumentException.class, () -> src.count("1.19", null));
    }
}
