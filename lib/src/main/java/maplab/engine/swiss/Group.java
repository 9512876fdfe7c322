package maplab.engine.swiss;

/**
 * group.go: the control byte of a slot, and what the runtime computes from a group's 8-byte
 * control word. Control byte i belongs to slot i (byte i of the little-endian word): 0x80 empty,
 * 0xFE deleted (a tombstone), 0..127 a full slot's H2. Empty-or-deleted is bit 7 set.
 *
 * <p>A bitset marks slots with 0x80 in their byte, as the runtime's portable code does; on amd64
 * the runtime packs one bit per slot, with the same slots in the same order. The match is exact,
 * as amd64's SIMD match is (the portable SWAR match may report false H2 matches, which amd64 never
 * compares).
 */
final class Group {

    /** ctrlEmpty. */
    static final int CTRL_EMPTY = 0x80;
    /** ctrlDeleted. */
    static final int CTRL_DELETED = 0xFE;

    static final long BITSET_LSB = 0x0101010101010101L;
    static final long BITSET_MSB = 0x8080808080808080L;
    /** bitsetEmpty: a control word of eight empty slots. */
    static final long BITSET_EMPTY = BITSET_LSB * CTRL_EMPTY;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private Group() {
    }

    /** ctrlGroup.get(i). */
    static int get(long ctrls, int i) {
        return (int) (ctrls >>> (8 * i)) & 0xFF;
    }

    /** ctrlGroup.set(i, c). */
    static long set(long ctrls, int i, int c) {
        int shift = 8 * i;
        return (ctrls & ~(0xFFL << shift)) | ((long) c << shift);
    }

    /** ctrlGroup.matchH2(h2): the slots whose control byte is h2 (exactly: a zero byte of ctrls ^ h2). */
    static long matchH2(long ctrls, int h2) {
        long v = ctrls ^ (BITSET_LSB * h2);
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }

    /** ctrlGroup.matchEmpty(): bit 7 set and bit 1 clear. */
    static long matchEmpty(long ctrls) {
        return (ctrls & ~(ctrls << 6)) & BITSET_MSB;
    }

    /** ctrlGroup.matchEmptyOrDeleted(). */
    static long matchEmptyOrDeleted(long ctrls) {
        return ctrls & BITSET_MSB;
    }

    /** ctrlGroup.matchFull(). */
    static long matchFull(long ctrls) {
        return ~ctrls & BITSET_MSB;
    }

    /** ctrlGroup.anyFull(). */
    static boolean anyFull(long ctrls) {
        return matchFull(ctrls) != 0;
    }

    /** bitset.first(): the lowest slot in the set (the set must not be empty). */
    static int first(long b) {
        return Long.numberOfTrailingZeros(b) >>> 3;
    }

    /** bitset.removeFirst(). */
    static long removeFirst(long b) {
        return b & (b - 1);
    }

    /** bitset.removeBelow(i): drops slots 0..i-1. */
    static long removeBelow(long b, int i) {
        return b & ~((1L << (8 * i)) - 1);
    }

    /** bitset.count(). */
    static int count(long b) {
        return Long.bitCount(b);
    }

    /** bitset.lowestSet(): whether slot 0 is in the set. */
    static boolean lowestSet(long b) {
        return (b & 0x80) != 0;
    }

    /** bitset.shiftOutLowest(): slot i+1 becomes slot i. */
    static long shiftOutLowest(long b) {
        return b >>> 8;
    }

    /** h1(hash): the probe sequence's start, hash >> 7. */
    static long h1(long hash) {
        return hash >>> 7;
    }

    /** h2(hash): the low 7 bits, kept in a full slot's control byte. */
    static int h2(long hash) {
        return (int) (hash & 0x7F);
    }
}
