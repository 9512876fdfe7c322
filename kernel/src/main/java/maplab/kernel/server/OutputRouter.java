package maplab.kernel.server;

import com.google.gson.JsonObject;
import maplab.kernel.eval.DisplayOutput;
import maplab.kernel.eval.OutputSink;

/**
 * Publishes a cell's output on iopub while the cell runs. Text is batched for a few milliseconds
 * by a flusher thread (a print loop would otherwise send one message per line) and flushed at
 * once when the cell ends, so the reply never waits for the batch timer.
 *
 * <p>Output that arrives after its cell ended (a thread the cell started) goes to the last cell.
 * Each cell may print {@link #limit} characters; past that, text is counted and dropped, and
 * the cell ends with a note saying how much: printing 100 MB must not flood the notebook.
 */
final class OutputRouter implements OutputSink {

    private static final long BATCH_MS = 15;

    private final Replies replies;
    private final long limit;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private JsonObject parent;
    private long printed;
    private long dropped;
    private boolean pending;

    OutputRouter(Replies replies, long limit) {
        this.replies = replies;
        this.limit = limit;
        Thread flusher = new Thread(this::flushLoop, "maplab-output");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Output from now on belongs to the cell of this request. */
    synchronized void startCell(JsonObject parent) {
        flush();
        this.parent = parent;
        printed = 0;
        dropped = 0;
    }

    /** Publishes what the cell printed so far, and the truncation note if any. */
    synchronized void endCell() {
        flush();
        if (dropped > 0) {
            JsonObject c = new JsonObject();
            c.addProperty("name", "stderr");
            c.addProperty("text", "[maplab] output truncated: " + dropped + " more characters were not shown"
                    + " (the limit per cell is " + limit + "; set MAPLAB_OUTPUT_LIMIT to change it)\n");
            replies.publish(parent, "stream", c);
            dropped = 0;
        }
    }

    @Override
    public void stdout(String text) {
        append(out, text);
    }

    @Override
    public void stderr(String text) {
        append(err, text);
    }

    private synchronized void append(StringBuilder stream, String text) {
        if (parent == null) {
            return; // before any cell: the startup's own output, not the user's
        }
        long room = limit - printed;
        if (room <= 0) {
            dropped += text.length();
            return;
        }
        String kept = text.length() <= room ? text : text.substring(0, (int) room);
        dropped += text.length() - kept.length();
        printed += kept.length();
        stream.append(kept);
        if (!pending) {
            pending = true;
            notifyAll();
        }
    }

    @Override
    public synchronized void display(DisplayOutput d) {
        flush();
        JsonObject c = new JsonObject();
        c.add("data", d.data());
        c.add("metadata", d.metadata());
        JsonObject transients = new JsonObject();
        if (d.id() != null) {
            transients.addProperty("display_id", d.id());
        }
        c.add("transient", transients);
        replies.publish(parent, "update".equals(d.kind()) ? "update_display_data" : "display_data", c);
    }

    /** Waits for text, lets a batch gather, publishes it. Waiting, not polling: idle costs nothing. */
    private void flushLoop() {
        while (true) {
            try {
                synchronized (this) {
                    while (!pending) {
                        wait();
                    }
                }
                Thread.sleep(BATCH_MS);
                synchronized (this) {
                    flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("maplab: publishing output failed: " + e);
            }
        }
    }

    private void flush() {
        pending = false;
        publish("stdout", out);
        publish("stderr", err);
    }

    private void publish(String name, StringBuilder text) {
        if (text.length() == 0 || parent == null) {
            return;
        }
        JsonObject c = new JsonObject();
        c.addProperty("name", name);
        c.addProperty("text", text.toString());
        text.setLength(0);
        replies.publish(parent, "stream", c);
    }
}
