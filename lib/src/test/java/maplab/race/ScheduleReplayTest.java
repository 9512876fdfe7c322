package maplab.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;

class ScheduleReplayTest {

    @Test
    void aReplayEndsAsTheExplorationSaid() {
        Exploration e = RaceScenarios.twoInserts().explorer().progress(false).preemptions(3).explore();
        for (String outcome : e.outcomes()) {
            ScheduleReplay r = e.replay(outcome);
            assertEquals(outcome, r.outcome(), r.toString());
            assertTrue(r.steps().size() > 10);
            assertTrue(r.svg(r.steps().size() - 1).startsWith("<svg"));
        }
    }

    @Test
    void aLostUpdateShowsBothKeysWrittenToOneSlot() {
        Exploration e = RaceScenarios.twoInserts().explorer().progress(false).preemptions(3).explore();
        ScheduleReplay r = e.replay("lost update + count mismatch");
        List<ScheduleReplay.Step> keyWrites = r.writes().stream().filter(s -> s.access().contains(".key[")).toList();
        assertEquals(2, keyWrites.size(), r.toString());
        assertEquals(keyWrites.get(0).access(), keyWrites.get(1).access(), r.toString());
        assertTrue(keyWrites.get(0).goroutine() != keyWrites.get(1).goroutine());
        assertEquals(r.steps().size() - 1, r.table().rowCount());
    }

    @Test
    void theFastVariantWritesTophashBeforeTheKeyAndTheGenericOneAfter() {
        assertEquals(List.of("tophash", "key"), insertOrder(Scenario.named("fast").initial(100)
                .goroutine(g -> g.set(1, 1)).build()));
        assertEquals(List.of("key", "tophash"), insertOrder(Scenario.named("generic")
                .map(MapType.of("float64", "uint64")).put(100.0, 1L).goroutine(g -> g.set(1.0, 1L)).build()));
    }

    private static List<String> insertOrder(Scenario s) {
        Exploration e = s.explorer().progress(false).explore();
        return e.replay("clean").writes().stream().map(ScheduleReplay.Step::access)
                .filter(a -> a.contains("[1].") || a.contains(".tophash[1]") || a.contains(".key[1]"))
                .map(a -> a.contains("tophash") ? "tophash" : "key").toList();
    }
}
