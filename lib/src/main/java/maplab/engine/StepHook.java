package maplab.engine;

/**
 * A scheduling point before every read and write of a map's shared memory, in the order the
 * runtime's functions touch it: both engines call it (the classic hmap and buckets; the Swiss
 * Map, directory, tables and groups). The race scheduler ({@code maplab.race}) implements it to
 * interleave simulated goroutines at exactly these points; the engine code is the one sequential
 * runs use, and with no hook attached (the default) every access costs one test.
 *
 * <p>{@link #step} is called before the access takes place, on the thread of the goroutine that
 * makes it; it may block until the scheduler lets that goroutine go on.
 */
public interface StepHook {

    /**
     * @param memory the header or the bucket / group / table accessed; {@code field.describe}
     *     names it
     * @param field which field
     * @param slot the slot index 0..7 for per-slot fields, else -1
     * @param write whether the access stores
     */
    void step(Object memory, SharedField field, int slot, boolean write);
}
