package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import maplab.engine.GoMap;
import maplab.engine.MapIterator;
import maplab.engine.MapType;

/**
 * Writes a trace of what the model does, in the same format the oracle writes for the real
 * runtime: apply operations through the recorder, and each becomes one line with its summary
 * (and its full state, if asked). A model trace replays against the model; it is also how a
 * notebook can export a run.
 */
public final class TraceRecorder {

    private final GoMap map;
    private final MapType t;
    private final TraceCodec codec;
    private final Writer out;
    private final boolean after;
    private final Map<Long, PausedLoop> iterators = new HashMap<>();
    private long i;

    /**
     * Starts a trace of {@code map}, which must be freshly made (no operation yet) with this
     * {@code hint} (-1 for none). Writes the header and the make line.
     */
    public TraceRecorder(GoMap map, long hint, String workload, boolean after, Writer out) {
        if (map.opIndex() != 0) {
            throw new IllegalArgumentException("record from make: the map has already run " + map.opIndex() + " operations");
        }
        this.map = map;
        this.t = map.type();
        this.codec = TraceCodec.of(map.version().engine());
        if (codec == null) {
            throw new IllegalArgumentException("traces of the " + map.version().engine() + " map are not written yet");
        }
        this.out = out;
        this.after = after;
        JsonObject h = new JsonObject();
        h.addProperty("format", TraceHeader.FORMAT);
        h.addProperty("version", TraceHeader.FORMAT_VERSION);
        h.addProperty("engine", codec.engine());
        // The Go release whose rules the model followed; "producer" says it is the model, not a runtime.
        h.addProperty("go", map.version().toString());
        h.addProperty("producer", "maplab-model");
        h.addProperty("goarch", "amd64");
        h.addProperty("keyType", t.key().name());
        h.addProperty("elemType", t.elem().name());
        h.addProperty("keySize", t.keySize());
        h.addProperty("elemSize", t.elemSize());
        h.addProperty("indirectKey", t.indirectKey());
        h.addProperty("indirectElem", t.indirectElem());
        codec.writeLayout(h, t);
        h.addProperty("workload", workload);
        write(h);
        JsonObject make = line("make");
        make.addProperty("hint", hint);
        finish(make);
    }

    public void set(Object key, Object elem) {
        JsonObject o = keyed("set", key);
        o.add("elem", Values.encode(t.elem(), elem));
        map.set(key, elem);
        finish(o);
    }

    public void delete(Object key) {
        JsonObject o = keyed("delete", key);
        map.delete(key);
        finish(o);
    }

    public void get(Object key) {
        JsonObject o = keyed("get", key);
        o.addProperty("found", map.contains(key));
        finish(o);
    }

    public void clear() {
        JsonObject o = line("clear");
        map.clear();
        finish(o);
    }

    public void iterate() {
        JsonObject o = line("iterate");
        MapIterator it = map.iterate();
        o.add("start", codec.start(it));
        JsonArray order = new JsonArray();
        for (; it.hasEntry(); it.next()) {
            order.add(Values.encode(t.key(), it.key()));
        }
        it.close();
        o.add("order", order);
        finish(o);
    }

    public void iterOpen(long id) {
        JsonObject o = line("iter-open");
        o.addProperty("it", id);
        MapIterator it = map.iterate();
        iterators.put(id, new PausedLoop(it));
        o.add("start", codec.start(it));
        finish(o);
    }

    /**
     * Lets the paused loop {@code id} report up to n keys (see {@link PausedLoop#step}); when the
     * step reaches the end after reporting keys, the line saying so (no keys) follows.
     */
    public void iterNext(long id, int n) {
        PausedLoop loop = iterators.get(id);
        if (loop == null) {
            throw new IllegalArgumentException("iterator " + id + " is not open");
        }
        if (n < 1) {
            throw new IllegalArgumentException("an iter-next step reports at least one key, got n = " + n);
        }
        JsonObject o = line("iter-next");
        o.addProperty("it", id);
        JsonArray keys = new JsonArray();
        boolean wasEnded = loop.ended();
        loop.step(n).forEach(k -> keys.add(Values.encode(t.key(), k)));
        o.add("keys", keys);
        finish(o);
        if (!wasEnded && loop.ended() && !keys.isEmpty()) {
            JsonObject end = line("iter-next");
            end.addProperty("it", id);
            end.add("keys", new JsonArray());
            finish(end);
        }
    }

    public void iterClose(long id) {
        PausedLoop loop = iterators.remove(id);
        if (loop == null) {
            throw new IllegalArgumentException("iterator " + id + " is not open");
        }
        JsonObject o = line("iter-close");
        o.addProperty("it", id);
        loop.iterator().close();
        finish(o);
    }

    public void gc() {
        JsonObject o = line("gc");
        JsonArray freed = new JsonArray();
        map.gc().forEach(freed::add);
        o.add("freed", freed);
        finish(o);
    }

    private JsonObject keyed(String op, Object key) {
        JsonObject o = line(op);
        o.add("key", Values.encode(t.key(), key));
        o.addProperty("hash", Values.hex64(map.hash(key)));
        return o;
    }

    private JsonObject line(String op) {
        JsonObject o = new JsonObject();
        o.addProperty("i", i++);
        o.addProperty("op", op);
        return o;
    }


    private void finish(JsonObject o) {
        var s = map.snapshot();
        o.add("summary", codec.summary(s));
        if (after) {
            o.add("after", codec.after(s));
        }
        write(o);
    }

    private void write(JsonObject o) {
        try {
            out.write(o.toString());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
