package maplab.engine;

import java.util.BitSet;

/**
 * The allocations of one map that the Go GC reaches at a moment (see {@link GoMap#reachable()}),
 * by kind and number ({@link Allocated}). The map header (hmap or Map) and mapextra are reached
 * as long as the program holds the map.
 */
public final class LiveAllocations {

    private static final ObjectKind[] KINDS = ObjectKind.values();

    /** By kind ordinal: a reachability walk adds an object per slot, so this stays a plain array. */
    private final BitSet[] live = new BitSet[KINDS.length];

    /** Marks the k-th object of {@code kind} reachable; for the engines' reachability walks. */
    public void add(ObjectKind kind, int k) {
        BitSet b = live[kind.ordinal()];
        if (b == null) {
            b = live[kind.ordinal()] = new BitSet();
        }
        b.set(k);
    }

    /** Whether the k-th object of {@code kind} is reachable. */
    public boolean contains(ObjectKind kind, int k) {
        BitSet b = live[kind.ordinal()];
        return b != null && b.get(k);
    }

    /** The reachable numbers of one kind (a copy). */
    public BitSet of(ObjectKind kind) {
        BitSet b = live[kind.ordinal()];
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (ObjectKind kind : KINDS) {
            BitSet b = live[kind.ordinal()];
            if (b != null) {
                b.stream().forEach(k -> s.append(s.length() == 0 ? "" : " ").append(kind.id(k)));
            }
        }
        return s.toString();
    }
}
