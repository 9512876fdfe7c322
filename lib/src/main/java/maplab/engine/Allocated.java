package maplab.engine;

/**
 * The engine allocated a heap object: what the runtime asks mallocgc for, before size classes
 * (the heap model rounds it). Objects are named by kind and number, as traces name them
 * ({@code buckets#3}, {@code table#1}); {@link GoMap#reachable()} says which are still reached.
 *
 * @param number the k of the k-th object of this kind in this map, from 0
 * @param size the bytes requested
 * @param noscan whether the object holds no pointers the GC must scan
 */
public record Allocated(long op, ObjectKind kind, int number, long size, boolean noscan) implements EngineEvent {

    /** The allocation's id, e.g. {@code buckets#3}; the map header and mapextra have no number. */
    public String id() {
        return kind.id(number);
    }
}
