package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

/**
 * One line of a trace as strict JSON (RFC 8259): Gson's {@link JsonReader} in
 * {@link Strictness#STRICT} (no single quotes, unquoted names, comments, {@code ;} or {@code =>}
 * separators, NaN, or trailing text), and two rules Gson does not have: at most
 * {@link TraceLimits#MAX_DEPTH} nested arrays and objects, and no name twice in one object (a
 * line that says two things about one field has no meaning). Gson's own {@code JsonParser}
 * cannot be used: its {@code parseReader} makes the reader lenient.
 *
 * <p>Whole numbers that fit a long are kept as longs; other numbers as {@link BigDecimal}, exact,
 * so that a number past 64 bits is seen as one and never wraps.
 */
final class StrictJson {

    private StrictJson() {
    }

    /** The line's value; IllegalArgumentException naming what is wrong. */
    static JsonElement parse(String text) {
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            JsonElement e = value(r, 1);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("not valid JSON: text after the JSON value");
            }
            return e;
        } catch (MalformedJsonException | java.io.EOFException e) {
            throw new IllegalArgumentException("not valid JSON (truncated line?): " + reason(e));
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("not valid JSON: " + reason(e));
        }
    }

    private static JsonElement value(JsonReader r, int depth) throws IOException {
        switch (r.peek()) {
            case BEGIN_ARRAY: {
                nest(depth);
                JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(value(r, depth + 1));
                }
                r.endArray();
                return a;
            }
            case BEGIN_OBJECT: {
                nest(depth);
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    if (o.has(name)) {
                        throw new IllegalArgumentException("the name \"" + abbreviate(name) + "\" appears twice in one object");
                    }
                    o.add(name, value(r, depth + 1));
                }
                r.endObject();
                return o;
            }
            case STRING:
                return new JsonPrimitive(r.nextString());
            case NUMBER:
                return number(r.nextString());
            case BOOLEAN:
                return new JsonPrimitive(r.nextBoolean());
            case NULL:
                r.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new IllegalStateException("unexpected " + r.peek() + " at " + r.getPath());
        }
    }

    private static void nest(int depth) {
        if (depth > TraceLimits.MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than the limit of " + TraceLimits.MAX_DEPTH
                    + " arrays and objects");
        }
    }

    private static JsonPrimitive number(String literal) {
        if (literal.length() <= 18 && literal.matches("-?\\d+")) {
            return new JsonPrimitive(Long.parseLong(literal));
        }
        return new JsonPrimitive(new BigDecimal(literal));
    }

    private static String reason(Exception e) {
        String m = String.valueOf(e.getMessage());
        // Gson appends a link to its troubleshooting guide; the position is what helps here.
        int see = m.indexOf("\nSee ");
        return see < 0 ? m : m.substring(0, see);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
