package maplab.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import org.junit.jupiter.api.Test;

/**
 * A live key that nobody wrote: the mark of a runtime that read memory of another kind as its
 * map's. Go 1.26 once left key 0 in five slots of three-inserts-to-table, where the model stops
 * with "crash: dirPtr read as the wrong kind of memory".
 */
class ForeignKeyTest {

    private static final String UNDEFINED =
            "crash: dirPtr read as the wrong kind of memory (a group as a directory or the other way round: undefined in Go)";

    private final Scenario scenario = Scenario.named("two-writers").go("1.26").initial(100)
            .goroutine(g -> g.set(1, 1)).goroutine(g -> g.set(2, 2)).build();

    @Test
    void aLiveKeyNobodyWroteIsForeign() {
        GoMap m = GoMaps.make(scenario.type(), "1.26");
        for (long k : new long[] {100, 1, 2, 0}) {
            m.set(k, k);
        }
        String[] c = new Classifier(scenario, SequentialOutcomes.of(scenario)).classify(m);
        assertEquals("foreign key", c[0]);
        assertEquals("live keys nobody wrote: [0]", c[1]);
        m.delete(0L);
        assertEquals(Classifier.CLEAN, new Classifier(scenario, SequentialOutcomes.of(scenario)).classify(m)[0]);
    }

    @Test
    void onlyTheModelsUndefinedReadsAccountForAForeignKey() {
        String realForeign = "foreign key + duplicate key + lost update + count mismatch";
        Exploration withCrash = exploration("clean", UNDEFINED);
        assertEquals(List.of(UNDEFINED), RaceCheckMain.accountedBy(withCrash, realForeign));
        assertEquals(List.of("clean"), RaceCheckMain.accountedBy(withCrash, "clean"));
        assertEquals(List.of(), RaceCheckMain.accountedBy(withCrash, "duplicate key + lost update + count mismatch"));
        Exploration plain = exploration("clean", "fatal: concurrent map writes",
                "crash: panic: runtime error: invalid memory address or nil pointer dereference");
        assertEquals(List.of(), RaceCheckMain.accountedBy(plain, realForeign));
    }

    private Exploration exploration(String... outcomes) {
        Exploration e = new Exploration(scenario, "by hand");
        for (String o : outcomes) {
            e.add(o, "", 1, new int[0], List.of());
        }
        return e;
    }
}
