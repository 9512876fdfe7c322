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
 * Pins the verdicts of every claim on both engines: a change in a verdict (or in the releases it
 * was computed on) must be a deliberate edit here and in the notebook test (test_notebook.py
 * CLAIMS).
 */
class ClaimsTest {

    static final String ALL = "1.19, 1.21, 1.22, 1.23";
    static final String SWISS = "1.24, 1.25, 1.26";
    static final String SWISS_ONLY = "does not apply: the claim is about Swiss tables (Go 1.24+)";

    /** claim id -> {classic releases, classic verdict, Swiss releases, Swiss verdict}. */
    static final Map<String, String[]> EXPECTED = new LinkedHashMap<>();

    private static void pin(String id, String releases, String verdict, String swissReleases, String swissVerdict) {
        EXPECTED.put(id, new String[] {releases, verdict, swissReleases, swissVerdict});
    }

    /** The same verdict on every release of both engines. */
    private static void pin(String id, String verdict) {
        pin(id, ALL, verdict, SWISS, verdict);
    }

    /** A claim about Swiss tables only. */
    private static void swiss(String id, String verdict) {
        pin(id, "", SWISS_ONLY, SWISS, verdict);
    }

    static {
        pin("free-list", "false");
        pin("skip-emptyrest", "false");
        pin("slot-reuse", "true");
        pin("only-growth-cleans", "false");
        pin("tophash-markers", "false");
        pin("delete-zeroes-key", "partly: only keys that hold pointers (strings, pointers) are cleared; "
                + "pointer-free inline keys keep their bytes");
        pin("full-hash", "false");
        pin("tophash-first", ALL, "partly: for the generic mapaccess1; mapaccess1_fast32 and _fast64 (4- and 8-byte "
                + "keys, elems up to 128 bytes) compare the key first and read tophash only to skip empty slots",
                SWISS, "partly: for tables, where the H2 control bytes of a group are compared first, and small maps "
                + "of other keys; a small map of 4- or 8-byte keys (the _fast32 and _fast64 lookups) compares the "
                + "key of every slot up to the last full one, emptied slots included, and no H2");
        pin("read-evacuates", "false");
        pin("delete-postpones", ALL, "false", SWISS, "partly: no delete moves an entry and only inserts rebuild "
                + "tables, but nothing is postponed: a table is rebuilt whole within the insert that needs the room");
        pin("grows-at-6.5", ALL, "false for Go 1.21; partly for Go 1.19, 1.22, 1.23: from 2 buckets on; a one-bucket "
                + "map grows at its 9th key", SWISS, "false");
        pin("grows-at-65-percent", "false");
        pin("grows-when-bucket-full", "false");
        pin("growth-check-after-insert", "false");
        pin("rehash-at-once", ALL, "false", SWISS, "partly: each table is rebuilt whole within one insert, but a map "
                + "of several tables (over 1024 slots) grows one table at a time, a table at most 1024 slots");
        pin("same-size-growth", ALL, "true", SWISS, "false");
        pin("xy-split", ALL, "true", SWISS, "partly: a 1024-slot table splits in two by one more hash bit, about "
                + "half each; a smaller table doubles into one new table");
        pin("make-exact", ALL, "false", SWISS, "partly: exactly the tables' groups, nothing spare, but a hint over 896 "
                + "is spread over tables of at most 1024 slots, each rounded up to a power of two");
        pin("iteration-random", ALL, "partly: the start bucket and the slot offset are random, so there are at most "
                + "8·2^B orders (here 32), and loops repeat them", SWISS, "partly: each loop draws a random slot "
                + "offset (and directory offset) and walks the slots linearly from it, so there are at most as many "
                + "orders as slots (here 32), and loops repeat them");
        pin("iteration-rotations", ALL, "false", SWISS, "partly: for a map of one table (up to 1024 slots); a map of "
                + "several tables is walked table by table, each from the same slot offset, which is no rotation of "
                + "the whole");
        pin("iteration-once", "true");
        pin("iteration-new-never", "false");
        pin("delete-frees-nothing", ALL, "partly: true of the buckets and of keys and elems stored inline without "
                + "pointers; the objects of indirect keys and elems (over 128 bytes), and what pointer keys and elems "
                + "point to, become garbage", SWISS, "partly: true of the groups and tables and of keys and elems "
                + "stored inline; the objects of indirect keys and elems (over 128 bytes), and what pointer keys and "
                + "elems point to, become garbage");
        pin("shrink", "false");
        pin("clear-frees", "false");
        pin("old-buckets-freed-at-end", "1.19", "partly: the old array becomes garbage when the growth ends, unless "
                + "an iterator still points into it; the next GC cycle frees it, back to the Go heap (not to the OS)",
                "1.26", "partly: there are no old buckets: a replaced table's groups become garbage in the insert "
                + "that rebuilt it, unless an iterator still points into them; the next GC cycle frees them, back to "
                + "the Go heap (not to the OS)");
        pin("gogc-decides", "1.19", "true", "1.26", "true");
        pin("gc-moves-buckets", "false");
        pin("writes-always-caught", "1.19", "false", "1.26", "false");
        pin("silent-corruption", "1.19", "true", "1.26", "true");
        pin("delete-during-reads-safe", "1.19", "false", "1.26", "false");
        pin("race-detector-blind", "1.19", "false", "1.26", "false");
        pin("race-detector-catches", "1.19", "true", "1.26", "true");
        pin("symbol-mgcleanup", "false");
        pin("symbol-mapaccess-fast3", "false");
        pin("symbol-unsafe-mapiterate", "false");
        pin("symbol-mapdelete-flags", "1.22", "false", "", "does not apply: the claim is about Go 1.22, a classic-map "
                + "release");
        swiss("delete-always-tombstone", "false");
        swiss("tombstones-only-by-rehash", "false");
        swiss("tombstones-rehash-in-place", "false");
        swiss("h2-top-bits", "false");
        swiss("full-hash-picks-table", "false");
        swiss("table-1024-groups", "false");
        swiss("grows-past-seven-eighths", "false");
        swiss("update-never-allocates", "false");
        swiss("swiss-grows-incrementally", "false");
        swiss("iteration-probe-order", "false");
    }

