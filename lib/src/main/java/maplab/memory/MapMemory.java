package maplab.memory;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.Allocated;
import maplab.engine.EngineEvent;
import maplab.engine.GoMap;
import maplab.engine.LiveAllocations;
import maplab.engine.MapListener;
import maplab.engine.ObjectKind;
import maplab.engine.ReferencesDropped;

/**
 * The heap objects of one map, whichever engine made it: built from the engine's neutral
 * {@link Allocated} events, and kept or marked unreachable as the engine's reachability says
 * ({@link GoMap#reachable()}), which knows its roots (the header, growth state, open iterators).
 */
final class MapMemory implements MapListener {

    /** Above this much reachability work (see {@link #work}), it is checked only when a cycle starts. */
    private static final long EAGER_CHECK_LIMIT = 1 << 16;

    private final GoHeap heap;
    private final String name;
    private GoMap map;
    private boolean released;
    /** Whether an event since the last check may have cut something off. */
    private boolean dirty;

    /**
     * Every object by kind (ordinal) and number, the engines numbering each kind from 0 without
     * gaps; an entry turns null once the object is found unreachable.
     */
    @SuppressWarnings("unchecked")
    private final List<HeapObject>[] live = new List[ObjectKind.values().length];
    private final boolean scansSlots;
    private long liveCount;
    private long liveBytes;

    MapMemory(GoHeap heap, String name, boolean scansSlots) {
        this.heap = heap;
        this.name = name;
        this.scansSlots = scansSlots;
    }

    void bind(GoMap m) {
        this.map = m;
    }

    String name() {
        return name;
    }

    GoMap map() {
        return map;
    }

    @Override
    public void onEvent(EngineEvent e) {
        if (e instanceof Allocated a) {
            HeapObject o = new HeapObject(name + ":" + a.id(), a.kind(),
                    Malloc.footprint(a.size(), a.noscan(), heap.version()), heap.opIndex());
            heap.allocated(o, a.noscan(), Malloc.isLarge(a.size(), a.noscan(), heap.version()));
            List<HeapObject> objects = live[a.kind().ordinal()];
            if (objects == null) {
                objects = live[a.kind().ordinal()] = new ArrayList<>();
            }
            while (objects.size() <= a.number()) {
                objects.add(null);
            }
            objects.set(a.number(), o);
            liveCount++;
            liveBytes += o.bytes();
        } else if (e instanceof ReferencesDropped) {
            dirty = true;
        }
    }

    /** The program dropped its last reference to the map: every object is unreachable now. */
    void release() {
        released = true;
        dirty = true;
    }

    boolean released() {
        return released;
    }

    /**
     * The work of one reachability check: the objects, and for maps whose slots hold pointers the
     * memory the collector scans (a classic map walks every bucket's overflow pointer).
     */
    private long work() {
        return liveCount + (scansSlots ? liveBytes / 64 : 0);
    }

    /** After an operation: checks reachability now if something may have died and the check is cheap. */
    void afterOperation() {
        if (dirty && (released || work() <= EAGER_CHECK_LIMIT)) {
            markUnreachable();
        }
    }

    /** Marks what the collector cannot reach now (the mark phase of a cycle, or an eager check). */
    void markUnreachable() {
        dirty = false;
        long op = heap.opIndex();
        LiveAllocations reached = released ? new LiveAllocations() : map.reachable();
        for (ObjectKind kind : ObjectKind.values()) {
            List<HeapObject> objects = live[kind.ordinal()];
            for (int k = 0; objects != null && k < objects.size(); k++) {
                HeapObject o = objects.get(k);
                if (o != null && !reached.contains(kind, k)) {
                    o.markUnreachable(op);
                    objects.set(k, null);
                    liveCount--;
                    liveBytes -= o.bytes();
                }
            }
        }
    }
}
