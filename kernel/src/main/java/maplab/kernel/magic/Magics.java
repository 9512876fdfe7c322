package maplab.kernel.magic;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import maplab.kernel.eval.CellResult;
import maplab.kernel.eval.CellRunner;
import maplab.kernel.eval.ErrorReport;
import maplab.kernel.eval.OutputSink;

/**
 * IPython-style magics, the ones IJava users know. A cell may start with one cell magic
 * ({@code %%time}, {@code %%timeout SECONDS}) and then line magics ({@code %classpath},
 * {@code %jars}, {@code %lsmagic}), one per line, before its Java code. A line starting with
 * {@code %} is never valid Java, so reading these lines cannot steal code from JShell.
 */
public final class Magics {

    static final String LIST = "Line magics: %classpath PATH..., %jars PATH... (jars, class folders, dir/*.jar),"
            + " %maven GROUP:ARTIFACT:VERSION... (with its dependencies, from Maven Central), %lsmagic\n"
            + "Cell magics: %%time (wall time of the cell), %%timeout SECONDS (stop the cell after that long)\n";

    private final CellRunner runner;
    private final OutputSink out;

    public Magics(CellRunner runner, OutputSink out) {
        this.runner = runner;
        this.out = out;
    }

    public CellResult run(String cell) {
        String rest = cell.stripLeading();
        if (rest.startsWith("%%")) {
            int nl = rest.indexOf('\n');
            String line = nl < 0 ? rest : rest.substring(0, nl);
            String body = nl < 0 ? "" : rest.substring(nl + 1);
            return cellMagic(line.substring(2).trim(), body);
        }
        return lines(cell, null);
    }

    private CellResult cellMagic(String line, String body) {
        String[] words = line.split("\\s+");
        switch (words[0]) {
            case "time": {
                long start = System.nanoTime();
                CellResult r = lines(body, null);
                long ms = (System.nanoTime() - start) / 1_000_000;
                out.stdout("Wall time: " + ms + " ms\n");
                return r;
            }
            case "timeout": {
                if (words.length != 2) {
                    return usage("%%timeout takes one argument, the limit in seconds: %%timeout 5");
                }
                double seconds;
                try {
                    seconds = Double.parseDouble(words[1]);
                } catch (NumberFormatException e) {
                    return usage("%%timeout: '" + words[1] + "' is not a number of seconds");
                }
                if (!(seconds > 0)) {
                    return usage("%%timeout: the limit must be positive, not " + words[1]);
                }
                return lines(body, Duration.ofMillis((long) (seconds * 1000)));
            }
            default:
                return unknown("%%" + words[0]);
        }
    }

    /** Runs the leading line magics, then the code after them. */
    private CellResult lines(String cell, Duration limit) {
        String[] lines = cell.split("\n", -1);
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("%")) {
                break;
            }
            CellResult r = lineMagic(line.substring(1).trim());
            if (!r.ok()) {
                return r;
            }
        }
        // Keep the line count: errors in the code then name the cell's own line numbers.
        String code = "\n".repeat(i) + String.join("\n", java.util.Arrays.asList(lines).subList(i, lines.length));
        if (code.isBlank()) {
            return CellResult.success(null);
        }
        return runner.execute(code, limit);
    }

    private CellResult lineMagic(String line) {
        String[] words = line.split("\\s+");
        switch (words[0]) {
            case "lsmagic":
                out.stdout(LIST);
                return CellResult.success(null);
            case "classpath":
            case "jars":
                if (words.length < 2) {
                    return usage("%" + words[0] + " takes one or more paths: %" + words[0] + " lib/foo.jar dir/*.jar");
                }
                for (int k = 1; k < words.length; k++) {
                    List<Path> paths;
                    try {
                        paths = expand(words[k]);
                    } catch (java.io.IOException e) {
                        return usage("%" + words[0] + ": cannot read " + words[k] + ": " + e.getMessage());
                    }
                    if (paths.isEmpty()) {
                        return usage("%" + words[0] + ": no such file or directory: " + words[k]);
                    }
                    for (Path p : paths) {
                        runner.addToClasspath(p.toAbsolutePath().toString());
                        out.stdout("Added to the class path: " + p.toAbsolutePath() + "\n");
                    }
                }
                return CellResult.success(null);
            case "maven":
                return maven(words);
            default:
                return unknown("%" + words[0]);
        }
    }

    /** %maven COORDINATES...: resolves each, then adds its jars to the class path. */
    private CellResult maven(String[] words) {
        if (words.length < 2) {
            return usage("%maven takes one or more group:artifact:version: %maven org.apache.commons:commons-math3:3.6.1");
        }
        MavenResolver resolver = MavenResolver.fromEnvironment();
        for (int k = 1; k < words.length; k++) {
            List<Path> jars;
            try {
                jars = resolver.resolve(words[k]);
            } catch (MavenResolver.Failure e) {
                return usage("%maven: " + e.getMessage());
            }
            for (Path jar : jars) {
                runner.addToClasspath(jar.toString());
            }
            out.stdout("Added " + words[k] + (jars.size() > 1 ? " and " + (jars.size() - 1) + " dependencies" : "")
                    + " to the class path (from " + resolver.localRepository() + ")\n");
        }
        return CellResult.success(null);
    }

    /** A path, or every match of a glob in its last component (dir/*.jar). */
    static List<Path> expand(String spec) throws java.io.IOException {
        Path p = Paths.get(spec);
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        List<Path> out = new ArrayList<>();
        if (last.contains("*") || last.contains("?")) {
            Path dir = p.getParent() == null ? Paths.get(".") : p.getParent();
            if (!Files.isDirectory(dir)) {
                return out;
            }
            try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, last)) {
                matches.forEach(out::add);
            }
            out.sort(null);
        } else if (Files.exists(p)) {
            out.add(p);
        }
        return out;
    }

    private static CellResult usage(String message) {
        return CellResult.failure(new ErrorReport("MagicError", message, List.of("MagicError: " + message)));
    }

    private static CellResult unknown(String name) {
        String message = "unknown magic " + name + "; %lsmagic lists them";
        return CellResult.failure(new ErrorReport("UnknownMagic", message, List.of("UnknownMagic: " + message)));
    }
}
