package maplab.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * A hash a user controls, to build a layout on purpose: place a key at a bucket index with a
 * chosen tophash, or give it a whole 64-bit hash. The seed is ignored for placed keys, so they
 * keep their place across reseeds. Keys not placed fall back to another hasher.
 *
 * <pre>
 *   var hash = new ControlledHash().place(1L, 0, 0x77).place(2L, 0, 0x77);  // two keys, bucket 0
 * </pre>
 */
public final class ControlledHash implements Hasher {

    private final Map<Object, Long> placed = new HashMap<>();
    private final Hasher fallback;

    /** Keys not placed use the {@link StandardHasher}. */
    public ControlledHash() {
        this(StandardHasher.INSTANCE);
    }

    /** Keys not placed use {@code fallback}; pass {@code null} to make an unplaced key an error. */
    public ControlledHash(Hasher fallback) {
        this.fallback = fallback;
    }

    /**
     * Gives {@code key} the hash whose low bits are {@code lowBits} (the bucket index is its low B
     * bits, and bit B decides X or Y when the map doubles) and whose top byte is {@code top}.
     * A top byte below 5 is stored as top + 5, as the runtime does.
     */
    public ControlledHash place(Object key, long lowBits, int top) {
        if (top < 0 || top > 255) {
            throw new IllegalArgumentException("top byte must be 0..255, got " + top);
        }
        if (lowBits < 0 || lowBits >= (1L << 56)) {
            throw new IllegalArgumentException("lowBits must be 0..2^56-1, got " + lowBits);
        }
        return fullHash(key, ((long) top << 56) | lowBits);
    }

    /** Gives {@code key} exactly this 64-bit hash. */
    public ControlledHash fullHash(Object key, long hash) {
        if (key == null) {
            throw new IllegalArgumentException("cannot place a null key");
        }
        placed.put(content(key), hash);
        return this;
    }

    /** Byte arrays are placed by content, as Go compares arrays. */
    private static Object content(Object key) {
        return key instanceof byte[] ? java.nio.ByteBuffer.wrap(((byte[]) key).clone()) : key;
    }

    @Override
    public long hash(Object key, long seed) {
        Long h = placed.get(content(key));
        if (h != null) {
            return h;
        }
        if (fallback == null) {
            throw new IllegalArgumentException("key " + GoType.show(key) + " has no controlled hash; place it first");
        }
        return fallback.hash(key, seed);
    }
}
