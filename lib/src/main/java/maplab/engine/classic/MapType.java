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

    private MapType(GoType key, GoType elem) {
        this.key = Objects.requireNonNull(key, "key type");
        this.elem = Objects.requireNonNull(elem, "elem type");
        this.indirectKey = key.size() > MAX_INLINE_SIZE;
        this.indirectElem = elem.size() > MAX_INLINE_SIZE;
        this.bucketHasPointers = key.hasPointers() || elem.hasPointers() || indirectKey || indirectElem;
        this.wordKeys = key.javaType() == Long.class && !indirectKey;
        this.wordElems = elem.javaType() == Long.class && !indirectElem;
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
