package maplab.engine;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * The allocations of one map that the Go GC reaches at a moment (see {@link GoMap#reachable()}),
 * by kind and number ({@link Allocated}). The map header (hmap or Map) and mapextra are reached
 * as long as the program holds the map.
 */
public final class LiveAllocations {

    private final Map<ObjectKind, BitSet> live = new EnumMap<>(ObjectKind.class);

    /** Marks the k-th object of {@code kind} reachable; for the engines' reachability walks. */
    public void add(ObjectKind kind, int k) {
        live.computeIfAbsent(kind, x -> new BitSet()).set(k);
    }

    /** Whether the k-th object of {@code kind} is reachable. */
    public boolean contains(ObjectKind kind, int k) {
        BitSet b = live.get(kind);
        return b != null && b.get(k);
    }

    /** The reachable numbers of one kind (a copy). */
    public BitSet of(ObjectKind kind) {
        BitSet b = live.get(kind);
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        live.forEach((kind, ks) -> ks.stream().forEach(k -> s.append(s.length() == 0 ? "" : " ").append(kind.id(k))));
        return s.toString();
    }
}
