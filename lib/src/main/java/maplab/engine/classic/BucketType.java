package maplab.engine.classic;

import java.util.Objects;
import maplab.engine.GoType;
import maplab.engine.MapType;

/**
 * The classic map type with its bucket layout ({@code maptype} and the bucket type the compiler
 * builds in reflectdata.MapBucketType): tophash [8]uint8, keys [8]K, elems [8]V and an overflow
 * pointer, 16 + 8*(keySlot + elemSlot) bytes on amd64, never padded because every array length
 * is a multiple of 8 bytes. The engine's functions read it as {@code t}, as the runtime's do.
 */
public final class BucketType {

    /** bucketCnt. */
    public static final int BUCKET_CNT = 8;
    /** dataOffset: the keys start after the 8 tophash bytes. */
    public static final long DATA_OFFSET = 8;

    private final MapType type;
    // Derived once: the engine asks on every slot access.
    private final boolean indirectKey;
    private final boolean indirectElem;
    private final boolean bucketHasPointers;
    private final boolean wordKeys;
    private final boolean wordElems;
    private final MapType.Variant variant;

    private BucketType(MapType type) {
        this.type = Objects.requireNonNull(type, "map type");
        this.indirectKey = type.indirectKey();
        this.indirectElem = type.indirectElem();
        this.bucketHasPointers = type.slotHasPointers();
        this.wordKeys = type.key().javaType() == Long.class && !indirectKey;
        this.wordElems = type.elem().javaType() == Long.class && !indirectElem;
        this.variant = type.variant();
    }

    /** The bucket layout of {@code type}. */
    public static BucketType of(MapType type) {
        return new BucketType(type);
    }

    /** The map type this layout is of. */
    public MapType mapType() { return type; }

    public GoType key() { return type.key(); }

    public GoType elem() { return type.elem(); }

    /** t.indirectkey(). */
    public boolean indirectKey() { return indirectKey; }

    /** t.indirectelem(). */
    public boolean indirectElem() { return indirectElem; }

    /** t.keysize: the bytes of one key slot. */
    public long keySize() { return type.keySize(); }

    /** t.elemsize: the bytes of one elem slot. */
    public long elemSize() { return type.elemSize(); }

    /** t.bucketsize. */
    public long bucketSize() {
        return DATA_OFFSET + BUCKET_CNT * (keySize() + elemSize()) + MapType.PTR_SIZE;
    }

    /** Whether the bucket holds pointers (t.bucket.ptrdata != 0); if not, it is "noscan". */
    public boolean bucketHasPointers() { return bucketHasPointers; }

    /** The runtime functions the compiler picks for this map: generic or a fast variant. */
    public MapType.Variant variant() { return variant; }

    /** Whether buckets keep keys as unboxed 64-bit words (8-byte integer keys), not as objects. */
    boolean wordKeys() { return wordKeys; }

    /** Whether buckets keep elems as unboxed 64-bit words. */
    boolean wordElems() { return wordElems; }

    @Override
    public String toString() {
        return type.toString();
    }
}
