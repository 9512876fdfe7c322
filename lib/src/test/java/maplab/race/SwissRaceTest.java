package maplab.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import maplab.engine.GoVersion;
import maplab.engine.swiss.SwissSnapshot;
import maplab.engine.swiss.TableSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The race scenarios on the Swiss-table map of Go 1.24+, and races.json of either oracle. */
class SwissRaceTest {

    @TempDir
    Path dir;

    @Test
    void eachReleaseHasItsOraclesScenarios() {
        List<String> classic = RaceScenarios.all().stream().map(Scenario::name).toList();
        List<String> swiss = RaceScenarios.all("1.26").stream().map(Scenario::name).toList();
        assertEquals(9, classic.size());
        assertEquals(12, swiss.size());
        assertEquals(classic, swiss.subList(0, 9));
        assertEquals(List.of("three-inserts-to-table", "small-map-last-slot", "iterate-table-and-insert"),
                swiss.subList(9, 12));
        assertEquals(GoVersion.GO1_26, RaceScenarios.named("two-inserts", "go1.26.10").version());
        assertEquals(GoVersion.GO1_19, RaceScenarios.named("two-inserts").version());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RaceScenarios.named("small-map-last-slot", "1.19"));
        assertTrue(e.getMessage().contains("for Go 1.19"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RaceScenarios.smallMapLastSlot("1.23"));
        assertTrue(e.getMessage().contains("Swiss map"), e.getMessage());
    }

    @Test
    void theInitialMapsHaveTheShapesTheNamesPromise() {
        SwissSnapshot growth = (SwissSnapshot) RaceScenarios.threeInsertsGrowth("1.26").newMap(1).snapshot();
        assertEquals(1, growth.tables().size());
        TableSnapshot t = growth.tables().get(0);
        assertEquals(16, t.capacity());
        assertEquals(0, t.growthLeft(), "the next new key rehashes the table");
        SwissSnapshot toTable = (SwissSnapshot) RaceScenarios.threeInsertsToTable("1.26").newMap(1).snapshot();
        assertTrue(toTable.isSmall());
        assertEquals(8, toTable.count());
        SwissSnapshot lastSlot = (SwissSnapshot) RaceScenarios.smallMapLastSlot("1.26").newMap(1).snapshot();
        assertTrue(lastSlot.isSmall());
        assertEquals(7, lastSlot.count());
        SwissSnapshot iter = (SwissSnapshot) RaceScenarios.iterateTableAndInsert("1.26").newMap(1).snapshot();
        assertEquals(1, iter.dirLen());
    }

    @Test
    void twoWritersOnTheLastSlotOfASmallMapReachTheRuntimesThrow() {
        Exploration e = RaceScenarios.smallMapLastSlot("1.26").explorer().preemptions(2).seeds(1).progress(false)
                .explore();
        assertTrue(e.count("fatal: small map with no empty slot (concurrent map writes?)") > 0, e.outcomes().toString());
        assertTrue(e.count("fatal: concurrent map writes") > 0, e.outcomes().toString());
        assertTrue(e.count(Classifier.CLEAN) > 0, e.outcomes().toString());
    }

    @Test
    void synchronisedWritersAreCleanOnTheSwissMap() {
        for (String release : List.of("1.24", "1.25", "1.26")) {
            Exploration e = RaceScenarios.mutexInserts(release).explorer().preemptions(2).seeds(1, 2)
                    .progress(false).explore();
            assertEquals(List.of(Classifier.CLEAN), e.outcomes(), release);
            assertTrue(e.races().isEmpty(), release + ": " + e.races());
        }
    }

    @Test
    void anIteratorAndAWriterOnATableReachTheIterationCheck() {
        Exploration e = RaceScenarios.iterateTableAndInsert("1.26").explorer().preemptions(1).seeds(1)
                .progress(false).explore();
        assertTrue(e.count("fatal: concurrent map iteration and map write") > 0, e.outcomes().toString());
    }

    @Test
    void racesJsonNamesOneReleaseAndItsScenarios() throws IOException {
        String p2 = "{\"scenario\":\"small-map-last-slot\",\"gomaxprocs\":2,\"runs\":3,\"go\":\"go1.26.10\","
                + "\"outcomes\":{\"clean\":3}}";
        String p4 = p2.replace("\"gomaxprocs\":2", "\"gomaxprocs\":4");
        RaceCheckMain.RealRuns r = RaceCheckMain.read(write(p2 + "\n\n" + p4 + "\n"));
        assertEquals(GoVersion.GO1_26, r.version());
        assertEquals("go1.26.10", r.go());
        assertEquals(2, r.scenarios().get("small-map-last-slot").size());

        String classic = p2.replace("go1.26.10", "go1.19.8").replace("small-map-last-slot", "two-inserts");
        refused(p2 + "\n" + classic, "line 2: Go 1.19");
        refused(p2.replace("go1.26.10", "go1.19.8"), "line 1: no race scenario named \"small-map-last-slot\" for Go 1.19");
        refused(p2.replace(",\"go\":\"go1.26.10\"", ""), "line 1: no \"go\" field");
        refused(p2.replace("go1.26.10", "go1.20.3"), "line 1: Go 1.20 is not modelled");
        refused(p2.replace(",\"outcomes\":{\"clean\":3}", ""), "line 1: no \"outcomes\" object");
        refused("", "no scenarios");
    }

    private void refused(String text, String message) throws IOException {
        Path f = write(text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RaceCheckMain.read(f));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "races", ".json");
        Files.writeString(f, text);
        return f;
    }
}
