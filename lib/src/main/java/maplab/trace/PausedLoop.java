package maplab.trace;

import java.util.ArrayList;
import java.util.List;
import maplab.engine.MapIterator;

/**
 * A {@code for k := range m} loop held open across other map operations, as a trace's
 * {@code iter-open} / {@code iter-next} lines describe it (docs/trace-format.md, "paused loops").
 *
 * <p>The loop is paused inside the body of the last key it reported: Go runs the iterator's
 * advance ({@code mapiternext}) only when the body ends, so the next key is looked for after
 * whatever the operations in between wrote. Starting the loop finds the first key, which is
 * pending until the first step reports it; every further key costs one advance.
 */
final class PausedLoop {

    private final MapIterator it;
    /** The first key was found by the start and has not been reported yet. */
    private boolean pending = true;
    private boolean ended;

    PausedLoop(MapIterator it) {
        this.it = it;
    }

    MapIterator iterator() {
        return it;
    }

    /** Whether a step has reached the end of the loop. */
    boolean ended() {
        return ended;
    }

    /**
     * One {@code iter-next} of up to {@code n} keys: the pending first key, then one advance per
     * further key, stopping at the end. After it the loop stands on the last key reported; the
     * next key is not looked for yet. Once the end was reached, a step reports nothing.
     */
    List<Object> step(int n) {
        List<Object> keys = new ArrayList<>(n);
        while (keys.size() < n && !ended) {
            if (pending) {
                pending = false;
            } else {
                it.next();
            }
            if (!it.hasEntry()) {
                ended = true;
            } else {
                keys.add(it.key());
            }
        }
        return keys;
    }
}
