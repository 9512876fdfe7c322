package maplab.bench;

import maplab.engine.classic.ClassicMap;
import maplab.engine.MapType;

/** The JVM heap a model map of n entries takes: used heap after full GCs, with and without it. */
final class ModelMemory {

    private ModelMemory() {
    }

    static long bytes(int n) {
        long before = usedAfterGc();
        ClassicMap m = ClassicMap.builder(MapType.of("uint64", "uint64")).go("1.19").seed(1).build();
        for (int i = 0; i < n; i++) {
            m.setWord(Workloads.key(i), i);
        }
        long after = usedAfterGc();
        if (m.len() != n) {
            throw new IllegalStateException("map lost entries");
        }
        return after - before;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Repeat until the figure stops falling: one System.gc() may leave garbage behind.
        for (int i = 0; i < 5; i++) {
            System.gc();
            long u = rt.totalMemory() - rt.freeMemory();
            if (u >= used) {
                break;
            }
            used = u;
        }
        return used;
    }
}
