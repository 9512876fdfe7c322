package maplab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The windowed splitter against JShell's analysis of the whole rest of the cell (the splitter as
 * it was: exact, and quadratic), on cells whose snippets cross window ends in every way: an else
 * on the line after its if, a chained call on the next line, comments and text blocks over line
 * ends, long snippets, an incomplete tail.
 */
class CellSplitterTest {

    static JShell shell;
    static SourceCodeAnalysis analysis;

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
        analysis = shell.sourceCodeAnalysis();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    /** The splitter before windows: the whole rest of the cell to analyzeCompletion each time. */
    static List<CellSplitter.Piece> wholeText(String cell) {
        List<CellSplitter.Piece> pieces = new ArrayList<>();
        int consumed = 0;
        String remaining = cell;
        while (!remaining.isBlank()) {
            int offset = consumed + (remaining.length() - remaining.stripLeading().length());
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                pieces.add(new CellSplitter.Piece(remaining, offset, consumed));
                break;
            }
            pieces.add(new CellSplitter.Piece(info.source(), offset, consumed));
            consumed += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return pieces;
    }

    static final String[] FRAGMENTS = {
        "x++;\n",
        "int a%d = %d;\n",
        "if (x > 3) {\n  x--;\n}\nelse {\n  x++;\n}\n",
        "if (x > 3) { x--; }\n",
        "sb\n  .append(\"a\")\n  .append('b');\n",
        "/* a comment\n   over lines; x++; */ x += 2;\n",
        "// x++; in a comment\n",
        "String t%d = \"\"\"\n    a text block; x++;\n    }\n    \"\"\";\n",
        "void m%d() {\n  for (int i = 0; i < 3; i++) {\n    x += i;\n  }\n}\n",
        "class C%d {\n  int f() { return 1; }\n\n  /* } */ int g() { return 2; }\n}\n",
        "try {\n  x++;\n}\ncatch (RuntimeException e) {\n}\nfinally {\n  x--;\n}\n",
        "x = x\n  + 1\n  + 2;\n",
        "for (int i = 0; i < 2; i++)\n  x++;\n",
        "String s%d = \"" + "y".repeat(600) + "\";\n",
        "1 + 1;\n",
        "\n\n   \n",
    };

    static String cell(long seed, int fragments, String tail) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fragments; i++) {
            sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)].replace("%d", Integer.toString(i)));
        }
        return sb.append(tail).toString();
    }

    @Test
    void windowsFindTheSnippetsTheWholeTextGives() {
        for (long seed = 1; seed <= 6; seed++) {
            for (String tail : List.of("x", "x + 1\n", "if (x > 1) {\n  x++;\n",
                    "int broken = ;\nx++;\n", "")) {
                String cell = cell(seed, 60, tail);
                List<CellSplitter.Piece> expected = wholeText(cell);
                List<CellSplitter.Piece> actual = CellSplitter.split(analysis, cell);
                for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                    int at = i;
                    long s = seed;
                    assertEquals(expected.get(i), actual.get(i), () -> "seed " + s + ", tail " + tail + ", piece " + at);
                }
                assertEquals(expected.size(), actual.size(), "seed " + seed + ", tail " + tail);
            }
        }
    }

    /**
     * A comment or text block left open at the cell's end makes JShell call all the text given to
     * it incomplete: before windows the whole cell was one snippet (and nothing in it ran). Now the
     * snippets found before a window reached the end come first, as the whole text gives them,
     * and the rest of the cell, with the open tail, is the last one, whose compile error is shown.
     */
    @Test
    void anOpenCommentOrTextBlockAtTheEndIsInTheLastSnippet() {
        for (String tail : List.of("/* open comment\n", "String open = \"\"\"\nopen\n")) {
            String prefix = cell(3, 60, "x++;\n");
            List<CellSplitter.Piece> before = wholeText(prefix + "x");
            List<CellSplitter.Piece> actual = CellSplitter.split(analysis, prefix + tail);
            int last = actual.size() - 1;
            assertEquals(before.subList(0, last), actual.subList(0, last));
            assertEquals(prefix.substring(actual.get(last).start()) + tail, actual.get(last).source());
        }
    }

    @Test
    void stopsAsSoonAsItIsTold() {
        String cell = "x++;\n".repeat(2_000);
        AtomicInteger asked = new AtomicInteger();
        List<CellSplitter.Piece> pieces = CellSplitter.split(analysis, cell, () -> asked.incrementAndGet() > 10);
        assertEquals(10, pieces.size());
        assertTrue(CellSplitter.split(analysis, cell, () -> true).isEmpty());
    }

    @Test
    void linesAreCountedAsBefore() {
        String cell = "a\nbc\n\nd";
        CellSplitter.Lines lines = new CellSplitter.Lines(cell);
        int[] expected = {1, 1, 2, 2, 2, 3, 4, 4, 4};
        for (int offset = 0; offset < expected.length; offset++) {
            assertEquals(expected[offset], lines.of(offset), "offset " + offset);
        }
        assertFalse(CellSplitter.split(analysis, "   \n").iterator().hasNext());
    }
}
