package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Set;
import maplab.engine.GoType;

/**
 * Checks of a full state's shape ({@code after}), shared by both codecs: before a state is
 * compared with the model's, every part must have its fields and types, so that a corrupted
 * state is reported as malformed (exit 2) and not as a difference from the runtime (exit 1).
 */
final class StateShape {

    private StateShape() {
    }

    /** An object with exactly {@code fields} (all present, no other). */
    static JsonObject object(JsonElement e, String path, Set<String> fields) {
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(path + (e == null ? " is missing" : " must be an object"));
        }
        JsonObject o = e.getAsJsonObject();
        TraceReader.only(o, fields, path, Set.of());
        for (String f : fields) {
            if (!o.has(f)) {
                throw new IllegalArgumentException(path + "." + f + " is missing");
            }
        }
        return o;
    }

    /** A list; {@code n} >= 0 requires exactly n elements. */
    static JsonArray array(JsonObject o, String f, String path, int n) {
        JsonElement e = o.get(f);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException(path + "." + f + " must be a list");
        }
        JsonArray a = e.getAsJsonArray();
        if (n >= 0 && a.size() != n) {
            throw new IllegalArgumentException(path + "." + f + " must have " + n + " elements, has " + a.size());
        }
        return a;
    }

    /** A whole number in [min, max]. */
    static long integer(JsonObject o, String f, String path, long min, long max) {
        long v = TraceReader.integer(o, path + "." + f, o.get(f));
        if (v < min || v > max) {
            throw new IllegalArgumentException(path + "." + f + " is " + v + ", outside " + min + ".." + max);
        }
        return v;
    }

    /** A group's or bucket's 8 control or tophash bytes. */
    static void bytes(JsonObject o, String f, String path) {
        JsonArray a = array(o, f, path, 8);
        for (int i = 0; i < 8; i++) {
            TraceReader.integer(o, path + "." + f, a.get(i));
            long v = a.get(i).getAsLong();
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException(path + "." + f + "[" + i + "] is " + v + ", not a byte");
            }
        }
    }

    /** 8 key or elem slots, each null (not live) or a value of type t. */
    static void slots(JsonObject o, String f, String path, GoType t) {
        JsonArray a = array(o, f, path, 8);
        for (int i = 0; i < 8; i++) {
            if (!a.get(i).isJsonNull()) {
                Values.decode(t, a.get(i), path + "." + f + "[" + i + "]");
            }
        }
    }
}
