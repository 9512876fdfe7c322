package maplab.trace;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first difference between an expected and an actual JSON value, as a path such as
 * {@code after.buckets[3].overflow.tophash[5]}. Objects are compared field by field (a field on
 * one side only is a difference), arrays element by element, and hex strings ("0x...") by value,
 * so "0x00ab" equals "0xab".
 */
public final class JsonDiff {

    /** A difference: where, what the trace says, what the model has. */
    public record Difference(String path, String expected, String actual) {
    }

    private JsonDiff() {
    }

    /** The first difference, or null if the two are equal. */
    public static Difference first(String path, JsonElement expected, JsonElement actual) {
        if (expected == null || actual == null) {
            return expected == actual ? null : new Difference(path, show(expected), show(actual));
        }
        if (expected.isJsonObject() && actual.isJsonObject()) {
            JsonObject e = expected.getAsJsonObject();
            JsonObject a = actual.getAsJsonObject();
            Set<String> fields = new LinkedHashSet<>();
            for (Map.Entry<String, JsonElement> f : e.entrySet()) {
                fields.add(f.getKey());
            }
            for (Map.Entry<String, JsonElement> f : a.entrySet()) {
                fields.add(f.getKey());
            }
            for (String f : fields) {
                Difference d = first(path.isEmpty() ? f : path + "." + f, e.get(f), a.get(f));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isJsonArray() && actual.isJsonArray()) {
            List<JsonElement> e = toList(expected);
            List<JsonElement> a = toList(actual);
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                Difference d = first(path + "[" + i + "]", e.get(i), a.get(i));
                if (d != null) {
                    return d;
                }
            }
            if (e.size() != a.size()) {
                return new Difference(path + ".length", String.valueOf(e.size()), String.valueOf(a.size()));
            }
            return null;
        }
        if (equalPrimitives(expected, actual)) {
            return null;
        }
        return new Difference(path, show(expected), show(actual));
    }

    private static boolean equalPrimitives(JsonElement e, JsonElement a) {
        if (e.equals(a)) {
            return true;
        }
        if (e.isJsonPrimitive() && a.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
                && a.getAsJsonPrimitive().isString()) {
            String x = e.getAsString();
            String y = a.getAsString();
            if (x.startsWith("0x") && y.startsWith("0x")) {
                try {
                    return Long.parseUnsignedLong(x.substring(2), 16) == Long.parseUnsignedLong(y.substring(2), 16);
                } catch (NumberFormatException ignored) {
                    return false;
                }
            }
        }
        return false;
    }

    private static List<JsonElement> toList(JsonElement array) {
        List<JsonElement> out = new ArrayList<>();
        array.getAsJsonArray().forEach(out::add);
        return out;
    }

    private static String show(JsonElement e) {
        if (e == null) {
            return "(absent)";
        }
        String s = e.toString();
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
