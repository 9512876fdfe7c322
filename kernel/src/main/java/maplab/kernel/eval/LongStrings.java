package maplab.kernel.eval;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Finds a string constant too long for a class file (65,535 bytes of modified UTF-8, and fewer
 * than 65,535 chars) before JShell compiles it.
 *
 * <p>Why before: javac enters the constant in its constant pool, fails, and JShell's javac keeps
 * that pool for its next tasks (JDK 17), so every later snippet fails too ("UTF8 representation
 * for string ... is too long for the constant pool") and the session is lost. A literal or a sum
 * of literals (which javac folds into one constant) is found here; a constant built from constant
 * variables is not, and the evaluator then starts a new JShell (see Evaluator#runUnit).
 */
final class LongStrings {

    /** javac's message for such a constant (compiler.err.limit.string). */
    static final String MESSAGE = "constant string too long";

    /** A shorter snippet cannot hold one: a source char is at most 3 bytes of the constant. */
    private static final int MIN_SOURCE = 65_535 / 3;
    private static final int MAX_CHARS = 65_535;
    private static final int MAX_UTF8 = 65_535;
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private LongStrings() {
    }

    /** The position in source of a string constant too long for a class file, if any. */
    static OptionalInt find(String source) {
        if (source.length() < MIN_SOURCE) {
            return OptionalInt.empty();
        }
        // The snippet as a statement, a member and an expression (which Java does not take as a
        // statement, as JShell does): a literal is found in whichever parses it.
        String expression = source.strip().endsWith(";") ? source.substring(0, source.lastIndexOf(';')) : source;
        for (String[] wrap : List.of(new String[] {"class MapLabCell { void m() {\n", source, "\n;} }"},
                new String[] {"class MapLabCell {\n", source, "\n}"},
                new String[] {"class MapLabCell { Object o = (", expression, "\n); }"})) {
            OptionalInt at = find(wrap[0] + wrap[1] + wrap[2], wrap[0].length());
            if (at.isPresent()) {
                return at;
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt find(String text, int shift) {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///MapLabCell.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, new DiagnosticCollector<>(), List.of("-proc:none"),
                null, List.of(file));
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        long[] found = {-1};
        try {
            for (CompilationUnitTree unit : task.parse()) {
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitBinary(BinaryTree tree, Void unused) {
                        long[] size = found[0] < 0 ? constant(tree) : null;
                        if (tooLong(size)) {
                            found[0] = positions.getStartPosition(unit, tree);
                        }
                        // A constant's literals are measured in it; only other trees are walked.
                        return size == null ? super.visitBinary(tree, unused) : null;
                    }

                    @Override
                    public Void visitLiteral(LiteralTree tree, Void unused) {
                        if (found[0] < 0 && tooLong(constant(tree))) {
                            found[0] = positions.getStartPosition(unit, tree);
                        }
                        return null;
                    }
                }.scan(unit, null);
            }
        } catch (IOException e) {
            return OptionalInt.empty(); // an in-memory source cannot fail to read
        }
        return found[0] < 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.max(0, found[0] - shift));
    }

    /**
     * The size of the string constant javac folds a tree of literals and '+' into, as
     * {chars, modified UTF-8 bytes}, or null when the tree is not such a string constant.
     */
    private static long[] constant(Tree tree) {
        if (tree instanceof LiteralTree l) {
            return l.getValue() instanceof String str ? size(str)
                    : l.getValue() == null ? null : size(String.valueOf(l.getValue()));
        }
        if (tree instanceof ParenthesizedTree p) {
            return constant(p.getExpression());
        }
        if (tree instanceof BinaryTree b && b.getKind() == Tree.Kind.PLUS
                && (isString(b.getLeftOperand()) || isString(b.getRightOperand()))) {
            long[] left = constant(b.getLeftOperand());
            long[] right = left == null ? null : constant(b.getRightOperand());
            return right == null ? null : new long[] {left[0] + right[0], left[1] + right[1]};
        }
        return null;
    }

    /** Whether the tree is a string literal or a '+' with one (a string concatenation). */
    private static boolean isString(Tree tree) {
        while (tree instanceof ParenthesizedTree p) {
            tree = p.getExpression();
        }
        return tree instanceof LiteralTree l ? l.getValue() instanceof String
                : tree instanceof BinaryTree b && b.getKind() == Tree.Kind.PLUS
                        && (isString(b.getLeftOperand()) || isString(b.getRightOperand()));
    }

    private static long[] size(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c >= 0x01 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
        }
        return new long[] {s.length(), bytes};
    }

    static boolean tooLong(long[] size) {
        return size != null && (size[0] >= MAX_CHARS || size[1] > MAX_UTF8);
    }
}
