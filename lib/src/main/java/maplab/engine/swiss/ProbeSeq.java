package maplab.engine.swiss;

/**
 * probeSeq (table.go): the groups of a table a probe visits, p(0) = H1 & mask and
 * p(i) = p(i-1) + i: the triangular numbers, which visit every group exactly once because the
 * group count is a power of two. Also the split of a hash into H1 (where the probe starts) and
 * H2 (the control byte of a full slot), for tools that show where a key lives.
 */
public final class ProbeSeq {

    private final long mask;
    private long offset;
    private long index;

    /** makeProbeSeq(h1, mask): starts at group h1 & mask of a table of mask+1 groups. */
    public ProbeSeq(long h1, long mask) {
        this.mask = mask;
        this.offset = h1 & mask;
    }

    /** The group the probe looks at now. */
    public int offset() {
        return (int) offset;
    }

    /** s.next(). */
    public void next() {
        index++;
        offset = (offset + index) & mask;
    }

    /** h1(hash): hash >> 7, the probe's start. */
    public static long h1(long hash) {
        return Group.h1(hash);
    }

    /** h2(hash): the low 7 bits, a full slot's control byte. */
    public static int h2(long hash) {
        return Group.h2(hash);
    }

    /** How many groups a probe for {@code hash} passes before group {@code g} of a table of {@code groups} groups. */
    public static int distance(long hash, int groups, int g) {
        ProbeSeq seq = new ProbeSeq(h1(hash), groups - 1);
        int d = 0;
        while (seq.offset() != g) {
            seq.next();
            d++;
        }
        return d;
    }
}
