package maplab.engine;

/**
 * One field of a map's shared memory, as a {@link StepHook} sees it: a header field
 * ({@code h.flags}, {@code m.writing}) or a field of a bucket or group. Each engine lists its
 * own ({@code maplab.engine.classic.Shared}, {@code maplab.engine.swiss.SwissShared}).
 */
public interface SharedField {

    /** The Go name of the field, e.g. {@code flags} or {@code ctrl}. */
    String goName();

    /** Whether the field lies in the map header (else in a bucket, group or table). */
    boolean inHeader();

    /**
     * The accessed memory as Go would name it: {@code h.flags}, {@code buckets#0[1].tophash[3]},
     * {@code groups#2[5].ctrl[3]}.
     */
    String describe(Object memory, int slot);
}
