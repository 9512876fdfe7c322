package maplab.kernel.display;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import maplab.table.Progress;

/**
 * Shows the progress of the model's long runs (an exploration, an experiment) as one line per
 * run below the cell, redrawn in place, instead of a new printed line every two seconds. The
 * cells' JVM installs it as lib's {@link Progress#sink} at start-up.
 */
public final class ProgressDisplay implements Progress.Sink {

    /** The display of each run still going; weak, so a run abandoned by an exception is dropped. */
    private final Map<Progress, DisplayHandle> shown = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void report(Progress run, String line, boolean finished) {
        DisplayHandle h = finished ? shown.remove(run) : shown.get(run);
        if (h == null) {
            h = Display.display(line);
            if (!finished) {
                shown.put(run, h);
            }
        } else {
            Display.updateDisplay(h, line);
        }
    }
}
