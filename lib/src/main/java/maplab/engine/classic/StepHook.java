package maplab.engine.classic;

/**
 * A scheduling point before every read and write of a map's shared memory: the header fields,
 * and each bucket's tophash, key, elem and overflow slots, in the order the runtime's functions
 * touch them. The race scheduler ({@code maplab.race}) implements it to interleave simulated
 * goroutines at exactly these points; the engine code is the one sequential runs use, and with
 * no hook attached (the default) every access costs one null test.
 *
 * <p>{@link #step} is called before the access takes place, on the thread of the goroutine that
 * makes it; it may block until the scheduler lets that goroutine go on.
 */
public interface StepHook {

    /**
     * @param memory the header ({@code hmap}) or the bucket accessed; {@link Shared#describe}
     *     names it
     * @param field which field
     * @param slot the slot index 0..7 for tophash, key and elem, else -1
     * @param write whether the access stores
     */
    void step(Object memory, Shared field, int slot, boolean write);
}
