package maplab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 57 inputs of issue 19 that {@code ./maplab replay} handled badly, one regression test per
 * kind: each must now exit 2 with a message naming the file and line (or exit 1 with a FAIL line
 * for a real difference), with no stack trace and no hang ({@link ReplayRun}).
 */
class ReplayBadInputTest {

    @TempDir
    Path dir;

    /** A small real trace. */
    static List<String> golden(String release, String name) throws Exception {
        Path p = Path.of(ReplayBadInputTest.class.getResource("/traces/go" + release + "/" + name).toURI());
        return new ArrayList<>(Files.readAllLines(p));
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    /** Line {@code line} (1-based) with {@code from} replaced by {@code to} (which must occur). */
    private Path edit(String name, List<String> lines, int line, String from, String to) throws IOException {
        List<String> copy = new ArrayList<>(lines);
        String l = copy.get(line - 1);
        assertTrue(l.contains(from), "line " + line + " has " + from);
        copy.set(line - 1, l.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return write(name, copy);
    }

    private static void malformed(Path p, int line, String... words) {
        ReplayRun r = ReplayRun.of(p.toString());
        assertEquals(2, r.exit(), r.out());
        String where = p + (line > 0 ? ":" + line + ":" : ":");
        assertTrue(r.out().contains("ERROR " + where), "names " + where + ":\n" + r.out());
        for (String w : words) {
            assertTrue(r.out().contains(w), "says '" + w + "':\n" + r.out());
        }
        assertTrue(r.out().contains("replay: 0 passed"), "the summary is printed:\n" + r.out());
    }

    @Test
    void deeplyNestedJsonIsRefusedAtItsLimit() throws Exception {
        List<String> t = golden("1.19", "big-elem.jsonl");
        malformed(edit("deep.jsonl", t, 3, "\"key\":\"0\"", "\"key\":" + "[".repeat(100_000) + "]".repeat(100_000)),
                3, "nested deeper than the limit of 256");
        malformed(edit("deep2.jsonl", t, 3, "\"key\":\"0\"", "\"key\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300)),
                3, "limit of 256");
    }

    @Test
    void hugeKeyAndElemTypesAreRefusedByTheirLimit() throws Exception {
        List<String> t = golden("1.19", "big-elem.jsonl");
        malformed(edit("elem.jsonl", t, 1, "[200]byte", "[1073741824]byte"), 1, "limit of 1024 bytes");
        malformed(edit("elem2.jsonl", t, 1, "[200]byte", "[9999999999]byte"), 1, "out of range");
        malformed(edit("key.jsonl", t, 1, "\"keyType\":\"uint64\"", "\"keyType\":\"[2000000000]byte\""), 1, "out of range");
    }

    @Test
    void hugeHintsAreRefusedByTheFormatsLimit() throws Exception {
        for (String go : new String[] {"1.19", "1.26"}) {
            List<String> t = golden(go, "iterate.jsonl");
            for (String hint : new String[] {"212993", "300000000", "500000000", "4611686018427387904"}) {
                malformed(edit("hint-" + hint + ".jsonl", t, 2, "\"hint\":-1", "\"hint\":" + hint), 2,
                        "limit of 212992");
            }
        }
    }

    @Test
    void numbersPastSixtyFourBitsAreRefusedNotWrapped() throws Exception {
        List<String> t = golden("1.19", "big-elem.jsonl");
        malformed(edit("i1.jsonl", t, 3, "\"i\":1,", "\"i\":1e100,"), 3, "64-bit range");
        malformed(edit("i2.jsonl", t, 3, "\"i\":1,", "\"i\":18446744073709551617,"), 3, "64-bit range");
        malformed(edit("i3.jsonl", t, 3, "\"i\":1,", "\"i\":1e999999999,"), 3, "64-bit range");
        malformed(edit("i4.jsonl", t, 3, "\"i\":1,", "\"i\":1.5,"), 3, "whole number");
        malformed(edit("v.jsonl", t, 1, "\"version\":1", "\"version\":-4294967295"), 1, "does not exist");
        malformed(edit("v2.jsonl", t, 1, "\"version\":1", "\"version\":4294967297"), 1, "newer");
    }

    @Test
    void lenientJsonIsRefused() throws Exception {
        List<String> t = golden("1.19", "big-elem.jsonl");
        malformed(edit("q.jsonl", t, 3, "\"op\":\"set\"", "'op':'set'"), 3, "not valid JSON");
        malformed(edit("n.jsonl", t, 3, "\"op\":\"set\"", "op:\"set\""), 3, "not valid JSON");
        malformed(edit("s.jsonl", t, 3, ",\"op\"", ";\"op\""), 3, "not valid JSON");
        malformed(edit("a.jsonl", t, 3, "\"op\":", "\"op\"=>"), 3, "not valid JSON");
        malformed(edit("c.jsonl", t, 3, ",\"op\"", ",/* a comment */\"op\""), 3, "not valid JSON");
        malformed(edit("t.jsonl", t, 3, "\"op\":\"set\"", "\"op\":\"set\",\"op\":\"set\""), 3, "appears twice");
        malformed(edit("x.jsonl", t, 3, "}}", "}} {}"), 3, "not valid JSON");
    }

    @Test
    void aMalformedStateIsMalformedNotADifference() throws Exception {
        List<String> t = golden("1.19", "big-elem.jsonl");
        malformed(edit("nufl.jsonl", t, 2, "\"buckets\":null", "\"buckets\":nuFl"), 2, "not valid JSON");
        malformed(edit("nan.jsonl", t, 3, "\"tophash\":[", "\"tophash\":[NaN,"), 3, "not valid JSON");
        malformed(edit("str.jsonl", t, 3, "\"tophash\":[", "\"tophash\":[\"x\","), 3, "tophash");
        malformed(edit("len.jsonl", t, 3, "\"tophash\":[", "\"tophash\":[7,"), 3, "must have 8 elements");
        malformed(edit("key.jsonl", t, 3, "\"keys\":[\"0\"", "\"keys\":[5"), 3, "keys[0]");
        malformed(edit("field.jsonl", t, 3, "\"overflow\":null", "\"overflowz\":null"), 3, "unknown field");
        malformed(edit("null.jsonl", t, 3, "\"after\":{", "\"after\":null,\"x\":{"), 3, "unknown field");
        List<String> s = golden("1.26", "churn-ptr-keys.jsonl");
        malformed(edit("ctrl.jsonl", s, 2, "\"ctrl\":[", "\"ctrl\":[300,"), 2, "ctrl");
        // A well-formed state that differs from the model's is a difference: exit 1, FAIL at its line.
        Path p = edit("diff.jsonl", t, 3, "\"tophash\":[", "\"tophash\":[6,");
        List<String> copy = new ArrayList<>(Files.readAllLines(p));
        copy.set(2, copy.get(2).replaceFirst("\"tophash\":\\[6,(\\d+),", "\"tophash\":[6,"));
        write("diff.jsonl", copy);
        ReplayRun r = ReplayRun.of(p.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("FAIL diff op 1 (line 3) after.buckets[0].tophash[0]: expected 6, actual 45"), r.out());
    }

    @Test
    void oneBadFileStopsNothingAndExitTwoWins() throws Exception {
        List<String> t = golden("1.19", "big-elem.jsonl");
        Path good = write("a-good.jsonl", t);
        Path deep = edit("b-deep.jsonl", t, 3, "\"key\":\"0\"", "\"key\":" + "[".repeat(50_000) + "]".repeat(50_000));
        Path diff = edit("c-diff.jsonl", t, 3, "\"count\":1,", "\"count\":2,");
        Path good2 = write("d-good.jsonl", t);
        ReplayRun r = ReplayRun.of(good.toString(), deep.toString(), diff.toString(), good2.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("PASS a-good"), r.out());
        assertTrue(r.out().contains("ERROR " + deep + ":3:"), r.out());
        assertTrue(r.out().contains("FAIL c-diff op 1 (line 3) summary.count"), r.out());
        assertTrue(r.out().contains("PASS d-good"), r.out());
        assertTrue(r.out().contains("replay: 2 passed, 1 failed"), r.out());
        // 2 wins whichever comes first.
        assertEquals(2, ReplayRun.of(diff.toString(), deep.toString()).exit());
        assertEquals(2, ReplayRun.of(deep.toString(), diff.toString()).exit());
        assertEquals(1, ReplayRun.of(good.toString(), diff.toString()).exit());
    }

    @Test
    void directoriesAndArgumentsThatNameNoTrace() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        ReplayRun r = ReplayRun.of(empty.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("ERROR " + empty + ": no .jsonl traces"), r.out());
        Files.writeString(empty.resolve("notes.txt"), "x");
        assertEquals(2, ReplayRun.of(empty.toString()).exit());
        for (String arg : new String[] {"", " "}) {
            r = ReplayRun.of(arg);
            assertEquals(2, r.exit(), r.out());
            assertTrue(r.out().contains("an empty argument"), r.out());
        }
        r = ReplayRun.of(dir.resolve("absent.jsonl").toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("no such file"), r.out());
        assertEquals(2, ReplayRun.of().exit());
    }

    @Test
    void fifosAndDevicesAreRefusedWithoutBlocking() throws Exception {
        Path d = Files.createDirectory(dir.resolve("withfifo"));
        write("withfifo/a.jsonl", golden("1.19", "big-elem.jsonl"));
        Path fifo = d.resolve("b.jsonl");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        ReplayRun r = ReplayRun.of(d.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("ERROR " + fifo + ": not a regular file"), r.out());
        assertTrue(r.out().contains("PASS a"), r.out());
        assertEquals(2, ReplayRun.of(fifo.toString()).exit());
        r = ReplayRun.of("/dev/zero");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("ERROR /dev/zero: not a regular file"), r.out());
    }

    @Test
    void aLineWithNoEndIsRefusedAtTheLineLimit() throws Exception {
        Path zeros = dir.resolve("zeros.jsonl");
        Files.write(zeros, new byte[TraceLimits.MAX_LINE_BYTES + 10]);
        malformed(zeros, 1, "longer than the limit of 16 MiB");
    }

    @Test
    void byteOrderMarkGzipAndNonUtf8AreNamed() throws Exception {
        List<String> t = golden("1.19", "big-elem.jsonl");
        byte[] text = (String.join("\n", t) + "\n").getBytes(StandardCharsets.UTF_8);
        Path bom = dir.resolve("bom.jsonl");
        Files.write(bom, concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text));
        malformed(bom, 1, "byte order mark");
        Path gz = dir.resolve("gz.jsonl");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(b)) {
            z.write(text);
        }
        Files.write(gz, b.toByteArray());
        malformed(gz, 1, "gzip-compressed");
        Path latin = edit("latin.jsonl", t, 4, "\"op\"", "\"op\"");
        byte[] raw = Files.readAllBytes(latin);
        int at = indexOfLine(raw, 4) + 2;
        raw[at] = (byte) 0xff;
        Files.write(latin, raw);
        malformed(latin, 4, "not UTF-8");
        Path crlf = dir.resolve("crlf.jsonl");
        Files.writeString(crlf, String.join("\r\n", t) + "\r\n");
        assertEquals(0, ReplayRun.of(crlf.toString()).exit(), "CRLF line ends keep the meaning (JSON Lines allows them)");
    }

    /** A model-recorded trace of map[*T]*T with nil keys and elems ("0") replays, on both engines. */
    @Test
    void nilPointersReplay() throws Exception {
        for (maplab.engine.GoVersion go : new maplab.engine.GoVersion[] {maplab.engine.GoVersion.GO1_19,
                maplab.engine.GoVersion.GO1_26}) {
            maplab.engine.MapType type = maplab.engine.MapType.of(maplab.engine.GoType.POINTER, maplab.engine.GoType.POINTER);
            java.io.StringWriter out = new java.io.StringWriter();
            maplab.engine.GoMap m = maplab.engine.GoMaps.builder(type).go(go).seed(5).build();
            TraceRecorder rec = new TraceRecorder(m, -1, "nil-pointers", true, out);
            Values.Pointers objects = new Values.Pointers();
            java.util.Random r = new java.util.Random(5);
            for (int i = 0; i < 300; i++) {
                int k = r.nextInt(40);
                // Pointer 0 is nil; 1..39 are distinct objects.
                Object key = objects.intern(Values.decode(type.key(), new com.google.gson.JsonPrimitive(String.valueOf(k)), "key"));
                Object elem = r.nextInt(3) == 0 ? null : objects.intern(Values.decode(type.elem(),
                        new com.google.gson.JsonPrimitive(String.valueOf(1 + r.nextInt(39))), "elem"));
                switch (r.nextInt(5)) {
                    case 0, 1 -> rec.set(key, elem);
                    case 2 -> rec.delete(key);
                    case 3 -> rec.get(key);
                    default -> rec.iterate();
                }
            }
            String text = out.toString();
            assertTrue(text.contains("\"key\":\"0\"") && text.contains("\"elem\":\"0\""), "nil keys and elems recorded");
            ReplayResult res = Replayer.replay(TraceReader.read("nil.jsonl", new java.io.StringReader(text)));
            assertTrue(res.passed(), go + ": " + res.line());
        }
        List<String> t = golden("1.26", "churn-ptr-keys.jsonl");
        // Pointer 0 is nil: a trace may set it as a key; a negative pointer is malformed.
        malformed(edit("neg.jsonl", t, 3, "\"key\":\"", "\"key\":\"-"), 3, "is not a *T");
    }

    static int indexOfLine(byte[] raw, int line) {
        int n = 1;
        for (int i = 0; i < raw.length; i++) {
            if (n == line) {
                return i;
            }
            if (raw[i] == '\n') {
                n++;
            }
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
