package maplab.engine.classic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import maplab.engine.EngineEvent;
import maplab.engine.MapListener;
import maplab.engine.classic.MapEvent.SlotRef;

/**
 * The listeners of one map. The engine reaches this only through {@code h.events}, which is null
 * while nobody listens, so that an unobserved map builds no event objects at all.
 */
final class Events {

    private final List<MapListener> listeners = new CopyOnWriteArrayList<>();

    void add(MapListener l) {
        listeners.add(l);
    }

    /** Whether any listener is left. */
    boolean remove(MapListener l) {
        listeners.remove(l);
        return !listeners.isEmpty();
    }

    void emit(EngineEvent e) {
        for (MapListener l : listeners) {
            l.onEvent(e);
        }
    }

    /** new(mapextra): the classic event and the neutral allocation. */
    static void extraAllocated(Hmap h) {
        h.events.emit(new maplab.engine.Allocated(h.op, maplab.engine.ObjectKind.MAPEXTRA, 0, MapExtra.SIZE, false));
        h.events.emit(new MapEvent.ExtraAllocated(h.op));
    }

    /** newobject(t.key) or newobject(t.elem) for an indirect slot: numbered in one sequence. */
    static void indirectAllocated(Hmap h, boolean key) {
        maplab.engine.GoType type = key ? h.t.key() : h.t.elem();
        h.events.emit(new maplab.engine.Allocated(h.op, key ? maplab.engine.ObjectKind.INDIRECT_KEY
                : maplab.engine.ObjectKind.INDIRECT_ELEM, h.nextIndirectId - 1, type.size(), !type.hasPointers()));
        h.events.emit(new MapEvent.IndirectAllocated(h.op, h.nextIndirectId - 1, key, type.size()));
    }

    static SlotRef slot(Bucket b, int i) {
        return new SlotRef(b.name(), i);
    }
}
