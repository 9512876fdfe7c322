package maplab.trace;

/**
 * What a trace may ask of the replayer (docs/trace-format.md, "Limits and malformed input"). A
 * few bytes of a trace can ask for a map type, a hint or a nesting that would take gigabytes or
 * the whole stack to honour; the reader refuses anything past these limits, naming the limit,
 * before anything is allocated for it. Each is far above what any recorded trace needs.
 */
final class TraceLimits {

    /** One line, in bytes (the largest golden line is about 90 KB). */
    static final int MAX_LINE_BYTES = 16 << 20;
    /** A whole trace, in bytes: the reader holds every line's JSON until the replay ends. */
    static final long MAX_TRACE_BYTES = 256L << 20;
    /** Arrays and objects inside one another on a line; a classic overflow chain nests one level a bucket. */
    static final int MAX_DEPTH = 256;
    /** The size of a key or elem type, in bytes: every value of {@code [N]byte} is N bytes of heap. */
    static final long MAX_VALUE_BYTES = 1024;
    /**
     * The largest {@code make} hint: 13 * 2^14, the largest for which a classic map's B stays
     * below 16 (version 1 keeps classic maps below B = 16); the same for Swiss maps.
     */
    static final long MAX_HINT = 13L << 14;
    /** Version 1 keeps classic maps below B = 16, where noverflow is exact. */
    static final int MAX_CLASSIC_B = 15;

    private TraceLimits() {
    }

    static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
