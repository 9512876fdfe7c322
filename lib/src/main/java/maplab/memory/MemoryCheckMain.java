package maplab.memory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import maplab.engine.MapState;
import maplab.engine.classic.MapSnapshot;
import maplab.engine.swiss.SwissSnapshot;
import maplab.table.Csv;

/**
 * The heap model against a real Go runtime: reads what {@code oracle -memory DIR} measured, replays
 * every workload on the model with the runtime's hashes, and prints two tables: live map bytes
 * (runtime / model, bound: exact once the runtime's own objects that came between the two readings
 * are set aside: 96-byte ones that came or went, and size classes that gained live objects) and GC cycles (NumGC runtime vs model, bound: within one cycle for
 * the counts {@link RuntimeMeasurements#checked} holds to it). Either engine: the Go version of
 * the report says which model replays it.
 * Exit status 0 when every figure is within its bound, 1 otherwise, 2 when the input is unreadable.
 *
 * <pre>  java -cp ... maplab.memory.MemoryCheckMain DIR</pre>
 */
public final class MemoryCheckMain {

    /** The largest |runtime NumGC - model cycles| accepted. */
    static final int CYCLE_TOLERANCE = 1;

    private MemoryCheckMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--csv-dir"))) {
            System.err.println("usage: MemoryCheckMain DIR [--csv-dir OUT]   (DIR written by oracle -memory DIR;"
                    + " OUT gets live-bytes.csv and gc-cycles.csv, for notebook 06)");
            System.exit(2);
        }
        int bad;
        try {
            List<String> live = new ArrayList<>();
            List<String> cycles = new ArrayList<>();
            bad = run(RuntimeMeasurements.read(Path.of(args[0])), live, cycles);
            if (args.length == 3) {
                Csv.write(Path.of(args[2]).resolve("live-bytes.csv"),
                        "workload,runtimeHeapAllocDelta,runtimeNoise,runtimeMapBytes,modelBytes,ratio,withinBound", live);
                Csv.write(Path.of(args[2]).resolve("gc-cycles.csv"),
                        "workload,gogc,mark,runtimeNumGC,modelNumGC,checked,withinBound", cycles);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("memory check: cannot check " + args[0] + ": " + e);
            System.exit(2);
            return;
        }
        System.exit(bad == 0 ? 0 : 1);
    }

    /** Prints both tables and adds their rows, as CSV, to {@code live} and {@code cycles}; returns how many figures are outside their bounds. */
    static int run(RuntimeMeasurements r, List<String> live, List<String> cycles) throws IOException {
        int bad = 0;
        System.out.printf(Locale.ROOT, "live map bytes, %s %s: runtime HeapAlloc delta vs the model (bound: exact)%n",
                r.go(), r.goarch());
        System.out.printf(Locale.ROOT, "  %-32s %12s %9s %12s %12s %9s  %s%n", "workload", "HeapAlloc d", "runtime",
                "map bytes", "model", "ratio", "");
        for (RuntimeMeasurements.LiveBytes w : r.live()) {
            MemoryReplay.Live model = MemoryReplay.live(r, w);
            String state = sameMap(w, model.map());
            // The runtime's own 96-byte objects that came or went between the two readings are not
            // the map's; none of the map's objects is 96 bytes, else they could not be told apart.
            // Nor are the objects of size classes that gained live objects while the program only
            // dropped the map (runtimeBytes): the runtime allocated those for itself.
            long noise = RuntimeMeasurements.RUNTIME_NOISE_CLASS * w.objects96() - w.runtimeBytes();
            long bytes = w.bytes() - noise;
            double ratio = model.bytes() == 0 ? Double.NaN : (double) bytes / model.bytes();
            boolean ok = bytes == model.bytes() && state.isEmpty()
                    && (w.objects96() == 0 || !model.hasObjectsOf96Bytes());
            bad += ok ? 0 : 1;
            String gained = w.runtimeClasses() == null || w.runtimeClasses().isEmpty() ? ""
                    : " (runtime's own: " + w.runtimeClasses() + ")";
            System.out.printf(Locale.ROOT, "  %-32s %12d %+9d %12d %12d %9.6f  %s%s%s%n", w.name(), w.bytes(), -noise,
                    bytes, model.bytes(), ratio, ok ? "ok" : "OUT OF BOUND", state, gained);
            live.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.6f,%b", w.name(), w.bytes(), -noise, bytes,
                    model.bytes(), ratio, ok));
        }
        System.out.println("  (runtime: the runtime's own objects between the readings, counted by MemStats.BySize:"
                + " 96-byte ones that came or went, and those of size classes that gained live objects while the"
                + " program only dropped the map)");
        System.out.printf(Locale.ROOT, "GC cycles, map[uint64]uint64 only: runtime NumGC vs the model (bound: within %d,"
                + " for the counts marked checked)%n", CYCLE_TOLERANCE);
        System.out.printf(Locale.ROOT, "  %-34s %5s %-10s %8s %6s %10s  %s%n", "workload", "GOGC", "mark", "runtime",
                "model", "roots(B)", "");
        for (RuntimeMeasurements.GcCount w : r.gc()) {
            long roots = rootScanBytes(w);
            GoHeap heap = MemoryReplay.gcCount(r, w, roots);
            int model = heap.numGC();
            boolean within = Math.abs(model - w.numGC()) <= CYCLE_TOLERANCE;
            boolean checked = r.checked(w);
            bad += within || !checked ? 0 : 1;
            System.out.printf(Locale.ROOT, "  %-34s %5d %-10s %8d %6d %10d  %s%n", w.name(), w.gogc(), w.mark(),
                    w.numGC(), model, roots, !checked ? "(not bounded)" : within ? "ok" : "OUT OF BOUND");
            cycles.add(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%b,%b", w.name(), w.gogc(), w.mark(), w.numGC(),
                    model, checked, within));
        }
        if (r.gc().stream().anyMatch(g -> !r.checked(g))) {
            System.out.println("  (not bounded: concurrent marks, whose counts vary with the machine's load by more than"
                    + " the bound; the stop-the-world counts are the check)");
        }
        System.out.println(bad == 0 ? "memory check: PASS" : "memory check: FAILED (" + bad + " figure(s) out of bound)");
        return bad;
    }

    /**
     * The stacks-and-globals term of the runtime's goal (lastStackScan + globalsScan), solved from the
     * goal a forced collection set with the map alive: NextGC = marked + (marked + roots) * GOGC/100,
     * valid when that goal is above the heap minimum and the sweep distance; 0 otherwise.
     */
    static long rootScanBytes(RuntimeMeasurements.GcCount w) {
        long marked = w.heapAllocAfter();
        long goal = w.nextGCAfter();
        long min = Math.max(GcPacer.DEFAULT_HEAP_MINIMUM * w.gogc() / 100, marked + GcPacer.SWEEP_MIN_HEAP_DISTANCE);
        if (w.gogc() <= 0 || goal <= min) {
            return 0;
        }
        return Math.max(0, (goal - marked) * 100 / w.gogc() - marked);
    }

    /** Empty when the model's map ends as the runtime's did; else what differs. */
    private static String sameMap(RuntimeMeasurements.LiveBytes w, MapState state) {
        if (state instanceof MapSnapshot m) {
            return sameMap(w, m);
        }
        if (state instanceof SwissSnapshot m) {
            return sameMap(w, m);
        }
        throw new IllegalStateException("no end-state check for " + state.getClass().getName());
    }

    /** A Swiss map: used, dirLen, globalDepth and the number of distinct tables. */
    private static String sameMap(RuntimeMeasurements.LiveBytes w, SwissSnapshot m) {
        if (m.used() == w.count() && m.dirLen() == w.dirLen() && m.globalDepth() == w.globalDepth()
                && m.tables().size() == w.tables()) {
            return "";
        }
        return String.format(Locale.ROOT, " map differs: runtime used=%d dirLen=%d globalDepth=%d tables=%d, model "
                + "used=%d dirLen=%d globalDepth=%d tables=%d", w.count(), w.dirLen(), w.globalDepth(), w.tables(),
                m.used(), m.dirLen(), m.globalDepth(), m.tables().size());
    }

    /**
     * A classic map: B, count, growing, and noverflow below B = 16 (above, incrnoverflow counts
     * with a random draw that the replay cannot know).
     */
    private static String sameMap(RuntimeMeasurements.LiveBytes w, MapSnapshot m) {
        boolean noverflow = w.B() >= 16 || m.noverflow() == w.noverflow();
        if (m.B() == w.B() && m.count() == w.count() && noverflow && m.growing() == w.growing()) {
            return "";
        }
        return String.format(Locale.ROOT, " map differs: runtime B=%d count=%d noverflow=%d growing=%b, model B=%d "
                + "count=%d noverflow=%d growing=%b", w.B(), w.count(), w.noverflow(), w.growing(), m.B(), m.count(),
                m.noverflow(), m.growing());
    }
}