    static List<Outcome> outcomes;

    @BeforeAll
    static void evaluateAll() {
        outcomes = Claims.evaluateBoth();
    }

    @Test
    void everyClaimHasAPinnedVerdictAndNoneIsLeftOut() {
        assertEquals(EXPECTED.keySet().stream().toList(), Claims.ids(), "claims and pins, in the same order");
        assertTrue(Claims.ids().size() >= 20, "at least twenty claims");
    }

    @Test
    void everyVerdictIsThePinnedOne() {
        assertEquals(2 * Claims.ids().size(), outcomes.size(), "a classic and a Swiss outcome per claim");
        for (Outcome o : outcomes) {
            String[] want = EXPECTED.get(o.claim().id());
            int at = o.engine() == MapEngine.CLASSIC ? 0 : 2;
            String what = o.claim().id() + " on " + o.engine();
            assertEquals(want[at], o.releasesText(), what + ": the releases it ran on");
            assertEquals(want[at + 1], o.verdictText(), what + ": " + o.answer());
        }
    }

    @Test
    void everyClaimAboutAnEngineIsMeasuredWithFiguresAndAnAnswer() {
        for (Outcome o : outcomes) {
            if (!o.claim().isAbout(o.engine())) {
                assertEquals(Verdict.Kind.DOES_NOT_APPLY, o.unmeasured().kind(), o.claim().id());
                continue;
            }
            assertFalse(o.measured().isEmpty(), o.claim().id() + " on " + o.engine());
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
        Outcome swissGrows = Claims.evaluate("grows-at-6.5", MapEngine.SWISS);
        for (String r : List.of("1.24", "1.25", "1.26")) {
            assertEquals(7.0, swissGrows.measured().get(r).figure("perGroupMin"), r + ": a table grows at 7/8");
            assertEquals(8.0, swissGrows.measured().get(r).figure("perGroupMax"), r + ": a small group at its 9th key");
        }
        Outcome churn = Claims.evaluate("only-growth-cleans", MapEngine.SWISS);
        assertEquals(0, churn.measured().get("1.24").figure("pruned"), "pruneTombstones is Go 1.25+");
        assertTrue(churn.measured().get("1.25").figure("pruned") > 0);
        assertTrue(churn.measured().get("1.24").figure("slotsAfter") > churn.measured().get("1.26").figure("slotsAfter"),
                "Go 1.24 grows further under churn, where 1.25+ prunes");
        Outcome fast = Claims.evaluate("tophash-first", MapEngine.SWISS);
        assertEquals(5, fast.measured().get("1.26").figure("fast64KeyReads"),
                "the small _fast64 lookup compares keys up to the last full slot, the emptied one included");
    }

    @Test
    void eachDesignSaysWhichClaimsAreNotAboutIt() {
        Outcome flags = Claims.evaluate("symbol-mapdelete-flags", MapEngine.SWISS);
        assertEquals(Verdict.Kind.DOES_NOT_APPLY, flags.unmeasured().kind());
        Outcome fast3 = Claims.evaluate("symbol-mapaccess-fast3", MapEngine.SWISS);
        assertEquals(List.of("1.24", "1.25", "1.26"), fast3.releases(), "the Go 1.24-1.26 trees are listed");
        Outcome h2 = Claims.evaluate("h2-top-bits", MapEngine.CLASSIC);
        assertEquals(Verdict.Kind.DOES_NOT_APPLY, h2.unmeasured().kind());
        for (String id : Claims.ids()) {
            Claim c = Claims.claim(id);
            for (MapEngine e : MapEngine.values()) {
                assertEquals(c.isAbout(e), Claims.checks(e).containsKey(id), id + " on " + e + ": checked exactly "
                        + "where the claim is about the design");
            }
        }
    }

    @Test
    void tableHasTheSevenColumnsAndARowPerClaimAndEngine() {
        Table t = Claims.table(outcomes);
        assertEquals(List.of("claim", "where people say it", "map", "experiment", "Go versions", "measured answer",
                "verdict"), t.columnNames());
        assertEquals(2 * Claims.ids().size(), t.rowCount());
        assertEquals("classic buckets (Go 1.19–1.23)", t.stringColumn("map").get(0));
        assertEquals("Swiss tables (Go 1.24+)", t.stringColumn("map").get(1));
        assertEquals(Claims.ids(), Claims.topics().values().stream().flatMap(List::stream).toList());
        Table growth = Claims.table("growth", outcomes);
        assertEquals(2 * Claims.topics().get("growth").size(), growth.rowCount());
        assertTrue(growth.name().endsWith(": growth"));
        assertThrows(IllegalArgumentException.class, () -> Claims.table("no topic", outcomes));
        Table some = Claims.table("make-exact");
        assertEquals(2, some.rowCount());
        assertEquals("false", some.stringColumn("verdict").get(0));
        assertTrue(some.stringColumn("verdict").get(1).startsWith("partly: "));
        Table counts = Claims.verdictCounts(outcomes);
        assertEquals(List.of("verdict", MapEngine.CLASSIC.toString(), MapEngine.SWISS.toString()), counts.columnNames());
        assertEquals(Claims.ids().size(), (int) counts.intColumn(MapEngine.CLASSIC.toString()).sum());
        assertEquals(Claims.ids().size(), (int) counts.intColumn(MapEngine.SWISS.toString()).sum());
        Table classicOnly = Claims.verdictCounts(Claims.evaluate("shrink"));
        assertEquals(List.of("verdict", MapEngine.CLASSIC.toString()), classicOnly.columnNames());
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
        assertEquals(List.of("1.19", "1.21", "1.22", "1.23", "1.24", "1.25", "1.26"), src.releases());
        assertEquals("go1.24.4", src.version("1.24"));
        assertEquals("go1.26.10", src.version("1.26"));
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
        for (String r : List.of("1.24", "1.25", "1.26")) {
            assertTrue(src.declares(r, "internal/runtime/maps", "Map.Get"), r);
            assertTrue(src.declares(r, "internal/runtime/maps", "table.rehash"), r);
        }
        assertFalse(src.declares("1.24", "internal/runtime/maps", "table.pruneTombstones"), "pruning is Go 1.25+");
        assertTrue(src.declares("1.25", "internal/runtime/maps", "table.pruneTombstones"));
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
