package maplab.engine.classic;

import java.util.Objects;
import maplab.engine.GoType;

/**
 * The classic map type ({@code maptype} with its bucket type, built by the compiler's
 * reflectdata.MapBucketType): a key or elem larger than 128 bytes is stored indirectly, its slot
 * holding an 8-byte pointer. A bucket is tophash [8]uint8, keys [8]K, elems [8]V and an overflow
 * pointer: 16 + 8*(keySlot + elemSlot) bytes on amd64, never padded.
 */
public final class MapType {

    /** maxKeySize and maxElemSize: larger keys and elems are stored indirectly. */
    public static final long MAX_INLINE_SIZE = 128;
    /** bucketCnt. */
    public static final int BUCKET_CNT = 8;
    /** dataOffset: the keys start after the 8 tophash bytes. */
    public static final long DATA_OFFSET = 8;
    private static final long PTR_SIZE = 8;

    private final GoType key;
    private final GoType elem;
    // Derived once: the engine asks on every slot access.
    private final boolean indirectKey;
    private final boolean indirectElem;
    private final boolean bucketHasPointers;
    private final boolean wordKeys;
    private final boolean wordElems;
    private final Variant variant;

    /**
     * Which family of runtime functions the compiler calls for this map type (cmd/compile's
     * walk.mapfast): the fast variants for 4- and 8-byte memory keys and for strings, when the
     * elem is at most 128 bytes; the generic functions otherwise. Sequentially they leave the
     * same states; they differ in the order of their memory accesses, which races see.
     */
    public enum Variant {
        /** mapaccess1, mapassign, mapdelete. */
        GENERIC(""),
        /** mapaccess1_fast32, ...: 4-byte keys without pointers. */
        FAST32("_fast32"),
        /** mapaccess1_fast64, ... (and _fast64ptr): 8-byte keys. */
        FAST64("_fast64"),
        /** mapaccess1_faststr, ...: string keys. */
        FASTSTR("_faststr");

        private final String suffix;

        Variant(String suffix) {
            this.suffix = suffix;
        }

        /** The runtime function's name for a base name, e.g. mapassign -> mapassign_fast64. */
        public String function(String base) {
            return base + suffix;
        }

        /** The fast32/fast64 functions: keys compared as words, with no tophash comparison. */
        boolean word() {
            return this == FAST32 || this == FAST64;
        }
    }

    private MapType(GoType key, GoType elem) {
        this.key = Objects.requireNonNull(key, "key type");
        this.elem = Objects.requireNonNull(elem, "elem type");
        this.indirectKey = key.size() > MAX_INLINE_SIZE;
        this.indirectElem = elem.size() > MAX_INLINE_SIZE;
        this.bucketHasPointers = key.hasPointers() || elem.hasPointers() || indirectKey || indirectElem;
        this.wordKeys = key.javaType() == Long.class && !indirectKey;
        this.wordElems = elem.javaType() == Long.class && !indirectElem;
        this.variant = mapfast(key, elem);
    }

    /** walk.mapfast: by the key's algorithm kind, unless the elem is over 128 bytes. */
    private static Variant mapfast(GoType key, GoType elem) {
        if (elem.size() > MAX_INLINE_SIZE) {
            return Variant.GENERIC;
        }
        if (key == GoType.STRING) {
            return Variant.FASTSTR;
        }
        // AMEM32 / AMEM64: plain memory of that size (float keys have their own algorithm).
        boolean memory = key.reflexive() && key != GoType.FLOAT64;
        if (memory && key.size() == 4 && !key.hasPointers()) {
            return Variant.FAST32;
        }
        if (memory && key.size() == 8) {
            return Variant.FAST64;
        }
        return Variant.GENERIC;
    }

    /** map[key]elem. */
    public static MapType of(GoType key, GoType elem) {
        return new MapType(key, elem);
    }

    /** map[key]elem by Go type names, e.g. {@code of("string", "int")}. */
    public static MapType of(String key, String elem) {
        return new MapType(GoType.named(key), GoType.named(elem));
    }

    public GoType key() { return key; }

    public GoType elem() { return elem; }

    /** t.indirectkey(): the key is over 128 bytes, so the slot holds a pointer. */
    public boolean indirectKey() { return indirectKey; }

    /** t.indirectelem(). */
    public boolean indirectElem() { return indirectElem; }

    /** t.keysize: the bytes of one key slot. */
    public long keySize() { return indirectKey() ? PTR_SIZE : key.size(); }

    /** t.elemsize: the bytes of one elem slot. */
    public long elemSize() { return indirectElem() ? PTR_SIZE : elem.size(); }

    /** t.bucketsize. */
    public long bucketSize() {
        return DATA_OFFSET + BUCKET_CNT * (keySize() + elemSize()) + PTR_SIZE;
    }

    /** Whether the bucket holds pointers (t.bucket.ptrdata != 0); if not, it is "noscan". */
    public boolean bucketHasPointers() {
        return bucketHasPointers;
    }

    /** The runtime functions the compiler picks for this map: generic or a fast variant. */
    public Variant variant() { return variant; }

    /** Whether buckets keep keys as unboxed 64-bit words (8-byte integer keys), not as objects. */
    boolean wordKeys() { return wordKeys; }

    /** Whether buckets keep elems as unboxed 64-bit words. */
    boolean wordElems() { return wordElems; }

    @Override
    public String toString() {
        return "map[" + key + "]" + elem;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapType && ((MapType) o).key.name().equals(key.name())
                && ((MapType) o).elem.name().equals(elem.name());
    }

    @Override
    public int hashCode() {
        return key.name().hashCode() * 31 + elem.name().hashCode();
    }
}
