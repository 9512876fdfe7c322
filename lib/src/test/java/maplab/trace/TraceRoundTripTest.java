package maplab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import maplab.engine.GoMap;
import maplab.engine.GoMaps;
import maplab.engine.GoVersion;
import maplab.engine.MapType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace writer, reader and replayer together: a trace the model records replays against the
 * model without a difference; a corrupted field is reported at its exact path; malformed traces
 * are refused with file and line.
 */
class TraceRoundTripTest {

    /** A model run with growth, deletes, clear, held iterators and gc, recorded with full state. */
    static String recordRandomRun(GoVersion go, MapType type, long seed, int ops) {
        StringWriter out = new StringWriter();
        GoMap m = GoMaps.builder(type).go(go).seed(seed).build();
        TraceRecorder rec = new TraceRecorder(m, -1, "model-random", true, out);
        Random r = new Random(seed);
        List<Long> open = new ArrayList<>();
        long nextIt = 0;
        for (int i = 0; i < ops; i++) {
            int dice = r.nextInt(100);
            Object key = type.key().name().equals("string") ? "k" + r.nextInt(120) : (long) r.nextInt(120);
            Object elem = type.elem().name().equals("string") ? "v" + i : (Object) (long) i;
            if (dice < 45) {
                rec.set(key, elem);
            } else if (dice < 65) {
                rec.delete(key);
            } else if (dice < 80) {
                rec.get(key);
            } else if (dice < 82) {
                rec.clear();
            } else if (dice < 85) {
                rec.iterate();
            } else if (dice < 88 && open.size() < 2) {
                rec.iterOpen(nextIt);
                open.add(nextIt++);
            } else if (dice < 95 && !open.isEmpty()) {
                rec.iterNext(open.get(r.nextInt(open.size())), 1 + r.nextInt(3));
            } else if (dice < 97 && !open.isEmpty()) {
                rec.iterClose(open.remove(r.nextInt(open.size())));
            } else {
                rec.gc();
            }
        }
        return out.toString();
    }

    private static Trace parse(String text) throws Exception {
        return TraceReader.read("test.jsonl", new StringReader(text));
    }

    @Test
    void modelTracesReplayWithoutDifference() throws Exception {
        for (GoVersion go : GoVersion.values()) {
            for (MapType type : List.of(MapType.of("uint64", "uint64"), MapType.of("string", "uint64"))) {
                Trace trace = parse(recordRandomRun(go, type, 7 + go.ordinal(), 3000));
                ReplayResult r = Replayer.replay(trace);
                assertTrue(r.passed(), go + " " + type + ": " + r.line());
                assertEquals(trace.ops().size(), r.opsCompared());
                assertTrue(r.opsCompared() > 3000);
            }
        }
    }

    @Test
    void corruptedTophashIsReportedAtItsPath() throws Exception {
        String text = recordRandomRun(GoVersion.GO1_19, MapType.of("uint64", "uint64"), 3, 40);
        String[] lines = text.split("\n");
        // The first line whose state has a live slot in bucket 0: change that tophash.
        int target = -1;
        for (int n = 2; n < lines.length && target < 0; n++) {
            if (lines[n].contains("\"after\":{\"buckets\":[{\"tophash\":[")) {
                String tail = lines[n].substring(lines[n].indexOf("\"tophash\":[") + 11);
                int first = Integer.parseInt(tail.substring(0, tail.indexOf(',')));
                if (first >= 5) {
                    target = n;
                    lines[n] = lines[n].replaceFirst("\"tophash\":\\[" + first + ",",
                            "\"tophash\":[" + (first == 5 ? 6 : 5) + ",");
                }
            }
        }
        assertTrue(target > 0, "no line to corrupt");
        ReplayResult r = Replayer.replay(parse(String.join("\n", lines) + "\n"));
        assertFalse(r.passed());
        assertEquals(target - 1, r.failure().op());
        assertEquals(target + 1, r.failure().line());
        assertEquals("after.buckets[0].tophash[0]", r.failure().path());
    }

    @Test
    void malformedTracesAreRefusedWithFileAndLine() {
        String good = recordRandomRun(GoVersion.GO1_21, MapType.of("uint64", "uint64"), 5, 10);
        String[] lines = good.split("\n");
        assertRefused(good.replace("\"version\":1", "\"version\":2"), ":1: header: format version 2 is newer");
        assertRefused(lines[0] + "\n" + lines[1] + "\n" + lines[2].substring(0, lines[2].length() / 2) + "\n",
                ":3: not valid JSON");
        assertRefused(good.replaceFirst("\"op\":\"set\",\"key\":\"\\d+\"", "\"op\":\"set\",\"key\":\"twelve\""),
                "key 'twelve' is not a uint64");
        assertRefused(good.replaceFirst(",\"hash\":\"0x[0-9a-f]+\"", ""), "hash is missing");
        assertRefused(good.replace("\"engine\":\"classic\"", "\"engine\":\"swiss\""), "engine 'swiss'");
        assertRefused(good.replace("\"bucketSize\":144", "\"bucketSize\":208"), "bucketSize is 208");
        assertRefused(lines[0] + "\n", "no operations");
        assertRefused("", "empty file");
    }

    private static void assertRefused(String text, String message) {
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith("test.jsonl"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage() + " should say " + message);
    }

    @Test
    void replayCommandExitCodes(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.jsonl");
        Files.writeString(good, recordRandomRun(GoVersion.GO1_22, MapType.of("uint64", "uint64"), 9, 200));
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, Files.readString(good).replace("\"count\":1,", "\"count\":2,"));
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"format\":\"maplab-trace\"\n");
        assertTrue(replay(0, good).contains("PASS good ops="));
        String differs = replay(1, good, bad);
        assertTrue(differs.contains("FAIL bad op "), differs);
        assertTrue(differs.contains("summary.count: expected 2, actual 1"), differs);
        assertTrue(replay(2, good, broken).contains("ERROR " + broken + ":1: not valid JSON"));
        assertTrue(replay(2, dir.resolve("missing.jsonl")).contains("cannot read: no such file"));
    }

    /** Runs the replay command, checks its exit code, and returns what it printed. */
    private static String replay(int expectedExit, Path... files) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ReplayMain.run(java.util.Arrays.stream(files).map(Path::toString).toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, out);
        return out;
    }
}
