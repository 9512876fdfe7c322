package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.List;
import maplab.memory.MemoryExperiments;

/**
 * The GC-timing experiment both engines' checks share. Where a map is dropped within a GC cycle
 * decides much of how long its memory waits for the next one: a drop at an arbitrary point made
 * GOGC 100 look faster than GOGC 50 (Go 1.19, 9,000 keys: 226, 85, 944, 978 operations at GOGC 50,
 * 100, 200, 400). So the map is dropped just after a cycle ends (MemoryExperiments.gogcReturn) and
 * waits a whole cycle, the longest wait at that GOGC.
 */
final class GcChecks {

    static final String GOGC_EXPERIMENT = "heap model: a map of 10,000 keys is dropped just after a GC cycle, "
            + "while the program (2 MB live) allocates 4 KB per operation; operations until the next cycle frees "
            + "it at GOGC 50, 100, 200, 400 (MemoryExperiments.gogcReturn)";
    private static final int[] GOGCS = {50, 100, 200, 400};

    private GcChecks() {
    }

    static Measured gogc(String release) {
        List<MemoryExperiments.Return> back = MemoryExperiments.gogcReturn(Lab.type("uint64", "uint64"), 10_000,
                2_000_000, 4096, GOGCS, Lab.version(release));
        List<Long> ops = new ArrayList<>();
        boolean increasing = true;
        for (int i = 0; i < GOGCS.length; i++) {
            ops.add(back.get(i).opsUntilFreed());
            increasing &= i == 0 || ops.get(i) > ops.get(i - 1);
        }
        return Measured.of("operations from the drop until a GC cycle freed the map (back to the Go heap): %s at "
                        + "GOGC 50, 100, 200, 400", Lab.list(ops, 4))
                .with("increasing", increasing ? 1 : 0).with("opsAtGogc50", ops.get(0)).with("opsAtGogc400", ops.get(3));
    }
}
