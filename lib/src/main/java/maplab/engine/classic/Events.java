package maplab.engine.classic;

import maplab.engine.classic.MapEvent.SlotRef;

/**
 * The listeners of one classic map ({@code h.events}, null while nobody listens), and the events
 * that several runtime functions emit alike.
 */
final class Events extends maplab.engine.Listeners {

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
        return new SlotRef(b, i);
    }
}
