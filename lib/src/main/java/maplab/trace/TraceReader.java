package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.MapType;

/**
 * Reads a trace (docs/trace-format.md, version 1, either engine) and checks every line
 * before anything is replayed: a header it does not understand, a newer format version, a line
 * that is not JSON or is cut short, a missing or mistyped field, a key that does not parse: each
 * is refused with a {@link TraceFormatException} naming the file and line.
 */
public final class TraceReader {

    private static final Set<String> OPS =
            Set.of("make", "set", "delete", "get", "clear", "iterate", "iter-open", "iter-next", "iter-close", "gc");

    private TraceReader() {
    }

    public static Trace read(Path file) throws TraceFormatException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TraceFormatException(file.toString(), 0, "cannot read: no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new TraceFormatException(file.toString(), 0, "cannot read: not UTF-8 text");
        } catch (IOException e) {
            throw new TraceFormatException(file.toString(), 0, "cannot read: " + e);
        } catch (java.io.UncheckedIOException e) {
            throw new TraceFormatException(file.toString(), 0, "cannot read: " + e.getCause().getMessage());
        }
    }

    public static Trace read(String source, Reader reader) throws TraceFormatException, IOException {
        BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        String text = in.readLine();
        if (text == null) {
            throw new TraceFormatException(source, 1, "empty file: a trace starts with its header line");
        }
        TraceHeader header = header(source, object(source, 1, text));
        List<TraceOp> ops = new ArrayList<>();
        int lineNo = 1;
        while ((text = in.readLine()) != null) {
            lineNo++;
            if (text.isBlank()) {
                throw new TraceFormatException(source, lineNo, "blank line inside the trace");
            }
            ops.add(op(source, lineNo, object(source, lineNo, text), header, ops.size()));
        }
        if (ops.isEmpty()) {
            throw new TraceFormatException(source, 1, "the trace has a header but no operations");
        }
        return new Trace(source, header, List.copyOf(ops));
    }

    private static JsonObject object(String source, int line, String text) throws TraceFormatException {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new TraceFormatException(source, line, "a line must be one JSON object, got " + abbreviate(text));
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new TraceFormatException(source, line, "not valid JSON (truncated line?): " + abbreviate(text));
        }
    }

    private static TraceHeader header(String source, JsonObject h) throws TraceFormatException {
        try {
            String format = string(h, "format");
            if (!TraceHeader.FORMAT.equals(format)) {
                throw new IllegalArgumentException("not a MapLab trace: format is '" + format + "'");
            }
            int version = (int) Math.min(Integer.MAX_VALUE, integer(h, "version"));
            if (version > TraceHeader.FORMAT_VERSION) {
                throw new IllegalArgumentException("format version " + version + " is newer than this reader ("
                        + TraceHeader.FORMAT_VERSION + "); update MapLab");
            }
            if (version < 1) {
                throw new IllegalArgumentException("format version " + version + " does not exist");
            }
            String engine = string(h, "engine");
            TraceCodec codec = TraceCodec.of(engine);
            if (codec == null) {
                throw new IllegalArgumentException("unknown engine '" + engine + "': use classic or swiss");
            }
            String go = string(h, "go");
            GoVersion goVersion = GoVersion.parse(go);
            if (!goVersion.engine().name().equalsIgnoreCase(engine)) {
                throw new IllegalArgumentException("engine '" + engine + "' but Go " + goVersion.release()
                        + " has the " + goVersion.engine().name().toLowerCase(java.util.Locale.ROOT) + " map");
            }
            String goarch = string(h, "goarch");
            if (!goarch.equals("amd64")) {
                throw new IllegalArgumentException("goarch '" + goarch + "': the model has amd64 layouts only");
            }
            MapType type = MapType.of(GoType.named(string(h, "keyType")), GoType.named(string(h, "elemType")));
            expect(integer(h, "keySize"), type.keySize(), "keySize", type);
            expect(integer(h, "elemSize"), type.elemSize(), "elemSize", type);
            codec.checkLayout(h, type);
            if (bool(h, "indirectKey") != type.indirectKey() || bool(h, "indirectElem") != type.indirectElem()) {
                throw new IllegalArgumentException("indirectKey/indirectElem do not match " + type);
            }
            return new TraceHeader(version, engine, go, goVersion, goarch, type, string(h, "workload"));
        } catch (IllegalArgumentException | ClassCastException | UnsupportedOperationException e) {
            throw new TraceFormatException(source, 1, "header: " + e.getMessage());
        }
    }

    private static void expect(long got, long want, String field, MapType type) {
        if (got != want) {
            throw new IllegalArgumentException(field + " is " + got + " but " + type + " has " + want);
        }
    }

    private static TraceOp op(String source, int line, JsonObject o, TraceHeader header, int index)
            throws TraceFormatException {
        try {
            long i = integer(o, "i");
            if (i != index) {
                throw new IllegalArgumentException("operation index i=" + i + ", expected " + index);
            }
            String op = string(o, "op");
            if (!OPS.contains(op)) {
                throw new IllegalArgumentException("unknown op '" + op + "'");
            }
            if ((index == 0) != op.equals("make")) {
                throw new IllegalArgumentException(index == 0 ? "the first operation must be make, got " + op
                        : "make may only be the first operation");
            }
            TraceCodec codec = TraceCodec.of(header.engine());
            fields(o, op, header.type(), codec);
            codec.checkSummary(obj(o, "summary"));
            if (o.has("after") && !o.get("after").isJsonNull() && !o.get("after").isJsonObject()) {
                throw new IllegalArgumentException("after must be an object");
            }
            return new TraceOp(line, i, op, o);
        } catch (IllegalArgumentException | ClassCastException | UnsupportedOperationException
                 | IllegalStateException e) {
            throw new TraceFormatException(source, line, e.getMessage());
        }
    }

    private static void fields(JsonObject o, String op, MapType t, TraceCodec codec) {
        switch (op) {
            case "make":
                if (integer(o, "hint") < -1) {
                    throw new IllegalArgumentException("hint must be -1 (none) or >= 0");
                }
                break;
            case "set":
                Values.decode(t.key(), o.get("key"), "key");
                Values.hex(o.get("hash"), "hash");
                Values.decode(t.elem(), o.get("elem"), "elem");
                break;
            case "delete":
                Values.decode(t.key(), o.get("key"), "key");
                Values.hex(o.get("hash"), "hash");
                break;
            case "get":
                Values.decode(t.key(), o.get("key"), "key");
                Values.hex(o.get("hash"), "hash");
                bool(o, "found");
                break;
            case "iterate":
                codec.checkStart(obj(o, "start"));
                keys(o, "order", t);
                break;
            case "iter-open":
                integer(o, "it");
                codec.checkStart(obj(o, "start"));
                break;
            case "iter-next":
                integer(o, "it");
                keys(o, "keys", t);
                break;
            case "iter-close":
                integer(o, "it");
                break;
            case "gc":
                for (JsonElement e : array(o, "freed")) {
                    String id = e.getAsString();
                    if (!codec.freedIds().matcher(id).matches()) {
                        throw new IllegalArgumentException("freed: '" + id + "' is not an allocation id of the "
                                + codec.engine() + " map (" + codec.freedIds() + ")");
                    }
                }
                break;
            default:
                break; // clear has no fields
        }
    }

    private static void keys(JsonObject o, String field, MapType t) {
        JsonArray a = array(o, field);
        for (int j = 0; j < a.size(); j++) {
            Values.decode(t.key(), a.get(j), field + "[" + j + "]");
        }
    }

    static String string(JsonObject o, String f) {
        JsonElement e = o.get(f);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(f + (e == null ? " is missing" : " must be a string, got " + e));
        }
        return e.getAsString();
    }

    static long integer(JsonObject o, String f) {
        return integer(o, f, o.get(f));
    }

    static long integer(JsonObject o, String f, JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(f + (e == null ? " is missing" : " must be a number, got " + e));
        }
        double d = e.getAsDouble();
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(f + " must be a whole number, got " + e);
        }
        return e.getAsLong();
    }

    static boolean bool(JsonObject o, String f) {
        JsonElement e = o.get(f);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(f + (e == null ? " is missing" : " must be true or false, got " + e));
        }
        return e.getAsBoolean();
    }

    static JsonObject obj(JsonObject o, String f) {
        JsonElement e = o.get(f);
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(f + (e == null ? " is missing" : " must be an object, got " + e));
        }
        return e.getAsJsonObject();
    }

    static JsonArray array(JsonObject o, String f) {
        JsonElement e = o.get(f);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException(f + (e == null ? " is missing" : " must be a list, got " + e));
        }
        return e.getAsJsonArray();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
