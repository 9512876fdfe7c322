package maplab.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one map, for either engine. An engine keeps this in a field that is null
 * while nobody listens, so that an unobserved map builds no event objects at all.
 *
 * <p>A listener runs in the middle of a map operation (between hashWriting set and cleared, say).
 * What it throws is therefore held until the operation has run to its end and rethrown then
 * ({@link #rethrow}): an exception from a listener must not leave a half-written map behind.
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

    /** The first exception a listener threw during the operation in progress, or null. */
    private Throwable failed;

    public void emit(EngineEvent e) {
        for (MapListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException | Error x) {
                if (failed == null) {
                    failed = x;
                } else if (failed != x) {
                    failed.addSuppressed(x);
                }
            }
        }
    }

    /** Forgets what listeners threw: a new operation starts. */
    public void forget() {
        failed = null;
    }

    /** At the end of an operation: throws what a listener threw during it, the others suppressed in it. */
    public void rethrow() {
        Throwable x = failed;
        if (x != null) {
            failed = null;
            if (x instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) x;
        }
    }
}
