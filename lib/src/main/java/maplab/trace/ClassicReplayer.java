package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import maplab.engine.classic.ClassicIterator;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapType;

/**
 * Runs a classic trace against the engine: each operation with the hash the runtime computed,
 * each seed and iterator start the runtime drew, then compares the operation's result (found,
 * start, order, keys, freed), the summary, and the full state where the line has one. Stops at
 * the first difference.
 */
public final class ClassicReplayer {

    private final Trace trace;
    private final MapType t;
    private final RecordedHasher hasher = new RecordedHasher();
    private final ScriptedRandom random = new ScriptedRandom();
    private final Map<Long, PausedLoop> iterators = new HashMap<>();
    private ClassicMap map;

    private ClassicReplayer(Trace trace) {
        this.trace = trace;
        this.t = trace.header().type();
    }

    public static ReplayResult replay(Trace trace) {
        return new ClassicReplayer(trace).run();
    }

    private ReplayResult run() {
        List<TraceOp> ops = trace.ops();
        String lastSeed = null;
        for (int n = 0; n < ops.size(); n++) {
            TraceOp op = ops.get(n);
            try {
                String seed = op.summary().get("hash0").getAsString();
                random.reset();
                if (lastSeed == null || Values.hex(op.summary().get("hash0"), "hash0")
                        != Values.hex(new JsonPrimitive(lastSeed), "hash0")) {
                    random.seed(Values.hex(op.summary().get("hash0"), "summary.hash0"));
                }
                lastSeed = seed;
                JsonDiff.Difference d = apply(op);
                if (d == null) {
                    d = JsonDiff.first("summary", op.summary(), ClassicState.summary(map.snapshot()));
                }
                if (d == null && op.after() != null) {
                    d = JsonDiff.first("after", op.after(), ClassicState.after(map.snapshot()));
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
                ClassicMap.Builder b = ClassicMap.builder(t).go(trace.header().goVersion()).hasher(hasher).random(random);
                if (hint >= 0) {
                    b.hint(hint);
                }
                map = b.build();
                return null;
            }
            case "set":
                map.set(key(o), Values.decode(t.elem(), o.get("elem"), "elem"));
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
                queueStart(o);
                ClassicIterator it = map.iterate();
                JsonDiff.Difference d = JsonDiff.first("start", o.get("start"), ClassicState.start(it));
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
                queueStart(o);
                ClassicIterator it = map.iterate();
                iterators.put(id, new PausedLoop(it));
                return JsonDiff.first("start", o.get("start"), ClassicState.start(it));
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
        Object key = Values.decode(t.key(), o.get("key"), "key");
        hasher.record(key, Values.hex(o.get("hash"), "hash"));
        return key;
    }

    /** The runtime's draw for this start: startBucket = r & (2^B-1), offset = (r >> B) & 7. */
    private void queueStart(JsonObject o) {
        JsonObject s = o.getAsJsonObject("start");
        long bucket = s.get("bucket").getAsLong();
        long offset = s.get("offset").getAsLong();
        if (map.len() > 0) {
            random.start(bucket | (offset << map.B()));
        }
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
