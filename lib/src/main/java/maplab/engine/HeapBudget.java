package maplab.engine;

/**
 * The Java heap a {@code make} with a large hint is about to ask for, checked before the model
 * allocates it: a hint the JVM cannot hold is refused with an error that says how much it needs
 * and how much there is, instead of an OutOfMemoryError halfway through building the map.
 */
public final class HeapBudget {

    private static final long MIB = 1L << 20;

    private HeapBudget() {
    }

    /**
     * Throws IllegalArgumentException if {@code bytes} more do not fit in this JVM's heap.
     * {@code what} says what needs them, e.g. "hint 300000000 (2^26 buckets)". Garbage counts as
     * used until a collection, so a request that looks too large is checked again after one.
     */
    public static void require(long bytes, String what) {
        if (bytes <= free()) {
            return;
        }
        System.gc();
        long free = free();
        if (bytes > free) {
            Runtime rt = Runtime.getRuntime();
            throw new IllegalArgumentException(what + " needs about " + bytes / MIB + " MiB of Java heap for the model, "
                    + "but this JVM has " + free / MIB + " MiB free of its " + rt.maxMemory() / MIB
                    + " MiB maximum (raise it with -Xmx, or use a smaller hint)");
        }
    }

    private static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
