package maplab.experiment.claims;

import java.util.ArrayList;
import java.util.List;
import maplab.memory.MemoryExperiments;

/**
 * The GC-timing experiment both engines' checks share. Where a map is dropped within a GC cycle
 * decides much of how long its memory waits for the next one: one drop point can make GOGC 100
 * look faster than GOGC 50 (Go 1.19, 9,000 keys: 226, 85, 944, 978 operations at GOGC 50, 100, 200,
 * 400). So the map is dropped at five points, after 9,000 to 11,000 inserts, and the
 * operations until a cycle frees it are averaged per GOGC.
 */
final class GcChecks {

    static final String GOGC_EXPERIMENT = "heap model: a map of 9,000, 9,500, 10,000, 10,500 or 11,000 keys is "
            + "dropped while the program (2 MB live) allocates 4 KB per operation; operations until a cycle frees "
            + "it at GOGC 50, 100, 200, 400, averaged over the five (MemoryExperiments.gogcReturn)";
    private static final int[] GOGCS = {50, 100, 200, 400};
    private static final long[] SIZES = {9_000, 9_500, 10_000, 10_500, 11_000};

    private GcChecks() {
    }

    static Measured gogc(String release) {
        double[] mean = new double[GOGCS.length];
        for (long n : SIZES) {
            List<MemoryExperiments.Return> back = MemoryExperiments.gogcReturn(Lab.type("uint64", "uint64"), n,
                    2_000_000, 4096, GOGCS, Lab.version(release));
            for (int i = 0; i < GOGCS.length; i++) {
                mean[i] += (double) back.get(i).opsUntilFreed() / SIZES.length;
            }
        }
        List<Long> ops = new ArrayList<>();
        boolean increasing = true;
        for (int i = 0; i < mean.length; i++) {
            ops.add(Math.round(mean[i]));
            increasing &= i == 0 || mean[i] > mean[i - 1];
        }
        return Measured.of("operations from the drop until a GC cycle freed the map (back to the Go heap), on "
                        + "average: %s at GOGC 50, 100, 200, 400", Lab.list(ops, 4))
                .with("increasing", increasing ? 1 : 0).with("opsAtGogc50", mean[0]).with("opsAtGogc400", mean[3]);
    }
}
