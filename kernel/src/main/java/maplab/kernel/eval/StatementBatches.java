package maplab.kernel.eval;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;

/**
 * Groups a cell's consecutive plain statements into blocks that JShell evaluates as one snippet.
 *
 * <p>Why: every snippet costs JShell two to four javac tasks and a class loaded in the cells' JVM,
 * and each expression statement also declares a {@code $N} variable that every later snippet
 * imports, so a cell of 10,000 statements took minutes, the later ones slower than the first. A
 * block of a hundred statements costs about one snippet.
 *
 * <p>What is grouped: statements that declare nothing the session keeps (expression statements,
 * loops, ifs, blocks, try, switch...: {@link #PLAIN}), never variables, methods, types or imports,
 * which must stay session-wide, and never the cell's last snippet, whose value is shown. Which
 * snippet is which is read from one javac parse of the whole cell, each snippet alone in a method
 * body; a snippet with a syntax error there (a method declaration, {@code 1 + 1;}, which JShell
 * accepts and Java does not) stays on its own. The evaluator runs a block's statements one by one
 * instead when JShell does not accept the block (a compile error in one statement, code after an
 * endless loop that Java calls unreachable, a method too large), so the cell behaves as if every
 * snippet ran alone: the statements before a bad one run, then its error is shown.
 */
final class StatementBatches {

    /**
     * What the evaluator hands JShell: one snippet (members has one piece, source is its source)
     * or a block of pieces (source is "{" + their text in the cell + "\n}").
     */
    record Unit(String source, int offset, List<CellSplitter.Piece> members) {

        boolean block() {
            return members.size() > 1;
        }
    }

    private static final Set<Tree.Kind> PLAIN = EnumSet.of(Tree.Kind.EXPRESSION_STATEMENT, Tree.Kind.IF,
            Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP, Tree.Kind.WHILE_LOOP, Tree.Kind.DO_WHILE_LOOP,
            Tree.Kind.BLOCK, Tree.Kind.TRY, Tree.Kind.SWITCH, Tree.Kind.SYNCHRONIZED, Tree.Kind.LABELED_STATEMENT,
            Tree.Kind.EMPTY_STATEMENT, Tree.Kind.ASSERT, Tree.Kind.THROW);
    /** Bounds on a block, far from javac's 64 KB of bytecode per method for ordinary statements. */
    static final int MAX_STATEMENTS = 100;
    static final int MAX_CHARS = 8_000;
    /** Below this many snippets a cell is run snippet by snippet, as it always was. */
    static final int MIN_PIECES = 3;

    private StatementBatches() {
    }

    static List<Unit> group(List<CellSplitter.Piece> pieces, String cell) {
        boolean[] plain = pieces.size() < MIN_PIECES ? new boolean[pieces.size()] : plain(pieces, cell);
        List<Unit> units = new ArrayList<>();
        int i = 0;
        while (i < pieces.size()) {
            int j = i;
            int chars = 0;
            while (j < pieces.size() && plain[j] && j - i < MAX_STATEMENTS
                    && chars + pieces.get(j).source().length() <= MAX_CHARS) {
                chars += pieces.get(j).source().length();
                j++;
            }
            if (j - i >= 2) {
                List<CellSplitter.Piece> members = List.copyOf(pieces.subList(i, j));
                int from = members.get(0).offset();
                String text = cell.substring(from, members.get(members.size() - 1).end());
                // The brace sits right before the first statement, so the block's line k is the
                // cell's line (first line + k - 1) and a position p in it is the cell's (from - 1 + p).
                units.add(new Unit("{" + text + "\n}", from - 1, members));
                i = j;
            } else {
                CellSplitter.Piece p = pieces.get(i);
                units.add(new Unit(p.source(), p.offset(), List.of(p)));
                i++;
            }
        }
        return units;
    }

    /** For each piece, whether it is a plain statement that may share a block (the last never). */
    private static boolean[] plain(List<CellSplitter.Piece> pieces, String cell) {
        boolean[] plain = new boolean[pieces.size()];
        StringBuilder source = new StringBuilder("class MapLabCell {\n");
        int[] bodyStart = new int[pieces.size()];
        int[] bodyEnd = new int[pieces.size()];
        int candidates = 0;
        TreeMap<Integer, Integer> methods = new TreeMap<>();
        for (int k = 0; k < pieces.size() - 1; k++) {
            CellSplitter.Piece p = pieces.get(k);
            if (!p.verbatim(cell)) {
                continue;
            }
            candidates++;
            methods.put(source.length(), k);
            source.append("void m").append(k).append("() {\n");
            bodyStart[k] = source.length();
            source.append(p.source());
            bodyEnd[k] = source.length();
            source.append("\n}\n");
        }
        if (candidates < 2) {
            return plain;
        }
        source.append("}\n");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = ParseTasks.of("MapLabCell", source, diagnostics);
        Iterable<? extends CompilationUnitTree> units;
        try {
            units = task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A piece is bad when an error lies between the start of its method and the next one's.
        boolean[] bad = new boolean[pieces.size()];
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            if (d.getPosition() == Diagnostic.NOPOS) {
                return plain; // an error nowhere in particular: trust no piece's parse
            }
            var method = methods.floorEntry((int) d.getPosition());
            if (method != null) {
                bad[method.getValue()] = true;
            }
        }
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        for (CompilationUnitTree unit : units) {
            for (Tree type : unit.getTypeDecls()) {
                if (!(type instanceof ClassTree c)) {
                    continue;
                }
                for (Tree member : c.getMembers()) {
                    if (member instanceof MethodTree m && m.getName().toString().startsWith("m")) {
                        int k = index(m.getName().toString());
                        BlockTree body = m.getBody();
                        if (k >= 0 && k < pieces.size() - 1 && !bad[k] && body != null
                                && body.getStatements().size() == 1) {
                            StatementTree st = body.getStatements().get(0);
                            long from = positions.getStartPosition(unit, st);
                            long to = positions.getEndPosition(unit, st);
                            plain[k] = PLAIN.contains(st.getKind()) && from >= bodyStart[k] && to <= bodyEnd[k];
                        }
                    }
                }
            }
        }
        return plain;
    }

    private static int index(String methodName) {
        try {
            return Integer.parseInt(methodName.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
