package maplab.engine.swiss;

import java.util.Objects;
import maplab.engine.GoType;
import maplab.engine.MapType;

/**
 * The Swiss map type with its group layout ({@code abi.MapType} with the group type the compiler
 * builds in reflectdata.MapGroupType): a group is {@code struct{ ctrl uint64; slots [8]struct{ key
 * K; elem V } }}, laid out by Go's struct rules. A key or elem over 128 bytes is a pointer in its
 * slot. A struct that ends in a zero-size field gets one byte of padding before rounding to its
 * alignment, so {@code map[uint64]struct{}} has 16-byte slots, and a group of zero-size slots is
 * 16 bytes, not 8.
 */
public final class GroupType {

    /** abi.MapGroupSlots. */
    public static final int SLOTS = 8;
    /** The control word before the slots. */
    public static final long CTRL_SIZE = 8;

    private final MapType type;
    private final long elemOff;
    private final long slotSize;
    private final long groupSize;
    // Derived once: the engine asks on every slot access.
    private final boolean indirectKey;
    private final boolean indirectElem;
    private final boolean wordKeys;
    private final boolean wordElems;
    private final boolean groupHasPointers;

    private GroupType(MapType type) {
        this.type = Objects.requireNonNull(type, "map type");
        this.indirectKey = type.indirectKey();
        this.indirectElem = type.indirectElem();
        long keySize = type.keySize();
        long elemSize = type.elemSize();
        long keyAlign = indirectKey ? MapType.PTR_SIZE : type.key().align();
        long elemAlign = indirectElem ? MapType.PTR_SIZE : type.elem().align();
        this.elemOff = alignUp(keySize, elemAlign);
        this.slotSize = structSize(elemOff + elemSize, elemSize == 0, Math.max(keyAlign, elemAlign));
        long slotAlign = Math.max(keyAlign, elemAlign);
        long slotsOff = alignUp(CTRL_SIZE, slotAlign);
        this.groupSize = structSize(slotsOff + SLOTS * slotSize, slotSize == 0, Math.max(CTRL_SIZE, slotAlign));
        this.wordKeys = type.key().javaType() == Long.class && !indirectKey;
        this.wordElems = type.elem().javaType() == Long.class && !indirectElem;
        this.groupHasPointers = type.slotHasPointers();
    }

    /** types.CalcSize of a struct: a trailing zero-size field adds a byte, then round to the alignment. */
    private static long structSize(long end, boolean endsInZeroSize, long align) {
        if (end > 0 && endsInZeroSize) {
            end++;
        }
        return alignUp(end, align);
    }

    private static long alignUp(long n, long a) {
        return (n + a - 1) / a * a;
    }

    /** The group layout of {@code type}. */
    public static GroupType of(MapType type) {
        return new GroupType(type);
    }

    public MapType mapType() { return type; }

    public GoType key() { return type.key(); }

    public GoType elem() { return type.elem(); }

    /** typ.IndirectKey(). */
    public boolean indirectKey() { return indirectKey; }

    /** typ.IndirectElem(). */
    public boolean indirectElem() { return indirectElem; }

    /** typ.ElemOff: the elem's offset within its slot. */
    public long elemOff() { return elemOff; }

    /** typ.SlotSize. */
    public long slotSize() { return slotSize; }

    /** typ.GroupSize: the control word and eight slots. */
    public long groupSize() { return groupSize; }

    /** Whether a group holds pointers the GC scans; if not, groups arrays are "noscan". */
    public boolean groupHasPointers() { return groupHasPointers; }

    /** The runtime functions the compiler picks for this map: generic or a fast variant. */
    public MapType.Variant variant() { return type.variant(); }

    /** Whether groups keep keys as unboxed 64-bit words (8-byte integer keys), not as objects. */
    boolean wordKeys() { return wordKeys; }

    /** Whether groups keep elems as unboxed 64-bit words. */
    boolean wordElems() { return wordElems; }

    @Override
    public String toString() {
        return type.toString();
    }
}
