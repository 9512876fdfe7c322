package maplab.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one map, for either engine. An engine keeps this in a field that is null
 * while nobody listens, so that an unobserved map builds no event objects at all.
 */
public class Listeners {

    private final List<MapListener> listeners = new CopyOnWriteArrayList<>();

    public void add(MapListener l) {
        listeners.add(l);
    }

    /** Whether any listener is left. */
    public boolean remove(MapListener l) {
        listeners.remove(l);
        return !listeners.isEmpty();
    }

    public void emit(EngineEvent e) {
        for (MapListener l : listeners) {
            l.onEvent(e);
        }
    }
}
