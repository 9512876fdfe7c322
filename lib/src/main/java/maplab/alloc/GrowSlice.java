package maplab.alloc;

/**
 * The backing arrays of a map's overflow slice ({@code []*bmap}, appended to by newoverflow):
 * append's capacity rule from runtime/slice.go (growslice in Go 1.19; nextslicecap and growslice
 * in 1.20+, the same numbers).
 */
public final class GrowSlice {

    /** goarch.PtrSize: the element is a *bmap. */
    public static final long PTR_SIZE = 8;
    /** growslice's threshold between doubling and growing by about 1.25x. */
    private static final long THRESHOLD = 256;

    private GrowSlice() {
    }

    /**
     * nextslicecap(newLen, oldCap): double below 256, then add (cap + 768) / 4 until newLen fits;
     * a request over twice the old capacity is taken as is. (Go 1.19 writes "/ 4", 1.21 ">> 2".)
     */
    public static long nextCap(long newLen, long oldCap) {
        if (newLen < 0 || oldCap < 0 || newLen <= oldCap) {
            throw new IllegalArgumentException("growslice needs newLen > oldCap >= 0, got newLen " + newLen
                    + ", oldCap " + oldCap);
        }
        long newcap = oldCap;
        long doublecap = newcap + newcap;
        if (newLen > doublecap) {
            return newLen;
        }
        if (oldCap < THRESHOLD) {
            return doublecap;
        }
        while (newcap < newLen) {
            newcap += (newcap + 3 * THRESHOLD) / 4;
        }
        return newcap;
    }

    /**
     * growslice's capmem for pointer-sized elements: roundupsize(newcap * 8), which also raises the
     * capacity to fill the size class. The elements are pointers, so with malloc headers (Go 1.22+)
     * an array over 512 bytes leaves room for its header.
     */
    public static long capBytes(long newcap, boolean mallocHeaders) {
        return SizeClasses.roundupsize(newcap * PTR_SIZE, false, mallocHeaders);
    }

    /** The capacity append gives a []*bmap of capacity {@code oldCap} that must hold {@code newLen}. */
    public static long grownCap(long newLen, long oldCap, boolean mallocHeaders) {
        return capBytes(nextCap(newLen, oldCap), mallocHeaders) / PTR_SIZE;
    }
}
