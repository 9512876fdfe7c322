package maplab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Go map you can watch, whichever engine its Go release has: the classic bucket map of
 * Go 1.19-1.23 ({@code ClassicMap}) or the Swiss-table map of Go 1.24+ ({@code SwissMap}).
 * Make one with {@link GoMaps#make(MapType, String)} or {@link GoMaps#builder(MapType)}.
 *
 * <p>Each method is one Go map operation and checks its arguments before touching the map, so
 * bad input throws an IllegalArgumentException naming the problem and changes nothing. Keys and
 * elems are plain Java values: {@link GoType#accepts()} says which a Go type takes (a map[string]int
 * takes {@code m.set("k", 1)}, the int converted to the Long it stores).
 */
public interface GoMap {

    MapType type();

    /** The Go release modelled; its {@link GoVersion#engine()} says which map this is. */
    GoVersion version();

    /** m[key] = elem. */
    void set(Object key, Object elem);

    /** m[key]: the elem, or null if the key is absent. */
    Object get(Object key);

    /** _, ok := m[key]. */
    default boolean contains(Object key) {
        return get(key) != null;
    }

    /** delete(m, key). Returns whether a key was removed; Go's delete says nothing. */
    boolean delete(Object key);

    /*
     * The unboxed calls, for maps whose keys and elems are 8-byte integers (map[uint64]uint64,
     * map[int]int64, ...): keys and elems are Java longs (a uint64 as its two's-complement bits),
     * neither boxed, so a loop of them allocates nothing per operation. Each is the same map
     * operation as its Object counterpart, step for step. On a map of another type they throw an
     * IllegalStateException naming the type (see WordCalls).
     */

    /** m[key] = elem, unboxed. */
    void setWord(long key, long elem);

    /** {@code v := m[key]}, unboxed: the elem, or 0 (Go's zero value) when the key is absent. */
    long getWord(long key);

    /** {@code _, ok := m[key]}, unboxed: whether the key is present (the elem is not read). */
    boolean containsWord(long key);

    /** delete(m, key), unboxed. Returns whether a key was removed. */
    boolean deleteWord(long key);

    /** clear(m), or the for-range-delete loop the compiler turns into the same call. */
    void clear();

    /** len(m). */
    int len();

    /** len(m), under the name Java's collections give it. */
    default int size() {
        return len();
    }

    /** The hash this map computes for key now (the type's hasher under the current seed). */
    long hash(Object key);

    /** Starts {@code for k, v := range m}, standing on the first entry if any. */
    MapIterator iterate();

    /** A whole {@code for k, v := range m} with no writes inside: the entries in the order produced. */
    default List<Map.Entry<Object, Object>> entries() {
        List<Map.Entry<Object, Object>> out = new ArrayList<>(len());
        MapIterator it = iterate();
        for (; it.hasEntry(); it.next()) {
            out.add(it.entry());
        }
        it.close();
        return out;
    }

    /** The keys of a whole range loop, in the order produced. */
    default List<Object> keys() {
        List<Object> out = new ArrayList<>(len());
        MapIterator it = iterate();
        for (; it.hasEntry(); it.next()) {
            out.add(it.key());
        }
        it.close();
        return out;
    }

    /** A read-only copy of the whole state. */
    MapState snapshot();

    /** The broken invariants, if any (empty when the map is sound). */
    List<String> check();

    /** Throws IllegalStateException listing every broken invariant. */
    default void checkInvariants() {
        List<String> broken = check();
        if (!broken.isEmpty()) {
            throw new IllegalStateException("map invariants broken after operation " + opIndex() + ":\n  "
                    + String.join("\n  ", broken));
        }
    }

    /** Subscribes a listener to the engine's events. */
    void listen(MapListener listener);

    /** Unsubscribes it; with no listener left, the engine builds no events at all. */
    void unlisten(MapListener listener);

    /**
     * Makes every read and write of this map's shared memory a scheduling point of {@code hook}
     * (the race scheduler); null detaches it. Operations then run the same engine code, step by step.
     */
    void stepHook(StepHook hook);

    /**
     * runtime.GC(): the ids of this map's allocations that became unreachable since the previous
     * gc(), in the trace format's order.
     */
    List<String> gc();

    /** What the Go GC would reach of this map's memory now; changes nothing. */
    LiveAllocations reachable();

    /** The index of the last operation applied (0 is make). */
    long opIndex();
}
