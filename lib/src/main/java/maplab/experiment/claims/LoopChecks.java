package maplab.experiment.claims;

import java.util.List;
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

    /** The two loop claims, checked the same way on either engine's {@code releases}. */
    static void put(Map<String, Check> m, List<String> releases) {
        m.put("iteration-once", new Check("100 range loops that insert a key after each key they see, on maps that "
                + "grow under them (Experiments.iterationDuringGrowth)", releases, LoopChecks::iterationOnce,
                r -> Verdict.of(r.figure("loopsThatGrew") > 0 && r.figure("oldMissed") == 0
                        && r.figure("duplicates") == 0)));
        m.put("iteration-new-never", new Check("the same 100 loops: the keys they inserted", releases,
                LoopChecks::iterationNewNever, r -> Verdict.of(r.figure("newSeen") == 0)));
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
