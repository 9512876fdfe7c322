package maplab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input for {@code ./maplab replay}, generated: mutations of the golden traces of every
 * release (a 40-line prefix of each, itself a valid trace that must PASS), in classes, each with
 * the outcome the rules demand: exit 2 naming the file and the mutated line for anything
 * unreadable or malformed; exit 1 with a FAIL line at the mutated line for a well-formed change
 * of what the runtime did; exit 0 only where the meaning is kept (CRLF line ends). Every run is
 * in-process with a time limit and no stack trace ({@link ReplayRun}). Prints the count per class.
 * The mutations are drawn from a fixed seed, so a failure reproduces.
 */
class GeneratedBadInputTest {

    private static final int PREFIX = 40;
    private static final int BASES_PER_RELEASE = 4;

    @TempDir
    Path dir;

    private final Random rnd = new Random(19);
    private final Map<String, Integer> counts = new TreeMap<>();
    private int n;

    @Test
    void everyMutationGetsTheOutcomeTheRulesDemand() throws Exception {
        for (List<String> base : bases()) {
            check("baseline (valid prefix)", base, 0, 0);
            for (int j = 0; j < 2; j++) {
                truncate(base);
                flip(base, (byte) 0x01, "flipped byte (control)");
                wrongType(base);
                hugeNumber(base);
            }
            flip(base, (byte) 0xff, "flipped byte (not UTF-8)");
            flip(base, (byte) '\'', "flipped byte (quote)");
            lenient(base);
            deepNesting(base);
            semantic(base);
            crlf(base);
        }
        List<String> header = bases().get(0);
        for (String type : new String[] {"[1025]byte", "[1073741824]byte", "[2000000000]byte", "[9999999999]byte"}) {
            for (String f : new String[] {"keyType", "elemType"}) {
                JsonObject h = obj(header.get(0));
                h.addProperty(f, type);
                expect2("huge type", withLine(header, 1, h.toString()), 1);
            }
        }
        for (List<String> base : bases().subList(0, 8)) {
            for (String hint : new String[] {"212993", "300000000", "500000000", "4611686018427387904", "1e30"}) {
                expect2("huge hint", withLine(base, 2, base.get(1).replaceFirst("\"hint\":-?\\d+", "\"hint\":" + hint)), 2);
            }
            byte[] text = bytes(base);
            expect2("BOM", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text), 1);
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
                z.write(text);
            }
            expect2("gzip", gz.toByteArray(), 1);
            byte[] binary = new byte[4096];
            rnd.nextBytes(binary);
            expect2("binary", binary, -1);
            expect2("empty or header only", new byte[0], 1);
            expect2("empty or header only", (base.get(0) + "\n").getBytes(StandardCharsets.UTF_8), 1);
        }
        specialFiles();
        StringBuilder sb = new StringBuilder("generated bad input: " + n + " runs\n");
        counts.forEach((k, v) -> sb.append(String.format("  %-34s %4d%n", k, v)));
        System.out.print(sb);
        assertTrue(n >= 300, "at least 300 mutations, got " + n);
    }

    /** 4 traces of each release, their first 40 lines. */
    private List<List<String>> bases() throws Exception {
        Path root = Path.of(GeneratedBadInputTest.class.getResource("/traces").toURI());
        List<List<String>> out = new ArrayList<>();
        try (Stream<Path> releases = Files.list(root)) {
            for (Path r : releases.sorted().toList()) {
                try (Stream<Path> s = Files.list(r)) {
                    for (Path f : s.sorted().limit(BASES_PER_RELEASE).toList()) {
                        List<String> lines = Files.readAllLines(f);
                        out.add(new ArrayList<>(lines.subList(0, Math.min(PREFIX, lines.size()))));
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ classes

    /** A line cut short anywhere before its last byte; the lines after it gone. */
    private void truncate(List<String> base) throws Exception {
        int k = 1 + rnd.nextInt(base.size());
        String l = base.get(k - 1);
        List<String> t = new ArrayList<>(base.subList(0, k - 1));
        t.add(l.substring(0, 1 + rnd.nextInt(l.length() - 1)));
        expect2("truncated", bytes(t), k);
    }

    private void flip(List<String> base, byte to, String cls) throws Exception {
        int k = 1 + rnd.nextInt(base.size());
        byte[] raw = bytes(base);
        int start = ReplayBadInputTest.indexOfLine(raw, k);
        raw[start + rnd.nextInt(base.get(k - 1).length())] = to;
        if (to == '\'') {
            String l = base.get(k - 1);
            int q = l.indexOf('"', rnd.nextInt(l.length() - 1));
            q = q < 0 ? l.indexOf('"') : q;
            expect2(cls, bytes(withLine(base, k, l.substring(0, q) + "'" + l.substring(q + 1))), k);
            return;
        }
        expect2(cls, raw, k);
    }

    /** A value anywhere on a line replaced by one of another JSON type (never null inside a state, where null can be valid). */
    private void wrongType(List<String> base) throws Exception {
        int k = 1 + rnd.nextInt(base.size());
        JsonObject o = obj(base.get(k - 1));
        List<JsonElement[]> places = new ArrayList<>();
        collect(o, places, false);
        JsonElement[] p = places.get(rnd.nextInt(places.size()));
        JsonElement parent = p[0];
        JsonElement key = p[1];
        JsonElement old = parent.isJsonObject() ? parent.getAsJsonObject().get(key.getAsString())
                : parent.getAsJsonArray().get(key.getAsInt());
        JsonElement v;
        do {
            v = switch (rnd.nextInt(6)) {
                case 0 -> new JsonPrimitive(7);
                case 1 -> new JsonPrimitive("x");
                case 2 -> new JsonPrimitive(true);
                case 3 -> new JsonArray();
                case 4 -> new JsonObject();
                default -> p[2] != null ? new JsonPrimitive(7) : com.google.gson.JsonNull.INSTANCE;
            };
        } while (sameType(old, v));
        if (parent.isJsonObject()) {
            parent.getAsJsonObject().add(key.getAsString(), v);
        } else {
            parent.getAsJsonArray().set(key.getAsInt(), v);
        }
        expect2("wrong type", bytes(withLine(base, k, o.toString())), k);
    }

    /** [parent, key or index, inState] for every value in the tree. */
    private static void collect(JsonElement e, List<JsonElement[]> out, boolean inState) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> f : e.getAsJsonObject().entrySet()) {
                boolean s = inState || f.getKey().equals("after");
                out.add(new JsonElement[] {e, new JsonPrimitive(f.getKey()), s ? JsonPrimitive.class.cast(new JsonPrimitive(1)) : null});
                collect(f.getValue(), out, s);
            }
        } else if (e.isJsonArray()) {
            for (int i = 0; i < e.getAsJsonArray().size(); i++) {
                out.add(new JsonElement[] {e, new JsonPrimitive(i), inState ? new JsonPrimitive(1) : null});
                collect(e.getAsJsonArray().get(i), out, inState);
            }
        }
    }

    private static boolean sameType(JsonElement a, JsonElement b) {
        if (a.isJsonPrimitive() && b.isJsonPrimitive()) {
            JsonPrimitive x = a.getAsJsonPrimitive();
            JsonPrimitive y = b.getAsJsonPrimitive();
            return x.isNumber() == y.isNumber() && x.isString() == y.isString() && x.isBoolean() == y.isBoolean();
        }
        return a.isJsonNull() == b.isJsonNull() && a.isJsonArray() == b.isJsonArray() && a.isJsonObject() == b.isJsonObject()
                && !a.isJsonPrimitive() && !b.isJsonPrimitive();
    }

    /** A whole number past 64 bits, or not whole, in place of a number. */
    private void hugeNumber(List<String> base) throws Exception {
        String[] huge = {"1e100", "18446744073709551616", "-18446744073709551617", "1e999999999", "0.5", "-4294967295"};
        for (int tries = 0; tries < 50; tries++) {
            int k = 1 + rnd.nextInt(base.size());
            String l = base.get(k - 1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<=[:\\[,])\\d+(?=[,\\]}])").matcher(l);
            List<int[]> at = new ArrayList<>();
            while (m.find()) {
                at.add(new int[] {m.start(), m.end()});
            }
            if (at.isEmpty()) {
                continue;
            }
            int[] p = at.get(rnd.nextInt(at.size()));
            String h = huge[rnd.nextInt(huge.length)];
            expect2("huge number", bytes(withLine(base, k, l.substring(0, p[0]) + h + l.substring(p[1]))), k);
            return;
        }
    }

    /** What a lenient parser accepts and strict JSON does not. */
    private void lenient(List<String> base) throws Exception {
        int k = 2 + rnd.nextInt(base.size() - 1);
        String l = base.get(k - 1);
        expect2("lenient JSON", bytes(withLine(base, k, l.replace("\"op\":", "'op':"))), k);
        expect2("lenient JSON", bytes(withLine(base, k, l.replace("\"op\":", "op:"))), k);
        expect2("lenient JSON", bytes(withLine(base, k, l.replaceFirst(",\"op\"", ";\"op\""))), k);
        expect2("lenient JSON", bytes(withLine(base, k, l.replaceFirst("\"op\":", "\"op\"=>"))), k);
        expect2("lenient JSON", bytes(withLine(base, k, l.replaceFirst(",\"op\"", ",/* c */\"op\""))), k);
        expect2("lenient JSON", bytes(withLine(base, k, l.replaceFirst("\"summary\":\\{", "\"summary\":{\"x\":NaN,"))), k);
        expect2("lenient JSON", bytes(withLine(base, k, l.substring(0, l.length() - 1) + ",}")), k);
    }

    private void deepNesting(List<String> base) throws Exception {
        int k = 2 + rnd.nextInt(base.size() - 1);
        int depth = rnd.nextBoolean() ? 100_000 : 257 + rnd.nextInt(500);
        String l = base.get(k - 1);
        String deep = "[".repeat(depth) + "]".repeat(depth);
        expect2("deep nesting", bytes(withLine(base, k, l.replaceFirst("\"op\":", "\"x\":" + deep + ",\"op\":"))), k);
    }

    /** A well-formed change of what the runtime did: exit 1, FAIL at that line. */
    private void semantic(List<String> base) throws Exception {
        int k = 2 + rnd.nextInt(base.size() - 1);
        JsonObject o = obj(base.get(k - 1));
        JsonObject s = o.getAsJsonObject("summary");
        String count = s.has("count") ? "count" : "used";
        s.addProperty(count, s.get(count).getAsLong() + 1);
        expect1("semantic (summary)", withLine(base, k, o.toString()), k);
        for (int j = 2; j <= base.size(); j++) {
            JsonObject a = obj(base.get(j - 1));
            JsonArray bytes = firstBytes(a.get("after"));
            if (bytes != null) {
                bytes.set(0, new JsonPrimitive((bytes.get(0).getAsInt() + 1) % 256));
                expect1("semantic (state)", withLine(base, j, a.toString()), j);
                return;
            }
        }
    }

    /** The first tophash or ctrl array of a state, or null. */
    private static JsonArray firstBytes(JsonElement e) {
        if (e == null || e.isJsonNull() || e.isJsonPrimitive()) {
            return null;
        }
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                JsonArray b = firstBytes(x);
                if (b != null) {
                    return b;
                }
            }
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        for (String f : new String[] {"tophash", "ctrl"}) {
            if (o.has(f)) {
                return o.getAsJsonArray(f);
            }
        }
        for (Map.Entry<String, JsonElement> f : o.entrySet()) {
            JsonArray b = firstBytes(f.getValue());
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** CRLF line ends keep the meaning (JSON Lines allows them): the trace still passes. */
    private void crlf(List<String> base) throws Exception {
        Path p = file((String.join("\r\n", base) + "\r\n").getBytes(StandardCharsets.UTF_8));
        ReplayRun r = ReplayRun.of(p.toString());
        assertEquals(0, r.exit(), "CRLF: " + r.out());
        count("CRLF (meaning kept, exit 0)");
    }

    /** FIFO, /dev/zero, directories, permissions, a batch. */
    private void specialFiles() throws Exception {
        Path d = Files.createDirectory(dir.resolve("fifo-dir"));
        Files.writeString(d.resolve("a.jsonl"), String.join("\n", bases().get(0)) + "\n");
        Path fifo = d.resolve("b.jsonl");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String[] args : new String[][] {{d.toString()}, {fifo.toString()}}) {
            ReplayRun r = ReplayRun.of(args);
            assertEquals(2, r.exit(), r.out());
            assertTrue(r.out().contains("ERROR " + fifo + ": not a regular file"), r.out());
            count("FIFO");
        }
        for (String dev : new String[] {"/dev/zero", "/dev/null", "/dev/urandom"}) {
            ReplayRun r = ReplayRun.of(dev);
            assertEquals(2, r.exit(), r.out());
            assertTrue(r.out().contains("ERROR " + dev + ": not a regular file"), r.out());
            count("device");
        }
        Path empty = Files.createDirectory(dir.resolve("empty"));
        for (String arg : new String[] {empty.toString(), "", dir.resolve("absent").toString()}) {
            ReplayRun r = ReplayRun.of(arg);
            assertEquals(2, r.exit(), r.out());
            assertTrue(r.out().startsWith("ERROR "), r.out());
            count("directory or argument naming no trace");
        }
        Path locked = file(bytes(bases().get(0)));
        locked.toFile().setReadable(false, false);
        boolean root = Files.isReadable(locked);
        if (root) {
            // root reads a chmod 000 file: nothing to refuse, and the trace must still pass.
            System.out.println("generated bad input: permissions class skipped: running as root, who can read a "
                    + "chmod 000 file");
            assertEquals(0, ReplayRun.of(locked.toString()).exit());
        } else {
            ReplayRun r = ReplayRun.of(locked.toString());
            assertEquals(2, r.exit(), r.out());
            assertTrue(r.out().contains("ERROR " + locked + ": cannot read"), r.out());
            count("permissions");
        }
    }

    // ------------------------------------------------------------------ assertions

    private void expect2(String cls, byte[] content, int line) throws Exception {
        Path p = file(content);
        ReplayRun r = ReplayRun.of(p.toString());
        String where = "ERROR " + p + (line > 0 ? ":" + line + ":" : ":");
        assertEquals(2, r.exit(), cls + ": exit 2 expected:\n" + r.out());
        assertTrue(r.out().contains(where), cls + ": names " + where + "\n" + r.out());
        count(cls);
    }

    private void expect2(String cls, List<String> lines, int line) throws Exception {
        expect2(cls, bytes(lines), line);
    }

    private void expect1(String cls, List<String> lines, int line) throws Exception {
        Path p = file(bytes(lines));
        ReplayRun r = ReplayRun.of(p.toString());
        assertEquals(1, r.exit(), cls + ": exit 1 expected:\n" + r.out());
        assertTrue(r.out().matches("(?s)FAIL \\S+ op \\d+ \\(line " + line + "\\) .*"), cls + ": FAIL at line " + line + "\n" + r.out());
        count(cls);
    }

    private void check(String cls, List<String> lines, int exit, int unused) throws Exception {
        ReplayRun r = ReplayRun.of(file(bytes(lines)).toString());
        assertEquals(exit, r.exit(), cls + ":\n" + r.out());
        count(cls);
    }

    private void count(String cls) {
        counts.merge(cls, 1, Integer::sum);
        n++;
    }

    private Path file(byte[] content) throws Exception {
        Path p = dir.resolve("m" + n + ".jsonl");
        Files.write(p, content);
        return p;
    }

    private static List<String> withLine(List<String> base, int k, String text) {
        List<String> t = new ArrayList<>(base);
        t.set(k - 1, text);
        return t;
    }

    private static byte[] bytes(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject obj(String line) {
        return StrictJson.parse(line).getAsJsonObject();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ReplayBadInputTest.concat(a, b);
    }
}
