package maplab.engine;

import java.util.Map;

/**
 * A {@code for k, v := range m} loop that the caller drives, so that other map operations can run
 * inside its body. It reads like the compiled loop:
 *
 * <pre>
 *   for (MapIterator it = m.iterate(); it.hasEntry(); it.next()) {
 *       ... it.key(), it.elem(), and any writes to m: the loop's body ...
 *   }
 * </pre>
 *
 * Starting the loop ({@link GoMap#iterate()}) already finds the first entry, as the runtime's
 * iterator start does. The loop then stands on that entry, inside its body, until {@link #next()}
 * runs the runtime's advance ({@code mapiternext} / {@code Iter.Next}): the next entry is looked
 * for only then, after whatever the body wrote. Like a live iterator in Go, it keeps the memory it
 * points to reachable until {@link #close()} (the loop is left and nothing refers to it).
 */
public interface MapIterator {

    /** Whether the loop stands on an entry (false once it has ended). */
    boolean hasEntry();

    /** The current key; throws if the loop has ended. */
    Object key();

    /** The current elem; throws if the loop has ended. */
    Object elem();

    /** The current entry; throws if the loop has ended. */
    default Map.Entry<Object, Object> entry() {
        return Map.entry(key(), elem());
    }

    /**
     * The body ended: the runtime's advance looks for the next entry. Returns false when the loop
     * has ended; calling it again after that does nothing (the compiled loop never calls the
     * runtime again).
     */
    boolean next();

    /** Leaves the loop: nothing refers to the iterator any more. Further steps are refused. */
    void close();

    /** Whether {@link #close()} was called. */
    boolean isClosed();
}
