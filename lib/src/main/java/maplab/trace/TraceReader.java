package maplab.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import maplab.engine.GoType;
import maplab.engine.GoVersion;
import maplab.engine.MapType;

/**
 * Reads a trace (docs/trace-format.md, version 1, either engine) and checks every line
 * before anything is replayed: a header it does not understand, a newer format version, a line
 * that is not strict JSON or is cut short, a missing, unknown or mistyped field, a number past
 * its range, a key that does not parse, a state of the wrong shape, anything past the
 * {@link TraceLimits}: each is refused with a {@link TraceFormatException} naming the file and
 * line, and nothing is allocated for what a refused line asked.
 */
public final class TraceReader {

    private static final Set<String> OPS =
            Set.of("make", "set", "delete", "get", "clear", "iterate", "iter-open", "iter-next", "iter-close", "gc");

    private TraceReader() {
    }

    public static Trace read(Path file) throws TraceFormatException {
        String source = file.toString();
        // A FIFO would block the open until a writer comes, and a device never ends: only
        // regular files are traces.
        if (!Files.exists(file)) {
            throw new TraceFormatException(source, 0, "cannot read: no such file");
        }
        if (Files.isDirectory(file)) {
            throw new TraceFormatException(source, 0, "is a directory, not a trace file");
        }
        if (!Files.isRegularFile(file)) {
            throw new TraceFormatException(source, 0, "not a regular file (a FIFO, device or socket): replay reads "
                    + "trace files only; save the stream to a file first");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(source, TraceLines.of(source, in));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new TraceFormatException(source, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw new TraceFormatException(source, 0, "cannot read: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new TraceFormatException(source, 0, "cannot read: " + e.getCause().getMessage());
        }
    }

    public static Trace read(String source, Reader reader) throws TraceFormatException, IOException {
        return read(source, TraceLines.of(source, reader));
    }

    private static Trace read(String source, TraceLines in) throws TraceFormatException, IOException {
        String text = in.next();
        if (text == null) {
            throw new TraceFormatException(source, 1, "empty file: a trace starts with its header line");
        }
        TraceHeader header = header(source, object(source, 1, text));
        List<TraceOp> ops = new ArrayList<>();
        while ((text = in.next()) != null) {
            int lineNo = in.lineNo();
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
        JsonElement e;
        try {
            e = StrictJson.parse(text);
        } catch (IllegalArgumentException x) {
            throw new TraceFormatException(source, line, x.getMessage() + ": " + abbreviate(text));
        }
        if (!e.isJsonObject()) {
            throw new TraceFormatException(source, line, "a line must be one JSON object, got " + abbreviate(text));
        }
        return e.getAsJsonObject();
    }

    private static TraceHeader header(String source, JsonObject h) throws TraceFormatException {
        try {
            String format = string(h, "format");
            if (!TraceHeader.FORMAT.equals(format)) {
                throw new IllegalArgumentException("not a MapLab trace: format is '" + format + "'");
            }
            long version = integer(h, "version");
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
            only(h, HEADER_FIELDS, "header", codecFields(h));
            String goarch = string(h, "goarch");
            if (!goarch.equals("amd64")) {
                throw new IllegalArgumentException("goarch '" + goarch + "': the model has amd64 layouts only");
            }
            MapType type = MapType.of(valueType(h, "keyType"), valueType(h, "elemType"));
            expect(integer(h, "keySize"), type.keySize(), "keySize", type);
            expect(integer(h, "elemSize"), type.elemSize(), "elemSize", type);
            codec.checkLayout(h, type);
            if (bool(h, "indirectKey") != type.indirectKey() || bool(h, "indirectElem") != type.indirectElem()) {
                throw new IllegalArgumentException("indirectKey/indirectElem do not match " + type);
            }
            return new TraceHeader((int) version, engine, go, goVersion, goarch, type, string(h, "workload"));
        } catch (IllegalArgumentException | ClassCastException | UnsupportedOperationException e) {
            throw new TraceFormatException(source, 1, "header: " + e.getMessage());
        }
    }

    private static final Set<String> HEADER_FIELDS = Set.of("format", "version", "engine", "go", "goarch",
            "producer", "keyType", "elemType", "keySize", "elemSize", "indirectKey", "indirectElem", "workload");

    /** The layout fields of the header's engine, if it names a known one. */
    private static Set<String> codecFields(JsonObject h) {
        JsonElement e = h.get("engine");
        String engine = e != null && e.isJsonPrimitive() ? e.getAsString() : "";
        return engine.equals("classic") ? Set.of("bucketSize") : engine.equals("swiss")
                ? Set.of("slotSize", "groupSize") : Set.of();
    }

    /** A key or elem type, refused past {@link TraceLimits#MAX_VALUE_BYTES} before any value of it is made. */
    private static GoType valueType(JsonObject h, String field) {
        GoType t = GoType.named(string(h, field));
        if (t.size() > TraceLimits.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(field + " " + t + " is larger than the limit of "
                    + TraceLimits.MAX_VALUE_BYTES + " bytes a key or elem");
        }
        return t;
    }

    /** Refuses a field that is neither in {@code allowed} nor in {@code more}: a misspelt field would go unchecked. */
    static void only(JsonObject o, Set<String> allowed, String where, Set<String> more) {
        for (Map.Entry<String, JsonElement> f : o.entrySet()) {
            if (!allowed.contains(f.getKey()) && !more.contains(f.getKey())) {
                throw new IllegalArgumentException(where + ": unknown field \"" + abbreviate(f.getKey()) + "\"");
            }
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
            only(o, OP_FIELDS.get(op), "op " + op, COMMON_FIELDS);
            fields(o, op, header.type(), codec);
            codec.checkSummary(obj(o, "summary"));
            if (o.has("after")) {
                codec.checkAfter(obj(o, "after"), header.type());
            }
            return new TraceOp(line, i, op, o);
        } catch (IllegalArgumentException | ClassCastException | UnsupportedOperationException
                 | IllegalStateException e) {
            throw new TraceFormatException(source, line, e.getMessage());
        }
    }

    private static final Set<String> COMMON_FIELDS = Set.of("i", "op", "summary", "after");
    private static final Map<String, Set<String>> OP_FIELDS = Map.of(
            "make", Set.of("hint"), "set", Set.of("key", "hash", "elem"), "delete", Set.of("key", "hash"),
            "get", Set.of("key", "hash", "found"), "clear", Set.of(), "iterate", Set.of("start", "order"),
            "iter-open", Set.of("it", "start"), "iter-next", Set.of("it", "keys"), "iter-close", Set.of("it"),
            "gc", Set.of("freed"));

    private static void fields(JsonObject o, String op, MapType t, TraceCodec codec) {
        switch (op) {
            case "make": {
                long hint = integer(o, "hint");
                if (hint < -1) {
                    throw new IllegalArgumentException("hint must be -1 (none) or >= 0");
                }
                if (hint > TraceLimits.MAX_HINT) {
                    throw new IllegalArgumentException("hint " + hint + " is more than the limit of " + TraceLimits.MAX_HINT
                            + " (the largest that keeps a classic map below B = 16)");
                }
                break;
            }
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
                    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                        throw new IllegalArgumentException("freed: every id must be a string, got " + e);
                    }
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

    /**
     * A whole number, exactly: one past 64 bits, or with a fraction, is refused, never wrapped or
     * rounded (a JSON number has no size limit, and {@code 1e100} is whole).
     */
    static long integer(JsonObject o, String f, JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(f + (e == null ? " is missing" : " must be a number, got " + e));
        }
        Number n = e.getAsNumber();
        if (n instanceof Long || n instanceof Integer) {
            return n.longValue();
        }
        BigDecimal d = new BigDecimal(e.getAsString());
        // precision - scale is the count of digits before the point; checked first, so that
        // 1e999999999 is not expanded to a billion digits.
        if (d.signum() != 0 && d.precision() - d.scale() > 19) {
            throw new IllegalArgumentException(f + " " + abbreviate(e.toString()) + " is out of the 64-bit range");
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException x) {
            throw new IllegalArgumentException(f + " must be a whole number in the 64-bit range, got "
                    + abbreviate(e.toString()));
        }
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
