package maplab.engine;

/**
 * What a heap object of a map is, named after the runtime's allocation site: classic
 * (runtime/map.go) or Swiss (internal/runtime/maps). {@link #id(int)} names one object as traces
 * and the heap model do.
 */
public enum ObjectKind {
    /** Classic: new(hmap) in makemap / makemap_small: 48 bytes. */
    HMAP("hmap"),
    /** Classic: new(mapextra): 24 bytes, allocated for an overflow pool or by createOverflow. */
    MAPEXTRA("mapextra"),
    /** Classic: a bucket array from makeBucketArray, or the lazy first bucket (newobject(t.bucket)). */
    BUCKET_ARRAY("buckets#"),
    /** Classic: an overflow bucket that newoverflow allocated on its own (newobject(t.bucket)). */
    OVERFLOW_BUCKET("overflow#"),
    /** Classic: new([]*bmap) in createOverflow (noscan maps only): the 24-byte slice header. */
    OVERFLOW_SLICE("slice#"),
    /** Classic: a backing array of that slice, allocated by append's growslice. */
    OVERFLOW_SLICE_ARRAY("slicearray#"),
    /** Swiss: new(Map) in NewMap / NewEmptyMap: 48 bytes. */
    MAP("map"),
    /** Swiss: a directory, the array of *table of 2^globalDepth entries. */
    DIRECTORY("directory#"),
    /** Swiss: a table header (newTable): 32 bytes. */
    TABLE("table#"),
    /** Swiss: a groups array (newGroups), or a small map's single group (growToSmall). */
    GROUPS("groups#"),
    /** newobject(t.key) at an insert: a key over 128 bytes (both engines). */
    INDIRECT_KEY("key#"),
    /** newobject(t.elem) at an insert: an elem over 128 bytes (both engines). */
    INDIRECT_ELEM("elem#");

    private final String prefix;

    ObjectKind(String prefix) {
        this.prefix = prefix;
    }

    /** Whether objects of this kind are numbered (all but the one-per-map headers). */
    public boolean numbered() {
        return prefix.endsWith("#");
    }

    /** The id of the k-th object of this kind: {@code buckets#3}, or {@code hmap} for a header. */
    public String id(int k) {
        return numbered() ? prefix + k : prefix;
    }
}
