package maplab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.tools.ToolProvider;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator on a real JShell and cells' JVM (one for the whole class, as in a notebook):
 * execution, streams, values, errors, hostile cells, interrupt and code intelligence.
 */
class EvaluatorTest {

    static RecordingSink sink = new RecordingSink();
    static Evaluator ev;

    @BeforeAll
    static void start() {
        // A small heap, so that the OutOfMemoryError cell fails fast.
        ev = Evaluator.start(EvaluatorConfig.defaults().withVmOptions(List.of("-Xmx192m")), sink);
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    @BeforeEach
    void clear() {
        sink.clear();
    }

    static String text(CellResult r) {
        assertTrue(r.ok(), () -> "cell failed: " + r.error());
        assertNotNull(r.value(), "the cell has no value");
        return r.value().data().get("text/plain").getAsString();
    }

    @Test
    void severalStatementsDeclarationsAndTheLastExpression() {
        CellResult r = ev.execute("int a = 2;\nint twice(int x) { return 2 * x; }\nrecord P(int x, int y) { }\n"
                + "System.out.println(\"a=\" + a);\nnew P(twice(a), 1)");
        assertEquals("P[x=4, y=1]", text(r));
        assertEquals("a=2\n", sink.out.toString());
        assertEquals("9", text(ev.execute("twice(a) + 5")));
    }

    @Test
    void eachLastExpressionDeclaresANewVariableAndOnlyTheLastStaysActive() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            assertEquals(String.valueOf(i + 1), text(ev.execute(i + " + 1")));
            List<String> active = ev.shell().variables()
                    .filter(v -> v.name().startsWith(LastExpression.VARIABLE))
                    .filter(v -> ev.shell().status(v).isActive())
                    .map(VarSnippet::name).toList();
            // One active: a later snippet imports only it; a new name each time: JShell loads a
            // new class rather than redefining the one it replaced.
            assertEquals(1, active.size(), () -> "active: " + active);
            assertTrue(names.add(active.get(0)), () -> active.get(0) + " declared twice");
        }
    }

    @Test
    void stdoutAndStderrAreSeparated() {
        assertTrue(ev.execute("System.out.print(\"to out\"); System.err.print(\"to err\");").ok());
        assertEquals("to out", sink.out.toString());
        assertEquals("to err", sink.err.toString());
    }

    @Test
    void importsPersistAndDefaultsArePresent() {
        assertTrue(ev.execute("import java.time.LocalDate;").ok());
        assertEquals("2020-01-02", text(ev.execute("LocalDate.of(2020, 1, 2).toString()")).replace("\"", ""));
        assertEquals("144", text(ev.execute("BucketType.of(MapType.of(\"uint64\", \"uint64\")).bucketSize()")));
    }

    @Test
    void strings_are_shown_quoted_like_jshell() {
        assertEquals("\"hi\\n\"", text(ev.execute("\"hi\\n\"")));
    }

    @Test
    void compileErrorNamesTheLineAndPointsAtTheCode() {
        CellResult r = ev.execute("int ok = 1;\nint bad = nope + 1;");
        assertFalse(r.ok());
        assertEquals("CompilationError", r.error().ename());
        String tb = String.join("\n", r.error().traceback());
        assertTrue(tb.contains("line 2"), tb);
        assertTrue(tb.contains("int bad = nope + 1;"), tb);
        assertTrue(tb.contains("^"), tb);
        assertEquals("1", text(ev.execute("ok")), "the statement before the error ran");
    }

    @Test
    void runtimeExceptionShowsUserFramesOnly() {
        ev.execute("void thrower() { throw new IllegalStateException(\"boom\"); }");
        CellResult r = ev.execute("thrower()");
        assertEquals("java.lang.IllegalStateException", r.error().ename());
        assertEquals("boom", r.error().evalue());
        String tb = String.join("\n", r.error().traceback());
        assertTrue(tb.contains("thrower"), tb);
        assertFalse(tb.contains("jdk.jshell"), tb);
        assertFalse(tb.contains("java.lang.reflect"), tb);
    }

    @Test
    void framesNameTheCellAndItsLineNeverAnEmptyMethod() {
        ev.execute("int nothing = 0;");
        CellResult r = ev.execute("int a = 1;\n\nInteger.parseInt(\"x\" + a)");
        List<String> tb = r.error().traceback();
        String last = tb.get(tb.size() - 1);
        assertTrue(last.matches("\tat cell \\d+, line 3"), String.join("\n", tb));
        ev.execute("int parse(String s) {\n  return Integer.parseInt(s);\n}");
        List<String> inMethod = ev.execute("parse(\"y\")").error().traceback();
        assertTrue(inMethod.stream().anyMatch(l -> l.matches("\tat parse \\(cell \\d+, line 2\\)")),
                String.join("\n", inMethod));
        for (String line : inMethod) {
            assertFalse(line.contains("at  (") || line.contains("<"), line);
            assertFalse(line.contains("lambda") || line.contains("CellValue"), line);
        }
        for (String line : tb) {
            assertFalse(line.contains("lambda") || line.contains("CellValue"), line);
        }
    }

    @Test
    void stackOverflowIsSurvived() {
        ev.execute("int keep = 7;");
        CellResult r = ev.execute("int down(int n) { return down(n + 1) + 1; }\ndown(0)");
        assertEquals("java.lang.StackOverflowError", r.error().ename());
        assertTrue(r.error().traceback().size() < 50, "repeated frames are folded");
        assertEquals("7", text(ev.execute("keep")));
    }

    @Test
    void outOfMemoryIsSurvived() {
        ev.execute("int keep2 = 8;");
        // A block: the list is a local that dies with the cell (a top-level var would keep the heap full).
        CellResult r = ev.execute("{ List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]); }");
        assertEquals("java.lang.OutOfMemoryError", r.error().ename());
        assertEquals("8", text(ev.execute("keep2")));
    }

    @Test
    void lastExpressionsShowWhatJShellShows() {
        assertEquals("'b'", text(ev.execute("\"ab\".charAt(1)")));
        assertEquals("'x'", text(ev.execute("'x'")));
        assertEquals("7", text(ev.execute("(short) 7")));
        assertEquals("2.5", text(ev.execute("5 / 2.0f")));
        assertEquals("\"a\\tb\"", text(ev.execute("\"a\\tb\"")));
        assertEquals("null", text(ev.execute("null")));
        assertEquals("[1, 2]", text(ev.execute("java.util.List.of(1, 2) // a comment")));
        ev.execute("int counter = 4;");
        assertEquals("5", text(ev.execute("counter = counter + 1;")));
        assertEquals("5", text(ev.execute("counter++")));
        assertEquals("6", text(ev.execute("counter")));
        // No type without a target: JShell's own typing decides, as before.
        ev.execute("<T> T nothing() { return null; }");
        assertEquals("null", text(ev.execute("nothing()")));
    }

    @Test
    void aVoidCallLastShowsNothingAndRuns() {
        CellResult r = ev.execute("int v = 3;\nSystem.out.println(\"v=\" + v)");
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        assertNull(r.value());
        assertEquals("v=3\n", sink.out.toString());
        CellResult sleep = ev.execute("Thread.sleep(1)");
        assertTrue(sleep.ok(), () -> String.valueOf(sleep.error()));
        assertNull(sleep.value());
    }

    @Test
    void theStaticTypeDecidesTextOrRenderingAsJShellsTypeNameDid() {
        // A renderer for a supertype of Integer: it applies only where the static type is not a
        // plain one (int, Integer... are shown as text whatever renderers exist).
        ev.execute("Renderers.register(Number.class, n -> n.intValue() != 4242 ? null"
                + " : MimeBundle.text(\"n\").put(\"text/html\", \"<b>4242</b>\"));");
        assertFalse(ev.execute("4241 + 1").value().data().has("text/html"));
        assertFalse(ev.execute("Integer.valueOf(4242)").value().data().has("text/html"));
        assertFalse(ev.execute("Math.abs(-4242L)").value().data().has("text/html"));
        assertTrue(ev.execute("(Number) 4242").value().data().has("text/html"));
        assertTrue(ev.execute("java.util.List.<Number>of(4242).get(0)").value().data().has("text/html"));
        assertTrue(ev.execute("Short.valueOf((short) 4242)").value().data().has("text/html"));
        assertEquals("4242", text(ev.execute("Integer.valueOf(4242)")));
    }

    @Test
    void throwingToStringShowsANoteInsteadOfFailing() {
        CellResult r = ev.execute("class Nasty { public String toString() { throw new RuntimeException(\"no\"); } }\nnew Nasty()");
        String t = text(r);
        assertTrue(t.contains("toString() threw java.lang.RuntimeException: no"), t);
    }

    @Test
    void throwingRendererFallsBackToText() {
        ev.execute("class Shape { public String toString() { return \"a shape\"; } }");
        ev.execute("Renderers.register(Shape.class, s -> { throw new IllegalStateException(\"broken renderer\"); });");
        String t = text(ev.execute("new Shape()"));
        assertTrue(t.startsWith("a shape"), t);
        assertTrue(t.contains("broken renderer"), t);
    }

    @Test
    void displayReachesTheSinkAndTheHandleIsNotShown() {
        CellResult r = ev.execute("var h = display(ClassicMap.builder(MapType.of(\"uint64\", \"uint64\")).seed(1).build());\n"
                + "updateDisplay(h, \"later\");\ndisplay(3)");
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        assertNull(r.value());
        assertEquals(3, sink.displays.size());
        assertTrue(sink.displays.get(0).data().has("image/svg+xml"));
        assertEquals("update", sink.displays.get(1).kind());
        assertEquals(sink.displays.get(0).id(), sink.displays.get(1).id());
    }

    @Test
    void progressOfALongRunIsOneDisplayUpdatedInPlace() {
        // The model's runs report progress after two seconds; the cells' JVM shows it in place.
        CellResult r = ev.execute("var p = new maplab.table.Progress(\"sweep\", 10, \"trials\");\n"
                + "Thread.sleep(2_100);\np.at(5);\np.done();");
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        assertEquals("", sink.out.toString());
        assertEquals(2, sink.displays.size());
        assertEquals("update", sink.displays.get(1).kind());
        assertEquals(sink.displays.get(0).id(), sink.displays.get(1).id());
        assertTrue(sink.displays.get(0).data().toString().contains("sweep: 5/10 trials"), sink.displays.toString());
        assertTrue(sink.displays.get(1).data().toString().contains("10/10 trials, done"), sink.displays.toString());
    }

    @Test
    void richValuesAreRenderedInTheCellsJvm() {
        CellResult r = ev.execute("Table.create(\"t\", IntColumn.create(\"a\", 1, 2, 3))");
        assertTrue(r.value().data().get("text/html").getAsString().contains("<table"));
        CellResult c = ev.execute("var chart = new XYChartBuilder().width(300).height(200).title(\"sq\").build();\n"
                + "chart.addSeries(\"y\", new double[] {1, 2, 3}, new double[] {1, 4, 9});\nchart");
        assertTrue(c.value().data().has("image/png"), () -> String.valueOf(c.value().data().keySet()));
        assertTrue(c.value().data().get("image/svg+xml").getAsString().contains("<svg"));
    }

    @Test
    void interruptStopsATightLoopAndKeepsState() throws Exception {
        ev.execute("int survivor = 42;");
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            ev.interrupt();
        });
        t.start();
        CellResult r = ev.execute("while (true) { }");
        t.join();
        assertEquals("Interrupted", r.error().ename());
        assertEquals("42", text(ev.execute("survivor")));
    }

    @Test
    void timeLimitStopsTheCellOnItsOwn() {
        CellResult r = ev.execute("while (true) { Thread.onSpinWait(); }", Duration.ofMillis(500));
        assertEquals("Interrupted", r.error().ename());
        assertTrue(r.error().evalue().contains("time limit"), r.error().evalue());
    }

    @Test
    void systemExitRestartsWithANoticeAndKeepsDefinitions() {
        ev.execute("int square(int x) { return x * x; }");
        CellResult r = ev.execute("System.exit(3);");
        assertEquals("KernelRestarted", r.error().ename());
        assertEquals("49", text(ev.execute("square(7)")), "methods are declared again");
    }

    @Test
    void classpathAddedInTheSessionReachesTheCompilerAndTheCellsJvm(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src/cpcheck")).resolve("Probe.java");
        Files.writeString(source, "package cpcheck; public class Probe { public String toString() { return \"probe\"; } }");
        Path classes = dir.resolve("classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, rc, "javac failed");
        ev.addToClasspath(classes.toString());
        assertEquals("probe", text(ev.execute("new cpcheck.Probe()")));
        assertTrue(ev.execute("import cpcheck.*;").ok());
        assertEquals("\"probe\"", text(ev.execute("new Probe().toString()")));
    }

    @Test
    void completionInspectionAndCompleteness() {
        ev.execute("String greeting = \"hi\";");
        CodeIntel.Completion c = ev.complete("int z = 1;\ngreeting.toUpp", 24);
        assertTrue(c.matches().contains("toUpperCase("), c.matches().toString());
        assertEquals(20, c.start());
        List<String> docs = ev.inspect("Math.max(", 9);
        assertTrue(docs.stream().anyMatch(d -> d.contains("max(int")), docs.toString());
        assertEquals(CodeIntel.Status.INCOMPLETE, ev.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals(CodeIntel.Status.COMPLETE, ev.isComplete("int q = 1;\nq + 1"));
    }
}
