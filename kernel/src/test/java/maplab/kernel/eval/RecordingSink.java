package maplab.kernel.eval;

import java.util.ArrayList;
import java.util.List;

/** Collects what cells print and display, for assertions. */
final class RecordingSink implements OutputSink {

    final StringBuffer out = new StringBuffer();
    final StringBuffer err = new StringBuffer();
    final List<DisplayOutput> displays = new ArrayList<>();

    @Override
    public void stdout(String text) {
        out.append(text);
    }

    @Override
    public void stderr(String text) {
        err.append(text);
    }

    @Override
    public synchronized void display(DisplayOutput output) {
        displays.add(output);
    }

    synchronized void clear() {
        out.setLength(0);
        err.setLength(0);
        displays.clear();
    }
}
