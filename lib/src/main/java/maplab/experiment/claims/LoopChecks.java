package maplab.experiment.claims;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import maplab.experiment.Experiments;
import tech.tablesaw.api.Table;

/**
 * The range-loop experiment both engines' checks share: loops over maps that grow under them
 * (Experiments.iterationDuringGrowth), run once per release and read by two claims, "every key
 * present throughout is produced exactly once" and "keys added during a loop are never produced".
 * The experiment is the same for both engines; only the release decides which map runs it.
 */
final class LoopChecks {

    /** What the loops of one release did. */
    private record During(int loops, int grew, int oldMissed, int duplicates, int newSeen, int newMissed) {
        Measured figures(String answer) {
            return Measured.of(answer).with("loopsThatGrew", grew).with("oldMissed", oldMissed)
                    .with("duplicates", duplicates).with("newSeen", newSeen).with("newMissed", newMissed);
        }
    }

    private static final Map<String, During> DURING = new ConcurrentHashMap<>();

    private LoopChecks() {
    }

    private static During during(String release) {
        return DURING.computeIfAbsent(release, r -> {
            Table t = Experiments.iterationDuringGrowth(100, 20, 20, 9, r);
            return new During(t.rowCount(), t.booleanColumn("grewDuringIteration").countTrue(),
                    (int) t.intColumn("oldMissed").sum(), (int) t.intColumn("duplicates").sum(),
                    (int) t.intColumn("newSeen").sum(), (int) t.intColumn("newMissed").sum());
        });
    }

    static Measured iterationOnce(String release) {
        During d = during(release);
        return d.figures(String.format("%d loops, %d of them while the map grew: %d keys present from start to end "
                + "missed, %d produced twice", d.loops(), d.grew(), d.oldMissed(), d.duplicates()));
    }

    static Measured iterationNewNever(String release) {
        During d = during(release);
        return d.figures(String.format("of the %,d keys the loops inserted, %,d were produced by the loop and %,d "
                + "not", d.newSeen() + d.newMissed(), d.newSeen(), d.newMissed()));
    }
}
