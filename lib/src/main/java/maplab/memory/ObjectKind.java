package maplab.memory;

/** What a heap object of a map is, named after the runtime's allocation site (runtime/map.go). */
public enum ObjectKind {
    /** new(hmap) in makemap / makemap_small: 48 bytes. */
    HMAP,
    /** new(mapextra): 24 bytes, allocated for an overflow pool or by createOverflow. */
    MAPEXTRA,
    /** A bucket array from makeBucketArray, or the lazy first bucket (newobject(t.bucket)). */
    BUCKET_ARRAY,
    /** An overflow bucket that newoverflow allocated on its own (newobject(t.bucket)). */
    OVERFLOW_BUCKET,
    /** new([]*bmap) in createOverflow (noscan maps only): the 24-byte slice header. */
    OVERFLOW_SLICE,
    /** A backing array of that slice, allocated by append's growslice. */
    OVERFLOW_SLICE_ARRAY,
    /** newobject(t.key) in mapassign: a key over 128 bytes. */
    INDIRECT_KEY,
    /** newobject(t.elem) in mapassign: an elem over 128 bytes. */
    INDIRECT_ELEM,
}
