package maplab.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Cuts a cell into the snippets JShell evaluates one at a time, remembering where each starts in
 * the cell so that errors can name the cell's line. An incomplete or unparseable tail becomes one
 * last snippet, so that JShell reports its compile error rather than it being silently dropped.
 */
final class CellSplitter {

    /** One snippet of a cell: its source as JShell wants it and its offset in the cell. */
    record Piece(String source, int offset) {
    }

    private CellSplitter() {
    }

    static List<Piece> split(SourceCodeAnalysis analysis, String cell) {
        List<Piece> pieces = new ArrayList<>();
        int consumed = 0;
        String remaining = cell;
        while (!remaining.isBlank()) {
            int offset = consumed + leadingWhitespace(remaining);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete()) {
                pieces.add(new Piece(remaining, offset));
                break;
            }
            pieces.add(new Piece(info.source(), offset));
            consumed += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return pieces;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The 1-based line of the cell that offset is on. */
    static int lineOf(String cell, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, cell.length()); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
