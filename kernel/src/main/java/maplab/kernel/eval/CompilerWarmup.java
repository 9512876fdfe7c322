package maplab.kernel.eval;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import jdk.jshell.JShell;

/**
 * Runs cells of plain Java through a JShell of its own, executed in this JVM, on a background
 * thread from the kernel's start until its first cell: the compiler's code then reaches the JIT
 * while JShell's own start waits for the cells' JVM, instead of during the user's first cells.
 * Four kernels each way, 50 trivial cells each after 5 unmeasured, quiet host, 2026-12-04: cell
 * p50 14.0 ms and p95 26.3 ms without it (medians over the kernels), 10.4 and 23.2 ms with it;
 * start to the first result 0.71-0.85 s without, 0.77-0.85 s with (docs/kernel.md). The
 * session's own JShell is not touched: no snippet, no {@code $N}, no import reaches the user.
 *
 * <p>A warm-up only: whatever fails here (a JShell that cannot start) is dropped, and the kernel
 * works as without it.
 */
public final class CompilerWarmup {

    /** Cell shapes a notebook starts with: expressions, declarations, a loop, a lambda, a method, a class. */
    private static final List<String> CELLS = List.of(
            "1 + 1",
            "int x = 2;\nx * 3",
            "Object $warm = java.util.Objects.requireNonNull(x + 1);",
            "String s = \"map\";\ns.length()",
            "var list = new java.util.ArrayList<Long>();\nfor (long k = 0; k < 9; k++) list.add(k);\nlist.size()",
            "java.util.function.LongUnaryOperator f = k -> k * 31;\nf.applyAsLong(7)",
            "long twice(long v) { return 2 * v; }",
            "twice(21)",
            "record Pair(long key, long elem) { }\nnew Pair(1, 2).key()",
            "java.util.Map<String, Integer> m = new java.util.HashMap<>();\nm.put(\"a\", 1);\nm");
    /**
     * At most this many rounds over the cells (the figures above are with ten): the first cell
     * stops the warm-up wherever it is, and a kernel left idle does them all.
     */
    private static final int ROUNDS = 10;

    /** Set by the first real cell: from then on the warm-up would only compete with the user's cells. */
    private static volatile boolean stopped;

    private CompilerWarmup() {
    }

    /** Ends the warm-up after the snippet it is compiling. */
    public static void stop() {
        stopped = true;
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void startInBackground() {
        Thread t = new Thread(() -> run(ROUNDS), "maplab-compiler-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * The warm-up itself, on this thread: {@code rounds} times over the cells, or until the first
     * real cell. The class-data archive's training run calls it for one round, to load its classes.
     */
    public static void run(int rounds) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        try (JShell shell = JShell.builder().executionEngine("local").out(nowhere).err(nowhere)
                .in(InputStream.nullInputStream()).compilerOptions("-proc:none").build()) {
            for (int round = 0; round < rounds; round++) {
                for (String cell : CELLS) {
                    if (stopped) {
                        return;
                    }
                    for (CellSplitter.Piece p : CellSplitter.split(shell.sourceCodeAnalysis(), cell)) {
                        shell.eval(p.source());
                    }
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // Only a warm-up: the kernel's cells run the same without it.
        }
    }
}
