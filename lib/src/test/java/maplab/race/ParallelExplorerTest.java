package maplab.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several workers give exactly the tables of one. */
class ParallelExplorerTest {

    private static Explorer on(Scenario s, int workers) {
        return s.explorer().progress(false).parallelism(workers);
    }

    /** Everything an exploration shows but its timing: counts, examples, their order, the races. */
    private static void assertSame(Exploration one, Exploration many) {
        assertEquals(one.schedules(), many.schedules());
        assertEquals(one.counts(), many.counts());
        assertEquals(one.races(), many.races());
        assertEquals(one.racySchedules(), many.racySchedules());
        assertEquals(one.table().print(), many.table().print());
        assertEquals(one.raceTable().print(), many.raceTable().print());
        assertEquals(one.complete(), many.complete());
    }

    @Test
    void threeGrowingWritersGiveTheSameTableOnOneAndOnThreeWorkers() {
        Scenario s = RaceScenarios.threeInsertsGrowth();
        Exploration one = on(s, 1).preemptions(1).seeds(1, 2).explore();
        Exploration three = on(s, 3).preemptions(1).seeds(1, 2).explore();
        assertTrue(one.outcomes().size() > 1, one.toString());
        assertSame(one, three);
        // The workers really shared the seeds' searches: subtrees were given away and run at once.
        SearchWorkers w = new SearchWorkers(s, SequentialOutcomes.of(s), new long[] {1, 2}, seed -> new BoundedSearch(1),
                true, 100_000, Long.MAX_VALUE);
        Exploration again = new Exploration(s, one.method());
        w.run(3, again, done -> { });
        assertTrue(w.jobs() > 2, "jobs: " + w.jobs());
        assertEquals(one.counts(), again.counts());
    }

    @Test
    void randomWalksOverSeedsGiveTheSameTableOnOneAndOnThreeWorkers() {
        Scenario s = RaceScenarios.twoInserts();
        assertSame(on(s, 1).seeds(1, 2, 3).walk(3_000, 7), on(s, 3).seeds(1, 2, 3).walk(3_000, 7));
        assertSame(on(s, 1).seeds(1, 2, 3).sample(3_000, 7, 4), on(s, 3).seeds(1, 2, 3).sample(3_000, 7, 4));
    }

    @Test
    void aLimitKeepsTheSerialFirstSchedules() {
        Scenario s = RaceScenarios.threeInsertsGrowth();
        Exploration one = on(s, 1).preemptions(2).limit(700).explore();
        Exploration three = on(s, 3).preemptions(2).limit(700).explore();
        assertFalse(three.complete());
        assertEquals(700, three.schedules());
        assertSame(one, three);
    }

    /**
     * The subtrees a search gives away, each searched on its own and put in the order of their
     * keys, are the serial search's schedules in the serial order: here split at every chance,
     * which is more than the workers ever do.
     */
    @Test
    void subtreesInKeyOrderAreTheSerialSearch() {
        Scenario s = RaceScenarios.threeInsertsGrowth();
        List<String> serial = new ArrayList<>();
        List<List<String>> parts = new ArrayList<>();
        List<int[]> keys = new ArrayList<>();
        try (Scheduler scheduler = new Scheduler(s)) {
            BoundedSearch whole = new BoundedSearch(1);
            do {
                serial.add(Arrays.toString(scheduler.execute(whole, 3, false, null).choices()));
            } while (whole.advance());
            Deque<BoundedSearch.Subtree> jobs = new ArrayDeque<>();
            jobs.add(new BoundedSearch.Subtree(new int[0], new BoundedSearch(1)));
            while (!jobs.isEmpty()) {
                BoundedSearch.Subtree job = jobs.poll();
                List<String> part = new ArrayList<>();
                BoundedSearch b = job.search();
                do {
                    part.add(Arrays.toString(scheduler.execute(b, 3, false, null).choices()));
                    if (!b.advance()) {
                        break;
                    }
                    jobs.addAll(b.split());
                } while (true);
                parts.add(part);
                keys.add(job.key());
            }
        }
        assertTrue(parts.size() > 20, "splits: " + parts.size());
        Integer[] order = new Integer[parts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> SearchWorkers.compareKeys(keys.get(a), keys.get(b)));
        List<String> joined = new ArrayList<>();
        for (int i : order) {
            joined.addAll(parts.get(i));
        }
        assertEquals(serial, joined);
    }

    @Test
    void aFailingScheduleStopsEveryWorkerAndSaysWhy() {
        Scenario s = RaceScenarios.threeInsertsGrowth();
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> on(s, 1).parallelism(0));
        assertTrue(x.getMessage().contains("parallelism 0"), x.getMessage());
        // A strategy that fails on its 50th schedule: the error reaches the caller, on any number of workers.
        for (int workers : new int[] {1, 3}) {
            SearchWorkers w = new SearchWorkers(s, SequentialOutcomes.of(s), new long[] {1, 2}, seed -> new Strategy() {
                private final BoundedSearch inner = new BoundedSearch(2);
                private int runs;

                @Override
                public int choose(int point, int current, long enabled) {
                    if (runs == 50 && point == 3) {
                        throw new IllegalStateException("strategy broke at run 50");
                    }
                    return inner.choose(point, current, enabled);
                }

                @Override
                public boolean advance() {
                    runs++;
                    return inner.advance();
                }
            }, false, 100_000, Long.MAX_VALUE);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> w.run(workers, new Exploration(s, "test"), done -> { }));
            assertEquals("strategy broke at run 50", e.getMessage());
        }
    }
}
