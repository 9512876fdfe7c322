package maplab.experiment;

import java.util.Random;
import maplab.engine.GoVersion;
import maplab.engine.classic.MapEvent;
import maplab.engine.classic.MapSnapshot;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/** Tombstones and overflow buckets under insert/delete churn. See {@link Experiments}. */
final class TombstoneExperiments {

    private TombstoneExperiments() {
    }

    static Table tombstones(int size, int churnOps, int every, long seed, GoVersion version) {
        Workload w = Workload.forChurn(size, churnOps, every, seed, version);
        TableBuilder t = new TableBuilder("tombstones under churn")
                .ints("op", "count", "B", "live", "emptyOne", "emptyRest", "overflowBuckets", "noverflow")
                .booleans("growing").ints("sameSizeGrowths", "doublings");
        int sameSize = 0;
        int doublings = 0;
        Progress progress = new Progress("tombstones", churnOps, "churn operations");
        for (int op = 0; op <= churnOps; op++) {
            w.clearEvents();
            if (op > 0) {
                w.churn();
                progress.at(op);
            }
            for (MapEvent.GrowthStarted g : w.events(MapEvent.GrowthStarted.class)) {
                if (g.sameSize()) {
                    sameSize++;
                } else {
                    doublings++;
                }
            }
            if (op % every != 0 && op != churnOps) {
                continue;
            }
            MapSnapshot s = w.map.snapshot();
            int[] states = Lookups.slotStates(s);
            t.row(op, s.count(), s.B(), states[2], states[1], states[0], s.overflowBuckets(), s.noverflow(),
                    s.growing(), sameSize, doublings);
        }
        progress.done();
        return t.build();
    }
}
