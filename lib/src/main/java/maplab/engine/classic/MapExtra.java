package maplab.engine.classic;

import java.util.ArrayList;

/**
 * mapextra: the overflow slices that keep a noscan map's overflow buckets alive for the GC
 * (the GC does not scan noscan buckets, so their overflow links do not count), and the next free
 * preallocated overflow bucket.
 */
final class MapExtra {
    /** new(mapextra): its size on amd64. */
    static final long SIZE = 24;

    /** *[]*bmap: overflow buckets of the current array (noscan maps only). */
    ArrayList<Bucket> overflow;
    /** Those of the old array, while growing. */
    ArrayList<Bucket> oldoverflow;
    /** The next free preallocated overflow bucket, or null. */
    Bucket nextOverflow;
}
