package maplab.experiment;

import java.util.Random;
import maplab.engine.GoVersion;
import maplab.engine.classic.MapEvent;
import maplab.engine.classic.MapSnapshot;
import maplab.table.Progress;
import maplab.table.TableBuilder;
import tech.tablesaw.api.Table;

/**
 * Tombstones under insert/delete churn: the classic map's tombstones, overflow buckets and
 * same-size growths, and, for either engine side by side, the slots a map of constant size ends
 * up with. See {@link Experiments}.
 */
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
            MapSnapshot s = w.classic();
            int[] states = Lookups.slotStates(s);
            t.row(op, s.count(), s.B(), states[2], states[1], states[0], s.overflowBuckets(), s.noverflow(),
                    s.growing(), sameSize, doublings);
        }
        progress.done();
        return t.build();
    }

    /**
     * Churn at constant size on each release: the map's slots (classic: 8 per bucket and
     * overflow bucket in use; Swiss: every table's capacity, 8 for a small map), its tombstones
     * (classic emptyOne, Swiss deleted control bytes), growths so far and, Swiss 1.25+, tombstones
     * pruned so far.
     */
    static Table churn(int size, int churnOps, int every, long seed, java.util.List<GoVersion> versions) {
        TableBuilder t = new TableBuilder("churn at constant size").ints("op", "count", "slots", "tombstones")
                .ints("growths", "pruned").strings("go");
        Progress progress = new Progress("churn", (long) churnOps * versions.size(), "churn operations");
        for (java.util.List<Object[]> rows : Trials.map(versions, progress, (version, step) -> {
            java.util.List<Object[]> out = new java.util.ArrayList<>();
            Workload w = Workload.forChurn(size, churnOps, every, seed, version);
            int growths = 0;
            int pruned = 0;
            for (int op = 0; op <= churnOps; op++) {
                w.clearEvents();
                if (op > 0) {
                    w.churn();
                    step.run();
                }
                growths += EngineEvents.grew(w.events) ? 1 : 0;
                for (maplab.engine.EngineEvent e : w.events) {
                    if (e instanceof maplab.engine.swiss.SwissEvent.TombstonesPruned p) {
                        pruned += p.count();
                    }
                }
                if (op % every != 0 && op != churnOps) {
                    continue;
                }
                int[] st = slotsAndTombstones(w.map.snapshot());
                out.add(new Object[] {op, w.map.len(), st[0], st[1], growths, pruned, version.release()});
            }
            return out;
        })) {
            rows.forEach(t::row);
        }
        progress.done();
        return t.build();
    }

    /** {slots, tombstones} of either engine's state. */
    static int[] slotsAndTombstones(maplab.engine.MapState state) {
        if (state instanceof MapSnapshot s) {
            int buckets = s.buckets().size() + s.overflowBuckets();
            return new int[] {8 * buckets, Lookups.slotStates(s)[1]};
        }
        maplab.engine.swiss.SwissSnapshot s = (maplab.engine.swiss.SwissSnapshot) state;
        return new int[] {s.capacity(), s.tombstones()};
    }
}
