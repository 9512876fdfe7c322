package maplab.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two ways of running goroutines give the same executions. {@code ./maplab test} runs this
 * package twice: on the build's Java 17, where goroutines are platform threads, and on a Java 21
 * or later with {@code jdk.internal.vm} exported, where they are continuations.
 */
class HandoffTest {

    /** Runs every schedule of the strategy on both kinds of scheduler, and compares them run by run. */
    private static int assertSameRuns(Scenario s, Strategy a, Strategy b, int stepLimit) {
        int runs = 0;
        try (Scheduler given = new Scheduler(s); Scheduler platform = Scheduler.onPlatformThreads(s)) {
            given.stepLimit(stepLimit);
            platform.stepLimit(stepLimit);
            do {
                Scheduler.Run x = given.execute(a, 2, true, null);
                Scheduler.Run y = platform.execute(b, 2, true, null);
                String where = s.name() + ", run " + runs;
                assertEquals(y.outcome(), x.outcome(), where);
                assertEquals(y.detail(), x.detail(), where);
                assertArrayEquals(y.choices(), x.choices(), where);
                assertEquals(y.races(), x.races(), where);
                assertEquals(platform.map().len(), given.map().len(), where);
                runs++;
                b.advance();
            } while (a.advance());
        }
        return runs;
    }

    @Test
    void continuationsAreUsedWhereTheJvmHasThemAndOpensThem() {
        boolean exported = Object.class.getModule().isExported("jdk.internal.vm", HandoffTest.class.getModule());
        boolean forced = System.getProperty("maplab.race.threads") != null;
        boolean expected = Runtime.version().feature() >= 21 && exported && !forced;
        assertEquals(expected, ContinuationHandoff.available(), Explorer.goroutineThreads());
        String kind = Explorer.goroutineThreads();
        assertTrue(expected ? kind.startsWith("goroutines as continuations") : kind.startsWith("a platform thread"),
                kind);
        if (!expected && !forced) {
            assertTrue(kind.contains(Runtime.version().feature() < 21 ? "has no continuations" : "--add-exports"),
                    kind);
        }
    }

    @Test
    void everyScenarioRunsAlikeEitherWay() {
        List<Scenario> all = new ArrayList<>(RaceScenarios.all());
        all.addAll(RaceScenarios.all("1.26"));
        for (Scenario s : all) {
            assertTrue(assertSameRuns(s, new BoundedSearch(1), new BoundedSearch(1), 100_000) > 1, s.name());
            assertEquals(150, assertSameRuns(s, new RandomWalk(150, 7), new RandomWalk(150, 7), 100_000));
        }
    }

    @Test
    void aHangAndAFatalErrorUnwindEveryGoroutineAndTheNextRunStartsClean() {
        // At 40 steps three growing inserts cannot all finish: runs end as a hang or a fatal error,
        // mid-function.
        Scenario s = RaceScenarios.threeInsertsGrowth();
        int runs = assertSameRuns(s, new RandomWalk(50, 3), new RandomWalk(50, 3), 40);
        assertEquals(50, runs);
        try (Scheduler given = new Scheduler(s)) {
            given.stepLimit(10);
            assertEquals("hang", given.execute(new BoundedSearch(0), 1, false, null).outcome());
            given.stepLimit(100_000);
            // A strategy that fails mid-run (a schedule of another scenario) unwinds too, and says why.
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> given.execute(new FixedSchedule(new int[] {0, 0}), 1, false, null));
            assertTrue(e.getMessage().contains("belongs to another scenario"), e.getMessage());
            assertEquals(null, given.execute(new BoundedSearch(0), 1, false, null).outcome());
            assertEquals(s.initial().size() + 3, given.map().len());
        }
    }

    @Test
    void closingBeforeAnyRunOrTwiceIsHarmless() {
        Scheduler unused = new Scheduler(RaceScenarios.twoInserts());
        unused.close();
        Scheduler used = new Scheduler(RaceScenarios.twoInserts());
        used.execute(new BoundedSearch(0), 1, false, null);
        used.close();
        used.close();
    }
}
