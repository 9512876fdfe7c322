package maplab.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./maplab replay FILE|DIR...}: one line per trace, {@code PASS name ops=N} or its first
 * difference. Exit 0 when all pass, 1 when any differs, 2 when any file cannot be read or is
 * malformed (the message names the file and line). A directory means every .jsonl file under it.
 */
public final class ReplayMain {

    private ReplayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ./maplab replay FILE|DIR...  (traces in the format of docs/trace-format.md)");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        int status = 0;
        for (String a : args) {
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".jsonl")).sorted().forEach(files::add);
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    System.out.println("ERROR " + a + ": cannot list: " + e.getMessage());
                    status = 2;
                }
            } else {
                files.add(p);
            }
        }
        int passed = 0;
        int failed = 0;
        long ops = 0;
        for (Path f : files) {
            try {
                ReplayResult r = Replayer.replay(TraceReader.read(f));
                System.out.println(r.line());
                ops += r.opsCompared();
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                    status = Math.max(status, 1);
                }
            } catch (TraceFormatException e) {
                System.out.println("ERROR " + e.getMessage());
                status = 2;
            }
        }
        System.out.printf("replay: %,d operations compared in %d traces, %d unreadable%n", ops, files.size(),
                files.size() - passed - failed);
        System.out.printf("replay: %d passed, %d failed%n", passed, failed);
        return status;
    }
}
