package maplab.engine.classic;

import maplab.engine.SharedField;

/**
 * The shared memory of a classic map, field by field: what a {@link maplab.engine.StepHook} sees. Header
 * fields are those of {@code hmap} and {@code mapextra}; bucket fields those of {@code bmap}.
 */
public enum Shared implements SharedField {
    COUNT("count"), FLAGS("flags"), B("B"), NOVERFLOW("noverflow"), HASH0("hash0"),
    BUCKETS("buckets"), OLDBUCKETS("oldbuckets"), NEVACUATE("nevacuate"), EXTRA("extra"),
    NEXT_OVERFLOW("extra.nextOverflow"), OVERFLOW_SLICE("extra.overflow"), OLDOVERFLOW("extra.oldoverflow"),
    TOPHASH("tophash"), KEY("key"), ELEM("elem"), OVERFLOW("overflow"),
    /** A bucket's keys, elems and overflow link at once: a memclr. */
    DATA("data");

    private final String goName;

    Shared(String goName) {
        this.goName = goName;
    }

    /** Whether the field lies in a bucket (else in the header). */
    public boolean inBucket() {
        return ordinal() >= TOPHASH.ordinal();
    }

    @Override
    public boolean inHeader() {
        return !inBucket();
    }

    /** The Go name of the field, e.g. {@code flags} or {@code tophash}. */
    @Override
    public String goName() {
        return goName;
    }

    /**
     * The accessed memory as Go would name it: {@code h.flags}, {@code buckets#0[1].tophash[3]},
     * {@code overflow#2.overflow}.
     */
    @Override
    public String describe(Object memory, int slot) {
        if (!inBucket()) {
            return "h." + goName;
        }
        String base = memory instanceof Bucket b ? b.name() : String.valueOf(memory);
        return slot < 0 ? base + "." + goName : base + "." + goName + "[" + slot + "]";
    }
}
