package maplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The harness's arithmetic and its reading of Go's benchmark output. */
class FiguresTest {

    @Test
    void medianMinMaxOfRepeatedRuns() {
        Figure odd = Figure.of(new double[] {30, 10, 20}, 8);
        assertEquals(20, odd.median());
        assertEquals(10, odd.min());
        assertEquals(30, odd.max());
        assertEquals(25, Figure.of(new double[] {40, 10, 20, 30}, 0).median());
    }

    @Test
    void goBenchmarkNamesMapToTheSameWorkloads() {
        assertEquals("insert_1e7", GoRuns.workload("Insert/n=10000000"));
        assertEquals("lookupHit_1e3", GoRuns.workload("LookupHit/n=1000"));
        assertEquals("delete_1e6", GoRuns.workload("Delete/n=1000000"));
        assertEquals("iterate_1e4", GoRuns.workload("Iterate/n=10000"));
        assertEquals("lookupString_1e5", GoRuns.workload("LookupString"));
        assertNull(GoRuns.workload("Unknown"));
        assertNull(GoRuns.workload("Unknown/n=1000"));
        assertNull(GoRuns.workload("Insert/n=1500"));
        assertNull(GoRuns.workload("LookupHit"));
    }

    @Test
    void sizeTagsArePowersOfTen() {
        assertEquals("1e0", Workloads.sizeTag(1));
        assertEquals("1e3", Workloads.sizeTag(1_000));
        assertEquals("1e6", Workloads.sizeTag(1_000_000));
        assertNull(Workloads.sizeTag(0));
        assertNull(Workloads.sizeTag(2_000));
    }

    @Test
    void goRunsOfOneToolchainMergeTheirSamples() {
        var before = new java.util.LinkedHashMap<String, java.util.List<double[]>>();
        before.put("insert_1e3", new java.util.ArrayList<>(java.util.List.of(new double[] {10, 8}, new double[] {30, 8})));
        var after = new java.util.LinkedHashMap<String, java.util.List<double[]>>();
        after.put("insert_1e3", java.util.List.of(new double[] {20, 8}));
        after.put("iterate_1e3", java.util.List.of(new double[] {5, 0}));
        var merged = GoRuns.figures(before, after);
        assertEquals(20, merged.get("insert_1e3").median());
        assertEquals(10, merged.get("insert_1e3").min());
        assertEquals(5, merged.get("iterate_1e3").median());
    }

    @Test
    void swissTableComparesWithGo126AndLeavesGapsBlank() {
        var figures = java.util.Map.of("Swiss", java.util.Map.of("lookupHit_1e6", Figure.of(new double[] {30}, 48)),
                "Go 1.26", java.util.Map.of("lookupHit_1e6", Figure.of(new double[] {20}, 0)));
        Report.Ratio swissOverGo = Report.SWISS.ratios().get(0);
        assertEquals(1.5, Report.ratio(figures, swissOverGo, "lookupHit_1e6"), 1e-9);
        assertEquals(Double.NaN, Report.ratio(figures, swissOverGo, "lookupHit_1e5"));
        // Go's m[k] is both getWord and get: the boxed row is compared with the same Go figure.
        var word = java.util.Map.of("Swiss", java.util.Map.of("lookupHitObject_1e6", Figure.of(new double[] {25}, 0)),
                "Go 1.26", java.util.Map.of("lookupHit_1e6", Figure.of(new double[] {20}, 0)));
        assertEquals(1.25, Report.ratio(word, swissOverGo, "lookupHitObject_1e6"), 1e-9);
        // Events on/off compares the boxed row with itself, never with getWord's row.
        var events = java.util.Map.of(
                "Swiss", java.util.Map.of("lookupHitObject_1e5", Figure.of(new double[] {40}, 0),
                        "lookupHit_1e5", Figure.of(new double[] {10}, 0)),
                "Swiss+events", java.util.Map.of("lookupHitObject_1e5", Figure.of(new double[] {44}, 0)));
        assertEquals(1.1, Report.ratio(events, Report.SWISS.ratios().get(1), "lookupHitObject_1e5"), 1e-9);
        assertEquals(27, Report.SWISS.workloads().size());
    }

    @Test
    void workloadsMatchTheGoDefinitions() {
        // oracle/bench/workloads.go: Key(3) = 3 * 0x9E3779B97F4A7C15 mod 2^64; xorshift64 from 1.
        assertEquals(0xDAA6_6D2C_7DDF_743FL, Workloads.key(3));
        assertEquals(1082269761L, Workloads.xorshift(1));
        assertEquals(0, Workloads.mixOp(0L));            // bits 32..33 = 0: set
        assertEquals(1, Workloads.mixOp(2L << 32));      // 2: get
        assertEquals(2, Workloads.mixOp(3L << 32));      // 3: delete
    }
}
