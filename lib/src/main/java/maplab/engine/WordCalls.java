package maplab.engine;

/**
 * The unboxed calls of {@link GoMap} ({@code setWord}, {@code getWord}, {@code containsWord},
 * {@code deleteWord}) take and return 8-byte integers as Java longs. They serve maps whose keys
 * and elems are both 8-byte integers (uint64, int64, int), which both engines keep as words.
 */
public final class WordCalls {

    private WordCalls() {
    }

    /** Whether a map of this type takes the unboxed calls. */
    public static boolean fits(MapType t) {
        return t.key().javaType() == Long.class && t.elem().javaType() == Long.class;
    }

    /** The error for an unboxed call on a map of another type, naming the call and the type. */
    public static IllegalStateException refused(String call, MapType t) {
        return new IllegalStateException(call + " needs a map whose keys and elems are 8-byte integers (uint64, int64"
                + " or int), such as map[uint64]uint64; this map is " + t + ": use the Object calls (set, get,"
                + " contains, delete)");
    }
}
