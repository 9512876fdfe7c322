package maplab.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./maplab replay FILE|DIR...}: one line per trace, {@code PASS name ops=N} or its first
 * difference. Exit 0 when all pass, 1 when any differs, 2 when any argument or file cannot be
 * read or is malformed (the message names the file and line); 2 wins over 1 whatever the order.
 * A directory means every .jsonl file under it, and must hold at least one. Every file gets its
 * line and the summary is always printed: nothing one file does stops the others.
 */
public final class ReplayMain {

    private ReplayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** The whole command: its output to {@code out}, usage errors to {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: ./maplab replay FILE|DIR...  (traces in the format of docs/trace-format.md)");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        int status = 0;
        for (String a : args) {
            String problem = collect(a, files);
            if (problem != null) {
                out.println("ERROR " + problem);
                status = 2;
            }
        }
        int passed = 0;
        int failed = 0;
        long ops = 0;
        for (Path f : files) {
            try {
                ReplayResult r = Replayer.replay(TraceReader.read(f));
                out.println(r.line());
                ops += r.opsCompared();
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                    status = Math.max(status, 1);
                }
            } catch (TraceFormatException e) {
                out.println("ERROR " + e.getMessage());
                status = 2;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // Never a stack trace: the reader's limits should make this unreachable, and if
                // one is missed the file is still named and the others still run.
                out.println("ERROR " + f + ": cannot replay: " + e);
                status = 2;
            }
        }
        out.printf("replay: %,d operations compared in %d traces, %d unreadable%n", ops, files.size(),
                files.size() - passed - failed);
        out.printf("replay: %d passed, %d failed%n", passed, failed);
        return status;
    }

    /** Adds the trace files an argument names; returns what is wrong with it, or null. */
    private static String collect(String a, List<Path> files) {
        if (a.isBlank()) {
            return "an empty argument: name a trace file or a directory of them";
        }
        Path p;
        try {
            p = Path.of(a);
        } catch (java.nio.file.InvalidPathException e) {
            return a + ": not a valid path: " + e.getReason();
        }
        if (!Files.isDirectory(p)) {
            files.add(p); // the reader says what is wrong with it, if anything
            return null;
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
            s.filter(f -> f.getFileName().toString().endsWith(".jsonl") && !Files.isDirectory(f))
                    .sorted().forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            Throwable c = e instanceof UncheckedIOException ? e.getCause() : e;
            return a + ": cannot list: " + c;
        }
        if (found.isEmpty()) {
            return a + ": no .jsonl traces in this directory";
        }
        files.addAll(found);
        return null;
    }
}
