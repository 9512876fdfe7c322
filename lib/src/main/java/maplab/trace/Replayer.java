package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.MapIterator;
import maplab.engine.MapType;

/**
 * Runs a trace of either engine against the model: each operation with the hash the runtime
 * computed, each seed and iterator start the runtime drew, then compares the operation's result
 * (found, start, order, keys, freed), the summary, and the full state where the line has one.
 * Stops at the first difference. What differs between the engines is the trace's
 * {@link TraceCodec}; the operations go through the {@link GoMap} seam.
 */
public final class Replayer {

    private final Trace trace;
    private final MapType t;
    private final TraceCodec codec;
    private final RecordedHasher hasher = new RecordedHasher();
    private final ScriptedRandom random = new ScriptedRandom();
    private final Map<Long, PausedLoop> iterators = new HashMap<>();
    private final Values.Pointers pointers = new Values.Pointers();
    private GoMap map;

    private Replayer(Trace trace) {
        this.trace = trace;
        this.t = trace.header().type();
        this.codec = TraceCodec.of(trace.header().engine());
    }

    public static ReplayResult replay(Trace trace) {
        return new Replayer(trace).run();
    }

    private ReplayResult run() {
        List<TraceOp> ops = trace.ops();
        long lastSeed = 0;
        for (int n = 0; n < ops.size(); n++) {
            TraceOp op = ops.get(n);
            try {
                // Each new seed is handed to the model when the runtime drew it: at the operation
                // whose summary first shows it.
                long seed = Values.hex(op.summary().get(codec.seedField()), "summary." + codec.seedField());
                random.reset();
                if (n == 0 || seed != lastSeed) {
                    random.seed(seed);
                }
                lastSeed = seed;
                JsonDiff.Difference d = apply(op);
                if (d == null) {
                    d = JsonDiff.first("summary", op.summary(), codec.summary(map.snapshot()));
                }
                if (d == null && op.after() != null) {
                    d = JsonDiff.first("after", op.after(), codec.after(map.snapshot()));
                }
                if (d != null) {
                    return fail(n, op, d.path(), d.expected(), d.actual());
                }
            } catch (ReplayDivergence e) {
                return fail(n, op, e.path, e.expected, e.actual);
            } catch (RuntimeException e) {
                return fail(n, op, "(model)", "the operation to run", "the model threw " + e);
            }
        }
        return new ReplayResult(trace.name(), ops.size(), ops.size(), null);
    }

    private ReplayResult fail(int n, TraceOp op, String path, String expected, String actual) {
        return new ReplayResult(trace.name(), n, trace.ops().size(),
                new ReplayResult.Failure(op.i(), op.line(), path, expected, actual));
    }

    /** Applies one operation; returns the first difference in its own result fields, or null. */
    private JsonDiff.Difference apply(TraceOp op) {
        JsonObject o = op.json();
        switch (op.op()) {
            case "make": {
                long hint = TraceReader.integer(o, "hint");
                GoMaps.Builder b = GoMaps.builder(t).go(trace.header().goVersion()).hasher(hasher).random(random);
                if (hint >= 0) {
                    b.hint(hint);
                }
                map = b.build();
                return null;
            }
            case "set":
                map.set(key(o), pointers.intern(Values.decode(t.elem(), o.get("elem"), "elem")));
                return null;
            case "delete":
                map.delete(key(o));
                return null;
            case "get": {
                boolean found = map.contains(key(o));
                return JsonDiff.first("found", o.get("found"), new JsonPrimitive(found));
            }
            case "clear":
                map.clear();
                return null;
            case "iterate": {
                codec.queueStart(random, o.getAsJsonObject("start"), map);
                MapIterator it = map.iterate();
                JsonDiff.Difference d = JsonDiff.first("start", o.get("start"), codec.start(it));
                JsonArray order = new JsonArray();
                for (; it.hasEntry(); it.next()) {
                    order.add(Values.encode(t.key(), it.key()));
                }
                it.close();
                return d != null ? d : JsonDiff.first("order", o.get("order"), order);
            }
            case "iter-open": {
                long id = TraceReader.integer(o, "it");
                if (iterators.containsKey(id)) {
                    throw new ReplayDivergence("it", "a new iterator number", "iterator " + id + " is already open");
                }
                codec.queueStart(random, o.getAsJsonObject("start"), map);
                MapIterator it = map.iterate();
                iterators.put(id, new PausedLoop(it));
                return JsonDiff.first("start", o.get("start"), codec.start(it));
            }
            case "iter-next": {
                JsonArray expected = o.getAsJsonArray("keys");
                // An empty list says the loop ended: one advance must find the end.
                List<Object> keys = loop(o).step(Math.max(1, expected.size()));
                JsonArray actual = new JsonArray();
                keys.forEach(k -> actual.add(Values.encode(t.key(), k)));
                return JsonDiff.first("keys", expected, actual);
            }
            case "iter-close":
                loop(o).iterator().close();
                iterators.remove(TraceReader.integer(o, "it"));
                return null;
            case "gc": {
                JsonArray freed = new JsonArray();
                map.gc().forEach(freed::add);
                return JsonDiff.first("freed", o.get("freed"), freed);
            }
            default:
                throw new IllegalStateException("unknown op " + op.op());
        }
    }

    private Object key(JsonObject o) {
        Object key = pointers.intern(Values.decode(t.key(), o.get("key"), "key"));
        hasher.record(key, Values.hex(o.get("hash"), "hash"));
        return key;
    }

    private PausedLoop loop(JsonObject o) {
        long id = TraceReader.integer(o, "it");
        PausedLoop it = iterators.get(id);
        if (it == null) {
            throw new ReplayDivergence("it", "an open iterator", "iterator " + id + " was never opened or is closed");
        }
        return it;
    }
}
