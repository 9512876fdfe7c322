package maplab.memory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code oracle -memory DIR} measured on a real Go runtime (oracle/memory.go for the classic
 * map, oracle/swiss/memory.go for the Swiss one): DIR/memory.json and the hash files it names
 * (little-endian uint64 per key).
 */
public record RuntimeMeasurements(String go, String goarch, List<GcCount> gc, List<LiveBytes> live, Path dir) {

    /**
     * One step of a live workload: "set" or "delete" of keys [from, to), "clear", and (Swiss
     * oracle) "iter" (a range loop started and left standing on its first entry) and "iterdone"
     * (that loop run to its end, the iterator still referenced).
     */
    public record Phase(String op, int from, int to, String hashes) {
    }

    /**
     * The bytes one map kept alive (HeapAlloc with it minus without it, after forced collections),
     * with the runtime's own objects that came between the readings ({@code objects96},
     * {@code runtimeBytes}: size classes that gained live objects while the program only dropped
     * the map; 0 in reports older than that field), and the map's end state: count for both engines; B, noverflow, growing for a classic map;
     * dirLen, globalDepth and the number of distinct tables for a Swiss map.
     */
    public record LiveBytes(String name, String keyType, String elemType, int hint, List<Phase> phases,
                            long heapAllocWith, long heapAllocWithout, long bytes, long objects96, long runtimeBytes,
                            String runtimeClasses, int B, int count, int noverflow, boolean growing, int dirLen,
                            int globalDepth, int tables) {
    }

    /** The size class of the runtime's own objects that the oracle counts (oracle/internal/memkit NoiseClass). */
    public static final long RUNTIME_NOISE_CLASS = 96;

    /** {@link GcCount#mark()}: the ordinary collector, marking while the program runs. */
    public static final String CONCURRENT = "concurrent";
    /** {@link GcCount#mark()}: every mark phase stops the world (GODEBUG=gcstoptheworld=1). */
    public static final String STOP_THE_WORLD = "stw";

    /**
     * The GC cycles (NumGC) while {@code n} keys went into a new map[uint64]uint64 at GOGC
     * {@code gogc}, with marks {@link #CONCURRENT} or {@link #STOP_THE_WORLD} (the Go 1.19
     * oracle measures only the first and writes no mark).
     */
    public record GcCount(String name, int gogc, int n, String mark, long baseHeapAlloc, long baseNextGC, int numGC,
                          long heapAllocAfter, long nextGCAfter, String hashes) {

        /** The mark mode, {@link #CONCURRENT} when the report does not say. */
        @Override
        public String mark() {
            return mark == null ? CONCURRENT : mark;
        }
    }

    /**
     * Whether a cycle count is held to the check's bound: a stop-the-world count, or a concurrent
     * one in a report that has no stop-the-world count (Go 1.19). Concurrent counts of a report
     * that has both vary with the machine's load by more than the bound (docs/memory.md).
     */
    public boolean checked(GcCount c) {
        boolean anyStw = gc.stream().anyMatch(g -> g.mark().equals(STOP_THE_WORLD));
        return c.mark().equals(STOP_THE_WORLD) || !anyStw;
    }

    /** Reads DIR/memory.json; hash files are read on demand by {@link #hashes}. */
    public static RuntimeMeasurements read(Path dir) throws IOException {
        Path json = dir.resolve("memory.json");
        try (Reader r = Files.newBufferedReader(json)) {
            RuntimeMeasurements m = new Gson().fromJson(r, RuntimeMeasurements.class);
            if (m == null || m.go == null || m.gc == null || m.live == null) {
                throw new IOException(json + ": not an oracle -memory report (go, gc and live are required)");
            }
            for (GcCount c : m.gc) {
                if (!c.mark().equals(CONCURRENT) && !c.mark().equals(STOP_THE_WORLD)) {
                    throw new IOException(json + ": " + c.name() + ": mark \"" + c.mark() + "\" is neither "
                            + CONCURRENT + " nor " + STOP_THE_WORLD);
                }
            }
            return new RuntimeMeasurements(m.go, m.goarch, m.gc, m.live, dir);
        } catch (JsonParseException e) {
            throw new IOException(json + ": " + e.getMessage(), e);
        }
    }

    /** The hashes in a file of this report, one per key. */
    public long[] hashes(String file, int expected) throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve(file));
        if (b.length != 8L * expected) {
            throw new IOException(file + ": " + b.length + " bytes, expected " + 8L * expected + " (8 per key)");
        }
        long[] out = new long[expected];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }
}
