package maplab.memory;

import java.util.Objects;
import maplab.engine.GoVersion;

/**
 * The inputs of the GC pacer model: GOGC, GOMEMLIMIT, and what the rest of the program does (its
 * live heap, the garbage it allocates per map operation, the stacks and globals the GC scans).
 * Immutable; every setter validates and returns a copy. Defaults: Go 1.19, GOGC=100, no memory
 * limit, nothing else in the program.
 */
public final class GcSettings {

    /** GOGC=off, as runtime.readGOGC returns it. */
    public static final int GOGC_OFF = -1;
    /** GOMEMLIMIT unset: math.MaxInt64. */
    public static final long NO_MEMORY_LIMIT = Long.MAX_VALUE;

    private final GoVersion version;
    private final int gogc;
    private final long memoryLimit;
    private final long otherLiveBytes;
    private final long otherAllocPerOp;
    private final long rootScanBytes;
    private final long nonHeapBytes;
    private final long runway;
    /** Whether the collector is Green Tea; null: the release's default. */
    private final Boolean greenTea;
    /** Whether the pacer's heapLive counts cached spans in full (SpanCache); else heapLive is HeapAlloc. */
    private final boolean spanCache;

    private GcSettings(GoVersion version, int gogc, long memoryLimit, long otherLiveBytes, long otherAllocPerOp,
                       long rootScanBytes, long nonHeapBytes, long runway, Boolean greenTea, boolean spanCache) {
        this.version = version;
        this.gogc = gogc;
        this.memoryLimit = memoryLimit;
        this.otherLiveBytes = otherLiveBytes;
        this.otherAllocPerOp = otherAllocPerOp;
        this.rootScanBytes = rootScanBytes;
        this.nonHeapBytes = nonHeapBytes;
        this.runway = runway;
        this.greenTea = greenTea;
        this.spanCache = spanCache;
    }

    /** Go 1.19, GOGC=100, no memory limit, no other allocation, heapLive with cached spans. */
    public static GcSettings defaults() {
        return new GcSettings(GoVersion.GO1_19, 100, NO_MEMORY_LIMIT, 0, 0, 0, 0, 0, null, true);
    }

    /** The Go release: the engine and allocation sizes of the heap's maps, and the pacer's release rules (GcPacer). */
    public GcSettings go(GoVersion v) {
        return new GcSettings(Objects.requireNonNull(v, "Go version"), gogc, memoryLimit, otherLiveBytes,
                otherAllocPerOp, rootScanBytes, nonHeapBytes, runway, greenTea, spanCache);
    }

    /** GOGC as a number >= 0; use {@link #gogcOff()} for "off". */
    public GcSettings gogc(int percent) {
        if (percent < 0) {
            throw new IllegalArgumentException("GOGC must be a number >= 0 or \"off\", got " + percent
                    + " (Go would silently treat a negative GOGC as off; say off if you mean it)");
        }
        return withGogc(percent);
    }

    /** GOGC=off: no cycle unless the memory limit asks for one (or runtime.GC()). */
    public GcSettings gogcOff() {
        return withGogc(GOGC_OFF);
    }

    /** GOGC as the environment variable spells it: "off" or a number >= 0. */
    public GcSettings gogc(String text) {
        return withGogc(parseGogc(text));
    }

    private GcSettings withGogc(int g) {
        return new GcSettings(version, g, memoryLimit, otherLiveBytes, otherAllocPerOp, rootScanBytes,
                nonHeapBytes, runway, greenTea, spanCache);
    }

