package maplab.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Cuts a cell into the snippets JShell evaluates one at a time, remembering where each starts in
 * the cell so that errors can name the cell's line. An incomplete or unparseable tail becomes one
 * last snippet, so that JShell reports its compile error rather than it being silently dropped.
 *
 * <p>Linear in the cell's length: JShell's analyzeCompletion reads all the text it is given
 * (it masks the comments of the whole input first), so handing it the rest of the cell for every
 * snippet was quadratic (a 1,000-statement cell spent seconds here). It is given a window instead:
 * the text up to a line end some way ahead. A snippet found in a window is taken only when it ends
 * before text that is still in the window; that text holds the token after the snippet, the only
 * one JShell looks at past a snippet's end (an {@code else} after an if's block, say), whole, since
 * the window ends at a line end and only text blocks and block comments span lines (JShell calls
 * an open one incomplete). Otherwise the window doubles, up to the whole rest of the cell, where
 * the answer is JShell's own on the whole text.
 */
final class CellSplitter {

    /**
     * One snippet of a cell: its source as JShell wants it, the offset in the cell of its first
     * non-blank character, and the offset where its source starts (its leading blanks included).
     */
    record Piece(String source, int offset, int start) {

        /** True when the source is the cell's own text (JShell added no semicolon to it). */
        boolean verbatim(String cell) {
            return cell.startsWith(source, start);
        }

        int end() {
            return start + source.length();
        }
    }

    /** The first window, in characters; a window then adapts to the snippets' length. */
    private static final int FIRST_WINDOW = 256;

    private CellSplitter() {
    }

    static List<Piece> split(SourceCodeAnalysis analysis, String cell) {
        return split(analysis, cell, () -> false);
    }

    /** The cell's snippets; stops early (with the snippets found so far) once stopped says so. */
    static List<Piece> split(SourceCodeAnalysis analysis, String cell, BooleanSupplier stopped) {
        List<Piece> pieces = new ArrayList<>();
        int consumed = 0;
        int window = FIRST_WINDOW;
        while (!stopped.getAsBoolean()) {
            int offset = consumed + leadingWhitespace(cell, consumed);
            if (offset == cell.length()) {
                break;
            }
            int end = windowEnd(cell, offset, window);
            String remaining = cell.substring(consumed, end);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (end < cell.length() && !(c.isComplete() && !info.remaining().isBlank())) {
                window *= 2;
                continue;
            }
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete()) {
                pieces.add(new Piece(cell.substring(consumed), offset, consumed));
                break;
            }
            pieces.add(new Piece(info.source(), offset, consumed));
            int used = remaining.length() - info.remaining().length();
            consumed += used;
            window = Math.max(FIRST_WINDOW, 4 * used);
        }
        return pieces;
    }

    /** The end of the line that holds offset + window (exclusive), or the cell's end. */
    private static int windowEnd(String cell, int offset, int window) {
        if (window >= cell.length() - offset) {
            return cell.length();
        }
        int newline = cell.indexOf('\n', offset + window);
        return newline < 0 ? cell.length() : newline + 1;
    }

    private static int leadingWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** The 1-based line of the cell that offset is on. */
    static int lineOf(String cell, int offset) {
        return new Lines(cell).of(offset);
    }

    /** The cell's line starts, to find the line of many offsets in one pass over the cell. */
    static final class Lines {
        private final int[] newlines;

        Lines(String cell) {
            newlines = java.util.stream.IntStream.range(0, cell.length()).filter(i -> cell.charAt(i) == '\n').toArray();
        }

        /** The 1-based line that offset is on: one more than the newlines before it. */
        int of(int offset) {
            int i = java.util.Arrays.binarySearch(newlines, offset);
            return (i >= 0 ? i : -i - 1) + 1;
        }
    }
}
