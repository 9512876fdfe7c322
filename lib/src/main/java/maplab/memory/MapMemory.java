package maplab.memory;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.LiveAllocations;
import maplab.engine.classic.MapEvent;
import maplab.engine.classic.MapListener;
import maplab.engine.classic.MapType;

/**
 * The heap objects of one map, built from the engine's allocation events, and which of them the
 * collector still reaches ({@link ClassicMap#reachable()}). The hmap and mapextra live as long as
 * the program holds the map; everything else as the engine's reachability says, except the backing
 * arrays of an overflow slice: append drops the old array when it grows (growslice copies), and the
 * current one lives as long as its slice header.
 */
final class MapMemory implements MapListener {

    /** Above this many objects or buckets to scan, reachability is checked only when a cycle starts. */
    private static final long EAGER_CHECK_LIMIT = 1 << 16;

    private final GoHeap heap;
    private final String name;
    private final MapType type;
    private ClassicMap map;
    private boolean released;
    /** Whether an event since the last check may have cut something off. */
    private boolean dirty;

    private final List<HeapObject> arrays = new ArrayList<>();
    /** The bucket count of each array, to keep {@link #liveBuckets}: the work of one reachability scan. */
    private final List<Integer> arrayBuckets = new ArrayList<>();
    private final List<HeapObject> overflow = new ArrayList<>();
    private final List<Slice> slices = new ArrayList<>();
    private final List<HeapObject> indirect = new ArrayList<>();
    /** hmap, mapextra and slice backing arrays, which the engine's reachability does not list. */
    private final List<HeapObject> fixed = new ArrayList<>();
    private long liveBuckets;

    /** One overflow slice: its header, len, cap and current backing array. */
    private static final class Slice {
        final HeapObject header;
        long len;
        long cap;
        HeapObject array;
        int arrays;

        Slice(HeapObject header) {
            this.header = header;
        }
    }

    MapMemory(GoHeap heap, String name, MapType type) {
        this.heap = heap;
        this.name = name;
        this.type = type;
        fixed.add(allocate("hmap", ObjectKind.HMAP, 48, false));
    }

    void bind(ClassicMap m) {
        this.map = m;
    }

    String name() {
        return name;
    }

    ClassicMap map() {
        return map;
    }

    private HeapObject allocate(String id, ObjectKind kind, long size, boolean noscan) {
        HeapObject o = new HeapObject(name + ":" + id, kind, Malloc.footprint(size, noscan, heap.version()),
                heap.opIndex());
        heap.allocated(o);
        return o;
    }

    private boolean noscanBuckets() {
        return !type.bucketHasPointers();
    }

    @Override
    public void onEvent(MapEvent e) {
        if (e instanceof MapEvent.BucketArrayAllocated a) {
            arrays.add(allocate("buckets#" + a.id(), ObjectKind.BUCKET_ARRAY, a.nbuckets() * type.bucketSize(),
                    noscanBuckets()));
            arrayBuckets.add(a.nbuckets());
            liveBuckets += a.nbuckets();
        } else if (e instanceof MapEvent.OverflowTaken o && !o.preallocated()) {
            overflow.add(allocate(o.overflow(), ObjectKind.OVERFLOW_BUCKET, type.bucketSize(), noscanBuckets()));
            liveBuckets++;
        } else if (e instanceof MapEvent.ExtraAllocated) {
            fixed.add(allocate("mapextra", ObjectKind.MAPEXTRA, 24, false));
        } else if (e instanceof MapEvent.OverflowSliceAllocated s) {
            // new([]*bmap): a slice header holds a pointer, so it is a 24-byte scan object.
            slices.add(new Slice(allocate("slice#" + s.slice(), ObjectKind.OVERFLOW_SLICE, 24, false)));
        } else if (e instanceof MapEvent.OverflowSliceAppended a) {
            appended(slices.get(a.slice()), a.len());
        } else if (e instanceof MapEvent.IndirectAllocated i) {
            boolean noscan = !(i.key() ? type.key() : type.elem()).hasPointers();
            indirect.add(allocate((i.key() ? "key#" : "elem#") + i.id(),
                    i.key() ? ObjectKind.INDIRECT_KEY : ObjectKind.INDIRECT_ELEM, i.size(), noscan));
        } else if (e instanceof MapEvent.GrowthFinished || e instanceof MapEvent.Cleared) {
            dirty = true;
        } else if (e instanceof MapEvent.SlotTombstoned && !indirect.isEmpty()) {
            dirty = true;
        } else if (e instanceof MapEvent.BucketEvacuated && !noscanBuckets() && !overflow.isEmpty()) {
            dirty = true; // evacuate unlinks a pointerful old chain
        }
    }

    /** append(*extra.overflow, ovf): growslice when len exceeds cap; the old array is garbage at once. */
    private void appended(Slice s, long len) {
        s.len = len;
        if (len <= s.cap) {
            return;
        }
        long newCap = GrowSlice.grownCap(len, s.cap, heap.version());
        if (s.array != null) {
            s.array.markUnreachable(heap.opIndex());
        }
        s.array = allocate(s.header.id().substring(name.length() + 1) + ".array#" + s.arrays++,
                ObjectKind.OVERFLOW_SLICE_ARRAY, newCap * GrowSlice.PTR_SIZE, false);
        s.cap = newCap;
        fixed.add(s.array);
    }

    /** The program dropped its last reference to the map: every object is unreachable now. */
    void release() {
        released = true;
        dirty = true;
    }

    boolean released() {
        return released;
    }

    /** After an operation: checks reachability now if something may have died and the check is cheap. */
    void afterOperation() {
        long cost = indirect.size() + (type.bucketHasPointers() ? liveBuckets : 0);
        if (dirty && (released || cost <= EAGER_CHECK_LIMIT)) {
            markUnreachable();
        }
    }

    /** Marks what the collector cannot reach now (the mark phase of a cycle, or an eager check). */
    void markUnreachable() {
        dirty = false;
        long op = heap.opIndex();
        if (released) {
            for (List<HeapObject> list : List.of(fixed, arrays, overflow, indirect)) {
                list.forEach(o -> o.markUnreachable(op));
            }
            slices.forEach(s -> s.header.markUnreachable(op));
            return;
        }
        LiveAllocations live = map.reachable();
        for (int k = 0; k < arrays.size(); k++) {
            if (!live.array(k) && !arrays.get(k).isUnreachable()) {
                arrays.get(k).markUnreachable(op);
                liveBuckets -= arrayBuckets.get(k);
            }
        }
        for (int k = 0; k < overflow.size(); k++) {
            if (!live.overflowBucket(k) && !overflow.get(k).isUnreachable()) {
                overflow.get(k).markUnreachable(op);
                liveBuckets--;
            }
        }
        for (int k = 0; k < slices.size(); k++) {
            Slice s = slices.get(k);
            if (!live.slice(k)) {
                s.header.markUnreachable(op);
                if (s.array != null) {
                    s.array.markUnreachable(op);
                }
            }
        }
        for (int k = 0; k < indirect.size(); k++) {
            if (!live.indirectObject(k)) {
                indirect.get(k).markUnreachable(op);
            }
        }
    }
}