    /** GOMEMLIMIT in bytes (>= 0); {@link #NO_MEMORY_LIMIT} for none. */
    public GcSettings memoryLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory limit must be >= 0 bytes, got " + bytes
                    + " (use GcSettings.NO_MEMORY_LIMIT, or \"off\", for no limit)");
        }
        return new GcSettings(version, gogc, bytes, otherLiveBytes, otherAllocPerOp, rootScanBytes,
                nonHeapBytes, runway, greenTea, spanCache);
    }

    /** GOMEMLIMIT as the environment variable spells it: "off", or a number with B, KiB, MiB, GiB, TiB. */
    public GcSettings memoryLimit(String text) {
        return memoryLimit(parseMemoryLimit(text));
    }

    /** The live heap of the rest of the program (bytes, >= 0): live from the start, never freed. */
    public GcSettings otherLiveBytes(long bytes) {
        return new GcSettings(version, gogc, memoryLimit, nonNegative("other live bytes", bytes), otherAllocPerOp,
                rootScanBytes, nonHeapBytes, runway, greenTea, spanCache);
    }

    /** Bytes the rest of the program allocates per map operation (>= 0), all garbage by the next cycle. */
    public GcSettings otherAllocPerOp(long bytes) {
        return new GcSettings(version, gogc, memoryLimit, otherLiveBytes,
                nonNegative("other allocation per operation", bytes), rootScanBytes, nonHeapBytes, runway, greenTea,
                spanCache);
    }

    /** Stack and globals scan work (lastStackScan + globalsScan, bytes >= 0), which GOGC also scales. */
    public GcSettings rootScanBytes(long bytes) {
        return new GcSettings(version, gogc, memoryLimit, otherLiveBytes, otherAllocPerOp,
                nonNegative("root scan bytes", bytes), nonHeapBytes, runway, greenTea, spanCache);
    }

    /** Memory the runtime maps that holds no heap objects (bytes >= 0); only the memory limit sees it. */
    public GcSettings nonHeapBytes(long bytes) {
        return new GcSettings(version, gogc, memoryLimit, otherLiveBytes, otherAllocPerOp, rootScanBytes,
                nonNegative("non-heap bytes", bytes), runway, greenTea, spanCache);
    }

    /**
     * The pacer's runway (bytes >= 0): how far before the goal a cycle starts, which the runtime
     * derives from its measured cons/mark ratio. 0 (default) starts cycles as late as 1.19 allows.
     */
    public GcSettings runway(long bytes) {
        return new GcSettings(version, gogc, memoryLimit, otherLiveBytes, otherAllocPerOp, rootScanBytes,
                nonHeapBytes, nonNegative("runway", bytes), greenTea, spanCache);
    }

    /**
     * The collector: Green Tea (true) or the older mark loop (false). By default the release's
     * own: Green Tea in Go 1.26 (internal/buildcfg/exp.go:88), not before; a program built with
     * GOEXPERIMENT=nogreenteagc (1.26) or greenteagc (1.25) says so in runtime.Version().
     */
    public GcSettings greenTeaGC(boolean on) {
        return new GcSettings(version, gogc, memoryLimit, otherLiveBytes, otherAllocPerOp, rootScanBytes,
                nonHeapBytes, runway, on, spanCache);
    }

    /**
     * Whether the pacer's heapLive counts each span an mcache takes in full, as the runtime does
     * ({@link SpanCache}), rather than being the heap in use (HeapAlloc). On by default: with it
     * the model's GC cycle counts match the real runtime's where HeapAlloc alone starts a cycle
     * too late (Go 1.26, 10^6 inserts at GOGC 50: 16 cycles, 15 without).
     */
    public GcSettings spanCache(boolean on) {
        return new GcSettings(version, gogc, memoryLimit, otherLiveBytes, otherAllocPerOp, rootScanBytes,
                nonHeapBytes, runway, greenTea, on);
    }

    /**
     * The release and collector of a runtime.Version() string such as "go1.26.10" or
     * "go1.26.10-X:nogreenteagc" (experiments after "X:", comma-separated).
     */
    public GcSettings runtimeVersion(String runtimeVersion) {
        GcSettings s = go(GoVersion.parse(runtimeVersion.replaceFirst("[ -].*$", "")));
        int x = runtimeVersion.indexOf("X:");
        if (x >= 0) {
            for (String e : runtimeVersion.substring(x + 2).split(",")) {
                if (e.strip().equals("greenteagc")) {
                    s = s.greenTeaGC(true);
                } else if (e.strip().equals("nogreenteagc")) {
                    s = s.greenTeaGC(false);
                }
            }
        }
        return s;
    }

    private static long nonNegative(String what, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + v);
        }
        return v;
    }

    /** runtime.readGOGC, strict: "off" or a decimal number >= 0. */
    public static int parseGogc(String text) {
        if (text == null) {
            throw new IllegalArgumentException("GOGC is null; use \"off\" or a number >= 0");
        }
        String t = text.strip();
        if (t.equals("off")) {
            return GOGC_OFF;
        }
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GOGC must be \"off\" or a number >= 0, got \"" + text + "\"");
        }
        if (v < 0) {
            throw new IllegalArgumentException("GOGC must be \"off\" or a number >= 0, got \"" + text
                    + "\" (only \"off\" turns the collector off)");
        }
        return v;
    }

    /** runtime.parseByteCount, plus "off": "off", "1048576", "512MiB", "2GiB", "300KiB", "64B". */
    public static long parseMemoryLimit(String text) {
        if (text == null) {
            throw new IllegalArgumentException("memory limit is null; use \"off\" or a byte count like 512MiB");
        }
        String t = text.strip();
        if (t.equals("off")) {
            return NO_MEMORY_LIMIT;
        }
        String[][] units = {{"TiB", "40"}, {"GiB", "30"}, {"MiB", "20"}, {"KiB", "10"}, {"B", "0"}};
        int shift = 0;
        String digits = t;
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                digits = t.substring(0, t.length() - u[0].length());
                shift = Integer.parseInt(u[1]);
                break;
            }
        }
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memory limit must be \"off\" or a byte count such as 512MiB, got \""
                    + text + "\"");
        }
        if (n < 0) {
            throw new IllegalArgumentException("memory limit must be >= 0 bytes, got \"" + text + "\"");
        }
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("memory limit \"" + text + "\" overflows 64 bits");
        }
        return n << shift;
    }

    public GoVersion version() { return version; }

    /** GOGC, or {@link #GOGC_OFF}. */
    public int gogc() { return gogc; }

    public boolean gcOff() { return gogc == GOGC_OFF; }

    public long memoryLimit() { return memoryLimit; }

    public long otherLiveBytes() { return otherLiveBytes; }

    public long otherAllocPerOp() { return otherAllocPerOp; }

    public long rootScanBytes() { return rootScanBytes; }

    public long nonHeapBytes() { return nonHeapBytes; }

    public long runway() { return runway; }

    /** Whether heapLive counts cached spans in full ({@link #spanCache(boolean)}). */
    public boolean spanCache() { return spanCache; }

    /** Whether the collector is Green Tea (see {@link #greenTeaGC(boolean)}). */
    public boolean greenTeaGC() {
        return greenTea != null ? greenTea : version == GoVersion.GO1_26;
    }

    @Override
    public String toString() {
        return "go" + version.release() + " GOGC=" + (gcOff() ? "off" : gogc)
                + (memoryLimit == NO_MEMORY_LIMIT ? "" : " GOMEMLIMIT=" + memoryLimit)
                + (otherLiveBytes > 0 ? " otherLive=" + otherLiveBytes : "")
                + (otherAllocPerOp > 0 ? " otherAlloc/op=" + otherAllocPerOp : "");
    }
}
