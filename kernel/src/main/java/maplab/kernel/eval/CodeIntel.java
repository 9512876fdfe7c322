package maplab.kernel.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Completion, inspection and completeness, through JShell's source analysis. A cell holds many
 * snippets while JShell analyses one, so each query first finds the snippet under the cursor.
 * Offsets here are Java string indexes (UTF-16); the message layer converts Jupyter's.
 */
final class CodeIntel {

    /** Completion matches replacing cell[start, end). */
    public record Completion(List<String> matches, int start, int end) {
    }

    public enum Status { COMPLETE, INCOMPLETE, INVALID }

    private CodeIntel() {
    }

    static Completion complete(SourceCodeAnalysis analysis, String cell, int cursor) {
        int start = snippetStart(analysis, cell, cursor);
        int[] anchor = new int[1];
        Set<String> matches = new LinkedHashSet<>();
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(cell.substring(start, cursor), cursor - start, anchor);
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            if (s.matchesType()) {
                matches.add(s.continuation());
            }
        }
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            matches.add(s.continuation());
        }
        return new Completion(new ArrayList<>(matches), start + anchor[0], cursor);
    }

    static List<String> documentation(SourceCodeAnalysis analysis, String cell, int cursor) {
        int start = snippetStart(analysis, cell, cursor);
        List<String> out = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation d
                : analysis.documentation(cell.substring(start, cursor), cursor - start, true)) {
            String doc = d.javadoc();
            out.add(doc == null || doc.isBlank() ? d.signature() : d.signature() + "\n\n" + doc.strip());
        }
        return out;
    }

    static Status isComplete(SourceCodeAnalysis analysis, String cell) {
        String remaining = cell;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                return Status.COMPLETE;
            }
            if (c == Completeness.DEFINITELY_INCOMPLETE || c == Completeness.CONSIDERED_INCOMPLETE) {
                return Status.INCOMPLETE;
            }
            if (c == Completeness.UNKNOWN) {
                return Status.INVALID;
            }
            remaining = info.remaining();
        }
        return Status.COMPLETE;
    }

    /** Where the snippet containing the cursor begins in the cell. */
    private static int snippetStart(SourceCodeAnalysis analysis, String cell, int cursor) {
        int start = 0;
        for (CellSplitter.Piece p : CellSplitter.split(analysis, cell.substring(0, cursor))) {
            start = p.offset();
        }
        return start;
    }
}
