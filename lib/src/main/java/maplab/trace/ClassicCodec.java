package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.regex.Pattern;
import maplab.engine.GoMap;
import maplab.engine.MapIterator;
import maplab.engine.MapState;
import maplab.engine.MapType;
import maplab.engine.classic.BucketSnapshot;
import maplab.engine.classic.BucketType;
import maplab.engine.classic.ClassicIterator;
import maplab.engine.classic.ClassicMap;
import maplab.engine.classic.MapSnapshot;

/** A classic map in the trace format: bucketSize, the hmap summary, buckets and chains, the start bucket and offset. */
final class ClassicCodec implements TraceCodec {

    static final ClassicCodec INSTANCE = new ClassicCodec();

    /** minTopHash: a tophash from 5 up is a live slot's. */
    private static final int MIN_TOP_HASH = 5;

    private static final Pattern FREED = Pattern.compile("(buckets|overflow)#\\d+");

    private ClassicCodec() {
    }

    @Override
    public String engine() {
        return "classic";
    }

    @Override
    public void checkLayout(JsonObject h, MapType type) {
        long want = BucketType.of(type).bucketSize();
        long got = TraceReader.integer(h, "bucketSize");
        if (got != want) {
            throw new IllegalArgumentException("bucketSize is " + got + " but " + type + " has " + want);
        }
    }

    @Override
    public void writeLayout(JsonObject h, MapType type) {
        h.addProperty("bucketSize", BucketType.of(type).bucketSize());
    }

    private static final java.util.Set<String> SUMMARY = java.util.Set.of("count", "B", "flags", "noverflow",
            "nevacuate", "growing", "sameSizeGrow", "hash0");
    private static final java.util.Set<String> AFTER = java.util.Set.of("buckets", "oldbuckets", "nextOverflowFree");
    private static final java.util.Set<String> BUCKET = java.util.Set.of("tophash", "keys", "elems", "overflow");

    @Override
    public void checkSummary(JsonObject s) {
        StateShape.object(s, "summary", SUMMARY);
        for (String f : new String[] {"count", "flags", "noverflow", "nevacuate"}) {
            StateShape.integer(s, f, "summary", 0, Integer.MAX_VALUE);
        }
        StateShape.integer(s, "B", "summary", 0, TraceLimits.MAX_CLASSIC_B);
        TraceReader.bool(s, "growing");
        TraceReader.bool(s, "sameSizeGrow");
        Values.hex(s.get("hash0"), "summary.hash0");
    }

    /** {buckets, oldbuckets, nextOverflowFree}; each head a chain of BUCKETs, walked without recursion. */
    @Override
    public void checkAfter(JsonObject a, MapType t) {
        StateShape.object(a, "after", AFTER);
        for (String f : new String[] {"buckets", "oldbuckets"}) {
            if (a.get(f).isJsonNull()) {
                continue;
            }
            JsonArray heads = StateShape.array(a, f, "after", -1);
            for (int j = 0; j < heads.size(); j++) {
                String path = "after." + f + "[" + j + "]";
                JsonElement b = heads.get(j);
                do {
                    JsonObject o = StateShape.object(b, path, BUCKET);
                    StateShape.bytes(o, "tophash", path);
                    StateShape.slots(o, "keys", path, t.key());
                    StateShape.slots(o, "elems", path, t.elem());
                    b = o.get("overflow");
                    path += ".overflow";
                } while (!b.isJsonNull());
            }
        }
        StateShape.integer(a, "nextOverflowFree", "after", 0, Integer.MAX_VALUE);
    }

    @Override
    public void checkStart(JsonObject s) {
        if (TraceReader.integer(s, "bucket") < 0 || TraceReader.integer(s, "offset") < 0
                || TraceReader.integer(s, "offset") > 7) {
            throw new IllegalArgumentException("start: bucket must be >= 0 and offset 0..7");
        }
    }

    @Override
    public Pattern freedIds() {
        return FREED;
    }

    @Override
    public String seedField() {
        return "hash0";
    }

    @Override
    public JsonObject summary(MapState state) {
        MapSnapshot s = (MapSnapshot) state;
        JsonObject o = new JsonObject();
        o.addProperty("count", s.count());
        o.addProperty("B", s.B());
        o.addProperty("flags", s.flags());
        o.addProperty("noverflow", s.noverflow());
        o.addProperty("nevacuate", s.nevacuate());
        o.addProperty("growing", s.growing());
        o.addProperty("sameSizeGrow", s.sameSizeGrow());
        o.addProperty("hash0", Values.hex32(s.hash0()));
        return o;
    }

    /** {@code {"bucket":b,"offset":o}}: it.startBucket and it.offset. */
    @Override
    public JsonObject start(MapIterator iterator) {
        ClassicIterator it = (ClassicIterator) iterator;
        JsonObject s = new JsonObject();
        s.addProperty("bucket", it.startBucket());
        s.addProperty("offset", it.offset());
        return s;
    }

    /** mapiterinit draws one r: startBucket = r & (2^B-1), offset = (r >> B) & 7. */
    @Override
    public void queueStart(ScriptedRandom random, JsonObject start, GoMap map) {
        long bucket = start.get("bucket").getAsLong();
        long offset = start.get("offset").getAsLong();
        if (map.len() > 0) {
            random.start(bucket | (offset << ((ClassicMap) map).B()));
        }
    }

    @Override
    public JsonObject after(MapState state) {
        MapSnapshot s = (MapSnapshot) state;
        JsonObject o = new JsonObject();
        o.add("buckets", s.bucketsAllocated() ? heads(s.type(), s.buckets()) : JsonNull.INSTANCE);
        o.add("oldbuckets", s.growing() ? heads(s.type(), s.oldbuckets()) : JsonNull.INSTANCE);
        o.addProperty("nextOverflowFree", s.nextOverflowFree());
        return o;
    }

    private static JsonArray heads(MapType t, List<BucketSnapshot> heads) {
        JsonArray a = new JsonArray(heads.size());
        for (BucketSnapshot head : heads) {
            a.add(chain(t, head));
        }
        return a;
    }

    /** BUCKET = {tophash, keys, elems, overflow}; built from the chain's end, without deep recursion. */
    private static JsonElement chain(MapType t, BucketSnapshot head) {
        List<BucketSnapshot> chain = head.chain();
        JsonElement next = JsonNull.INSTANCE;
        for (int j = chain.size() - 1; j >= 0; j--) {
            BucketSnapshot b = chain.get(j);
            JsonObject o = new JsonObject();
            JsonArray tophash = new JsonArray(8);
            JsonArray keys = new JsonArray(8);
            JsonArray elems = new JsonArray(8);
            for (int i = 0; i < 8; i++) {
                tophash.add(b.tophash(i));
                boolean live = b.tophash(i) >= MIN_TOP_HASH;
                keys.add(Values.encode(t.key(), b.key(i), live));
                elems.add(Values.encode(t.elem(), b.elem(i), live));
            }
            o.add("tophash", tophash);
            o.add("keys", keys);
            o.add("elems", elems);
            o.add("overflow", next);
            next = o;
        }
        return next;
    }
}
