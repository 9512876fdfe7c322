package maplab.engine;

import java.util.Objects;

/**
 * A Go map type, {@code map[K]V}, as both engines see it: the key and elem types, whether each is
 * stored indirectly (a key or elem larger than 128 bytes lives in an object of its own and its
 * slot holds an 8-byte pointer, in the classic and the Swiss map alike), and which family of
 * runtime functions the compiler calls for it. The memory layout is each engine's own: the
 * classic bucket ({@code maplab.engine.classic.BucketType}) and the Swiss group
 * ({@code maplab.engine.swiss.GroupType}).
 */
public final class MapType {

    /** maxKeySize / maxElemSize (classic), MapMaxKeyBytes / MapMaxElemBytes (Swiss): larger is indirect. */
    public static final long MAX_INLINE_SIZE = 128;
    /** goarch.PtrSize on amd64: the slot of an indirect key or elem. */
    public static final long PTR_SIZE = 8;

    private final GoType key;
    private final GoType elem;
    private final Variant variant;

    /**
     * Which family of runtime functions the compiler calls for this map type (cmd/compile's
     * walk.mapfast, the same rule from Go 1.19 to 1.26): the fast variants for 4- and 8-byte
     * memory keys and for strings, when the elem is at most 128 bytes; the generic functions
     * otherwise. Sequentially the classic variants leave the same states and differ only in the
     * order of their memory accesses, which races see; the Swiss fast assigns of 1.25+ also prune
     * tombstones, which the generic assign and {@code _fast64ptr} do not.
     */
    public enum Variant {
        /** mapaccess1, mapassign, mapdelete (runtime_mapassign ... for Swiss). */
        GENERIC("", ""),
        /** _fast32: 4-byte keys without pointers. */
        FAST32("_fast32", "_fast32"),
        /** _fast64: 8-byte keys without pointers. */
        FAST64("_fast64", "_fast64"),
        /** Pointer keys: mapassign_fast64ptr, and the _fast64 lookups and deletes. */
        FAST64PTR("_fast64", "_fast64ptr"),
        /** _faststr: string keys. */
        FASTSTR("_faststr", "_faststr");

        private final String suffix;
        private final String assignSuffix;

        Variant(String suffix, String assignSuffix) {
            this.suffix = suffix;
            this.assignSuffix = assignSuffix;
        }

        /** The runtime function's name for a base name, e.g. mapassign -> mapassign_fast64. */
        public String function(String base) {
            return base + (base.equals("mapassign") ? assignSuffix : suffix);
        }

        /** The fast32/fast64 functions: keys compared as words, with no tophash or H2 comparison. */
        public boolean word() {
            return this == FAST32 || this == FAST64 || this == FAST64PTR;
        }
    }

    private MapType(GoType key, GoType elem) {
        this.key = Objects.requireNonNull(key, "key type");
        this.elem = Objects.requireNonNull(elem, "elem type");
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
            return key.hasPointers() ? Variant.FAST64PTR : Variant.FAST64;
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

    /** t.IndirectKey(): the key is over 128 bytes, so the slot holds a pointer. */
    public boolean indirectKey() { return key.size() > MAX_INLINE_SIZE; }

    /** t.IndirectElem(). */
    public boolean indirectElem() { return elem.size() > MAX_INLINE_SIZE; }

    /** The bytes of one key slot: the key, or a pointer to it. */
    public long keySize() { return indirectKey() ? PTR_SIZE : key.size(); }

    /** The bytes of one elem slot. */
    public long elemSize() { return indirectElem() ? PTR_SIZE : elem.size(); }

    /** Whether a slot holds pointers the GC scans: pointerful key or elem, or an indirect one. */
    public boolean slotHasPointers() {
        return key.hasPointers() || elem.hasPointers() || indirectKey() || indirectElem();
    }

    /** The runtime functions the compiler picks for this map: generic or a fast variant. */
    public Variant variant() { return variant; }

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
