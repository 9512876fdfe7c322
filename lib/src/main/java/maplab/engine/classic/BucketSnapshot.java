package maplab.engine.classic;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.ReadOnlyList;

/**
 * A read-only copy of one bucket and, through {@link #overflow()}, the rest of its chain.
 * Keys and elems read null unless the slot is live (tophash >= 5), as in a trace; {@link #rawKey}
 * shows what the key slot really holds, such as the stale bytes a delete leaves in a pointer-free key.
 */
public final class BucketSnapshot {

    private final String name;
    private final int[] tophash;
    private final Object[] keys;
    private final Object[] elems;
    private final Object[] rawKeys;
    private final BucketSnapshot overflow;

    BucketSnapshot(String name, int[] tophash, Object[] keys, Object[] elems, Object[] rawKeys,
                   BucketSnapshot overflow) {
        this.name = name;
        this.tophash = tophash;
        this.keys = keys;
        this.elems = elems;
        this.rawKeys = rawKeys;
        this.overflow = overflow;
    }

    /** The memory this bucket lives in: {@code buckets#k[i]} or {@code overflow#k}. */
    public String name() { return name; }

    /** tophash[i]: 0 emptyRest, 1 emptyOne, 2/3 evacuatedX/Y, 4 evacuatedEmpty, 5..255 a live key's top byte. */
    public int tophash(int i) { return tophash[i]; }

    /** All 8 tophash bytes. */
    public List<Integer> tophashes() {
        List<Integer> out = new ArrayList<>(8);
        for (int t : tophash) {
            out.add(t);
        }
        return ReadOnlyList.copyOf(out, "tophash of " + name);
    }

    /** Whether slot i holds a live key. */
    public boolean live(int i) { return tophash[i] >= Tophash.MIN_TOP_HASH; }

    /** The key in slot i, or null unless the slot is live. */
    public Object key(int i) { return keys[i]; }

    /** The elem in slot i, or null unless the slot is live. */
    public Object elem(int i) { return elems[i]; }

    /** What the key slot holds whatever its tophash (null where the runtime cleared it). */
    public Object rawKey(int i) { return rawKeys[i]; }

    /** The next bucket of the chain, or null. */
    public BucketSnapshot overflow() { return overflow; }

    /** This bucket and every overflow bucket after it. */
    public List<BucketSnapshot> chain() {
        List<BucketSnapshot> out = new ArrayList<>();
        for (BucketSnapshot b = this; b != null; b = b.overflow) {
            out.add(b);
        }
        return ReadOnlyList.copyOf(out, "chain of " + name);
    }

    /** Live keys in this bucket alone. */
    public int liveCount() {
        int n = 0;
        for (int i = 0; i < tophash.length; i++) {
            if (live(i)) {
                n++;
            }
        }
        return n;
    }

    /** Whether evacuate marked this bucket (tophash[0] is 2, 3 or 4). */
    public boolean evacuated() {
        return tophash[0] > Tophash.EMPTY_ONE && tophash[0] < Tophash.MIN_TOP_HASH;
    }
}
