package maplab.engine.classic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    void emit(MapEvent e) {
        for (MapListener l : listeners) {
            l.onEvent(e);
        }
    }

    static SlotRef slot(Bucket b, int i) {
        return new SlotRef(b.name(), i);
    }
}
