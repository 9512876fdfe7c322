package maplab.trace;

import maplab.engine.GoVersion;
import maplab.engine.MapType;

/**
 * Line 1 of a trace: which runtime produced it and for which map type.
 *
 * @param go the runtime's exact version string, e.g. "go1.19.8"
 */
public record TraceHeader(int version, String engine, String go, GoVersion goVersion, String goarch,
                          MapType type, String workload) {

    /** The trace format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT = "maplab-trace";
}
