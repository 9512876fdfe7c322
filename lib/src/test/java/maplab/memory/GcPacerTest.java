package maplab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import maplab.engine.GoVersion;
import org.junit.jupiter.api.Test;

/** The goal and trigger of the pacer (runtime/mgcpacer.go), and its rules per release. */
class GcPacerTest {

    private static final long MIB = 1 << 20;

    @Test
    void smallHeapsAimAtTheMinimumScaledByGogc() {
        assertEquals(4 * MIB, new GcPacer(GcSettings.defaults()).goal(0));
        assertEquals(2 * MIB, new GcPacer(GcSettings.defaults().gogc(50)).goal(0));
        assertEquals(16 * MIB, new GcPacer(GcSettings.defaults().gogc(400)).goal(0));
        // The trigger sits 61/64 of the way from heapMarked (0) to the goal when no runway is known.
        assertEquals(4 * MIB / 64 * 61, new GcPacer(GcSettings.defaults()).trigger(0));
    }

    @Test
    void goalIsMarkedPlusGogcPercentOfMarkedAndRoots() {
        GcPacer p = new GcPacer(GcSettings.defaults().rootScanBytes(200_000));
        p.endCycle(10 * MIB);
        assertEquals(10 * MIB + 10 * MIB + 200_000, p.goal(10 * MIB));
        // With no runway the trigger is the 61/64 point.
        assertEquals((10 * MIB + 200_000) / 64 * 61 + 10 * MIB, p.trigger(10 * MIB));
        // Large goals: the trigger may go up to goal - 4 MiB, beyond the 61/64 point.
        GcPacer big = new GcPacer(GcSettings.defaults());
        big.endCycle(200 * MIB);
        assertEquals(400 * MIB, big.goal(200 * MIB));
        assertEquals(396 * MIB, big.trigger(200 * MIB));
    }

    @Test
    void sweepDistanceKeepsTheGoalOneMibAboveTheMarkedHeap() {
        GcPacer p = new GcPacer(GcSettings.defaults().gogc(50));
        p.endCycle(3 * MIB / 2);
        // GOGC goal 2.25 MiB, minimum 2 MiB, but marked + 1 MiB = 2.5 MiB.
        assertEquals(5 * MIB / 2, p.goal(3 * MIB / 2));
        assertTrue(p.trigger(3 * MIB / 2) >= 5 * MIB / 2 - MIB / 2, "trigger at least the 0.7 point");
    }

    @Test
    void runwayMovesTheTriggerDownToSevenTenthsAtMost() {
        long lowest = new GcPacer(GcSettings.defaults().runway(100 * MIB)).trigger(0);
        assertEquals(4 * MIB / 64 * 45, lowest);
        long mid = new GcPacer(GcSettings.defaults().runway(MIB)).trigger(0);
        assertEquals(3 * MIB, mid);
    }

    @Test
    void memoryLimitLowersTheGoalAndGogcOffNeverStartsACycle() {
        GcPacer limited = new GcPacer(GcSettings.defaults().gogcOff().memoryLimit(10 * MIB));
        assertEquals(9 * MIB, limited.goal(0)); // 10 MiB - 1 MiB headroom
        assertTrue(limited.shouldStart(9 * MIB));
        GcPacer off = new GcPacer(GcSettings.defaults().gogcOff());
        assertEquals(Long.MAX_VALUE, off.goal(0));
        assertFalse(off.shouldStart(Long.MAX_VALUE / 2));
    }

    @Test
    void fromGo121TheMemoryLimitHeadroomIsThreePercentAndAtLeastOneMib() {
        for (GoVersion v : List.of(GoVersion.GO1_21, GoVersion.GO1_24, GoVersion.GO1_26)) {
            GcSettings s = GcSettings.defaults().go(v).gogcOff();
            // 100 MiB / 100 * 3 = 3 MiB (integer division first, as the runtime does).
            assertEquals(100 * MIB - 100 * MIB / 100 * 3, new GcPacer(s.memoryLimit(100 * MIB)).goal(0), v.toString());
            assertEquals(9 * MIB, new GcPacer(s.memoryLimit(10 * MIB)).goal(0), v + ": 3% is below the 1 MiB minimum");
        }
        assertEquals(99 * MIB, new GcPacer(GcSettings.defaults().gogcOff().memoryLimit(100 * MIB)).goal(0),
                "Go 1.19: a fixed 1 MiB");
    }
}
