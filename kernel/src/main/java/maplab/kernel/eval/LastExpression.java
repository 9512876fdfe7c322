package maplab.kernel.eval;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import maplab.kernel.agent.CellValue;

/**
 * The declaration the evaluator runs instead of a cell's last expression (see {@link CellValue}):
 * two javac tasks in JShell instead of four, no {@code $N} variable for every later snippet to
 * import. Only a parse decides, never a type: a piece that parses as one expression becomes
 * {@code Object $maplabN = CellValue.of(e);}, or {@code CellValue.call(() -> e)} for a method call
 * (the one expression that may be void). The evaluator falls back to the piece as JShell takes it
 * whenever the declaration does not compile, so errors, and expressions the overloads cannot place
 * (a {@code null}, a generic call without a target type), are JShell's own.
 */
final class LastExpression {

    /**
     * The variable the declaration assigns, numbered by the evaluator (a new name per cell: see
     * Evaluator#runLast); it holds null (the value goes to the agent).
     */
    static final String VARIABLE = "$maplab";

    /** Expressions never wrapped: they have no type of their own outside an assignment. */
    private static final Set<Tree.Kind> UNTYPED = EnumSet.of(Tree.Kind.LAMBDA_EXPRESSION, Tree.Kind.MEMBER_REFERENCE,
            Tree.Kind.NULL_LITERAL);

    private static final String HEAD = "class MapLabLast { Object " + VARIABLE + " = ";

    private LastExpression() {
    }

    /**
     * The declaration of {@code variable} for a piece's source (JShell's, with or without its final semicolon), or
     * null when the piece is not one expression. Text before the expression stays in place, so
     * the declaration's lines are the piece's and a runtime error names the same cell line.
     */
    static String declaration(String source, String variable) {
        String text = source.stripTrailing();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isBlank()) {
            return null;
        }
        String unit = HEAD + text + "\n; }";
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = ParseTasks.of("MapLabLast", unit, diagnostics);
        Iterable<? extends CompilationUnitTree> units;
        try {
            units = task.parse();
        } catch (IOException | RuntimeException e) {
            return null; // not ours to report: JShell gets the piece as it is
        }
        if (!diagnostics.getDiagnostics().isEmpty()) {
            return null;
        }
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        for (CompilationUnitTree cu : units) {
            if (cu.getTypeDecls().size() != 1 || !(cu.getTypeDecls().get(0) instanceof ClassTree c)
                    || c.getMembers().size() != 1 || !(c.getMembers().get(0) instanceof VariableTree v)
                    || v.getInitializer() == null) {
                return null;
            }
            ExpressionTree e = v.getInitializer();
            long from = positions.getStartPosition(cu, e);
            long to = positions.getEndPosition(cu, e);
            // One expression: anything else (two statements run together, a declaration) left
            // parse errors, so only blanks and comments follow it in the text.
            boolean bareArray = e instanceof NewArrayTree a && a.getType() == null; // {1, 2}: a block to JShell
            if (UNTYPED.contains(e.getKind()) || bareArray || from < HEAD.length() || to > HEAD.length() + text.length()) {
                return null;
            }
            int start = (int) (from - HEAD.length());
            String before = text.substring(0, start);
            String expression = text.substring(start);
            return e.getKind() == Tree.Kind.METHOD_INVOCATION
                    ? before + "Object " + variable + " = " + CellValue.class.getName() + ".call(() -> " + expression + "\n);"
                    : before + "Object " + variable + " = " + CellValue.class.getName() + ".of(" + expression + "\n);";
        }
        return null;
    }
}
