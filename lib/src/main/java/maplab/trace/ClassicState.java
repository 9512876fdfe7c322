package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.List;
import maplab.engine.classic.BucketSnapshot;
import maplab.engine.classic.MapSnapshot;
import maplab.engine.classic.MapType;

/** A classic map's state in the trace format: the {@code summary} and {@code after} objects. */
public final class ClassicState {

    private ClassicState() {
    }

    public static JsonObject summary(MapSnapshot s) {
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

    /** An iterator's start as the runtime drew it: {@code {"bucket":b,"offset":o}}. */
    public static JsonObject start(maplab.engine.classic.ClassicIterator it) {
        JsonObject s = new JsonObject();
        s.addProperty("bucket", it.startBucket());
        s.addProperty("offset", it.offset());
        return s;
    }

    public static JsonObject after(MapSnapshot s) {
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
                keys.add(Values.encode(t.key(), b.key(i)));
                elems.add(Values.encode(t.elem(), b.elem(i)));
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
