package maplab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cells of many statements (run in blocks: StatementBatches), cells over a class-file limit, and
 * cells that survive interrupts, on a real JShell and cells' JVM.
 */
class BigCellsTest {

    static RecordingSink sink = new RecordingSink();
    static Evaluator ev;

    @BeforeAll
    static void start() {
        ev = Evaluator.start(EvaluatorConfig.defaults(), sink);
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
        return EvaluatorTest.text(r);
    }

    @Test
    void thousandsOfStatementsRunAndDeclarationsAmongThemStaySessionWide() {
        StringBuilder cell = new StringBuilder("int count = 0;\n");
        for (int i = 0; i < 1_000; i++) {
            cell.append(i == 500 ? "int middle = count;\n" : "count++;\n");
        }
        cell.append("for (int i = 0; i < 3; i++) {\n  count += 10;\n}\ncount");
        assertEquals("1029", text(ev.execute(cell.toString())));
        assertEquals("500", text(ev.execute("middle")), "a declaration between statements stays a session variable");
    }

    @Test
    void aCompileErrorInABlockRunsTheStatementsBeforeItAndNamesItsLine() {
        CellResult r = ev.execute("int before = 0;\nbefore++;\nSystem.out.println(\"ran\");\nnoSuchMethod();\nbefore++;\nbefore");
        assertEquals("CompilationError", r.error().ename());
        assertTrue(r.error().traceback().get(0).startsWith("Compile error at line 4: cannot find symbol"),
                r.error().traceback().toString());
        assertEquals("ran\n", sink.out.toString());
        assertEquals("1", text(ev.execute("before")));
    }

    @Test
    void unreachableCodeInABlockStillRunsAsSeparateSnippets() {
        CellResult r = ev.execute("int k = 0;\nk++;\nif (k > 0) throw new IllegalStateException(\"stop\");\n"
                + "throw new IllegalArgumentException(\"thrown\");\nSystem.out.println(\"never\");\nk");
        assertEquals("java.lang.IllegalStateException", r.error().ename());
        r = ev.execute("k++;\nk++;\nthrow new IllegalArgumentException(\"thrown\");\nSystem.out.println(\"never\");\nk");
        assertEquals("java.lang.IllegalArgumentException", r.error().ename());
        assertFalse(sink.out.toString().contains("never"));
        assertEquals("3", text(ev.execute("k")));
    }

    @Test
    void aRuntimeErrorInABlockNamesItsCellLine() {
        CellResult r = ev.execute("int[] small = new int[2];\nsmall[0]++;\nsmall[1]++;\n\nsmall[5]++;\nsmall[0]++;\nsmall[0]");
        assertEquals("java.lang.ArrayIndexOutOfBoundsException", r.error().ename());
        assertTrue(r.error().traceback().stream().anyMatch(l -> l.endsWith(", line 5")), r.error().traceback().toString());
        assertEquals("1", text(ev.execute("small[0]")));
    }

    /** test_hostile.py has the 70,000-char literal, the array too large and the 60,000-char literal. */
    @Test
    void aStringConstantTooLongIsAnErrorNamingItsLineAndTheSessionGoesOn() {
        CellResult r = ev.execute("int fine = 1;\n\"" + "\u00e9".repeat(40_000) + "\"");
        assertEquals("CompilationError", r.error().ename());
        assertTrue(r.error().traceback().get(0).startsWith("Compile error at line 2: constant string too long"),
                "40,000 chars of two bytes each: " + r.error().traceback().get(0));
        assertEquals("2", text(ev.execute("1 + 1")));
        assertEquals("1", text(ev.execute("fine")));
    }

    /**
     * A constant folded from constant variables is not seen before javac, whose state it breaks:
     * the session starts again, says so, and works.
     */
    @Test
    void aFoldedConstantTooLongRestartsTheSessionWithANotice() {
        ev.execute("int afterRestart(int x) { return x * 3; }");
        CellResult r = ev.execute("class K {\n  static final String A = \"" + "c".repeat(30_000) + "\";\n"
                + "  static final String B = A + A + A;\n}");
        assertEquals("CompilationError", r.error().ename());
        assertTrue(r.error().traceback().stream().anyMatch(l -> l.startsWith("KernelRestarted:")), r.error().traceback().toString());
        assertEquals("6", text(ev.execute("afterRestart(2)")));
        assertEquals("2", text(ev.execute("1 + 1")));
    }

    @Test
    void anInterruptWhileTheCellIsSplitStopsIt() throws Exception {
        ev.execute("int untouched = 0;");
        String cell = "untouched++;\n".repeat(300_000);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            ev.interrupt();
        });
        t.start();
        CellResult r = ev.execute(cell);
        t.join();
        assertEquals("Interrupted", r.error().ename());
        assertEquals("0", text(ev.execute("untouched")), "nothing ran: the cell was still being split");
    }

    @Test
    void aCellThatCatchesTheInterruptIsEndedWithItsJvmAfterTheSecond() throws Exception {
        ev.execute("int kept(int x) { return x + 1; }");
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(1_000);
                ev.interrupt();
                Thread.sleep(500);
                ev.interrupt();
            } catch (InterruptedException e) {
                // the test ends anyway
            }
        });
        t.start();
        CellResult r = ev.execute("System.out.println(\"looping\");\n"
                + "while (true) { try { while (true) { } } catch (Throwable e) { } }");
        t.join();
        assertEquals("KernelRestarted", r.error().ename());
        assertTrue(r.error().evalue().contains("two interrupts"), r.error().evalue());
        assertEquals("3", text(ev.execute("kept(2)")));
    }
}
